/**
 * The network's output kernel on a first layer of weight covariance Sigma:
 * Q(Sigma)_{mu nu} = sigma_a2 kappa_phi(x_mu^T Sigma x_mu, x_mu^T Sigma x_nu, x_nu^T Sigma x_nu), with the
 * partial derivatives of kappa in its off-diagonal and first diagonal arguments that the gradient
 * of the equations of state needs (./eos.ts).
 */
import type { Activation } from './params.js';

/** kappa(cxx, cxy, cyy) and its partials, written to out[0..2] = (kappa, d/dcxy, d/dcxx). */
export type PairKernel = (cxx: number, cxy: number, cyy: number, out: Float64Array) => void;

const TWO_OVER_PI = 2 / Math.PI;

/** Williams (1997): (2/pi) arcsin(2cxy / sqrt((1+2cxx)(1+2cyy))), in the atan2 form. */
function erfPair(cxx: number, cxy: number, cyy: number, out: Float64Array): void {
  const sx = 1 + 2 * cxx;
  const root = Math.sqrt(Math.max(sx * (1 + 2 * cyy) - 4 * cxy * cxy, 0));
  out[0] = TWO_OVER_PI * Math.atan2(2 * cxy, root);
  const dxy = (2 * TWO_OVER_PI) / root;
  out[1] = dxy;
  out[2] = (-dxy * cxy) / sx;
}

/** Arc-cosine kernel of degree 1 (Cho & Saul 2009): (sqrt(cxx cyy - cxy^2) + (pi - theta) cxy) / (2 pi). */
function reluPair(cxx: number, cxy: number, cyy: number, out: Float64Array): void {
  const nn = cxx * cyy;
  if (!(nn > 0)) {
    out[0] = 0;
    out[1] = 0.25;
    out[2] = 0;
    return;
  }
  const root = Math.sqrt(Math.max(nn - cxy * cxy, 0));
  const theta = Math.acos(Math.min(1, Math.max(-1, cxy / Math.sqrt(nn))));
  out[0] = (root + (Math.PI - theta) * cxy) / (2 * Math.PI);
  out[1] = (Math.PI - theta) / (2 * Math.PI);
  out[2] = root / (4 * Math.PI * cxx);
}

function linearPair(_cxx: number, cxy: number, _cyy: number, out: Float64Array): void {
  out[0] = cxy;
  out[1] = 1;
  out[2] = 0;
}

export function pairKernel(activation: Activation): PairKernel {
  return activation === 'erf' ? erfPair : activation === 'relu' ? reluPair : linearPair;
}

/**
 * From the pre-activation covariances C (n x n, symmetric, diagonal = the variances), fills
 * K = sigma_a2 kappa, Kxy = sigma_a2 d kappa / d cxy and Kxx = sigma_a2 d kappa / d cxx (row mu's own
 * variance), each n x n; Kxy is symmetric, Kxx is not.
 */
export function kernelMatrices(kernel: PairKernel, c: Float64Array, n: number, sigmaA2: number, k: Float64Array, kxy: Float64Array, kxx: Float64Array): void {
  const out = new Float64Array(3);
  const outT = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const bi = c[i * n + i];
    for (let j = i; j < n; j++) {
      const bj = c[j * n + j];
      const cij = c[i * n + j];
      kernel(bi, cij, bj, out);
      const ij = i * n + j;
      const ji = j * n + i;
      k[ij] = k[ji] = sigmaA2 * out[0];
      kxy[ij] = kxy[ji] = sigmaA2 * out[1];
      kxx[ij] = sigmaA2 * out[2];
      if (j !== i) {
        kernel(bj, cij, bi, outT);
        kxx[ji] = sigmaA2 * outT[2];
      } else kxx[ij] = sigmaA2 * out[2];
    }
  }
}
