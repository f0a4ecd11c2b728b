/**
 * Where ticks go: round values inside an axis's limits. A linear axis gets steps of 1, 2, 2.5 or 5
 * times a power of ten (as matplotlib's MaxNLocator), chosen for about as many ticks as the axis
 * length allows; a logarithmic axis gets its decades as major ticks and 2…9 × 10ᵏ as minor ones
 * (or, inside a single decade, round linear steps). Values are rounded to their step, so 0.1 + 0.2
 * is 0.3 and never 0.30000000000000004.
 */

export interface TickValue {
  value: number;
  /** Labelled and drawn with the stronger grid line. */
  major: boolean;
}

const STEPS = [1, 2, 2.5, 5, 10];

/** Round `value` to a multiple of `step`, without binary noise. */
function snap(value: number, step: number): number {
  const decimals = Math.max(0, Math.min(20, -Math.floor(Math.log10(step)) + 2));
  return Number((Math.round(value / step) * step).toFixed(decimals));
}

/** The smallest round step giving at most `maxCount` ticks over [min, max]. */
export function niceStep(min: number, max: number, maxCount: number): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, maxCount - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of STEPS) {
    const step = m * power;
    if (Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1 <= maxCount) return step;
  }
  return 10 * power;
}

/** Round ticks inside [min, max] on a linear axis, at most `maxCount` (and at least two where the range allows). */
export function linearTicks(min: number, max: number, maxCount: number): TickValue[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return Number.isFinite(min) ? [{ value: min, major: true }] : [];
  const count = Math.max(2, Math.floor(maxCount));
  const step = niceStep(min, max, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: TickValue[] = [];
  for (let k = first; k <= last; k++) ticks.push({ value: snap(k * step, step), major: true });
  return ticks;
}

/** Ticks of a logarithmic axis over [min, max] (both positive). */
export function logTicks(min: number, max: number, maxCount: number): TickValue[] {
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return [];
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const kMin = Math.ceil(lo - 1e-9);
  const kMax = Math.floor(hi + 1e-9);
  const decades = kMax - kMin + 1;
  if (decades < 1 || (decades === 1 && hi - lo < 1.2)) {
    // Within about a decade: round values as on a linear axis, all labelled.
    return linearTicks(min, max, Math.max(3, Math.min(maxCount, 6)));
  }
  // Every `every`-th decade is a major tick, so that at most maxCount decades are labelled.
  const every = Math.max(1, Math.ceil(decades / Math.max(2, maxCount)));
  const ticks: TickValue[] = [];
  const minors = decades <= 8;
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    const decade = Number(`1e${k}`);
    // Over many decades the unlabelled ones would grey the plot: keep them only when few are skipped.
    const inside = decade >= min * (1 - 1e-12) && decade <= max * (1 + 1e-12);
    if (inside && (k % every === 0 || every <= 3)) ticks.push({ value: decade, major: k % every === 0 });
    if (!minors) continue;
    for (let m = 2; m <= 9; m++) {
      const v = Number(`${m}e${k}`);
      if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) ticks.push({ value: v, major: false });
    }
  }
  ticks.sort((a, b) => a.value - b.value);
  // Two decades or fewer: 2× and 5× ticks are labelled too.
  if (decades <= 2) for (const t of ticks) if (!t.major && /^[25]e/.test(t.value.toExponential())) t.major = true;
  return ticks;
}

/** How many ticks fit on an axis `length` long, for labels about `labelSize` long along it. */
export function tickBudget(length: number, labelSize: number): number {
  return Math.max(2, Math.min(11, Math.floor(length / Math.max(1, labelSize))));
}
