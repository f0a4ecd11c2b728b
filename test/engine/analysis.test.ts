import { describe, expect, it } from 'vitest';
import { aggregateRuns, meanWithBand } from '../../app/engine/analysis/aggregate.js';
import { discrepancies, paramTable } from '../../app/engine/analysis/compare.js';
import { commonGrid, interpolateLinear } from '../../app/engine/analysis/interpolate.js';
import { filterToSql, FilterSyntaxError, parseFilter } from '../../app/engine/library/filters.js';
import { expandSweep, SweepSpecError } from '../../app/engine/sweeps.js';
import type { Series } from '../../core/models/model-kind.js';

const f = (...v: number[]) => Float64Array.from(v);
const series = (source: Series['source'], x: Float64Array, y: Float64Array, extra: Partial<Series> = {}): Series => ({
  name: 'risk', source, x, y, xLabel: 't', yLabel: 'risk', ...extra,
});

describe('seed aggregation', () => {
  it('computes the sample mean, the n−1 standard deviation, the standard error and min–max', () => {
    const curves = [f(1, 10), f(2, 20), f(6, 60)];
    const std = meanWithBand(curves, 'std');
    expect(Array.from(std.mean)).toEqual([3, 30]);
    const s = Math.sqrt(((1 - 3) ** 2 + (2 - 3) ** 2 + (6 - 3) ** 2) / 2);
    expect(std.hi[0]).toBeCloseTo(3 + s, 14);
    const se = meanWithBand(curves, 'stderr');
    expect(se.lo[0]).toBeCloseTo(3 - s / Math.sqrt(3), 14);
    const mm = meanWithBand(curves, 'minmax');
    expect([mm.lo[1], mm.hi[1]]).toEqual([10, 60]);
  });

  it('aggregates each (observable, source) over runs on a common grid, ignoring per-run replicas', () => {
    const a = { id: 'a', series: [series('simulation', f(0, 1, 2), f(1, 2, 3)), series('simulation', f(0, 1, 2), f(9, 9, 9), { replica: 0 })] };
    const b = { id: 'b', series: [series('simulation', f(0, 2), f(3, 5))] };
    const [agg] = aggregateRuns([a, b], 'minmax');
    expect(Array.from(agg!.x)).toEqual([0, 1, 2]);
    // b interpolated at 1: 4
    expect(Array.from(agg!.y)).toEqual([2, 3, 4]);
    expect(Array.from(agg!.band!.lo)).toEqual([1, 2, 3]);
  });

  it('interpolates linearly and gives NaN outside the data', () => {
    const out = interpolateLinear(f(0, 1, 3), f(0, 10, 30), f(-1, 0, 0.5, 2, 3, 4));
    expect(Array.from(out)).toEqual([NaN, 0, 5, 20, 30, NaN]);
    expect(Array.from(commonGrid([f(0, 1, 2, 3), f(0.5, 2.5)]))).toEqual([1, 2]);
  });
});

describe('compare', () => {
  it('lists every parameter path with a differs flag', () => {
    const rows = paramTable([
      { kind: 'k', seed: 1, replicas: 2, params: { d: 10, lr: { gamma: 1, policy: 'constant' } } },
      { kind: 'k', seed: 2, replicas: 2, params: { d: 10, lr: { gamma: 2, policy: 'constant' } } },
    ]);
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r.differs]));
    expect(byPath).toEqual({ kind: false, seed: true, replicas: false, d: false, 'lr.gamma': true, 'lr.policy': false });
  });

  it('measures the gap between theory and the simulation mean, and band coverage', () => {
    const theory = series('theory', f(0, 1, 2), f(1, 0.5, 0.25));
    const sim = series('simulation', f(0, 1, 2), f(1.1, 0.5, 0.2), { band: { kind: 'quantile', lo: f(0.9, 0.4, 0.1), hi: f(1.2, 0.6, 0.2) } });
    const [row] = discrepancies([theory, sim]);
    expect(row!.maxAbs).toBeCloseTo(0.1, 15);
    expect(row!.maxRel).toBeCloseTo(0.1, 15);
    expect(row!.rms).toBeCloseTo(Math.sqrt((0.01 + 0 + 0.0025) / 3), 15);
    expect(row!.coverage).toBeCloseTo(2 / 3, 15);
  });
});

describe('parameter filters', () => {
  it('read numeric, string and boolean comparisons on dotted paths', () => {
    expect(parseFilter('lr.gamma > 1')).toEqual({ path: 'lr.gamma', op: '>', value: 1 });
    expect(parseFilter('spectrum.kind = two_level')).toEqual({ path: 'spectrum.kind', op: '=', value: 'two_level' });
    expect(parseFilter('d>=1e3')).toEqual({ path: 'd', op: '>=', value: 1000 });
    expect(parseFilter("name == 'a b'")).toEqual({ path: 'name', op: '=', value: 'a b' });
    expect(filterToSql(parseFilter('lr.gamma > 1'))).toEqual({ sql: 'json_extract(r.params_json, ?) > ?', args: ['$.lr.gamma', 1] });
  });

  it('refuse text that is not a filter, and ordering against text', () => {
    expect(() => parseFilter('drop table runs')).toThrow(FilterSyntaxError);
    expect(() => parseFilter('x; -- > 1')).toThrow(FilterSyntaxError);
    expect(() => parseFilter('spectrum.kind > two_level')).toThrow(/not a number/);
  });
});

describe('sweep expansion', () => {
  const base = { kind: 'k' };
  it('grid is the cartesian product', () => {
    const points = expandSweep({ ...base, mode: 'grid', axes: [{ path: 'a', values: [1, 2, 3] }, { path: 'b', values: ['x', 'y'] }] });
    expect(points).toHaveLength(6);
    expect(points[1]).toEqual({ values: { a: 1, b: 'y' } });
  });

  it('zip pairs equal-length lists and refuses unequal ones', () => {
    expect(expandSweep({ ...base, mode: 'zip', axes: [{ path: 'a', values: [1, 2] }, { path: 'b', values: [3, 4] }] })).toEqual([
      { values: { a: 1, b: 3 } },
      { values: { a: 2, b: 4 } },
    ]);
    expect(() => expandSweep({ ...base, mode: 'zip', axes: [{ path: 'a', values: [1, 2] }, { path: 'b', values: [3] }] })).toThrow(SweepSpecError);
  });

  it('seeds repeats each configuration once per seed', () => {
    const points = expandSweep({ ...base, mode: 'seeds', axes: [{ path: 'a', values: [1, 2] }], seeds: [7, 8, 9] });
    expect(points).toHaveLength(6);
    expect(points[0]).toEqual({ values: { a: 1 }, seed: 7 });
    expect(() => expandSweep({ ...base, mode: 'seeds', axes: [] })).toThrow(/list of seeds/);
  });

  it('refuses the same parameter on two axes', () => {
    expect(() => expandSweep({ ...base, mode: 'grid', axes: [{ path: 'a', values: [1] }, { path: 'a', values: [2] }] })).toThrow(/two axes/);
  });
});
