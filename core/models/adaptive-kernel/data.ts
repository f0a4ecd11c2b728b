/**
 * The training and test data of a run: synthetic (x ~ N(0, I_d), a target along a random unit
 * direction w*) or a CSV table (columns x1..xd, y, optional split). Drawn from the run's seed alone
 * (stream `fieldData`), so the theory part and every Langevin chain see the same data.
 */
import erf from '@stdlib/math-base-special-erf';
import { type TableDataset, tableColumn, tableTextColumn } from '../kit/dataset.js';
import { REPLICA_STREAMS, replicaStream } from '../kit/index.js';
import type { AdaptiveKernelParams } from './params.js';

export interface Data {
  d: number;
  P: number;
  /** Number of test points. */
  T: number;
  /** Training inputs, P x d row-major, and targets. */
  X: Float64Array;
  y: Float64Array;
  /** Test inputs, T x d row-major, and targets. */
  Xt: Float64Array;
  yt: Float64Array;
  /** Where the data came from, in words. */
  origin: string;
}

/** Probabilists' Hermite polynomial He_k(z) by the three-term recurrence He_{k+1} = z He_k - k He_{k-1}. */
export function hermite(k: number, z: number): number {
  let prev = 1;
  if (k === 0) return prev;
  let cur = z;
  for (let j = 1; j < k; j++) {
    const next = z * cur - j * prev;
    prev = cur;
    cur = next;
  }
  return cur;
}


/** The target y(x) of a synthetic run, given the projection z = w*.x on the unit direction w*. */
export function targetOf(p: AdaptiveKernelParams): (z: number) => number {
  const { kind, degree } = p.target;
  if (kind === 'linear') return (z) => z;
  if (kind === 'hermite') {
    let fact = 1;
    for (let j = 2; j <= degree; j++) fact *= j;
    const norm = 1 / Math.sqrt(fact);
    return (z) => norm * hermite(degree, z);
  }
  const s = Math.sqrt(p.sigma_w2);
  if (p.activation === 'erf') return (z) => erf(s * z);
  if (p.activation === 'relu') return (z) => Math.max(0, s * z);
  if (p.activation === 'square') return (z) => (s * z) ** 2;
  return (z) => s * z;
}

/** Synthetic data: w* uniform on the sphere (signal stream), inputs (data stream), shared by every part. */
export function syntheticData(p: AdaptiveKernelParams, seed: number): Data {
  const { d, P, test_size: T } = p;
  const rng = replicaStream(seed, 0, REPLICA_STREAMS.fieldData);
  const w = new Float64Array(d);
  rng.fillNormal(w);
  let norm = 0;
  for (let i = 0; i < d; i++) norm += w[i] * w[i];
  norm = Math.sqrt(norm);
  for (let i = 0; i < d; i++) w[i] /= norm;
  const inputs = new Float64Array((P + T) * d);
  rng.fillNormal(inputs);
  const f = targetOf(p);
  const labels = new Float64Array(P + T);
  for (let m = 0; m < P + T; m++) {
    let z = 0;
    for (let i = 0; i < d; i++) z += w[i] * inputs[m * d + i];
    labels[m] = f(z);
  }
  const what = p.target.kind === 'hermite' ? `He_${p.target.degree}(w*.x)/sqrt(${p.target.degree}!)` : p.target.kind === 'linear' ? 'w*.x' : `${p.activation} teacher`;
  return {
    d,
    P,
    T,
    X: inputs.subarray(0, P * d),
    y: labels.subarray(0, P),
    Xt: inputs.subarray(P * d),
    yt: labels.subarray(P),
    origin: `synthetic: x ~ N(0, I_${d}), y = ${what}, |w*| = 1`,
  };
}

/** The numeric column of `name`, or undefined. */
function column(table: TableDataset, name: string): Float64Array | undefined {
  return tableColumn(table, name);
}

/** The split column as 'train' | 'test' | the offending text per row, or undefined without one. */
function splitColumn(table: TableDataset): readonly string[] | undefined {
  const text = tableTextColumn(table, 'split');
  if (text) return text.map((v) => v.trim().toLowerCase());
  const numeric = column(table, 'split');
  return numeric ? Array.from(numeric, (v) => String(v)) : undefined;
}

/** How many consecutive input columns x1, x2, ... the table has. */
function inputColumns(table: TableDataset): number {
  let k = 0;
  while (column(table, `x${k + 1}`)) k++;
  return k;
}

/**
 * One line naming the column or row when `table` cannot serve as the data of `p` (the input's
 * `check`), else null.
 */
export function checkTable(p: AdaptiveKernelParams, table: TableDataset): string | null {
  if (!column(table, 'y')) return 'the file has no column "y" (the target); expected columns x1..xd, y and optionally split';
  const k = inputColumns(table);
  if (k === 0) return 'the file has no input column "x1"; expected columns x1..xd, y';
  if (k !== p.d) return `the file has ${k} input columns x1..x${k}, but d = ${p.d}`;
  const known = new Set(['y', 'split', ...Array.from({ length: k }, (_, i) => `x${i + 1}`)]);
  const extra = table.columns.find((c) => !known.has(c.name));
  if (extra) return `column "${extra.name}" is not one of x1..x${k}, y, split`;
  const split = splitColumn(table);
  if (split) {
    let train = 0;
    let test = 0;
    for (let r = 0; r < table.rows; r++) {
      const s = split[r];
      if (s === 'train') train++;
      else if (s === 'test') test++;
      else return `row ${r + 2}, column "split": "${s}" is neither train nor test`;
    }
    if (train < p.P) return `the file has ${train} training rows (split = train), fewer than P = ${p.P}`;
    if (test < p.test_size) return `the file has ${test} test rows (split = test), fewer than test_size = ${p.test_size}`;
    return null;
  }
  if (table.rows < p.P + p.test_size) return `the file has ${table.rows} rows, fewer than P + test_size = ${p.P + p.test_size}`;
  return null;
}

/**
 * The data of `p` from a checked table: with a split column the first P rows marked train and the
 * first test_size rows marked test; otherwise a seeded random choice of P + test_size rows.
 */
export function tableData(p: AdaptiveKernelParams, table: TableDataset, seed: number): Data {
  const problem = checkTable(p, table);
  if (problem) throw new RangeError(problem);
  const { d, P, test_size: T } = p;
  const xs = Array.from({ length: d }, (_, i) => column(table, `x${i + 1}`)!);
  const ys = column(table, 'y')!;
  const split = splitColumn(table);
  let train: number[];
  let test: number[];
  if (split) {
    train = [];
    test = [];
    for (let r = 0; r < table.rows; r++) {
      if (split[r] === 'train' && train.length < P) train.push(r);
      else if (split[r] === 'test' && test.length < T) test.push(r);
    }
  } else {
    // Partial Fisher-Yates shuffle of the row indices from the data stream.
    const rows = Array.from({ length: table.rows }, (_, r) => r);
    const rng = replicaStream(seed, 0, REPLICA_STREAMS.fieldData);
    for (let i = 0; i < P + T; i++) {
      const j = i + Math.floor(rng.nextDouble() * (rows.length - i));
      const tmp = rows[i]!;
      rows[i] = rows[j]!;
      rows[j] = tmp;
    }
    train = rows.slice(0, P);
    test = rows.slice(P, P + T);
  }
  const fill = (idx: number[]) => {
    const X = new Float64Array(idx.length * d);
    const y = new Float64Array(idx.length);
    idx.forEach((r, m) => {
      for (let i = 0; i < d; i++) X[m * d + i] = xs[i]![r]!;
      y[m] = ys[r]!;
    });
    return { X, y };
  };
  const tr = fill(train);
  const te = fill(test);
  return {
    d,
    P,
    T,
    X: tr.X,
    y: tr.y,
    Xt: te.X,
    yt: te.y,
    origin: `file ${p.data.path}: ${table.rows} rows, ${split ? 'split column' : 'seeded random split'}`,
  };
}
