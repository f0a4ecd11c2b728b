/**
 * linear-net-scaling on the user's own data: a CSV table (header; x1..xd, y, optional split)
 * checked against the parameters with one line naming the column or row, and run end to end in
 * the kind (the engine hands the parsed table to every part as ctx.inputs.data).
 */
import { describe, expect, it } from 'vitest';
import type { TableDataset } from '../../../core/models/kit/dataset.js';
import { checkTable, syntheticData, tableData } from '../../../core/models/linear-net-scaling/data.js';
import { linearNetScaling } from '../../../core/models/linear-net-scaling/index.js';
import { linearNetScalingParams } from '../../../core/models/linear-net-scaling/params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

function table(columns: Record<string, number[]>): TableDataset {
  const cols = Object.entries(columns).map(([name, v]) => ({ name, values: Float64Array.from(v) }));
  return { type: 'table', columns: cols, rows: cols[0]!.values.length };
}

/** A table of `rows` rows with inputs x1..xd and y = x1 − x2 (+ a split column when given). */
function linearTable(d: number, rows: number, split?: number[]): TableDataset {
  const cols: Record<string, number[]> = {};
  for (let k = 1; k <= d; k++) cols[`x${k}`] = Array.from({ length: rows }, (_, r) => Math.sin(1.3 * r * k + k));
  cols['y'] = Array.from({ length: rows }, (_, r) => cols['x1']![r]! - (d > 1 ? cols['x2']![r]! : 0));
  if (split) cols['split'] = split;
  return table(cols);
}

const base = (over: Record<string, unknown>) => linearNetScalingParams.parse({ data: { source: 'file', path: 'mine.csv' }, ...over });

describe('linear-net-scaling own data', () => {
  it('refuses a missing y column, a d that disagrees, too few rows and a bad split, naming the column or row', () => {
    const p = { d: 3, P: 10, test_size: 5 };
    expect(checkTable(p, table({ x1: [1], x2: [2], x3: [3] }))).toMatch(/no column "y"/);
    expect(checkTable(p, linearTable(4, 20))).toMatch(/4 input columns \(x1\.\.x4\), d = 3/);
    expect(checkTable(p, table({ x1: [1], x3: [1], x2: [1], x5: [1], y: [1] }))).toMatch(/column "x4" is missing/);
    expect(checkTable(p, table({ x1: [1], x2: [1], x3: [1], y: [1], z: [1] }))).toMatch(/column "z"/);
    expect(checkTable(p, linearTable(3, 14))).toMatch(/14 rows, P \+ test_size = 15/);
    expect(checkTable(p, linearTable(3, 15))).toBeNull();
    const split: number[] = Array.from({ length: 20 }, (_, r) => (r < 12 ? 1 : 0));
    expect(checkTable(p, linearTable(3, 20, split))).toBeNull();
    expect(checkTable({ ...p, P: 13 }, linearTable(3, 20, split))).toMatch(/12 train rows .*P = 13/);
    expect(checkTable({ ...p, test_size: 9 }, linearTable(3, 20, split))).toMatch(/8 test rows .*test_size = 9/);
    split[6] = 2;
    expect(checkTable(p, linearTable(3, 20, split))).toMatch(/row 8, column "split": 2 is neither train/);
    // The kind's declared input gives the same answers.
    const spec = linearNetScaling.inputs!.find((i) => i.name === 'data')!;
    expect(spec.pathParam).toBe('data.path');
    expect(spec.textColumns).toEqual(['split']);
    expect(spec.used(base({ d: 3, P: 10, test_size: 5 }))).toBe(true);
    expect(spec.used(linearNetScalingParams.parse({}))).toBe(false);
    expect(spec.check!(base({ d: 3, P: 10, test_size: 5 }), linearTable(3, 14))).toMatch(/14 rows/);
  });

  it('reads a split column of train | test words (a declared text column) as the numeric 1 | 0 one, and names a bad word', () => {
    const p = base({ d: 2, P: 4, test_size: 3 });
    const numeric = Array.from({ length: 10 }, (_, r) => (r % 2 === 0 ? 1 : 0));
    const t = linearTable(2, 10, numeric);
    const words = { ...t, columns: t.columns.filter((c) => c.name !== 'split'), textColumns: [{ name: 'split', values: numeric.map((s) => (s === 1 ? 'train' : 'test')) }] };
    expect(checkTable(p, words)).toBeNull();
    expect(tableData(p, words, 1)).toEqual(tableData(p, t, 1));
    const bad = { ...words, textColumns: [{ name: 'split', values: words.textColumns[0]!.values.map((s, r) => (r === 3 ? 'valid' : s)) }] };
    expect(checkTable(p, bad)).toBe('data.path row 5, column "split": "valid" is neither train (1) nor test (0)');
  });

  it('a split column fixes the split in file order; without it a seeded random split of P train and test_size test rows', () => {
    const split = Array.from({ length: 20 }, (_, r) => (r % 2 === 0 ? 1 : 0));
    const t = linearTable(2, 20, split);
    const fixed = tableData({ d: 2, P: 4, test_size: 3 }, t, 1);
    expect(Array.from(fixed.y)).toEqual([0, 2, 4, 6].map((r) => t.columns[2]!.values[r]!));
    expect(Array.from(fixed.ytest)).toEqual([1, 3, 5].map((r) => t.columns[2]!.values[r]!));
    const plain = linearTable(2, 20);
    const a = tableData({ d: 2, P: 8, test_size: 12 }, plain, 1);
    const b = tableData({ d: 2, P: 8, test_size: 12 }, plain, 1);
    const c = tableData({ d: 2, P: 8, test_size: 12 }, plain, 2);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.y)).not.toEqual(Array.from(c.y));
    // Every row is used exactly once.
    expect([...a.y, ...a.ytest].sort()).toEqual(Array.from(plain.columns[2]!.values).sort());
  });

  it('runs end to end on a table: the theory on the file equals the theory on the same data drawn synthetically', () => {
    const p = linearNetScalingParams.parse({ d: 4, P: 10, N: 6, chi: 6, test_size: 6, langevin: { chains: 2, steps: 2000, burn_in: 500, thin: 5 } });
    const data = syntheticData(p, 9);
    const cols: Record<string, number[]> = {};
    for (let k = 0; k < 4; k++) cols[`x${k + 1}`] = [...Array.from({ length: 10 }, (_, m) => data.X[m * 4 + k]!), ...Array.from({ length: 6 }, (_, m) => data.Xtest[m * 4 + k]!)];
    cols['y'] = [...data.y, ...data.ytest];
    cols['split'] = [...Array(10).fill(1), ...Array(6).fill(0)];
    const fileParams = { ...p, data: { source: 'file' as const, path: 'mine.csv' } };
    const fromFile = runKind(linearNetScaling, fileParams, { ...ctx(9, 1), inputs: { data: table(cols) } });
    const synthetic = runKind(linearNetScaling, p, ctx(9, 1));
    for (const k of ['Q_exact', 'Q_saddle', 'Q_tree', 'test_error_exact', 'train_error_nngp', 'prediction_gap_train']) {
      expect(fromFile.scalars[k], k).toBe(synthetic.scalars[k]);
    }
    expect(fromFile.series.length).toBe(synthetic.series.length);
    // Without the table the run fails with a message, not a wrong answer.
    expect(() => runKind(linearNetScaling, fileParams, ctx(9, 1))).toThrow(/no table for data.path/);
  });

  it('refuses data.source = file without data.path, naming the parameter', () => {
    const r = linearNetScalingParams.safeParse({ data: { source: 'file' } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/data\.path/);
    // A path with synthetic data is a forgotten data.source = file, not something to ignore.
    const s = linearNetScalingParams.safeParse({ data: { path: 'mine.csv' } });
    expect(s.success).toBe(false);
    expect(JSON.stringify(s.error?.issues)).toMatch(/only with data.source = file/);
  });
});
