/**
 * The `limitlab` command as scripts use it: the built bin, a temporary library, --json documents,
 * exit status 2 on bad input with nothing written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
let dir: string;
let db: string;

function limitlab(...args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LIMITLAB_DB: db } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'limitlab-cli-'));
  db = join(dir, 'library.sqlite');
});

describe('limitlab run', () => {
  it('prints one JSON document with theory and simulation series and the full parameters', () => {
    const res = limitlab('run', 'sgd-glm', '--set', 'problem=least_squares', '--set', 'd=400', '--set', 'T=3', '--seed', '3', '--json');
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ kind: 'sgd-glm', seed: 3, params: { problem: 'least_squares', d: 400, T: 3 } });
    const sources = doc.series.filter((s: { name: string }) => s.name === 'risk').map((s: { source: string }) => s.source);
    expect(sources).toContain('theory');
    expect(sources).toContain('simulation');
    const theory = doc.series.find((s: { source: string }) => s.source === 'theory');
    expect(theory.x.length).toBe(theory.y.length);
    expect(typeof doc.scalars).toBe('object');
    expect(Array.isArray(doc.notes)).toBe(true);
  });

  it('gives bit-identical simulation output for the same seed', () => {
    const a = JSON.parse(limitlab('run', 'sgd-glm', '--set', 'd=150', '--set', 'T=2', '--seed', '42', '--replicas', '2', '--json').stdout);
    const b = JSON.parse(limitlab('run', 'sgd-glm', '--set', 'd=150', '--set', 'T=2', '--seed', '42', '--replicas', '2', '--json').stdout);
    const sim = (doc: { series: { source: string; y: number[] }[] }) => doc.series.filter((s) => s.source === 'simulation').map((s) => s.y);
    expect(a.id).not.toBe(b.id);
    expect(sim(a)).toEqual(sim(b));
  });

  it('writes CSV and JSON files with --out', () => {
    const csv = join(dir, 'risk.csv');
    const json = join(dir, 'risk.json');
    const res = limitlab('run', 'sgd-glm', '--set', 'd=100', '--set', 'T=1', '--out', csv, '--out', json);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('run_id,kind,series,source,label,replica,x,y,band_kind,band_lo,band_hi');
    expect(JSON.parse(readFileSync(json, 'utf8')).kind).toBe('sgd-glm');
  });

  it.each([
    [['run', 'no-such-kind'], /unknown kind "no-such-kind"/],
    [['run', 'sgd-glm', '--set', 'd=1'], /d = 1 .*≥ 2/],
    [['run', 'sgd-glm', '--set', 'd=abc'], /d = "abc" is malformed: expected an integer/],
    [['run', 'sgd-glm', '--set', 'nonsense=3'], /unknown parameter "nonsense"/],
    [['run', 'sgd-glm', '--set', 'spectrum.kind=cubic'], /spectrum\.kind .*one of/],
    [['run', 'sgd-glm', '--set', 'dd'], /malformed: expected key=value/],
    [['run', 'sgd-glm', '--seed', '-4'], /--seed/],
    [['run', 'sgd-glm', '--replicas', '0'], /--replicas/],
    [['run', 'sgd-glm', '--bogus'], /unknown option --bogus/],
    [['run', 'sgd-glm', '--preset', 'nope'], /unknown preset "nope"/],
    [['run', 'sgd-glm', '--out', 'x.docx'], /unsupported format/],
    [['run', 'sgd-glm', '--set', '__proto__.polluted=1'], /--set "__proto__\.polluted" uses the reserved name "__proto__"/],
    [['run', 'sgd-glm', '--set', 'lr.constructor=1'], /reserved name "constructor"/],
    [['run', 'sgd-glm', '--set', 'lr..gamma=1'], /empty segment/],
    [['run', 'sgd-glm', '--set', 'spectrum.nope.x=1'], /unknown parameter "spectrum\.nope\.x" for sgd-glm; known under spectrum: kind/],
    [['run', 'sgd-glm', '--preset', 'constructor'], /unknown preset "constructor"/],
    [['run', 'sgd-glm', '--set', 'spectrum.values=1,,2'], /spectrum\.values item 2 \(empty\) is malformed/],
  ])('rejects %j with status 2, one line naming the problem, and writes nothing', (args, pattern) => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'limitlab-bad-')), 'library.sqlite');
    const res = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LIMITLAB_DB: fresh } });
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(pattern);
    expect(res.stdout).toBe('');
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('limitlab list / show / export / kinds', () => {
  it('lists the runs as JSON and shows one', () => {
    const list = JSON.parse(limitlab('list', '--json').stdout);
    expect(list.runs.length).toBeGreaterThanOrEqual(3);
    expect(list.runs[0]).toMatchObject({ kind: 'sgd-glm', status: 'done' });
    const shown = JSON.parse(limitlab('show', list.runs[0].id, '--json').stdout);
    expect(shown.id).toBe(list.runs[0].id);
    expect(shown.series.length).toBeGreaterThan(0);
  });

  it('exports several runs to one long-format CSV', () => {
    const list = JSON.parse(limitlab('list', '--json').stdout);
    const out = join(dir, 'two.csv');
    expect(limitlab('export', list.runs[0].id, list.runs[1].id, '--out', out).code).toBe(0);
    const ids = new Set(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    expect(ids).toEqual(new Set([list.runs[0].id, list.runs[1].id]));
  });

  it('describes the kinds with parameters, defaults and presets', () => {
    const doc = JSON.parse(limitlab('kinds', '--json').stdout);
    const sgd = doc.kinds.find((k: { id: string }) => k.id === 'sgd-glm');
    expect(sgd.defaults).toMatchObject({ d: 1000, T: 10, noise: 0, init: 1, lr: { policy: 'constant', gamma: 1 } });
    expect(sgd.presets.length).toBeGreaterThan(0);
    expect(sgd.paramsSchema.properties.d).toBeDefined();
  });

  it('reports an unknown run id', () => {
    const res = limitlab('show', 'zzzzzzzz-00000000');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no run with id/);
  });
});

describe('a killed process', () => {
  it('leaves a readable library whose unfinished run is marked on next open', async () => {
    const killedDb = join(mkdtempSync(join(tmpdir(), 'limitlab-kill-')), 'library.sqlite');
    const child = spawn(process.execPath, [BIN, 'run', 'sgd-glm', '--set', 'd=4000', '--set', 'T=5000', '--db', killedDb], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((r) => child.stderr.on('data', (chunk: Buffer) => String(chunk).includes('%') && r()));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const res = spawnSync(process.execPath, [BIN, 'list', '--json', '--db', killedDb], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    const runs = JSON.parse(res.stdout).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('failed');
    expect(runs[0].error).toMatch(/interrupted/);
  });
});
