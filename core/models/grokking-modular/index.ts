/**
 * Model kind `grokking-modular`: modular addition mod a prime P learned by the quadratic network
 * f_p(x) = Σ_i a_pi (w_i·x)² on the full table (arXiv:2310.03789 §4). Theory: the closed-form
 * phase diagram of the adaptive-kernel (mean-field) theory in the P → ∞ limit — GFL, the mixed
 * phase of droplets (GMFL-I) and GMFL-II — and the NNGP kernel's three eigenvalues; simulation:
 * Langevin chains of the network on small primes with the Fourier power of the weights and the
 * discrepancy coefficient. Derivation and symbol dictionary: docs/theory/grokking-modular.md.
 */
import type { ModelKind } from '../model-kind.js';
import { LANGEVIN_CHAINS, replicaParts } from '../kit/index.js';
import { sweepBoundaries } from './boundaries.js';
import { claims } from './claims.js';
import { grokkingModularCost, operationsPerStep } from './cost.js';
import { merge } from './merge.js';
import { outputs } from './outputs.js';
import { type GrokkingModularParams, grokkingModularParams } from './params.js';
import { presets } from './presets.js';
import { chainPart } from './simulate.js';
import { theoryPart } from './theory.js';
import { warnings } from './warnings.js';

export { grokkingModularParams, type GrokkingModularParams } from './params.js';

export const grokkingModular: ModelKind<GrokkingModularParams> = {
  id: 'grokking-modular',
  title: 'Grokking modular addition: a first-order transition of a quadratic network',
  paper: [{ arxiv: '2310.03789', title: 'Grokking as a first order phase transition in two layer networks' }],
  summary:
    'Modular addition (n + m) mod P, P prime, learned on the full table of P² pairs by f_p(x) = Σ_i a_pi (w_i·x)² with two-hot ' +
    'inputs, readout a_pi ~ N(0, σ_a²/N), unit input-weight prior, noise σ² and a sextic Fourier-space regulariser Γ of strength γ. ' +
    'In the adaptive-kernel (mean-field) theory each Fourier mode of a neuron feels S_k/P = r² − A r⁴ + (γ/3) r⁶ with A = u a², ' +
    'u = 2σ_a²P²/(Nσ⁴) and a the discrepancy coefficient (f̄ − y = a y). As σ² decreases the network goes from GFL (a = −1) through ' +
    'a mixed phase of ordered droplets (|a| = σ²/σ_c², droplet fraction linear in σ²) to GMFL-II: a first-order transition in which ' +
    'the discrepancy drops — grokking. The NNGP kernel has only three distinct eigenvalues on the table (Fourier blocks). Beside ' +
    'the P → ∞ theory, Langevin chains (langevin.chains parts; the run’s replica count is not used) of the network on a small ' +
    'prime give the simulated discrepancy and Fourier power; that comparison is qualitative, the NNGP curve exact.',
  equations: [
    String.raw`f_p(x_{nm})=\sum_{i=1}^{N}a_{pi}\,(w_{i,n}+v_{i,m})^2,\qquad y_p(n,m)=\delta_{p,(n+m)\bmod P}-\tfrac1P,\qquad a_{pi}\sim\mathcal N\big(0,\tfrac{\sigma_a^2}{N}\big)`,
    String.raw`w_k=\tfrac1P\sum_n w_n e^{-2\pi i kn/P},\qquad \Gamma=\sum_k P\,\tfrac{\gamma}{6}\big(|w_k|^6+|v_k|^6\big)`,
    String.raw`\frac{S_k}{P}=r^2-A\,r^4+\frac{\gamma}{3}r^6,\quad A=u\,a^2,\quad u=\frac{2\sigma_a^2P^2}{N\sigma^4},\quad r_+^2=\frac{A+\sqrt{A^2-\gamma}}{\gamma}`,
    String.raw`\sigma_c^4=\frac{\sigma_a^2P^2}{N\sqrt{\gamma/3}},\qquad \sigma_{II}^2=\sigma_c^2-\frac{3\sigma_a^2}{\gamma},\qquad u_c=2\sqrt{\gamma/3}`,
    String.raw`\text{mixed: } |a|=\frac{\sigma^2}{\sigma_c^2},\quad p=\frac{\gamma(\sigma_c^2-\sigma^2)}{3\sigma_a^2};\qquad \text{GMFL-II: } a=-\frac{\sigma^2}{\sigma_a^2\,r_+(a)^4+\sigma^2}`,
    String.raw`Q=\sigma_a^2\big[K_{xx}K_{x'x'}+2K_{xx'}^2\big],\quad K_{nm,n'm'}=\delta_{nn'}+\delta_{mm'}:\quad \sigma_a^2(4P^2+4P+4),\ \sigma_a^2(2P+4),\ 4\sigma_a^2`,
  ],
  params: grokkingModularParams,
  presets,
  outputs,
  parts: (p) => [
    { key: { role: 'theory' }, weight: 1e5 },
    ...replicaParts(p.langevin.chains, p.langevin.steps * operationsPerStep(p.modulus, p.N)),
  ],
  runPart: (p, key, ctx) => (key.role === 'theory' ? theoryPart(p, ctx) : chainPart(p, key.index, ctx)),
  merge: (p, parts, ctx) => merge(p, parts, ctx.seed),
  warnings,
  solver: () => ({ integrator: 'closed forms + bisection (GMFL-II branch); unadjusted Langevin with adaptive burn-in steps' }),
  cost: (p) => grokkingModularCost(p),
  sweepBoundaries,
  repetitions: LANGEVIN_CHAINS,
  claims,
};
