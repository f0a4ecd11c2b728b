/**
 * The figure options of `limitlab run` and `limitlab export` (--legend, --xlim, --ylim, --preset,
 * --panels, --letters, --xlabel, --ylabel, --dpi) are checked with the other output options
 * before a run starts or a file is written; good ones reach the files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/cli/main.js';
import { pngDensity } from '../../app/engine/export/file-units.js';
import { readPdf } from '../support/pdf.js';

const TINY = ['--set', 'd=40', '--set', 'T=1', '--set', 'grid=20'];
let dir: string;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function expectRefused(res: { code: number; out: string; err: string }, says: RegExp): void {
  expect(res.code, res.err).toBe(2);
  const lines = res.err.trim().split('\n');
  expect(lines, res.err).toHaveLength(1);
  expect(lines[0]).toMatch(says);
}

beforeAll(() => {
  if (!existsSync(resolve('dist/worker.cjs'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-figure-options-'));
});

/** [label, extra arguments of `run` (f = a figure file in the case folder), what the line must say]. */
const RUN_CASES: [string, (f: string) => string[], RegExp][] = [
  ['an unknown --legend', (f) => ['--out', f, '--legend', 'sideways'], /--legend = "sideways" is not allowed: expected one of auto, upper-right, .*, below, none$/],
  ['reversed --xlim', (f) => ['--out', f, '--xlim', '2,1'], /--xlim = "2,1" is not allowed: LO must be below HI/],
  ['a --ylim that is not numbers', (f) => ['--out', f, '--ylim', 'low,high'], /--ylim = "low,high" is not allowed: LO and HI must be numbers/],
  ['a --ylim of one number', (f) => ['--out', f, '--ylim', '3'], /--ylim = "3" is not allowed: expected LO,HI/],
  ['a --ylim reaching 0 on a log axis', (f) => ['--out', f, '--log-y', '--ylim', '0,1'], /--ylim = "0,1" is not allowed: limits on a log axis \(--log-y\) must be positive/],
  ['--panels 0x2', (f) => ['--out', f, '--panels', '0x2'], /--panels = "0x2" is not allowed: rows and columns from 1 to 6/],
  ['--panels too small for the series', (f) => ['--out', f, '--panels', '1x1', '--series', 'risk,lr'], /--panels 1x1 holds 1 panels; the figure has 2/],
  ['an empty name in --series', (f) => ['--out', f, '--series', 'risk,,lr'], /--series "risk,,lr" names an empty series/],
  ['an unknown --figure-preset', (f) => ['--out', f, '--figure-preset', 'huge'], /--figure-preset = "huge" is not allowed: expected one of single, double, slide, poster/],
  ['--dpi below 72', (f) => ['--out', f, '--dpi', '50'], /--dpi = "50" is not allowed: expected a number in \[72, 1200\]/],
  ['--dpi with --scale', (f) => ['--out', f, '--dpi', '300', '--scale', '2'], /--dpi and --scale both set the PNG density: give one/],
  ['a too long --xlabel', (f) => ['--out', f, '--xlabel', 'x'.repeat(201)], /--xlabel .* is too long: at most 200 characters/],
  ['--letters without a figure', (f) => ['--out', f.replace(/\.svg$/, '.csv'), '--letters'], /--letters shapes a figure: add --out FILE\.svg/],
];

describe('limitlab run: figure options', () => {
  it.each(RUN_CASES)('refuses %s before the run starts: status 2, one line, no library, no file', async (_label, extra, says) => {
    const d = mkdtempSync(join(dir, 'case-'));
    const res = await cli('run', 'sgd-glm', ...TINY, '--db', join(d, 'library.sqlite'), ...extra(join(d, 'r.svg')));
    expectRefused(res, says);
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('limitlab export: figure options', () => {
  let db: string;
  const ids: string[] = [];

  beforeAll(async () => {
    db = join(mkdtempSync(join(dir, 'export-')), 'library.sqlite');
    for (const seed of ['1', '2']) {
      const res = await cli('run', 'sgd-glm', ...TINY, '--seed', seed, '--replicas', '2', '--db', db, '--json');
      expect(res.code, res.err).toBe(0);
      ids.push(JSON.parse(res.out).id);
    }
  });

  it('refuses an unknown --preset and a grid too small for its runs before writing anything', async () => {
    const d = mkdtempSync(join(dir, 'case-'));
    expectRefused(await cli('export', ...ids, '--db', db, '--out', join(d, 'f.pdf'), '--preset', 'a4'), /--preset = "a4" is not allowed: expected one of single, double, slide, poster/);
    expectRefused(await cli('export', ...ids, '--db', db, '--out', join(d, 'f.pdf'), '--panels', '1x3', '--series', 'risk,lr'), /--panels 1x3 holds 3 panels; the figure has 4/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('draws a 2×2 figure of two runs and two observables with letters, in every format, at the preset size', async () => {
    const d = mkdtempSync(join(dir, 'case-'));
    const files = ['f.svg', 'f.pdf', 'f.png'].map((f) => join(d, f));
    const res = await cli(
      'export', ...ids, '--db', db, ...files.flatMap((f) => ['--out', f]),
      '--series', 'risk,lr', '--panels', '2x2', '--letters', '--preset', 'double', '--legend', 'below', '--dpi', '300',
      '--xlabel', 'steps per dimension', '--ylim', ',5',
    );
    expect(res.code, res.err).toBe(0);
    const svg = readFileSync(files[0]!, 'utf8');
    expect(svg).toMatch(/<svg[^>]* width="174mm" height="119mm"/);
    for (const letter of ['(a)', '(b)', '(c)', '(d)']) expect(svg).toContain(letter);
    expect(svg).toContain('steps per dimension');
    const pdf = await readPdf(readFileSync(files[1]!));
    for (const letter of ['(a)', '(b)', '(c)', '(d)']) expect(pdf.text).toContain(letter);
    const png = readFileSync(files[2]!);
    expect(pngDensity(png)?.x).toBeCloseTo(300, 0);
    expect((png.readUInt32BE(16) / 300) * 25.4).toBeCloseTo(174, 0);
  });
});
