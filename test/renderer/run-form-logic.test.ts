/**
 * The run form's logic: which fields apply to the options chosen (read from the kinds' schemas),
 * every problem named with its field, and a status that never says "valid" while Start is blocked.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getKind } from '../../core/models/registry.js';
import { paramsJsonSchema } from '../../core/models/resolve-params.js';
import { describedCondition, fieldConditions, hiddenFields } from '../../renderer/src/form/applicability.js';
import { formProblems, formStatus, problemText } from '../../renderer/src/form/problems.js';
import { buildFields, parseIntegerInput, schemaDefaults, setPath, type EnumField, type FieldNode } from '../../renderer/src/form/index.js';

function formOf(kindId: string): { fields: FieldNode[]; values: Record<string, unknown> } {
  const kind = getKind(kindId)!;
  const schema = paramsJsonSchema(kind);
  return { fields: buildFields(schema), values: kind.params.parse({}) as Record<string, unknown> };
}

describe('fields that apply', () => {
  it('sgd-glm: only the learning-rate fields of the chosen policy are shown', () => {
    const { fields, values } = formOf('sgd-glm');
    const at = (policy: string) => {
      setPath(values, 'lr.policy', policy);
      return hiddenFields(fields, values);
    };
    const constant = at('constant');
    expect(constant.has('lr.gamma')).toBe(false);
    expect([...constant].filter((p) => p.startsWith('lr.')).sort()).toEqual(['lr.alpha', 'lr.b', 'lr.eta', 'lr.power', 'lr.t0']);
    const rmsprop = at('rmsprop_norm');
    expect([...rmsprop].filter((p) => p.startsWith('lr.')).sort()).toEqual(['lr.gamma', 'lr.power', 'lr.t0']);
    expect(at('schedule').has('lr.t0')).toBe(false);
    expect([...at('line_search')].filter((p) => p.startsWith('lr.')).sort()).toEqual(['lr.alpha', 'lr.b', 'lr.eta', 'lr.gamma', 'lr.power', 'lr.t0']);
  });

  it('sgd-glm: only the parameters of the chosen spectrum kind, and labels only for logistic', () => {
    const { fields, values } = formOf('sgd-glm');
    setPath(values, 'spectrum.kind', 'power_law');
    const hidden = hiddenFields(fields, values);
    expect(hidden.has('spectrum.beta')).toBe(false);
    for (const p of ['spectrum.hi', 'spectrum.lo', 'spectrum.frac', 'spectrum.frac_zero', 'spectrum.s', 'spectrum.values']) expect(hidden.has(p), p).toBe(true);
    expect(hidden.has('labels')).toBe(true);
    expect(hidden.has('noise')).toBe(false);
    setPath(values, 'problem', 'logistic');
    const logistic = hiddenFields(fields, values);
    expect(logistic.has('labels')).toBe(false);
    expect(logistic.has('noise')).toBe(true);
    expect(logistic.has('spectrum.kind')).toBe(false);
  });

  it('dp-sgd: rho only when calibration = rho, power only for a decaying schedule', () => {
    const { fields, values } = formOf('dp-sgd');
    const hidden = hiddenFields(fields, values);
    expect(hidden.has('privacy.rho')).toBe(true);
    expect(hidden.has('privacy.power')).toBe(true);
    expect(hidden.has('privacy.sigma')).toBe(false);
    setPath(values, 'privacy.calibration', 'rho');
    setPath(values, 'privacy.schedule', 'decay');
    const next = hiddenFields(fields, values);
    expect(next.has('privacy.rho')).toBe(false);
    expect(next.has('privacy.power')).toBe(false);
  });

  it('keeps a field that does not apply but has a problem, so the problem can be fixed where it is', () => {
    const { fields, values } = formOf('sgd-glm');
    expect(hiddenFields(fields, values, fieldConditions(fields), new Set(['lr.t0'])).has('lr.t0')).toBe(false);
  });

  it('reads a condition only from names that are all options of one sibling enum', () => {
    const schema = z.toJSONSchema(
      z.object({
        mode: z.enum(['fast', 'exact']).default('fast'),
        other: z.enum(['x', 'y']).default('x'),
        tol: z.number().default(1).describe('exact: tolerance'),
        note: z.number().default(1).describe('Step size: the first step'),
        mixed: z.number().default(1).describe('fast, x: not one enum'),
        both: z.number().default(1).describe('A bound (fast, exact)'),
      }),
      { io: 'input' },
    ) as Record<string, unknown>;
    const fields = buildFields(schema);
    const conditions = fieldConditions(fields);
    expect(conditions.get('tol')).toEqual({ path: 'mode', values: ['exact'] });
    expect(conditions.has('note')).toBe(false);
    expect(conditions.has('mixed')).toBe(false);
    expect(conditions.get('both')).toEqual({ path: 'mode', values: ['fast', 'exact'] });
    const values = schemaDefaults(schema);
    expect([...hiddenFields(fields, values, conditions)]).toEqual(['tol']);
  });

  it('an enum is never its own condition', () => {
    const calibration: EnumField = { type: 'enum', path: 'calibration', key: 'calibration', label: 'calibration', required: false, nullable: false, options: ['sigma', 'rho'] };
    expect(describedCondition('sigma: use sigma as given; rho: solve', [calibration], 'calibration')).toBeNull();
  });
});

describe('problems of the run form', () => {
  const ok = parseIntegerInput('', 0, 10);

  it('a bad seed is a problem: the status names it instead of "parameters valid"', () => {
    const problems = formProblems({ localErrors: {}, issues: [], seed: parseIntegerInput('-1', 0, 2 ** 32 - 1), replicas: ok });
    expect(problems).toEqual([{ path: 'seed', controlId: 'seed-input', message: 'a whole number in [0, 4294967295]', source: 'form' }]);
    const status = formStatus(problems, false, null);
    expect(status).toEqual({ tone: 'bad', text: 'seed: a whole number in [0, 4294967295]' });
    expect(formStatus(problems, true, null).tone).toBe('bad');
  });

  it('one problem with the parameters is named with its path and points at its field', () => {
    const problems = formProblems({ localErrors: {}, issues: [{ path: 'lr.gamma', message: 'must be a number > 0 and <= 100' }], seed: ok, replicas: ok });
    expect(problems[0]).toMatchObject({ path: 'lr.gamma', controlId: 'field-lr.gamma' });
    expect(formStatus(problems, false, null).text).toBe('lr.gamma: must be a number > 0 and <= 100');
  });

  it('several problems: the count and the first one; text that does not parse comes before the engine verdict on it', () => {
    const problems = formProblems({
      localErrors: { d: '"x" is not a number' },
      issues: [{ path: 'd', message: 'stale' }, { path: '', message: 'the parameters disagree' }],
      seed: ok,
      replicas: parseIntegerInput('0', 1, 1024),
    });
    expect(problems.map(problemText)).toEqual(['d: "x" is not a number', 'the parameters disagree', 'replicas: must be in [1, 1024]']);
    expect(problems[1]!.controlId).toBe('');
    expect(formStatus(problems, false, null).text).toBe('3 problems; first d: "x" is not a number');
  });

  it('says "parameters valid" only with no problem, and "checking…" while the engine checks', () => {
    const none = formProblems({ localErrors: {}, issues: [], seed: ok, replicas: ok });
    expect(formStatus(none, false, null)).toEqual({ tone: 'good', text: 'parameters valid' });
    expect(formStatus(none, true, null).tone).toBe('checking');
    expect(formStatus(none, false, 'offline').text).toBe('could not check the parameters: offline');
    const stale = formProblems({ localErrors: {}, issues: [{ path: 'd', message: 'too small' }], seed: ok, replicas: ok });
    expect(formStatus(stale, true, null).tone).toBe('checking');
  });
});
