/**
 * Parameters and data of `adaptive-kernel`: bad combinations refused naming the parameter, the CSV
 * input's check naming the column or row, a file run end to end equal to the same data given
 * synthetically, the split column, and the synthetic targets.
 */
import { describe, expect, it } from 'vitest';
import type { TableDataset } from '../../../core/models/kit/dataset.js';
import { checkTable, hermite, syntheticData, tableData } from '../../../core/models/adaptive-kernel/data.js';
import { adaptiveKernel, adaptiveKernelParams } from '../../../core/models/adaptive-kernel/index.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx, expectSameSeries } from './ctx.js';

function table(columns: Record<string, number[]>, split?: string[]): TableDataset {
  const entries = Object.entries(columns);
  return {
    type: 'table',
    columns: entries.map(([name, v]) => ({ name, values: Float64Array.from(v) })),
    ...(split ? { textColumns: [{ name: 'split', values: split }] } : {}),
    rows: entries[0]![1].length,
  };
}

/** A table holding the synthetic data of `p` (train rows, then test rows). */
function tableOf(data: ReturnType<typeof syntheticData>, split: boolean): TableDataset {
  const cols: Record<string, number[]> = {};
  const rows = data.P + data.T;
  for (let k = 0; k < data.d; k++) cols[`x${k + 1}`] = Array.from({ length: rows }, (_, r) => (r < data.P ? data.X[r * data.d + k] : data.Xt[(r - data.P) * data.d + k]));
  cols.y = Array.from({ length: rows }, (_, r) => (r < data.P ? data.y[r] : data.yt[r - data.P]));
  return table(cols, split ? Array.from({ length: rows }, (_, r) => (r < data.P ? 'train' : 'test')) : undefined);
}

describe('adaptive-kernel parameters', () => {
  it('refuses chi above N, a file source without a path, and a Langevin ensemble wider than 4096, each naming the parameter', () => {
    const issues = (params: Record<string, unknown>) => {
      const r = resolveParams(adaptiveKernel, { params });
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(issues({ N: 8, chi: 9 }).join()).toMatch(/chi.*between 1 .* and N = 8/);
    expect(issues({ data: { source: 'file' } }).join()).toMatch(/data\.path/);
    expect(issues({ N: 5000 }).join()).toMatch(/N.*4096/);
    expect(issues({ N: 5000, langevin: { chains: 0 } })).toEqual([]);
    expect(issues({ langevin: { steps: 100, burn_in: 100 } }).join()).toMatch(/burn_in/);
    expect(issues({ chi: 0.5 }).join()).toMatch(/chi/);
  });
});

describe('adaptive-kernel CSV input', () => {
  const p = adaptiveKernelParams.parse({ d: 2, P: 3, test_size: 2, data: { source: 'file', path: 'data.csv' } });
  const good = { x1: [1, 2, 3, 4, 5], x2: [0, 1, 0, 1, 0], y: [1, 0, 1, 0, 1] };

  it('accepts columns x1..xd and y with enough rows', () => {
    expect(checkTable(p, table(good))).toBeNull();
    expect(adaptiveKernel.inputs?.[0]?.check?.(p, table(good))).toBeNull();
    expect(adaptiveKernel.inputs?.[0]?.used(p)).toBe(true);
    expect(adaptiveKernel.inputs?.[0]?.used(adaptiveKernelParams.parse({}))).toBe(false);
  });

  it('refuses a missing y, a d that disagrees with the file, an unknown column and too few rows, naming them', () => {
    expect(checkTable(p, table({ x1: good.x1, x2: good.x2 }))).toMatch(/no column "y"/);
    expect(checkTable(p, table({ x1: good.x1, y: good.y }))).toMatch(/1 input columns x1\.\.x1, but d = 2/);
    expect(checkTable(p, table({ ...good, x3: good.x1 }))).toMatch(/3 input columns.*d = 2/);
    expect(checkTable(p, table({ ...good, z: good.x1 }))).toMatch(/column "z"/);
    expect(checkTable(p, table({ x1: [1, 2], x2: [0, 1], y: [1, 0] }))).toMatch(/2 rows, fewer than P \+ test_size = 5/);
  });

  it('reads a split column (train or test, as text), refusing other values by row and too few rows of either kind', () => {
    expect(checkTable(p, table(good, ['train', 'train', 'train', 'test', 'test']))).toBeNull();
    expect(checkTable(p, table(good, ['train', 'train', 'validation', 'test', 'test']))).toMatch(/row 4, column "split": "validation" is neither train nor test/);
    expect(checkTable(p, table(good, ['train', 'train', 'test', 'test', 'test']))).toMatch(/2 training rows .* fewer than P = 3/);
    expect(checkTable(p, table(good, ['train', 'train', 'train', 'train', 'test']))).toMatch(/1 test rows .* fewer than test_size = 2/);
    expect(adaptiveKernel.inputs?.[0]?.textColumns).toEqual(['split']);
    const data = tableData(p, table(good, ['test', ' Train', 'train', 'TEST', 'train']), 1);
    expect(Array.from(data.X)).toEqual([2, 1, 3, 0, 5, 0]);
    expect(Array.from(data.Xt)).toEqual([1, 0, 4, 1]);
    expect(Array.from(data.yt)).toEqual([1, 0]);
  });

  it('without a split, chooses P + test_size distinct rows from the seed', () => {
    const big = { x1: Array.from({ length: 50 }, (_, i) => i), x2: new Array(50).fill(0), y: Array.from({ length: 50 }, (_, i) => -i) };
    const a = tableData(p, table(big), 1);
    const b = tableData(p, table(big), 2);
    const rows = [...Array.from({ length: 3 }, (_, m) => a.X[m * 2]), ...Array.from({ length: 2 }, (_, m) => a.Xt[m * 2])];
    expect(new Set(rows).size).toBe(5);
    rows.slice(0, 3).forEach((x, m) => expect(a.y[m]).toBe(-x!));
    expect(Array.from(a.X)).not.toEqual(Array.from(b.X));
  });

  it('a file run equals the synthetic run whose data the file holds (theory, chains and merge)', () => {
    const over = { d: 3, P: 10, test_size: 5, N: 6, chi: 6, activation: 'erf', langevin: { chains: 2, steps: 400, burn_in: 100, thin: 5 }, solver: { path_points: 4 } } as const;
    const synthetic = adaptiveKernelParams.parse(over);
    const data = syntheticData(synthetic, 4);
    const file = adaptiveKernelParams.parse({ ...over, data: { source: 'file', path: 'teacher.csv' } });
    const a = runKind(adaptiveKernel, synthetic, ctx(4));
    const b = runKind(adaptiveKernel, file, { ...ctx(4), inputs: { data: tableOf(data, true) } });
    expect(b.series.length).toBe(a.series.length);
    a.series.forEach((s, i) => expectSameSeries(s, b.series[i]!));
    expect(b.scalars).toEqual(a.scalars);
    expect(() => runKind(adaptiveKernel, file, ctx(4))).toThrow(/data\.path/);
  });
});

describe('adaptive-kernel synthetic data', () => {
  it('He_k follows the probabilists\' Hermite polynomials', () => {
    for (const z of [-1.3, 0, 0.4, 2]) {
      expect(hermite(0, z)).toBe(1);
      expect(hermite(1, z)).toBe(z);
      expect(hermite(2, z)).toBeCloseTo(z * z - 1, 12);
      expect(hermite(3, z)).toBeCloseTo(z ** 3 - 3 * z, 12);
      expect(hermite(4, z)).toBeCloseTo(z ** 4 - 6 * z * z + 3, 12);
    }
  });

  it('targets have unit variance on Gaussian inputs (linear, hermite of degree 3) and the data depend on the seed only', () => {
    for (const target of [{ kind: 'linear' }, { kind: 'hermite', degree: 3 }] as const) {
      const p = adaptiveKernelParams.parse({ d: 10, P: 2000, test_size: 2000, target });
      const data = syntheticData(p, 3);
      const all = [...data.y, ...data.yt];
      const mean = all.reduce((s, v) => s + v, 0) / all.length;
      const variance = all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length;
      expect(Math.abs(mean)).toBeLessThan(0.1);
      expect(Math.abs(variance - 1)).toBeLessThan(target.kind === 'linear' ? 0.08 : 0.25);
      expect(Array.from(syntheticData(p, 3).X)).toEqual(Array.from(data.X));
    }
  });
});
