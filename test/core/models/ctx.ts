/** What the model tests share: a run context, byte views and a bit-for-bit comparison of results. */
import { expect } from 'vitest';
import type { RunContext, RunResult, Series } from '../../../core/models/model-kind.js';

/** A run context with a fixed seed; `over` replaces any of its members (a cancel flag, a progress sink). */
export function ctx(seed = 1, replicas = 0, over: Partial<RunContext> = {}): RunContext {
  return { seed, replicas, isCancelled: () => false, progress: () => undefined, ...over };
}

/** The bytes of a Float64Array (for bit-for-bit comparisons). */
export function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function expectSameSeries(a: Series, b: Series): void {
  expect({ ...a, x: 0, y: 0, band: 0 }).toEqual({ ...b, x: 0, y: 0, band: 0 });
  expect(bytes(a.x).equals(bytes(b.x)), `${a.name} ${a.label} x`).toBe(true);
  expect(bytes(a.y).equals(bytes(b.y)), `${a.name} ${a.label} y`).toBe(true);
  expect(a.band?.kind).toBe(b.band?.kind);
  if (a.band) expect(bytes(a.band.lo).equals(bytes(b.band!.lo)) && bytes(a.band.hi).equals(bytes(b.band!.hi)), `${a.name} band`).toBe(true);
}

/** Same series in the same order, same scalars (NaN equal to NaN) in the same order, same notes. */
export function expectSameResult(a: RunResult, b: RunResult): void {
  expect(a.series.length).toBe(b.series.length);
  a.series.forEach((s, i) => expectSameSeries(s, b.series[i]!));
  expect(Object.keys(a.scalars)).toEqual(Object.keys(b.scalars));
  for (const k of Object.keys(a.scalars)) expect(Object.is(a.scalars[k], b.scalars[k]), k).toBe(true);
  expect(a.notes).toEqual(b.notes);
}
