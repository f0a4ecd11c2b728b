/**
 * Parameter paths from users never reach a prototype, and list items are never coerced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findReservedKey, getAtPath, pathProblem, setAtPath } from '../../../core/models/param-paths.js';
import { deepMerge, paramsJsonSchema, parseParamValue, resolveParams, setPath } from '../../../core/models/resolve-params.js';
import { kinds } from '../../../core/models/registry.js';
import type { ModelKind } from '../../../core/models/model-kind.js';
import { getPath as formGetPath, setPath as formSetPath } from '../../../renderer/src/form/paths.js';

const probe = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // A failing case must not leak into the next one.
  delete (Object.prototype as Record<string, unknown>)['polluted'];
});

describe('reserved path segments', () => {
  it.each(['__proto__.polluted', 'constructor.prototype.polluted', 'a.prototype', 'lr.__proto__', 'constructor'])(
    'refuses %s and leaves Object.prototype alone',
    (path) => {
      expect(pathProblem(path)).toMatch(/reserved name/);
      expect(() => setAtPath({}, path, 1)).toThrow(/reserved name/);
      expect(() => setPath({}, path, 1)).toThrow(/reserved name/);
      expect(() => formSetPath({}, path, 1)).toThrow(/reserved name/);
      expect(probe()['polluted']).toBeUndefined();
    },
  );

  it('refuses empty segments', () => {
    expect(pathProblem('')).toMatch(/empty/);
    expect(pathProblem('lr..gamma')).toMatch(/empty segment/);
  });

  it('reads own properties only: inherited names are missing, not functions', () => {
    expect(getAtPath({}, 'toString')).toBeUndefined();
    expect(getAtPath({ a: {} }, 'a.hasOwnProperty')).toBeUndefined();
    expect(formGetPath({}, 'constructor')).toBeUndefined();
    expect(getAtPath({ lr: { gamma: 0.5 } }, 'lr.gamma')).toBe(0.5);
  });

  it('writes ordinary nested paths as before', () => {
    const target: Record<string, unknown> = { lr: 3 };
    setAtPath(target, 'lr.gamma', 0.5);
    setAtPath(target, 'spectrum.beta', 0.4);
    expect(target).toEqual({ lr: { gamma: 0.5 }, spectrum: { beta: 0.4 } });
  });

  it('finds a reserved key made own by JSON.parse, at any depth', () => {
    expect(findReservedKey(JSON.parse('{"lr":{"__proto__":{"polluted":1}}}'))).toBe('lr.__proto__');
    expect(findReservedKey({ a: [{ constructor: 1 }] })).toBe('a.0.constructor');
    expect(findReservedKey({ lr: { gamma: 1 } })).toBeNull();
  });

  it('deepMerge keeps a "__proto__" key as data, never as the prototype', () => {
    const merged = deepMerge({}, JSON.parse('{"__proto__":{"polluted":1}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(probe()['polluted']).toBeUndefined();
  });
});

describe.each(kinds.map((k) => [k.id, k] as const))('%s: resolveParams with reserved names', (_id, kind) => {
  const k = kind as ModelKind<unknown>;

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses --preset %s as an unknown preset', (name) => {
    const res = resolveParams(k, { preset: name });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues[0]!.message).toMatch(new RegExp(`unknown preset "${name}"`));
  });

  it.each([
    ['{"__proto__":{"polluted":1}}', '__proto__'],
    ['{"constructor":{"prototype":{"polluted":1}}}', 'constructor'],
    ['{"__proto__":1}', '__proto__'],
  ])('refuses params %s naming the key, and pollutes nothing', (json, key) => {
    const res = resolveParams(k, { params: JSON.parse(json) });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues[0]!.path.split('.')[0]).toBe(key);
    expect(probe()['polluted']).toBeUndefined();
    expect(resolveParams(k, {}).ok).toBe(true);
  });
});

describe('list items are refused, not coerced', () => {
  const kind = kinds.find((k) => k.id === 'sgd-glm') as ModelKind<unknown>;
  const schema = paramsJsonSchema(kind);
  const path = 'spectrum.values';

  it.each([
    ['1,,2', /item 2 \(empty\)/],
    ['1, ,2', /item 2 \(empty\)/],
    ['1,2,', /item 3 \(empty\)/],
    ['[1,null,2]', /item 2 \(null\)/],
    ['[true,1]', /item 1 \(true\)/],
    ['[[1],2]', /item 1 \(\[1\]\)/],
    ['[{"a":1}]', /item 1/],
    ['1,abc', /item 2 \("abc"\)/],
    ['1,Infinity', /item 2/],
  ])('%s is malformed, naming the item', (raw, message) => {
    const res = parseParamValue(schema, path, raw);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.message).toMatch(message);
      expect(res.message).toMatch(/^spectrum\.values item/);
    }
  });

  it.each([
    ['1,2,3', [1, 2, 3]],
    [' 1 , 2.5 ', [1, 2.5]],
    ['[1,2e-3]', [1, 0.002]],
    ['', []],
  ])('%s parses to its numbers', (raw, expected) => {
    expect(parseParamValue(schema, path, raw)).toEqual({ ok: true, value: expected });
  });
});
