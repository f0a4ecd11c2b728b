/**
 * Losses of one-pass SGD on a GLM, f(r, y) with r = <x, theta>, the label model that generates y
 * from the teacher's r* = <x, theta*>, and the Gaussian expectations the Stein-form ODE needs
 * (theory note §1.2–1.3; arXiv:2308.08977 §1, arXiv:2405.19585 §1 and App. G.1).
 *
 * Expectations are over (r, r*) ~ N(0, B), B = [[a, c], [c, b]], with the label randomness
 * averaged before differentiating. They are also passed in error variables
 * P = a - 2c + b = sum lambda e^2 and C = c - b = sum lambda e theta* (e = theta - theta*), in which
 * the risk near theta* has no cancellation.
 */
import { normalTrapezoidRule, trapezoidSpacing } from '../../numerics/normal-trapezoid.js';
import type { Rng } from '../../numerics/rng.js';
import type { LabelModel, Problem } from './params.js';

export interface Moments {
  a: number;
  c: number;
  b: number;
  P: number;
  C: number;
}

/** Moments from the error variables: a = b + 2C + P, c = b + C. */
export function momentsOf(P: number, C: number, b: number, out: Moments): Moments {
  out.P = P;
  out.C = C;
  out.b = b;
  out.c = b + C;
  out.a = Math.max(0, b + 2 * C + P);
  return out;
}

export interface LossExpectations {
  /** E[d^2 f / dr^2]. */
  exx: number;
  /** E[d^2 f / dr dr*]. */
  exs: number;
  /** Fisher term I(B) = E[(df/dr)^2] (over the label randomness too). */
  fisher: number;
  /** Population risk h(B) = E f. */
  risk: number;
  /** h(B) - h at theta = theta* (least squares and phase retrieval: minus omega^2/2; logistic: the KL excess). */
  excess: number;
}

export function emptyExpectations(): LossExpectations {
  return { exx: 0, exs: 0, fisher: 0, risk: 0, excess: 0 };
}

export interface GlmLoss {
  readonly id: Problem;
  /** The label for teacher pre-activation `rStar`; `noise` is the replica's label stream. */
  label(rStar: number, noise: Rng, omega: number): number;
  /** df/dr at (r, y). */
  dLoss(r: number, y: number): number;
  /** Stein-form scalars at the given moments (no allocation). */
  expectations(m: Moments, omega: number, out: LossExpectations): void;
}

/** f = (r - y)^2 / 2, y = r* + omega eps: e_xx = 1, e_x* = -1, I = P + omega^2, h = I / 2. */
export const leastSquares: GlmLoss = {
  id: 'least_squares',
  label: (rStar, noise, omega) => rStar + omega * noise.normal(),
  dLoss: (r, y) => r - y,
  expectations(m, omega, out) {
    const fisher = m.P + omega * omega;
    out.exx = 1;
    out.exs = -1;
    out.fisher = fisher;
    out.risk = 0.5 * fisher;
    out.excess = 0.5 * m.P;
  },
};

/**
 * f = (r^2 - y)^2 / 2, y = r*^2 + omega eps (Isserlis; note §1.3): e_xx = 6a - 2b, e_x* = -4c,
 * I = 4[15a^3 - 6a^2 b - 24 a c^2 + 3 a b^2 + 12 b c^2] + 4 omega^2 a,
 * h = (3a^2 - 2ab - 4c^2 + 3b^2)/2 + omega^2/2, the polynomials rewritten in (P, C).
 */
export const phaseRetrieval: GlmLoss = {
  id: 'phase_retrieval',
  label: (rStar, noise, omega) => rStar * rStar + omega * noise.normal(),
  dLoss: (r, y) => 2 * r * (r * r - y),
  expectations(m, omega, out) {
    const { a, b, c, P, C } = m;
    out.exx = 6 * a - 2 * b;
    out.exs = -4 * c;
    const core =
      288 * C * C * C + 192 * C * C * b + 60 * P * P * P + P * P * (360 * C + 156 * b) + P * (624 * C * C + 432 * C * b + 48 * b * b);
    out.fisher = Math.max(0, core) + 4 * omega * omega * a;
    const excess = 4 * C * C + 6 * C * P + 1.5 * P * P + 2 * P * b;
    out.excess = excess;
    out.risk = excess + 0.5 * omega * omega;
  },
};

/** sigma(x) = 1 / (1 + e^-x), without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** sigma'(x) = sigma(x) sigma(-x). */
function sigmoidPrime(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const q = 1 + e;
  return e / (q * q);
}

/** log(2 cosh(u/2)) = |u|/2 + log1p(e^{-|u|}). */
function logTwoCoshHalf(u: number): number {
  const au = Math.abs(u);
  return 0.5 * au + Math.log1p(Math.exp(-au));
}

/**
 * Logistic regression, f = log(1 + e^r) - y r with y ~ Bernoulli(sigma(r*)) or y = sigma(r*)
 * (HL App. G.1; note §1.3). With t(u) = tanh(u/2), sigma = (1 + t)/2, and by symmetry:
 *   e_xx = E sigma'(x),  e_x* = -E sigma'(x*),
 *   h = E log(2 cosh(x/2)) - c E sigma'(x*)        [E log(1 + e^x) = E log(2 cosh(x/2)); Stein],
 *   I_soft = E (t(x) - t(x*))^2 / 4,   I_bernoulli = I_soft + E sigma'(x*),
 *   excess = E log(2 cosh(x/2)) - E log(2 cosh(x* / 2)) - C E sigma'(x*).
 * All integrands are analytic in |Im u| < pi, so the Gaussian expectations use the trapezoidal
 * rule (numerics/normal-trapezoid) with spacing set by the variance, for `digits` digits:
 * 1-D on the even integrand, 2-D nested after conditioning on x* (numerics/gaussian-pair), using
 * the symmetry (z1, z2) -> (-z1, -z2).
 */
export class LogisticLoss implements GlmLoss {
  readonly id = 'logistic' as const;
  private cachedB = Number.NaN;
  private spB = 0;
  private lcB = 0;

  constructor(
    readonly labels: LabelModel,
    readonly digits = 13,
  ) {}

  label(rStar: number, noise: Rng, _omega = 0): number {
    const p = sigmoid(rStar);
    return this.labels === 'soft' ? p : noise.nextDouble() < p ? 1 : 0;
  }

  dLoss(r: number, y: number): number {
    return sigmoid(r) - y;
  }

  private spacing(scale: number): number {
    return trapezoidSpacing(scale > 0 ? Math.PI / scale : Number.POSITIVE_INFINITY, this.digits);
  }

  /** E g(sqrt(v) Z) for an even g. */
  private even1d(g: (u: number) => number, v: number): number {
    const sv = Math.sqrt(v);
    const { nodes, weights } = normalTrapezoidRule(this.spacing(sv));
    let s = weights[0] * g(0);
    for (let k = 1; k < nodes.length; k++) s += 2 * weights[k] * g(sv * nodes[k]);
    return s;
  }

  private sigmaPrimeMean(v: number): number {
    return this.even1d(sigmoidPrime, v);
  }

  private logCoshMean(v: number): number {
    return this.even1d(logTwoCoshHalf, v);
  }

  /** E (t(x) - t(x*))^2 / 4 under the pair (a, c, b). */
  private softFisher(a: number, c: number, b: number): number {
    // conditioning on x* (numerics/gaussian-pair), inlined: no allocation per call
    const sb = b > 0 ? Math.sqrt(b) : 0;
    const m = b > 0 ? c / sb : 0;
    const s = Math.sqrt(Math.max(0, a - m * m));
    const outer = normalTrapezoidRule(this.spacing(Math.max(sb, Math.abs(m))));
    const inner = normalTrapezoidRule(this.spacing(s));
    const zi = inner.nodes;
    const wi = inner.weights;
    const ni = zi.length;
    let total = 0;
    for (let k = 0; k < outer.nodes.length; k++) {
      const z1 = outer.nodes[k];
      const ts = Math.tanh(0.5 * sb * z1);
      const mean = 0.5 * m * z1;
      const hs = 0.5 * s;
      let d0 = Math.tanh(mean) - ts;
      let acc = wi[0] * d0 * d0;
      for (let j = 1; j < ni; j++) {
        const dz = hs * zi[j];
        d0 = Math.tanh(mean + dz) - ts;
        const d1 = Math.tanh(mean - dz) - ts;
        acc += wi[j] * (d0 * d0 + d1 * d1);
      }
      total += (k === 0 ? 1 : 2) * outer.weights[k] * acc;
    }
    return 0.25 * total;
  }

  expectations(mo: Moments, _omega: number, out: LossExpectations): void {
    const { a, b, c, C } = mo;
    if (b !== this.cachedB) {
      this.cachedB = b;
      this.spB = this.sigmaPrimeMean(b);
      this.lcB = this.logCoshMean(b);
    }
    const lcA = this.logCoshMean(a);
    out.exx = this.sigmaPrimeMean(a);
    out.exs = -this.spB;
    const soft = this.softFisher(a, c, b);
    out.fisher = this.labels === 'soft' ? soft : soft + this.spB;
    out.risk = lcA - c * this.spB;
    out.excess = lcA - this.lcB - C * this.spB;
  }
}

/** The loss of `problem`; `digits` sets the accuracy of the logistic quadrature. */
export function lossFor(problem: Problem, labels: LabelModel = 'bernoulli', digits = 13): GlmLoss {
  switch (problem) {
    case 'least_squares':
      return leastSquares;
    case 'phase_retrieval':
      return phaseRetrieval;
    case 'logistic':
      return new LogisticLoss(labels, digits);
  }
}
