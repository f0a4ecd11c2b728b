import { describe, expect, it } from 'vitest';
import type { ChartDataset } from 'chart.js';
import type { Series, SeriesSource } from '../../core/models/model-kind.js';
import { buildChartConfig, labelStem, preparePoints, seriesLabel, type Point } from '../../view/charts/chart-config.js';
import { SOURCE_STYLES } from '../../view/charts/style.js';

const X = new Float64Array([0, 1, 2, 3, 4]);

function series(source: SeriesSource, y: number[], extra: Partial<Series> = {}): Series {
  return { name: 'risk', source, x: X, y: new Float64Array(y), xLabel: 't', yLabel: 'risk', ...extra };
}

const theory = series('theory', [1, 0.5, 0.25, 0.125, 0.0625]);
const aggregate = series('simulation', [1.1, 0.45, 0.3, 0.1, 0.07], {
  band: { lo: new Float64Array([0.9, 0.3, 0.1, -0.05, 0.01]), hi: new Float64Array([1.3, 0.6, 0.5, 0.25, 0.13]), kind: 'std' },
});
const replicas = [0, 1, 2].map((r) => series('simulation', [1, 0.4 + r / 10, 0.3, 0.1, 0.05], { replica: r, seed: 10 + r }));

type LineDataset = ChartDataset<'line', Point[]>;
const datasets = (m: ReturnType<typeof buildChartConfig>) => m.config.data.datasets as LineDataset[];

describe('chart configuration of one observable', () => {
  it('draws theory as the thickest solid line, under the simulation mean and over bands and replicas', () => {
    const model = buildChartConfig([aggregate, theory, ...replicas], { replicas: 'lines' });
    const all = datasets(model);
    const ds = all[0];
    expect(ds.label).toBe('theory');
    expect(ds.borderDash).toEqual([]);
    expect(ds.borderWidth).toBe(SOURCE_STYLES.theory.width);
    expect(Math.max(...all.map((d) => Number(d.borderWidth)))).toBe(ds.borderWidth);
    // chart.js draws higher `order` first.
    expect(Number(ds.order)).toBeGreaterThan(Number(all[1].order));
    expect(Number(ds.order)).toBeLessThan(Number(all[2].order));
    const banded = datasets(buildChartConfig([aggregate, theory]));
    expect(Number(banded[2].order)).toBeGreaterThan(Number(banded[0].order));
  });

  it('shades the simulation band between lo and hi and lists only curves as plotted series', () => {
    const model = buildChartConfig([theory, aggregate, ...replicas], { replicas: 'band' });
    expect(model.roles).toEqual(['curve', 'curve', 'band-lo', 'band-hi']);
    const [, mean, lo, hi] = datasets(model);
    expect(mean.label).toBe('simulation (mean ± std)');
    expect(lo.fill).toBe(false);
    expect(hi.fill).toBe('-1');
    expect(String(hi.backgroundColor)).toMatch(/^rgba\(/);
    expect(lo.data.map((p) => p.y)).toEqual([0.9, 0.3, 0.1, -0.05, 0.01]);
    expect(model.plotted).toEqual([
      { source: 'theory', label: 'theory' },
      { source: 'simulation', label: 'simulation (mean ± std)' },
    ]);
    expect(model.hasReplicas).toBe(true);
  });

  it('shows replicas as thin translucent lines and drops the band in "lines" mode', () => {
    const model = buildChartConfig([theory, aggregate, ...replicas], { replicas: 'lines' });
    expect(model.roles).toEqual(['curve', 'curve', 'replica', 'replica', 'replica']);
    const reps = datasets(model).slice(2);
    for (const r of reps) {
      expect(Number(r.borderWidth)).toBeLessThan(SOURCE_STYLES.simulation.width);
      expect(String(r.borderColor)).toMatch(/^rgba\(\d+, \d+, \d+, 0\.\d+\)$/);
    }
    expect(model.plotted.map((p) => p.label)).toEqual(['theory', 'simulation (mean)', 'replica 0', 'replica 1', 'replica 2']);
  });

  it('shows replicas in either mode when there is no aggregate, and the band when there are no replicas', () => {
    expect(buildChartConfig([theory, ...replicas], { replicas: 'band' }).roles).toEqual(['curve', 'replica', 'replica', 'replica']);
    expect(buildChartConfig([theory, aggregate], { replicas: 'lines' }).roles).toEqual(['curve', 'curve', 'band-lo', 'band-hi']);
  });

  it('gives every other source its own dash pattern', () => {
    const others: SeriesSource[] = ['sde', 'bound_lower', 'bound_upper', 'empirical', 'fit'];
    const model = buildChartConfig([theory, ...others.map((s) => series(s, [1, 1, 1, 1, 1]))]);
    const dashes = datasets(model).map((d) => JSON.stringify(d.borderDash));
    expect(new Set(dashes).size).toBe(dashes.length);
    expect(model.plotted.map((p) => p.source)).toEqual(['theory', 'sde', 'empirical', 'fit', 'bound_lower', 'bound_upper']);
  });

  it('uses log scales with 10ᵏ labels and filters non-positive values on log axes', () => {
    const model = buildChartConfig([theory, aggregate], { logX: true, logY: true });
    const scales = model.config.options?.scales as Record<string, { type: string; ticks: { callback: (...a: unknown[]) => string } }>;
    expect(scales.x.type).toBe('logarithmic');
    expect(scales.y.type).toBe('logarithmic');
    const ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].map((value) => ({ value, major: [0.01, 0.1, 1].includes(value) }));
    expect(scales.y.ticks.callback(0.01, 0, ticks)).toBe('10⁻²');
    expect(scales.y.ticks.callback(0.02, 1, ticks)).toBe('');
    const [th, , lo] = datasets(model);
    // x = 0 is dropped on a log x axis, and not counted: t = 0 has no place on a log time axis.
    expect(th.data.map((p) => p.x)).toEqual([1, 2, 3, 4]);
    // lo = -0.05 becomes a gap on a log y axis, counted as non-positive.
    expect(lo.data.map((p) => p.y)).toEqual([0.3, 0.1, Number.NaN, 0.01]);
    expect(model.nonPositivePoints).toBe(1);
    expect(model.missingPoints).toBe(0);
  });

  it('counts NaN points as missing, never as non-positive', () => {
    const stopped = series('theory', [1, 0.5, Number.NaN, Number.NaN, Number.NaN]);
    const model = buildChartConfig([stopped], { logY: true });
    expect(model.missingPoints).toBe(3);
    expect(model.nonPositivePoints).toBe(0);
  });

  it('keeps linear axes and every value by default', () => {
    const model = buildChartConfig([theory]);
    const scales = model.config.options?.scales as Record<string, { type: string }>;
    expect(scales.x.type).toBe('linear');
    expect(scales.y.type).toBe('linear');
    expect(datasets(model)[0].data).toHaveLength(5);
    expect(model.nonPositivePoints + model.missingPoints).toBe(0);
    expect(model.xLabel).toBe('t');
    expect(model.yLabel).toBe('risk');
  });

  it('has a dark theme for figures: light text and a light theory line', () => {
    const model = buildChartConfig([theory, aggregate], { theme: 'dark' });
    const [th, mean] = datasets(model);
    expect(th.borderColor).toBe('#f2f4f7');
    expect(mean.borderColor).toBe(SOURCE_STYLES.simulation.color);
    const scales = model.config.options?.scales as Record<string, { ticks: { color: string } }>;
    expect(scales.x.ticks.color).toBe('#e3e6ea');
  });

  it('bounds the number of points per curve', () => {
    const n = 50_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 100));
    const model = buildChartConfig([{ ...theory, x, y }], { maxPoints: 1000 });
    const data = datasets(model)[0].data;
    expect(data.length).toBeLessThanOrEqual(1000);
    expect(data[0].x).toBe(0);
    expect(data[data.length - 1].x).toBe(n - 1);
  });

  it('is plain data plus functions: no DOM needed, and survives a JSON round trip of its data', () => {
    const model = buildChartConfig([theory, aggregate, ...replicas], { title: 'risk', responsive: false, devicePixelRatio: 2 });
    expect(model.config.options?.responsive).toBe(false);
    expect(model.config.options?.devicePixelRatio).toBe(2);
    expect(model.config.options?.plugins?.title?.display).toBe(true);
    expect(() => JSON.stringify(model.config.data)).not.toThrow();
  });

  it('gathers replicas under one legend entry, and gives a band the entry of its mean', () => {
    const model = buildChartConfig([theory, aggregate, ...replicas], { replicas: 'lines' });
    expect(model.entries.map((e) => e.text)).toEqual(['theory', 'simulation (mean)', 'replicas (3)']);
    expect(model.entries[2]!.datasets).toEqual([2, 3, 4]);
    const banded = buildChartConfig([theory, aggregate], { replicas: 'band' });
    // The mean's entry stands for its line and both band edges, and shows the band's shade.
    expect(banded.entries[1]!.datasets).toEqual([1, 2, 3]);
    expect(banded.entries[1]!.band).toMatch(/^rgba\(/);
    expect(banded.entries[0]!.band).toBeUndefined();
  });
});

describe('series labels and colours', () => {
  it('names series by source when they carry no label', () => {
    expect(seriesLabel(theory)).toBe('theory');
    expect(seriesLabel(replicas[1])).toBe('replica 1');
    expect(seriesLabel(series('bound_upper', [1]))).toBe('upper bound');
    expect(seriesLabel(series('fit', [1], { label: 'fit t^-1/2' }))).toBe('fit t^-1/2');
  });

  it('reduces labels to what tells curve families apart', () => {
    expect(labelStem('theory (d=500)')).toBe('d 500');
    expect(labelStem('simulation, d=500')).toBe('d 500');
    expect(labelStem('replica 3')).toBe('');
    expect(labelStem(undefined)).toBe('');
  });

  it('colours curve families by label so theory and simulation of one family match', () => {
    const fam = (source: SeriesSource, label: string) => series(source, [1, 2, 3, 4, 5], { label });
    const model = buildChartConfig([fam('theory', 'theory: class 0'), fam('theory', 'theory: class 1'), fam('simulation', 'simulation: class 0')]);
    const [t0, t1, s0] = datasets(model);
    expect(t0.borderColor).not.toBe(t1.borderColor);
    expect(s0.borderColor).toBe(t0.borderColor);
  });
});

describe('preparing points', () => {
  it('drops x <= 0 on a log x axis and turns y <= 0 into gaps on a log y axis', () => {
    const p = preparePoints([0, 1, 2], [1, 0, 3], { logX: true, logY: true, maxPoints: 100 });
    expect(p.points).toEqual([
      { x: 1, y: Number.NaN },
      { x: 2, y: 3 },
    ]);
    // x = 0 is left out without being counted; y = 0 on the log y axis is counted.
    expect(p.nonPositive).toBe(1);
    expect(p.missing).toBe(0);
  });
  it('turns non-finite values into gaps on linear axes too', () => {
    const p = preparePoints([1, 2, 3], [1, Number.NaN, Number.POSITIVE_INFINITY], { logX: false, logY: false, maxPoints: 100 });
    expect(p.points.map((q) => q.y)).toEqual([1, Number.NaN, Number.NaN]);
  });
});

describe('initial axes of a scaling study', () => {
  it('open log–log when x doubles (dimensions 256…4096)', async () => {
    const { suggestLogAxes } = await import('../../view/charts/axes.js');
    const x = Float64Array.from([256, 512, 1024, 2048, 4096]);
    const y = x.map((d) => 3 / Math.sqrt(d));
    expect(suggestLogAxes([{ name: 'gap_vs_d', source: 'empirical', x, y, xLabel: 'd', yLabel: 'gap' }])).toEqual({ logX: true, logY: true });
  });

  it('stay linear for an evenly spaced grid', async () => {
    const { suggestLogAxes } = await import('../../view/charts/axes.js');
    const x = Float64Array.from([0, 1, 2, 3, 4, 5]);
    expect(suggestLogAxes([{ name: 'risk', source: 'theory', x, y: x.map((t) => 1 + t), xLabel: 't', yLabel: 'risk' }])).toEqual({ logX: false, logY: false });
  });
});
