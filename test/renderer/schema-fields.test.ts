import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildFields,
  currentVariant,
  fieldPaths,
  formatFieldText,
  getPath,
  parseFieldText,
  parseIntegerInput,
  placeIssues,
  rangeHint,
  schemaDefaults,
  setPath,
  flattenParams,
  textFields,
  type FieldNode,
  type NumberField,
  type TextField,
  type UnionField,
} from '../../renderer/src/form/index.js';

const params = z.object({
  d: z.number().int().min(10).max(100000).default(500).describe('dimension'),
  T: z.number().positive().default(10),
  loss: z.enum(['least_squares', 'logistic']).default('least_squares'),
  sde: z.boolean().default(false),
  eigs: z.array(z.number()).default([1, 2]),
  lr: z.object({ policy: z.enum(['constant', 'adagrad_norm']).default('constant'), gamma: z.number().positive().default(0.5) }).default({ policy: 'constant', gamma: 0.5 }),
  spectrum: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('isotropic') }),
      z.object({ kind: z.literal('power_law'), beta: z.number().lt(1).default(0.5) }),
    ])
    .default({ kind: 'isotropic' }),
  cap: z.number().nullable().default(null),
  note: z.string().optional(),
});
const schema = z.toJSONSchema(params) as Record<string, unknown>;

function find(fields: readonly FieldNode[], path: string): FieldNode | undefined {
  for (const f of fields) {
    if (f.path === path) return f;
    const inner = f.type === 'object' ? find(f.children, path) : f.type === 'union' ? f.variants.map((v) => find(v.children, path)).find(Boolean) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('form fields from a zod 4 JSON Schema', () => {
  const fields = buildFields(schema);

  it('maps each property to a field with a dotted path', () => {
    expect(fields.map((f) => [f.path, f.type])).toEqual([
      ['d', 'integer'],
      ['T', 'number'],
      ['loss', 'enum'],
      ['sde', 'boolean'],
      ['eigs', 'array'],
      ['lr', 'object'],
      ['spectrum', 'union'],
      ['cap', 'number'],
      ['note', 'string'],
    ]);
    expect(find(fields, 'lr.gamma')?.type).toBe('number');
    expect(find(fields, 'spectrum.beta')?.type).toBe('number');
  });

  it('keeps ranges, defaults, descriptions and requiredness', () => {
    const d = find(fields, 'd') as NumberField;
    expect(d).toMatchObject({ minimum: 10, maximum: 100000, default: 500, description: 'dimension', required: true });
    expect(rangeHint(d)).toBe('integer in [10, 100000]');
    expect(rangeHint(find(fields, 'T') as NumberField)).toBe('> 0');
    expect(rangeHint(find(fields, 'spectrum.beta') as NumberField)).toBe('< 1');
    expect(find(fields, 'cap')).toMatchObject({ nullable: true });
    expect(find(fields, 'note')).toMatchObject({ required: false });
  });

  it('shows a discriminated union as a choice of variant plus that variant’s fields', () => {
    const u = find(fields, 'spectrum') as UnionField;
    expect(u.discriminator).toBe('kind');
    expect(u.variants.map((v) => v.value)).toEqual(['isotropic', 'power_law']);
    expect(u.variants[1].defaults).toEqual({ kind: 'power_law', beta: 0.5 });
    expect(currentVariant(u, { spectrum: { kind: 'power_law', beta: 0.2 } })?.value).toBe('power_law');
    const values = { spectrum: { kind: 'power_law', beta: 0.2 } };
    expect([...fieldPaths(fields, values)]).toContain('spectrum.kind');
    expect(textFields(fields, values).map((f) => f.path)).toContain('spectrum.beta');
    expect(textFields(fields, { spectrum: { kind: 'isotropic' } }).map((f) => f.path)).not.toContain('spectrum.beta');
  });

  it('collects the defaults the schema declares', () => {
    expect(schemaDefaults(schema)).toMatchObject({ d: 500, T: 10, loss: 'least_squares', lr: { policy: 'constant', gamma: 0.5 } });
  });

  it('follows local $refs', () => {
    const withRef = { type: 'object', properties: { lr: { $ref: '#/$defs/Lr' } }, $defs: { Lr: { type: 'object', properties: { gamma: { type: 'number', minimum: 0 } } } } };
    const f = buildFields(withRef);
    expect(f[0].type).toBe('object');
    expect(find(f, 'lr.gamma')).toMatchObject({ type: 'number', minimum: 0 });
  });
});

describe('text of a field', () => {
  const fields = buildFields(schema);
  const field = (path: string) => find(fields, path) as TextField;

  it('parses numbers, including scientific notation, and rejects the rest', () => {
    expect(parseFieldText(field('T'), '1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseFieldText(field('T'), ' 2.5 ')).toEqual({ ok: true, value: 2.5 });
    expect(parseFieldText(field('T'), 'abc')).toMatchObject({ ok: false });
    expect(parseFieldText(field('T'), '1e999')).toMatchObject({ ok: false });
    expect(parseFieldText(field('d'), '2.5')).toEqual({ ok: false, error: 'must be an integer' });
    expect(parseFieldText(field('d'), '')).toEqual({ ok: false, error: 'required' });
  });

  it('reads arrays of numbers from comma-separated text and writes them back', () => {
    expect(parseFieldText(field('eigs'), '1, 2.5,1e-2')).toEqual({ ok: true, value: [1, 2.5, 0.01] });
    expect(parseFieldText(field('eigs'), '')).toEqual({ ok: true, value: [] });
    expect(parseFieldText(field('eigs'), '1, x')).toEqual({ ok: false, error: 'item 2: "x" is not a number' });
    expect(formatFieldText(field('eigs'), [1, 2.5])).toBe('1, 2.5');
  });

  it('maps empty text to null for nullable fields and to absent for optional ones', () => {
    expect(parseFieldText(field('cap'), '')).toEqual({ ok: true, value: null });
    expect(parseFieldText(field('note'), '')).toEqual({ ok: true, value: undefined });
    expect(parseFieldText(field('note'), ' a b ')).toEqual({ ok: true, value: ' a b ' });
  });
});

describe('dotted paths and issue placement', () => {
  it('reads and writes nested values; undefined deletes', () => {
    const p: Record<string, unknown> = { lr: { gamma: 1 } };
    setPath(p, 'lr.gamma', 2);
    setPath(p, 'spectrum.kind', 'isotropic');
    expect(p).toEqual({ lr: { gamma: 2 }, spectrum: { kind: 'isotropic' } });
    expect(getPath(p, 'lr.gamma')).toBe(2);
    expect(getPath(p, 'lr.missing.deeper')).toBeUndefined();
    setPath(p, 'lr.gamma', undefined);
    expect(p.lr).toEqual({});
    expect(flattenParams({ a: 1, b: { c: [1, 2] } })).toEqual([
      ['a', 1],
      ['b.c', [1, 2]],
    ]);
  });

  it('puts each issue on its field, or the nearest enclosing one, and the rest in the summary', () => {
    const fields = buildFields(schema);
    const paths = fieldPaths(fields, { spectrum: { kind: 'isotropic' } });
    const placed = placeIssues(
      [
        { path: 'd', message: 'too small' },
        { path: 'eigs.3', message: 'not positive' },
        { path: 'eigs.4', message: 'eigs.4 must be a number' },
        { path: 'lr.gamma', message: 'too big' },
        { path: '', message: 'whole object' },
        { path: 'unknown', message: 'unrecognized key' },
      ],
      paths,
    );
    expect(placed.byPath.get('d')).toEqual(['too small']);
    expect(placed.byPath.get('eigs')).toEqual(['3: not positive', 'eigs.4 must be a number']);
    expect(placed.byPath.get('lr.gamma')).toEqual(['too big']);
    expect(placed.general.map((i) => i.message)).toEqual(['whole object', 'unrecognized key']);
  });
});

describe('seed and replicas inputs', () => {
  it('accepts empty (engine default) or whole numbers in range', () => {
    expect(parseIntegerInput('', 0, 10)).toEqual({ ok: true, value: undefined });
    expect(parseIntegerInput(' 7 ', 0, 10)).toEqual({ ok: true, value: 7 });
    expect(parseIntegerInput('11', 0, 10).ok).toBe(false);
    expect(parseIntegerInput('-1', 0, 10).ok).toBe(false);
    expect(parseIntegerInput('1.5', 0, 10).ok).toBe(false);
  });
});
