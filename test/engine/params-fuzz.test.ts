/**
 * No single `params:validate` request can take the engine down: every leaf parameter of every
 * registered kind, given extreme and malformed values through the service API (as the browser
 * host and the Electron main process call it), comes back as "valid" or as issues naming a
 * parameter, never as a thrown error, and the whole fuzz finishes within the test's timeout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParamIssue } from '../../app/api.js';
import { openLibrary } from '../../app/engine/library/db.js';
import type { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import { kinds } from '../../core/models/registry.js';
import { paramsJsonSchema } from '../../core/models/resolve-params.js';
import { seeded } from '../support/seeded.js';

type Json = Record<string, unknown>;

/** Validation never reaches the pool; a run that did would fail this test loudly. */
const noPool = {
  threads: 1,
  run: () => {
    throw new Error('params:validate must not start a job');
  },
} as unknown as JobPool;

let service: EngineService;
let close: () => void;
beforeAll(async () => {
  const db = await openLibrary(join(mkdtempSync(join(tmpdir(), 'limitlab-fuzz-')), 'library.sqlite'));
  service = new EngineService(db, noPool);
  close = () => db.close();
});
afterAll(() => close());

interface Leaf {
  path: string;
  list: boolean;
}

/** Every leaf (non-object) parameter of a JSON schema, with whether it takes a list. */
function leavesOf(schema: Json, prefix = ''): Leaf[] {
  const props = (schema['properties'] ?? {}) as Record<string, Json>;
  const out: Leaf[] = [];
  for (const [key, node] of Object.entries(props)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (node['type'] === 'object' && node['properties']) out.push(...leavesOf(node, path));
    else out.push({ path, list: node['type'] === 'array' });
  }
  return out;
}

/** The input that sets `value` at `path` (every level its own object). */
function at(path: string, value: unknown): Json {
  const keys = path.split('.');
  let node: unknown = value;
  for (let i = keys.length - 1; i >= 0; i--) node = { [keys[i]!]: node };
  return node as Json;
}

function deepObject(depth: number): Json {
  let node: Json = { leaf: 1 };
  for (let i = 0; i < depth; i++) node = { nested: node };
  return node;
}

function deepArray(depth: number): unknown[] {
  let node: unknown[] = [1];
  for (let i = 0; i < depth; i++) node = [node];
  return node;
}


/** Values every leaf is tried with: extremes, non-numbers, wrong types, huge and deep inputs. */
const FIXED_VALUES: [string, unknown][] = [
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['1e9', 1e9],
  ['-1e9', -1e9],
  ['2^53 + 2', 2 ** 53 + 2],
  ['5e-324', 5e-324],
  ['-0', -0],
  ['0.5', 0.5],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['NaN', Number.NaN],
  ['"NaN"', 'NaN'],
  ['"1e9"', '1e9'],
  ['"Infinity"', 'Infinity'],
  ['""', ''],
  ['a string of 100 kB', 'x'.repeat(100_000)],
  ['null', null],
  ['true', true],
  ['false', false],
  ['{}', {}],
  ['[]', []],
  ['an array of 10^5 numbers', new Array<number>(100_000).fill(1e9)],
  ['an array of 10^4 nulls', new Array<null>(10_000).fill(null)],
  ['an array of 10^3 strings of 100 characters', new Array<string>(1_000).fill('y'.repeat(100))],
  ['an array nested 2000 deep', deepArray(2000)],
  ['an object nested 2000 deep', deepObject(2000)],
  ['{ "__proto__": { "polluted": 1 } }', JSON.parse('{"__proto__":{"polluted":1}}')],
  ['{ "constructor": { "prototype": 1 } }', { constructor: { prototype: 1 } }],
  ['[1, "a", null, {}]', [1, 'a', null, {}]],
];

/** What list parameters are also tried with: a million entries, good or bad, and one entry too many. */
const LIST_VALUES: [string, unknown][] = [
  ['10^6 numbers out of range', new Array<number>(1_000_000).fill(1e9)],
  ['10^6 nulls', new Array<null>(1_000_000).fill(null)],
  ['10^6 + 1 ones', new Array<number>(1_000_001).fill(1)],
  ['10^6 ones', new Array<number>(1_000_000).fill(1)],
];

/** Random extra values: numbers of every magnitude and sign, short random strings. */
function randomValues(rand: () => number, count: number): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (let i = 0; i < count; i++) {
    if (rand() < 0.7) {
      const value = (rand() < 0.5 ? -1 : 1) * 10 ** (rand() * 616 - 308) * (rand() < 0.2 ? 1 : rand());
      out.push([String(value), rand() < 0.3 ? Math.round(value) : value]);
    } else {
      const text = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => String.fromCharCode(32 + Math.floor(rand() * 95))).join('');
      out.push([JSON.stringify(text), text]);
    }
  }
  return out;
}

/** Whole inputs that are not one leaf, each refused: reserved keys at the top and inside groups, huge key counts. */
function wholeInputs(kindLeaves: Leaf[]): [string, Json][] {
  const groups = [...new Set(kindLeaves.filter((l) => l.path.includes('.')).map((l) => l.path.split('.')[0]!))];
  const manyKeys: Json = {};
  for (let i = 0; i < 20_000; i++) manyKeys[`k${i}`] = i;
  const out: [string, Json][] = [
    ['{ "constructor": 1 }', { constructor: 1 }],
    ['{ "prototype": 1 }', { prototype: 1 }],
    ['20 000 unknown keys', manyKeys],
    ['an object nested 2000 deep', deepObject(2000)],
  ];
  for (const group of groups) {
    out.push([`{ "${group}": { "__proto__": { "x": 1 } } }`, JSON.parse(`{"${group}":{"__proto__":{"x":1}}}`)]);
    out.push([`{ "${group}": "a string of 100 kB" }`, { [group]: 'z'.repeat(100_000) }]);
  }
  return out;
}

function expectIssuesOrValid(label: string, result: unknown): void {
  expect(Array.isArray(result), `${label}: an array of issues`).toBe(true);
  for (const issue of result as ParamIssue[]) {
    expect(typeof issue.path, `${label}: issue path`).toBe('string');
    expect(typeof issue.message, `${label}: issue message`).toBe('string');
  }
}

async function validate(kind: string, params: Json, label: string): Promise<ParamIssue[]> {
  let result: unknown;
  try {
    result = await service.call('params:validate', { kind, params });
  } catch (error) {
    throw new Error(`${label}: params:validate threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error)}`);
  }
  expectIssuesOrValid(label, result);
  return result as ParamIssue[];
}

describe('params:validate under fuzzing (every leaf of every kind)', () => {
  it('has kinds and leaves to fuzz', () => {
    expect(kinds.length).toBeGreaterThanOrEqual(3);
    for (const kind of kinds) expect(leavesOf(paramsJsonSchema(kind)).length, kind.id).toBeGreaterThan(5);
  });

  for (const kind of kinds) {
    it(
      `answers every extreme or malformed value of every ${kind.id} parameter with issues or "valid", never an error`,
      async () => {
        const rand = seeded(0x9e3779b9 ^ kind.id.length);
        const leaves = leavesOf(paramsJsonSchema(kind));
        let refused = 0;
        let tried = 0;
        for (const { path, list } of leaves) {
          for (const [name, value] of [...FIXED_VALUES, ...(list ? LIST_VALUES : []), ...randomValues(rand, 4)]) {
            const issues = await validate(kind.id, at(path, value), `${kind.id} ${path} = ${name}`);
            tried++;
            if (issues.length) refused++;
          }
        }
        for (const [name, params] of wholeInputs(leaves)) {
          const issues = await validate(kind.id, params, `${kind.id} ${name}`);
          expect(issues.length, `${kind.id} ${name} is refused`).toBeGreaterThan(0);
        }
        // A top-level "__proto__" key must not reach any prototype, whatever the answer.
        await validate(kind.id, JSON.parse('{"__proto__":{"polluted":1,"d":3}}') as Json, `${kind.id} { "__proto__": { "polluted": 1 } }`);
        // Most of these values are out of range or of the wrong type for any parameter.
        expect(refused).toBeGreaterThan(tried / 2);
        // The engine is still healthy: a plain call works and the prototype is clean.
        expect(await validate(kind.id, {}, `${kind.id} defaults`)).toEqual([]);
        expect(({} as Json)['polluted']).toBeUndefined();
        expect(({} as Json)['x']).toBeUndefined();
        expect(await service.call('kinds:list')).toHaveLength(kinds.length);
      },
      120_000,
    );
  }

  it('refuses gmm-sgd classes = 1e9 and 1e8 by their range alone', async () => {
    for (const classes of [1e9, 1e8]) {
      const issues = await validate('gmm-sgd', { classes }, `classes = ${classes}`);
      expect(issues).toEqual([{ path: 'classes', message: `classes = ${classes} is not allowed: expected an integer ≥ 2 and ≤ 1024` }]);
    }
  });
});
