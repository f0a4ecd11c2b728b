/**
 * The typed API contract shared by the engine, the Electron main/preload, the browser host and the
 * renderer: one map from channel to function signature, zod schemas for every argument, and the
 * map of events the engine pushes to the UI.
 *
 * Everything crossing this boundary is structured-clone safe (plain objects, strings, numbers,
 * Float64Array). Over HTTP/WebSocket the codec in `api-codec.ts` carries typed arrays.
 */
import { z } from 'zod';
import type { KindOutputs, PartialResult, RunResult } from '../core/models/model-kind.js';
import { FIGURE_PRESET_NAMES, LEGEND_PLACEMENTS, MAX_GRID_SIDE, MAX_PANELS, type FigurePreset } from '../view/figure-options.js';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

export interface PresetInfo {
  name: string;
  description: string;
  /** Full parameter set: defaults with the preset's overrides applied. */
  params: Record<string, unknown>;
}

export interface KindInfo {
  id: string;
  title: string;
  paper: { arxiv: string; title: string }[];
  summary: string;
  equations: string[];
  /** JSON Schema (draft 2020-12) of the parameters, with defaults, ranges and descriptions. */
  paramsSchema: Record<string, unknown>;
  defaults: Record<string, unknown>;
  presets: PresetInfo[];
  /** The observables and scalars the kind reports (core/models/model-kind.ts). */
  outputs: KindOutputs;
  /** The files a run may read: the parameter holding each path and what it takes (a picker is offered for it). */
  inputs: { name: string; pathParam: string; accepts: ('csv' | 'images' | 'artifact')[] }[];
  /**
   * Set when the kind counts its repetitions in a parameter (e.g. `langevin.chains`) and takes no
   * replica count: a run of it has one replica, and more are refused with this parameter named.
   */
  repetitions?: { param: string; noun: string; plural: string };
}

export interface RunSummary {
  id: string;
  kind: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  seed: number;
  replicas: number;
  paramsHash: string;
  /** The run's parameters (canonical, defaults applied), for parameter columns. */
  params?: Record<string, unknown>;
  tags: string[];
  error: string | null;
  /** Last reported progress fraction while running. */
  progress: number | null;
  /** Final scalars of a finished run (empty otherwise). Non-finite values are stored as strings. */
  scalars: Record<string, number | string>;
  /** The sweep this run belongs to, with its point in the sweep's axes. */
  sweepId: string | null;
  sweepPoint: Record<string, unknown> | null;
  /** Set when the run is in the trash (restorable). */
  deletedAt: string | null;
  /**
   * Set on a run whose process stopped before it finished (status `failed`, error "interrupted: …"):
   * how many of its parts were stored, of how many (`partsTotal` null when unknown). Such a run can
   * be resumed (`runs:resume`): only the missing parts are computed.
   */
  interrupted?: { partsDone: number; partsTotal: number | null };
}

export interface RunDetail extends RunSummary {
  params: Record<string, unknown>;
  rng: string;
  appVersion: string;
  solver: Record<string, unknown>;
  notes: string;
  result: RunResult | null;
  /** The trained models the run kept (their numbers stay in the library), when it kept any. */
  artifacts?: ArtifactInfo[];
}

/** A trained model a run kept: `ref` (run:RUN_ID/NAME) or `artifact:` + `id` reuses it in another run. */
export interface ArtifactInfo {
  name: string;
  /** SHA-256 of the content (format, configuration, numbers). */
  id: string;
  format: string;
  config: Record<string, unknown>;
  /** Number of values. */
  size: number;
  ref: string;
}

export interface ParamIssue {
  /** Dotted path of the parameter, e.g. "spectrum.alpha". Empty for whole-object problems. */
  path: string;
  message: string;
}

/** `too_costly`: a run or sweep estimated above the engine's limit (app/engine/cost-guard.ts); pass `force: true` to run it anyway. */
export type ApiErrorCode = 'invalid_params' | 'unknown_kind' | 'not_found' | 'bad_request' | 'too_costly' | 'internal';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  issues?: ParamIssue[];
}

/** An error that crosses the API boundary intact (code, message, parameter issues). */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ParamIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

// ---------------------------------------------------------------------------------------------
// Argument schemas (validated by the engine service, the Electron main process and the host).

/** Longest free text the API accepts, in characters; the CLI checks its options against the same numbers. */
export const TEXT_LIMITS = {
  /** A run's or a sweep's name. */
  name: 200,
  /** A run's notes. */
  notes: 100_000,
  /** One tag (and a tag filter). */
  tag: 64,
  /** A kind id. */
  kind: 64,
  /** A preset name. */
  preset: 128,
  /** A series (observable) name. */
  series: 64,
  /** A figure title. */
  title: 200,
  /** The search box. */
  search: 500,
  /** One filter such as "lr.gamma > 1". */
  where: 200,
} as const;

const runId = z.string().regex(/^[0-9a-z-]{8,64}$/, 'a run id');

const paramPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted parameter path').max(128);

const sortFieldSchema = z
  .string()
  .max(140)
  .regex(/^(params|scalars)\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a sort column or params.<path> / scalars.<name>');

export const runQuerySchema = z.object({
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).optional(),
  kind: z.string().max(TEXT_LIMITS.kind).optional(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']).optional(),
  tag: z.string().max(TEXT_LIMITS.tag).optional(),
  /** Full-text search over names, notes and tags. */
  text: z.string().max(TEXT_LIMITS.search).optional(),
  /** Filters on parameters or scalars such as "lr.gamma > 1" or "final_risk_theory < 0.1", combined with AND. */
  where: z.array(z.string().max(TEXT_LIMITS.where)).max(16).optional(),
  /** A column, or a field: `params.<path>` or `scalars.<name>` (runs without it come last). */
  sort: z.union([z.enum(['created', 'name', 'kind', 'status', 'duration']), sortFieldSchema]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  sweepId: z.string().regex(/^[0-9a-z-]{8,64}$/).optional(),
  /** Show the trash instead of the live runs. */
  deleted: z.boolean().optional(),
});

/** What `runs:update` may change on a run; runs imported from a bundle are held to the same limits. */
export const runPatchSchema = z.object({
  name: z.string().min(1).max(TEXT_LIMITS.name).optional(),
  notes: z.string().max(TEXT_LIMITS.notes).optional(),
  tags: z.array(z.string().min(1).max(TEXT_LIMITS.tag).regex(/^[^\s,]+$/, 'a tag without spaces or commas')).max(64).optional(),
});

export const sweepSpecSchema = z.object({
  kind: z.string().max(TEXT_LIMITS.kind),
  name: z.string().max(TEXT_LIMITS.name).optional(),
  preset: z.string().max(TEXT_LIMITS.preset).optional(),
  /** Base parameters (overrides on top of defaults and preset). */
  params: z.record(z.string(), z.unknown()).optional(),
  /** grid: cartesian product; zip: paired lists of equal length; seeds: one configuration × seeds. */
  mode: z.enum(['grid', 'zip', 'seeds']),
  axes: z.array(z.object({ path: paramPath, values: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1).max(1000) })).max(4),
  seeds: z.array(z.number().int().min(0).max(2 ** 32 - 1)).max(1000).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  replicas: z.number().int().min(1).max(1024).optional(),
  /** Start the sweep even if its estimated computation is above the engine's limit. */
  force: z.boolean().optional(),
});

/** How `runs:rerun` repeats a run: a new seed (else a random one), and `force` past the cost guard as `runs:start` takes it. */
export const rerunOptionsSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  /** Start the re-run even if its estimated computation is above the engine's limit. */
  force: z.boolean().optional(),
});

/** Slurm options of a job folder, each held to a pattern: they are written into `#SBATCH` lines (app/engine/slurm/). */
const slurmName = (what: string) =>
  z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.,-]*$/, `${what}: letters, digits, and _ . , - (as Slurm names it)`);
export const slurmOptionsSchema = z.object({
  partition: slurmName('a partition name').optional(),
  account: slurmName('an account name').optional(),
  /** Wall-clock limit per task: [D-]HH:MM:SS (or MM:SS). */
  time: z.string().max(16).regex(/^(\d{1,3}-)?\d{1,3}:\d{2}(:\d{2})?$/, 'a time limit such as 01:30:00 or 2-00:00:00').optional(),
  cpusPerTask: z.number().int().min(1).max(1024).optional(),
  /** Memory per node as Slurm writes it: a number with an optional unit K, M, G or T. */
  mem: z.string().max(16).regex(/^\d{1,9}[KMGT]?$/, 'a memory size such as 4G or 500M').optional(),
  /** At most this many array tasks run at once (Slurm's `%K`). */
  arrayMax: z.number().int().min(1).max(1000).optional(),
  /** How many array tasks share the points (default: one per point, up to 1000). */
  tasks: z.number().int().min(1).max(1000).optional(),
});

/** An absolute folder path on the engine's machine (a job folder). */
const folderPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'an absolute folder path')
  .refine((p) => !p.includes('\0'), 'a path without NUL characters');

/** One panel of a figure: a run's observable, several runs overlaid, a seed group's mean with its band, a sweep's line summary. */
const panelFigureSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), id: runId, name: z.string().max(TEXT_LIMITS.series) }),
  z.object({ type: z.literal('overlay'), ids: z.array(runId).min(1).max(64), name: z.string().max(TEXT_LIMITS.series) }),
  z.object({ type: z.literal('aggregate'), ids: z.array(runId).min(1).max(1000), name: z.string().max(TEXT_LIMITS.series), band: z.enum(['std', 'stderr', 'minmax']).optional() }),
  z.object({ type: z.literal('sweep-line'), sweepId: runId, scalar: z.string().max(64), path: paramPath }),
]);

/** Axis limits: [lo, hi], either null to keep the data's. */
const axisLimitsSchema = z
  .tuple([z.number().finite().nullable(), z.number().finite().nullable()])
  .refine(([lo, hi]) => lo === null || hi === null || lo < hi, 'the lower limit must be below the upper one');

export const figureRequestSchema = z.object({
  /** What to draw: a panel, a compare grid (one panel per run), a grid of panels, or a sweep heatmap. */
  figure: z.union([
    panelFigureSchema,
    z.object({ type: z.literal('compare'), ids: z.array(runId).min(1).max(MAX_PANELS), name: z.string().max(TEXT_LIMITS.series) }),
    z.object({ type: z.literal('grid'), panels: z.array(panelFigureSchema).min(1).max(MAX_PANELS) }),
    z.object({ type: z.literal('sweep-heatmap'), sweepId: runId, scalar: z.string().max(64), xPath: paramPath, yPath: paramPath }),
  ]),
  format: z.enum(['svg', 'pdf', 'png']),
  /** Width, height and text size of a journal, slide or poster figure; widthMm, heightMm and fontSize given beside it win. */
  preset: z.enum(FIGURE_PRESET_NAMES as [FigurePreset, ...FigurePreset[]]).optional(),
  widthMm: z.number().min(20).max(500).optional(),
  heightMm: z.number().min(20).max(500).optional(),
  fontSize: z.number().min(4).max(32).optional(),
  /** PNG density: 96 dpi times the scale, unless dpi is given. */
  scale: z.number().min(1).max(3).optional(),
  dpi: z.number().int().min(72).max(1200).optional(),
  theme: z.enum(['light', 'dark']).optional(),
  title: z.string().max(TEXT_LIMITS.title).optional(),
  logX: z.boolean().optional(),
  logY: z.boolean().optional(),
  /** Heatmaps: a logarithmic colour scale. */
  logZ: z.boolean().optional(),
  replicas: z.enum(['lines', 'band']).optional(),
  legend: z.enum(LEGEND_PLACEMENTS).optional(),
  xlim: axisLimitsSchema.optional(),
  ylim: axisLimitsSchema.optional(),
  xLabel: z.string().max(TEXT_LIMITS.title).optional(),
  yLabel: z.string().max(TEXT_LIMITS.title).optional(),
  /** Rows and columns of a figure of several panels. */
  grid: z.object({ rows: z.number().int().min(1).max(MAX_GRID_SIDE), columns: z.number().int().min(1).max(MAX_GRID_SIDE) }).optional(),
  /** Panel letters (a), (b), … */
  letters: z.boolean().optional(),
});

/** A run's image, or one of its image grids as a labelled figure, as a lossless PNG with exact pixels. */
export const imageExportRequestSchema = z
  .object({
    id: runId,
    image: z.string().min(1).max(128).optional(),
    grid: z.string().min(1).max(128).optional(),
    /** Grids: each image pixel drawn as a scale × scale square (default: the largest image about 128 pixels). */
    scale: z.number().int().min(1).max(32).optional(),
  })
  .refine((r) => (r.image === undefined) !== (r.grid === undefined), 'name one image or one grid');
/** Which claims of the reproduction (`reproduce:*`): a kind, a paper (arXiv id), or one claim named kind/claim-id. */
const claimFilterSchema = z.strictObject({
  kind: z.string().max(TEXT_LIMITS.kind).optional(),
  paper: z.string().max(32).optional(),
  claim: z.string().max(2 * TEXT_LIMITS.kind + 1).optional(),
});

export const schemas = {
  'kinds:list': z.tuple([]),
  'params:validate': z.tuple([z.object({ kind: z.string().max(64), params: z.record(z.string(), z.unknown()) })]),
  'runs:list': z.tuple([runQuerySchema.optional()]),
  'runs:get': z.tuple([runId]),
  'runs:start': z.tuple([
    z.object({
      kind: z.string().max(TEXT_LIMITS.kind),
      params: z.record(z.string(), z.unknown()).optional(),
      preset: z.string().max(TEXT_LIMITS.preset).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      replicas: z.number().int().min(1).max(1024).optional(),
      name: z.string().max(TEXT_LIMITS.name).optional(),
      force: z.boolean().optional(),
    }),
  ]),
  'runs:cancel': z.tuple([runId]),
  'runs:resume': z.tuple([runId]),
  'runs:query': z.tuple([runQuerySchema]),
  'runs:update': z.tuple([runId, runPatchSchema]),
  'runs:delete': z.tuple([z.array(runId).min(1).max(10_000)]),
  'runs:restore': z.tuple([z.array(runId).min(1).max(10_000)]),
  'runs:rerun': z.tuple([runId, rerunOptionsSchema.optional()]),
  'runs:groups': z.tuple([z.object({ kind: z.string().max(64).optional() }).optional()]),
  'runs:aggregate': z.tuple([z.object({ ids: z.array(runId).min(1).max(1000), band: z.enum(['std', 'stderr', 'minmax']) })]),
  'runs:compare': z.tuple([z.object({ ids: z.array(runId).min(1).max(64) })]),
  'sweeps:start': z.tuple([sweepSpecSchema]),
  'sweeps:list': z.tuple([]),
  'sweeps:get': z.tuple([runId]),
  'sweeps:cancel': z.tuple([runId]),
  'figures:export': z.tuple([figureRequestSchema]),
  'images:export': z.tuple([imageExportRequestSchema]),
  'bundles:export': z.tuple([z.object({ ids: z.array(runId).min(1).max(10_000) })]),
  'bundles:import': z.tuple([z.object({ text: z.string().max(512 * 1024 * 1024) })]),
  'app:info': z.tuple([]),
  'slurm:export': z.tuple([z.object({ sweepId: runId, dir: folderPath, slurm: slurmOptionsSchema.strict().optional() })]),
  'slurm:collect': z.tuple([z.object({ dir: folderPath })]),
  'reproduce:claims': z.tuple([claimFilterSchema.optional()]),
  'reproduce:start': z.tuple([claimFilterSchema.extend({ quick: z.boolean().optional() })]),
} as const;

export type Channel = keyof typeof schemas;
export const CHANNELS = Object.keys(schemas) as Channel[];

export interface StartRunRequest {
  kind: string;
  params?: Record<string, unknown>;
  preset?: string;
  seed?: number;
  replicas?: number;
  name?: string;
  /** Start the run even if its estimated computation is above the engine's limit. */
  force?: boolean;
}

export type RunQuery = z.infer<typeof runQuerySchema>;
export type RerunOptions = z.infer<typeof rerunOptionsSchema>;
export type SweepSpec = z.infer<typeof sweepSpecSchema>;
export type FigureRequest = z.infer<typeof figureRequestSchema>;
export type ImageExportRequest = z.infer<typeof imageExportRequestSchema>;

export interface RunPage {
  items: RunSummary[];
  total: number;
}

export interface RunGroup {
  kind: string;
  paramsHash: string;
  name: string;
  runIds: string[];
  seeds: number[];
}

export interface AggregateResult {
  runIds: string[];
  band: 'std' | 'stderr' | 'minmax';
  /** One series per (name, source) with the mean over runs and the chosen band, on a common grid. */
  series: RunResult['series'];
}

export interface ParamRow {
  path: string;
  values: unknown[];
  differs: boolean;
}

export interface Discrepancy {
  name: string;
  /** max |simulation mean − theory| over the common grid */
  maxAbs: number;
  /** maxAbs / max |theory| */
  maxRel: number;
  rms: number;
  /** fraction of grid points where the theory lies inside the simulation band (NaN without a band) */
  coverage: number;
}

export interface CompareResult {
  ids: string[];
  /** Parameters minus seed: equal keys mean "same configuration". */
  groupKeys: string[];
  params: ParamRow[];
  discrepancies: { id: string; rows: Discrepancy[] }[];
}

export interface SweepSummary {
  id: string;
  kind: string;
  name: string;
  createdAt: string;
  spec: SweepSpec;
  total: number;
  counts: Record<RunStatus, number>;
}

export interface SweepBoundary {
  label: string;
  x: number[];
  y: number[];
}

export interface SweepDetail extends SweepSummary {
  runs: RunSummary[];
  /** Theoretical boundaries the kind provides for these axes (e.g. the critical learning rate). */
  boundaries: SweepBoundary[];
}

export interface FigureFile {
  format: 'svg' | 'pdf' | 'png';
  mime: string;
  filename: string;
  /** base64 of the file's bytes */
  base64: string;
  /** Pixels of a PNG; points (1/72 in) of an SVG or PDF. */
  widthPx: number;
  heightPx: number;
  /** The physical size written in the file. */
  widthMm: number;
  heightMm: number;
  /** Density of a PNG (written in its pHYs chunk). */
  dpi?: number;
}

export interface BundleFile {
  filename: string;
  text: string;
}

export interface ImportReport {
  imported: string[];
  skipped: string[];
}

export interface AppInfo {
  version: string;
  libraryPath: string;
  threads: number;
}

export type SlurmOptions = z.infer<typeof slurmOptionsSchema>;

/** One array task of a Slurm job folder: its state (app/engine/slurm/task-states.ts) and its shard's progress. */
export interface SlurmTaskState {
  task: number;
  state: 'done' | 'pending' | 'running' | 'failed' | 'missing' | 'not submitted' | 'unfinished';
  /** Points finished in the task's shard, of its points. */
  done: number;
  total: number;
  /** The Slurm job that last ran it (job_task), with Slurm's state, the node and a reason or exit code. */
  job: string | null;
  slurmState: string | null;
  node: string | null;
  detail: string | null;
}

export interface SlurmExportResult {
  dir: string;
  /** The sweep the folder's runs belong to once collected. */
  sweepId: string;
  points: number;
  tasks: number;
  /** The batch script written (job.sbatch). */
  script: string;
}

export interface SlurmCollectReport {
  dir: string;
  sweepId: string;
  points: number;
  /** Runs added to the library, and runs it already had. */
  imported: string[];
  skipped: string[];
  tasks: SlurmTaskState[];
  /** What could not be learnt from Slurm (no squeue or sacct, accounting disabled). */
  notes: string[];
}

/** A claim's verdict: it reproduces, it does not, or it could not be measured (a failed run, a missing curve). */
export type ClaimStatus = 'pass' | 'fail' | 'error';

/** What a reproduction reports for one claim of a kind (core/models/claims.ts). */
export interface ClaimOutcome {
  /** "kind/claim-id". */
  key: string;
  kind: string;
  claim: string;
  paper: string;
  statement: string;
  source: string;
  /** What is measured, in words. */
  observable: string;
  /** The expected value or inequality, and the tolerance of a value. */
  expected: string;
  tolerance: string;
  /** Whether the paper prints the expected value (else a direction is checked). */
  printed: boolean;
  quick: boolean;
  measured: number | null;
  status: ClaimStatus;
  /** Why the claim could not be measured. */
  error?: string;
  runId: string | null;
  /** When its run finished (ISO), or null. */
  checkedAt: string | null;
}

/** A claim as the Reproduction view shows it: its latest check in the library, one running, or none yet. */
export type ClaimCheck = Omit<ClaimOutcome, 'status'> & { status: ClaimStatus | 'running' | 'unchecked' };

export interface ReproductionState {
  papers: { arxiv: string; title: string; kind: string }[];
  claims: ClaimCheck[];
}

/** The channel map: each channel's function signature. */
export interface ApiMethods {
  'kinds:list': () => Promise<KindInfo[]>;
  'params:validate': (req: { kind: string; params: Record<string, unknown> }) => Promise<ParamIssue[]>;
  'runs:list': (query?: RunQuery) => Promise<RunSummary[]>;
  'runs:get': (id: string) => Promise<RunDetail | null>;
  'runs:start': (req: StartRunRequest) => Promise<RunSummary>;
  'runs:cancel': (id: string) => Promise<void>;
  /** Continue an interrupted run from its stored parts; the result is the one an uninterrupted run gives. */
  'runs:resume': (id: string) => Promise<RunSummary>;
  'runs:query': (query: RunQuery) => Promise<RunPage>;
  'runs:update': (id: string, patch: { name?: string; notes?: string; tags?: string[] }) => Promise<RunSummary>;
  'runs:delete': (ids: string[]) => Promise<{ deleted: number }>;
  'runs:restore': (ids: string[]) => Promise<{ restored: number }>;
  /** The run's kind, parameters, replicas and name again as a new run (never deduplicated); refused as too costly as `runs:start` is unless `force`. */
  'runs:rerun': (id: string, options?: RerunOptions) => Promise<RunSummary>;
  'runs:groups': (query?: { kind?: string }) => Promise<RunGroup[]>;
  'runs:aggregate': (req: { ids: string[]; band: 'std' | 'stderr' | 'minmax' }) => Promise<AggregateResult>;
  'runs:compare': (req: { ids: string[] }) => Promise<CompareResult>;
  'sweeps:start': (spec: SweepSpec) => Promise<SweepSummary>;
  'sweeps:list': () => Promise<SweepSummary[]>;
  'sweeps:get': (id: string) => Promise<SweepDetail | null>;
  'sweeps:cancel': (id: string) => Promise<void>;
  'figures:export': (req: FigureRequest) => Promise<FigureFile>;
  'images:export': (req: ImageExportRequest) => Promise<FigureFile>;
  'bundles:export': (req: { ids: string[] }) => Promise<BundleFile>;
  'bundles:import': (req: { text: string }) => Promise<ImportReport>;
  'app:info': () => Promise<AppInfo>;
  /** Write a job folder for a sweep's specification (same seed), to run on a Slurm cluster; nothing is submitted. */
  'slurm:export': (req: { sweepId: string; dir: string; slurm?: SlurmOptions }) => Promise<SlurmExportResult>;
  /** Import a job folder's finished runs as their sweep, checked as bundles are; again adds nothing. */
  'slurm:collect': (req: { dir: string }) => Promise<SlurmCollectReport>;
  /** Every claim (narrowed by kind, paper or name) with its latest check among the library's runs tagged `reproduce`. */
  'reproduce:claims': (filter?: { kind?: string; paper?: string; claim?: string }) => Promise<ReproductionState>;
  /** Queue the runs of the chosen claims (tagged `reproduce` and `reproduce-<time>`); their verdicts follow in `reproduce:claims`. */
  'reproduce:start': (req: { kind?: string; paper?: string; claim?: string; quick?: boolean }) => Promise<{ tag: string; runIds: string[] }>;
}

/** Events the engine pushes to every connected UI. */
export interface ApiEvents {
  /**
   * A run's progress; with `partial`, also what one of its parts (named in `partial.part`) has
   * computed so far. A partial result is for display only: it is never stored, and the run's
   * result is the one `runs:get` returns once it is done.
   */
  'run:progress': { id: string; fraction: number; note?: string; partial?: PartialResult & { part: string } };
  'run:status': RunSummary;
  /**
   * A sweep on its way: its points being checked, its runs being stored (one transaction), then its
   * runs finishing (`done` counts settled runs: done, failed or cancelled).
   */
  'sweep:progress': { id: string; phase: SweepPhase; done: number; total: number; fraction: number };
  'library:changed': { reason: 'updated' | 'deleted' | 'restored' | 'imported'; ids: string[] };
}
export type EventName = keyof ApiEvents;
export type SweepPhase = 'checking' | 'storing' | 'running';
export const EVENTS: EventName[] = ['run:progress', 'run:status', 'sweep:progress', 'library:changed'];

/** What the renderer talks to, whichever host it runs in. */
export interface Api {
  call<C extends Channel>(channel: C, ...args: Parameters<ApiMethods[C]>): ReturnType<ApiMethods[C]>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** Validate the arguments of a call; throws ApiError('bad_request') naming the problem. */
export function parseArgs<C extends Channel>(channel: C, args: unknown[]): Parameters<ApiMethods[C]> {
  const schema = schemas[channel];
  if (!schema) throw new ApiError('bad_request', `unknown channel ${String(channel)}`);
  const parsed = (schema as z.ZodType).safeParse(args);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ApiError('bad_request', `bad arguments for ${channel}: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
  }
  return parsed.data as Parameters<ApiMethods[C]>;
}
