/** Live curves: every provisional curve says which part it is from and that it is "(so far)". */
import { describe, expect, it } from 'vitest';
import { initialLogAxes, liveGroups, liveScalars } from '../../view/charts/index.js';
import type { Series } from '../../core/models/model-kind.js';

const curve = (name: string, ys: number[], extra: Partial<Series> = {}): Series => ({
  name, source: 'simulation', x: Float64Array.from(ys, (_, i) => i + 1), y: Float64Array.from(ys), xLabel: 't', yLabel: name, ...extra,
});

describe('liveGroups', () => {
  it('groups by observable, labels each curve with its label (else its part) and "(so far)", orders parts naturally and drops replica/band fields', () => {
    const groups = liveGroups({
      'replica 10': { series: [curve('risk', [3, 2])] },
      'replica 2': { series: [curve('risk', [4, 1], { replica: 2, band: { lo: new Float64Array(2), hi: new Float64Array(2), kind: 'std' } }), curve('lr', [1])] },
      theory: { series: [curve('risk', [5], { source: 'theory', label: 'ODE' })] },
    });
    expect(groups.map((g) => g.name)).toEqual(['risk', 'lr']);
    expect(groups[0]!.series.map((s) => s.label)).toEqual(['replica 2 (so far)', 'replica 10 (so far)', 'ODE (so far)']);
    expect(groups[0]!.series.every((s) => s.replica === undefined && s.band === undefined)).toBe(true);
    expect(Array.from(groups[0]!.series[1]!.y)).toEqual([3, 2]);
    expect(groups[1]!.series.map((s) => s.label)).toEqual(['replica 2 (so far)']);
  });

  it('prefixes running scalars (a two-halves diagnostic) with their part', () => {
    expect(liveScalars({ 'replica 1': { series: [], scalars: { rhat: 1.02 } }, 'replica 0': { series: [], scalars: { rhat: 1.1 } } }))
      .toEqual({ 'replica 0: rhat': 1.1, 'replica 1: rhat': 1.02 });
  });
});

describe('initialLogAxes', () => {
  const geometric = curve('error', [0.5, 0.2, 0.1, 0.05]);
  geometric.x = Float64Array.of(512, 1024, 2048, 4096);
  it('takes the kind\'s declaration where the data have positive values, the data\'s guess without one', () => {
    expect(initialLogAxes([geometric], { logX: true, logY: true })).toEqual({ logX: true, logY: true });
    expect(initialLogAxes([geometric], { logX: false, logY: false })).toEqual({ logX: false, logY: false });
    expect(initialLogAxes([curve('overlap', [-1, -0.5])], { logX: true, logY: true })).toEqual({ logX: true, logY: false });
    expect(initialLogAxes([geometric])).toEqual({ logX: true, logY: true });
  });
});
