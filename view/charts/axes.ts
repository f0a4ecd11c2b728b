/**
 * Initial axis scales for a chart: log y when the values are positive and span at least two
 * decades (risks decaying to zero; one decade when x is logarithmic), log x when x is non-negative, spans at least three decades and
 * is sampled densely at small x (log-spaced grids, power-law learning curves). The user toggles from there.
 */
import type { Series } from '../../core/models/model-kind.js';

export function suggestLogAxes(series: readonly Series[]): { logX: boolean; logY: boolean } {
  const main = series.filter((s) => s.replica === undefined);
  const use = main.length > 0 ? main : series;
  let yPos = 0;
  let yFinite = 0;
  let yMin = Infinity;
  let yMax = 0;
  let xNeg = false;
  const xs: number[] = [];
  for (const s of use) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const x = s.x[i];
      const y = s.y[i];
      if (Number.isFinite(y)) {
        yFinite++;
        if (y > 0) {
          yPos++;
          if (y < yMin) yMin = y;
          if (y > yMax) yMax = y;
        }
      }
      if (Number.isFinite(x)) {
        if (x < 0) xNeg = true;
        else if (x > 0) xs.push(x);
      }
    }
  }
  const yPositive = yFinite > 0 && yPos / yFinite >= 0.98;
  let logX = false;
  if (!xNeg && xs.length > 2) {
    let xMin = Infinity;
    let xMax = 0;
    for (const x of xs) {
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
    }
    const small = xs.filter((x) => x < xMax / 100).length;
    logX = (xMax / xMin >= 1000 && small / xs.length >= 0.3) || isGeometric(xs);
  }
  // A scaling study (x doubling, e.g. dimensions 256…4096) reads as a straight line on log–log axes.
  if (logX && isGeometric(xs)) return { logX, logY: yPositive };
  // On a log x axis a decade of y is enough to show a power law as a straight line.
  const logY = yPositive && yMax / yMin >= (logX ? 10 : 100);
  return { logX, logY };
}

/** x values (deduplicated) that grow by one constant factor of at least 1.5, at three points or more. */
function isGeometric(xs: readonly number[]): boolean {
  const u = [...new Set(xs)].sort((a, b) => a - b);
  if (u.length < 3) return false;
  const ratios = u.slice(1).map((x, i) => x / u[i]!);
  const first = ratios[0]!;
  return first >= 1.5 && ratios.every((r) => Math.abs(r / first - 1) < 0.05);
}

/**
 * Initial scales when the kind declares what suits an observable (`ObservableSpec.logX/logY`, e.g.
 * an error against sample size on log–log axes): the declaration wins on each axis where the data
 * have positive values to draw; without a declaration, `suggestLogAxes` guesses from the data.
 */
export function initialLogAxes(
  series: readonly Series[],
  declared?: { readonly logX: boolean; readonly logY: boolean },
): { logX: boolean; logY: boolean } {
  const guess = suggestLogAxes(series);
  if (!declared) return guess;
  const positive = (axis: 'x' | 'y') => series.some((s) => Array.prototype.some.call(s[axis], (v: number) => Number.isFinite(v) && v > 0));
  return { logX: declared.logX && positive('x'), logY: declared.logY && positive('y') };
}
