/**
 * Axis limits from the data: the range of what is drawn, widened by a small margin (in log space on
 * a logarithmic axis), never stretched to include 0; a user's limit on either side replaces the
 * data's. As matplotlib's autoscaling with `axes.ymargin`, without rounding out to ticks.
 */

import type { AxisLimits } from '../figure-options.js';

export type { AxisLimits } from '../figure-options.js';

/** Margin on each side as a fraction of the range: the y axis breathes, the x axis spans the data. */
export const MARGINS = { x: 0, y: 0.05 } as const;

/**
 * The limits of an axis whose drawn values run from `lo` to `hi` (finite, and positive on a log
 * axis), with `margin` on each side; `user` limits win where given. A single value gets a range
 * around it (±10 %, or ±1 at 0; a factor √10 on a log axis).
 */
export function axisLimits(lo: number, hi: number, options: { log: boolean; margin: number; user?: AxisLimits }): { min: number; max: number } {
  const user = options.user ?? [null, null];
  let min = lo;
  let max = hi;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    min = options.log ? 0.1 : 0;
    max = options.log ? 10 : 1;
  }
  if (options.log) {
    let a = Math.log10(min);
    let b = Math.log10(max);
    if (b - a < 1e-12) {
      a -= 0.5;
      b += 0.5;
    }
    const pad = (b - a) * options.margin;
    // Far below 1e-300 a power of ten underflows to 0, where a log axis has no position.
    min = Math.max(10 ** (a - pad), 1e-300);
    max = Math.min(10 ** (b + pad), 1e300);
  } else {
    if (max - min <= Math.abs(max) * 1e-12) {
      const half = min === 0 ? 1 : Math.abs(min) * 0.1;
      min -= half;
      max += half;
    }
    const pad = (max - min) * options.margin;
    min -= pad;
    max += pad;
  }
  const [uMin, uMax] = user;
  if (uMin !== null && Number.isFinite(uMin)) min = uMin;
  if (uMax !== null && Number.isFinite(uMax)) max = uMax;
  if (!(max > min)) {
    // A user limit on one side beyond the data's other side: keep the user's and step away from it.
    if (uMin !== null) max = options.log ? uMin * 10 : uMin + Math.max(1, Math.abs(uMin));
    else if (uMax !== null) min = options.log ? uMax / 10 : uMax - Math.max(1, Math.abs(uMax));
  }
  return { min, max };
}

/** Why a pair of user limits cannot be used on an axis, or null: ordered, finite, positive on a log axis. */
export function limitsProblem(limits: AxisLimits, log: boolean): string | null {
  const [a, b] = limits;
  for (const v of [a, b]) {
    if (v === null) continue;
    if (!Number.isFinite(v)) return 'limits must be finite numbers';
    if (log && v <= 0) return 'limits on a log axis must be positive';
  }
  if (a !== null && b !== null && !(a < b)) return 'the lower limit must be below the upper one';
  return null;
}
