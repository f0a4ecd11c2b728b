/** The kind kit (core/models/kit): each helper on small inputs with known answers. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  REPLICA_STREAMS, checkpoint, collectParts, horizonSteps, lastFinite, meanLabel, paramsWithValue, pollInterval, powerLawScan, recordingGrid,
  replicaMean, replicaParts, scanParts, scanResults, solveTheory, theoryAndReplicas, theoryGap,
} from '../../../core/models/kit/index.js';
import { isCancelledError } from '../../../core/models/model-kind-errors.js';
import type { PartResult, Series } from '../../../core/models/model-kind.js';

const f = (...v: number[]) => Float64Array.from(v);
const curve = (name: string, source: Series['source'], y: Float64Array, extra: Partial<Series> = {}): Series => ({
  name, source, x: f(0, 1, 2), y, xLabel: 't', yLabel: name, ...extra,
});

describe('recording grid', () => {
  it('linear: k_j = round(j total / points) from 0 to total, duplicates dropped, t = k / perUnit', () => {
    const g = recordingGrid(10, 4, 'linear', 5);
    expect(Array.from(g.steps)).toEqual([0, 3, 5, 8, 10]);
    expect(Array.from(g.t)).toEqual([0, 0.6, 1, 1.6, 2]);
    expect(Array.from(recordingGrid(3, 10, 'linear', 1).steps)).toEqual([0, 1, 2, 3]);
  });

  it('log: round(total^((j-1)/(points-1))) for j = 1..points, ending at total', () => {
    const g = recordingGrid(1000, 4, 'log', 100);
    expect(Array.from(g.steps)).toEqual([0, 1, 10, 100, 1000]);
    expect(g.totalSteps).toBe(1000);
    expect(horizonSteps(0.001, 10)).toBe(1);
    expect(horizonSteps(2.5, 100)).toBe(250);
  });
});

describe('theory-versus-simulation gap', () => {
  it('max, relative and RMS distance and band coverage over the points where the theory is finite', () => {
    const g = theoryGap(f(1, 2, NaN, 4), f(1.5, 2, 7, 3), { lo: f(0, 2.5, 0, 3.5), hi: f(2, 3, 9, 5) });
    expect(g.points).toBe(3);
    expect(g.maxAbs).toBe(1);
    expect(g.maxRel).toBe(0.25);
    expect(g.rms).toBeCloseTo(Math.sqrt((0.25 + 0 + 1) / 3), 15);
    expect(g.coverage).toBeCloseTo(2 / 3, 15);
  });

  it('a non-finite simulation value makes the distance non-finite, unless such points are skipped', () => {
    expect(theoryGap(f(1, 2), f(1, Infinity)).maxAbs).toBe(Infinity);
    expect(theoryGap(f(1, 2), f(1, Infinity), undefined, { skipNonFiniteSimulation: true })).toMatchObject({ maxAbs: 0, points: 1 });
    expect(Number.isNaN(theoryGap(f(0, 0), f(1, 1)).maxRel)).toBe(true);
    expect(Number.isNaN(theoryGap(f(1), f(1)).coverage)).toBe(true);
  });
});

describe('parts and their merge', () => {
  it('lists the theory then the replicas, with typed keys', () => {
    expect(theoryAndReplicas(2, { theory: 5, replica: 3 })).toEqual([
      { key: { role: 'theory' }, weight: 5 },
      { key: { role: 'replica', index: 0 }, weight: 3 },
      { key: { role: 'replica', index: 1 }, weight: 3 },
    ]);
    expect(replicaParts(1, 2, 'sde')).toEqual([{ key: { role: 'replica', index: 0, process: 'sde' }, weight: 2 }]);
  });

  it('collects series by role and process, theory scalars in order and replica scalars as lists', () => {
    const parts: PartResult[] = [
      { key: { role: 'theory' }, result: { series: [curve('risk', 'theory', f(1, 1, 1))], scalars: { a: 1, b: 2 }, notes: ['t'] } },
      { key: { role: 'replica', index: 0 }, result: { series: [curve('risk', 'simulation', f(1, 2, 3))], scalars: { n: 4 } } },
      { key: { role: 'replica', index: 0, process: 'sde' }, result: { series: [curve('risk', 'sde', f(0, 0, 0))], scalars: {}, notes: ['s'] } },
      { key: { role: 'replica', index: 1 }, result: { series: [curve('risk', 'simulation', f(3, 2, 1))], scalars: { n: 6 } } },
    ];
    const c = collectParts(parts);
    expect(c.theory.map((s) => s.source)).toEqual(['theory']);
    expect(c.replicas.get('')!.map((s) => s.y[0])).toEqual([1, 3]);
    expect(c.replicas.get('sde')!.length).toBe(1);
    expect(Object.keys(c.scalars)).toEqual(['a', 'b']);
    expect(c.replicaScalars).toEqual({ n: [4, 6] });
    expect(c.notes).toEqual(['t', 's']);
  });

  it('averages replicas with the 10-90% band, keeping the group name and axes', () => {
    const m = replicaMean([curve('risk', 'simulation', f(1, 2, 3)), curve('risk', 'simulation', f(3, 2, 1))], meanLabel('SGD mean', 2), 9);
    expect(Array.from(m.series.y)).toEqual([2, 2, 2]);
    expect(m.series).toMatchObject({ name: 'risk', source: 'simulation', label: 'SGD mean (2 replicas)', seed: 9, yLabel: 'risk' });
    expect(m.series.band!.kind).toBe('quantile');
    expect(Array.from(m.series.band!.lo)).toEqual([1.2, 2, 1.2]);
    expect(meanLabel('SGD mean', 1)).toBe('SGD mean (1 replica)');
    expect(lastFinite(f(1, 2, NaN))).toBe(2);
  });
});

describe('scans along an internal axis', () => {
  it('lists the theory at each value, then the replicas at each value, and groups results back by value', () => {
    const parts = scanParts([8, 16], 2, { theory: (v) => v, replica: (v) => v * v });
    expect(parts.map((p) => p.key)).toEqual([
      { role: 'theory', dim: 8 },
      { role: 'theory', dim: 16 },
      { role: 'replica', index: 0, dim: 8 },
      { role: 'replica', index: 1, dim: 8 },
      { role: 'replica', index: 0, dim: 16 },
      { role: 'replica', index: 1, dim: 16 },
    ]);
    const results = scanResults(parts.map((p) => ({ key: p.key, result: { series: [curve('risk', 'theory', f(p.weight, 0, 0))], scalars: {} } })));
    expect(results.get(16)!.replicas.map((r) => r[0]!.y[0])).toEqual([256, 256]);
    expect(results.get(8)!.theory[0]!.y[0]).toBe(8);
  });

  it('fits C x^slope to measurements along the axis (exact on a power law)', () => {
    const spec = { name: 'gap_vs_d', label: 'gap', xLabel: 'd', yLabel: 'gap', logX: true, logY: true };
    const scan = powerLawScan(spec, [4, 16, 64], [0.5, 0.25, 0.125], 'gap');
    expect(scan.slope).toBeCloseTo(-0.5, 14);
    expect(scan.series.map((s) => s.source)).toEqual(['empirical', 'fit']);
    expect(scan.series[1].label).toBe('fit C d^slope, slope -0.500');
    expect(scan.series[1].y[2]).toBeCloseTo(0.125, 14);
  });
});

describe('hooks and solves', () => {
  it('polls about every 2^20 coordinate updates; a checkpoint throws once cancelled and reports progress otherwise', () => {
    expect(pollInterval(1)).toBe(4096);
    expect(pollInterval(1024)).toBe(1024);
    expect(pollInterval(1e7)).toBe(1);
    const seen: number[] = [];
    checkpoint({ progress: (x) => seen.push(x) }, 0.5);
    expect(seen).toEqual([0.5]);
    expect(() => checkpoint({ isCancelled: () => true }, 0)).toThrow(expect.objectContaining({ name: 'CancelledError' }));
  });

  it('an ODE solve reports t / tEnd every few steps and throws a cancellation error when cancelled', () => {
    const options = { rhs: (_t: number, y: Float64Array, dy: Float64Array) => void (dy[0] = -y[0]!), y0: [1], t0: 0, tEval: [0, 2], rtol: 1e-10 };
    const seen: number[] = [];
    const sol = solveTheory(options, { progress: (x) => seen.push(x) }, { progressEvery: 4 });
    expect(sol.status).toBe('success');
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((x, i) => x > 0 && x <= 1 && (i === 0 || x >= seen[i - 1]!))).toBe(true);
    let error: unknown;
    try {
      solveTheory(options, { isCancelled: () => true });
    } catch (e) {
      error = e;
    }
    expect(isCancelledError(error)).toBe(true);
  });
});

describe('derived parameter sets', () => {
  const schema = z.strictObject({ a: z.number().min(0), nested: z.strictObject({ b: z.number() }) });
  it('sets a dotted path on a copy and validates the result; refuses reserved segments and invalid values', () => {
    const base = schema.parse({ a: 1, nested: { b: 2 } });
    expect(paramsWithValue(schema, base, 'nested.b', 5)).toEqual({ a: 1, nested: { b: 5 } });
    expect(base.nested.b).toBe(2);
    expect(paramsWithValue(schema, base, 'a', -1)).toBeNull();
    expect(paramsWithValue(schema, base, '__proto__.a', 1)).toBeNull();
    expect(({} as Record<string, unknown>)['a']).toBeUndefined();
  });
});

describe('replica streams', () => {
  it('give every purpose its own number', () => {
    const values = Object.values(REPLICA_STREAMS);
    expect(new Set(values).size).toBe(values.length);
  });
});
