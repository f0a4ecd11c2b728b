/**
 * The training-free latent of Latent MPPM (docs/theory/mppm.md, "PCA latent"): the top p principal
 * directions of the training images, E(x) = Uᵀ(x − μ), G(z) = clip(μ + U z, 0, 1), and the
 * distance to the latent manifold from local anchors (./anchor-distance.ts) in place of the
 * paper's distance network (arXiv 2510.00666 §4; a deviation, labelled as such in the run).
 */
import { AnchorDistance } from './anchor-distance.js';
import type { LatentSpace } from './latent-space.js';
import { topEigen } from './top-eigen.js';
import { CancelledError } from '../model-kind-errors.js';

/** Mean image and the top p principal directions (p × pixels, orthonormal rows), largest variance first. */
export interface PcaBasis {
  pixels: number;
  latent: number;
  mean: Float64Array;
  components: Float64Array;
  /** Variances along the components (eigenvalues of the covariance, divided by n − 1). */
  variances: Float64Array;
}

/**
 * PCA of n images (n × pixels). With fewer images than pixels the top eigenvectors of the n × n
 * Gram matrix of the centred images are mapped back (u = Xᵀv / √λ); otherwise those of the
 * pixels × pixels scatter matrix are the components (./top-eigen.ts). Signs are fixed so that each component's largest entry is positive.
 */
export function fitPca(images: Float64Array, n: number, pixels: number, p: number, isCancelled: () => boolean = () => false): PcaBasis {
  const poll = () => {
    if (isCancelled()) throw new CancelledError();
  };
  if (n < 2) throw new RangeError('PCA needs at least two training images');
  const rank = Math.min(n - 1, pixels);
  if (p > rank) throw new RangeError(`a PCA latent of dimension ${p} needs at least ${p + 1} training images (there are ${n})`);
  const mean = new Float64Array(pixels);
  for (let i = 0; i < n; i++) for (let j = 0; j < pixels; j++) mean[j]! += images[i * pixels + j]! / n;
  const X = new Float64Array(n * pixels);
  for (let i = 0; i < n; i++) for (let j = 0; j < pixels; j++) X[i * pixels + j] = images[i * pixels + j]! - mean[j]!;
  const components = new Float64Array(p * pixels);
  const variances = new Float64Array(p);
  if (n <= pixels) {
    // Gram matrix of the centred images from the raw one, which skips zero pixels (most of a digit):
    // (x_a − μ)·(x_b − μ) = x_a·x_b − x_a·μ − x_b·μ + μ·μ. u = Xᵀv / √λ maps its eigenvectors to pixel space.
    const rows = sparseRows(images, n, pixels);
    const r = new Float64Array(n);
    let mm = 0;
    for (let j = 0; j < pixels; j++) mm += mean[j]! * mean[j]!;
    for (let a = 0; a < n; a++) r[a] = sparseDot(rows, a, mean, 0);
    const G = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      poll();
      for (let b = a; b < n; b++) {
        const s = sparseDot(rows, a, images, b * pixels) - r[a]! - r[b]! + mm;
        G[a * n + b] = s;
        G[b * n + a] = s;
      }
    }
    const top = topEigen(G, n, p, poll);
    for (let m = 0; m < p; m++) {
      const lambda = top.values[m]!;
      if (!(lambda > 1e-12 * top.values[0]!)) throw new RangeError(`the training images span fewer than ${p} directions`);
      const scale = 1 / Math.sqrt(lambda);
      for (let i = 0; i < n; i++) {
        const v = top.vectors[i * p + m]! * scale;
        for (let j = 0; j < pixels; j++) components[m * pixels + j]! += v * X[i * pixels + j]!;
      }
      variances[m] = lambda / (n - 1);
    }
  } else {
    const C = new Float64Array(pixels * pixels);
    for (let i = 0; i < n; i++) {
      poll();
      for (let a = 0; a < pixels; a++) {
        const xa = X[i * pixels + a]!;
        if (xa === 0) continue;
        for (let b = a; b < pixels; b++) C[a * pixels + b]! += xa * X[i * pixels + b]!;
      }
    }
    for (let a = 0; a < pixels; a++) for (let b = 0; b < a; b++) C[a * pixels + b] = C[b * pixels + a]!;
    const top = topEigen(C, pixels, p, poll);
    for (let m = 0; m < p; m++) {
      for (let j = 0; j < pixels; j++) components[m * pixels + j] = top.vectors[j * p + m]!;
      variances[m] = top.values[m]! / (n - 1);
    }
  }
  for (let m = 0; m < p; m++) {
    let big = 0;
    for (let j = 0; j < pixels; j++) if (Math.abs(components[m * pixels + j]!) > Math.abs(big)) big = components[m * pixels + j]!;
    if (big < 0) for (let j = 0; j < pixels; j++) components[m * pixels + j] = -components[m * pixels + j]!;
  }
  return { pixels, latent: p, mean, components, variances };
}


/** z = Uᵀ(x − μ) for n images. */
export function pcaEncode(basis: PcaBasis, x: Float64Array, n: number, out: Float64Array): void {
  const { pixels: P, latent: p, mean, components } = basis;
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < p; m++) {
      let s = 0;
      for (let j = 0; j < P; j++) s += components[m * P + j]! * (x[i * P + j]! - mean[j]!);
      out[i * p + m] = s;
    }
  }
}

/** The PCA latent with the anchor distance: a `LatentSpace`. */
export class PcaLatent implements LatentSpace {
  readonly kind = 'pca';
  readonly pixels: number;
  readonly latent: number;
  private readonly distanceToAnchors: AnchorDistance;

  /** `anchorImages`: the anchor images (count × pixels), encoded once; `neighbours`: k of the anchor distance. */
  constructor(
    private readonly basis: PcaBasis,
    anchorImages: Float64Array,
    neighbours: number,
  ) {
    this.pixels = basis.pixels;
    this.latent = basis.latent;
    const count = anchorImages.length / basis.pixels;
    const anchors = new Float64Array(count * basis.latent);
    pcaEncode(basis, anchorImages, count, anchors);
    this.distanceToAnchors = new AnchorDistance(anchors, basis.latent, neighbours);
  }

  encode(x: Float64Array, n: number, out: Float64Array): void {
    pcaEncode(this.basis, x, n, out);
  }

  decode(z: Float64Array, n: number, out: Float64Array): void {
    const { pixels: P, latent: p, mean, components } = this.basis;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < P; j++) out[i * P + j] = mean[j]!;
      for (let m = 0; m < p; m++) {
        const zm = z[i * p + m]!;
        for (let j = 0; j < P; j++) out[i * P + j]! += zm * components[m * P + j]!;
      }
      for (let j = 0; j < P; j++) {
        const v = out[i * P + j]!;
        out[i * P + j] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    }
  }

  distance(z: Float64Array, n: number, dist: Float64Array, grad: Float64Array): void {
    this.distanceToAnchors.distance(z, n, dist, grad);
  }
}

/**
 * Pixel space as a latent space (E = G = id, decode clipped to [0, 1]) with the anchor distance on
 * pixels: pixel MPPM of the paper with the training-free distance in place of its distance network.
 */
export class PixelSpace implements LatentSpace {
  readonly kind = 'pixel';
  readonly latent: number;
  private readonly distanceToAnchors: AnchorDistance;

  constructor(
    readonly pixels: number,
    anchorImages: Float64Array,
    neighbours: number,
  ) {
    this.latent = pixels;
    this.distanceToAnchors = new AnchorDistance(anchorImages, pixels, neighbours);
  }

  encode(x: Float64Array, n: number, out: Float64Array): void {
    out.set(x.subarray(0, n * this.pixels));
  }

  decode(z: Float64Array, n: number, out: Float64Array): void {
    for (let i = 0; i < n * this.pixels; i++) out[i] = z[i]! < 0 ? 0 : z[i]! > 1 ? 1 : z[i]!;
  }

  distance(z: Float64Array, n: number, dist: Float64Array, grad: Float64Array): void {
    this.distanceToAnchors.distance(z, n, dist, grad);
  }
}

/** The nonzero entries of each image: offsets into `index` / `value` per row. */
interface SparseRows {
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

function sparseRows(images: Float64Array, n: number, pixels: number): SparseRows {
  let nnz = 0;
  for (let i = 0; i < n * pixels; i++) if (images[i] !== 0) nnz++;
  const start = new Int32Array(n + 1);
  const index = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let k = 0;
  for (let a = 0; a < n; a++) {
    start[a] = k;
    for (let j = 0; j < pixels; j++) {
      const v = images[a * pixels + j]!;
      if (v !== 0) {
        index[k] = j;
        value[k++] = v;
      }
    }
  }
  start[n] = k;
  return { start, index, value };
}

/** Row a of the sparse rows dotted with dense[offset + j]. */
function sparseDot(rows: SparseRows, a: number, dense: Float64Array, offset: number): number {
  let s = 0;
  for (let k = rows.start[a]!; k < rows.start[a + 1]!; k++) s += rows.value[k]! * dense[offset + rows.index[k]!]!;
  return s;
}
