/**
 * The engine service: implements the API of app/api.ts over the library and the job pool.
 * One instance per process owns the single SQLite writer.
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
  ApiEvents, ApiMethods, Channel, EventName, KindInfo, ParamIssue, RunDetail, RunQuery, RunSummary, StartRunRequest,
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
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly active = new Map<string, ActiveRun>();
  private closed = false;

  constructor(
    db: Db,
    private readonly pool: JobPool,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.runs = new RunsRepository(db);
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
  };

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
  start(req: StartRunRequest): RunSummary {
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
      solver: { integrator: 'dopri5', warnings: kind.warnings?.(params) ?? [] },
      appVersion: APP_VERSION,
      createdAt: this.now().toISOString(),
      ownerPid: process.pid,
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
    this.active.set(id, active);
    active.done = this.execute(kind, id, params, seed, replicas, active).finally(() => this.active.delete(id));
  }

  private async execute(kind: ModelKind<unknown>, id: string, params: unknown, seed: number, replicas: number, active: ActiveRun): Promise<void> {
    const parts: RunPart[] = kind.parts ? kind.parts(params, replicas) : [{ id: 'all', weight: 1 }];
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
      const results = await Promise.all(
        parts.map((part, index) =>
          this.pool.run(
            { kind: kind.id, params, seed, replicas, part: kind.parts ? part : null },
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
          ),
        ),
      );
      if (active.cancelRequested) throw new Error('cancelled');
      const result: RunResult = kind.parts ? kind.merge!(params, results, { seed, replicas }) : results[0]!;
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
    this.emit('run:status', this.runs.summary(id)!);
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
