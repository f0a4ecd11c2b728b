/**
 * A latent space for Latent MPPM (arXiv 2510.00666, §3 of the paper; docs/theory/mppm.md): an
 * encoder E, a decoder G and the distance d(z) of a latent to the latent manifold with its
 * gradient. Two implementations: the training-free PCA latent (distance from local anchors) and the
 * learned autoencoder with its distance network (./learned/). Arrays are row-major, one image or
 * latent per row; every method writes into the `out` arrays it is given and allocates nothing.
 */
export interface LatentSpace {
  /** What the space is, e.g. "pca" or "learned"; kept with the run. */
  readonly kind: string;
  /** Pixels per image: width · height · channels. */
  readonly pixels: number;
  /** Latent dimension p. */
  readonly latent: number;
  /** Encodes n images (n × pixels) into `out` (n × latent). */
  encode(x: Float64Array, n: number, out: Float64Array): void;
  /** Decodes n latents (n × latent) into `out` (n × pixels), values in [0, 1]. */
  decode(z: Float64Array, n: number, out: Float64Array): void;
  /** The distance of each of n latents to the manifold (`dist`, length n) and its gradient (`grad`, n × latent). */
  distance(z: Float64Array, n: number, dist: Float64Array, grad: Float64Array): void;
}
