/**
 * RMSprop-Norm (arXiv:2405.19585 Alg. 2, eq. 18), in the form whose limit is eq. 18 (note §3.2):
 * SGD accumulator A_k = (1 - alpha/d) A_{k-1} + q_k / d, A_0 = b^2, gamma_k = eta / sqrt(A_k),
 * with q_k = |grad Psi_k|^2 / d. Theory: gamma_t = eta / sqrt(G), G' = -alpha G + mean(lambda) I(B),
 * G(0) = b^2, i.e. G = b^2 e^{-alpha t} + mean(lambda) int_0^t e^{-alpha (t - s)} I(s) ds.
 */
import type { LrPolicy } from './types.js';

export function rmspropNormPolicy(eta: number, b: number, alpha: number): LrPolicy {
  const b2 = b * b;
  return {
    id: 'rmsprop_norm',
    needsOracle: false,
    needsGradNorm: true,
    theoryStates: 1,
    initialStates(out) {
      out[0] = b2;
    },
    gamma: (states) => eta / Math.sqrt(states[0]),
    rates(states, view, _gamma, out) {
      out[0] = -alpha * states[0] + view.meanLambda * view.fisher;
    },
    gammaBound: Number.NaN,
    controller(d) {
      let acc = b2;
      const decay = 1 - alpha / d;
      const invD = 1 / d;
      return {
        step(_k, q) {
          acc = decay * acc + q * invD;
          return eta / Math.sqrt(acc);
        },
        current: () => eta / Math.sqrt(acc),
      };
    },
  };
}
