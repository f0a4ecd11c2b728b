/**
 * The training-free distance to the manifold from local anchors (docs/theory/mppm.md, "Deviation:
 * the distance without a network"): the manifold near z is represented by the mean c(z) of its k
 * nearest anchors, d(z) = |z − c(z)| and ∇d(z) = (z − c(z)) / d(z), with c held fixed (it is
 * piecewise constant in z). The projection z − d ∇d is then c(z); with k = 1 it is the nearest
 * anchor, the fallback the theory note names for a reproduction without a trained distance network.
 */
export class AnchorDistance {
  readonly dim: number;
  readonly count: number;
  private readonly anchors: Float64Array;
  private readonly k: number;
  private readonly bestIndex: Int32Array;
  private readonly bestDist: Float64Array;
  private readonly centre: Float64Array;

  /** `anchors`: count × dim, row-major; `neighbours`: k (clamped to the number of anchors). */
  constructor(anchors: Float64Array, dim: number, neighbours: number) {
    if (anchors.length === 0 || anchors.length % dim !== 0) throw new RangeError('anchors must be a non-empty count × dim array');
    this.anchors = anchors;
    this.dim = dim;
    this.count = anchors.length / dim;
    this.k = Math.max(1, Math.min(neighbours, this.count));
    this.bestIndex = new Int32Array(this.k);
    this.bestDist = new Float64Array(this.k);
    this.centre = new Float64Array(dim);
  }

  /** Distances of n points (n × dim) to their local anchor mean, and the gradients (n × dim). */
  distance(z: Float64Array, n: number, dist: Float64Array, grad: Float64Array): void {
    const { dim, k, anchors, bestIndex, bestDist, centre } = this;
    for (let q = 0; q < n; q++) {
      const zo = q * dim;
      let filled = 0;
      for (let i = 0; i < this.count; i++) {
        let s = 0;
        const ao = i * dim;
        for (let j = 0; j < dim; j++) {
          const d = z[zo + j]! - anchors[ao + j]!;
          s += d * d;
        }
        // Keep the k smallest (ties: the lower index first), sorted ascending.
        if (filled < k) filled++;
        else if (s >= bestDist[k - 1]!) continue;
        let pos = filled - 1;
        while (pos > 0 && bestDist[pos - 1]! > s) {
          bestDist[pos] = bestDist[pos - 1]!;
          bestIndex[pos] = bestIndex[pos - 1]!;
          pos--;
        }
        bestDist[pos] = s;
        bestIndex[pos] = i;
      }
      centre.fill(0);
      for (let m = 0; m < k; m++) {
        const ao = bestIndex[m]! * dim;
        for (let j = 0; j < dim; j++) centre[j]! += anchors[ao + j]!;
      }
      let s = 0;
      for (let j = 0; j < dim; j++) {
        centre[j]! /= k;
        const d = z[zo + j]! - centre[j]!;
        s += d * d;
      }
      const d = Math.sqrt(s);
      dist[q] = d;
      for (let j = 0; j < dim; j++) grad[zo + j] = d > 0 ? (z[zo + j]! - centre[j]!) / d : 0;
    }
  }
}
