/**
 * Model kind `sgd-glm`: one-pass SGD on a Gaussian generalised linear model (least squares,
 * logistic regression, phase retrieval) with constant, scheduled and adaptive learning rates;
 * the exact high-dimensional limit (an ODE per distinct eigenvalue of the data covariance) next to
 * finite-d SGD and homogenized SGD on the same grid (arXiv:2308.08977; arXiv:2405.19585).
 */
import type { ModelKind, PartKey, RunContext, RunPart, RunResult } from '../model-kind.js';
import { replicaParts, theoryAndReplicas } from '../kit/index.js';
import { sweepBoundaries } from './boundaries.js';
import { sgdGlmCost } from './cost.js';
import { finiteSizeParts, mergeFiniteSize } from './finite-size.js';
import { mergeStandard } from './merge.js';
import { outputs } from './outputs.js';
import { type SgdGlmParams, sgdGlmParams } from './params.js';
import { presets } from './presets.js';
import { simulationHorizon, solverOf, spectrumOf } from './setup.js';
import { simulationPart } from './simulate.js';
import { theoryPart } from './theory.js';
import { warningsOf } from './warnings.js';
import { claims } from './claims.js';

export { sgdGlmParams, type SgdGlmParams } from './params.js';

/** The theory, the SGD replicas and (with sde) the homogenized-SGD replicas; or a finite-size scan over d. Weights are rough operation counts. */
function parts(p: SgdGlmParams, replicas: number): RunPart[] {
  const simT = simulationHorizon(p);
  const theory = (d: number) => 2e4 * Math.min(d, spectrumOf(p, d).distinct.length + 10);
  if (p.finite_size.enabled) return finiteSizeParts(p, { theory, replica: (d) => 4 * d * d * simT });
  const out = theoryAndReplicas(replicas, { theory: theory(p.d), replica: 4 * p.d * p.d * simT });
  return p.sde ? [...out, ...replicaParts(replicas, 5 * p.d * p.d * simT, 'sde')] : out;
}

/** The theory or a replica (SGD, or homogenized SGD for process "sde"), at d or at key.dim. */
function runPart(p: SgdGlmParams, key: PartKey, ctx: RunContext): RunResult {
  if (key.role === 'theory') return key.dim === undefined ? theoryPart(p, ctx) : theoryPart(p, ctx, key.dim, `ODE (theory, d = ${key.dim})`);
  if (key.process !== undefined && key.process !== 'sde') throw new RangeError(`sgd-glm: no simulated process '${key.process}'`);
  if (key.dim === undefined) return simulationPart(p, ctx, key.index, key.process === 'sde');
  return simulationPart(p, ctx, key.index, false, key.dim, `SGD d = ${key.dim} replica ${key.index}`);
}

export const sgdGlm: ModelKind<SgdGlmParams> = {
  id: 'sgd-glm',
  title: 'One-pass SGD on a Gaussian GLM (least squares, logistic, phase retrieval; adaptive learning rates)',
  paper: [
    {
      arxiv: '2308.08977',
      title: 'Hitting the high-dimensional notes: an ODE for SGD learning dynamics on GLMs and multi-index models',
    },
    {
      arxiv: '2405.19585',
      title: 'The High Line: Exact Risk and Learning Rate Curves of Stochastic Adaptive Learning Rate Algorithms',
    },
  ],
  summary:
    'One-pass SGD with step gamma_t/d on a generalised linear model with Gaussian data x ~ N(0, K) and a planted ' +
    'signal: least squares, logistic regression (Bernoulli or soft labels) or phase retrieval. As d grows the risk ' +
    'and the learning rate concentrate on the solution of a deterministic ODE with two equations per distinct ' +
    'eigenvalue of K, the Gaussian expectations of the loss entering through Stein\'s lemma. Learning rates: ' +
    'constant, a schedule, AdaGrad-Norm, RMSprop-Norm, idealised exact line search and Polyak. The workbench ' +
    'integrates the ODE on a log time grid (explicit Runge-Kutta, or an exponential integrator for stiff spectra ' +
    'and long horizons) and runs finite-d SGD and homogenized SGD in the eigenbasis on the same grid, with the ' +
    '10-90% band across replicas; a finite-size mode measures how the gap and the band shrink with d. For least ' +
    'squares the critical learning rate is 2 over the mean eigenvalue, not over the largest one.',
  equations: [
    String.raw`x\sim\mathcal N(0,K),\ K=\operatorname{diag}(\lambda_i);\quad r=\langle x,\theta\rangle,\ r^*=\langle x,\theta^*\rangle;\quad \theta_{k+1}=\theta_k-\frac{\gamma_k}{d}\,f'(r,y)\,x,\quad t=k/d`,
    String.raw`e=\theta-\theta^*;\quad \text{per eigenvalue: }D=d\,\langle e,u\rangle^2,\ E=d\,\langle e,u\rangle\langle\theta^*,u\rangle,\ V_{22}=d\,\langle\theta^*,u\rangle^2`,
    String.raw`\frac{dE}{dt}=-\gamma\lambda\big(e_{xx}E+(e_{xx}+e_{x^*})V_{22}\big),\quad \frac{dD}{dt}=-2\gamma\lambda\big(e_{xx}D+(e_{xx}+e_{x^*})E\big)+\gamma^2\lambda\,I(B)`,
    String.raw`B=\begin{pmatrix}a&c\\c&b\end{pmatrix}=\frac1d\sum_i\lambda_i\begin{pmatrix}V_{11}&V_{12}\\V_{12}&V_{22}\end{pmatrix};\quad e_{xx}=\mathbb E f_{rr},\ e_{x^*}=\mathbb E f_{rr^*},\ I=\mathbb E f_r^2\ \text{under }(r,r^*)\sim\mathcal N(0,B)`,
    String.raw`\text{least squares: }e_{xx}=1,\ e_{x^*}=-1,\ I=2R;\quad \gamma_c=2/\bar\lambda;\quad R(\infty)=\frac{\omega^2}{2-\gamma\bar\lambda},\quad \bar\lambda=\operatorname{mean}(\lambda)`,
    String.raw`\text{AdaGrad-Norm: }\gamma_t=\frac{\eta}{\sqrt{b^2+\bar\lambda\int_0^tI\,ds}};\quad \text{RMSprop-Norm: }G'=-\alpha G+\bar\lambda I,\ \gamma=\eta/\sqrt G`,
    String.raw`\text{line search: }\gamma=\frac{\|\nabla R\|^2}{(\operatorname{tr}K^2/d)\,e_{xx}I};\quad \text{Polyak: }\gamma=\frac{\mathbb E[(r-r^*)f_r]}{\bar\lambda I}`,
    String.raw`\text{homogenized SGD: }dX=-\gamma\nabla R(X)\,dt+\gamma\sqrt{K\,I(B(X))/d}\,dW`,
  ],

  params: sgdGlmParams,
  presets,
  outputs,
  parts,
  runPart,
  merge: (p, parts, ctx) => (p.finite_size.enabled ? mergeFiniteSize(p, parts, ctx) : mergeStandard(p, parts, ctx)),
  warnings: warningsOf,
  solver: solverOf,
  cost: sgdGlmCost,
  claims,
  sweepBoundaries,
};
