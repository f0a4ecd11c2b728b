/**
 * Output options of `run`, `export` and `sweep` are checked before anything starts: a bad one exits
 * 2 with one line naming the option, creates no library, stores no run and writes no file.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/cli/main.js';
import { TEXT_LIMITS } from '../../app/api.js';

const BIN = resolve('bin/limitlab.js');
const TINY = ['--set', 'd=50', '--set', 'T=1'];

let dir: string;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** A folder for one case, with a file `file` and a folder `folder.csv` in it. */
function caseDir(): string {
  const d = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(d, 'file'), 'x');
  mkdirSync(join(d, 'folder.csv'));
  return d;
}

function expectRefused(res: { code: number; out: string; err: string }, says: RegExp): void {
  expect(res.code, res.err).toBe(2);
  const lines = res.err.trim().split('\n');
  expect(lines, res.err).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(res.out).toBe('');
}

beforeAll(() => {
  if (!existsSync(resolve('dist/worker.cjs'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-outputs-'));
  chmodSync(dir, 0o777);
});

const long = (n: number) => 'x'.repeat(n);

/** [label, extra arguments of `run` (d = the case folder), what the line must say]. */
const RUN_CASES: [string, (d: string) => string[], RegExp][] = [
  ['--out into a missing folder', (d) => ['--out', join(d, 'missing', 'r.csv')], /^limitlab: --out .*r\.csv cannot be written: the folder .*missing does not exist$/],
  ['--out under a file', (d) => ['--out', join(d, 'file', 'r.csv')], /--out .* cannot be written: .*file is a file, not a folder/],
  ['--out two levels under a file', (d) => ['--out', join(d, 'file', 'a', 'r.json')], /is a file, not a folder/],
  ['--out onto a folder', (d) => ['--out', join(d, 'folder.csv')], /--out .*folder\.csv cannot be written: it is a folder/],
  ['--out with an empty name', () => ['--out', ''], /--out needs a file name/],
  ['--out with an unknown format', (d) => ['--out', join(d, 'r.docx')], /--out .*: unsupported format "\.docx"/],
  ['--out given twice for one file', (d) => ['--out', join(d, 'r.csv'), '--out', join(d, '.', 'r.csv')], /--out .*r\.csv is given twice/],
  ['--out onto the library file', (d) => ['--db', join(d, 'lib.json'), '--out', join(d, 'lib.json')], /--out .*lib\.json is the library file/],
  ['an unknown --series', (d) => ['--out', join(d, 'r.svg'), '--series', 'riks'], /--series "riks" is not a series of sgd-glm; it has: risk, /],
  ['a too long --series', (d) => ['--out', join(d, 'r.svg'), '--series', long(TEXT_LIMITS.series + 1)], /--series "x+…" \(65 characters\) is too long: at most 64 characters/],
  ['a too long --title', (d) => ['--out', join(d, 'r.svg'), '--title', long(TEXT_LIMITS.title + 1)], /--title .* is too long: at most 200 characters/],
  ['--width-mm out of range', (d) => ['--out', join(d, 'r.svg'), '--width-mm', '5'], /--width-mm = "5" is not allowed: expected a number in \[20, 500\]/],
  ['--height-mm empty', (d) => ['--out', join(d, 'r.pdf'), '--height-mm', ''], /--height-mm = "" is not allowed/],
  ['--font-size not a number', (d) => ['--out', join(d, 'r.svg'), '--font-size', 'abc'], /--font-size = "abc" is not allowed/],
  ['--scale out of range', (d) => ['--out', join(d, 'r.png'), '--scale', '0'], /--scale = "0" is not allowed/],
  ['--theme unknown', (d) => ['--out', join(d, 'r.svg'), '--theme', 'blue'], /--theme = "blue" is not allowed: expected light or dark/],
  ['--log-x with a value', (d) => ['--out', join(d, 'r.svg'), '--log-x=yes'], /option --log-x takes no value/],
  ['a figure option without a figure', (d) => ['--out', join(d, 'r.csv'), '--title', 'risk'], /--title shapes a figure: add --out FILE\.svg/],
  ['--series without any --out', () => ['--series', 'risk'], /--series shapes a figure/],
  ['a too long --name', () => ['--name', long(TEXT_LIMITS.name + 1)], /--name "x+…" \(201 characters\) is too long: at most 200 characters/],
];

describe('limitlab run: output options', () => {
  it.each(RUN_CASES)('refuses %s before the run starts: status 2, one line, no library, no file', async (_label, extra, says) => {
    const d = caseDir();
    const db = join(d, 'library.sqlite');
    const before = readdirSync(d).sort();
    const args = extra(d);
    const res = await cli('run', 'sgd-glm', ...TINY, ...(args.includes('--db') ? [] : ['--db', db]), ...args);
    expectRefused(res, says);
    expect(readdirSync(d).sort()).toEqual(before);
  });

  it('accepts a name of exactly the limit and stores it', async () => {
    const d = caseDir();
    const name = 'n'.repeat(TEXT_LIMITS.name);
    const res = await cli('run', 'sgd-glm', ...TINY, '--db', join(d, 'library.sqlite'), '--name', name, '--json');
    expect(res.code, res.err).toBe(0);
    expect(JSON.parse(res.out).name).toBe(name);
  });
});

describe('limitlab export: output options', () => {
  let db: string;
  let runId: string;

  beforeAll(async () => {
    db = join(mkdtempSync(join(dir, 'export-')), 'library.sqlite');
    const res = await cli('run', 'sgd-glm', ...TINY, '--db', db, '--json');
    expect(res.code, res.err).toBe(0);
    runId = JSON.parse(res.out).id;
  });

  const EXPORT_CASES: [string, (d: string) => string[], RegExp][] = [
    ['a second --out into a missing folder', (d) => ['--out', join(d, 'missing', 'r.json')], /the folder .* does not exist/],
    ['a second --out under a file', (d) => ['--out', join(d, 'file', 'r.limitlab')], /is a file, not a folder/],
    ['an --series the run does not have', (d) => ['--out', join(d, 'r.svg'), '--series', 'riks'], /--series "riks" is not a series of run [0-9a-z-]+; it has: risk/],
    ['--replicas that is neither lines nor band', (d) => ['--out', join(d, 'r.svg'), '--replicas', 'many'], /--replicas = "many" is not allowed: expected lines or band/],
    ['a too long --title', (d) => ['--out', join(d, 'r.pdf'), '--title', long(TEXT_LIMITS.title + 1)], /--title .* too long/],
  ];

  it.each(EXPORT_CASES)('refuses %s before writing any file, the good one included', async (_label, extra, says) => {
    const d = caseDir();
    const before = readdirSync(d).sort();
    const res = await cli('export', runId, '--db', db, '--out', join(d, 'good.csv'), ...extra(d));
    expectRefused(res, says);
    expect(readdirSync(d).sort()).toEqual(before);
  });

  it('writes every file when all options are good, as a check that the cases above fail for their reason', async () => {
    const d = caseDir();
    const res = await cli('export', runId, '--db', db, '--out', join(d, 'good.csv'), '--out', join(d, 'r.svg'), '--series', 'risk', '--replicas', 'band', '--title', 'risk');
    expect(res.code, res.err).toBe(0);
    expect(existsSync(join(d, 'good.csv')) && existsSync(join(d, 'r.svg'))).toBe(true);
  });
});

describe('limitlab sweep: options', () => {
  const SWEEP_CASES: [string, string[], RegExp][] = [
    ['a too long --name', ['--grid', 'd=50,60', '--name', long(TEXT_LIMITS.name + 1)], /--name .* too long: at most 200 characters/],
    ['a point out of range', ['--grid', 'd=50,1'], /sweep point d=1: d = 1 .*/],
    ['an unknown preset', ['--grid', 'd=50,60', '--preset', 'nope'], /unknown preset "nope"/],
    ['zip axes of different lengths', ['--zip', 'd=50,60', '--zip', 'T=1'], /zip needs lists of equal length/],
    ['an axis of more than 1000 values', ['--grid', `d=${Array.from({ length: 1001 }, (_, i) => 50 + i).join(',')}`], /--grid "d" has 1001 values: at most 1000/],
    ['more than 4 axes', ['--grid', 'd=50', '--grid', 'T=1', '--grid', 'noise=0', '--grid', 'init=1', '--grid', 'lr.gamma=1'], /at most 4 axes/],
    ['more than 1000 seeds', ['--seeds', Array.from({ length: 1001 }, (_, i) => i).join(',')], /--seeds lists 1001 seeds: at most 1000/],
  ];

  it.each(SWEEP_CASES)('refuses %s before anything is queued: status 2, one line, no library', async (_label, extra, says) => {
    const d = caseDir();
    const before = readdirSync(d).sort();
    const res = await cli('sweep', 'sgd-glm', ...TINY, '--db', join(d, 'library.sqlite'), ...extra);
    expectRefused(res, says);
    expect(readdirSync(d).sort()).toEqual(before);
  });
});

describe('permissions (as an unprivileged user when the tests run as root)', () => {
  const asRoot = process.getuid?.() === 0;

  function limitlab(args: string[]) {
    const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    return { code: res.status ?? -1, out: res.stdout, err: res.stderr };
  }

  it('refuses --out into a read-only folder and onto a read-only file before the run starts', () => {
    const d = caseDir();
    chmodSync(d, 0o777);
    const locked = join(d, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const readOnly = join(d, 'kept.csv');
    writeFileSync(readOnly, 'keep');
    chmodSync(readOnly, 0o444);
    const db = join(d, 'library.sqlite');
    expectRefused(limitlab(['run', 'sgd-glm', ...TINY, '--db', db, '--out', join(locked, 'r.csv')]), /--out .*r\.csv cannot be written: the folder .*locked is read-only/);
    expectRefused(limitlab(['run', 'sgd-glm', ...TINY, '--db', db, '--out', readOnly]), /--out .*kept\.csv cannot be written: the file is read-only/);
    expect(existsSync(db)).toBe(false);
  });
});
