/**
 * The autoencoder of Latent MPPM (arXiv 2510.00666 §3.4; the authors' MNISTConvAutoencoder):
 * encoder conv(32, 3×3, s2) → ReLU → conv(64, 3×3, s2) → ReLU → FC → z ∈ R^p, decoder
 * FC → ReLU → transposed conv(32) → ReLU → transposed conv(channels) → sigmoid. Images other
 * than 28×28 grey use a fully connected fallback (D → 128 → 64 → p and back, the authors'
 * MnistAutoencoder), which is a deviation from the paper's architecture and is recorded as such.
 * Images are NHWC, channels interleaved, values in [0, 1].
 */
import { ParamSet, type ParamSpec, convSpecs, conv3x3s2, convT3x3s2, dense, denseSpecs } from './layers.js';
import { tf } from './tf.js';

export interface ImageShape {
  width: number;
  height: number;
  channels: number;
}

/** "conv": the paper's convolutional autoencoder; "dense": the fully connected fallback. */
export type AutoencoderArch = 'conv' | 'dense';

export interface AutoencoderConfig extends ImageShape {
  latent: number;
  arch: AutoencoderArch;
}

/** The architecture for images of this shape: "conv" for 28×28 grey (the paper's MNIST setting), else "dense". */
export function defaultArch(s: ImageShape): AutoencoderArch {
  return s.width === 28 && s.height === 28 && s.channels === 1 ? 'conv' : 'dense';
}

/** The parameters of the autoencoder, in the order they are stored. */
export function autoencoderSpecs(c: AutoencoderConfig): ParamSpec[] {
  const pixels = c.width * c.height * c.channels;
  if (c.arch === 'dense') {
    return [
      ...denseSpecs('enc1', pixels, 128),
      ...denseSpecs('enc2', 128, 64),
      ...denseSpecs('enc3', 64, c.latent),
      ...denseSpecs('dec1', c.latent, 64),
      ...denseSpecs('dec2', 64, 128),
      ...denseSpecs('dec3', 128, pixels),
    ];
  }
  if (c.width % 4 !== 0 || c.height % 4 !== 0) throw new Error(`the convolutional autoencoder needs a width and height divisible by 4, got ${c.width}×${c.height}`);
  const flat = 64 * (c.width / 4) * (c.height / 4);
  return [
    ...convSpecs('enc1', c.channels, 32, c.channels * 9),
    ...convSpecs('enc2', 32, 64, 32 * 9),
    ...denseSpecs('enc3', flat, c.latent),
    ...denseSpecs('dec1', c.latent, flat),
    // PyTorch's fan-in of a transposed convolution counts its output channels.
    ...convSpecs('dec2', 64, 32, 32 * 9),
    ...convSpecs('dec3', 32, c.channels, c.channels * 9),
  ];
}

/** E: images [n, pixels] → latents [n, p]. */
export function encodeT(c: AutoencoderConfig, p: ParamSet, x: tf.Tensor): tf.Tensor2D {
  const n = x.shape[0]!;
  if (c.arch === 'dense') return dense(tf.relu(dense(tf.relu(dense(x, p, 'enc1')), p, 'enc2')), p, 'enc3');
  const img = tf.reshape(x, [n, c.height, c.width, c.channels]) as tf.Tensor4D;
  const h1 = tf.relu(conv3x3s2(img, p, 'enc1'));
  const h2 = tf.relu(conv3x3s2(h1, p, 'enc2'));
  // Flattened in NHWC order (PyTorch flattens NCHW; the weights are learned, so the function class is the same).
  return dense(tf.reshape(h2, [n, -1]), p, 'enc3');
}

/** G: latents [n, p] → images [n, pixels] in (0, 1). */
export function decodeT(c: AutoencoderConfig, p: ParamSet, z: tf.Tensor): tf.Tensor2D {
  const n = z.shape[0]!;
  if (c.arch === 'dense') return tf.sigmoid(dense(tf.relu(dense(tf.relu(dense(z, p, 'dec1')), p, 'dec2')), p, 'dec3'));
  const h = tf.reshape(tf.relu(dense(z, p, 'dec1')), [n, c.height / 4, c.width / 4, 64]) as tf.Tensor4D;
  const u1 = tf.relu(convT3x3s2(h, p, 'dec2'));
  const u2 = convT3x3s2(u1, p, 'dec3');
  return tf.reshape(tf.sigmoid(u2), [n, c.width * c.height * c.channels]) as tf.Tensor2D;
}

/** Fresh autoencoder weights from a seed. */
export function initAutoencoder(c: AutoencoderConfig, seed: number): ParamSet {
  return ParamSet.init(autoencoderSpecs(c), seed);
}
