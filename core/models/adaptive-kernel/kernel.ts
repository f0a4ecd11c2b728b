/**
 * The network's output kernel on a first layer of weight covariance Sigma:
 * Q(Sigma)_{mu nu} = sigma_a2 kappa_phi(x_mu^T Sigma x_mu, x_mu^T Sigma x_nu, x_nu^T Sigma x_nu) (the closed
 * forms of core/numerics/nngp), with the partial derivatives the gradient of the equations of state
 * needs (./eos.ts).
 */
import { type Activation, pairKernelWithGradient } from '../../numerics/nngp/index.js';

/**
 * From the pre-activation covariances C (n x n, symmetric, diagonal = the variances), fills
 * K = sigma_a2 kappa, Kxy = sigma_a2 d kappa / d c_xy and Kxx[mu, nu] = sigma_a2 d kappa / d c_{mu mu}
 * (row mu's own variance), each n x n; K and Kxy are symmetric, Kxx is not. A partial that is
 * infinite (ReLU at a zero input, whose x x^T factor is 0) is set to 0.
 */
export function kernelMatrices(
  activation: Activation,
  c: Float64Array,
  n: number,
  sigmaA2: number,
  k: Float64Array,
  kxy: Float64Array,
  kxx: Float64Array,
): void {
  const g = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const bi = c[i * n + i];
    for (let j = i; j < n; j++) {
      const value = pairKernelWithGradient(activation, bi, c[i * n + j], c[j * n + j], g);
      const ij = i * n + j;
      const ji = j * n + i;
      k[ij] = k[ji] = sigmaA2 * value;
      kxy[ij] = kxy[ji] = sigmaA2 * g[1];
      kxx[ij] = Number.isFinite(g[0]) ? sigmaA2 * g[0] : 0;
      kxx[ji] = Number.isFinite(g[2]) ? sigmaA2 * g[2] : 0;
    }
  }
}
