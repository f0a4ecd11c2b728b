import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkTablePath, syntheticTargetParams, tableDataParams } from '../../../core/models/kit/index.js';
import { AFTER_FIELD_CHECKS, num } from '../../../core/models/param-fields.js';

const schema = z
  .strictObject({
    target: syntheticTargetParams({ description: 'The target', kind: 'Which target', degree: { description: 'Hermite degree', default: 2, max: 6 } }),
    data: tableDataParams({ source: 'Which source', path: 'The CSV' }, { rows: num({ description: 'Rows', default: 10, min: 2, max: 100, int: true }) }),
  })
  .superRefine((p, ctx) => checkTablePath(p.data, ctx, 'a CSV with columns x, y'), AFTER_FIELD_CHECKS);

function messages(input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the target and data parameter groups of the kit', () => {
  it('default as a whole and field by field, with the kind\'s extra fields after the shared ones', () => {
    const all = { target: { kind: 'linear', degree: 2 }, data: { source: 'synthetic', path: '', rows: 10 } };
    expect(schema.parse({})).toEqual(all);
    expect(schema.parse({ target: { kind: 'teacher' }, data: { rows: 3 } })).toEqual({ target: { kind: 'teacher', degree: 2 }, data: { ...all.data, rows: 3 } });
    expect(Object.keys(schema.shape.data.unwrap().shape)).toEqual(['source', 'path', 'rows']);
    expect(schema.shape.data.description).toBe('Where the data come from');
    expect(schema.shape.target.description).toBe('The target');
  });

  it('refuses a degree outside 1..max, an unknown target or source, and a path over 4096 characters', () => {
    expect(messages({ target: { degree: 7 } })).toEqual(['target.degree: must be an integer >= 1 and <= 6']);
    expect(messages({ target: { degree: 0 } })).toEqual(['target.degree: must be an integer >= 1 and <= 6']);
    expect(messages({ target: { kind: 'cubic' } })).toHaveLength(1);
    expect(messages({ data: { source: 'url' } })).toHaveLength(1);
    expect(messages({ data: { path: 'x'.repeat(4097) } })).toHaveLength(1);
    expect(messages({ data: { path: 'x'.repeat(4096) } })).toEqual([]);
  });

  it('refuses a file source without a path (blank counts as none), in the kind\'s words', () => {
    expect(messages({ data: { source: 'file' } })).toEqual(['data.path: data.source = file needs data.path (a CSV with columns x, y)']);
    expect(messages({ data: { source: 'file', path: ' \t' } })).toEqual(['data.path: data.source = file needs data.path (a CSV with columns x, y)']);
    expect(messages({ data: { source: 'file', path: 'a.csv' } })).toEqual([]);
    const plain = z.strictObject({ data: tableDataParams({ source: 's', path: 'p' }) }).superRefine((p, ctx) => checkTablePath(p.data, ctx));
    expect(plain.safeParse({ data: { source: 'file' } }).error?.issues[0]?.message).toBe('data.source = file needs data.path (a CSV file)');
  });
});
