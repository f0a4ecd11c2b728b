/**
 * The engine service: implements the API of app/api.ts over the library and the job pool.
 * One instance per process owns the single SQLite writer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type {
  ApiEvents, ApiMethods, Channel, CompareResult, EventName, KindInfo, ParamIssue, RunDetail, RunQuery, RunSummary,
  StartRunRequest, SweepDetail, SweepSpec, SweepSummary,
} from '../api.js';
import { ApiError, parseArgs } from '../api.js';
import type { ModelKind, RunPart, RunResult } from '../../core/models/model-kind.js';
import { getKind, kinds } from '../../core/models/registry.js';
import { canonicalJson, paramsJsonSchema, resolveParams } from '../../core/models/resolve-params.js';
import { RNG_NAME } from '../../core/numerics/rng.js';
import { APP_VERSION } from './app-version.js';
import type { Db } from './library/db.js';
import { RunsRepository } from './library/runs.js';
import type { JobPool } from './pool/pool.js';
import { SweepsRepository } from './library/sweeps.js';
import { FilterSyntaxError } from './library/filters.js';
import { aggregateRuns } from './analysis/aggregate.js';
import { discrepancies, paramTable } from './analysis/compare.js';
import { expandSweep, SweepSpecError } from './sweeps.js';
import { BundleError, bundleSeries, exportBundle, parseBundle } from './export/bundle.js';
import { renderFigure, type FigureData } from './export/figure.js';
import { deepMerge, setPath } from '../../core/models/resolve-params.js';

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void;

interface ActiveRun {
  cancelFlag: SharedArrayBuffer;
  abort: AbortController;
  cancelRequested: boolean;
  progress: number;
  done: Promise<void>;
}

/** Grace period between a cooperative cancel and tearing the worker down. */
const HARD_ABORT_AFTER_MS = 3000;

export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function paramsHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export class EngineService {
  readonly runs: RunsRepository;
  readonly sweeps: SweepsRepository;
  /** Where the library file is, for the about box (set by createEngine). */
  libraryPath = '';
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly active = new Map<string, ActiveRun>();
  private closed = false;

  constructor(
    db: Db,
    private readonly pool: JobPool,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.runs = new RunsRepository(db);
    this.sweeps = new SweepsRepository(db);
    this.runs.recoverInterrupted(isProcessAlive, this.now().toISOString());
  }

  /** Dispatch a call by channel name after validating its arguments. */
  async call<C extends Channel>(channel: C, ...args: unknown[]): Promise<Awaited<ReturnType<ApiMethods[C]>>> {
    const parsed = parseArgs(channel, args) as unknown[];
    const method = this.methods[channel] as (...a: unknown[]) => Promise<unknown>;
    return (await method(...parsed)) as Awaited<ReturnType<ApiMethods[C]>>;
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set!.delete(listener as Listener<EventName>);
  }

  private emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // A failing listener must not stop the engine.
      }
    }
  }

  readonly methods: ApiMethods = {
    'kinds:list': async () => kinds.map(kindInfo),
    'params:validate': async ({ kind, params }) => this.validate(kind, params),
    'runs:list': async (query?: RunQuery) => this.runs.list(query).map((r) => this.withProgress(r)),
    'runs:get': async (id: string) => {
      const detail = this.runs.detail(id);
      return detail ? (this.withProgress(detail) as RunDetail) : null;
    },
    'runs:start': async (req: StartRunRequest) => this.start(req),
    'runs:cancel': async (id: string) => this.cancel(id),
    'runs:query': async (query) => {
      try {
        const page = this.runs.query(query);
        return { items: page.items.map((r) => this.withProgress(r)), total: page.total };
      } catch (error) {
        if (error instanceof FilterSyntaxError) throw new ApiError('bad_request', error.message);
        throw error;
      }
    },
    'runs:update': async (id, patch) => {
      this.requireRun(id);
      this.runs.update(id, patch);
      this.emit('library:changed', { reason: 'updated', ids: [id] });
      return this.runs.summary(id)!;
    },
    'runs:delete': async (ids) => {
      const active = ids.filter((id) => this.active.has(id));
      if (active.length) throw new ApiError('bad_request', `run ${active[0]} is still running; cancel it first`);
      const deleted = this.runs.softDelete(ids, this.now().toISOString());
      this.emit('library:changed', { reason: 'deleted', ids });
      return { deleted };
    },
    'runs:restore': async (ids) => {
      const restored = this.runs.restore(ids);
      this.emit('library:changed', { reason: 'restored', ids });
      return { restored };
    },
    'runs:rerun': async (id, options) => {
      const detail = this.requireRun(id);
      return this.start({
        kind: detail.kind,
        params: detail.params,
        replicas: detail.replicas,
        name: detail.name,
        ...(options?.seed !== undefined ? { seed: options.seed } : {}),
      });
    },
    'runs:groups': async (query) => this.runs.groups(query?.kind),
    'runs:aggregate': async ({ ids, band }) => {
      const details = ids.map((id) => this.requireRun(id));
      const keys = new Set(details.map((d) => `${d.kind}/${d.paramsHash}`));
      if (keys.size > 1) throw new ApiError('bad_request', 'only runs that differ in nothing but the seed can be aggregated');
      const series = aggregateRuns(details.map((d) => ({ id: d.id, series: d.result?.series ?? [] })), band);
      return { runIds: ids, band, series };
    },
    'runs:compare': async ({ ids }) => this.compare(ids),
    'sweeps:start': async (spec) => this.startSweep(spec),
    'sweeps:list': async () => this.sweeps.list(),
    'sweeps:get': async (id) => this.sweepDetail(id),
    'sweeps:cancel': async (id) => {
      if (!this.sweeps.get(id)) throw new ApiError('not_found', `no sweep with id ${id}`);
      for (const run of this.runs.query({ sweepId: id, limit: 1000 }).items) if (this.active.has(run.id)) this.cancel(run.id);
    },
    'figures:export': async (req) => renderFigure(req, this.figureData()),
    'bundles:export': async ({ ids }) => {
      const details = ids.map((id) => this.requireRun(id));
      const unfinished = details.find((d) => d.status === 'queued' || d.status === 'running');
      if (unfinished) throw new ApiError('bad_request', `run ${unfinished.id} is still ${unfinished.status}; bundles hold finished runs`);
      const stamp = this.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return { filename: `limitlab-${details.length}-runs-${stamp}.limitlab.json`, text: exportBundle(details, APP_VERSION, this.now()) };
    },
    'bundles:import': async ({ text }) => this.importBundle(text),
    'app:info': async () => ({ version: APP_VERSION, libraryPath: this.libraryPath, threads: this.pool.threads }),
  };

  private requireRun(id: string): RunDetail {
    const detail = this.runs.detail(id);
    if (!detail) throw new ApiError('not_found', `no run with id ${id}`);
    return detail;
  }

  private compare(ids: string[]): CompareResult {
    const details = ids.map((id) => this.requireRun(id));
    return {
      ids,
      groupKeys: details.map((d) => `${d.kind}/${d.paramsHash}`),
      params: paramTable(details),
      discrepancies: details.map((d) => ({ id: d.id, rows: discrepancies(d.result?.series ?? []) })),
    };
  }

  /** Validate every point first; then record the sweep and queue its runs. Invalid specs write nothing. */
  startSweep(spec: SweepSpec): SweepSummary {
    const kind = getKind(spec.kind);
    if (!kind) throw new ApiError('unknown_kind', `unknown kind "${spec.kind}"; known: ${kinds.map((k) => k.id).join(', ')}`);
    let points;
    try {
      points = expandSweep(spec);
    } catch (error) {
      if (error instanceof SweepSpecError) throw new ApiError('bad_request', error.message);
      throw error;
    }
    const requests: StartRunRequest[] = points.map((point) => {
      const params = deepMerge({}, spec.params ?? {});
      for (const [path, value] of Object.entries(point.values)) setPath(params, path, value);
      const label = Object.entries(point.values).map(([k, v]) => `${k}=${v}`).join(', ');
      return {
        kind: spec.kind,
        params,
        ...(spec.preset !== undefined ? { preset: spec.preset } : {}),
        ...(point.seed !== undefined ? { seed: point.seed } : spec.seed !== undefined ? { seed: spec.seed } : {}),
        ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
        name: [spec.name || `sweep ${spec.kind}`, label, point.seed !== undefined ? `seed ${point.seed}` : ''].filter(Boolean).join(' · '),
      };
    });
    for (const req of requests) {
      const resolved = resolveParams(kind, { ...(req.preset !== undefined ? { preset: req.preset } : {}), params: req.params ?? {} });
      if (!resolved.ok) throw new ApiError('invalid_params', `sweep point ${req.name}: ${resolved.issues[0]!.message}`, resolved.issues);
    }
    const id = newRunId();
    const seed = spec.seed ?? randomBytes(4).readUInt32LE(0) % 2 ** 31;
    this.sweeps.insert({ id, kind: spec.kind, name: spec.name || `sweep ${spec.kind}`, spec: { ...spec, seed }, createdAt: this.now().toISOString() });
    points.forEach((point, i) => {
      const req = requests[i]!;
      this.start({ ...req, seed: req.seed ?? seed }, { sweepId: id, sweepPoint: { ...point.values, ...(point.seed !== undefined ? { seed: point.seed } : {}) } });
    });
    return this.sweeps.get(id)!;
  }

  sweepDetail(id: string): SweepDetail | null {
    const summary = this.sweeps.get(id);
    if (!summary) return null;
    const runs = this.runs.query({ sweepId: id, limit: 1000, sort: 'created', order: 'asc' }).items.map((r) => this.withProgress(r));
    const kind = getKind(summary.kind);
    let boundaries: SweepDetail['boundaries'] = [];
    if (kind?.sweepBoundaries) {
      const base = resolveParams(kind, { ...(summary.spec.preset ? { preset: summary.spec.preset } : {}), params: summary.spec.params ?? {} });
      if (base.ok) boundaries = kind.sweepBoundaries(base.params, summary.spec.axes);
    }
    return { ...summary, runs, boundaries };
  }

  private importBundle(text: string): { imported: string[]; skipped: string[] } {
    let runs;
    try {
      runs = parseBundle(text, paramsHash);
    } catch (error) {
      if (error instanceof BundleError) throw new ApiError('bad_request', error.message);
      throw error;
    }
    const fresh = runs.filter((r) => !this.runs.exists(r.id));
    const skipped = runs.filter((r) => this.runs.exists(r.id)).map((r) => r.id);
    this.runs.insertFinished(
      fresh.map((r) => ({
        id: r.id, kind: r.kind, name: r.name, status: r.status, paramsJson: canonicalJson(r.params), paramsHash: r.paramsHash,
        seed: r.seed, replicas: r.replicas, rng: r.rng, solver: r.solver, appVersion: r.appVersion, createdAt: r.createdAt,
        startedAt: r.startedAt, finishedAt: r.finishedAt, durationMs: r.durationMs, error: r.error, notes: r.notes, tags: r.tags,
        scalars: r.scalars, resultNotes: r.resultNotes, series: bundleSeries(r),
      })),
    );
    const imported = fresh.map((r) => r.id);
    if (imported.length) this.emit('library:changed', { reason: 'imported', ids: imported });
    return { imported, skipped };
  }

  /** What figure export may read: runs and sweeps of this library. */
  private figureData(): FigureData {
    return {
      run: (id) => this.requireRun(id),
      sweep: (id) => {
        const detail = this.sweepDetail(id);
        if (!detail) throw new ApiError('not_found', `no sweep with id ${id}`);
        return detail;
      },
    };
  }

  private withProgress<T extends RunSummary>(summary: T): T {
    const active = this.active.get(summary.id);
    return active ? { ...summary, progress: active.progress } : summary;
  }

  validate(kindId: string, params: Record<string, unknown>): ParamIssue[] {
    const kind = getKind(kindId);
    if (!kind) return [{ path: 'kind', message: `unknown kind "${kindId}"; known: ${kinds.map((k) => k.id).join(', ')}` }];
    const result = resolveParams(kind, { params });
    return result.ok ? [] : result.issues;
  }

  /** Validate, record as queued, and schedule. Invalid input throws and writes nothing. */
  start(req: StartRunRequest, sweep?: { sweepId: string; sweepPoint: Record<string, unknown> }): RunSummary {
    if (this.closed) throw new ApiError('internal', 'the engine is shutting down');
    const kind = getKind(req.kind);
    if (!kind) throw new ApiError('unknown_kind', `unknown kind "${req.kind}"; known: ${kinds.map((k) => k.id).join(', ')}`);
    const resolved = resolveParams(kind, { ...(req.preset !== undefined ? { preset: req.preset } : {}), params: req.params ?? {} });
    if (!resolved.ok) {
      throw new ApiError('invalid_params', resolved.issues.map((i) => i.message).join('; '), resolved.issues);
    }
    const params = resolved.params as Record<string, unknown>;
    const canonical = canonicalJson(params);
    const id = newRunId();
    const seed = req.seed ?? randomBytes(4).readUInt32LE(0) % 2 ** 31;
    const replicas = req.replicas ?? 1;
    this.runs.insert({
      id,
      kind: kind.id,
      name: req.name?.trim() || (req.preset ? `${kind.id} · ${req.preset}` : kind.id),
      params,
      paramsJson: canonical,
      paramsHash: paramsHash(canonical),
      seed,
      replicas,
      rng: RNG_NAME,
      solver: { ...(kind.solver?.(params) ?? {}), warnings: kind.warnings?.(params) ?? [] },
      appVersion: APP_VERSION,
      createdAt: this.now().toISOString(),
      ownerPid: process.pid,
      ...(sweep ? { sweepId: sweep.sweepId, sweepPoint: sweep.sweepPoint } : {}),
    });
    const summary = this.runs.summary(id)!;
    this.emit('run:status', summary);
    this.schedule(kind, id, params, seed, replicas);
    return summary;
  }

  cancel(id: string): void {
    const active = this.active.get(id);
    if (!active) {
      const summary = this.runs.summary(id);
      if (!summary) throw new ApiError('not_found', `no run with id ${id}`);
      return; // already finished: nothing to cancel
    }
    active.cancelRequested = true;
    Atomics.store(new Int32Array(active.cancelFlag), 0, 1);
    setTimeout(() => active.abort.abort(), HARD_ABORT_AFTER_MS).unref();
  }

  /** Resolves when the run has reached a final state. */
  async whenSettled(id: string): Promise<RunSummary> {
    await this.active.get(id)?.done;
    const summary = this.runs.summary(id);
    if (!summary) throw new ApiError('not_found', `no run with id ${id}`);
    return summary;
  }

  private schedule(kind: ModelKind<unknown>, id: string, params: unknown, seed: number, replicas: number): void {
    const active: ActiveRun = {
      cancelFlag: new SharedArrayBuffer(4),
      abort: new AbortController(),
      cancelRequested: false,
      progress: 0,
      done: Promise.resolve(),
    };
    // Every part of the run listens on the same signal (a run may have hundreds of parts).
    setMaxListeners(0, active.abort.signal);
    this.active.set(id, active);
    active.done = this.execute(kind, id, params, seed, replicas, active).finally(() => this.active.delete(id));
  }

  private async execute(kind: ModelKind<unknown>, id: string, params: unknown, seed: number, replicas: number, active: ActiveRun): Promise<void> {
    const parts: RunPart[] = kind.parts(params, replicas);
    const totalWeight = parts.reduce((s, p) => s + p.weight, 0) || 1;
    const fractions = parts.map(() => 0);
    let started: number | null = null;
    let lastEmit = 0;
    const report = (note?: string) => {
      active.progress = parts.reduce((s, p, i) => s + p.weight * fractions[i]!, 0) / totalWeight;
      const t = Date.now();
      if (t - lastEmit < 100 && active.progress < 1) return;
      lastEmit = t;
      this.emit('run:progress', { id, fraction: active.progress, ...(note ? { note } : {}) });
    };
    try {
      const outcomes = await Promise.allSettled(
        parts.map((part, index) =>
          this.pool.run(
            { kind: kind.id, params, seed, replicas, part: part.key },
            {
              cancelFlag: active.cancelFlag,
              signal: active.abort.signal,
              onProgress: (fraction, note) => {
                if (started === null) {
                  started = Date.now();
                  this.runs.markRunning(id, new Date(started).toISOString());
                  this.emit('run:status', this.withProgress(this.runs.summary(id)!));
                }
                fractions[index] = fraction;
                report(note);
              },
            },
          ).catch((error: unknown) => {
            // One part failed: ask the others to stop, and tear them down if they do not.
            Atomics.store(new Int32Array(active.cancelFlag), 0, 1);
            setTimeout(() => active.abort.abort(), HARD_ABORT_AFTER_MS).unref();
            throw error;
          }),
        ),
      );
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failure) throw failure.reason;
      const results = outcomes.map((o) => (o as PromiseFulfilledResult<RunResult>).value);
      if (active.cancelRequested) throw new Error('cancelled');
      const result: RunResult = kind.merge(params, results.map((r, i) => ({ key: parts[i]!.key, result: r })), { seed, replicas });
      const finished = Date.now();
      this.runs.complete(id, result, new Date(finished).toISOString(), finished - (started ?? finished));
    } catch (error) {
      const finished = Date.now();
      const cancelled = active.cancelRequested;
      active.abort.abort();
      this.runs.finish(
        id,
        cancelled ? 'cancelled' : 'failed',
        new Date(finished).toISOString(),
        started === null ? null : finished - started,
        cancelled ? null : describeError(error),
      );
    }
    const final = this.runs.summary(id)!;
    this.emit('run:status', final);
    if (final.sweepId) {
      const sweep = this.sweeps.get(final.sweepId);
      if (sweep) {
        const settled = sweep.counts.done + sweep.counts.failed + sweep.counts.cancelled;
        this.emit('sweep:progress', { id: sweep.id, done: settled, total: sweep.total, fraction: sweep.total ? settled / sweep.total : 1 });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const id of this.active.keys()) this.cancel(id);
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return false; // this process just opened the library: nothing of its own is running yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function kindInfo(kind: ModelKind<unknown>): KindInfo {
  const defaults = (kind.params as { parse(v: unknown): unknown }).parse({}) as Record<string, unknown>;
  return {
    id: kind.id,
    title: kind.title,
    paper: kind.paper,
    summary: kind.summary,
    equations: kind.equations,
    paramsSchema: paramsJsonSchema(kind),
    defaults,
    presets: Object.entries(kind.presets).map(([name, preset]) => {
      const resolved = resolveParams(kind, { preset: name });
      return { name, description: preset.description, params: resolved.ok ? (resolved.params as Record<string, unknown>) : defaults };
    }),
  };
}
