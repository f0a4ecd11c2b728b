/**
 * Journal-size figures keep most of their area for the plot: for every preset of every kind (run
 * small), a figure of its first observable at 85 × 60 mm and at 174 × 60 mm, with a legend of at
 * least four entries inside the axes, gives a plotting area of at least 60 % of the figure,
 * measured from the layout chart.js computed for it.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { drawFigure, PT_PER_MM } from '../../app/engine/export/figure-draw.js';
import type { FigureSpec } from '../../app/engine/export/figure-spec.js';
import type { Series } from '../../core/models/model-kind.js';
import { kinds } from '../../core/models/registry.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { runKind } from '../../core/models/run-kind.js';
import { buildChartConfig } from '../../view/charts/chart-config.js';
import { FIGURE_PRESETS, lineScaleFor } from '../../view/figure-options.js';
import { BASELINE_CASES } from '../core/models/baseline/cases.js';
import { ctx } from '../core/models/ctx.js';

const PRESET_CASES = BASELINE_CASES.filter((c) => c.preset !== undefined);

/** Reference curves derived from the theory (or first) curve, to bring a legend up to four entries. */
function withFourEntries(series: Series[]): Series[] {
  const out = [...series];
  const base = series.find((s) => s.source === 'theory') ?? series[0]!;
  const extra: [Series['source'], string, number][] = [
    ['bound_upper', 'upper reference (1.2 × theory)', 1.2],
    ['bound_lower', 'lower reference (0.8 × theory)', 0.8],
    ['fit', 'fit of the theory', 1.05],
  ];
  for (const [source, label, factor] of extra) {
    if (buildChartConfig(out).entries.length >= 4) break;
    out.push({ ...base, source, label, band: undefined, replica: undefined, y: base.y.map((v) => v * factor) });
  }
  return out;
}

function spec(series: Series[], widthMm: number, log: { logX: boolean; logY: boolean }): FigureSpec {
  const fontSize = FIGURE_PRESETS.single.fontSize;
  return {
    panels: [{ kind: 'line', series }],
    rows: 1,
    columns: 1,
    widthMm,
    heightMm: 60,
    fontSize,
    lineScale: lineScaleFor(fontSize),
    theme: 'light',
    title: '',
    ...log,
    logZ: false,
    replicas: 'band',
    legend: 'auto',
    letters: false,
  };
}

describe('the plot fills a journal-size figure', () => {
  it('covers every preset of every kind', () => {
    for (const kind of kinds) {
      const presets = Object.keys(kind.presets);
      expect(presets.filter((p) => !PRESET_CASES.some((c) => c.kind === kind.id && c.preset === p)), kind.id).toEqual([]);
    }
  });

  it.each(PRESET_CASES.map((c) => [c.name, c] as const))('%s: plot area at least 60 percent of 85 × 60 and 174 × 60 mm with a four-entry legend', (_name, c) => {
    const kind = kinds.find((k) => k.id === c.kind)!;
    const resolved = resolveParams(kind, { preset: c.preset!, params: c.params });
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
    const result = runKind(kind, resolved.params, ctx(c.seed, c.replicas));
    const observable = kind.outputs.observables.find((o) => result.series.some((s) => s.name === o.name));
    if (!observable) throw new Error(`${c.name} draws none of its declared observables`);
    const series = withFourEntries(result.series.filter((s) => s.name === observable.name));
    for (const widthMm of [85, 174]) {
      const s = spec(series, widthMm, { logX: observable.logX, logY: observable.logY });
      const w = widthMm * PT_PER_MM;
      const h = 60 * PT_PER_MM;
      const layout = drawFigure(createCanvas(Math.ceil(w), Math.ceil(h)).getContext('2d'), s, w, h);
      const panel = layout.panels[0]!;
      const fraction = (panel.plot.width * panel.plot.height) / (w * h);
      expect(panel.legend?.entries.length, `${c.name} at ${widthMm} mm: legend entries`).toBeGreaterThanOrEqual(4);
      expect(panel.legend?.placement).toBe('auto');
      expect(fraction, `${c.name} at ${widthMm} mm: plot area fraction`).toBeGreaterThanOrEqual(0.6);
    }
  });
});

describe('log axes with mean ± band', () => {
  it('draw the hl-fig3c distance: every curve has points inside the plot, down to its last decade', async () => {
    const kind = kinds.find((k) => k.id === 'sgd-glm')!;
    const resolved = resolveParams(kind, { preset: 'hl-fig3c', params: { d: 60, T: 100, grid: 60 } });
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
    const series = runKind(kind, resolved.params, ctx(3, 4)).series.filter((s) => s.name === 'distance');
    const model = buildChartConfig(series, { logX: true, logY: true, replicas: 'band' });
    expect(model.roles.filter((r) => r === 'curve').length).toBe(3);
    for (const [i, ds] of model.config.data.datasets.entries()) {
      expect(ds.data.filter((p) => Number.isFinite(p.y) && p.y > 0).length, `${ds.label} (${model.roles[i]})`).toBeGreaterThan(30);
    }
    // Drawn: the chart's y axis reaches the curves' smallest values and the plot has ink in its lower half.
    const s = spec(series, 120, { logX: true, logY: true });
    const w = 120 * PT_PER_MM;
    const h = 60 * PT_PER_MM;
    const canvas = createCanvas(Math.ceil(w), Math.ceil(h));
    const layout = drawFigure(canvas.getContext('2d'), s, w, h);
    const plot = layout.panels[0]!.plot;
    const img = canvas.getContext('2d').getImageData(Math.ceil(plot.left), Math.ceil(plot.top + plot.height / 2), Math.floor(plot.width), Math.floor(plot.height / 2) - 1);
    let ink = 0;
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i]! < 80 && img.data[i + 1]! < 80 && img.data[i + 2]! < 80) ink++;
    expect(ink).toBeGreaterThan(20);
  });
});
