import { describe, expect, it } from 'vitest';
import { gmmSgd, gmmSgdParams } from '../../../core/models/gmm-sgd/index.js';
import { classLabels } from '../../../core/models/gmm-sgd/params.js';
import { buildMixture } from '../../../core/models/gmm-sgd/problem.js';
import { getKind } from '../../../core/models/registry.js';

function issues(input: unknown) {
  const r = gmmSgdParams.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('gmm-sgd parameters', () => {
  it('parse({}) yields the full defaults', () => {
    expect(gmmSgdParams.parse({})).toEqual({
      classes: 2,
      weights: [],
      labels: { kind: 'alternate', values: [] },
      means: { kind: 'antipodal', norm: 1 },
      spectrum: { kind: 'isotropic', scale: 1, frac_zero: 0.5, exponent: 1, exponent_spread: 0 },
      clean_frac: 0.5,
      loss: 'logistic',
      lr: { gamma: 1 },
      d: 1000,
      T: 10,
      init: 0,
      grid: 100,
      grid_spacing: 'linear',
    });
  });

  it('rejects inconsistent inputs with the path and a clear message', () => {
    expect(issues({ classes: 1 })[0]).toEqual({ path: 'classes', message: 'must be an integer >= 2 and <= 1024' });
    expect(issues({ classes: 3, weights: [1, 2] })[0]).toEqual({ path: 'weights', message: 'must list C = 3 weights or none (got 2)' });
    expect(issues({ labels: { kind: 'custom', values: [1] } })[0].path).toBe('labels.values');
    expect(issues({ labels: { kind: 'custom', values: [1, 1] } })[0]).toEqual({ path: 'labels', message: 'both labels +1 and -1 must occur among the classes' });
    expect(issues({ labels: { kind: 'custom', values: [1, 0.5] } })[0].path).toBe('labels.values.1');
    expect(issues({ spectrum: { kind: 'power_law', exponent: 0.5, exponent_spread: -1 } })[0].path).toBe('spectrum.exponent_spread');
    expect(issues({ means: { kind: 'clean' }, clean_frac: 0 })[0].path).toBe('clean_frac');
    expect(issues({ classes: 1024, d: 100_000 })[0].path).toBe('classes');
    expect(issues({ loss: 'hinge' })[0].path).toBe('loss');
  });

  it('labels: alternate (+1 for odd classes), first_half, custom; weights are normalised', () => {
    expect(classLabels(gmmSgdParams.parse({ classes: 5 }))).toEqual([1, -1, 1, -1, 1]);
    expect(classLabels(gmmSgdParams.parse({ classes: 5, labels: { kind: 'first_half' } }))).toEqual([1, 1, 1, -1, -1]);
    const mix = buildMixture(gmmSgdParams.parse({ classes: 3, weights: [1, 1, 2], d: 50 }), 1);
    expect(Array.from(mix.weights)).toEqual([0.25, 0.25, 0.5]);
  });

  it('mixtures: mean norms, clean support, class exponents and the clean set', () => {
    const d = 400;
    const clean = buildMixture(gmmSgdParams.parse({ d, spectrum: { kind: 'zero_one', scale: 2 }, means: { kind: 'clean', norm: 1.5 } }), 3);
    // the clean set is exactly the zero-variance half; the mean lives there; ||mu|| = 1.5, delta = 2 mu
    for (let i = 0; i < d; i++) expect(clean.clean[i]).toBe(clean.lambda[i] === 0 ? 1 : 0);
    expect(clean.deltaCleanNorm).toBeCloseTo(3, 12);
    expect(clean.deltaNoisyNorm).toBe(0);
    const rnd = buildMixture(gmmSgdParams.parse({ d, classes: 4, means: { kind: 'random', norm: 2 } }), 3);
    expect(rnd.K).toBe(4);
    for (let k = 0; k < 4; k++) {
      let ss = 0;
      for (let i = 0; i < d; i++) ss += rnd.what[k * d + i] ** 2;
      expect(ss / d).toBeCloseTo(1, 12);
    }
    const pl = buildMixture(gmmSgdParams.parse({ d, classes: 3, spectrum: { kind: 'power_law', exponent: 1, exponent_spread: 1 } }), 3);
    expect(pl.rows).toBe(3);
    expect(pl.lambda[0]).toBeCloseTo(0.5 / d, 15);
    expect(pl.lambda[d]).toBeCloseTo((0.5 / d) ** 1.5, 15);
    expect(pl.lambda[2 * d + d - 1]).toBeCloseTo(((d - 0.5) / d) ** 2, 15);
  });

  it('is registered; the many-classes preset has 64 classes', () => {
    expect(getKind('gmm-sgd')).toBe(gmmSgd);
    expect(gmmSgdParams.parse(gmmSgd.presets['many-classes'].params).classes).toBe(64);
  });

});
