/**
 * Curves that stop early: a theory whose solver gave up leaves NaN (or ±Infinity) after some
 * point. Such a run is finished but incomplete, and the app says so beside its status and under
 * the chart instead of calling the missing points "non-positive".
 */
import type { Series } from '../../core/models/model-kind.js';
import { SOURCE_STYLES } from './style.js';
import { formatValue } from './ticks.js';

export interface IncompleteCurve {
  name: string;
  label: string;
  /** Points whose value is not finite. */
  missing: number;
  total: number;
  /** The last x with a finite value (null when none is finite). */
  lastFiniteX: number | null;
}

/** The curves (replicas aside) with non-finite values, in order. */
export function incompleteCurves(series: readonly Series[]): IncompleteCurve[] {
  const out: IncompleteCurve[] = [];
  for (const s of series) {
    if (s.replica !== undefined) continue;
    const n = Math.min(s.x.length, s.y.length);
    let missing = 0;
    let lastFiniteX: number | null = null;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(s.y[i])) lastFiniteX = s.x[i]!;
      else missing++;
    }
    if (missing > 0) out.push({ name: s.name, label: s.label ?? SOURCE_STYLES[s.source].label, missing, total: n, lastFiniteX });
  }
  return out;
}

/** One line saying which curves stop early, e.g. "risk: ODE (theory) stops at t = 3.2 (40 of 200 points missing)". */
export function incompleteText(curves: readonly IncompleteCurve[], xLabel = 'x'): string {
  return curves
    .map((c) => {
      const where = c.lastFiniteX === null ? 'has no finite value' : `stops at ${xLabel.split('=')[0]!.trim() || 'x'} = ${formatValue(c.lastFiniteX)}`;
      return `${c.name}: ${c.label} ${where} (${c.missing} of ${c.total} points missing)`;
    })
    .join('; ');
}
