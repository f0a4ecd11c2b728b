/**
 * Claims: the headline results of a kind's papers as checkable items (see docs/architecture.md,
 * "Adding a model kind"). A claim is plain data: which run reproduces it (a preset and parameter
 * overrides), what to measure on that run's result (an `Observable`), and what the paper or the
 * theory notes say it should be (an `Expectation`). The statistics that measure an observable on a
 * result are pure functions in ./claim-statistics.ts; `limitlab reproduce` and the app's
 * Reproduction view run the claims and compare.
 */
import type { SeriesSource } from './model-kind.js';

/** What is measured on a run's result. Series are chosen by observable name and source. */
export type Observable =
  /** A scalar the run reports, e.g. `final_lr_theory`. */
  | { kind: 'scalar'; name: string }
  /** The ratio of two scalars the run reports, e.g. a rate over its closed-form asymptote. */
  | { kind: 'ratio'; numerator: string; denominator: string }
  /** Where scalar `value` sits between scalars `lo` and `hi`: 0 at lo, 1 at hi (inside when in [0, 1]). */
  | { kind: 'position'; value: string; lo: string; hi: string }
  /** The last finite value of a series. */
  | { kind: 'final'; series: string; source: SeriesSource }
  /** The value of a series at x (linear interpolation between recorded points). */
  | { kind: 'value-at'; series: string; source: SeriesSource; x: number }
  /** The least-squares slope of log y against log x over x in [from, to] (a power-law exponent). */
  | { kind: 'slope'; series: string; source: SeriesSource; from: number; to: number }
  /** The first x at which a series reaches `level` (from either side; linear interpolation), e.g. a time to accuracy. */
  | { kind: 'crossing'; series: string; source: SeriesSource; level: number }
  /** max_x |simulation - theory| / max_x |theory| over the x both cover (theory interpolated at the simulation's x). */
  | { kind: 'gap'; series: string; simulation: SeriesSource };

/**
 * What the claim expects of the measured value. `approx`: |measured - value| <= tolerance (absolute,
 * or relative to |value| when `relative`); `below` / `above`: measured < bound / > bound;
 * `between`: lo <= measured <= hi.
 */
export type Expectation =
  | { kind: 'approx'; value: number; tolerance: number; relative?: boolean }
  | { kind: 'below'; bound: number }
  | { kind: 'above'; bound: number }
  | { kind: 'between'; lo: number; hi: number };

/** The run a claim measures: a preset of the kind and overrides (dotted objects, as `runs:start` takes them). */
export interface ClaimRun {
  preset?: string;
  params?: Record<string, unknown>;
  /** Simulation replicas (the kind's parts); 1 when absent. */
  replicas?: number;
  /** The run's seed; fixed so that a check is repeatable (0 when absent). */
  seed?: number;
}

export interface Claim {
  /** kebab-case, unique within the kind. */
  id: string;
  /** arXiv id of the paper the claim is from; one of the kind's `paper`. */
  paper: string;
  /** The claim in our words, one or two sentences. */
  statement: string;
  /** Where it comes from: "Fig. 5", "Theorem 2.1", or a check id of the theory notes ("theory note A3"). */
  source: string;
  run: ClaimRun;
  observable: Observable;
  expected: Expectation;
  /**
   * Whether the paper (or the notes' independent check) prints the expected value. When false the
   * claim checks a direction or a range the paper states in words, and says so in `statement`.
   */
  printed: boolean;
  /** In the cheap subset (`limitlab reproduce --quick`, run by `npm test`). */
  quick: boolean;
  /** The observable to draw for the report's figure (theory and simulation on the same axes). */
  figure: { series: string; logX?: boolean; logY?: boolean };
}

/** The expected value or inequality, e.g. "0.8698", "< -0.1", "in [1, 2]" (the tolerance apart). */
export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'approx':
      return fmt(e.value);
    case 'below':
      return `< ${fmt(e.bound)}`;
    case 'above':
      return `> ${fmt(e.bound)}`;
    case 'between':
      return `in [${fmt(e.lo)}, ${fmt(e.hi)}]`;
  }
}

/** The tolerance of an `approx` expectation, e.g. "± 0.001" or "± 5%"; "bound" for inequalities (no tolerance). */
export function describeTolerance(e: Expectation): string {
  if (e.kind !== 'approx') return 'bound';
  return e.relative ? `± ${fmt(100 * e.tolerance)}%` : `± ${fmt(e.tolerance)}`;
}

/** Whether `measured` meets the expectation (a NaN never does). */
export function meetsExpectation(e: Expectation, measured: number): boolean {
  if (!Number.isFinite(measured)) return e.kind === 'above' && measured === Infinity;
  switch (e.kind) {
    case 'approx':
      return Math.abs(measured - e.value) <= (e.relative ? e.tolerance * Math.abs(e.value) : e.tolerance);
    case 'below':
      return measured < e.bound;
    case 'above':
      return measured > e.bound;
    case 'between':
      return measured >= e.lo && measured <= e.hi;
  }
}

/** A number in at most 4 significant digits without trailing zeros. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return Number(v.toPrecision(3)).toExponential();
  return String(Number(v.toPrecision(4)));
}
