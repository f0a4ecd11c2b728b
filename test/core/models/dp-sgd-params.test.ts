import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dpSgd, dpSgdParams } from '../../../core/models/dp-sgd/index.js';
import { getKind } from '../../../core/models/registry.js';
import { paramsJsonSchema, parseParamValue, resolveParams } from '../../../core/models/resolve-params.js';

function issues(input: unknown) {
  const r = dpSgdParams.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('dp-sgd parameters', () => {
  it('parse({}) yields the full defaults (the A8 setup with c = 1 and no privacy noise)', () => {
    expect(dpSgdParams.parse({})).toEqual({
      d: 1000,
      aspect: 0.5,
      noise: 0.5,
      init: 0,
      spectrum: { kind: 'isotropic', hi: 1.6, lo: 0.4, frac: 0.5, frac_zero: 0.5, beta: 0.2, s: 4, values: [] },
      lr: { eta: 1, schedule: 'constant', power: 0.5 },
      clip: { enabled: true, c: 1 },
      privacy: { calibration: 'sigma', sigma: 0, rho: 1, schedule: 'constant', power: 0.5, accounting: 'last_iterate' },
      grid: 100,
    });
  });

  it('the JSON Schema gives clip.c its range and clip.enabled its default', () => {
    const schema = z.toJSONSchema(dpSgdParams, { io: 'input' }) as Record<string, any>;
    expect(schema.properties.clip.properties.c).toMatchObject({ type: 'number', exclusiveMinimum: 0, maximum: 10000 });
    expect(schema.properties.clip.properties.enabled).toMatchObject({ type: 'boolean', default: true });
  });

  it('rejects bad values with the path and the allowed range, and unknown keys', () => {
    expect(issues({ clip: { c: 0 } })).toEqual([{ path: 'clip.c', message: 'must be a number > 0 and <= 10000' }]);
    expect(issues({ aspect: 0 })[0].path).toBe('aspect');
    expect(issues({ d: 10, aspect: 20 })).toEqual([{ path: 'aspect', message: 'gives n = round(d / aspect) = 1 samples; must be between 2 and 100000000' }]);
    expect(issues({ privacy: { rho: 0 } })[0].path).toBe('privacy.rho');
    expect(issues({ privacy: { accounting: 'rdp' } })[0].path).toBe('privacy.accounting');
    expect(issues({ lr: { schedule: 'cosine' } })[0].path).toBe('lr.schedule');
    expect(issues({ clip: { c: 1, off: true } })[0].path).toBe('clip');
    expect(issues({ spectrum: { kind: 'custom' } })[0].path).toBe('spectrum.values');
  });

  it('"no clipping" is clip.enabled = false; --set clip.c=inf is rejected with a clear message', () => {
    const kind = getKind('dp-sgd')!;
    const schema = paramsJsonSchema(kind);
    for (const raw of ['inf', 'Infinity', '1e999']) {
      const r = parseParamValue(schema, 'clip.c', raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^clip\.c = .* is malformed: expected a number > 0 and ≤ 10000$/);
    }
    expect(parseParamValue(schema, 'clip.enabled', 'false')).toEqual({ ok: true, value: false });
    expect(schema.properties && (schema as any).properties.clip.properties.c.description).toMatch(/C = c sqrt\(d\)/);
    expect((schema as any).properties.clip.properties.enabled.description).toMatch(/false = no clipping/);
    const resolved = resolveParams(kind, { params: { clip: { enabled: false } } });
    expect(resolved.ok && (resolved.params as any).clip).toEqual({ enabled: false, c: 1 });
  });

  it('is registered, with presets for the note checks A8 and A9', () => {
    expect(getKind('dp-sgd')).toBe(dpSgd);
    for (const name of ['a8-isotropic', 'a8-private', 'a8-anisotropic', 'aggressive-clipping', 'decaying-lr', 'decaying-noise']) {
      expect(dpSgd.presets[name], name).toBeDefined();
    }
  });

});
