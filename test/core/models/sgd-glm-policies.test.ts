import { describe, expect, it } from 'vitest';
import { lineSearchHalvesClosedForm, lineSearchTwoLevelLimit, rmspropNoisyLimit } from '../../../core/models/sgd-glm/limits.js';
import { last, sgdGlm, theoryOf } from './sgd-glm-helpers.js';

describe('learning-rate policies in the theory (arXiv:2405.19585)', () => {
  it('A3: exact line search on two eigenvalues {1, l2} tends to the closed-form limit (to 1e-6), within the bounds, below Polyak', () => {
    const note: [number, number, number][] = [
      [1 / 2, 1.16775, 2.350781],
      [1 / 4, 0.869834, 10.14431],
      [1 / 8, 0.483677, 50.03489],
      [1 / 16, 0.247994, 226.0083],
      [1 / 32, 0.124752, 962.002],
    ];
    for (const [l2, gammaNote, ratioNote] of note) {
      const closed = lineSearchHalvesClosedForm(1, l2);
      const general = lineSearchTwoLevelLimit(1, l2, 0.5);
      expect(Math.abs(closed.gamma - gammaNote)).toBeLessThan(1e-6);
      expect(Math.abs(closed.ratio / ratioNote - 1)).toBeLessThan(1e-6);
      expect(Math.abs(general.gamma / closed.gamma - 1)).toBeLessThan(1e-12);
      expect(Math.abs(general.ratio / closed.ratio - 1)).toBeLessThan(1e-12);
      // the long-time ODE (stopping before the noiseless risk underflows)
      const { y, r } = theoryOf({ spectrum: { kind: 'two_level', hi: 1, lo: l2, frac: 0.5 }, d: 1000, T: Math.min(4000, 300 / l2), lr: { policy: 'line_search' } });
      const lr = last(y('lr'));
      expect(Math.abs(lr / closed.gamma - 1), `l2 = ${l2}`).toBeLessThan(1e-6);
      expect(r.scalars.lr_limit).toBe(general.gamma);
      // the mode ratio D_{l2} / D_1 from the risk and the distance (w = 1/2 each)
      const R = last(y('risk'));
      const dist = last(y('distance'));
      const d2 = (2 * dist - 4 * R) / (1 - l2);
      const d1 = 2 * dist - d2;
      expect(Math.abs(d2 / d1 / closed.ratio - 1)).toBeLessThan(1e-6);
      // bounds lambda_min / (tr K^2/d) <= gamma_inf <= 2 lambda_min / (tr K^2/d), and Polyak 2/(1 + l2) is larger
      const mu2 = (1 + l2 * l2) / 2;
      expect(lr).toBeGreaterThanOrEqual(l2 / mu2);
      expect(lr).toBeLessThanOrEqual((2 * l2) / mu2);
      expect(2 / (1 + l2)).toBeGreaterThan(lr);
    }
  });

  it('A4: AdaGrad-Norm on noiseless isotropic least squares reaches the note\'s limits, with the identity gamma = eta/(b + mean(lambda) |r|_1/eta)', () => {
    const cases: [number, number, number, number][] = [
      [1, 1, 0.700176, 0.428211],
      [0.5, 2.5, 0.920858, 5.5371],
      [0.3, 1, 0.785877, 0.97246],
      [2, 1, 0.43004, 0.325365],
    ];
    for (const [b, eta, gammaInf, r1] of cases) {
      const { y, r } = theoryOf({ d: 1000, T: 200, init: 0, lr: { policy: 'adagrad_norm', b, eta } });
      const lr = last(y('lr'));
      expect(Math.abs(lr - gammaInf), `b=${b} eta=${eta}`).toBeLessThan(1e-6);
      expect(Math.abs(r.scalars.risk_gamma_integral_theory / r1 - 1)).toBeLessThan(2e-5);
      // the identity holds at every time (here at T) to the integrator's accuracy
      expect(Math.abs(r.scalars.lr_identity_theory / lr - 1)).toBeLessThan(1e-9);
      // the bracket from |e_0|^2/4 <= |r|_1 <= (|e_0|^2/4) / (1 - gamma_0 mean(lambda)/2)
      expect(lr).toBeLessThanOrEqual(r.scalars.lr_limit_upper);
      if (r.scalars.lr_limit_lower !== undefined) expect(lr).toBeGreaterThanOrEqual(r.scalars.lr_limit_lower);
    }
    // (0.5, 2.5): the initial rate eta/b = 5 exceeds gamma_c = 2, so the risk first rises
    const { y } = theoryOf({ d: 1000, T: 5, init: 0, lr: { policy: 'adagrad_norm', b: 0.5, eta: 2.5 } });
    const risk = y('risk');
    expect(Math.max(...risk)).toBeGreaterThan(risk[0]);
  });

  it('A5: with label noise AdaGrad-Norm decays like eta / sqrt(b^2 + mean(lambda) omega^2 t) (0.995 at t = 1e4)', () => {
    const { y, x, r } = theoryOf({ d: 1000, T: 1e4, noise: 1, lr: { policy: 'adagrad_norm', b: 1, eta: 1 } });
    const lr = y('lr');
    const q = last(lr) * Math.sqrt(1 + last(x));
    expect(Math.abs(q - 0.995)).toBeLessThan(1e-3);
    const mid = lr.findIndex((_, i) => x[i] >= 100);
    expect(lr[mid] * Math.sqrt(1 + x[mid])).toBeLessThan(q);
    expect(Math.abs(r.scalars.lr_asymptote - 1 / Math.sqrt(1 + 1e4))).toBeLessThan(1e-15);
  });

  it('RMSprop-Norm with label noise settles at the fixed point 2 mean(lambda) omega^2 g^2 + eta^2 alpha mean(lambda) g = 2 eta^2 alpha', () => {
    for (const [eta, alpha, omega] of [
      [1, 0.5, 1],
      [0.5, 2, 0.5],
    ]) {
      const { y, r } = theoryOf({ T: 400, noise: omega, spectrum: { kind: 'two_level', hi: 1.5, lo: 0.5, frac: 0.5 }, lr: { policy: 'rmsprop_norm', eta, b: 1, alpha } });
      const limit = rmspropNoisyLimit(eta, alpha, 1, omega);
      expect(r.scalars.lr_limit).toBe(limit);
      expect(Math.abs(last(y('lr')) / limit - 1)).toBeLessThan(1e-6);
    }
  });

  it('Polyak on noiseless least squares is the constant 1/mean(lambda); with noise it decays', () => {
    const { y, r } = theoryOf({ spectrum: { kind: 'two_level', hi: 3, lo: 0.5, frac: 0.25 }, T: 20, lr: { policy: 'polyak' } });
    const lr = y('lr');
    for (const v of lr) if (Number.isFinite(v)) expect(Math.abs(v * 1.125 - 1)).toBeLessThan(1e-12);
    expect(r.scalars.lr_limit).toBe(1 / 1.125);
    const noisy = theoryOf({ T: 200, noise: 0.5, lr: { policy: 'polyak' } }).y('lr');
    expect(last(noisy)).toBeLessThan(0.05 * noisy[0]);
  });

  it('A11: line-search rate quotient gamma (tr K^2/d) / lambda_min is >= 1 always and in [1, 2] at t = 60 (Fig. 2, s = 4, 5.5, 7.5)', () => {
    for (const s of [4, 5.5, 7.5]) {
      const { y, r } = theoryOf({ ...sgdGlm.presets['hl-fig2'].params, spectrum: { kind: 's_power', s } });
      const q = r.scalars.lr_quotient_final_theory;
      expect(q, `s = ${s}`).toBeGreaterThanOrEqual(1);
      expect(q).toBeLessThanOrEqual(2);
      for (const v of y('lr')) expect(v).toBeGreaterThanOrEqual(r.scalars.lr_bound_lower * (1 - 1e-12));
    }
  });

  it('A11: the AdaGrad-Norm limit does not depend on the condition number at fixed mean(lambda) (Fig. 3 centre), and falls with |theta_0 - theta*| (Fig. 3 right)', () => {
    const limits = [2.1, 3, 4, 5.5].map((s) => last(theoryOf({ ...sgdGlm.presets['hl-fig3c'].params, spectrum: { kind: 's_power', s } }).y('lr')));
    for (const g of limits) expect(Math.abs(g / limits[0] - 1)).toBeLessThan(1e-9);
    const byDistance = [1, 2, 4].map((init) => last(theoryOf({ ...sgdGlm.presets['hl-fig3r'].params, init }).y('lr')));
    expect(byDistance[0]).toBeGreaterThan(byDistance[1]);
    expect(byDistance[1]).toBeGreaterThan(byDistance[2]);
  });

  it('Fig. 5 preset: the line-search rate reaches the closed-form limit 0.869834', () => {
    const { y, r } = theoryOf(sgdGlm.presets['hl-fig5'].params);
    expect(Math.abs(last(y('lr')) - 0.869834)).toBeLessThan(1e-6);
    expect(Math.abs(r.scalars.lr_limit - 0.869834)).toBeLessThan(1e-6);
  });
});
