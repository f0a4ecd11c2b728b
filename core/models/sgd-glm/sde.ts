/**
 * One replica of homogenized SGD (theory note §1.6; the SDE of arXiv:2405.19585 §2 and of the
 * homogenization literature): dX = -gamma_t grad R(X) dt + gamma_t sqrt(K I(B(X)) / d) dW, by
 * Euler–Maruyama in the eigenbasis with step h = 1/d, so its steps line up with those of SGD.
 * With Stein's lemma grad R = K (e_xx theta + e_x* theta*), in error coordinates:
 *
 *   e_i <- e_i - (gamma/d) lambda_i (e_xx e_i + (e_xx + e_x*) theta*_i) + (gamma/d) sqrt(lambda_i I) xi_i,
 *
 * xi ~ N(0, I_d) from STREAM.diffusion; theta*, theta_0 as for the SGD replica of the same index.
 * The scalars e_xx, e_x*, I(B) are re-evaluated every step from the exact moments of the iterate
 * (accumulated in the update pass); adaptive policies see q = mean(lambda) I(B), the homogenized
 * squared gradient norm.
 */
import { type RunHooks, checkpoint, pollInterval } from '../kit/hooks.js';
import { STREAM, createRng, deriveSeed } from '../../numerics/rng.js';
import { emptyExpectations, momentsOf } from './losses.js';
import { oracleGrad2, setView } from './lr/index.js';
import { emptyCurves, emptySums, iterateSums, recordObservables, type SimulationCurves } from './observe.js';
import { type ReplicaInput, replicaStart } from './sgd.js';

export function simulateSdeReplica(input: ReplicaInput, hooks: RunHooks = {}): SimulationCurves {
  const { eigenvalues: lam, omega, loss, stepLoss, policy, steps, seed, replica } = input;
  const { d, sq, th, e, ctrl, sig, view } = replicaStart(input);
  const xi = new Float64Array(d);
  const diffusion = createRng(deriveSeed(seed, replica, STREAM.diffusion));
  const curves = emptyCurves(steps.length);
  const sums = emptySums();
  const moments = { a: 0, b: 0, c: 0, P: 0, C: 0 };
  const stepMoments = { a: 0, b: 0, c: 0, P: 0, C: 0 };
  const ex = emptyExpectations();
  const sx = emptyExpectations();
  iterateSums(e, th, lam, sums);
  let P = sums.P;
  let C = sums.C;
  let P2 = sums.P2;
  let C2 = sums.C2;
  const oracle = policy.needsOracle;

  const fillView = (k: number, P: number, C: number, P2: number, C2: number): void => {
    stepLoss.expectations(momentsOf(P, C, sig.b, stepMoments), omega, sx);
    setView(view, k / d, sx, P, C);
    if (oracle) view.grad2 = oracleGrad2(sx, P2, C2, sig.b2);
  };

  const total = steps[steps.length - 1];
  const poll = pollInterval(d);
  const invD = 1 / d;
  let next = 0;
  for (let k = 0; ; k++) {
    fillView(k, P, C, P2, C2);
    if (k === steps[next]) {
      iterateSums(e, th, lam, sums);
      recordObservables(sums, sig, loss, omega, moments, ex, curves, next);
      curves.lr[next] = ctrl.current(k, view);
      next++;
      if (next === steps.length) break;
    }
    if (k % poll === 0) checkpoint(hooks, k / total);
    const fisher = Math.max(0, sx.fisher);
    const gamma = ctrl.step(k, view.meanLambda * fisher, view);
    const cd = gamma * invD;
    const cn = cd * Math.sqrt(fisher);
    const exx = sx.exx;
    const s = sx.exx + sx.exs;
    diffusion.fillNormal(xi);
    let p1 = 0;
    let c1 = 0;
    let p2 = 0;
    let c2 = 0;
    for (let i = 0; i < d; i++) {
      const l = lam[i];
      const ti = th[i];
      const ei = e[i] - cd * l * (exx * e[i] + s * ti) + cn * sq[i] * xi[i];
      e[i] = ei;
      const le = l * ei;
      p1 += le * ei;
      c1 += le * ti;
      p2 += l * le * ei;
      c2 += l * le * ti;
    }
    P = p1;
    C = c1;
    P2 = p2;
    C2 = c2;
  }
  return curves;
}
