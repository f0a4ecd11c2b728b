/**
 * Model kind `nngp-gp`: GP regression with the NNGP kernel of a fully connected network
 * (linear, erf, ReLU or square activations, any depth) and its learning curve — the
 * equivalent-kernel and renormalised-ridge (κ_eff) theories from the kernel's operator spectrum,
 * beside GP regression on sampled training sets (arXiv 2502.18553; theory in docs/theory/nngp-gp.md).
 */
import type { ModelKind, RunPart } from '../model-kind.js';
import { replicaParts } from '../kit/index.js';
import { claims } from './claims.js';
import { nngpGpCost } from './cost.js';
import { checkTable } from './data.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { gprGrid, type NngpGpParams, nngpGpParams } from './params.js';
import { presets } from './presets.js';
import { replicaPart } from './simulate.js';
import { theoryPart } from './theory.js';

export { nngpGpParams, type NngpGpParams } from './params.js';

function parts(p: NngpGpParams, replicas: number): RunPart[] {
  const grid = gprGrid(p);
  const n = grid.length > 0 ? grid[grid.length - 1]! : 0;
  const theory: RunPart = { key: { role: 'theory' }, weight: p.data.source === 'file' ? 6 * p.data.theory_rows ** 3 : 2e7 };
  if (n === 0) return [theory];
  return [theory, ...replicaParts(replicas, n ** 3 / 3 + (n * n + n * p.test_size) * (20 + p.d))];
}

/** Parities of the degrees a kernel has (odd kernels: erf, linear; even: square). */
function kernelParity(p: NngpGpParams): 'odd' | 'even' | 'all' {
  if (p.activation === 'erf' || p.activation === 'linear') return 'odd';
  if (p.activation === 'square') return 'even';
  return 'all';
}

/** Parities of the degrees the synthetic target has. */
function targetParity(p: NngpGpParams): 'odd' | 'even' | 'all' {
  if (p.target.kind === 'linear') return 'odd';
  if (p.target.kind === 'hermite') return p.target.degree % 2 === 1 ? 'odd' : 'even';
  return kernelParity(p) === 'all' ? 'all' : kernelParity(p);
}

function warnings(p: NngpGpParams): string[] {
  const out: string[] = [];
  const k = kernelParity(p);
  const t = targetParity(p);
  if (p.data.source === 'synthetic' && k !== 'all' && t !== 'all' && k !== t) {
    out.push(`the ${p.activation} kernel has only ${k} spherical-harmonic degrees and the target only ${t} ones: nothing of it can be learned`);
  }
  if (p.data.source === 'synthetic' && p.activation === 'linear' && p.target.kind === 'hermite' && p.target.degree > 1) {
    out.push('the linear kernel learns only the degree-1 part of the target');
  }
  if (gprGrid(p).length === 0) out.push(`no P of the grid is <= gpr_max_P = ${p.gpr_max_P}: the run draws the theory only`);
  if (p.data.source === 'synthetic' && p.d < 5) {
    out.push('the renormalised-ridge theory is asymptotic in high dimension; at d < 5 expect visible gaps to GP regression');
  }
  return out;
}

export const nngpGp: ModelKind<NngpGpParams> = {
  id: 'nngp-gp',
  title: 'NNGP kernels and GP learning curves',
  paper: [
    { arxiv: '2502.18553', title: 'Statistical field theory in deep learning (a review): NNGP, data-averaged GP regression' },
    { arxiv: '2310.03789', title: 'Grokking as a first-order phase transition in two-layer networks (the d³ sample complexity of the NNGP)' },
  ],
  summary:
    'An infinitely wide network with weights w ~ N(0, σ_w²/d), readout variance σ̃_a²/N and Gaussian likelihood of variance σ̃² is ' +
    'a Gaussian process with the NNGP kernel K₀ = σ̃_a² κ_φ (closed forms for linear, erf, ReLU and square activations, with a depth ' +
    'recursion); its posterior mean is kernel ridge regression with ridge σ̃². The learning curve — test error against the number P of ' +
    'training points — is predicted from the kernel operator’s eigenvalues λ_k and the target’s coefficients g_k: by the equivalent ' +
    'kernel (learnability λ/(λ + σ̃²/P)) and by the renormalised ridge κ_eff (learnability λ/(λ + κ_eff/P), error amplified by ' +
    'P/(P − Σ L²)). Synthetic inputs lie on the sphere of radius √d, where the eigenfunctions are spherical harmonics of degree l with ' +
    'N(d, l) ≈ d^l/l! copies, so learning degree l takes P ∝ d^l. Beside the theory, GP regression runs on independent draws of the ' +
    'training set (replicas) at each P; own data come from a CSV (columns x1..xd, y, optional split).',
  equations: [
    String.raw`K_0(x,x')=\tilde\sigma_a^2\,\kappa_\phi\big(K^{L}_{xx},K^{L}_{xx'},K^{L}_{x'x'}\big),\quad K^{1}_{xx'}=\frac{\sigma_w^2}{d}\,x\cdot x',\quad K^{l+1}=\sigma_w^2\,\kappa_\phi(K^{l})`,
    String.raw`\kappa_{\mathrm{erf}}=\frac{2}{\pi}\arcsin\frac{2c_{xy}}{\sqrt{(1+2c_{xx})(1+2c_{yy})}},\quad \kappa_{\mathrm{ReLU}}=\frac{\sqrt{c_{xx}c_{yy}-c_{xy}^2}+(\pi-\theta)\,c_{xy}}{2\pi},\quad \kappa_{z^2}=c_{xx}c_{yy}+2c_{xy}^2`,
    String.raw`\bar f(x_*)=k_*^{\top}(K_0+\tilde\sigma^2 I)^{-1}y,\qquad \operatorname{Var}f(x_*)=k_{**}-k_*^{\top}(K_0+\tilde\sigma^2 I)^{-1}k_*`,
    String.raw`\kappa_{\mathrm{eff}}=\tilde\sigma^2+\sum_k\frac{\lambda_k\,\kappa_{\mathrm{eff}}/P}{\lambda_k+\kappa_{\mathrm{eff}}/P},\quad L_k=\frac{\lambda_k}{\lambda_k+\kappa_{\mathrm{eff}}/P},\quad E=\frac{P}{P-\sum_kL_k^2}\Big(\sum_k(1-L_k)^2g_k^2+\varepsilon^2\Big)-\varepsilon^2`,
    String.raw`E_{\mathrm{EK}}=\sum_k\Big(\frac{\tilde\sigma^2/P}{\lambda_k+\tilde\sigma^2/P}\Big)^2g_k^2,\qquad \lambda_l=\mathbb E_u\big[h(u)\,P_l(u)\big],\quad N(d,l)=\frac{2l+d-2}{l}\binom{l+d-3}{l-1}`,
  ],
  params: nngpGpParams,
  presets,
  outputs,
  inputs: [
    {
      name: 'data',
      pathParam: 'data.path',
      accepts: ['csv'],
      textColumns: ['split'],
      used: (p) => p.data.source === 'file',
      check: checkTable,
    },
  ],
  parts,
  runPart: (p, key, ctx) => (key.role === 'theory' ? theoryPart(p, ctx) : replicaPart(p, key.index, ctx)),
  merge: (_p, results, ctx) => merge(results, ctx),
  warnings,
  solver: (p) => ({
    integrator: p.data.source === 'file' ? 'nystrom-eigendecomposition' : 'funk-hecke-gauss-legendre',
    effective_ridge: 'bisection in log(κ_eff/P)',
    gpr: 'cholesky',
  }),
  cost: nngpGpCost,
  claims,
};
