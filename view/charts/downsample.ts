/**
 * Index selection that keeps a curve's shape with at most `maxPoints` points: the points are cut
 * into consecutive buckets and each bucket keeps its first, minimum and maximum point (in order).
 * Spikes survive, which a plain stride would lose. Pure; used before handing data to chart.js.
 */
export function downsampleIndices(y: ArrayLike<number>, maxPoints: number): number[] {
  const n = y.length;
  if (n <= maxPoints || maxPoints < 3) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((maxPoints - 1) / 3));
  const size = (n - 1) / buckets;
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n - 1, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(y[lo]) || v < y[lo]) lo = i;
      if (Number.isNaN(y[hi]) || v > y[hi]) hi = i;
    }
    const picked = [start, lo, hi].sort((a, c) => a - c);
    for (const i of picked) if (out[out.length - 1] !== i) out.push(i);
  }
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}
