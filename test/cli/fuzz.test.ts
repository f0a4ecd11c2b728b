/**
 * `limitlab run` under fuzzing: extreme and malformed values for parameters of every kind (chosen
 * with a fixed seed, a bounded number of invocations), reserved names, bad options and runs over
 * the cost limit each exit with status 2 and one line on stderr, print nothing on stdout and create
 * no library file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kinds } from '../../core/models/registry.js';
import { paramsJsonSchema } from '../../core/models/resolve-params.js';
import { seeded } from '../support/seeded.js';

const BIN = resolve('bin/limitlab.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('dist/cli.js is missing: build first with "npm run build"');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-cli-fuzz-'));
});

interface Outcome {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  folder: string;
}

/** One invocation with its own empty folder for the library. */
function limitlab(args: string[]): Promise<Outcome> {
  const folder = mkdtempSync(join(dir, 'case-'));
  const db = join(folder, 'library.sqlite');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LIMITLAB_DB: db } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => void (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => void (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ args, code, stdout, stderr, folder }));
  });
}

/** All invocations, two at a time (the machine may have two cores). */
async function runAll(cases: string[][]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const args = cases[next++]!;
      out.push(await limitlab(args));
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

function show(args: string[]): string {
  return args.map((a) => (a.length > 60 ? `${a.slice(0, 60)}…(${a.length} characters)` : a)).join(' ');
}

function expectRefusedAndNothingWritten(o: Outcome): void {
  const label = `limitlab ${show(o.args)}`;
  expect(o.code, `${label}\n${o.stderr.slice(0, 400)}`).toBe(2);
  expect(o.stdout, label).toBe('');
  expect(o.stderr.endsWith('\n'), `${label}: stderr ends its line`).toBe(true);
  expect(o.stderr.slice(0, -1), `${label}: one line`).not.toMatch(/\n/);
  expect(o.stderr.length, `${label}: a bounded line`).toBeLessThanOrEqual(1100);
  expect(o.stderr, label).toMatch(/^limitlab: /);
  expect(readdirSync(o.folder), `${label}: no library file`).toEqual([]);
}


/** Dotted paths of every leaf parameter, with whether it takes a list or free text (a file path, whose default is empty). */
function leavesOf(schema: Record<string, unknown>, prefix = ''): { path: string; list: boolean; text: boolean }[] {
  const props = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(props).flatMap(([key, node]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return node['type'] === 'object' && node['properties']
      ? leavesOf(node, path)
      : [{ path, list: node['type'] === 'array', text: node['type'] === 'string' && node['enum'] === undefined }];
  });
}

/** Values no parameter of any kind accepts (an empty value is a valid empty list or empty path, so lists and text skip it). */
const TOO_LONG = 'x'.repeat(100_000);
const BAD_VALUES = ['1e308', '-1e308', 'NaN', 'Infinity', '-Infinity', 'abc', '1,,2', '[[1]]', 'null', '{"a":1}', '0x', TOO_LONG];

function fuzzCases(perKind: number): string[][] {
  const rand = seeded(20261203);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const cases: string[][] = [];
  for (const kind of kinds) {
    const leaves = leavesOf(paramsJsonSchema(kind));
    for (let i = 0; i < perKind; i++) {
      const leaf = pick(leaves);
      // Free text (a file path) takes any string within its length limit: only an overlong one is bad there.
      const value = leaf.text ? TOO_LONG : pick(leaf.list ? BAD_VALUES : [...BAD_VALUES, '']);
      cases.push(['run', kind.id, '--set', `${leaf.path}=${value}`]);
    }
  }
  return cases;
}

const FIXED_CASES: string[][] = [
  ['run', 'sgd-glm', '--set', '__proto__=1'],
  ['run', 'sgd-glm', '--set', 'constructor.prototype=1'],
  ['run', 'sgd-glm', '--set', 'spectrum.__proto__.x=1'],
  ['run', 'sgd-glm', '--preset', 'constructor'],
  ['run', 'sgd-glm', '--preset', '__proto__'],
  ['run', 'gmm-sgd', '--set', 'classes=1000000000'],
  ['run', 'sgd-glm', '--set', 'spectrum.kind=custom', '--set', `spectrum.values=${new Array(20_000).fill('1e9').join(',')}`],
  ['run', 'sgd-glm', '--replicas', '0'],
  ['run', 'sgd-glm', '--replicas', '1e9'],
  ['run', 'sgd-glm', '--seed', '-1'],
  ['run', 'sgd-glm', '--set', 'd'],
  ['run', 'no-such-kind'],
  // In range but over the cost limit.
  ['run', 'sgd-glm', '--set', 'd=1000000', '--set', 'T=10000000'],
  ['run', 'sgd-glm', '--set', 'd=1000000', '--replicas', '1024'],
];

describe('limitlab run under fuzzing', () => {
  it('refuses every extreme or malformed invocation with exit 2, one line, and no library file', async () => {
    const cases = [...FIXED_CASES, ...fuzzCases(8)];
    expect(cases.length).toBeGreaterThanOrEqual(38);
    const outcomes = await runAll(cases);
    expect(outcomes).toHaveLength(cases.length);
    for (const o of outcomes) expectRefusedAndNothingWritten(o);
  }, 240_000);
});
