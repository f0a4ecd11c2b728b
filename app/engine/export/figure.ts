/**
 * Publication figures, rendered headless from the same chart.js configurations the app draws on
 * screen (renderer/src/charts), onto @napi-rs/canvas: SVG (text kept as text), vector PDF, and PNG
 * at 1–3× scale. Sizes are given in millimetres: SVG and PDF use points (1/72 in), PNG uses 96 dpi
 * times the scale.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import { createCanvas, PDFDocument, SvgExportFlag, type SKRSContext2D } from '@napi-rs/canvas';
import type { FigureFile, FigureRequest, RunDetail, SweepDetail } from '../../api.js';
import type { Series } from '../../../core/models/model-kind.js';
import { buildChartConfig } from '../../../renderer/src/charts/chart-config.js';
import { buildHeatmapConfig } from '../../../renderer/src/charts/heatmap-config.js';
import { registerChartComponents } from '../../../renderer/src/charts/register.js';
import { sweepHeatmapInput, sweepLineSeries } from './sweep-figures.js';

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
  } as const;
  const f = req.figure;
  switch (f.type) {
    case 'run': {
      const run = data.run(f.id);
      const series = seriesNamed(run, f.name);
      return { panels: [{ config: buildChartConfig(series, { ...common, title: req.title ?? run.name }).config as ChartConfiguration }], columns: 1 };
    }
    case 'overlay': {
      const series = f.ids.flatMap((id) => {
        const run = data.run(id);
        return seriesNamed(run, f.name)
          .filter((s) => s.replica === undefined)
          .map((s) => ({ ...s, label: `${run.name}: ${s.source}` }));
      });
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
      const series = sweepLineSeries(sweep, f.scalar, f.path);
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
 * A canvas-like object of the panel's size for chart.js. chart.js takes its canvas from
 * `context.canvas`, which a PDF page's context lacks and which, on a real canvas, is the whole
 * figure rather than one panel — so the context is wrapped to answer with this shim.
 */
function canvasShim(ctx: SKRSContext2D, width: number, height: number) {
  const shim: Record<string, unknown> = {
    width,
    height,
    style: {} as Record<string, string>,
    addEventListener() {},
    removeEventListener() {},
  };
  const context = new Proxy(ctx, {
    get(target, key) {
      if (key === 'canvas') return shim;
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

function drawPanels(ctx: SKRSContext2D, panels: Panel[], columns: number, width: number, height: number, background: string): void {
  registerChartComponents();
  const rows = Math.ceil(panels.length / columns);
  const w = width / columns;
  const h = height / rows;
  // chart.js clears its area before drawing, so the background is painted from a plugin.
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
    ctx.translate((i % columns) * w, Math.floor(i / columns) * h);
    const config = {
      ...panel.config,
      plugins: [paintBackground, ...(panel.config.plugins ?? [])],
      options: { ...(panel.config.options ?? {}), responsive: false, animation: false, devicePixelRatio: 1 },
    };
    const chart = new Chart(canvasShim(ctx, w, h) as unknown as HTMLCanvasElement, config as ChartConfiguration);
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
    const ctx = canvas.getContext('2d');
    ctx.scale(scale, scale);
    drawPanels(ctx, panels, columns, cssW, cssH, background);
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
