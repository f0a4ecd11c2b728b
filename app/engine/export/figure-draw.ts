/**
 * Drawing a figure spec onto a 2D context whose unit is the point (1/72 in): the same layout for
 * SVG, PDF and PNG (which only scales it to its density), so sizes and text sizes agree across the
 * three. Panels sit in a grid; panels of one observable share their axis limits, and only the
 * outer ones carry axis titles; several panels share one legend (inside the top-right panel, or in
 * a strip on the right or below); panel letters (a), (b), … start each panel's title.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { buildChartConfig, type ChartModel } from '../../../view/charts/chart-config.js';
import { buildHeatmapConfig } from '../../../view/charts/heatmap-config.js';
import { drawLegend, fitLegend, fitLegendRow, legendLayout, type DrawContext, type LegendEntry, type LegendLayout, type LegendStyle } from '../../../view/charts/legend.js';
import { applyRanges, commonRanges } from '../../../view/charts/linked-axes.js';
import { registerChartComponents } from '../../../view/charts/register.js';
import { panelLetter, type LegendPlacement } from '../../../view/figure-options.js';
import type { FigureSpec, PanelInput } from './figure-spec.js';

export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
export const PT_PER_MM = 72 / 25.4;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PanelLayout {
  /** The panel's cell in the figure. */
  box: Rect;
  /** Its plotting area (inside the axes). */
  plot: Rect;
  /** The legend drawn inside it, if any (figure coordinates). */
  legend: LegendLayout | null;
}

/** Where everything went, in points from the figure's top-left corner. */
export interface FigureLayout {
  width: number;
  height: number;
  panels: PanelLayout[];
  /** The shared legend drawn in a strip beside or below the panels, if any. */
  legend: LegendLayout | null;
}

const PALETTE = {
  light: { background: '#ffffff', text: '#2b3036' },
  dark: { background: '#1d2126', text: '#e3e6ea' },
};

/**
 * A canvas-like object of the panel's size for chart.js, drawing into a region of a larger context.
 * chart.js takes its canvas from `context.canvas` (which a PDF page's context lacks, and which on a
 * real canvas is the whole figure), sets absolute transforms for its pixel ratio and clears its
 * area; the wrapped context composes those transforms with the panel's own scale and offset and
 * ignores the clear (the background is painted beforehand).
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

/** Legend entries of several panels, each distinct entry once (same text and style). */
export function sharedEntries(models: readonly ChartModel[]): LegendEntry[] {
  const seen = new Map<string, LegendEntry>();
  for (const m of models) {
    for (const e of m.entries) {
      const key = JSON.stringify([e.text, e.color, e.dash, e.marker, Boolean(e.band)]);
      if (!seen.has(key)) seen.set(key, { ...e, datasets: [] });
    }
  }
  return [...seen.values()];
}

interface Built {
  config: ChartConfiguration;
  model?: ChartModel;
}

/** The chart configurations of the panels, with shared axes and one legend for all. */
function buildPanels(spec: FigureSpec, shared: { placement: LegendPlacement; entries: LegendEntry[] | null; host: number }): Built[] {
  const font = { family: FONT_FAMILY, size: spec.fontSize };
  const n = spec.panels.length;
  const single = n === 1;
  const lines = spec.panels.filter((p): p is Extract<PanelInput, { kind: 'line' }> => p.kind === 'line');
  const sameY = new Set(lines.map((p) => p.series.find((s) => s.source === 'theory')?.yLabel ?? p.series[0]?.yLabel)).size <= 1;
  const sameX = new Set(lines.map((p) => p.series.find((s) => s.source === 'theory')?.xLabel ?? p.series[0]?.xLabel)).size <= 1;
  const built = spec.panels.map((panel, i): Built => {
    const letter = spec.letters ? panelLetter(i) : '';
    const own = single ? spec.title : (panel.title ?? '');
    const title = [letter, own].filter(Boolean).join(' ');
    const lastRow = i + spec.columns >= n;
    const firstColumn = i % spec.columns === 0;
    if (panel.kind === 'heatmap') {
      const config = buildHeatmapConfig({
        ...panel.input,
        logX: spec.logX,
        logY: spec.logY,
        logZ: spec.logZ,
        title,
        titleAlign: spec.letters ? 'start' : 'center',
        font,
        responsive: false,
        theme: spec.theme,
        lineScale: spec.lineScale,
      });
      return { config: config as ChartConfiguration };
    }
    // host -2: every panel gets the shared legend (to see where it fits best).
    const hosts = shared.host === -2 || i === shared.host;
    const legend: LegendPlacement = single ? spec.legend : hosts ? shared.placement : 'none';
    const model = buildChartConfig(panel.series, {
      logX: spec.logX,
      logY: spec.logY,
      replicas: spec.replicas,
      responsive: false,
      maxPoints: 5000,
      font,
      theme: spec.theme,
      lineScale: spec.lineScale,
      legend,
      ...(shared.entries && hosts ? { legendEntries: shared.entries } : {}),
      ...(title ? { title, titleAlign: spec.letters ? 'start' : 'center' } : {}),
      ...(spec.xlim ? { xlim: spec.xlim } : {}),
      ...(spec.ylim ? { ylim: spec.ylim } : {}),
      ...(spec.xLabel !== undefined ? { xLabel: spec.xLabel } : {}),
      ...(spec.yLabel !== undefined ? { yLabel: spec.yLabel } : {}),
      xTitle: single || !sameX || lastRow,
      yTitle: single || !sameY || firstColumn,
    });
    return { config: model.config as ChartConfiguration, model };
  });
  // Panels of one observable share their limits (the union of their data), so they read side by side.
  const linesBuilt = built.filter((b) => b.model);
  if (linesBuilt.length > 1) {
    const ranges = commonRanges(linesBuilt.map((b) => b.model!.config));
    const use = { x: sameX ? ranges.x : null, y: sameY ? ranges.y : null };
    for (const b of linesBuilt) applyRanges(b.model!.config, use);
  }
  return built;
}

/**
 * The panel that holds a shared legend placed inside the axes: for `auto`, the one where it covers
 * the fewest points (each panel drawn once on a scratch canvas to find out), else the top-right one.
 */
function legendHost(spec: FigureSpec, entries: LegendEntry[], cell: { width: number; height: number }): number {
  const topRight = Math.min(spec.panels.length, spec.columns) - 1;
  if (spec.legend !== 'auto') return topRight;
  const scratch = createCanvas(Math.max(1, Math.ceil(cell.width)), Math.max(1, Math.ceil(cell.height)));
  const ctx = scratch.getContext('2d');
  let best = topRight;
  let fewest = Infinity;
  buildPanels(spec, { placement: 'auto', entries, host: -2 }).forEach((b, i) => {
    if (!b.model) return;
    const layout = drawChart(ctx, b.config, { left: 0, top: 0, ...cell }, 1).legend;
    // Ties go to the top-right panel, then to the first.
    const covered = layout ? layout.covered - (i === topRight ? 0.5 : 0) : Infinity;
    if (covered < fewest) {
      fewest = covered;
      best = i;
    }
  });
  return best;
}

/** Draw one chart into `box` of `ctx`; its plot area and legend in the box's coordinates. */
function drawChart(ctx: SKRSContext2D, config: ChartConfiguration, box: Rect, scale: number): { area: Rect; legend: LegendLayout | null } {
  ctx.save();
  const canvas = panelCanvas(ctx, box.width, box.height, { scale, x: box.left, y: box.top });
  const options = { ...(config.options ?? {}), responsive: false, animation: false, devicePixelRatio: 1 };
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, { ...config, options } as ChartConfiguration);
  const a = chart.chartArea;
  const legend = legendLayout(chart);
  // Not chart.destroy(): it would clear what was just drawn. Drop the registry entry instead.
  delete (Chart.instances as Record<string, unknown>)[chart.id];
  ctx.restore();
  return { area: { left: a.left, top: a.top, width: a.width, height: a.height }, legend };
}

/**
 * Draw `spec` on `ctx` (in points, times `scale` device units per point) over `width` × `height`
 * points, and say where everything went.
 */
export function drawFigure(ctx: SKRSContext2D, spec: FigureSpec, width: number, height: number, scale = 1): FigureLayout {
  registerChartComponents();
  // No ligatures: "fi" in "final_risk" must stay two characters in the SVG and PDF text, so a
  // figure's labels can be searched and edited as typed.
  ctx.fontVariantLigatures = 'none';
  const pal = PALETTE[spec.theme];
  const n = spec.panels.length;
  ctx.save();
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = pal.background;
  ctx.fillRect(0, 0, width, height);
  ctx.restore();

  // The figure title (several panels; a single panel's title is its chart's).
  let top = 0;
  if (n > 1 && spec.title) {
    const size = spec.fontSize + 1;
    ctx.save();
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.fillStyle = pal.text;
    ctx.font = `bold ${size}px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(spec.title, width / 2, size * 0.3);
    ctx.restore();
    top = size * 1.6;
  }

  // One legend for several panels: inside the top-right panel, or in a strip of its own.
  const outside = spec.legend === 'right' || spec.legend === 'below';
  const lineModels = n > 1 ? buildPanels(spec, { placement: 'none', entries: null, host: -1 }).flatMap((b) => (b.model ? [b.model] : [])) : [];
  const entries = n > 1 ? sharedEntries(lineModels) : [];
  const style: LegendStyle = { family: FONT_FAMILY, size: spec.fontSize, color: pal.text, background: spec.theme === 'dark' ? 'rgba(29, 33, 38, 0.85)' : 'rgba(255, 255, 255, 0.85)' };
  let strip: { x: number; y: number; block: ReturnType<typeof fitLegend> } | null = null;
  let gridRight = width;
  let gridBottom = height;
  if (n > 1 && outside && entries.length && spec.legend !== 'none') {
    ctx.save();
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    const block = spec.legend === 'below' ? fitLegendRow(ctx as unknown as DrawContext, entries, style, width) : fitLegend(ctx as unknown as DrawContext, entries, style, width * 0.35, height - top);
    ctx.restore();
    if (spec.legend === 'below') {
      gridBottom = height - block.height - spec.fontSize * 0.3;
      strip = { x: (width - block.width) / 2, y: gridBottom + spec.fontSize * 0.15, block };
    } else {
      gridRight = width - block.width - spec.fontSize * 0.3;
      strip = { x: gridRight + spec.fontSize * 0.15, y: top + (gridBottom - top - block.height) / 2, block };
    }
  }

  const cellW = gridRight / spec.columns;
  const cellH = (gridBottom - top) / spec.rows;
  const inside = n > 1 && !outside && spec.legend !== 'none' && entries.length > 0;
  const host = inside ? legendHost(spec, entries, { width: cellW, height: cellH }) : -1;
  const built = buildPanels(spec, inside ? { placement: spec.legend, entries, host } : { placement: 'none', entries: null, host: -1 });
  const panels: PanelLayout[] = built.map((b, i) => {
    const box = { left: (i % spec.columns) * cellW, top: top + Math.floor(i / spec.columns) * cellH, width: cellW, height: cellH };
    const { area, legend } = drawChart(ctx, b.config, box, scale);
    return {
      box,
      plot: { left: box.left + area.left, top: box.top + area.top, width: area.width, height: area.height },
      legend: legend ? { ...legend, x: legend.x + box.left, y: legend.y + box.top } : null,
    };
  });

  let shared: LegendLayout | null = null;
  if (strip) {
    ctx.save();
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    drawLegend(ctx as unknown as DrawContext, entries, strip.block, style, { x: strip.x, y: strip.y, framed: false });
    ctx.restore();
    shared = { placement: spec.legend, x: strip.x, y: strip.y, width: strip.block.width, height: strip.block.height, entries: entries.map((e) => e.text), covered: 0 };
  }
  return { width, height, panels, legend: shared };
}
