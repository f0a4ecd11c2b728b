import { describe, expect, it } from 'vitest';
import type { Series } from '../../core/models/model-kind.js';
import { suggestLogAxes } from '../../view/charts/axes.js';
import { groupSeriesByName, hasReplicas } from '../../view/charts/series-groups.js';
import { formatDuration, formatShortTime, runDuration } from '../../renderer/src/lib/format.js';
import { parseRoute, routeHash } from '../../renderer/src/lib/route.js';

function s(name: string, x: number[], y: number[], extra: Partial<Series> = {}): Series {
  return { name, source: 'theory', x: new Float64Array(x), y: new Float64Array(y), xLabel: 'x', yLabel: 'y', ...extra };
}

describe('grouping series into charts', () => {
  it('makes one group per observable, in order of first appearance', () => {
    const groups = groupSeriesByName([s('risk', [0], [1]), s('lr', [0], [1]), s('risk', [0], [1], { source: 'simulation', replica: 0 })]);
    expect(groups.map((g) => [g.name, g.series.length])).toEqual([
      ['risk', 2],
      ['lr', 1],
    ]);
    expect(hasReplicas(groups[0].series)).toBe(true);
    expect(hasReplicas(groups[1].series)).toBe(false);
  });
});

describe('initial axis scales', () => {
  it('picks log y for a positive curve decaying over decades and keeps linear x for a uniform time grid', () => {
    const t = Array.from({ length: 101 }, (_, i) => i / 10);
    expect(suggestLogAxes([s('risk', t, t.map((v) => Math.exp(-v)))])).toEqual({ logX: false, logY: true });
  });
  it('picks log–log for a power law on a log-spaced grid', () => {
    const n = Array.from({ length: 40 }, (_, i) => 10 ** (1 + i / 10));
    expect(suggestLogAxes([s('err', n, n.map((v) => v ** -0.5))])).toEqual({ logX: true, logY: true });
  });
  it('stays linear when values change sign', () => {
    const t = [0, 1, 2, 3];
    expect(suggestLogAxes([s('overlap', t, [-1, 0.001, 0.5, 1])])).toEqual({ logX: false, logY: false });
  });
});

describe('durations', () => {
  it('formats milliseconds to minutes and hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2034)).toBe('2.03 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('');
  });
  it('counts a running run’s elapsed time', () => {
    const startedAt = new Date(10_000).toISOString();
    expect(runDuration({ durationMs: null, startedAt, status: 'running' }, 15_000)).toBe(5_000);
    expect(runDuration({ durationMs: 42, startedAt, status: 'done' }, 15_000)).toBe(42);
    expect(runDuration({ durationMs: null, startedAt: null, status: 'queued' }, 15_000)).toBeNull();
  });
});

describe('short local times', () => {
  it('shows the time today, month-day this year, and the date before', () => {
    const now = new Date(2025, 10, 28, 15, 0, 0);
    expect(formatShortTime(new Date(2025, 10, 28, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(formatShortTime(new Date(2025, 1, 3, 9, 5, 7).toISOString(), now)).toBe('02-03 09:05');
    expect(formatShortTime(new Date(2024, 1, 3, 9, 5, 7).toISOString(), now)).toBe('2024-02-03');
    expect(formatShortTime('garbage', now)).toBe('');
  });
});

describe('routes in the URL hash', () => {
  it('round-trips the new-run form and a run view', () => {
    expect(parseRoute(routeHash({ view: 'new' }))).toEqual({ view: 'new' });
    expect(parseRoute(routeHash({ view: 'run', id: 'run-abc-0001' }))).toEqual({ view: 'run', id: 'run-abc-0001' });
    expect(parseRoute('#/runs/<script>')).toEqual({ view: 'none' });
    expect(routeHash({ view: 'reproduce' })).toBe('#/reproduce');
    expect(parseRoute('#/reproduce')).toEqual({ view: 'reproduce' });
    expect(parseRoute('#/reproduce/x')).toEqual({ view: 'none' });
    expect(parseRoute('')).toEqual({ view: 'none' });
  });
});
