/**
 * Publication figures, rendered headless from the same chart.js configurations the app draws on
 * screen (view/charts), onto @napi-rs/canvas: SVG (text kept as text), vector PDF, and PNG
 * at 1–3× scale. Sizes are given in millimetres: SVG and PDF use points (1/72 in), PNG uses 96 dpi
 * times the scale.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import { createCanvas, PDFDocument, SvgExportFlag, type SKRSContext2D } from '@napi-rs/canvas';
import type { FigureFile, FigureRequest, RunDetail, SweepDetail } from '../../api.js';
import type { Series } from '../../../core/models/model-kind.js';
import { getKind } from '../../../core/models/registry.js';
import { buildChartConfig } from '../../../view/charts/chart-config.js';
import { buildHeatmapConfig } from '../../../view/charts/heatmap-config.js';
import { overlaySeries } from '../../../view/charts/overlay.js';
import { registerChartComponents } from '../../../view/charts/register.js';
import { sweepHeatmapInput, sweepLineSeries } from '../../../view/charts/sweep-summary.js';

export interface FigureData {
  run(id: string): RunDetail;
  sweep(id: string): SweepDetail;
}

const MM_PER_INCH = 25.4;
const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

interface Panel {
  config: ChartConfiguration;
}

/** The panels of a figure, each a chart.js configuration; a compare grid has several. */
export function figurePanels(req: FigureRequest, data: FigureData): { panels: Panel[]; columns: number } {
  const font = { family: FONT_FAMILY, size: req.fontSize ?? 9 };
  const common = {
    logX: req.logX ?? false,
    logY: req.logY ?? false,
    replicas: req.replicas ?? 'band',
    responsive: false,
    legend: true,
    font,
    maxPoints: 5000,
    ...(req.theme ? { theme: req.theme } : {}),
  } as const;
  const f = req.figure;
  switch (f.type) {
    case 'run': {
      const run = data.run(f.id);
      const series = seriesNamed(run, f.name);
      return { panels: [{ config: buildChartConfig(series, { ...common, title: req.title ?? run.name }).config as ChartConfiguration }], columns: 1 };
    }
    case 'overlay': {
      const series = overlaySeries(
        f.ids.map((id) => {
          const run = data.run(id);
          return { id: run.id, name: run.name, series: seriesNamed(run, f.name) };
        }),
      );
      return { panels: [{ config: buildChartConfig(series, { ...common, ...(req.title ? { title: req.title } : {}) }).config as ChartConfiguration }], columns: 1 };
    }
    case 'compare': {
      const panels = f.ids.map((id) => {
        const run = data.run(id);
        return { config: buildChartConfig(seriesNamed(run, f.name), { ...common, title: run.name }).config as ChartConfiguration };
      });
      return { panels, columns: Math.min(panels.length, panels.length <= 4 ? 2 : 3) };
    }
    case 'sweep-line': {
      const sweep = data.sweep(f.sweepId);
      const series = sweepLineSeries(sweep, f.scalar, f.path, getKind(sweep.kind)?.outputs);
      return { panels: [{ config: buildChartConfig(series, { ...common, title: req.title ?? sweep.name }).config as ChartConfiguration }], columns: 1 };
    }
    case 'sweep-heatmap': {
      const sweep = data.sweep(f.sweepId);
      const input = sweepHeatmapInput(sweep, f.scalar, f.xPath, f.yPath);
      const config = buildHeatmapConfig({
        ...input,
        logX: req.logX ?? false,
        logY: req.logY ?? false,
        title: req.title ?? sweep.name,
        font,
        responsive: false,
        ...(req.theme ? { theme: req.theme } : {}),
      });
      return { panels: [{ config: config as ChartConfiguration }], columns: 1 };
    }
  }
}

function seriesNamed(run: RunDetail, name: string): Series[] {
  const series = (run.result?.series ?? []).filter((s) => s.name === name);
  if (!series.length) {
    const names = [...new Set((run.result?.series ?? []).map((s) => s.name))];
    throw new Error(`run ${run.id} has no series "${name}"${names.length ? `; it has ${names.join(', ')}` : ''}`);
  }
  return series;
}

/**
 * A canvas-like object of the panel's size for chart.js, drawing into a region of a larger context.
 * chart.js takes its canvas from `context.canvas` (which a PDF page's context lacks, and which on a
 * real canvas is the whole figure), sets absolute transforms for its pixel ratio and clears its
 * area; the wrapped context composes those transforms with the panel's own scale and offset and
 * ignores the clear (the background is painted by a plugin).
 */
function panelCanvas(ctx: SKRSContext2D, width: number, height: number, base: { scale: number; x: number; y: number }) {
  const shim: Record<string, unknown> = {
    width,
    height,
    style: {} as Record<string, string>,
    addEventListener() {},
    removeEventListener() {},
  };
  const { scale: k, x: ox, y: oy } = base;
  const setTransform = (a: number, b: number, c: number, d: number, e: number, f: number) =>
    ctx.setTransform(k * a, k * b, k * c, k * d, k * (e + ox), k * (f + oy));
  const overrides: Record<string, unknown> = {
    canvas: shim,
    setTransform(...args: unknown[]) {
      if (args.length >= 6) return setTransform(...(args as [number, number, number, number, number, number]));
      const m = (args[0] ?? {}) as { a?: number; b?: number; c?: number; d?: number; e?: number; f?: number };
      return setTransform(m.a ?? 1, m.b ?? 0, m.c ?? 0, m.d ?? 1, m.e ?? 0, m.f ?? 0);
    },
    resetTransform: () => setTransform(1, 0, 0, 1, 0, 0),
    clearRect: () => undefined,
  };
  const context = new Proxy(ctx, {
    get(target, key) {
      if (typeof key === 'string' && key in overrides) return overrides[key];
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  });
  shim['getContext'] = () => context;
  return shim;
}

/** Draw the panels in a grid; `scale` is the device pixels per figure unit (PNG density). */
function drawPanels(ctx: SKRSContext2D, panels: Panel[], columns: number, width: number, height: number, background: string, scale = 1): void {
  registerChartComponents();
  const rows = Math.ceil(panels.length / columns);
  const w = width / columns;
  const h = height / rows;
  // chart.js's own clear is ignored (see panelCanvas), so the background is painted from a plugin.
  const paintBackground = {
    id: 'limitlabFigureBackground',
    beforeDraw(chart: Chart) {
      chart.ctx.save();
      chart.ctx.fillStyle = background;
      chart.ctx.fillRect(0, 0, chart.width, chart.height);
      chart.ctx.restore();
    },
  };
  panels.forEach((panel, i) => {
    ctx.save();
    const canvas = panelCanvas(ctx, w, h, { scale, x: (i % columns) * w, y: Math.floor(i / columns) * h });
    const config = {
      ...panel.config,
      plugins: [paintBackground, ...(panel.config.plugins ?? [])],
      options: { ...(panel.config.options ?? {}), responsive: false, animation: false, devicePixelRatio: 1 },
    };
    const chart = new Chart(canvas as unknown as HTMLCanvasElement, config as ChartConfiguration);
    // Not chart.destroy(): it would clear what was just drawn. Drop the registry entry instead.
    delete (Chart.instances as Record<string, unknown>)[chart.id];
    ctx.restore();
  });
}

export async function renderFigure(req: FigureRequest, data: FigureData): Promise<FigureFile> {
  const { panels, columns } = figurePanels(req, data);
  const widthMm = req.widthMm ?? (columns > 1 ? 170 : 120);
  const heightMm = req.heightMm ?? (columns > 1 ? 60 * Math.ceil(panels.length / columns) : 80);
  const background = req.theme === 'dark' ? '#1d2126' : '#ffffff';
  const stem = figureStem(req);
  if (req.format === 'png') {
    const scale = req.scale ?? 2;
    // Draw at 96 dpi in CSS pixels, scaled for the requested pixel density.
    const cssW = Math.round((widthMm / MM_PER_INCH) * 96);
    const cssH = Math.round((heightMm / MM_PER_INCH) * 96);
    const canvas = createCanvas(Math.round(cssW * scale), Math.round(cssH * scale));
    drawPanels(canvas.getContext('2d'), panels, columns, cssW, cssH, background, scale);
    const png = await canvas.encode('png');
    return { format: 'png', mime: 'image/png', filename: `${stem}.png`, base64: png.toString('base64'), widthPx: canvas.width, heightPx: canvas.height };
  }
  const w = (widthMm / MM_PER_INCH) * 72;
  const h = (heightMm / MM_PER_INCH) * 72;
  if (req.format === 'svg') {
    // Text stays as <text> elements (no ConvertTextToPaths), so labels remain searchable and editable.
    const canvas = createCanvas(Math.round(w), Math.round(h), SvgExportFlag.NoPrettyXML);
    drawPanels(canvas.getContext('2d'), panels, columns, Math.round(w), Math.round(h), background);
    const svg = canvas.getContent();
    return { format: 'svg', mime: 'image/svg+xml', filename: `${stem}.svg`, base64: svg.toString('base64'), widthPx: Math.round(w), heightPx: Math.round(h) };
  }
  const doc = new PDFDocument({ title: req.title ?? stem, creator: 'Limitlab' });
  const ctx = doc.beginPage(w, h);
  drawPanels(ctx as unknown as SKRSContext2D, panels, columns, w, h, background);
  doc.endPage();
  const pdf = doc.close();
  return { format: 'pdf', mime: 'application/pdf', filename: `${stem}.pdf`, base64: pdf.toString('base64'), widthPx: Math.round(w), heightPx: Math.round(h) };
}

function figureStem(req: FigureRequest): string {
  const f = req.figure;
  const raw =
    f.type === 'run' ? `${f.id}-${f.name}` :
    f.type === 'overlay' ? `overlay-${f.ids.length}-${f.name}` :
    f.type === 'compare' ? `compare-${f.ids.length}-${f.name}` :
    f.type === 'sweep-line' ? `sweep-${f.sweepId}-${f.scalar}` :
    `sweep-${f.sweepId}-${f.scalar}-heatmap`;
  return raw.replace(/[^A-Za-z0-9._-]+/g, '_');
}
