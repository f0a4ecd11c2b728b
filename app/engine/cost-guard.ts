/**
 * The cost guard: a run, or a sweep summed over its points, whose estimated computation exceeds
 * COST_LIMIT_SECONDS is refused with the estimate unless it is forced (API `force: true`, CLI
 * `--force`, the app after the user confirms). The estimate is the kind's own (`ModelKind.cost`):
 * seconds on one core for every part of the run (theory and every replica), so a run spread over
 * the pool's threads finishes sooner than it says. A kind without `cost` is never refused.
 */
import { ApiError } from '../api.js';
import type { CostTerm, ModelKind } from '../../core/models/model-kind.js';

/** Longest computation a run or a sweep may be estimated to take without being forced: one hour. */
export const COST_LIMIT_SECONDS = 3600;

export interface CostEstimate {
  /** Sum of the terms' seconds. */
  seconds: number;
  terms: CostTerm[];
}

export const NO_COST: CostEstimate = { seconds: 0, terms: [] };

/** The estimated cost of one run of `kind` with these (validated) parameters and replicas. */
export function estimateRun<P>(kind: ModelKind<P>, params: P, replicas: number): CostEstimate {
  const terms = kind.cost?.(params, replicas) ?? [];
  return { seconds: terms.reduce((s, t) => s + t.seconds, 0), terms };
}

/** Two estimates added term by term (terms of the same name summed): a sweep's total. */
export function addEstimates(a: CostEstimate, b: CostEstimate): CostEstimate {
  const terms = a.terms.map((t) => ({ ...t }));
  for (const t of b.terms) {
    const same = terms.find((u) => u.what === t.what);
    if (same) {
      same.count += t.count;
      same.seconds += t.seconds;
    } else terms.push({ ...t });
  }
  return { seconds: a.seconds + b.seconds, terms };
}

/**
 * Why `estimate` is refused, or null when it is within the limit or forced: "estimated 3.2 years
 * of computation (SGD steps·d·replicas = 2.0e18), over the limit of 1 hour". `subject` names a
 * sweep ("sweep of 40 runs").
 */
export function costRefusal(estimate: CostEstimate, options: { force?: boolean; subject?: string } = {}): string | null {
  if (options.force || !(estimate.seconds > COST_LIMIT_SECONDS)) return null;
  const largest = estimate.terms.reduce<CostTerm | null>((best, t) => (best === null || t.seconds > best.seconds ? t : best), null);
  const detail = largest ? ` (${largest.what} = ${formatCount(largest.count)}${options.subject ? ' over all points' : ''})` : '';
  const prefix = options.subject ? `${options.subject}: ` : '';
  const limit = formatDuration(COST_LIMIT_SECONDS);
  const text = formatDuration(estimate.seconds) === limit ? formatDuration(estimate.seconds, 3) : formatDuration(estimate.seconds);
  return `${prefix}estimated ${text} of computation${detail}, over the limit of ${limit}`;
}

/** Throws ApiError('too_costly') with the refusal of `costRefusal`, if any. */
export function guardCost(estimate: CostEstimate, options: { force?: boolean; subject?: string } = {}): void {
  const refusal = costRefusal(estimate, options);
  if (refusal !== null) throw new ApiError('too_costly', refusal);
}

const UNITS: [string, number][] = [
  ['year', 365.25 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3.2 years", "1 hour", "45 minutes", "0.5 seconds": the largest unit that is at least 1, to `digits` significant digits. */
export function formatDuration(seconds: number, digits = 2): string {
  if (!Number.isFinite(seconds)) return 'forever';
  const [unit, size] = UNITS.find(([, s]) => seconds >= s) ?? UNITS[UNITS.length - 1]!;
  const value = seconds / size;
  const text = value >= 1e4 ? value.toExponential(digits - 1).replace('e+', 'e') : Number(value.toPrecision(digits)).toString();
  return `${text} ${unit}${text === '1' ? '' : 's'}`;
}

/** "2.0e18" for large counts, the whole number below a million. */
export function formatCount(count: number): string {
  return count < 1e6 ? String(Math.round(count)) : count.toExponential(1).replace('e+', 'e');
}
