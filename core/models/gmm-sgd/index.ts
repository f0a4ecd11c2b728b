/**
 * Model kind `gmm-sgd`: one-pass SGD with a single linear output on a multi-class Gaussian
 * mixture whose class covariances share one eigenbasis (arXiv:2510.14074). The per-coordinate
 * ODE of the note (1-D Gaussian expectations per class) next to finite-d SGD replicas in the
 * common eigenbasis, on the same grid t = steps / d.
 */
import type { ModelKind } from '../model-kind.js';
import { theoryAndReplicas } from '../kit/index.js';
import { sweepBoundaries } from './boundaries.js';
import { gmmSgdCost } from './cost.js';
import { merge } from './merge.js';
import { GMM_SOLVER } from './ode.js';
import { outputs } from './outputs.js';
import { type GmmSgdParams, gmmSgdParams } from './params.js';
import { presets } from './presets.js';
import { replicaPart } from './simulate.js';
import { theoryPart } from './theory.js';
import { warnings } from './warnings.js';
import { claims } from './claims.js';

export { gmmSgdParams, type GmmSgdParams } from './params.js';

/** Rough operation counts: the ODE's evaluations times their cost, and T d steps of O(d) per replica. */
function weights(p: GmmSgdParams) {
  const K = p.means.kind === 'random' ? p.classes : 1;
  return { theory: 40 * (K + 3) * p.d * (100 + 20 * Math.log1p(p.T)) + 2000 * p.classes, replica: 4 * p.d * p.d * p.T };
}

export const gmmSgd: ModelKind<GmmSgdParams> = {
  id: 'gmm-sgd',
  title: 'One-pass SGD on a multi-class Gaussian mixture',
  paper: [{ arxiv: '2510.14074', title: 'Exact dynamics of multi-class stochastic gradient descent' }],
  summary:
    'Streaming SGD with step gamma/d trains a single linear output on samples x = mu_c + sqrt(K_c) z from a mixture of C Gaussian ' +
    'classes whose covariances share one eigenbasis; class c carries a fixed label y_c = +-1 (logistic loss, or least squares on ' +
    'the labels). As d grows, risk, accuracy and overlaps concentrate on an ODE for u_i = sqrt(d) E theta_i and V_i = d E theta_i^2 ' +
    'in each eigendirection, driven by one-dimensional Gaussian expectations per class. Coordinates of zero or small variance carry ' +
    'drift but no noise: when the mean has a component there (zero-one spectra, power laws with exponent >= 1) theta grows along ' +
    'that clean projection and the risk goes to 0; otherwise it saturates. overlap_clean and overlap_noisy are the cosines of theta ' +
    'with the label-conditional mean difference projected on the clean coordinates (the clean_frac d of smallest class-averaged ' +
    'variance) and on the rest. Class means are drawn once per run from the seed and shared by theory and all replicas.',
  equations: [
    String.raw`c\sim p;\quad x=\mu_c+K_c^{1/2}z;\quad \theta_{k+1}=\theta_k-\frac{\gamma}{d}\,f'(\langle\theta_k,x\rangle;y_c)\,x;\quad t=k/d`,
    String.raw`f=\log(1+e^{-yx})\ \text{(logistic) or }(x-y)^2/2;\quad x\mid c\sim\mathcal N(m_c,v_c),\quad m_c=\langle\theta,\mu_c\rangle,\quad v_c=\sum_i\lambda_{c,i}\theta_i^2`,
    String.raw`\dot u_i=-\gamma\sum_cp_c\big(\mathbb E_cf'\,\hat\mu_{c,i}+\lambda_{c,i}\,\mathbb E_cf''\,u_i\big),\quad u_i=\sqrt d\,\mathbb E\theta_i,\quad \hat\mu=\sqrt d\,\mu`,
    String.raw`\dot V_i=-2\gamma\sum_cp_c\big(\mathbb E_cf'\,u_i\hat\mu_{c,i}+\lambda_{c,i}\,\mathbb E_cf''\,V_i\big)+\gamma^2\sum_cp_c\lambda_{c,i}\,\mathbb E_c(f')^2,\quad V_i=d\,\mathbb E\theta_i^2`,
    String.raw`m_c=\frac1d\sum_iu_i\hat\mu_{c,i},\quad v_c=\frac1d\sum_i\lambda_{c,i}V_i;\quad \text{risk}=\sum_cp_c\mathbb E_cf;\quad \text{accuracy}=\sum_cp_c\,\Phi\big(y_cm_c/\sqrt{v_c}\big)`,
    String.raw`\delta=\mathbb E[\mu_c\mid y=+1]-\mathbb E[\mu_c\mid y=-1];\quad \text{overlap}_{\text{clean}}=\frac{\langle\theta,P_S\delta\rangle}{\|\theta\|\,\|P_S\delta\|},\quad \|\theta\|^2=\frac1d\sum_iV_i;\quad \text{overlap}_{\text{noisy}}:\ S\to S^c`,
  ],
  params: gmmSgdParams,
  presets,
  outputs,
  parts: (p, replicas) => theoryAndReplicas(replicas, weights(p)),
  runPart: (p, key, ctx) => (key.role === 'theory' ? theoryPart(p, ctx) : replicaPart(p, key.index, ctx)),
  merge: (_p, parts, ctx) => merge(parts, ctx),
  warnings,
  solver: () => ({ integrator: 'dopri5', rtol: GMM_SOLVER.rtol, atol: GMM_SOLVER.atol }),
  cost: gmmSgdCost,
  claims,
  sweepBoundaries,
};
