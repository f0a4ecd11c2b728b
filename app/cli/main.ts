/**
 * The `limitlab` command (DESIGN §3). Exit status: 0 success, 1 a run failed or was cancelled,
 * 2 bad input (nothing is written). With --json exactly one JSON document goes to stdout;
 * progress and messages go to stderr.
 */
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { RunDetail } from '../api.js';
import { ApiError } from '../api.js';
import { getKind, kinds } from '../../core/models/registry.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { createEngine, type Engine } from '../engine/index.js';
import { kindInfo } from '../engine/service.js';
import { defaultLibraryPath } from '../engine/paths.js';
import { runsToCsv, runsToJson, runToJson } from '../engine/export/data-export.js';
import { flag, flags, intFlag, parseArgs, UsageError, type FlagSpec } from './args.js';
import { paramsFromSets } from './set-params.js';
import { startHost } from '../host/server.js';

const USAGE = `limitlab — exact limiting theory beside finite-size simulation

  limitlab kinds [--json]
  limitlab run KIND [--preset NAME] [--set key=value]... [--seed N] [--replicas R]
                    [--name TEXT] [--db PATH] [--json] [--out FILE.(csv|json)]...
  limitlab list [--db PATH] [--json]
  limitlab show RUN_ID [--db PATH] [--json]
  limitlab export RUN_ID... --out FILE.(csv|json) [--db PATH]
  limitlab serve [--port N] [--db PATH]

The library defaults to library.sqlite in the user-data folder (LIMITLAB_DB or --db override).`;

const DATA_FORMATS = ['.csv', '.json'];

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
        throw new UsageError(`unknown command "${command}"; commands: kinds, run, list, show, export, serve`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
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

function dbPath(parsed: ReturnType<typeof parseArgs>): string {
  return resolve(flag(parsed, 'db') ?? defaultLibraryPath());
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

function writeOutputs(outs: string[], runs: RunDetail[], io: Io): void {
  for (const out of outs) {
    const ext = extname(out).toLowerCase();
    const text = ext === '.csv' ? runsToCsv(runs) : runsToJson(runs);
    writeFileSync(out, text);
    io.err(`wrote ${out}\n`);
  }
}

async function withEngine<T>(path: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await createEngine({ dbPath: path });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
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
  });
  const [kindId, ...extra] = parsed.positional;
  if (!kindId) throw new UsageError('run needs a KIND; see "limitlab kinds"');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const kind = getKind(kindId);
  if (!kind) throw new UsageError(`unknown kind "${kindId}"; known: ${kinds.map((k) => k.id).join(', ')}`);
  const seed = intFlag(parsed, 'seed', 0, 2 ** 32 - 1);
  const replicas = intFlag(parsed, 'replicas', 1, 1024);
  const outs = flags(parsed, 'out');
  checkOutPaths(outs, DATA_FORMATS);
  const params = paramsFromSets(kind, flags(parsed, 'set'));
  const preset = flag(parsed, 'preset');
  // Validate fully before touching the library: bad input writes nothing.
  const resolved = resolveParams(kind, { ...(preset !== undefined ? { preset } : {}), params });
  if (!resolved.ok) throw new UsageError(resolved.issues[0]!.message);
  for (const warning of kind.warnings?.(resolved.params) ?? []) io.err(`warning: ${warning}\n`);

  return withEngine(dbPath(parsed), async (engine) => {
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
    writeOutputs(outs, [detail], io);
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
  const parsed = parseArgs(argv, { ...DB, ...JSON_FLAG, limit: { value: true } });
  if (parsed.positional.length) throw new UsageError('list takes no arguments');
  const limit = intFlag(parsed, 'limit', 1, 1000) ?? 1000;
  return withEngine(dbPath(parsed), async (engine) => {
    const runs = engine.service.runs.list({ limit });
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
  return withEngine(dbPath(parsed), async (engine) => {
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
  const parsed = parseArgs(argv, { ...DB, out: { value: true, repeat: true } });
  const ids = parsed.positional;
  const outs = flags(parsed, 'out');
  if (!ids.length) throw new UsageError('export needs at least one RUN_ID');
  if (!outs.length) throw new UsageError('export needs --out FILE.(csv|json)');
  checkOutPaths(outs, DATA_FORMATS);
  return withEngine(dbPath(parsed), async (engine) => {
    const runs = ids.map((id) => {
      const detail = engine.service.runs.detail(id);
      if (!detail) throw new ApiError('not_found', `no run with id ${id}`);
      return detail;
    });
    writeOutputs(outs, runs, io);
    return 0;
  });
}

async function cmdServe(argv: string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv, { ...DB, port: { value: true }, 'no-token-print': { value: false } });
  if (parsed.positional.length) throw new UsageError('serve takes no arguments');
  const port = intFlag(parsed, 'port', 0, 65535) ?? 5719;
  const engine = await createEngine({ dbPath: dbPath(parsed) });
  const host = await startHost({ engine, port });
  io.out(`Limitlab is serving at ${host.url}\n`);
  io.err(`library: ${dbPath(parsed)}\npress Ctrl+C to stop\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await engine.close();
  return 0;
}
