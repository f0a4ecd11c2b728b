/** Piecewise-linear interpolation of (x, y) at the points `at` (x ascending); NaN outside [x0, xn]. */
export function interpolateLinear(x: Float64Array, y: Float64Array, at: Float64Array): Float64Array {
  const out = new Float64Array(at.length);
  let j = 0;
  for (let i = 0; i < at.length; i++) {
    const t = at[i]!;
    if (!(t >= x[0]!) || !(t <= x[x.length - 1]!)) {
      out[i] = NaN;
      continue;
    }
    while (j < x.length - 2 && x[j + 1]! < t) j++;
    while (j > 0 && x[j]! > t) j--;
    const x0 = x[j]!;
    const x1 = x[Math.min(j + 1, x.length - 1)]!;
    if (x1 === x0 || t === x0) out[i] = y[j]!;
    else if (t === x1) out[i] = y[j + 1]!;
    else out[i] = y[j]! + ((y[j + 1]! - y[j]!) * (t - x0)) / (x1 - x0);
  }
  return out;
}

export function sameGrid(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A grid every curve covers: the shared x when all are equal, else the points of the densest curve
 * inside the overlap of all ranges.
 */
export function commonGrid(xs: Float64Array[]): Float64Array {
  if (xs.every((x) => sameGrid(x, xs[0]!))) return xs[0]!;
  const lo = Math.max(...xs.map((x) => x[0]!));
  const hi = Math.min(...xs.map((x) => x[x.length - 1]!));
  const densest = xs.reduce((a, b) => (b.length > a.length ? b : a));
  return densest.filter((v) => v >= lo && v <= hi);
}
