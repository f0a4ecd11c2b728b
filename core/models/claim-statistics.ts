/**
 * The statistics a claim measures on a run's result (see ./claims.ts): a scalar, a ratio or position
 * of scalars, a series' final value or value at x, a fitted log-log slope, and the relative
 * theory-to-simulation gap. Pure functions of plain data; each returns a number or throws a
 * `RangeError` naming what is missing.
 */
import type { Observable } from './claims.js';
import type { RunResult, Series, SeriesSource } from './model-kind.js';

/** The last finite value of `y` (NaN when there is none). */
export function finalValue(y: ArrayLike<number>): number {
  for (let i = y.length - 1; i >= 0; i--) if (Number.isFinite(y[i])) return y[i]!;
  return NaN;
}

/**
 * y at `at` by linear interpolation between the recorded points (x increasing); NaN outside
 * [x[0], x[n-1]].
 */
export function valueAt(x: ArrayLike<number>, y: ArrayLike<number>, at: number): number {
  const n = x.length;
  if (n === 0 || at < x[0]! || at > x[n - 1]!) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= at) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!;
  const x1 = x[hi]!;
  if (x1 === x0 || at === x0) return y[lo]!;
  return y[lo]! + ((y[hi]! - y[lo]!) * (at - x0)) / (x1 - x0);
}

/**
 * The least-squares slope of log y against log x over the points with x in [from, to] and x, y > 0
 * (the exponent of a power law y ~ x^slope). NaN with fewer than two such points.
 */
export function logLogSlope(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!(xi >= from && xi <= to && xi > 0 && yi > 0 && Number.isFinite(yi))) continue;
    const lx = Math.log(xi);
    const ly = Math.log(yi);
    n++;
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  }
  const den = n * sxx - sx * sx;
  if (n < 2 || den === 0) return NaN;
  return (n * sxy - sx * sy) / den;
}

/**
 * The first x at which y reaches `level`: x[0] when y[0] equals it, else the linear interpolation
 * inside the first interval whose ends lie on opposite sides of it (or end on it). NaN when y never
 * reaches it.
 */
export function firstCrossing(x: ArrayLike<number>, y: ArrayLike<number>, level: number): number {
  if (x.length && y[0] === level) return x[0]!;
  for (let i = 1; i < x.length; i++) {
    const a = y[i - 1]! - level;
    const b = y[i]! - level;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (b === 0) return x[i]!;
    if (a * b < 0) return x[i - 1]! + ((x[i]! - x[i - 1]!) * a) / (a - b);
  }
  return NaN;
}

/**
 * max |simulation - theory| / max |theory| over the simulation's points inside the theory's x range
 * (theory interpolated linearly). NaN when they share no point or the theory is identically 0.
 */
export function relativeGap(theory: Pick<Series, 'x' | 'y'>, simulation: Pick<Series, 'x' | 'y'>): number {
  let gap = 0;
  let scale = 0;
  let shared = 0;
  for (let i = 0; i < simulation.x.length; i++) {
    const t = valueAt(theory.x, theory.y, simulation.x[i]!);
    const s = simulation.y[i]!;
    if (!Number.isFinite(t) || !Number.isFinite(s)) continue;
    shared++;
    gap = Math.max(gap, Math.abs(s - t));
    scale = Math.max(scale, Math.abs(t));
  }
  return shared && scale > 0 ? gap / scale : NaN;
}

/**
 * The series of observable `name` from `source`: the replica mean (a series without a replica
 * index) when there is one, else the first replica.
 */
export function pickSeries(result: RunResult, name: string, source: SeriesSource): Series {
  const all = result.series.filter((s) => s.name === name && s.source === source);
  const chosen = all.find((s) => s.replica === undefined) ?? all[0];
  if (!chosen) throw new RangeError(`the run has no ${source} series "${name}"`);
  return chosen;
}

function scalar(result: RunResult, name: string): number {
  const v = result.scalars[name];
  if (v === undefined) throw new RangeError(`the run has no scalar "${name}"`);
  return v;
}

/** The value of `observable` on `result`. */
export function measure(observable: Observable, result: RunResult): number {
  switch (observable.kind) {
    case 'scalar':
      return scalar(result, observable.name);
    case 'ratio':
      return scalar(result, observable.numerator) / scalar(result, observable.denominator);
    case 'position': {
      const lo = scalar(result, observable.lo);
      const hi = scalar(result, observable.hi);
      return (scalar(result, observable.value) - lo) / (hi - lo);
    }
    case 'final':
      return finalValue(pickSeries(result, observable.series, observable.source).y);
    case 'value-at': {
      const s = pickSeries(result, observable.series, observable.source);
      return valueAt(s.x, s.y, observable.x);
    }
    case 'slope': {
      const s = pickSeries(result, observable.series, observable.source);
      return logLogSlope(s.x, s.y, observable.from, observable.to);
    }
    case 'crossing': {
      const s = pickSeries(result, observable.series, observable.source);
      return firstCrossing(s.x, s.y, observable.level);
    }
    case 'gap':
      return relativeGap(pickSeries(result, observable.series, 'theory'), pickSeries(result, observable.series, observable.simulation));
  }
}

/** One line describing what `observable` measures, e.g. "slope of log risk (theory) on t in [300, 10000]". */
export function describeObservable(o: Observable): string {
  switch (o.kind) {
    case 'scalar':
      return o.name;
    case 'ratio':
      return `${o.numerator} / ${o.denominator}`;
    case 'position':
      return `position of ${o.value} in [${o.lo}, ${o.hi}]`;
    case 'final':
      return `final ${o.series} (${o.source})`;
    case 'value-at':
      return `${o.series} (${o.source}) at ${o.x}`;
    case 'slope':
      return `log-log slope of ${o.series} (${o.source}) on [${o.from}, ${o.to}]`;
    case 'crossing':
      return `first ${o.series} (${o.source}) crossing of ${o.level}`;
    case 'gap':
      return `max |${o.simulation} - theory| / max |theory| of ${o.series}`;
  }
}
