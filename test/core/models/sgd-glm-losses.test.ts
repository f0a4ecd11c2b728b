import { describe, expect, it } from 'vitest';
import { LogisticLoss, emptyExpectations, leastSquares, lossFor, momentsOf, phaseRetrieval, sigmoid } from '../../../core/models/sgd-glm/losses.js';
import { expectGaussianPair } from '../../../core/numerics/gaussian-pair.js';

const moments = (a: number, c: number, b: number) => momentsOf(a - 2 * c + b, c - b, b, { a: 0, b: 0, c: 0, P: 0, C: 0 });

function ex(loss: ReturnType<typeof lossFor>, a: number, c: number, b: number, omega = 0) {
  const out = emptyExpectations();
  loss.expectations(moments(a, c, b), omega, out);
  return out;
}

// (a, c, b), E sigma'(x), E log(2 cosh(x/2)), E sigma'(x*), E log(2 cosh(x*/2)), E (tanh(x/2) - tanh(x*/2))^2 / 4,
// by adaptive quadrature (scipy.integrate.quad, nested for the last; relative accuracy about 1e-12).
const LOGISTIC_REF: number[][] = [
  [0, 0, 1, 0.25, 0.6931471805599453, 0.2066209641419071, 0.8060591833474399, 0.04337903585809297],
  [1, 0.5, 1, 0.2066209641419071, 0.8060591833474399, 0.2066209641419071, 0.8060591833474399, 0.04390142045277537],
  [11.25, 11, 11.25, 0.1053175496543664, 1.517680242822101, 0.1053175496543664, 1.517680242822101, 0.009191758746842135],
  [9, 3, 9, 0.1148379047739105, 1.3940780431586, 0.1148379047739105, 1.3940780431586, 0.1903307411032635],
  [20, 1, 11.25, 0.08288877874497225, 1.923482074754866, 0.1053175496543664, 1.517680242822101, 0.2943254733332891],
  [0.01, 0.005, 11.25, 0.2493781030641861, 0.6943956232408093, 0.1053175496543664, 1.517680242822101, 0.1450417083356359],
  [50, 30, 30, 0.05467934514981333, 2.91173773228276, 0.06923756883924669, 2.300722235611193, 0.1229443511587898],
  [2, 1.9, 2, 0.1815809230158153, 0.9026619077200272, 0.1815809230158153, 0.9026619077200272, 0.007356348033324097],
  [5, 3, 11.25, 0.1412437027528461, 1.140789682781415, 0.1053175496543664, 1.517680242822101, 0.1629141499056889],
];

describe('sgd-glm losses: Stein-form scalars', () => {
  it('least squares and phase retrieval closed forms equal the 2-D Gauss–Hermite expectations of the defining formulas', () => {
    for (const [a, c, b, omega] of [
      [1, 0.4, 1.2, 0.5],
      [0.3, -0.2, 2, 0],
      [2, 1.9, 2, 1],
      [0, 0, 1, 0.3],
    ]) {
      const gh = (f: (x: number, y: number) => number) => expectGaussianPair(f, a, c, b, 12);
      const ls = ex(leastSquares, a, c, b, omega);
      expect(ls.exx).toBe(1);
      expect(ls.exs).toBe(-1);
      expect(Math.abs(ls.fisher - gh((x, y) => (x - y) ** 2 + omega * omega))).toBeLessThan(1e-12);
      expect(Math.abs(ls.risk - 0.5 * ls.fisher)).toBeLessThan(1e-15);
      // phase retrieval: f = (x^2 - y^2 - eps)^2 / 2, f_x = 2x(x^2 - y^2 - eps), f_xx = 6x^2 - 2y^2 - 2 eps, f_xy = -4xy
      const pr = ex(phaseRetrieval, a, c, b, omega);
      const tol = 1e-11 * Math.max(1, a, b) ** 3;
      expect(Math.abs(pr.exx - gh((x, y) => 6 * x * x - 2 * y * y))).toBeLessThan(tol);
      expect(Math.abs(pr.exs - gh((x, y) => -4 * x * y))).toBeLessThan(tol);
      expect(Math.abs(pr.fisher - gh((x, y) => 4 * x * x * ((x * x - y * y) ** 2 + omega * omega)))).toBeLessThan(tol);
      expect(Math.abs(pr.risk - gh((x, y) => 0.5 * ((x * x - y * y) ** 2 + omega * omega)))).toBeLessThan(tol);
    }
  });

  it('logistic expectations agree with adaptive quadrature to 1e-11 over variances from 0 to 50, for both label models', () => {
    const soft = new LogisticLoss('soft');
    const bern = new LogisticLoss('bernoulli');
    for (const [a, c, b, exx, lcA, spB, lcB, softI] of LOGISTIC_REF) {
      const s = ex(soft, a, c, b);
      const q = ex(bern, a, c, b);
      const rel = (u: number, v: number) => Math.abs(u / v - 1);
      expect(rel(s.exx, exx), `exx at ${[a, c, b]}`).toBeLessThan(1e-11);
      expect(rel(s.exs, -spB)).toBeLessThan(1e-11);
      expect(rel(s.risk, lcA - c * spB)).toBeLessThan(1e-11);
      expect(rel(s.fisher, softI), `I_soft at ${[a, c, b]}`).toBeLessThan(1e-10);
      expect(rel(q.fisher, softI + spB)).toBeLessThan(1e-11);
      expect(Math.abs(s.excess - (lcA - lcB - (c - b) * spB))).toBeLessThan(1e-11);
      expect(q.risk).toBe(s.risk);
    }
  });

  it("Stein's lemma ties the risk to the scalars: dh/da = e_xx / 2 and dh/dc = e_x* (finite differences)", () => {
    for (const loss of [new LogisticLoss('bernoulli'), phaseRetrieval, leastSquares]) {
      for (const [a, c, b] of [
        [1.2, 0.5, 1],
        [6, 2, 9],
      ]) {
        const h = 1e-5;
        const e = ex(loss, a, c, b, 0.3);
        const da = (ex(loss, a + h, c, b, 0.3).risk - ex(loss, a - h, c, b, 0.3).risk) / (2 * h);
        const dc = (ex(loss, a, c + h, b, 0.3).risk - ex(loss, a, c - h, b, 0.3).risk) / (2 * h);
        expect(Math.abs(da - 0.5 * e.exx), `${loss.id} d/da`).toBeLessThan(1e-7 * Math.max(1, Math.abs(e.exx)));
        expect(Math.abs(dc - e.exs), `${loss.id} d/dc`).toBeLessThan(1e-7 * Math.max(1, Math.abs(e.exs)));
      }
    }
  });

  it('the Bernoulli Fisher term equals E[(sigma(x) - y)^2] by direct quadrature (moderate variances, Gauss–Hermite 120)', () => {
    const [a, c, b] = [0.8, 0.3, 0.6];
    const direct = expectGaussianPair((x, y) => sigmoid(x) ** 2 - 2 * sigmoid(x) * sigmoid(y) + sigmoid(y), a, c, b, 120);
    expect(Math.abs(ex(new LogisticLoss('bernoulli'), a, c, b).fisher - direct)).toBeLessThan(1e-12);
  });

  it('at theta = theta* the excess is zero and the soft-label Fisher term vanishes', () => {
    for (const b of [0.5, 9]) {
      expect(Math.abs(ex(new LogisticLoss('soft'), b, b, b).excess)).toBeLessThan(1e-15);
      expect(ex(new LogisticLoss('soft'), b, b, b).fisher).toBeLessThan(1e-15);
      expect(ex(phaseRetrieval, b, b, b, 0).risk).toBe(0);
      expect(ex(phaseRetrieval, b, b, b, 0).fisher).toBe(0);
    }
  });

  it('labels and derivatives used by the simulation', () => {
    const noise = { normal: () => 2, nextDouble: () => 0.3 } as never;
    expect(leastSquares.label(1.5, noise, 0.5)).toBe(2.5);
    expect(phaseRetrieval.label(2, noise, 0.5)).toBe(5);
    expect(phaseRetrieval.dLoss(2, 5)).toBe(-4);
    expect(new LogisticLoss('bernoulli').label(0, noise, 0)).toBe(1); // 0.3 < sigma(0) = 0.5
    expect(new LogisticLoss('soft').label(0, noise, 0)).toBe(0.5);
    expect(new LogisticLoss('soft').dLoss(0, 1)).toBe(-0.5);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });
});
