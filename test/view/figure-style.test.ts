import { describe, expect, it } from 'vitest';
import type { ChartDataset } from 'chart.js';
import type { Series, SeriesSource } from '../../core/models/model-kind.js';
import { buildChartConfig, type Point } from '../../view/charts/chart-config.js';
import { colorScale } from '../../view/charts/heatmap-config.js';
import { bestSpot, fitLegend, fitLegendRow, measureLegend, type LegendEntry } from '../../view/charts/legend.js';
import { axisLimits } from '../../view/charts/limits.js';
import { nearestPerDataset } from '../../view/charts/register.js';
import { luminance, SOURCE_STYLES } from '../../view/charts/style.js';
import { linearTicks, logTicks, niceStep } from '../../view/charts/tick-values.js';
import { alignedFormat, formatLinearTick } from '../../view/charts/ticks.js';
import { parseGrid, parseLimits, panelLetter } from '../../view/figure-options.js';

const X = Float64Array.from({ length: 21 }, (_, i) => i / 20);
function curve(source: SeriesSource, label: string, y: (x: number) => number, extra: Partial<Series> = {}): Series {
  return { name: 'risk', source, label, x: X, y: X.map(y), xLabel: 't', yLabel: 'risk', ...extra };
}
const colour = (series: Series[], label: string) =>
  (buildChartConfig(series).config.data.datasets as ChartDataset<'line', Point[]>[]).find((d) => d.label === label)?.borderColor;

describe('round ticks', () => {
  it('falls on round values for a fraction between 0.013 and 0.95 (not 0.01, 0.11, 0.21, …)', () => {
    const values = linearTicks(0.013, 0.95, 6).map((t) => t.value);
    expect(values).toEqual([0.2, 0.4, 0.6, 0.8]);
    for (const v of linearTicks(0.0131, 0.2177, 8).map((t) => t.value)) expect(Math.round(v / 0.025) * 0.025).toBeCloseTo(v, 12);
  });

  it('labels a step of 0.25 with two decimals (0.75, not 0.8)', () => {
    const values = linearTicks(0.5, 2, 7).map((t) => t.value);
    expect(values).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    expect(values.map((v) => formatLinearTick(v, values))).toEqual(['0.5', '0.75', '1', '1.25', '1.5', '1.75', '2']);
  });

  it('writes steps without binary noise (0.1 + 0.2 is 0.3)', () => {
    expect(linearTicks(0, 1, 11).map((t) => t.value)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(niceStep(0, 7, 5)).toBe(2);
  });

  it('puts majors at decades and unlabelled minors at 2…9 × 10ᵏ on a log axis, with only decades over many', () => {
    const ticks = logTicks(0.003, 20, 8);
    expect(ticks.filter((t) => t.major).map((t) => t.value)).toEqual([0.01, 0.1, 1, 10]);
    expect(ticks.filter((t) => !t.major).map((t) => t.value)).toContain(0.005);
    const wide = logTicks(1e-30, 1, 8);
    expect(wide.every((t) => Number.isInteger(Math.log10(t.value)))).toBe(true);
    expect(wide.filter((t) => t.major).length).toBeLessThanOrEqual(8);
  });
});

describe('axis limits from the data', () => {
  it('fit the data with a small margin and do not reach down to 0', () => {
    const { min, max } = axisLimits(0.52, 0.74, { log: false, margin: 0.05 });
    expect(min).toBeCloseTo(0.509, 6);
    expect(max).toBeCloseTo(0.751, 6);
  });

  it('widen by a factor on a log axis, keep user limits, and open a range around a single value', () => {
    const log = axisLimits(1e-4, 1, { log: true, margin: 0.05 });
    expect(Math.log10(log.min)).toBeCloseTo(-4.2, 9);
    expect(Math.log10(log.max)).toBeCloseTo(0.2, 9);
    expect(axisLimits(0.52, 0.74, { log: false, margin: 0.05, user: [0, null] })).toEqual({ min: 0, max: expect.closeTo(0.751, 6) });
    expect(axisLimits(2, 2, { log: false, margin: 0 })).toEqual({ min: 1.8, max: 2.2 });
    // Underflow on a log axis stays a positive limit.
    expect(axisLimits(1e-320, 1, { log: true, margin: 0.05 }).min).toBeGreaterThan(0);
  });
});

describe('one colour and style per source', () => {
  it('draws theory in the same colour in sgd-glm ("ODE (theory)") and dp-sgd ("ODE (per mode)")', () => {
    const sgd = [curve('theory', 'ODE (theory)', (x) => 1 - x), curve('simulation', 'SGD mean (8 replicas)', (x) => 1 - x), curve('sde', 'homogenized SGD mean (8 replicas)', (x) => 1 - x)];
    const dp = [curve('theory', 'ODE (per mode)', (x) => 1 - x), curve('simulation', 'DP-SGD mean (4 replicas)', (x) => x), curve('bound_lower', 'lower bound (lambda_max ODE)', (x) => x), curve('bound_upper', 'upper bound (lambda_min ODE)', (x) => x)];
    expect(colour(sgd, 'ODE (theory)')).toBe(SOURCE_STYLES.theory.color);
    expect(colour(dp, 'ODE (per mode)')).toBe(SOURCE_STYLES.theory.color);
    // The simulation mean keeps its colour from panel to panel, whatever its label.
    expect(colour(sgd, 'SGD mean (8 replicas)')).toBe(colour(dp, 'DP-SGD mean (4 replicas)'));
  });

  it('colours families of a finite-size study by dimension, theory matching its own dimension', () => {
    const series = [curve('theory', 'ODE (theory, d = 64)', (x) => x), ...[16, 64].map((d) => curve('simulation', `SGD d = ${d} (mean of 3)`, (x) => x))];
    expect(colour(series, 'SGD d = 16 (mean of 3)')).not.toBe(colour(series, 'SGD d = 64 (mean of 3)'));
    expect(colour(series, 'ODE (theory, d = 64)')).toBe(colour(series, 'SGD d = 64 (mean of 3)'));
  });

  it('tells every source apart in grey scale by line style alone (dash, marker, width)', () => {
    const signature = (s: SeriesSource) => JSON.stringify([SOURCE_STYLES[s].dash, SOURCE_STYLES[s].marker, SOURCE_STYLES[s].width]);
    const sources = Object.keys(SOURCE_STYLES) as SeriesSource[];
    expect(new Set(sources.map(signature)).size).toBe(sources.length);
    // Theory (near black) and the simulation mean differ in grey level too.
    expect(luminance(SOURCE_STYLES.simulation.color) - luminance(SOURCE_STYLES.theory.color)).toBeGreaterThan(0.1);
  });

  it('marks about a dozen points of a simulation mean and none of the theory', () => {
    const long = (n: number) => Float64Array.from({ length: n }, (_, i) => i);
    const sim: Series = { name: 'risk', source: 'simulation', x: long(200), y: long(200), xLabel: 't', yLabel: 'r' };
    const ds = buildChartConfig([sim]).config.data.datasets[0] as ChartDataset<'line', Point[]> & { pointRadius: (c: { dataIndex: number }) => number };
    const marked = Array.from({ length: 200 }, (_, i) => ds.pointRadius({ dataIndex: i })).filter((r) => r > 0).length;
    expect(marked).toBeGreaterThanOrEqual(10);
    expect(marked).toBeLessThanOrEqual(14);
  });
});

describe('the compact legend', () => {
  const ctx = { font: '', measureText: (t: string) => ({ width: t.length * 5 }) };
  const entry = (text: string): LegendEntry => ({ text, color: '#000', width: 1, dash: [], marker: 'none', markerRadius: 0, datasets: [] });
  const style = { size: 10, color: '#000', background: '#fff' };

  it('takes more columns when one column is too tall, and short samples', () => {
    const entries = ['ODE', 'SGD mean', 'lower bound', 'upper bound'].map(entry);
    const one = measureLegend(ctx, entries, style, 1);
    expect(one.rows).toBe(4);
    // Sample, gap and padding: well under three font sizes besides the text.
    expect(one.width - 11 * 5).toBeLessThan(30);
    const fitted = fitLegend(ctx, entries, style, 400, one.height * 0.6);
    expect(fitted.columns).toBe(2);
  });

  it('below the axes, lays its entries out in as few rows as the width allows', () => {
    const entries = ['ODE', 'SGD mean', 'lower bound', 'upper bound'].map(entry);
    expect(fitLegendRow(ctx, entries, style, 1000).rows).toBe(1);
    expect(fitLegendRow(ctx, entries, style, 160).rows).toBe(2);
  });

  it('goes where it covers the fewest drawn points, upper right on a tie', () => {
    const area = { left: 0, top: 0, right: 100, bottom: 100 };
    // A curve along the top edge: the legend goes to the lower half.
    const top = Array.from({ length: 50 }, (_, i) => ({ x: i * 2, y: 5 }));
    expect(bestSpot(top, area, 30, 20, 2).spot).toMatch(/^lower/);
    expect(bestSpot([], area, 30, 20, 2).spot).toBe('upper right');
  });
});

describe('the crosshair tooltip', () => {
  it('lists every curve at the pointer x, each at its own nearest point, and none that ends far away', () => {
    const meta = (index: number, xs: number[]) => ({ index, data: xs.map((x) => ({ x, y: 10, skip: false })) });
    const chart = {
      chartArea: { left: 0, right: 500, top: 0, bottom: 300 },
      getSortedVisibleDatasetMetas: () => [meta(0, [0, 100, 200, 300]), meta(1, [0, 55, 110, 165, 220]), meta(2, [0, 20, 40])],
    };
    const items = nearestPerDataset(chart as never, { x: 104, y: 50 } as never, {} as never);
    expect(items.map((i) => [i.datasetIndex, i.index])).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('rounds every value at one x alike', () => {
    const format = alignedFormat([0.5123456, 0.0312345, 12.5]);
    expect([0.5123456, 0.0312345, 12.5].map(format)).toEqual(['0.51', '0.03', '12.50']);
    expect(alignedFormat([1e-7, 3e-7])(2e-7)).toBe('2×10⁻⁷');
  });
});

describe('heatmap colour bars', () => {
  it('label round values along the bar, decades on a log colour scale', () => {
    const z = [
      [0.013, 0.2],
      [0.5, 0.97],
    ];
    expect(colorScale(z, false).ticks.map((t) => t.label)).toEqual(['0.2', '0.4', '0.6', '0.8']);
    const logs = colorScale([[1e-5, 1e-3], [1e-1, 2]], true);
    expect(logs.ticks.map((t) => t.label)).toEqual(['10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '10⁰']);
    expect(logs.norm(1e-5)).toBe(0);
  });
});

describe('figure option texts', () => {
  it('reads limits with either side open and refuses reversed or non-numeric ones', () => {
    expect(parseLimits('0.1,2')).toEqual([0.1, 2]);
    expect(parseLimits(',1e-3')).toEqual([null, 0.001]);
    expect(parseLimits('2,1')).toMatch(/below/);
    expect(parseLimits('a,1')).toMatch(/numbers/);
    expect(parseLimits(',')).toMatch(/at least one/);
  });

  it('reads panel grids as ROWSxCOLUMNS and letters panels (a), (b), …', () => {
    expect(parseGrid('2x2')).toEqual({ rows: 2, columns: 2 });
    expect(parseGrid('1×3')).toEqual({ rows: 1, columns: 3 });
    expect(parseGrid('0x2')).toMatch(/from 1/);
    expect(parseGrid('two')).toMatch(/ROWSxCOLUMNS/);
    expect([0, 1, 3].map(panelLetter)).toEqual(['(a)', '(b)', '(d)']);
  });
});
