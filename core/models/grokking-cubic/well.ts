/**
 * The depth of a side well of a profile h(q) on q ≥ 0 (−log p(q), or d S̃(q)): the lowest interior
 * local minimum at q ≥ `from`, and the highest h between q = 0 and it; depth = that barrier minus
 * the minimum, 0 when h has no such local minimum (it rises from q = 0).
 */
export function sideWellDepth(q: ArrayLike<number>, h: ArrayLike<number>, from = 0.3): number {
  const n = q.length;
  let best = -1;
  for (let i = 1; i + 1 < n; i++) {
    if (q[i]! < from) continue;
    if (h[i]! < h[i - 1]! && h[i]! <= h[i + 1]! && (best < 0 || h[i]! < h[best]!)) best = i;
  }
  if (best < 0) return 0;
  let barrier = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < best; i++) barrier = Math.max(barrier, h[i]!);
  return Math.max(0, barrier - h[best]!);
}
