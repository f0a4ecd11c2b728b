/**
 * nngp-gp on own data: a CSV table (x1..xd, y, optional split) handed in as `ctx.inputs.data`,
 * checked against the parameters with one line naming the column or row.
 */
import { describe, expect, it } from 'vitest';
import type { TableDataset } from '../../../core/models/kit/dataset.js';
import type { RunResult } from '../../../core/models/model-kind.js';
import { nngpGp } from '../../../core/models/nngp-gp/index.js';
import { runKind } from '../../../core/models/run-kind.js';
import { createRng } from '../../../core/numerics/rng.js';
import { ctx } from './ctx.js';

/** rows points on the sphere √d S^{d−1}, y = x1 + noise, optionally a split column. */
function table(d: number, rows: number, opts: { split?: string[]; drop?: string; noise?: number } = {}): TableDataset {
  const rng = createRng(42);
  const cols = Array.from({ length: d }, () => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const z = Array.from({ length: d }, () => rng.normal());
    for (const v of z) s += v * v;
    for (let k = 0; k < d; k++) cols[k]![r] = (z[k]! * Math.sqrt(d)) / Math.sqrt(s);
    y[r] = cols[0]![r]! + (opts.noise ?? 0) * rng.normal();
  }
  const columns = [...cols.map((values, k) => ({ name: `x${k + 1}`, values })), { name: 'y', values: y }].filter((c) => c.name !== opts.drop);
  return { type: 'table', columns, rows, ...(opts.split ? { textColumns: [{ name: 'split', values: opts.split }] } : {}) };
}

const input = nngpGp.inputs![0]!;
const fileParams = (over: Record<string, unknown> = {}) =>
  nngpGp.params.parse({ d: 4, P: 128, P_min: 8, P_points: 5, test_size: 100, activation: 'erf', noise: 0.01, data: { source: 'file', path: 'data.csv' }, ...over });

describe('nngp-gp own data (dataset contract)', () => {
  it('reads the table only when data.source = file, as CSV with a text split column', () => {
    expect(input.name).toBe('data');
    expect(input.pathParam).toBe('data.path');
    expect(input.accepts).toEqual(['csv']);
    expect(input.textColumns).toEqual(['split']);
    expect(input.used(fileParams())).toBe(true);
    expect(input.used(nngpGp.params.parse({}))).toBe(false);
    expect(() => nngpGp.params.parse({ data: { source: 'file' } })).toThrow(/data\.path/);
  });

  it('refuses a missing y, a d that disagrees with the file, too few rows and a bad split, naming the column or row', () => {
    const p = fileParams();
    expect(input.check!(p, table(4, 300))).toBeNull();
    expect(input.check!(p, table(4, 300, { drop: 'y' }))).toMatch(/no column "y"/);
    expect(input.check!(p, table(3, 300))).toMatch(/no column "x4" although d = 4/);
    expect(input.check!(p, table(5, 300))).toMatch(/5 input columns x1\.\.x5 but d = 4/);
    expect(input.check!(p, table(4, 200))).toMatch(/200 rows, fewer than P \+ test_size = 228/);
    const split: string[] = Array.from({ length: 300 }, (_, i) => (i < 250 ? 'train' : 'test'));
    expect(input.check!(p, table(4, 300, { split }))).toBeNull();
    split[17] = 'validation';
    expect(input.check!(p, table(4, 300, { split }))).toMatch(/row 19, column "split": "validation"/);
    const few = Array.from({ length: 300 }, (_, i) => (i < 100 ? 'train' : 'test'));
    expect(input.check!(p, table(4, 300, { split: few }))).toMatch(/100 train rows, fewer than P = 128/);
    expect(input.check!(p, { type: 'images', width: 1, height: 1, channels: 1, images: [] })).toMatch(/CSV table/);
  });

  it('runs on the table: Nyström theory on its rows beside GP regression on seeded random splits', () => {
    const data = table(4, 450, { noise: 0.1 });
    const p = fileParams();
    const run = (seed: number): RunResult => runKind(nngpGp, p, { ...ctx(seed, 4), inputs: { data } });
    const r = run(3);
    expect(r.scalars.theory_rows).toBe(450);
    // target power: E y² over the rows (the Nyström coefficients exhaust it)
    let y2 = 0;
    for (const v of data.columns.find((c) => c.name === 'y')!.values) y2 += (v * v) / 450;
    expect(Math.abs(r.scalars.target_power! - y2)).toBeLessThan(1e-12);
    const rr = r.series.find((s) => s.name === 'test_error' && s.source === 'theory' && s.label === 'renormalised ridge')!;
    const gp = r.series.find((s) => s.name === 'test_error' && s.source === 'empirical' && s.replica === undefined)!;
    // test labels carry noise 0.01: both curves sit above it and the theory follows the samples within 35 %
    for (let i = 0; i < gp.x.length; i++) expect(Math.abs(rr.y[i]! - gp.y[i]!) / gp.y[i]!).toBeLessThan(0.35);
    const replica0 = (res: RunResult) => Array.from(res.series.find((s) => s.name === 'test_error' && s.source === 'empirical' && s.replica === 0)!.y);
    expect(replica0(run(3))).toEqual(replica0(r));
  });

  it('a split column fixes the training and test rows: at P = all train rows every replica sees the same set', () => {
    const split = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'test' : 'train'));
    const data = table(4, 300, { split, noise: 0.1 });
    const p = fileParams({ P: 200, P_points: 3 });
    const r = runKind(nngpGp, p, { ...ctx(9, 3), inputs: { data } });
    const reps = r.series.filter((s) => s.name === 'test_error' && s.source === 'empirical' && s.replica !== undefined);
    expect(reps.length).toBe(3);
    const last = reps.map((s) => s.y[s.y.length - 1]!);
    for (const v of last) expect(Math.abs(v - last[0]!)).toBeLessThan(1e-10 * last[0]!);
    // smaller P: different subsets of the train rows
    expect(reps[0]!.y[0]).not.toBe(reps[1]!.y[0]);
  });

  it('the Nyström theory on a table of sphere points approaches the Funk–Hecke theory of synthetic data (within 8 % at 500 rows)', () => {
    const data = table(4, 500);
    const base = { d: 4, P_min: 4, P: 160, P_points: 5, activation: 'relu', noise: 0.01, gpr_max_P: 1 };
    const file = nngpGp.runPart(nngpGp.params.parse({ ...base, test_size: 100, data: { source: 'file', path: 'x.csv' } }), { role: 'theory' }, { ...ctx(1, 0), inputs: { data } });
    const synthetic = nngpGp.runPart(nngpGp.params.parse(base), { role: 'theory' }, ctx(1, 0));
    // EK is left out: it depends on the eigenvalues near σ̃²/P, far down the spectrum, where the
    // Nyström estimate from 500 rows converges slowest; the renormalised ridge depends on κ_eff/P ≫ σ̃²/P.
    for (const label of ['renormalised ridge']) {
      const a = file.series.find((q) => q.name === 'test_error' && q.label === label)!;
      const b = synthetic.series.find((q) => q.name === 'test_error' && q.label === label)!;
      for (let i = 0; i < a.y.length; i++) expect(Math.abs(a.y[i]! / b.y[i]! - 1), `${label} at P = ${a.x[i]}`).toBeLessThan(0.08);
    }
    expect(Math.abs(file.scalars.kappa_eff! / synthetic.scalars.kappa_eff! - 1)).toBeLessThan(0.08);
  });
});
