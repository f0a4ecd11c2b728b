/**
 * The contract every model kind implements (see docs/architecture.md).
 *
 * A kind is pure data plus pure functions: it runs in a worker thread, in Node and in the browser,
 * so nothing here may import `node:` modules, the DOM or Electron.
 */
import type { z } from 'zod';

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
  /** Row-major values, width * height. */
  data: Float64Array;
}

export interface RunResult {
  series: Series[];
  scalars: Record<string, number>;
  images?: ImageResult[];
  notes?: string[];
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
}

/** A piece of a run that can execute independently of the others (on its own worker). */
export interface RunPart {
  /** Stable identifier, e.g. "theory" or "replica:3". */
  id: string;
  /** Relative cost, used to weigh progress. */
  weight: number;
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

export interface ModelKind<P = unknown> {
  /** kebab-case, stable: stored in the library. */
  id: string;
  title: string;
  paper: PaperRef[];
  summary: string;
  /** Equations solved, as plain text / TeX-like lines shown in the app. */
  equations: string[];
  /** Validates every input and carries defaults, ranges and descriptions. */
  params: z.ZodType<P>;
  presets: Record<string, Preset<P>>;
  /** Compute the whole run in this thread. */
  run(params: P, ctx: RunContext): RunResult;
  /**
   * Optional split into independent parts (e.g. the theory and each replica) so the engine can
   * spread them over the pool. `runPart` computes one part; `merge` combines all parts in `parts` order.
   * `run` must equal `merge(parts.map(runPart))` bit for bit.
   */
  parts?(params: P, replicas: number): RunPart[];
  runPart?(params: P, part: RunPart, ctx: RunContext): RunResult;
  merge?(params: P, results: RunResult[], ctx: { seed: number; replicas: number }): RunResult;
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
  sweepBoundaries?(base: P, axes: { path: string; values: (number | string | boolean)[] }[]): SweepBoundaryCurve[];
}

export interface SweepBoundaryCurve {
  label: string;
  x: number[];
  y: number[];
}
