/**
 * The `limitlab` command (DESIGN §3). Exit status: 0 success, 1 a run failed or was cancelled,
 * 2 bad input (nothing is written). With --json exactly one JSON document goes to stdout;
 * progress and messages go to stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunQuery, RunStatus, RunSummary, SweepSpec } from '../api.js';
import { ApiError, RUN_STATUSES, sweepSpecSchema, TEXT_LIMITS } from '../api.js';
import { clip, echo } from '../../core/models/echo.js';
import type { ModelKind } from '../../core/models/model-kind.js';
import { replicasRefusal, type ReplicasWording } from '../../core/models/repetitions.js';
import { parseFilter } from '../engine/library/filters.js';
import { getKind, kinds } from '../../core/models/registry.js';
import { deepMerge, resolveParams, setPath } from '../../core/models/resolve-params.js';
import { expandSweep, SweepSpecError } from '../engine/sweeps.js';
import { getAtPath } from '../../core/models/param-paths.js';
import { createEngine, type Engine } from '../engine/index.js';
import { kindInfo } from '../engine/service.js';
import { chooseLibraryPath } from '../engine/paths.js';
import { LibraryFileError } from '../engine/library/db.js';
import { fileErrorReason, showPath } from '../engine/file-checks.js';
import { runToJson } from '../engine/export/data-export.js';
import { IMAGE_FLAGS, planImageOutputs, renderImageOutputs, type ImagePlan } from './image-outputs.js';
import { flag, flags, intFlag, parseArgs, UsageError, type FlagSpec } from './args.js';
import { checkSeries, checkText, FIGURE_FLAGS, planOutputs, renderOutputs, writeOutputs, type OutFormat } from './outputs.js';
import { guardInterrupts } from './signals.js';

export { interrupted } from './signals.js';
import { sweepProgressPrinter } from './sweep-progress.js';
import { fitLine, partialLine } from './partial-line.js';
import { paramsFromSets } from './set-params.js';
import { startHost } from '../host/server.js';
import { addEstimates, costRefusal, estimateRun, NO_COST } from '../engine/cost-guard.js';
import { checkSlurmFlagsAlone, cmdCollect, cmdJobs, cmdSweepTask, SLURM_SWEEP_FLAGS, sweepToSlurm } from './slurm-commands.js';
import { planReproduction, REPRODUCE_FLAGS, runReproduction } from './reproduce.js';

const USAGE = `limitlab — exact limiting theory beside finite-size simulation

  limitlab kinds [--json]
  limitlab run KIND [--preset NAME] [--set key=value]... [--seed N] [--replicas R] [--force]
                    [--name TEXT] [--db PATH] [--json] [--out FILE.(csv|json|svg|pdf|png)]...
  limitlab resume RUN_ID [--db PATH] [--json]
  limitlab rerun RUN_ID [--seed N] [--force] [--db PATH] [--json]   the same run again (a new seed unless --seed)
  limitlab list [--db PATH] [--json] [--search TEXT] [--tag TAG] [--where "lr.gamma > 1"]...
  limitlab show RUN_ID [--db PATH] [--json]
  limitlab export RUN_ID... --out FILE.(csv|json|svg|pdf|png|limitlab)... [--db PATH]
  limitlab export RUN_ID (--image NAME | --grid NAME) --out FILE.png [--db PATH]   an image, exact pixels; a grid as a labelled figure
  limitlab import FILE.limitlab [--db PATH] [--json]
  limitlab sweep KIND --grid key=v1,v2,... [--grid ...] | --zip key=... [--zip ...] | --seeds 1,2,3
                    [--preset NAME] [--set key=value]... [--seed N] [--replicas R] [--force] [--db PATH] [--json]
                    [--slurm DIR [--partition P] [--time HH:MM:SS] [--cpus-per-task C] [--mem M] [--array-max K]
                     [--tasks N] [--account A] [--dry-run]]
  limitlab jobs [DIR] [--json]
  limitlab collect DIR [--resubmit-failed] [--db PATH] [--json]
  limitlab reproduce [--paper ARXIV] [--kind K] [--quick] [--json] [--out report.html|report.pdf]... [--db PATH]
  limitlab serve [--port N] [--db PATH]

Figure options (with --out .svg/.pdf/.png): --series NAME[,NAME...] --log-x --log-y --width-mm W --height-mm H
  --font-size PT --scale 1..3 | --dpi N (png) --theme light|dark --title TEXT --xlabel TEXT --ylabel TEXT
  --xlim LO,HI --ylim LO,HI (either may be empty) --legend auto|upper-right|upper-left|lower-left|lower-right|right|below|none
  --preset single|double|slide|poster (export; run: --figure-preset) --panels ROWSxCOLUMNS --letters;
  a figure of several runs overlays them, or with --panels draws one panel per run (and per series).

The library defaults to library.sqlite in the user-data folder (LIMITLAB_DB or --db override).`;

/** Most `--where` filters of one query (the API's limit). */
const MAX_FILTERS = 16;
const RUN_FORMATS: readonly OutFormat[] = ['csv', 'json', 'svg', 'pdf', 'png'];
const EXPORT_FORMATS: readonly OutFormat[] = [...RUN_FORMATS, 'limitlab'];

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'kinds':
        return cmdKinds(rest, io);
      case 'run':
        return await cmdRun(rest, io);
      case 'list':
        return await cmdList(rest, io);
      case 'show':
        return await cmdShow(rest, io);
      case 'export':
        return await cmdExport(rest, io);
      case 'serve':
        return await cmdServe(rest, io);
      case 'sweep':
        return await cmdSweep(rest, io);
      case 'resume':
        return await cmdResume(rest, io);
      case 'rerun':
        return await cmdRerun(rest, io);
      case 'import':
        return await cmdImport(rest, io);
      case 'jobs':
        return await cmdJobs(rest, io);
      case 'collect':
        return await cmdCollect(rest, io, (parsed, fn) => withEngine(library(parsed), (engine) => fn(engine)), DB);
      case 'sweep-task':
        return await cmdSweepTask(rest, io);
      case 'reproduce':
        return await cmdReproduce(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE + '\n');
        return command === undefined ? 2 : 0;
      case '--version':
      case 'version':
        io.out((await import('../engine/app-version.js')).APP_VERSION + '\n');
        return 0;
      default:
        throw new UsageError(`unknown command ${echo(command)}; commands: kinds, run, resume, rerun, list, show, export, import, sweep, jobs, collect, reproduce, serve`);
    }
  } catch (error) {
    io.err(`limitlab: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return exitStatus(error);
  }
}

/** 2 for bad input (nothing was written), 1 for anything else (a missing run, a failure). */
function exitStatus(error: unknown): number {
  if (error instanceof UsageError || error instanceof LibraryFileError) return 2;
  if (error instanceof ApiError && (error.code === 'invalid_params' || error.code === 'unknown_kind' || error.code === 'bad_request' || error.code === 'too_costly')) return 2;
  return 1;
}

/** A message as one line of bounded length, whatever it quotes. */
function oneLine(message: string): string {
  return clip(message.replace(/\s*[\r\n]+\s*/g, ' '), MAX_MESSAGE);
}

/** Longest error line the command prints. */
const MAX_MESSAGE = 1000;

const DB: Record<string, FlagSpec> = { db: { value: true } };
const JSON_FLAG: Record<string, FlagSpec> = { json: { value: false } };

/** The library a command opens: `--db`, else LIMITLAB_DB, else the default in the user-data folder. */
interface Library {
  path: string;
  /** Named by the user: its folder must exist (the default folder is created). */
  named: boolean;
}

function library(parsed: ReturnType<typeof parseArgs>): Library {
  const given = flag(parsed, 'db');
  if (given !== undefined && given.trim() === '') throw new UsageError('--db needs the path of a library file');
  const chosen = chooseLibraryPath(given);
  return { path: resolve(chosen.path), named: chosen.named };
}

function cmdKinds(argv: string[], io: Io): number {
  const parsed = parseArgs(argv, JSON_FLAG);
  if (parsed.positional.length) throw new UsageError(`kinds takes no arguments`);
  const infos = kinds.map(kindInfo);
  if (parsed.flags.has('json')) {
    io.out(JSON.stringify({ kinds: infos }, null, 1) + '\n');
    return 0;
  }
  for (const k of infos) {
    io.out(`${k.id}  ${k.title}\n  papers: ${k.paper.map((p) => `arXiv:${p.arxiv}`).join(', ')}\n  presets: ${k.presets.map((p) => p.name).join(', ')}\n`);
    if (k.inputs.length) io.out(`  reads: ${k.inputs.map((i) => `${i.pathParam} (${i.accepts.join(' or ')})`).join(', ')}\n`);
    io.out(`  defaults: ${JSON.stringify(k.defaults)}\n\n`);
  }
  return 0;
}

/**
 * Runs `fn` on an engine over the library and closes it; what `fn` hands to `afterClose` runs once
 * the engine is closed (an interrupt guard stays until then, so no late Ctrl+C cuts the close short).
 */
async function withEngine<T>(lib: Library, fn: (engine: Engine, afterClose: (release: () => void) => void) => Promise<T>): Promise<T> {
  const engine = await createEngine({ dbPath: lib.path, createFolder: !lib.named });
  const releases: (() => void)[] = [];
  try {
    return await fn(engine, (release) => releases.push(release));
  } catch (error) {
    throw nameLibrary(error, lib.path);
  } finally {
    try {
      await engine.close();
    } finally {
      for (const release of releases) release();
    }
  }
}

/** An SQLite error while the library is open, with the file named (others pass unchanged). */
function nameLibrary(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  return new Error(`the library ${showPath(path)}: ${(error as Error).message}`);
}

async function cmdRun(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, {
    ...DB, ...JSON_FLAG,
    preset: { value: true },
    set: { value: true, repeat: true },
    seed: { value: true },
    replicas: { value: true },
    name: { value: true },
    force: { value: false },
    out: { value: true, repeat: true },
    ...FIGURE_FLAGS,
  });
  const [kindId, ...extra] = parsed.positional;
  if (!kindId) throw new UsageError('run needs a KIND; see "limitlab kinds"');
  if (extra.length) throw new UsageError(`unexpected argument ${echo(extra[0])}`);
  const kind = requireKind(kindId);
  const seed = intFlag(parsed, 'seed', 0, 2 ** 32 - 1);
  const replicas = intFlag(parsed, 'replicas', 1, 1024);
  refuseReplicas(kind, replicas);
  const name = flag(parsed, 'name');
  if (name !== undefined) checkText('name', name, TEXT_LIMITS.name);
  const lib = library(parsed);
  // Every option is checked before the library is touched: bad input writes nothing.
  const plan = planOutputs(parsed, { allowed: RUN_FORMATS, libraryPath: lib.path, replicasStyle: false });
  checkSeries(plan, kind.outputs.observables.map((o) => o.name), kindId);
  const params = paramsFromSets(kind, flags(parsed, 'set'));
  const preset = flag(parsed, 'preset');
  const resolved = resolveParams(kind, { ...(preset !== undefined ? { preset } : {}), params });
  if (!resolved.ok) throw new UsageError(resolved.issues[0]!.message);
  const force = parsed.flags.has('force');
  refuseCostly(costRefusal(estimateRun(kind, resolved.params, replicas ?? 1), { force }));
  for (const warning of kind.warnings?.(resolved.params) ?? []) io.err(`warning: ${warning}\n`);

  return withEngine(lib, async (engine, afterClose) => {
    const summary = await engine.service.start({
      kind: kindId, params, ...(preset !== undefined ? { preset } : {}),
      ...(seed !== undefined ? { seed } : {}), ...(replicas !== undefined ? { replicas } : {}),
      ...(name !== undefined ? { name } : {}), ...(force ? { force } : {}),
    });
    io.err(`run ${summary.id} (${kindId}, seed ${summary.seed}, ${repetitionsText(kind, resolved.params, summary.replicas)})\n`);
    const final = await followRun(engine, summary.id, io, afterClose);
    const detail = engine.service.runs.detail(summary.id)!;
    if (final.status !== 'done') {
      io.err(`limitlab: run ${final.id} ${final.status}${final.error ? ': ' + final.error : ''}\n`);
      if (parsed.flags.has('json')) io.out(JSON.stringify(runToJson(detail)) + '\n');
      return 1;
    }
    checkSeries(plan, [...new Set(detail.result?.series.map((s) => s.name) ?? [])], `run ${detail.id}`);
    writeOutputs(await renderOutputs(plan, [detail], engine), (line) => io.err(line));
    if (parsed.flags.has('json')) io.out(JSON.stringify(runToJson(detail)) + '\n');
    else {
      io.err(`done in ${((final.durationMs ?? 0) / 1000).toFixed(2)} s\n`);
      for (const [k, v] of Object.entries(detail.result?.scalars ?? {})) io.out(`${k} = ${v}\n`);
      for (const note of detail.result?.notes ?? []) io.out(`note: ${note}\n`);
    }
    return 0;
  });
}

/**
 * Waits for a run to settle, printing its progress on stderr (one line rewritten on a terminal,
 * every 10 % otherwise) with the latest partial result of a part, marked as such; Ctrl+C cancels it
 * (the guard is released once the engine is closed).
 */
async function followRun(engine: Engine, id: string, io: Io, afterClose: (release: () => void) => void): Promise<RunSummary> {
  const guard = guardInterrupts(() => engine.service.cancel(id), (line) => io.err(line));
  const interactive = process.stderr.isTTY;
  let lastLine = -10;
  let note: string | undefined;
  /** The latest partial result, shown after the percentage (never stored). */
  let sofar = '';
  const off = engine.on('run:progress', (p) => {
    if (p.id !== id) return;
    if (p.partial) sofar = partialLine(p.partial);
    else note = p.note;
    const pct = Math.floor(p.fraction * 100);
    const tail = [note, sofar].filter(Boolean).join(' · ');
    if (interactive) io.err(`\r${fitLine(`  ${String(pct).padStart(3)}%${tail ? ' ' + tail : ''}`, (process.stderr.columns || 100) - 1)}\u001b[K`);
    else if (pct >= lastLine + 10) {
      lastLine = pct - (pct % 10);
      io.err(`  ${pct}%${sofar ? ' ' + sofar : ''}\n`);
    }
  });
  afterClose(() => guard.release());
  try {
    return await engine.service.whenSettled(id);
  } finally {
    off();
    if (interactive) io.err('\r\u001b[K');
  }
}

/**
 * `limitlab resume RUN_ID`: continue an interrupted run from its stored parts. An unknown id or a
 * run that is not interrupted is bad input (exit 2, nothing written).
 */
async function cmdResume(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, ...JSON_FLAG });
  const [id, ...extra] = parsed.positional;
  if (!id || extra.length) throw new UsageError('resume needs exactly one RUN_ID');
  checkRunId(id);
  return withEngine(library(parsed), async (engine, afterClose) => {
    let summary: RunSummary;
    try {
      const before = engine.service.runs.summary(id);
      summary = await engine.service.resume(id);
      const parts = before?.interrupted;
      io.err(`resume ${id} (${summary.kind}, seed ${summary.seed}${parts?.partsTotal ? `, ${parts.partsDone}/${parts.partsTotal} parts stored` : ''})\n`);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'bad_request')) throw new UsageError(error.message);
      throw error;
    }
    return followAndReport(engine, id, io, afterClose, parsed.flags.has('json'));
  });
}

/**
 * `limitlab rerun RUN_ID`: the run's kind, parameters, replicas and name again as a new run (a new
 * random seed unless --seed), followed as `run` is. A re-run over the cost limit is refused as
 * `run` refuses it (exit 2, nothing written) unless --force; an unknown id is bad input too.
 */
async function cmdRerun(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, ...JSON_FLAG, seed: { value: true }, force: { value: false } });
  const [id, ...extra] = parsed.positional;
  if (!id || extra.length) throw new UsageError('rerun needs exactly one RUN_ID');
  checkRunId(id);
  const seed = intFlag(parsed, 'seed', 0, 2 ** 32 - 1);
  const force = parsed.flags.has('force');
  return withEngine(library(parsed), async (engine, afterClose) => {
    let summary: RunSummary;
    try {
      summary = await engine.service.call('runs:rerun', id, { ...(seed !== undefined ? { seed } : {}), ...(force ? { force } : {}) });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'too_costly') refuseCostly(error.message);
      if (error instanceof ApiError && error.code !== 'internal') throw new UsageError(error.message);
      throw error;
    }
    io.err(`run ${summary.id} (re-run of ${id}: ${summary.kind}, seed ${summary.seed}, ${summary.replicas} replica${summary.replicas === 1 ? '' : 's'})\n`);
    return followAndReport(engine, summary.id, io, afterClose, parsed.flags.has('json'));
  });
}

/**
 * Follows a resumed or re-run run to its end and reports it as `run` does: with --json its record
 * on stdout; otherwise the time, the scalars and the notes. Exit 1 unless it ends done.
 */
async function followAndReport(engine: Engine, id: string, io: Io, afterClose: (release: () => void) => void, json: boolean): Promise<number> {
  const final = await followRun(engine, id, io, afterClose);
  const detail = engine.service.runs.detail(id)!;
  if (json) io.out(JSON.stringify(runToJson(detail)) + '\n');
  if (final.status !== 'done') {
    io.err(`limitlab: run ${final.id} ${final.status}${final.error ? ': ' + final.error : ''}\n`);
    return 1;
  }
  if (!json) {
    io.err(`done in ${((final.durationMs ?? 0) / 1000).toFixed(2)} s\n`);
    for (const [k, v] of Object.entries(detail.result?.scalars ?? {})) io.out(`${k} = ${v}\n`);
    for (const note of detail.result?.notes ?? []) io.out(`note: ${note}\n`);
  }
  return 0;
}

/** A run's status as `list` shows it: an interrupted run as `interrupted k/n` (its stored parts). */
function shownStatus(r: RunSummary): string {
  if (!r.interrupted) return r.status;
  const { partsDone, partsTotal } = r.interrupted;
  return partsTotal ? `interrupted ${partsDone}/${partsTotal}` : 'interrupted';
}

/** What a run id looks like (the API's pattern). */
const RUN_ID = /^[0-9a-z-]{8,64}$/;

function checkRunId(id: string): void {
  if (!RUN_ID.test(id)) throw new UsageError(`${echo(id)} is not a run id: 8 to 64 digits, lower-case letters and hyphens`);
}

/** The kind named on the command line, or a UsageError listing the known ones. */
function requireKind(kindId: string): ModelKind<unknown> {
  const kind = getKind(kindId);
  if (!kind) throw new UsageError(`unknown kind ${echo(kindId)}; known: ${kinds.map((k) => k.id).join(', ')}`);
  return kind;
}

async function cmdList(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, {
    ...DB, ...JSON_FLAG, limit: { value: true }, search: { value: true }, tag: { value: true }, kind: { value: true },
    status: { value: true }, where: { value: true, repeat: true },
  });
  if (parsed.positional.length) throw new UsageError('list takes no arguments');
  const limit = intFlag(parsed, 'limit', 1, 1000) ?? 1000;
  const query: RunQuery = { limit };
  const text = flag(parsed, 'search');
  const tag = flag(parsed, 'tag');
  const kindFilter = flag(parsed, 'kind');
  const status = flag(parsed, 'status');
  if (text !== undefined) {
    checkText('search', text, TEXT_LIMITS.search);
    query.text = text;
  }
  if (tag !== undefined) {
    checkText('tag', tag, TEXT_LIMITS.tag);
    query.tag = tag;
  }
  if (kindFilter !== undefined) {
    checkText('kind', kindFilter, TEXT_LIMITS.kind);
    query.kind = kindFilter;
  }
  if (status !== undefined) {
    if (!(RUN_STATUSES as string[]).includes(status)) throw new UsageError(`--status = ${echo(status)} is not allowed: expected one of ${RUN_STATUSES.join(', ')}`);
    query.status = status as RunStatus;
  }
  const where = flags(parsed, 'where');
  if (where.length > MAX_FILTERS) throw new UsageError(`--where is given ${where.length} times: at most ${MAX_FILTERS} filters`);
  for (const w of where) {
    checkText('where', w, TEXT_LIMITS.where);
    try {
      parseFilter(w);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (where.length) query.where = where;
  return withEngine(library(parsed), async (engine) => {
    const runs = (await engine.call('runs:query', query)).items;
    if (parsed.flags.has('json')) io.out(JSON.stringify({ runs }) + '\n');
    else {
      for (const r of runs) {
        const duration = r.durationMs === null ? '' : `${(r.durationMs / 1000).toFixed(2)}s`;
        io.out(`${r.id}  ${shownStatus(r).padEnd(9)} ${r.kind.padEnd(10)} ${r.createdAt}  ${duration.padStart(8)}  ${r.name}\n`);
      }
      if (!runs.length) io.err('the library is empty\n');
    }
    return 0;
  });
}

async function cmdShow(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, ...JSON_FLAG });
  const [id, ...extra] = parsed.positional;
  if (!id || extra.length) throw new UsageError('show needs exactly one RUN_ID');
  checkRunId(id);
  return withEngine(library(parsed), async (engine) => {
    const detail = engine.service.runs.detail(id);
    if (!detail) throw new ApiError('not_found', `no run with id ${clip(id)}`);
    if (parsed.flags.has('json')) io.out(JSON.stringify(runToJson(detail)) + '\n');
    else {
      io.out(`${detail.id}  ${detail.name}\n  kind ${detail.kind}, status ${detail.status}${detail.interrupted ? ` (${shownStatus(detail)}; limitlab resume ${detail.id})` : ''}, seed ${detail.seed}, replicas ${detail.replicas}\n`);
      io.out(`  params ${JSON.stringify(detail.params)}\n  rng ${detail.rng}, app ${detail.appVersion}, created ${detail.createdAt}\n`);
      const slurm = detail.solver['slurm'] as Record<string, string> | undefined;
      if (slurm) io.out(`  ran under Slurm: ${Object.entries(slurm).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      if (detail.error) io.out(`  error: ${detail.error}\n`);
      for (const s of detail.result?.series ?? []) io.out(`  series ${s.name}/${s.source}${s.replica !== undefined ? ' #' + s.replica : ''}: ${s.x.length} points\n`);
      for (const [k, v] of Object.entries(detail.result?.scalars ?? {})) io.out(`  ${k} = ${v}\n`);
      for (const a of detail.artifacts ?? []) io.out(`  artifact ${a.name} (${a.format}, ${a.size} values): ${a.ref} = artifact:${a.id.slice(0, 12)}\n`);
      for (const im of detail.result?.images ?? []) io.out(`  image ${im.name}: ${im.width}×${im.height} ${(im.channels ?? 1) === 3 ? 'RGB' : 'grey'}\n`);
      for (const g of detail.result?.grids ?? []) io.out(`  grid ${g.name}: ${g.rows.length} rows × ${g.columns.length} columns\n`);
    }
    return 0;
  });
}

async function cmdExport(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, out: { value: true, repeat: true }, ...FIGURE_FLAGS, ...IMAGE_FLAGS, replicas: { value: true }, preset: { value: true } });
  const ids = parsed.positional;
  if (!ids.length) throw new UsageError('export needs at least one RUN_ID');
  ids.forEach(checkRunId);
  if (!flags(parsed, 'out').length) throw new UsageError('export needs --out FILE.(csv|json|svg|pdf|png|limitlab)');
  const lib = library(parsed);
  const imagePlan = planImageOutputs(parsed, ids, lib.path);
  if (imagePlan) return exportImages(imagePlan, ids[0]!, lib, io);
  const plan = planOutputs(parsed, { allowed: EXPORT_FORMATS, libraryPath: lib.path, replicasStyle: true, runs: ids.length });
  return withEngine(lib, async (engine) => {
    const runs = ids.map((id) => {
      const detail = engine.service.runs.detail(id);
      if (!detail) throw new ApiError('not_found', `no run with id ${clip(id)}`);
      return detail;
    });
    for (const run of runs) checkSeries(plan, [...new Set(run.result?.series.map((s) => s.name) ?? [])], `run ${run.id}`);
    // Every file is rendered before the first is written.
    writeOutputs(await renderOutputs(plan, runs, engine), (line) => io.err(line));
    return 0;
  });
}

/** export RUN_ID --image NAME | --grid NAME --out FILE.png */
function exportImages(plan: ImagePlan, id: string, lib: Library, io: Io): Promise<number> {
  return withEngine(lib, async (engine) => {
    const detail = engine.service.runs.detail(id);
    if (!detail) throw new ApiError('not_found', `no run with id ${clip(id)}`);
    writeOutputs(await renderImageOutputs(plan, detail), (line) => io.err(line));
    return 0;
  });
}

async function cmdImport(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, ...JSON_FLAG });
  const [file, ...extra] = parsed.positional;
  if (!file || extra.length) throw new UsageError('import needs exactly one FILE');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${showPath(file)}: ${fileErrorReason(error)}`);
  }
  return withEngine(library(parsed), async (engine) => {
    const report = await engine.call('bundles:import', { text });
    if (parsed.flags.has('json')) io.out(JSON.stringify(report) + '\n');
    else io.err(`imported ${report.imported.length} run(s)${report.skipped.length ? `, skipped ${report.skipped.length} already in the library` : ''}\n`);
    return 0;
  });
}

/** key=v1,v2,... into a sweep axis; values typed by the kind's schema. */
function sweepAxis(kind: ModelKind<unknown>, option: string, text: string): SweepSpec['axes'][number] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--${option} ${echo(text)} is malformed: expected key=v1,v2,...`);
  const path = text.slice(0, eq).trim();
  const raws = text.slice(eq + 1).split(',');
  if (raws.length > SWEEP_AXIS_VALUES) throw new UsageError(`--${option} ${echo(path)} has ${raws.length} values: at most ${SWEEP_AXIS_VALUES}`);
  const values = raws.map((raw) => {
    const one = paramsFromSets(kind, [`${path}=${raw}`]);
    return getAtPath(one, path) as number | string | boolean;
  });
  return { path, values };
}

/** Most values on one sweep axis, most axes and most seeds (the API's limits). */
const SWEEP_AXIS_VALUES = 1000;
const SWEEP_AXES = 4;
const SWEEP_SEEDS = 1000;

/** How the command line words a refused `--replicas` (see core/models/repetitions.ts). */
const CLI_REPLICAS_WORDING: ReplicasWording = { option: '--replicas', assign: (param, value) => `--set ${param}=${value}` };

/** `--replicas R` (R > 1) for a kind that counts its own repetitions: bad input, naming the parameter to set. */
function refuseReplicas(kind: ModelKind<unknown>, replicas: number | undefined): void {
  const refusal = replicas === undefined ? null : replicasRefusal(kind, replicas, CLI_REPLICAS_WORDING);
  if (refusal !== null) throw new UsageError(refusal);
}

/** "4 replicas", or the kind's own count: "langevin.chains = 8". */
function repetitionsText(kind: ModelKind<unknown>, params: unknown, replicas: number): string {
  const own = kind.repetitions;
  if (own) return `${own.param} = ${String(getAtPath(params, own.param))}`;
  return `${replicas} replica${replicas === 1 ? '' : 's'}`;
}

/** A run or sweep over the cost limit is bad input: exit 2, one line with the estimate, nothing written. */
function refuseCostly(refusal: string | null): void {
  if (refusal !== null) throw new UsageError(`${refusal}; pass --force to run anyway`);
}

/** Every point of a sweep resolved before the library is touched: a bad point writes nothing. */
function checkSweep(kind: ModelKind<unknown>, spec: SweepSpec): void {
  let points;
  try {
    points = expandSweep(spec);
  } catch (error) {
    if (error instanceof SweepSpecError) throw new UsageError(error.message);
    throw error;
  }
  let cost = NO_COST;
  for (const point of points) {
    const params = deepMerge({}, spec.params ?? {});
    for (const [path, value] of Object.entries(point.values)) setPath(params, path, value);
    const resolved = resolveParams(kind, { ...(spec.preset !== undefined ? { preset: spec.preset } : {}), params });
    if (!resolved.ok) {
      const label = Object.entries(point.values).map(([k, v]) => `${k}=${v}`).join(', ');
      throw new UsageError(`sweep point ${clip(label, 200)}: ${resolved.issues[0]!.message}`);
    }
    if (!spec.force) cost = addEstimates(cost, estimateRun(kind, resolved.params, spec.replicas ?? 1));
  }
  refuseCostly(costRefusal(cost, { force: spec.force === true, subject: `sweep of ${points.length} runs` }));
  const checked = sweepSpecSchema.safeParse(spec);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(`sweep ${issue.path.join('.')}: ${issue.message}`);
  }
}

async function cmdSweep(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, {
    ...DB, ...JSON_FLAG,
    grid: { value: true, repeat: true },
    zip: { value: true, repeat: true },
    seeds: { value: true },
    preset: { value: true },
    set: { value: true, repeat: true },
    seed: { value: true },
    replicas: { value: true },
    name: { value: true },
    force: { value: false },
    ...SLURM_SWEEP_FLAGS,
  });
  const [kindId, ...extra] = parsed.positional;
  if (!kindId) throw new UsageError('sweep needs a KIND; see "limitlab kinds"');
  checkSlurmFlagsAlone(parsed);
  if (extra.length) throw new UsageError(`unexpected argument ${echo(extra[0])}`);
  const kind = requireKind(kindId);
  const grid = flags(parsed, 'grid');
  const zip = flags(parsed, 'zip');
  const seedsText = flag(parsed, 'seeds');
  if (grid.length && zip.length) throw new UsageError('use either --grid or --zip, not both');
  if (!grid.length && !zip.length && seedsText === undefined) throw new UsageError('a sweep needs --grid, --zip or --seeds');
  if (grid.length + zip.length > SWEEP_AXES) throw new UsageError(`a sweep has at most ${SWEEP_AXES} axes (--grid or --zip), not ${grid.length + zip.length}`);
  const seedTexts = seedsText?.split(',');
  if (seedTexts && seedTexts.length > SWEEP_SEEDS) throw new UsageError(`--seeds lists ${seedTexts.length} seeds: at most ${SWEEP_SEEDS}`);
  const seeds = seedTexts?.map((s) => {
    const v = Number(s);
    if (!/^\s*\d+\s*$/.test(s) || v > 2 ** 32 - 1) throw new UsageError(`--seeds: ${echo(s)} is not a seed (an integer in [0, 4294967295])`);
    return v;
  });
  const axes = [...grid.map((a) => sweepAxis(kind, 'grid', a)), ...zip.map((a) => sweepAxis(kind, 'zip', a))];
  const seed = intFlag(parsed, 'seed', 0, 2 ** 32 - 1);
  const replicas = intFlag(parsed, 'replicas', 1, 1024);
  refuseReplicas(kind, replicas);
  const preset = flag(parsed, 'preset');
  const name = flag(parsed, 'name');
  if (name !== undefined) checkText('name', name, TEXT_LIMITS.name);
  const spec: SweepSpec = {
    kind: kindId,
    mode: seeds ? 'seeds' : zip.length ? 'zip' : 'grid',
    axes,
    params: paramsFromSets(kind, flags(parsed, 'set')),
    ...(seeds ? { seeds } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(replicas !== undefined ? { replicas } : {}),
    ...(preset !== undefined ? { preset } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(parsed.flags.has('force') ? { force: true } : {}),
  };
  checkSweep(kind, spec);
  if (parsed.flags.has('slurm')) return sweepToSlurm(kind, spec, parsed, io);
  return withEngine(library(parsed), async (engine) => {
    // Installed before the sweep is queued: a signal while it is being queued cancels it once it is.
    let sweepId: string | null = null;
    let cancelWanted = false;
    const cancel = () => {
      cancelWanted = true;
      if (sweepId) void engine.call('sweeps:cancel', sweepId).catch(() => undefined);
    };
    const guard = guardInterrupts(cancel, (line) => io.err(line));
    // The sweep's id arrives with its first progress report, before its points are checked: a
    // cancel from then on stops the creation, and nothing is stored.
    const printer = sweepProgressPrinter((text) => io.err(text), process.stderr.isTTY === true);
    const off = engine.on('sweep:progress', (p) => {
      if (sweepId === null) {
        sweepId = p.id;
        if (cancelWanted) cancel();
      }
      if (p.id === sweepId) printer.show(p);
    });
    let detail;
    try {
      const sweep = await engine.call('sweeps:start', spec).catch((error: unknown) => {
        if (cancelWanted && error instanceof ApiError) return error;
        throw error;
      });
      if (sweep instanceof ApiError) {
        printer.end();
        io.err(`limitlab: ${sweep.message}\n`);
        return 1;
      }
      sweepId = sweep.id;
      if (cancelWanted) cancel();
      printer.end();
      io.err(`sweep ${sweep.id}: ${sweep.total} runs\n`);
      const queued = (await engine.call('sweeps:get', sweep.id))!;
      await Promise.all(queued.runs.map((r) => engine.service.whenSettled(r.id)));
      detail = (await engine.call('sweeps:get', sweep.id))!;
    } finally {
      off();
      printer.end();
      guard.release();
    }
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify({
        id: detail.id, kind: detail.kind, spec: detail.spec, counts: detail.counts, boundaries: detail.boundaries,
        runs: detail.runs.map((r) => ({ id: r.id, point: r.sweepPoint, seed: r.seed, status: r.status, error: r.error, scalars: r.scalars })),
      }) + '\n');
    } else {
      for (const r of detail.runs) io.out(`${r.id}  ${r.status.padEnd(9)} ${JSON.stringify(r.sweepPoint)}  ${Object.entries(r.scalars).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    }
    return detail.counts.failed + detail.counts.cancelled > 0 ? 1 : 0;
  });
}

/** `limitlab reproduce`: the papers' claims checked (./reproduce.ts); exit 1 when one does not reproduce. */
async function cmdReproduce(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, REPRODUCE_FLAGS);
  const plan = planReproduction(parsed, kinds);
  return withEngine(library(parsed), (engine, afterClose) => runReproduction(engine, plan, parsed.flags.has('json'), io, afterClose));
}

async function cmdServe(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, port: { value: true }, 'no-token-print': { value: false } });
  if (parsed.positional.length) throw new UsageError('serve takes no arguments');
  const port = intFlag(parsed, 'port', 0, 65535) ?? 5719;
  const lib = library(parsed);
  const engine = await createEngine({ dbPath: lib.path, createFolder: !lib.named });
  const host = await startHost({ engine, port });
  io.out(`Limitlab is serving at ${host.url}\n`);
  io.err(`library: ${lib.path}\npress Ctrl+C to stop\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await engine.close();
  return 0;
}
