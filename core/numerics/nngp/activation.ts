/**
 * The activations of the NNGP kernels (theory note of arXiv 2502.18553, §2): identity, erf,
 * ReLU and the square z² of the modular-arithmetic model (arXiv 2310.03789 §6.3).
 */
import erf from '@stdlib/math-base-special-erf';

export type Activation = 'linear' | 'erf' | 'relu' | 'square';

export const ACTIVATIONS: readonly Activation[] = ['linear', 'erf', 'relu', 'square'];

/** φ(z), pointwise. */
export function activationFunction(activation: Activation): (z: number) => number {
  switch (activation) {
    case 'linear':
      return (z) => z;
    case 'erf':
      return (z) => erf(z);
    case 'relu':
      return (z) => (z > 0 ? z : 0);
    case 'square':
      return (z) => z * z;
  }
}

/** φ'(z), pointwise (ReLU: the step, 0 at z = 0). */
export function activationDerivative(activation: Activation): (z: number) => number {
  switch (activation) {
    case 'linear':
      return () => 1;
    case 'erf':
      return (z) => (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z);
    case 'relu':
      return (z) => (z > 0 ? 1 : 0);
    case 'square':
      return (z) => 2 * z;
  }
}
