/**
 * The data of an `nngp-gp` run: synthetic inputs uniform on the sphere √d·S^{d−1} with a zonal
 * target g(w*·x), |w*| = 1 (w* drawn once per run from the seed, shared by every replica; the
 * theory does not depend on it by rotation symmetry), or the rows of a CSV table (x1..xd, y,
 * optional split) handed over by the engine.
 */
import { activationFunction, type Activation } from '../../numerics/nngp/index.js';
import { createRng, deriveSeed } from '../../numerics/rng.js';
import type { Dataset, TableDataset } from '../kit/dataset.js';
import { tableColumn, tableTextColumn } from '../kit/dataset.js';
import { REPLICA_STREAMS, replicaStream } from '../kit/index.js';
import type { NngpGpParams } from './params.js';

/** He_k(z)/√k! (probabilists' Hermite, unit variance under N(0, 1)). */
export function normalisedHermite(k: number, z: number): number {
  let p0 = 1;
  if (k === 0) return 1;
  let p1 = z;
  let norm = 1;
  for (let n = 1; n < k; n++) {
    const p2 = z * p1 - n * p0;
    p0 = p1;
    p1 = p2;
    norm *= n + 1;
  }
  return p1 / Math.sqrt(norm);
}

/** The target g(z) of z = w*·x. */
export function targetFunction(p: Pick<NngpGpParams, 'target' | 'activation'>): (z: number) => number {
  switch (p.target.kind) {
    case 'linear':
      return (z) => z;
    case 'hermite': {
      const k = p.target.degree;
      return (z) => normalisedHermite(k, z);
    }
    case 'teacher':
      return activationFunction(p.activation as Activation);
  }
}

/** The run's teacher direction w* (unit), from the run seed. */
export function teacherDirection(seed: number, d: number): Float64Array {
  const rng = createRng(deriveSeed(seed, REPLICA_STREAMS.signal));
  const w = new Float64Array(d);
  rng.fillNormal(w);
  let s = 0;
  for (let i = 0; i < d; i++) s += w[i] * w[i];
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < d; i++) w[i] *= inv;
  return w;
}

/** One replica's sample: n rows on the sphere of radius √d, their noise-free targets g(w*·x). */
export function sphereSample(n: number, d: number, wStar: Float64Array, g: (z: number) => number, seed: number, replica: number, purpose: number) {
  const rng = replicaStream(seed, replica, purpose);
  const x = new Float64Array(n * d);
  rng.fillNormal(x);
  const f = new Float64Array(n);
  const radius = Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += x[row + k] * x[row + k];
    const scale = radius / Math.sqrt(s);
    let z = 0;
    for (let k = 0; k < d; k++) {
      x[row + k] *= scale;
      z += x[row + k] * wStar[k];
    }
    f[i] = g(z);
  }
  return { x, f };
}

/** Streams of a replica's training inputs, test inputs and label noise. */
export const NNGP_STREAMS = { train: REPLICA_STREAMS.data, test: REPLICA_STREAMS.testInputs, noise: REPLICA_STREAMS.noise } as const;

/** A table's inputs x1..xd (row-major), labels y and split (or undefined). */
export interface TableData {
  x: Float64Array;
  y: Float64Array;
  rows: number;
  split?: readonly string[];
}

export function tableData(table: TableDataset, d: number): TableData {
  const x = new Float64Array(table.rows * d);
  for (let k = 0; k < d; k++) {
    const col = tableColumn(table, `x${k + 1}`)!;
    for (let r = 0; r < table.rows; r++) x[r * d + k] = col[r];
  }
  const split = tableTextColumn(table, 'split');
  return { x, y: Float64Array.from(tableColumn(table, 'y')!), rows: table.rows, ...(split ? { split } : {}) };
}

/** Rows marked train and test (a split column), or undefined without one. */
export function splitRows(split: readonly string[] | undefined): { train: number[]; test: number[] } | undefined {
  if (!split) return undefined;
  const train: number[] = [];
  const test: number[] = [];
  split.forEach((s, i) => (s === 'train' ? train : test).push(i));
  return { train, test };
}

/** A seeded permutation of 0..n−1 (Fisher–Yates on the stream). */
export function permutation(n: number, seed: number, replica: number, purpose: number): Int32Array {
  const rng = replicaStream(seed, replica, purpose);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx;
}

/**
 * Why a dataset does not fit the parameters (one line naming the column or row), or null: a
 * table with columns x1..xd and y, as many input columns as d, a split column of train|test,
 * and enough rows for P training rows (and test_size test rows without a split).
 */
export function checkTable(p: NngpGpParams, dataset: Dataset): string | null {
  if (dataset.type !== 'table') return 'a CSV table with columns x1..xd and y is needed';
  const names = dataset.columns.map((c) => c.name);
  if (!tableColumn(dataset, 'y')) return `no column "y" (the target); columns: ${names.join(', ')}`;
  const inputs = names.filter((n) => /^x[1-9][0-9]*$/.test(n)).length;
  for (let k = 1; k <= p.d; k++) {
    if (!tableColumn(dataset, `x${k}`)) return `no column "x${k}" although d = ${p.d} (the file has ${inputs} input column${inputs === 1 ? '' : 's'} x1..)`;
  }
  if (inputs !== p.d) return `the file has ${inputs} input columns x1..x${inputs} but d = ${p.d}`;
  const extra = names.filter((n) => n !== 'y' && !/^x[1-9][0-9]*$/.test(n));
  if (extra.length > 0) return `column "${extra[0]}" is neither an input x1..xd, y nor split`;
  const split = tableTextColumn(dataset, 'split');
  if (split) {
    const bad = split.findIndex((s) => s !== 'train' && s !== 'test');
    if (bad >= 0) return `row ${bad + 2}, column "split": "${split[bad]}" is neither train nor test`;
    const { train, test } = splitRows(split)!;
    if (train.length < p.P) return `column "split" marks ${train.length} train rows, fewer than P = ${p.P}`;
    if (test.length < 1) return 'column "split" marks no test rows';
    return null;
  }
  if (dataset.rows < p.P + p.test_size) return `the file has ${dataset.rows} rows, fewer than P + test_size = ${p.P + p.test_size}`;
  return null;
}
