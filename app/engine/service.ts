/**
 * The engine service: implements the API of app/api.ts over the library and the job pool.
 * One instance per process owns the single SQLite writer.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  ApiEvents, ApiMethods, Channel, CompareResult, EventName, KindInfo, ParamIssue, RunDetail, RunQuery, RunSummary,
  StartRunRequest, SweepDetail, SweepPhase, SweepSpec, SweepSummary,
} from '../api.js';
import { ApiError, parseArgs } from '../api.js';
import type { ModelKind } from '../../core/models/model-kind.js';
import { type KindRegistry, registry } from '../../core/models/registry.js';
import { replicasRefusal } from '../../core/models/repetitions.js';
import { canonicalJson, paramsJsonSchema, resolveParams } from '../../core/models/resolve-params.js';
import { RNG_NAME } from '../../core/numerics/rng.js';
import { APP_VERSION } from './app-version.js';
import { paramsHash } from './params-hash.js';
import type { Db } from './library/db.js';
import { INTERRUPTED_ERROR, RunsRepository, type NewRun } from './library/runs.js';
import type { JobPool } from './pool/pool.js';
import { SweepsRepository } from './library/sweeps.js';
import { FilterSyntaxError } from './library/filters.js';
import { aggregateRuns } from './analysis/aggregate.js';
import { discrepancies, paramTable } from './analysis/compare.js';
import { expandSweep, pointName, pointParams, pointRecord, SweepSpecError } from './sweeps.js';
import { RunGate } from './run-gate.js';
import { Throttle } from './throttle.js';
import { addEstimates, estimateRun, guardCost, NO_COST } from './cost-guard.js';
import { ImageNameError, renderImageExport } from './export/image-export.js';
import { BundleError, bundleArtifacts, bundleGrids, bundleImages, bundleSeries, exportBundle, parseBundle } from './export/bundle.js';
import { renderFigure, type FigureData } from './export/figure.js';
import { PartScheduler, type Priority } from './part-scheduler.js';
import { describeError, executeRun, stopRun, type ActiveRun } from './run-executor.js';
import { changedInputs, memoizedReader, NO_INPUTS, prepareInputs, recordedInputs, type InputReader, type PreparedInputs } from './run-inputs.js';
import { InputError } from './inputs/index.js';
import type { Dataset } from '../../core/models/kit/dataset.js';
import { slurmChannels } from './slurm/channels.js';
import { REPRODUCE_TAG, reproductionTag, startClaimRuns } from './reproduce/runner.js';
import { selectClaims, SelectionError, type ClaimFilter, type ClaimRef } from './reproduce/select.js';
import { reproductionState } from './reproduce/status.js';

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void;

/** Points checked between two turns of the event loop while a sweep is created (progress and cancel get through). */
const SWEEP_CHECK_CHUNK = 250;
/** Least time between two 'sweep:progress' reports of one sweep. */
const SWEEP_PROGRESS_EVERY_MS = 200;

/** Where a planned run goes: its id, sweep and point, and where it ran (kept with its solver settings). */
export interface RunPlacement {
  id: string;
  sweepId: string;
  sweepPoint: Record<string, unknown>;
  provenance?: Record<string, unknown>;
}

export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A seed for a run or sweep that was given none. */
export function randomSeed(): number {
  return randomBytes(4).readUInt32LE(0) % 2 ** 31;
}

export { paramsHash };

export class EngineService {
  readonly runs: RunsRepository;
  readonly sweeps: SweepsRepository;
  /** Where the library file is, for the about box (set by createEngine). */
  libraryPath = '';
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly active = new Map<string, ActiveRun>();
  /** Sweep runs reach the pool through here, a few at a time, so a 10 000-point sweep queues nothing in the pool. */
  private readonly sweepGate: RunGate;
  /** Every part and merge reaches the pool through here: interactive runs first, fairly between runs. */
  private readonly scheduler: PartScheduler;
  /** Sweeps being created (not yet stored): a cancel sets the flag and the creation stops, storing nothing. */
  private readonly creatingSweeps = new Map<string, { cancelled: boolean }>();
  /** Per sweep with runs in this process: how many are still active, and its throttled progress report. */
  private readonly runningSweeps = new Map<string, { active: number; report: Throttle }>();
  private closed = false;

  constructor(
    db: Db,
    private readonly pool: JobPool,
    private readonly now: () => Date = () => new Date(),
    /** The kinds this engine runs: the app's registry, or another made by createRegistry (the pool's workers must know the same). */
    private readonly kinds: KindRegistry = registry,
  ) {
    this.runs = new RunsRepository(db);
    this.sweeps = new SweepsRepository(db);
    this.sweepGate = new RunGate(Math.max(2, 2 * pool.threads));
    this.scheduler = new PartScheduler({ slots: pool.threads });
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
    'kinds:list': async () => this.kinds.kinds.map(kindInfo),
    'params:validate': async ({ kind, params }) => this.validate(kind, params),
    'runs:list': async (query?: RunQuery) => this.runs.list(query).map((r) => this.withProgress(r)),
    'runs:get': async (id: string) => {
      const detail = this.runs.detail(id);
      return detail ? (this.withProgress(detail) as RunDetail) : null;
    },
    'runs:start': async (req: StartRunRequest) => this.start(req),
    'runs:cancel': async (id: string) => this.cancel(id),
    'runs:resume': async (id: string) => this.resume(id),
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
      const kind = this.kinds.get(detail.kind);
      const inputs = kind ? await this.readInputs(kind, detail.params) : NO_INPUTS;
      return this.start(
        {
          kind: detail.kind,
          params: detail.params,
          // A kind with its own repetitions never used the count (runs stored before it was refused may carry one).
          replicas: kind?.repetitions ? 1 : detail.replicas,
          name: detail.name,
          ...(options?.seed !== undefined ? { seed: options.seed } : {}),
          ...(options?.force ? { force: true } : {}),
        },
        { prepared: { ...inputs, warnings: changedInputs(recordedInputs(detail.solver), inputs.recorded) } },
      );
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
    'sweeps:cancel': async (id) => this.cancelSweep(id),
    'figures:export': async (req) => renderFigure(req, this.figureData()),
    'images:export': async (req) => {
      const run = this.requireRun(req.id);
      try {
        return (await renderImageExport(req, run.result)).file;
      } catch (error) {
        if (error instanceof ImageNameError) throw new ApiError('not_found', error.message);
        throw error;
      }
    },
    'bundles:export': async ({ ids }) => {
      const details = ids.map((id) => this.requireRun(id));
      const unfinished = details.find((d) => d.status === 'queued' || d.status === 'running');
      if (unfinished) throw new ApiError('bad_request', `run ${unfinished.id} is still ${unfinished.status}; bundles hold finished runs`);
      const stamp = this.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return { filename: `limitlab-${details.length}-runs-${stamp}.limitlab.json`, text: exportBundle(details, APP_VERSION, this.now(), (r) => this.runs.artifactsToCarry(r)) };
    },
    'bundles:import': async ({ text }) => this.importBundle(text),
    'app:info': async () => ({ version: APP_VERSION, libraryPath: this.libraryPath, threads: this.pool.threads }),
    ...slurmChannels(() => ({
      runs: this.runs, sweeps: this.sweeps, kind: (id) => this.kinds.get(id), ids: { newId: newRunId, hash: paramsHash, seed: randomSeed },
      imported: (ids) => this.emit('library:changed', { reason: 'imported', ids }),
    })),
    'reproduce:claims': async (filter) => reproductionState(this.claims(filter ?? {}), {
      tagged: (kind) => this.runs.query({ tag: REPRODUCE_TAG, kind, limit: 1000, sort: 'created', order: 'desc' }).items,
      detail: (id) => this.runs.detail(id) ?? undefined,
    }),
    'reproduce:start': async (req) => {
      const tag = reproductionTag(this.now());
      const started = await startClaimRuns(this, this.claims(req), tag);
      return { tag, runIds: started.map((s) => s.id) };
    },
  };

  /** The registered claims matching `filter`; an unknown kind, paper or claim is a bad request. */
  private claims(filter: ClaimFilter): ClaimRef[] {
    try {
      return selectClaims(this.kinds.kinds, filter);
    } catch (error) {
      if (error instanceof SelectionError) throw new ApiError('bad_request', error.message);
      throw error;
    }
  }

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

  /**
   * Check every point, then store the sweep and all its queued runs in one transaction, then queue
   * them. Progress goes out as 'sweep:progress' (phases 'checking' and 'storing', under the id the
   * sweep will have); a `sweeps:cancel` of that id before the transaction stops the creation and
   * nothing is stored. An invalid point writes nothing either.
   */
  async startSweep(spec: SweepSpec): Promise<SweepSummary> {
    if (this.closed) throw new ApiError('internal', 'the engine is shutting down');
    const kind = this.kinds.get(spec.kind);
    if (!kind) throw new ApiError('unknown_kind', `unknown kind "${spec.kind}"; known: ${this.kinds.ids().join(', ')}`);
    refuseReplicas(kind, spec.replicas ?? 1);
    let points;
    try {
      points = expandSweep(spec);
    } catch (error) {
      if (error instanceof SweepSpecError) throw new ApiError('bad_request', error.message);
      throw error;
    }
    const id = newRunId();
    const total = points.length;
    const seed = spec.seed ?? randomSeed();
    const creation = { cancelled: false };
    const stopIfCancelled = () => {
      if (creation.cancelled || this.closed) throw new ApiError('bad_request', `sweep ${id} was cancelled while it was being created; nothing was stored`);
    };
    let phase: SweepPhase = 'checking';
    let done = 0;
    const report = new Throttle(() => this.emit('sweep:progress', { id, phase, done, total, fraction: total ? done / total : 1 }), SWEEP_PROGRESS_EVERY_MS);
    const rows: NewRun[] = [];
    const datasets = new Map<string, Readonly<Record<string, Dataset>>>();
    const readOnce = memoizedReader();
    let cost = NO_COST;
    this.creatingSweeps.set(id, creation);
    try {
      report.flush();
      const createdAt = this.now().toISOString();
      for (const point of points) {
        const name = pointName(spec, point);
        let overrides;
        try {
          overrides = pointParams(spec, point);
        } catch (error) {
          throw new ApiError('bad_request', `sweep point ${name}: ${describeError(error)}`);
        }
        const resolved = resolveParams(kind, { ...(spec.preset !== undefined ? { preset: spec.preset } : {}), params: overrides });
        if (!resolved.ok) throw new ApiError('invalid_params', `sweep point ${name}: ${resolved.issues[0]!.message}`, resolved.issues);
        if (!spec.force) cost = addEstimates(cost, estimateRun(kind, resolved.params, spec.replicas ?? 1));
        const inputs = await this.readInputs(kind, resolved.params, readOnce, `sweep point ${name}: `);
        const row = this.queuedRow(kind, resolved.params as Record<string, unknown>, {
          name, seed: point.seed ?? seed, replicas: spec.replicas ?? 1, createdAt, sweepId: id, sweepPoint: pointRecord(point),
          inputs: inputs.recorded,
        });
        rows.push(row);
        datasets.set(row.id, inputs.datasets);
        done = rows.length;
        if (done % SWEEP_CHECK_CHUNK === 0) {
          report.request();
          await nextTurn();
          stopIfCancelled();
        }
      }
      report.flush();
      stopIfCancelled();
      guardCost(cost, { force: spec.force === true, subject: `sweep of ${total} runs` });
      phase = 'storing';
      done = 0;
      report.flush();
      this.runs.transaction(() => {
        this.sweeps.insert({ id, kind: spec.kind, name: spec.name || `sweep ${spec.kind}`, spec: { ...spec, seed }, createdAt });
        this.runs.insertQueued(rows, (n) => {
          done = n;
          report.request();
        });
      });
      report.flush();
    } finally {
      report.cancel();
      this.creatingSweeps.delete(id);
    }
    for (const row of rows) this.schedule(kind, row.id, row.params, row.seed, row.replicas, datasets.get(row.id)!, id);
    for (const summary of this.runs.sweepRuns(id)) this.emit('run:status', summary);
    this.reportSweep(id);
    return this.sweeps.get(id)!;
  }

  /** Cancel a sweep: its runs still waiting are marked cancelled at once, its running ones stop; a sweep still being created is never stored. */
  private cancelSweep(id: string): void {
    const creation = this.creatingSweeps.get(id);
    if (creation) {
      creation.cancelled = true;
      return;
    }
    if (!this.sweeps.get(id)) throw new ApiError('not_found', `no sweep with id ${id}`);
    const waiting: string[] = [];
    const running: string[] = [];
    for (const [runId, active] of this.active) {
      if (active.sweepId === id) (this.sweepGate.isWaiting(active) ? waiting : running).push(runId);
    }
    this.withdrawWaiting(waiting);
    for (const runId of running) this.cancel(runId);
  }

  /** Sweep runs that never reached the pool, cancelled in one transaction. */
  private withdrawWaiting(ids: readonly string[]): void {
    const withdrawn = ids.filter((id) => {
      const active = this.active.get(id);
      if (!active) return false;
      active.cancelRequested = true;
      return this.sweepGate.withdraw(active);
    });
    if (!withdrawn.length) return;
    this.runs.finishMany(withdrawn, 'cancelled', this.now().toISOString());
    for (const id of withdrawn) this.emit('run:status', this.runs.summary(id)!);
  }

  /** 'sweep:progress' for a sweep's running phase, from the library's counts. */
  private reportSweep(id: string): void {
    const sweep = this.sweeps.get(id);
    if (!sweep) return;
    const settled = sweep.counts.done + sweep.counts.failed + sweep.counts.cancelled;
    this.emit('sweep:progress', { id, phase: 'running', done: settled, total: sweep.total, fraction: sweep.total ? settled / sweep.total : 1 });
  }

  /** The queued row of a run with resolved parameters. */
  private queuedRow(
    kind: ModelKind<unknown>,
    params: Record<string, unknown>,
    run: {
      name: string; seed: number; replicas: number; createdAt: string; sweepId?: string; sweepPoint?: Record<string, unknown>;
      /** What the run read (stored as `solver.inputs`), and warnings about it (a file changed since the run re-run). */
      inputs?: PreparedInputs['recorded']; inputWarnings?: readonly string[];
    } & Partial<RunPlacement>,
  ): NewRun {
    const canonical = canonicalJson(params);
    return {
      id: run.id ?? newRunId(),
      kind: kind.id,
      name: run.name,
      params,
      paramsJson: canonical,
      paramsHash: paramsHash(canonical),
      seed: run.seed,
      replicas: run.replicas,
      rng: RNG_NAME,
      solver: {
        ...(kind.solver?.(params) ?? {}),
        warnings: [...(run.inputWarnings ?? []), ...(kind.warnings?.(params) ?? [])],
        ...(run.inputs?.length ? { inputs: run.inputs } : {}),
        ...run.provenance,
      },
      appVersion: APP_VERSION,
      createdAt: run.createdAt,
      ownerPid: process.pid,
      ...(run.sweepId !== undefined ? { sweepId: run.sweepId, sweepPoint: run.sweepPoint ?? null } : {}),
    };
  }

  sweepDetail(id: string): SweepDetail | null {
    const summary = this.sweeps.get(id);
    if (!summary) return null;
    const runs = this.runs.sweepRuns(id).map((r) => this.withProgress(r));
    const kind = this.kinds.get(summary.kind);
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
      runs = parseBundle(text, paramsHash, this.now, this.kinds);
    } catch (error) {
      if (error instanceof BundleError) throw new ApiError('bad_request', error.message);
      throw error;
    }
    const fresh = runs.filter((r) => !this.runs.exists(r.id));
    const skipped = runs.filter((r) => this.runs.exists(r.id)).map((r) => r.id);
    this.runs.insertFinished(
      fresh.map((r) => ({
        id: r.id, kind: r.kind, name: r.name, status: r.status, paramsJson: r.paramsJson, paramsHash: r.paramsHash,
        seed: r.seed, replicas: r.replicas, rng: r.rng, solver: r.solver, appVersion: r.appVersion, createdAt: r.createdAt,
        startedAt: r.startedAt, finishedAt: r.finishedAt, durationMs: r.durationMs, error: r.error, notes: r.notes, tags: r.tags,
        scalars: r.scalars, resultNotes: r.resultNotes, series: bundleSeries(r), images: bundleImages(r), grids: bundleGrids(r), artifacts: bundleArtifacts(r),
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
    const kind = this.kinds.get(kindId);
    if (!kind) return [{ path: 'kind', message: `unknown kind "${kindId}"; known: ${this.kinds.ids().join(', ')}` }];
    const result = resolveParams(kind, { params });
    return result.ok ? [] : result.issues;
  }

  /**
   * The datasets a run with these parameters reads, read and checked (see run-inputs.ts); a bad
   * file is ApiError('bad_request') with the one line naming it.
   */
  async readInputs(kind: ModelKind<unknown>, params: unknown, read?: InputReader, prefix = ''): Promise<PreparedInputs> {
    try {
      return await prepareInputs(kind, params, read, (ref) => this.runs.resolveArtifact(ref));
    } catch (error) {
      if (error instanceof InputError) throw new ApiError('bad_request', prefix + error.message);
      throw error;
    }
  }

  /**
   * Validate, read the run's inputs, record as queued, and schedule. Invalid input throws and
   * writes nothing. `prepared` are inputs already read by the caller, with warnings to store with
   * the run; a `placement` (a Slurm task's planned run) gives the run its id, its sweep and point,
   * and provenance kept with its solver settings.
   */
  async start(
    req: StartRunRequest,
    options: { prepared?: PreparedInputs & { warnings?: readonly string[] }; placement?: RunPlacement } = {},
  ): Promise<RunSummary> {
    const { prepared, placement } = options;
    if (this.closed) throw new ApiError('internal', 'the engine is shutting down');
    const kind = this.kinds.get(req.kind);
    if (!kind) throw new ApiError('unknown_kind', `unknown kind "${req.kind}"; known: ${this.kinds.ids().join(', ')}`);
    refuseReplicas(kind, req.replicas ?? 1);
    const resolved = resolveParams(kind, { ...(req.preset !== undefined ? { preset: req.preset } : {}), params: req.params ?? {} });
    if (!resolved.ok) {
      throw new ApiError('invalid_params', resolved.issues.map((i) => i.message).join('; '), resolved.issues);
    }
    const params = resolved.params as Record<string, unknown>;
    guardCost(estimateRun(kind, params, req.replicas ?? 1), { force: req.force === true });
    const inputs = prepared ?? (await this.readInputs(kind, params));
    if (this.closed) throw new ApiError('internal', 'the engine is shutting down');
    const row = this.queuedRow(kind, params, {
      inputs: inputs.recorded,
      ...(prepared?.warnings?.length ? { inputWarnings: prepared.warnings } : {}),
      name: req.name?.trim() || (req.preset ? `${kind.id} · ${req.preset}` : kind.id),
      seed: req.seed ?? randomSeed(),
      replicas: req.replicas ?? 1,
      createdAt: this.now().toISOString(),
      ...placement,
    });
    this.runs.insert(row);
    const summary = this.runs.summary(row.id)!;
    this.emit('run:status', summary);
    this.schedule(kind, row.id, params, row.seed, row.replicas, inputs.datasets, placement?.sweepId);
    return summary;
  }

  /**
   * Queue an interrupted run again under this process: the parts it stored are kept, only the
   * missing ones are computed, and the result is the one an uninterrupted run gives.
   */
  async resume(id: string): Promise<RunSummary> {
    if (this.closed) throw new ApiError('internal', 'the engine is shutting down');
    const summary = this.runs.summary(id);
    if (!summary) throw new ApiError('not_found', `no run with id ${id}`);
    if (summary.error !== INTERRUPTED_ERROR) {
      throw new ApiError('bad_request', `run ${id} is ${summary.status}, not interrupted; only an interrupted run can be resumed`);
    }
    const kind = this.kinds.get(summary.kind);
    if (!kind) throw new ApiError('unknown_kind', `run ${id} is of kind "${summary.kind}", which this Limitlab does not know`);
    const detail = this.runs.detail(id)!;
    const resolved = resolveParams(kind, { params: detail.params });
    if (!resolved.ok) throw new ApiError('invalid_params', `run ${id}: ${resolved.issues[0]!.message}`, resolved.issues);
    const inputs = await this.readInputs(kind, resolved.params, undefined, `run ${id}: `);
    const changed = changedInputs(recordedInputs(detail.solver), inputs.recorded);
    if (changed.length) throw new ApiError('bad_request', `run ${id} cannot resume: ${changed[0]}; its stored parts came from the old content (re-run it instead)`);
    if (this.closed) throw new ApiError('internal', 'the engine is shutting down');
    if (!this.runs.reopenInterrupted(id, process.pid)) throw new ApiError('bad_request', `run ${id} is no longer interrupted`);
    const queued = this.runs.summary(id)!;
    this.emit('run:status', queued);
    this.schedule(kind, id, resolved.params, detail.seed, detail.replicas, inputs.datasets, summary.sweepId ?? undefined);
    return queued;
  }

  cancel(id: string): void {
    const active = this.active.get(id);
    if (!active) {
      const summary = this.runs.summary(id);
      if (!summary) throw new ApiError('not_found', `no run with id ${id}`);
      return; // already finished: nothing to cancel
    }
    if (this.sweepGate.isWaiting(active)) return this.withdrawWaiting([id]);
    active.cancelRequested = true;
    stopRun(active);
  }

  /** Resolves when the run has reached a final state. */
  async whenSettled(id: string): Promise<RunSummary> {
    await this.active.get(id)?.done;
    const summary = this.runs.summary(id);
    if (!summary) throw new ApiError('not_found', `no run with id ${id}`);
    return summary;
  }

  private schedule(
    kind: ModelKind<unknown>, id: string, params: unknown, seed: number, replicas: number,
    inputs: Readonly<Record<string, Dataset>>, sweepId?: string,
  ): void {
    const active: ActiveRun = {
      cancelFlag: new SharedArrayBuffer(4),
      abort: new AbortController(),
      cancelRequested: false,
      progress: 0,
      done: Promise.resolve(),
      ...(sweepId !== undefined ? { sweepId } : {}),
    };
    // Every part of the run listens on the same signal (a run may have hundreds of parts).
    setMaxListeners(0, active.abort.signal);
    this.active.set(id, active);
    const priority: Priority = sweepId === undefined ? 'interactive' : 'batch';
    const host = {
      pool: this.pool,
      scheduler: this.scheduler,
      runs: this.runs,
      emit: this.emit.bind(this),
      summary: (runId: string) => this.withProgress(this.runs.summary(runId)!),
    };
    const execute = () => executeRun(host, { kind, id, params, seed, replicas, priority, inputs }, active);
    if (sweepId === undefined) {
      active.done = execute().finally(() => this.active.delete(id));
      return;
    }
    const sweep = this.sweepTracker(sweepId);
    sweep.active++;
    active.done = this.throughSweepGate(active, execute).finally(() => {
      this.active.delete(id);
      if (--sweep.active > 0) return sweep.report.request();
      this.runningSweeps.delete(sweepId);
      sweep.report.flush();
    });
  }

  /** A sweep run waits for a gate slot before it reaches the pool; withdrawn while it waits (cancelled), it never does. */
  private async throughSweepGate(active: ActiveRun, execute: () => Promise<void>): Promise<void> {
    if (!(await this.sweepGate.enter(active))) return;
    try {
      await execute();
    } finally {
      this.sweepGate.leave();
    }
  }

  private sweepTracker(sweepId: string): { active: number; report: Throttle } {
    let tracker = this.runningSweeps.get(sweepId);
    if (!tracker) {
      tracker = { active: 0, report: new Throttle(() => this.reportSweep(sweepId), SWEEP_PROGRESS_EVERY_MS) };
      this.runningSweeps.set(sweepId, tracker);
    }
    return tracker;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const creation of this.creatingSweeps.values()) creation.cancelled = true;
    this.withdrawWaiting([...this.active].filter(([, a]) => this.sweepGate.isWaiting(a)).map(([id]) => id));
    for (const id of this.active.keys()) this.cancel(id);
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }
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

/** More than one replica for a kind that counts its own repetitions: invalid, naming the parameter to set. */
function refuseReplicas(kind: ModelKind<unknown>, replicas: number): void {
  const refusal = replicasRefusal(kind, replicas);
  if (refusal !== null) throw new ApiError('invalid_params', refusal, [{ path: 'replicas', message: refusal }]);
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
    outputs: kind.outputs,
    inputs: (kind.inputs ?? []).map((i) => ({ name: i.name, pathParam: i.pathParam, accepts: [...i.accepts] })),
    ...(kind.repetitions ? { repetitions: { param: kind.repetitions.param, noun: kind.repetitions.noun, plural: kind.repetitions.plural } } : {}),
    presets: Object.entries(kind.presets).map(([name, preset]) => {
      const resolved = resolveParams(kind, { preset: name });
      return { name, description: preset.description, params: resolved.ok ? (resolved.params as Record<string, unknown>) : defaults };
    }),
  };
}
