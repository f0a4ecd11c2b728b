/**
 * The estimated cost of an attention-pairwise run (`ModelKind.cost`), term by term, in seconds on
 * one core (counts of ./work.ts, summed over every M of the sweep and every repetition):
 *
 * - B-spline least squares: about 25 ns per pair-basis update (with the data it is fitted to);
 * - joint estimator: about 1.5 ns per Gauss–Newton multiply-add;
 * - error on fresh pairs: about 30 ns per pair and coordinate (a B-spline evaluation per pair).
 *
 * Calibrated on the bench's default sweep (A known: 8 s; joint at d = 3: about 100 s on a loaded
 * 2-core machine).
 *
 * Rough to a factor of a few: it tells seconds from hours from years.
 */
import type { CostTerm } from '../model-kind.js';
import { type AttentionParams, sampleSizes } from './params.js';
import { fitWork } from './work.js';

const SPLINE_NS = 25;
const GAUSS_NEWTON_NS = 1.5;
const METRIC_NS = 30;

export function attentionCost(p: AttentionParams): CostTerm[] {
  let spline = 0;
  let gaussNewton = 0;
  let metric = 0;
  for (const M of sampleSizes(p)) {
    const w = fitWork(p, M);
    spline += p.reps * w.spline;
    gaussNewton += p.reps * w.gaussNewton;
    metric += p.reps * w.metric;
  }
  const terms: CostTerm[] = [{ what: 'B-spline least squares: pair·basis updates over every M and repetition', count: spline, seconds: spline * SPLINE_NS * 1e-9 }];
  if (gaussNewton > 0) terms.push({ what: 'joint estimator: Gauss–Newton multiply-adds', count: gaussNewton, seconds: gaussNewton * GAUSS_NEWTON_NS * 1e-9 });
  terms.push({ what: 'error on fresh pairs: pairs·coordinates', count: metric, seconds: metric * METRIC_NS * 1e-9 });
  return terms;
}
