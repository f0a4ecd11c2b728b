import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getKind, kinds, listKindIds } from '../../../core/models/registry.js';
import { sgdGlm, sgdGlmParams } from '../../../core/models/sgd-glm/index.js';

function issues(input: unknown) {
  const r = sgdGlmParams.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('sgd-glm parameters', () => {
  it('parse({}) yields the full defaults, nested objects included', () => {
    expect(sgdGlmParams.parse({})).toEqual({
      problem: 'least_squares',
      labels: 'bernoulli',
      d: 1000,
      T: 10,
      noise: 0,
      init: 1,
      init_signal: 0,
      signal: { kind: 'gaussian', delta: 0.4, scale: 1 },
      spectrum: { kind: 'isotropic', hi: 2, lo: 0.5, frac: 0.5, frac_zero: 0.5, beta: 0.2, s: 4, values: [] },
      lr: { policy: 'constant', gamma: 1, t0: 1, power: 0.5, eta: 1, b: 1, alpha: 1 },
      sde: true,
      sim_T: 0,
      grid: 200,
      ode: { method: 'auto', rtol: 1e-9 },
      finite_size: { enabled: false, dims: [256, 512, 1024, 2048, 4096], replicas: 8 },
    });
    // partial nested objects keep the other defaults
    expect(sgdGlmParams.parse({ spectrum: { kind: 'power_law' } }).spectrum.beta).toBe(0.2);
    // defaults are not shared between parses
    const a = sgdGlmParams.parse({});
    a.spectrum.values.push(1);
    expect(sgdGlmParams.parse({}).spectrum.values).toEqual([]);
  });

  it('rejects out-of-range values with the dotted path and the allowed range', () => {
    expect(issues({ d: 1 })).toEqual([{ path: 'd', message: 'must be an integer >= 2 and <= 1000000' }]);
    expect(issues({ d: 10.5 })[0].path).toBe('d');
    expect(issues({ T: 0 })).toEqual([{ path: 'T', message: 'must be a number > 0 and <= 10000000' }]);
    expect(issues({ noise: -1 })[0]).toEqual({ path: 'noise', message: 'must be a number >= 0 and <= 1000' });
    expect(issues({ spectrum: { frac: 1.5 } })).toEqual([{ path: 'spectrum.frac', message: 'must be a number >= 0 and <= 1' }]);
    expect(issues({ spectrum: { beta: 1 } })[0].path).toBe('spectrum.beta');
    expect(issues({ spectrum: { s: 0 } })[0]).toEqual({ path: 'spectrum.s', message: 'must be a number > 0 and <= 100' });
    expect(issues({ lr: { gamma: 0 } })[0]).toEqual({ path: 'lr.gamma', message: 'must be a number > 0 and <= 100' });
    expect(issues({ spectrum: { values: [1, -2] } })[0].path).toBe('spectrum.values.1');
    expect(issues({ problem: 'probit' })[0].path).toBe('problem');
    expect(issues({ lr: { policy: 'adagrad' } })[0].path).toBe('lr.policy');
    expect(issues({ labels: 'hard' })[0].path).toBe('labels');
    expect(issues({ signal: { kind: 'sparse' } })[0].path).toBe('signal.kind');
    expect(issues({ lr: { b: 0 } })[0]).toEqual({ path: 'lr.b', message: 'must be a number > 0 and <= 1000' });
    expect(issues({ ode: { rtol: 1 } })[0].path).toBe('ode.rtol');
    expect(issues({ finite_size: { dims: [256] } })[0].path).toBe('finite_size.dims');
    expect(issues({ finite_size: { dims: [256, 1.5] } })[0].path).toBe('finite_size.dims.1');
    expect(issues({ problem: 'phase_retrieval', lr: { policy: 'line_search' } })).toEqual([
      {
        path: 'lr.policy',
        message: 'must be constant, schedule, adagrad_norm or rmsprop_norm for phase_retrieval (line_search needs a convex loss)',
      },
    ]);
    expect(issues({ d: 'many' })[0]).toEqual({ path: 'd', message: 'must be an integer >= 2 and <= 1000000' });
    // z.prettifyError (what a CLI can print) names the path
    const r = sgdGlmParams.safeParse({ spectrum: { frac: 2 } });
    expect(r.success || z.prettifyError(r.error)).toMatch(/spectrum\.frac/);
  });

  it('rejects unknown keys at any depth and a custom spectrum without 1..d values', () => {
    expect(issues({ dim: 5 })[0].path).toBe('');
    expect(issues({ spectrum: { alpha: 1 } })[0].path).toBe('spectrum');
    expect(issues({ spectrum: { kind: 'custom' } })).toEqual([
      { path: 'spectrum.values', message: 'must list 1 to d = 1000 eigenvalues when spectrum.kind is custom (got 0)' },
    ]);
    expect(issues({ d: 2, spectrum: { kind: 'custom', values: [1, 2, 3] } })[0].path).toBe('spectrum.values');
    expect(sgdGlmParams.parse({ d: 4, spectrum: { kind: 'custom', values: [1, 2] } }).spectrum.values).toEqual([1, 2]);
  });

  it('the JSON Schema gives d and spectrum.frac their ranges and defaults', () => {
    const schema = z.toJSONSchema(sgdGlmParams, { io: 'input' }) as Record<string, any>;
    expect(schema.properties.d).toMatchObject({ type: 'integer', minimum: 2, maximum: 1_000_000, default: 1000 });
    expect(schema.properties.spectrum.properties.frac).toMatchObject({ minimum: 0, maximum: 1 });
  });

  it('has the presets of both papers, and the threshold presets sit either side of gamma_c', () => {
    for (const name of [
      'isotropic-ls',
      'noisy-floor',
      'two-level',
      'threshold-below',
      'threshold-above',
      'power-law',
      'logistic',
      'logistic-soft',
      'phase-retrieval',
      'finite-size',
      'hl-fig1l',
      'hl-fig1r',
      'hl-fig2',
      'hl-fig3l',
      'hl-fig3c',
      'hl-fig3r',
      'hl-fig4',
      'hl-fig5',
    ]) {
      expect(sgdGlm.presets[name], name).toBeDefined();
    }
    const below = sgdGlmParams.parse(sgdGlm.presets['threshold-below'].params);
    const above = sgdGlmParams.parse(sgdGlm.presets['threshold-above'].params);
    expect(below.lr.gamma).toBeLessThan(1.6);
    expect(above.lr.gamma).toBeGreaterThan(1.6);
    expect(sgdGlm.warnings!(above).some((w) => /critical learning rate/.test(w))).toBe(true);
    expect(sgdGlm.warnings!(below)).toEqual([]);
    expect(sgdGlm.warnings!(sgdGlmParams.parse(sgdGlm.presets['s-power'].params)).some((w) => /grows with d/.test(w))).toBe(true);
    // figure 4: theory to 1e7, simulation stopped earlier
    const fig4 = sgdGlmParams.parse(sgdGlm.presets['hl-fig4'].params);
    expect(fig4.T).toBe(1e7);
    expect(fig4.sim_T).toBeLessThan(fig4.T);
    expect(sgdGlm.warnings!(sgdGlmParams.parse({ problem: 'phase_retrieval' })).some((w) => /saddle/.test(w))).toBe(true);
    expect(sgdGlm.warnings!(sgdGlmParams.parse({ problem: 'logistic', noise: 1 })).some((w) => /not used/.test(w))).toBe(true);
  });
});

describe('model registry', () => {
  it('lists sgd-glm with kebab-case ids and finds kinds by id', () => {
    expect(listKindIds()).toContain('sgd-glm');
    expect(getKind('sgd-glm')).toBe(sgdGlm);
    expect(getKind('nope')).toBeUndefined();
    for (const k of kinds) {
      expect(k.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(k.paper.length).toBeGreaterThan(0);
      expect(k.equations.length).toBeGreaterThan(0);
    }
    expect(sgdGlm.paper.map((p) => p.arxiv)).toEqual(['2308.08977', '2405.19585']);
  });
});
