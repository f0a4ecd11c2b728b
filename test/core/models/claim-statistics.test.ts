/** The statistics claims measure, against values computed by hand. */
import { describe, expect, it } from 'vitest';
import { finalValue, firstCrossing, logLogSlope, measure, pickSeries, relativeGap, valueAt } from '../../../core/models/claim-statistics.js';
import { describeExpectation, describeTolerance, meetsExpectation } from '../../../core/models/claims.js';
import type { RunResult, Series } from '../../../core/models/model-kind.js';

function series(name: string, source: Series['source'], x: number[], y: number[], extra: Partial<Series> = {}): Series {
  return { name, source, x: Float64Array.from(x), y: Float64Array.from(y), xLabel: 't', yLabel: name, ...extra };
}

describe('finalValue', () => {
  it('is the last finite value, skipping a trailing NaN and infinity', () => {
    expect(finalValue([1, 2, 3])).toBe(3);
    expect(finalValue([1, 2, NaN, Infinity])).toBe(2);
  });
  it('is NaN for an empty or all-NaN series', () => {
    expect(finalValue([])).toBeNaN();
    expect(finalValue([NaN])).toBeNaN();
  });
});

describe('valueAt', () => {
  const x = [0, 1, 3];
  const y = [2, 4, 0];
  it('interpolates linearly between recorded points', () => {
    // between (1, 4) and (3, 0): 4 + (0 - 4) * (2 - 1) / 2 = 2
    expect(valueAt(x, y, 2)).toBe(2);
    expect(valueAt(x, y, 0.25)).toBe(2.5);
  });
  it('returns recorded values at recorded points, ends included', () => {
    expect(valueAt(x, y, 0)).toBe(2);
    expect(valueAt(x, y, 1)).toBe(4);
    expect(valueAt(x, y, 3)).toBe(0);
  });
  it('is NaN outside the recorded range', () => {
    expect(valueAt(x, y, -0.1)).toBeNaN();
    expect(valueAt(x, y, 3.1)).toBeNaN();
  });
});

describe('logLogSlope', () => {
  it('recovers the exponent of an exact power law y = 5 x^-1.4', () => {
    const x = [1, 10, 100, 1000, 10000];
    const y = x.map((v) => 5 * v ** -1.4);
    expect(logLogSlope(x, y, 1, 1e4)).toBeCloseTo(-1.4, 12);
  });
  it('fits only the points inside [from, to]', () => {
    // y = x on [1, 10], y = x^-2 beyond: the window [100, 10000] sees slope -2 only.
    const x = [1, 10, 100, 1000, 10000];
    const y = [1, 10, 1e-4, 1e-6, 1e-8];
    expect(logLogSlope(x, y, 100, 1e4)).toBeCloseTo(-2, 12);
  });
  it('is the least-squares slope of three points by hand', () => {
    // log x = 0, 1, 2 (x = 1, e, e^2); log y = 0, 1, 3: slope = sum((u - 1)(v - 4/3)) / sum((u - 1)^2) = 3 / 2
    const e = Math.E;
    expect(logLogSlope([1, e, e * e], [1, e, e ** 3], 0, 100)).toBeCloseTo(1.5, 12);
  });
  it('ignores non-positive values and is NaN with fewer than two points', () => {
    expect(logLogSlope([0, 1, 10], [5, 1, 0], 0, 100)).toBeNaN();
    expect(logLogSlope([1, 10, 100], [1, -1, 100], 0, 1000)).toBeCloseTo(1, 12);
  });
});

describe('firstCrossing', () => {
  it('interpolates inside the first interval that straddles the level, falling or rising', () => {
    // y falls from 1 to 0.2 between x = 1 and 3: it reaches 0.5 at 1 + 2 (0.5 / 0.8) = 2.25
    expect(firstCrossing([0, 1, 3, 4], [1, 1, 0.2, 0.9], 0.5)).toBe(2.25);
    // rising: from 0 at x = 2 to 4 at x = 4 reaches 1 at 2.5
    expect(firstCrossing([0, 2, 4], [0, 0, 4], 1)).toBe(2.5);
  });
  it('returns a recorded x where y equals the level, the first point included', () => {
    expect(firstCrossing([0, 1, 2], [3, 2, 1], 2)).toBe(1);
    expect(firstCrossing([5, 6], [2, 1], 2)).toBe(5);
  });
  it('is NaN when the level is never reached', () => {
    expect(firstCrossing([0, 1, 2], [1, 2, 3], 5)).toBeNaN();
    expect(firstCrossing([], [], 0)).toBeNaN();
  });
});

describe('relativeGap', () => {
  it('is max |simulation - theory| / max |theory| with the theory interpolated at the simulation grid', () => {
    const theory = { x: Float64Array.from([0, 2, 4]), y: Float64Array.from([4, 2, 0]) };
    // theory at 1 and 3 is 3 and 1; differences 0.5 and 0.25; max |theory| over those points is 3
    const simulation = { x: Float64Array.from([1, 3]), y: Float64Array.from([3.5, 0.75]) };
    expect(relativeGap(theory, simulation)).toBeCloseTo(0.5 / 3, 15);
  });
  it('skips simulation points outside the theory range', () => {
    const theory = { x: Float64Array.from([0, 1]), y: Float64Array.from([1, 1]) };
    const simulation = { x: Float64Array.from([0.5, 2]), y: Float64Array.from([1.1, 100]) };
    expect(relativeGap(theory, simulation)).toBeCloseTo(0.1, 12);
  });
  it('is NaN when the curves share no point', () => {
    const theory = { x: Float64Array.from([0, 1]), y: Float64Array.from([1, 1]) };
    expect(relativeGap(theory, { x: Float64Array.from([5]), y: Float64Array.from([1]) })).toBeNaN();
  });
});

describe('measure', () => {
  const result: RunResult = {
    series: [
      series('risk', 'theory', [1, 10, 100], [1, 0.1, 0.01]),
      series('risk', 'simulation', [1, 10, 100], [9, 9, 9], { replica: 0 }),
      series('risk', 'simulation', [1, 10, 100], [1.1, 0.1, 0.01]),
    ],
    scalars: { a: 3, lo: 1, hi: 5 },
  };
  it('takes the replica mean (no replica index) over a replica', () => {
    expect(pickSeries(result, 'risk', 'simulation').y[0]).toBe(1.1);
  });
  it('measures every kind of observable', () => {
    expect(measure({ kind: 'scalar', name: 'a' }, result)).toBe(3);
    expect(measure({ kind: 'ratio', numerator: 'a', denominator: 'hi' }, result)).toBe(0.6);
    expect(measure({ kind: 'position', value: 'a', lo: 'lo', hi: 'hi' }, result)).toBe(0.5);
    expect(measure({ kind: 'final', series: 'risk', source: 'theory' }, result)).toBe(0.01);
    expect(measure({ kind: 'value-at', series: 'risk', source: 'theory', x: 55 }, result)).toBeCloseTo(0.055, 15);
    expect(measure({ kind: 'slope', series: 'risk', source: 'theory', from: 1, to: 100 }, result)).toBeCloseTo(-1, 12);
    expect(measure({ kind: 'gap', series: 'risk', simulation: 'simulation' }, result)).toBeCloseTo(0.1, 12);
    // theory falls from 1 at x = 1 to 0.1 at x = 10: it reaches 0.55 half way, at 5.5
    expect(measure({ kind: 'crossing', series: 'risk', source: 'theory', level: 0.55 }, result)).toBeCloseTo(5.5, 12);
  });
  it('names what is missing', () => {
    expect(() => measure({ kind: 'scalar', name: 'nope' }, result)).toThrow(/no scalar "nope"/);
    expect(() => measure({ kind: 'final', series: 'lr', source: 'theory' }, result)).toThrow(/no theory series "lr"/);
  });
});

describe('expectations', () => {
  it('approx: absolute and relative tolerances, edges included', () => {
    expect(meetsExpectation({ kind: 'approx', value: 1, tolerance: 0.5 }, 1.5)).toBe(true);
    expect(meetsExpectation({ kind: 'approx', value: 1, tolerance: 0.5 }, 1.5000001)).toBe(false);
    expect(meetsExpectation({ kind: 'approx', value: -2, tolerance: 0.1, relative: true }, -2.19)).toBe(true);
    expect(meetsExpectation({ kind: 'approx', value: -2, tolerance: 0.1, relative: true }, -2.21)).toBe(false);
  });
  it('inequalities are strict, ranges closed', () => {
    expect(meetsExpectation({ kind: 'below', bound: 0 }, 0)).toBe(false);
    expect(meetsExpectation({ kind: 'above', bound: 0 }, 1e-300)).toBe(true);
    expect(meetsExpectation({ kind: 'between', lo: 1, hi: 2 }, 2)).toBe(true);
    expect(meetsExpectation({ kind: 'between', lo: 1, hi: 2 }, 0.999)).toBe(false);
  });
  it('a NaN never meets an expectation; +infinity is above any bound', () => {
    expect(meetsExpectation({ kind: 'approx', value: 0, tolerance: 1e9 }, NaN)).toBe(false);
    expect(meetsExpectation({ kind: 'below', bound: 1 }, NaN)).toBe(false);
    expect(meetsExpectation({ kind: 'above', bound: 1 }, Infinity)).toBe(true);
    expect(meetsExpectation({ kind: 'below', bound: 1 }, -Infinity)).toBe(false);
  });
  it('describes the expected value and the tolerance apart', () => {
    expect(describeExpectation({ kind: 'approx', value: 0.869834, tolerance: 1e-4 })).toBe('0.8698');
    expect(describeTolerance({ kind: 'approx', value: 0.869834, tolerance: 1e-4 })).toBe('± 1e-4');
    expect(describeTolerance({ kind: 'approx', value: 1, tolerance: 0.05, relative: true })).toBe('± 5%');
    expect(describeExpectation({ kind: 'between', lo: 1, hi: 2 })).toBe('in [1, 2]');
    expect(describeExpectation({ kind: 'below', bound: -0.3 })).toBe('< -0.3');
  });
});
