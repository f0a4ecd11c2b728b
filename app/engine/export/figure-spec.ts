/**
 * From a figure request to what is drawn: the size (a preset, overridden by explicit values), the
 * panels with their series and titles, the grid they sit in, and the options every panel shares
 * (axes, legend, letters). Reads runs and sweeps through `FigureData`; draws nothing.
 */
import type { FigureRequest, RunDetail, SweepDetail } from '../../api.js';
import { ApiError } from '../../api.js';
import type { Series } from '../../../core/models/model-kind.js';
import { getKind } from '../../../core/models/registry.js';
import type { HeatmapInput } from '../../../view/charts/heatmap-config.js';
import { overlaySeries } from '../../../view/charts/overlay.js';
import { sweepHeatmapInput, sweepLineSeries } from '../../../view/charts/sweep-summary.js';
import { FIGURE_PRESETS, lineScaleFor, MAX_GRID_SIDE, type AxisLimits, type LegendPlacement } from '../../../view/figure-options.js';
import { aggregateRuns } from '../analysis/aggregate.js';

export interface FigureData {
  run(id: string): RunDetail;
  sweep(id: string): SweepDetail;
}

export type PanelInput =
  | { kind: 'line'; series: Series[]; title?: string }
  | { kind: 'heatmap'; input: Omit<HeatmapInput, 'title' | 'font' | 'responsive'>; title?: string };

export interface FigureSpec {
  panels: PanelInput[];
  rows: number;
  columns: number;
  widthMm: number;
  heightMm: number;
  /** Text size in points. */
  fontSize: number;
  lineScale: number;
  theme: 'light' | 'dark';
  title: string;
  logX: boolean;
  logY: boolean;
  logZ: boolean;
  replicas: 'lines' | 'band';
  legend: LegendPlacement;
  xlim?: AxisLimits;
  ylim?: AxisLimits;
  xLabel?: string;
  yLabel?: string;
  letters: boolean;
}

type PanelFigure = Extract<FigureRequest['figure'], { type: 'run' | 'overlay' | 'aggregate' | 'sweep-line' }>;

function seriesNamed(run: RunDetail, name: string): Series[] {
  const series = (run.result?.series ?? []).filter((s) => s.name === name);
  if (!series.length) {
    const names = [...new Set((run.result?.series ?? []).map((s) => s.name))];
    throw new ApiError('bad_request', `run ${run.id} has no series "${name}"${names.length ? `; it has ${names.join(', ')}` : ''}`);
  }
  return series;
}

/** One panel of line charts from its request. */
function linePanel(f: PanelFigure, data: FigureData): Extract<PanelInput, { kind: 'line' }> {
  switch (f.type) {
    case 'run': {
      const run = data.run(f.id);
      return { kind: 'line', series: seriesNamed(run, f.name), title: run.name };
    }
    case 'overlay': {
      const runs = f.ids.map((id) => data.run(id));
      const series = overlaySeries(runs.map((run) => ({ id: run.id, name: run.name, series: seriesNamed(run, f.name) })));
      return { kind: 'line', series, title: f.name };
    }
    case 'aggregate': {
      const runs = f.ids.map((id) => data.run(id));
      const keys = new Set(runs.map((r) => `${r.kind}/${r.paramsHash}`));
      if (keys.size > 1) throw new ApiError('bad_request', 'only runs that differ in nothing but the seed can be aggregated');
      const series = aggregateRuns(runs.map((r) => ({ id: r.id, series: seriesNamed(r, f.name) })), f.band ?? 'std');
      return { kind: 'line', series, title: `${runs[0]!.name}: mean of ${runs.length} seeds` };
    }
    case 'sweep-line': {
      const sweep = data.sweep(f.sweepId);
      return { kind: 'line', series: sweepLineSeries(sweep, f.scalar, f.path, getKind(sweep.kind)?.outputs), title: sweep.name };
    }
  }
}

/** The panels of the request, in order. */
function panelsOf(req: FigureRequest, data: FigureData): PanelInput[] {
  const f = req.figure;
  switch (f.type) {
    case 'compare':
      return f.ids.map((id) => linePanel({ type: 'run', id, name: f.name }, data));
    case 'grid':
      // Panels of one sweep differ only in the scalar they show: name each by it.
      return f.panels.map((p) => (p.type === 'sweep-line' ? { ...linePanel(p, data), title: p.scalar } : linePanel(p, data)));
    case 'sweep-heatmap': {
      const sweep = data.sweep(f.sweepId);
      return [{ kind: 'heatmap', input: sweepHeatmapInput(sweep, f.scalar, f.xPath, f.yPath), title: sweep.name }];
    }
    default:
      return [linePanel(f, data)];
  }
}

/** Columns of a grid of n panels when none is asked for: two side by side up to four, then three. */
export function defaultColumns(n: number): number {
  return Math.min(n, n <= 4 ? 2 : 3);
}

export function figureSpec(req: FigureRequest, data: FigureData): FigureSpec {
  const panels = panelsOf(req, data);
  const n = panels.length;
  let rows: number;
  let columns: number;
  if (req.grid) {
    ({ rows, columns } = req.grid);
    if (rows * columns < n) throw new ApiError('bad_request', `a ${rows}×${columns} grid holds ${rows * columns} panels; the figure has ${n}`);
  } else {
    columns = defaultColumns(n);
    rows = Math.min(MAX_GRID_SIDE, Math.ceil(n / columns));
  }
  const preset = req.preset ? FIGURE_PRESETS[req.preset as keyof typeof FIGURE_PRESETS] : undefined;
  const fontSize = req.fontSize ?? preset?.fontSize ?? 9;
  const widthMm = req.widthMm ?? preset?.widthMm ?? (columns > 1 ? 174 : 120);
  // Rows of a grid are a little lower than a lone panel of the preset.
  const heightMm = req.heightMm ?? (preset ? preset.heightMm * (rows > 1 ? rows * 0.85 : 1) : columns > 1 || rows > 1 ? 60 * rows : 80);
  // A single-run figure is untitled unless a title is asked for: the caption is the paper's.
  const title = req.title?.trim() ?? '';
  return {
    panels,
    rows,
    columns,
    widthMm,
    heightMm: Math.min(500, heightMm),
    fontSize,
    lineScale: lineScaleFor(fontSize),
    theme: req.theme ?? 'light',
    title,
    logX: req.logX ?? false,
    logY: req.logY ?? false,
    logZ: req.logZ ?? false,
    replicas: req.replicas ?? 'band',
    legend: req.legend ?? 'auto',
    ...(req.xlim ? { xlim: req.xlim } : {}),
    ...(req.ylim ? { ylim: req.ylim } : {}),
    ...(req.xLabel !== undefined ? { xLabel: req.xLabel } : {}),
    ...(req.yLabel !== undefined ? { yLabel: req.yLabel } : {}),
    letters: req.letters ?? false,
  };
}
