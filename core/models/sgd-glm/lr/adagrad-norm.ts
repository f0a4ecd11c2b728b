/**
 * AdaGrad-Norm (arXiv:2405.19585 Alg. 1, eqs. 15–17). SGD: with q_j = |grad Psi_j|^2 / d,
 *   gamma_k = eta / sqrt(b^2 + (1/d) sum_{j<=k} q_j)
 * (the current gradient included, as in Alg. 1 with b_0 = b d). Theory, since q -> mean(lambda) I(B):
 *   gamma_t = eta / sqrt(b^2 + G),  G' = mean(lambda) I(B),  G(0) = 0.
 * A second state r1 = int_0^t gamma I / 2 ds (= int gamma R ds for least squares, the |r|_1 of the
 * note §3.2) gives the exact identity gamma_t = eta / (b + mean(lambda) r1 / eta): d sqrt(b^2 + G)/dt
 * = mean(lambda) I gamma / (2 eta).
 */
import type { LrPolicy } from './types.js';

export function adagradNormPolicy(eta: number, b: number): LrPolicy {
  const b2 = b * b;
  return {
    id: 'adagrad_norm',
    needsOracle: false,
    needsGradNorm: true,
    theoryStates: 2,
    initialStates(out) {
      out[0] = 0;
      out[1] = 0;
    },
    gamma: (states) => eta / Math.sqrt(b2 + states[0]),
    rates(_states, view, gamma, out) {
      out[0] = view.meanLambda * view.fisher;
      out[1] = 0.5 * gamma * view.fisher;
    },
    gammaBound: eta / b,
    controller(d) {
      let acc = b2;
      const invD = 1 / d;
      return {
        step(_k, q) {
          acc += q * invD;
          return eta / Math.sqrt(acc);
        },
        current: () => eta / Math.sqrt(acc),
      };
    },
  };
}
