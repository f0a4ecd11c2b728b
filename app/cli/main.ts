/**
 * The `limitlab` command (DESIGN §3). Exit status: 0 success, 1 a run failed or was cancelled,
 * 2 bad input (nothing is written). With --json exactly one JSON document goes to stdout;
 * progress and messages go to stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { FigureRequest, RunDetail, RunQuery, RunStatus, SweepSpec } from '../api.js';
import { ApiError, RUN_STATUSES } from '../api.js';
import type { ModelKind } from '../../core/models/model-kind.js';
import { parseFilter } from '../engine/library/filters.js';
import { getKind, kinds } from '../../core/models/registry.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { getAtPath } from '../../core/models/param-paths.js';
import { createEngine, type Engine } from '../engine/index.js';
import { kindInfo } from '../engine/service.js';
import { chooseLibraryPath } from '../engine/paths.js';
import { LibraryFileError, showPath } from '../engine/library/db.js';
import { runsToCsv, runsToJson, runToJson } from '../engine/export/data-export.js';
import { flag, flags, intFlag, parseArgs, UsageError, type FlagSpec } from './args.js';
import { paramsFromSets } from './set-params.js';
import { startHost } from '../host/server.js';

const USAGE = `limitlab — exact limiting theory beside finite-size simulation

  limitlab kinds [--json]
  limitlab run KIND [--preset NAME] [--set key=value]... [--seed N] [--replicas R]
                    [--name TEXT] [--db PATH] [--json] [--out FILE.(csv|json|svg|pdf|png)]...
  limitlab list [--db PATH] [--json] [--search TEXT] [--tag TAG] [--where "lr.gamma > 1"]...
  limitlab show RUN_ID [--db PATH] [--json]
  limitlab export RUN_ID... --out FILE.(csv|json|svg|pdf|png|limitlab)... [--db PATH]
  limitlab import FILE.limitlab [--db PATH] [--json]
  limitlab sweep KIND --grid key=v1,v2,... [--grid ...] | --zip key=... [--zip ...] | --seeds 1,2,3
                    [--preset NAME] [--set key=value]... [--seed N] [--replicas R] [--db PATH] [--json]
  limitlab serve [--port N] [--db PATH]

Figure options (with --out .svg/.pdf/.png): --series NAME --log-x --log-y --width-mm W --height-mm H
  --font-size PT --scale 1..3 (png) --theme light|dark --title TEXT; a figure of several runs overlays them.

The library defaults to library.sqlite in the user-data folder (LIMITLAB_DB or --db override).`;

const DATA_FORMATS = ['.csv', '.json'];
const FIGURE_FORMATS = ['.svg', '.pdf', '.png'];
const OUT_FORMATS = [...DATA_FORMATS, ...FIGURE_FORMATS];

const FIGURE_FLAGS: Record<string, FlagSpec> = {
  series: { value: true },
  'log-x': { value: false },
  'log-y': { value: false },
  'width-mm': { value: true },
  'height-mm': { value: true },
  'font-size': { value: true },
  scale: { value: true },
  theme: { value: true },
  title: { value: true },
  replicas: { value: true },
};

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
      case 'import':
        return await cmdImport(rest, io);
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
        throw new UsageError(`unknown command "${command}"; commands: kinds, run, list, show, export, import, sweep, serve`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof LibraryFileError) {
      io.err(`limitlab: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApiError && (error.code === 'invalid_params' || error.code === 'unknown_kind' || error.code === 'bad_request')) {
      io.err(`limitlab: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApiError && error.code === 'not_found') {
      io.err(`limitlab: ${error.message}\n`);
      return 1;
    }
    io.err(`limitlab: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

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
    io.out(`  defaults: ${JSON.stringify(k.defaults)}\n\n`);
  }
  return 0;
}

function checkOutPaths(outs: string[], allowed: string[]): void {
  for (const out of outs) {
    const ext = extname(out).toLowerCase();
    if (!allowed.includes(ext)) throw new UsageError(`--out ${out}: unsupported format "${ext || '(none)'}"; allowed: ${allowed.join(', ')}`);
  }
}

function figureOptions(parsed: ReturnType<typeof parseArgs>): Omit<FigureRequest, 'figure' | 'format'> {
  const num = (name: string, min: number, max: number): number | undefined => {
    const raw = flag(parsed, name);
    if (raw === undefined) return undefined;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) throw new UsageError(`--${name} = ${JSON.stringify(raw)} is not allowed: expected a number in [${min}, ${max}]`);
    return v;
  };
  const theme = flag(parsed, 'theme');
  if (theme !== undefined && theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme = ${JSON.stringify(theme)} is not allowed: expected light or dark`);
  const widthMm = num('width-mm', 20, 500);
  const heightMm = num('height-mm', 20, 500);
  const fontSize = num('font-size', 4, 32);
  const scale = num('scale', 1, 3);
  const title = flag(parsed, 'title');
  return {
    logX: parsed.flags.has('log-x'),
    logY: parsed.flags.has('log-y'),
    ...(widthMm !== undefined ? { widthMm } : {}),
    ...(heightMm !== undefined ? { heightMm } : {}),
    ...(fontSize !== undefined ? { fontSize } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(theme !== undefined ? { theme: theme as 'light' | 'dark' } : {}),
    ...(title !== undefined ? { title } : {}),
  };
}

async function writeOutputs(outs: string[], runs: RunDetail[], io: Io, engine: Engine, figure: Omit<FigureRequest, 'figure' | 'format'> & { series?: string }): Promise<void> {
  for (const out of outs) {
    const ext = extname(out).toLowerCase();
    if (ext === '.csv') writeFileSync(out, runsToCsv(runs));
    else if (ext === '.json') writeFileSync(out, runsToJson(runs));
    else if (ext === '.limitlab') {
      const bundle = await engine.call('bundles:export', { ids: runs.map((r) => r.id) });
      writeFileSync(out, bundle.text);
    } else {
      const { series: seriesName, ...options } = figure;
      const name = seriesName ?? runs[0]?.result?.series[0]?.name;
      if (!name) throw new UsageError('the run has no series to draw');
      const request: FigureRequest = {
        ...options,
        format: ext.slice(1) as FigureRequest['format'],
        figure: runs.length === 1 ? { type: 'run', id: runs[0]!.id, name } : { type: 'overlay', ids: runs.map((r) => r.id), name },
      };
      const file = await engine.call('figures:export', request);
      writeFileSync(out, Buffer.from(file.base64, 'base64'));
    }
    io.err(`wrote ${out}\n`);
  }
}

async function withEngine<T>(lib: Library, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await createEngine({ dbPath: lib.path, createFolder: !lib.named });
  try {
    return await fn(engine);
  } catch (error) {
    throw nameLibrary(error, lib.path);
  } finally {
    await engine.close();
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
    out: { value: true, repeat: true },
    ...FIGURE_FLAGS,
  });
  const [kindId, ...extra] = parsed.positional;
  if (!kindId) throw new UsageError('run needs a KIND; see "limitlab kinds"');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const kind = getKind(kindId);
  if (!kind) throw new UsageError(`unknown kind "${kindId}"; known: ${kinds.map((k) => k.id).join(', ')}`);
  const seed = intFlag(parsed, 'seed', 0, 2 ** 32 - 1);
  const replicas = intFlag(parsed, 'replicas', 1, 1024);
  const outs = flags(parsed, 'out');
  checkOutPaths(outs, OUT_FORMATS);
  const figure = { ...figureOptions(parsed), ...(flag(parsed, 'series') !== undefined ? { series: flag(parsed, 'series')! } : {}) };
  const params = paramsFromSets(kind, flags(parsed, 'set'));
  const preset = flag(parsed, 'preset');
  // Validate fully before touching the library: bad input writes nothing.
  const resolved = resolveParams(kind, { ...(preset !== undefined ? { preset } : {}), params });
  if (!resolved.ok) throw new UsageError(resolved.issues[0]!.message);
  for (const warning of kind.warnings?.(resolved.params) ?? []) io.err(`warning: ${warning}\n`);

  return withEngine(library(parsed), async (engine) => {
    const name = flag(parsed, 'name');
    const summary = engine.service.start({
      kind: kindId, params, ...(preset !== undefined ? { preset } : {}),
      ...(seed !== undefined ? { seed } : {}), ...(replicas !== undefined ? { replicas } : {}),
      ...(name !== undefined ? { name } : {}),
    });
    io.err(`run ${summary.id} (${kindId}, seed ${summary.seed}, ${summary.replicas} replica${summary.replicas === 1 ? '' : 's'})\n`);
    const interactive = process.stderr.isTTY;
    let lastLine = -10;
    const off = engine.on('run:progress', (p) => {
      if (p.id !== summary.id) return;
      const pct = Math.floor(p.fraction * 100);
      if (interactive) io.err(`\r  ${String(pct).padStart(3)}%${p.note ? ' ' + p.note : ''}\u001b[K`);
      else if (pct >= lastLine + 10) {
        lastLine = pct - (pct % 10);
        io.err(`  ${pct}%\n`);
      }
    });
    const onSigint = () => engine.service.cancel(summary.id);
    process.once('SIGINT', onSigint);
    const final = await engine.service.whenSettled(summary.id);
    process.removeListener('SIGINT', onSigint);
    off();
    if (interactive) io.err('\r\u001b[K');
    const detail = engine.service.runs.detail(summary.id)!;
    if (final.status !== 'done') {
      io.err(`limitlab: run ${final.id} ${final.status}${final.error ? ': ' + final.error : ''}\n`);
      if (parsed.flags.has('json')) io.out(JSON.stringify(runToJson(detail)) + '\n');
      return 1;
    }
    await writeOutputs(outs, [detail], io, engine, figure);
    if (parsed.flags.has('json')) io.out(JSON.stringify(runToJson(detail)) + '\n');
    else {
      io.err(`done in ${((final.durationMs ?? 0) / 1000).toFixed(2)} s\n`);
      for (const [k, v] of Object.entries(detail.result?.scalars ?? {})) io.out(`${k} = ${v}\n`);
      for (const note of detail.result?.notes ?? []) io.out(`note: ${note}\n`);
    }
    return 0;
  });
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
  if (text !== undefined) query.text = text;
  if (tag !== undefined) query.tag = tag;
  if (kindFilter !== undefined) query.kind = kindFilter;
  if (status !== undefined) {
    if (!(RUN_STATUSES as string[]).includes(status)) throw new UsageError(`--status = ${JSON.stringify(status)} is not allowed: expected one of ${RUN_STATUSES.join(', ')}`);
    query.status = status as RunStatus;
  }
  const where = flags(parsed, 'where');
  for (const w of where) {
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
        io.out(`${r.id}  ${r.status.padEnd(9)} ${r.kind.padEnd(10)} ${r.createdAt}  ${duration.padStart(8)}  ${r.name}\n`);
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
  return withEngine(library(parsed), async (engine) => {
    const detail = engine.service.runs.detail(id);
    if (!detail) throw new ApiError('not_found', `no run with id ${id}`);
    if (parsed.flags.has('json')) io.out(JSON.stringify(runToJson(detail)) + '\n');
    else {
      io.out(`${detail.id}  ${detail.name}\n  kind ${detail.kind}, status ${detail.status}, seed ${detail.seed}, replicas ${detail.replicas}\n`);
      io.out(`  params ${JSON.stringify(detail.params)}\n  rng ${detail.rng}, app ${detail.appVersion}, created ${detail.createdAt}\n`);
      if (detail.error) io.out(`  error: ${detail.error}\n`);
      for (const s of detail.result?.series ?? []) io.out(`  series ${s.name}/${s.source}${s.replica !== undefined ? ' #' + s.replica : ''}: ${s.x.length} points\n`);
      for (const [k, v] of Object.entries(detail.result?.scalars ?? {})) io.out(`  ${k} = ${v}\n`);
    }
    return 0;
  });
}

async function cmdExport(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, out: { value: true, repeat: true }, ...FIGURE_FLAGS });
  const ids = parsed.positional;
  const outs = flags(parsed, 'out');
  if (!ids.length) throw new UsageError('export needs at least one RUN_ID');
  if (!outs.length) throw new UsageError('export needs --out FILE.(csv|json|svg|pdf|png|limitlab)');
  checkOutPaths(outs, [...OUT_FORMATS, '.limitlab']);
  const figure = { ...figureOptions(parsed), ...(flag(parsed, 'series') !== undefined ? { series: flag(parsed, 'series')! } : {}) };
  return withEngine(library(parsed), async (engine) => {
    const runs = ids.map((id) => {
      const detail = engine.service.runs.detail(id);
      if (!detail) throw new ApiError('not_found', `no run with id ${id}`);
      return detail;
    });
    await writeOutputs(outs, runs, io, engine, figure);
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
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return withEngine(library(parsed), async (engine) => {
    const report = await engine.call('bundles:import', { text });
    if (parsed.flags.has('json')) io.out(JSON.stringify(report) + '\n');
    else io.err(`imported ${report.imported.length} run(s)${report.skipped.length ? `, skipped ${report.skipped.length} already in the library` : ''}\n`);
    return 0;
  });
}

/** key=v1,v2,... into a sweep axis; values typed by the kind's schema. */
function sweepAxis(kind: ModelKind<unknown>, text: string): SweepSpec['axes'][number] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${JSON.stringify(text)} is malformed: expected key=v1,v2,...`);
  const path = text.slice(0, eq).trim();
  const values = text.slice(eq + 1).split(',').map((raw) => {
    const one = paramsFromSets(kind, [`${path}=${raw}`]);
    return getAtPath(one, path) as number | string | boolean;
  });
  return { path, values };
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
  });
  const [kindId, ...extra] = parsed.positional;
  if (!kindId) throw new UsageError('sweep needs a KIND; see "limitlab kinds"');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const kind = getKind(kindId);
  if (!kind) throw new UsageError(`unknown kind "${kindId}"; known: ${kinds.map((k) => k.id).join(', ')}`);
  const grid = flags(parsed, 'grid');
  const zip = flags(parsed, 'zip');
  const seedsText = flag(parsed, 'seeds');
  if (grid.length && zip.length) throw new UsageError('use either --grid or --zip, not both');
  if (!grid.length && !zip.length && seedsText === undefined) throw new UsageError('a sweep needs --grid, --zip or --seeds');
  const seeds = seedsText?.split(',').map((s) => {
    const v = Number(s);
    if (!/^\s*\d+\s*$/.test(s) || v > 2 ** 32 - 1) throw new UsageError(`--seeds: ${JSON.stringify(s)} is not a seed (an integer in [0, 4294967295])`);
    return v;
  });
  const axes = [...grid, ...zip].map((a) => sweepAxis(kind, a));
  const seed = intFlag(parsed, 'seed', 0, 2 ** 32 - 1);
  const replicas = intFlag(parsed, 'replicas', 1, 1024);
  const preset = flag(parsed, 'preset');
  const name = flag(parsed, 'name');
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
  };
  return withEngine(library(parsed), async (engine) => {
    const sweep = await engine.call('sweeps:start', spec);
    io.err(`sweep ${sweep.id}: ${sweep.total} runs\n`);
    const off = engine.on('sweep:progress', (p) => {
      if (p.id === sweep.id) io.err(`  ${p.done}/${p.total} runs finished\n`);
    });
    const onSigint = () => void engine.call('sweeps:cancel', sweep.id);
    process.once('SIGINT', onSigint);
    const detail0 = (await engine.call('sweeps:get', sweep.id))!;
    await Promise.all(detail0.runs.map((r) => engine.service.whenSettled(r.id)));
    process.removeListener('SIGINT', onSigint);
    off();
    const detail = (await engine.call('sweeps:get', sweep.id))!;
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
