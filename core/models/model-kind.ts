/**
 * The contract every model kind implements (see docs/architecture.md).
 *
 * A kind is pure data plus pure functions: it runs in a worker thread, in Node and in the browser,
 * so nothing here may import `node:` modules, the DOM or Electron.
 */
import type { z } from 'zod';
import type { Claim } from './claims.js';
import type { Dataset } from './kit/dataset.js';

export type SeriesSource =
  | 'theory'
  | 'simulation'
  | 'sde'
  | 'bound_lower'
  | 'bound_upper'
  | 'empirical'
  | 'fit';

export const SERIES_SOURCES: readonly SeriesSource[] = [
  'theory',
  'simulation',
  'sde',
  'bound_lower',
  'bound_upper',
  'empirical',
  'fit',
];

export type BandKind = 'std' | 'stderr' | 'minmax' | 'quantile';

export interface Band {
  lo: Float64Array;
  hi: Float64Array;
  kind: BandKind;
}

/** One curve: an observable from one source, optionally one replica of a simulation. */
export interface Series {
  /** The observable, e.g. "risk". Theory and simulation of the same name share x units. */
  name: string;
  source: SeriesSource;
  label?: string;
  seed?: number;
  replica?: number;
  x: Float64Array;
  y: Float64Array;
  xLabel: string;
  yLabel: string;
  band?: Band;
}

export interface ImageResult {
  name: string;
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB); 1 when absent. */
  channels?: 1 | 3;
  /** Values mapped to black..white (per channel); the data's own min..max when absent. */
  range?: [number, number];
  /** Row-major values, channel-interleaved: width * height * channels. */
  data: Float64Array;
  /** Per-image measures, finite numbers by name, e.g. { psnr: 12.3, ssim: 0.41 } against the clean image. */
  metrics?: Record<string, number>;
}

/**
 * A trained model a run keeps in the library: its parameters (weights) as numbers and the
 * configuration needed to use them (architecture, sizes, normalisation). A later run reuses it by
 * reference (an input that accepts 'artifact'); the library names it by the SHA-256 of its content.
 */
export interface ArtifactResult {
  name: string;
  /** What the numbers are, versioned, e.g. "mlp-weights/v1": the reader checks it. */
  format: string;
  config: Record<string, unknown>;
  data: Float64Array;
}

/**
 * Images of a result laid out as a table with labelled rows and columns (e.g. rows = test images,
 * columns = clean / degraded / each method). A cell names an image of the same result, or is null
 * (left empty). Every name in `cells` is an image's name; rows.length rows of columns.length cells.
 */
export interface ImageGrid {
  /** Unique among the result's grids, e.g. "denoising". */
  name: string;
  title?: string;
  rows: string[];
  columns: string[];
  /** cells[r][c]: the name of the image shown at row r, column c, or null. */
  cells: (string | null)[][];
}

export interface RunResult {
  series: Series[];
  scalars: Record<string, number>;
  images?: ImageResult[];
  /** Trained models the run keeps (stored by the library; not sent back with the run's result). */
  artifacts?: ArtifactResult[];
  /** Tables of `images`, by name; an image may appear in several grids or none. */
  grids?: ImageGrid[];
  notes?: string[];
}

/**
 * What a part has computed so far (a running curve, a diagnostic such as a two-halves or R-hat
 * statistic), sent while it runs. It is shown, never stored: the part's returned result is final.
 */
export interface PartialResult {
  series: Series[];
  scalars?: Record<string, number>;
  note?: string;
}

/** What a running computation may ask of its host. */
export interface RunContext {
  /** The run's base seed; derive every stream from it (see core/numerics/rng). */
  seed: number;
  /** Number of simulation replicas requested. */
  replicas: number;
  /** True once the user asked to stop; hot loops check it every few thousand steps. */
  isCancelled(): boolean;
  /** Throttled by the host; fraction in [0, 1]. */
  progress(fraction: number, note?: string): void;
  /** Reports a partial result of the part (throttled by the host, which may drop some); absent where nobody listens. */
  partial?(result: PartialResult): void;
  /** The datasets the run reads, by `InputSpec.name`: present for every input whose `used` is true. */
  inputs?: Readonly<Record<string, Dataset>>;
}

/**
 * What one part of a run computes. Plain data: the engine hands it to a worker as it is and the
 * kind reads its fields, never a string to parse back. `dim` is set when a run compares several
 * dimensions (each with its own theory and replicas); `process` names a second simulated process
 * beside the kind's main one (e.g. "sde").
 */
export type PartKey =
  | { role: 'theory'; dim?: number }
  | { role: 'replica'; index: number; process?: string; dim?: number };

/** A piece of a run that can execute independently of the others (on its own worker). */
export interface RunPart {
  key: PartKey;
  /** Relative cost, used to weigh progress. */
  weight: number;
}

/** The result of one part, next to the key that produced it. */
export interface PartResult {
  key: PartKey;
  result: RunResult;
}

export interface MergeContext {
  seed: number;
  replicas: number;
  /** The run's datasets, as in `RunContext.inputs`. */
  inputs?: Readonly<Record<string, Dataset>>;
}

/**
 * A file or folder a run reads: a CSV table or a folder of PNG/JPEG images, or a dataset shipped
 * with Limitlab (`mnist`). The engine reads it before the run is stored (core never touches
 * files), refuses it with one line naming the file, row or column, records its SHA-256 with the
 * run, and hands the parsed `Dataset` to every part and to the merge as `ctx.inputs[name]`.
 */
export interface InputSpec<P> {
  /** Key of the dataset in `ctx.inputs`, e.g. "data". */
  name: string;
  /** Dotted parameter path holding the file or folder path, e.g. "data.path". */
  pathParam: string;
  /** 'artifact': a model stored by an earlier run, named `run:RUN_ID/NAME` or `artifact:ID` (a prefix of its SHA-256). */
  accepts: readonly ('csv' | 'images' | 'artifact')[];
  /** Whether a run with these parameters reads the input (e.g. `data.source === 'file'`). */
  used(params: P): boolean;
  /** CSV columns that may hold text (e.g. a train/test `split` column); every other cell must be a finite number. */
  textColumns?: readonly string[];
  /** One line naming the column, row or file when the dataset does not fit the parameters, else null. */
  check?(params: P, dataset: Dataset): string | null;
}

export interface Preset<P> {
  description: string;
  /** Overrides on top of the schema defaults. */
  params: DeepPartial<P>;
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface PaperRef {
  arxiv: string;
  title: string;
}

/** A curve a kind produces (every source of it shares the name and the axes). */
export interface ObservableSpec {
  /** The series name, e.g. "risk". */
  name: string;
  /** What it is, in words. */
  label: string;
  xLabel: string;
  yLabel: string;
  /** Whether a logarithmic axis usually reads best (x spans decades, y decays by orders). */
  logX: boolean;
  logY: boolean;
}

/**
 * What a scalar is: the theory's value (`theory`), a simulation's (`simulation`), a distance
 * between the two (`gap`), a closed-form limit or bound (`limit`), or a number about the run
 * itself (`diagnostic`: solver steps, derived sizes, privacy levels).
 */
export type ScalarRole = 'theory' | 'simulation' | 'gap' | 'limit' | 'diagnostic';

export interface ScalarSpec {
  /** The scalar's key; `{n}` stands for a whole number (e.g. "gap_d{n}" for gap_d256). */
  name: string;
  role: ScalarRole;
  description: string;
}

/** Everything a kind may report, declared up front. Scalars are listed most telling first. */
export interface KindOutputs {
  observables: ObservableSpec[];
  scalars: ScalarSpec[];
  /** The trained models a run may keep (`RunResult.artifacts`), by name and format. */
  artifacts?: { name: string; format: string; description: string }[];
}

/**
 * A model kind. The engine resolves and validates parameters once (schema defaults, preset,
 * overrides; see resolve-params.ts) and hands every function below the parsed `P`; none of them
 * parses again. A run is always its parts: `parts` lists them, `runPart` computes one (in any
 * order, on any worker), `merge` assembles the result; `runKind` (./run-kind.ts) does the same in
 * one thread.
 */
export interface ModelKind<P = unknown> {
  /** kebab-case, stable: stored in the library. */
  id: string;
  title: string;
  paper: PaperRef[];
  summary: string;
  /** Equations solved, one TeX display line each (typeset with KaTeX in the app). */
  equations: string[];
  /** Validates every input and carries defaults, ranges and descriptions. */
  params: z.ZodType<P>;
  presets: Record<string, Preset<P>>;
  outputs: KindOutputs;
  /** The files a run may read (see `InputSpec`); absent for kinds that read none. */
  inputs?: InputSpec<P>[];
  /** The independent parts of a run, in the order `merge` receives them. */
  parts(params: P, replicas: number): RunPart[];
  /** Computes one part; it derives its random streams from (ctx.seed, part), never from order. */
  runPart(params: P, key: PartKey, ctx: RunContext): RunResult;
  /** Assembles the run from every part's result, in `parts` order. */
  merge(params: P, parts: PartResult[], ctx: MergeContext): RunResult;
  /** Warnings about parameters that are valid but outside the theory's assumptions. */
  warnings?(params: P): string[];
  /**
   * The solver a run with these parameters uses for its theory (`integrator` and its settings,
   * e.g. tolerances), kept with the run as its provenance.
   */
  solver?(params: P): Record<string, unknown>;
  /**
   * Theoretical boundaries to overlay on a sweep summary over `axes` (e.g. the critical learning
   * rate). For one axis a boundary with an empty `y` is a vertical line at `x[0]`; for two axes it
   * is a curve in (axes[0], axes[1]) coordinates.
   */
  sweepBoundaries?(base: P, axes: SweepAxis[]): SweepBoundaryCurve[];
  /**
   * What a run with these parameters and replicas will cost, term by term (see `CostTerm`): every
   * factor counted (replicas, steps × dimension, modes, classes, recording points), cheap to
   * compute (no matrices; a spectrum at most). The engine refuses a run whose terms add up to more
   * than its limit unless forced (app/engine/cost-guard.ts).
   */
  cost?(params: P, replicas: number): CostTerm[];
  /**
   * Set by a kind whose repetitions are one of its own parameters (Langevin chains, repetitions at
   * each sample size) rather than the run's replica count, which it does not use: a request for
   * more than one replica is refused with the parameter to set instead, and progress names its
   * parts by `noun`.
   */
  repetitions?: KindRepetitions;
  /**
   * The headline claims of the kind's papers as checkable items (see ./claims.ts): each names the
   * run that reproduces it, what to measure and what the paper says. Kept in the kind's `claims.ts`;
   * `limitlab reproduce` and the app's Reproduction view run them.
   */
  claims?: readonly Claim[];
}

/** How a kind that counts its own repetitions names them (see `ModelKind.repetitions`). */
export interface KindRepetitions {
  /** Dotted path of the parameter that counts them, e.g. "langevin.chains". */
  param: string;
  /** One of them, as progress names a part: "chain" gives "chain 3". */
  noun: string;
  /** All of them, as a refusal names them: "Langevin chains". */
  plural: string;
  /** What a part key's `dim` stands for ("M" for a sample size); "d" when absent. */
  dimName?(key: PartKey): string;
}

/**
 * One term of a run's estimated cost: what is counted ("SGD steps·d·replicas"), how many, and the
 * estimated seconds of computation for them on one core of a current laptop (from the per-unit
 * times `npm run bench` and the kinds' own timings give, e.g. 5 ns per SGD step × dimension).
 */
export interface CostTerm {
  what: string;
  count: number;
  seconds: number;
}

export interface SweepAxis {
  path: string;
  values: (number | string | boolean)[];
}

export interface SweepBoundaryCurve {
  label: string;
  x: number[];
  y: number[];
}
