/**
 * The data of a `linear-net-scaling` run, shared by the theory and every Langevin chain: drawn
 * once from the run's seed (synthetic), or taken from a CSV table (data.source = file) — columns
 * x1..xd then y, optionally `split` (1 or "train" = train, 0 or "test" = test), otherwise a seeded
 * random split into P train and test_size test rows.
 */
import { createRng, deriveSeed } from '../../numerics/rng.js';
import type { TableDataset } from '../kit/dataset.js';
import { REPLICA_STREAMS } from '../kit/index.js';
import type { LinearNetScalingParams } from './params.js';

export interface NetData {
  d: number;
  P: number;
  Ptest: number;
  /** Row-major P×d. */
  X: Float64Array;
  y: Float64Array;
  Xtest: Float64Array;
  ytest: Float64Array;
}

type DataParams = Pick<LinearNetScalingParams, 'd' | 'P' | 'N' | 'test_size' | 'sigma_w2' | 'sigma_a2' | 'target' | 'data'>;

/** He_k(z), probabilists' Hermite polynomial. */
export function hermite(k: number, z: number): number {
  let h0 = 1;
  if (k === 0) return h0;
  let h1 = z;
  for (let n = 1; n < k; n++) {
    const h2 = z * h1 - n * h0;
    h0 = h1;
    h1 = h2;
  }
  return h1;
}

/** Gaussian inputs and the synthetic target of `p.target`, from the run's seed. */
export function syntheticData(p: DataParams, seed: number): NetData {
  const { d, P } = p;
  const Ptest = p.test_size;
  const rng = createRng(deriveSeed(seed, REPLICA_STREAMS.fieldData));
  const X = new Float64Array(P * d);
  const Xtest = new Float64Array(Ptest * d);
  let f: (x: Float64Array, o: number) => number;
  if (p.target.kind === 'teacher') {
    // f(x) = Σ_i a_i w_i·x = v·x with v = Σ_i a_i w_i, a width-N linear net from the χ = 1 prior.
    const v = new Float64Array(d);
    const w = new Float64Array(d);
    const sw = Math.sqrt(p.sigma_w2 / d);
    const sa = Math.sqrt(p.sigma_a2 / p.N);
    for (let i = 0; i < p.N; i++) {
      rng.fillNormal(w);
      const a = sa * rng.normal();
      for (let k = 0; k < d; k++) v[k] += a * sw * w[k]!;
    }
    f = (x, o) => {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[o + k]! * v[k]!;
      return s;
    };
  } else {
    const w = new Float64Array(d);
    rng.fillNormal(w);
    const norm = Math.sqrt(w.reduce((s, v) => s + v * v, 0)) || 1;
    const k = p.target.kind === 'linear' ? 0 : p.target.degree;
    let fact = 1;
    for (let n = 2; n <= k; n++) fact *= n;
    f = (x, o) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[o + j]! * w[j]!;
      return k === 0 ? s / Math.sqrt(d) : hermite(k, s / norm) / Math.sqrt(fact);
    };
  }
  rng.fillNormal(X);
  rng.fillNormal(Xtest);
  const y = Float64Array.from({ length: P }, (_, m) => f(X, m * d));
  const ytest = Float64Array.from({ length: Ptest }, (_, m) => f(Xtest, m * d));
  return { d, P, Ptest, X, y, Xtest, ytest };
}

/** The column named `name`, or undefined. */
function column(table: TableDataset, name: string): Float64Array | undefined {
  return table.columns.find((c) => c.name === name)?.values;
}

/** Whether a `split` cell means train (1) or test (0); NaN for anything else. */
function splitOf(v: number): number {
  return v === 1 ? 1 : v === 0 ? 0 : Number.NaN;
}

/**
 * The split column as numbers (train 1, test 0, anything else NaN) with its cells as written: a
 * text column of train | test (the kind declares `split` a text column), or a numeric 1 | 0 column.
 */
function splitColumn(table: TableDataset): { values: Float64Array; cell(r: number): string } | undefined {
  const text = table.textColumns?.find((c) => c.name === 'split')?.values;
  if (text) {
    const values = Float64Array.from(text, (s) => (s === 'train' ? 1 : s === 'test' ? 0 : Number.NaN));
    return { values, cell: (r) => `"${text[r]}"` };
  }
  const numeric = column(table, 'split');
  return numeric ? { values: numeric, cell: (r) => String(numeric[r]) } : undefined;
}

/**
 * Why the table cannot serve these parameters, in one line naming the column or row (data rows
 * count from 2, the header being row 1), or null when it can: a missing y column, input columns
 * other than x1..xd, a split cell that is neither train nor test, fewer train rows than P (or
 * test rows than test_size), or without a split column fewer rows than P + test_size.
 */
export function checkTable(p: Pick<DataParams, 'd' | 'P' | 'test_size'>, table: TableDataset, label = 'data.path'): string | null {
  const names = table.columns.map((c) => c.name);
  if (!names.includes('y')) return `${label}: no column "y" (the columns are ${names.join(', ')})`;
  const xs = names.filter((n) => /^x\d+$/.test(n));
  for (let k = 1; k <= xs.length; k++) {
    if (!xs.includes(`x${k}`)) return `${label}: column "x${k}" is missing (input columns must be x1..x${xs.length})`;
  }
  if (xs.length !== p.d) return `${label}: the file has ${xs.length} input columns (x1..x${xs.length}), d = ${p.d}`;
  const other = names.find((n) => n !== 'y' && n !== 'split' && !xs.includes(n));
  if (other !== undefined) return `${label}: column "${other}" is neither x1..x${p.d}, y nor split`;
  const split = splitColumn(table);
  if (split) {
    let train = 0;
    let test = 0;
    for (let r = 0; r < table.rows; r++) {
      const s = splitOf(split.values[r]!);
      if (Number.isNaN(s)) return `${label} row ${r + 2}, column "split": ${split.cell(r)} is neither train (1) nor test (0)`;
      if (s === 1) train++;
      else test++;
    }
    if (train < p.P) return `${label}: ${train} train rows (column "split"), P = ${p.P}`;
    if (test < p.test_size) return `${label}: ${test} test rows (column "split"), test_size = ${p.test_size}`;
    return null;
  }
  if (table.rows < p.P + p.test_size) {
    return `${label}: ${table.rows} rows, P + test_size = ${p.P + p.test_size} needed (or a "split" column)`;
  }
  return null;
}

/**
 * The run's data from a table that passed `checkTable`: with a split column the first P train
 * rows and the first test_size test rows in file order; otherwise a seeded random permutation of
 * the rows (from the run's seed) gives P train rows, then test_size test rows.
 */
export function tableData(p: Pick<DataParams, 'd' | 'P' | 'test_size'>, table: TableDataset, seed: number): NetData {
  const problem = checkTable(p, table);
  if (problem !== null) throw new RangeError(problem);
  const { d, P } = p;
  const Ptest = p.test_size;
  const xcols = Array.from({ length: d }, (_, k) => column(table, `x${k + 1}`)!);
  const ycol = column(table, 'y')!;
  const split = splitColumn(table)?.values;
  let trainRows: number[];
  let testRows: number[];
  if (split) {
    const all = Array.from({ length: table.rows }, (_, r) => r);
    trainRows = all.filter((r) => split[r] === 1).slice(0, P);
    testRows = all.filter((r) => split[r] === 0).slice(0, Ptest);
  } else {
    const rng = createRng(deriveSeed(seed, REPLICA_STREAMS.fieldData, 1));
    const perm = Array.from({ length: table.rows }, (_, r) => r);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(rng.nextDouble() * (i + 1));
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    trainRows = perm.slice(0, P);
    testRows = perm.slice(P, P + Ptest);
  }
  const fill = (rows: number[]) => {
    const X = new Float64Array(rows.length * d);
    const y = new Float64Array(rows.length);
    rows.forEach((r, m) => {
      for (let k = 0; k < d; k++) X[m * d + k] = xcols[k]![r]!;
      y[m] = ycol[r]!;
    });
    return { X, y };
  };
  const train = fill(trainRows);
  const test = fill(testRows);
  return { d, P, Ptest, X: train.X, y: train.y, Xtest: test.X, ytest: test.y };
}
