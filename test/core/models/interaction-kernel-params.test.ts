import { describe, expect, it } from 'vitest';
import { interactionKernel as kind } from '../../../core/models/interaction-kernel/index.js';
import { biasVarianceIntervals, designSize, sampleSizes } from '../../../core/models/interaction-kernel/params.js';

function issues(input: unknown) {
  const r = kind.params.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('interaction-kernel parameters', () => {
  it('default to the note calibration on the issue default sweep (M = 2^9..2^14, 16 repetitions)', () => {
    const p = kind.params.parse({});
    expect([p.N, p.d, p.law, p.form, p.noise, p.beta, p.kernel.kind]).toEqual([3, 1, 'uniform', 'static', 1, 1, 'sin_cos']);
    expect(p.basis).toEqual({ degree: 1, knots: 'quantile', c: 3 });
    expect(sampleSizes(p)).toEqual([512, 1024, 2048, 4096, 8192, 16384]);
    expect(p.reps).toBe(16);
    // n = K (s + 1), K = round(c M^(1/3) / 2): 24 at M = 512, 76 at M = 16384.
    expect(designSize(512, 1, 3, 1)).toBe(24);
    expect(designSize(16384, 1, 3, 1)).toBe(76);
  });

  it('refuses a malformed kernel formula naming the character, one line', () => {
    const [issue] = issues({ kernel: { kind: 'expression', expression: 'exp(-r' } });
    expect(issue!.path).toBe('kernel.expression');
    expect(issue!.message).toMatch(/^character 7: missing "\)"/);
    expect(issue!.message).not.toContain('\n');
    expect(issues({ kernel: { kind: 'expression', expression: 'r + foo' } })[0]!.message).toMatch(/^character 5: unknown name "foo"/);
  });

  it('refuses a formula that is not finite or too large on the support, even when another kernel is chosen', () => {
    expect(issues({ kernel: { kind: 'expression', expression: 'log(r - 0.5)' } })[0]!.message).toMatch(/is NaN at r = /);
    expect(issues({ kernel: { expression: '1e308' } })[0]!.path).toBe('kernel.expression');
    expect(issues({ kernel: { expression: 'abc' } })[0]!.path).toBe('kernel.expression');
    // The support of Gaussian particles reaches far: exp(r^3) overflows there but not on [0, 1].
    expect(kind.params.safeParse({ kernel: { kind: 'expression', expression: 'exp(r^3)' } }).success).toBe(true);
    expect(issues({ law: 'gaussian', d: 3, kernel: { kind: 'expression', expression: 'exp(r^3*100)' } })[0]!.path).toBe('kernel.expression');
  });

  it('refuses a sweep without two sample sizes and a basis beyond the largest size', () => {
    expect(issues({ M_min: 4096, M_max: 4096 })[0]).toEqual({ path: 'M_max', message: 'must be > M_min = 4096 (a sweep needs two sample sizes)' });
    expect(issues({ beta: 0.1, basis: { c: 64 }, M_max: 4_000_000 })[0]!.path).toBe('basis.c');
    expect(issues({ N: 1 })[0]).toEqual({ path: 'N', message: 'must be an integer >= 2 and <= 64' });
    expect(issues({ law: 'cauchy' })[0]!.path).toBe('law');
  });

  it('spaces the bias-variance interval counts around the design count', () => {
    const p = kind.params.parse({ bias_variance: { M: 8192, points: 7, span: 4 } });
    const Ks = biasVarianceIntervals(p);
    expect(Ks.length).toBe(7);
    expect(Ks[3]).toBe(30); // K_design = round(3 * 8192^(1/3) / 2) = 30
    expect(Math.abs(Ks[0]! - 30 / 4)).toBeLessThanOrEqual(0.5);
    expect(Ks[6]).toBe(120);
  });

  it('warns outside the theory: beta < 1/4, too low a degree, uniform knots on a vanishing rho, no noise', () => {
    const w = kind.warnings!(kind.params.parse({ beta: 0.2, basis: { degree: 0, knots: 'uniform', c: 2 }, noise: 0, M_max: 4096, bias_variance: { enabled: false } }));
    expect(w.some((x) => x.includes('beta >= 1/4'))).toBe(true);
    expect(kind.warnings!(kind.params.parse({ beta: 3, basis: { degree: 1 } })).some((x) => x.includes('ceil(beta) - 1'))).toBe(true);
    expect(w.some((x) => x.includes('uniform knots'))).toBe(true);
    expect(w.some((x) => x.startsWith('noise = 0'))).toBe(true);
  });
});
