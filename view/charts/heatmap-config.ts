/**
 * A heatmap (phase diagram) of a scalar over a two-parameter sweep, as a chart.js configuration:
 * cells are drawn by an inline plugin from the scales, so the same configuration renders in the
 * app and in headless export. Cell edges sit halfway between neighbouring values (geometrically on
 * log axes); missing values (failed runs, non-finite scalars) are grey. Boundaries from the model
 * (e.g. the critical learning rate) are drawn as lines on top. The colour bar has its own round
 * ticks (decades on a log colour scale) and its title beside it; each cell's value is written in
 * it where it fits, and shown on hover.
 */
import type { Chart, ChartConfiguration, ChartEvent, Plugin } from 'chart.js';
import { formatLogTick, formatLinearTick, formatValue, isPowerOfTen, powerOfTenLabel } from './ticks.js';
import { legendPlugin, type LegendEntry } from './legend.js';
import { linearTicks, logTicks } from './tick-values.js';
import type { Point } from './chart-config.js';

export interface HeatmapInput {
  xValues: number[];
  yValues: number[];
  /** z[iy][ix]; null or non-finite for a missing cell. */
  z: (number | null)[][];
  xLabel: string;
  yLabel: string;
  zLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** A logarithmic colour scale (positive values; the others are shown as missing). */
  logZ?: boolean;
  boundaries?: { label: string; x: number[]; y: number[] }[];
  title?: string;
  titleAlign?: 'center' | 'start';
  font?: { family?: string; size?: number };
  responsive?: boolean;
  devicePixelRatio?: number;
  theme?: 'light' | 'dark';
  /** Multiplies line widths (figures drawn in points). Default 1. */
  lineScale?: number;
  /** Write each cell's value in it where the text fits. Default true. */
  cellValues?: boolean;
}

/** Up to this many swept values, the ticks sit at the cell centres (the values themselves). */
const MAX_CENTRE_TICKS = 12;

/** Viridis at nine stops (matplotlib's table, sampled). */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Colour of t in [0, 1] on viridis. */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = hexToRgb(VIRIDIS[i]!);
  const b = hexToRgb(VIRIDIS[i + 1]!);
  const c = a.map((av, k) => Math.round(av + (b[k]! - av) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Whether text on viridis at t reads better in black (the bright yellow-green end) than in white. */
function darkTextOn(t: number): boolean {
  return t > 0.55;
}

/** Cell edges around sorted centres: midpoints (geometric on log axes), extended half a step outwards. */
export function cellEdges(values: number[], log: boolean): number[] {
  const v = log ? values.map(Math.log) : values.slice();
  if (v.length === 1) {
    const half = log ? Math.log(2) / 2 : Math.abs(v[0]!) * 0.5 || 0.5;
    return (log ? [v[0]! - half, v[0]! + half].map(Math.exp) : [v[0]! - half, v[0]! + half]);
  }
  const edges = [v[0]! - (v[1]! - v[0]!) / 2];
  for (let i = 0; i < v.length - 1; i++) edges.push((v[i]! + v[i + 1]!) / 2);
  edges.push(v[v.length - 1]! + (v[v.length - 1]! - v[v.length - 2]!) / 2);
  return log ? edges.map(Math.exp) : edges;
}

/** The colour scale of the finite (and, on a log scale, positive) values: its range, ticks and normaliser. */
export function colorScale(z: (number | null)[][], logZ: boolean, maxTicks = 6) {
  const finite = z.flat().filter((v): v is number => v !== null && Number.isFinite(v) && (!logZ || v > 0));
  let min = finite.length ? Math.min(...finite) : logZ ? 1 : 0;
  let max = finite.length ? Math.max(...finite) : logZ ? 10 : 1;
  if (max === min) {
    if (logZ) {
      min /= 2;
      max *= 2;
    } else {
      min -= Math.abs(min) * 0.5 || 0.5;
      max += Math.abs(max) * 0.5 || 0.5;
    }
  }
  const norm = (v: number) => (logZ ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min));
  const raw = logZ ? logTicks(min, max, maxTicks) : linearTicks(min, max, maxTicks);
  const majors = raw.filter((t) => t.major).map((t) => t.value);
  const ticks = raw
    .filter((t) => t.major)
    .map((t) => ({
      value: t.value,
      label: logZ ? (isPowerOfTen(t.value) ? powerOfTenLabel(Math.round(Math.log10(t.value))) : formatLogTick(t.value, majors)) : formatLinearTick(t.value, majors),
    }));
  // Too few round values inside the range: label its ends.
  if (ticks.length < 2) {
    return { min, max, norm, ticks: [{ value: min, label: formatValue(min) }, { value: max, label: formatValue(max) }] };
  }
  return { min, max, norm, ticks };
}

interface HoverState {
  ix: number;
  iy: number;
}

export function buildHeatmapConfig(input: HeatmapInput): ChartConfiguration<'line', Point[]> {
  const dark = input.theme === 'dark';
  const text = dark ? '#e3e6ea' : '#2b3036';
  const font = { family: input.font?.family, size: input.font?.size ?? 12 };
  const k = input.lineScale ?? 1;
  const logX = input.logX ?? false;
  const logY = input.logY ?? false;
  const logZ = input.logZ ?? false;
  const xEdges = cellEdges(input.xValues, logX);
  const yEdges = cellEdges(input.yValues, logY);
  const scaleZ = colorScale(input.z, logZ);
  const barWidth = font.size * 1.1;
  const cellText = input.cellValues ?? true;
  const hover = new WeakMap<Chart, HoverState | null>();
  const valueAt = (ix: number, iy: number) => {
    const v = input.z[iy]?.[ix];
    return v !== null && v !== undefined && Number.isFinite(v) && (!logZ || v > 0) ? v : null;
  };
  /** Width of the widest colour-bar label, estimated from its characters (0.62 em each). */
  const labelWidth = Math.max(...scaleZ.ticks.map((t) => t.label.length), 2) * font.size * 0.62;
  const fontString = `normal ${font.size}px ${font.family ?? 'sans-serif'}`;

  const cells: Plugin<'line'> = {
    id: 'limitlabHeatmapCells',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea, scales } = chart;
      const xs = scales['x']!;
      const ys = scales['y']!;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      ctx.font = fontString;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      input.yValues.forEach((_, iy) => {
        input.xValues.forEach((__, ix) => {
          const v = valueAt(ix, iy);
          const t = v === null ? 0 : scaleZ.norm(v);
          ctx.fillStyle = v !== null ? viridis(t) : dark ? '#555b62' : '#c9ced4';
          const x0 = xs.getPixelForValue(xEdges[ix]!);
          const x1 = xs.getPixelForValue(xEdges[ix + 1]!);
          const y0 = ys.getPixelForValue(yEdges[iy]!);
          const y1 = ys.getPixelForValue(yEdges[iy + 1]!);
          const w = Math.abs(x1 - x0);
          const h = Math.abs(y1 - y0);
          ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), w + 0.5, h + 0.5);
          if (cellText && v !== null) {
            const label = formatValue(v);
            const half = ctx.measureText(label).width / 2;
            // At the swept value (where its tick is), kept inside the cell.
            const cx = Math.min(Math.max(xs.getPixelForValue(input.xValues[ix]!), Math.min(x0, x1) + half + 1), Math.max(x0, x1) - half - 1);
            const cy = Math.min(Math.max(ys.getPixelForValue(input.yValues[iy]!), Math.min(y0, y1) + font.size * 0.6), Math.max(y0, y1) - font.size * 0.6);
            if (half * 2 <= w * 0.92 && font.size * 1.1 <= h) {
              ctx.fillStyle = darkTextOn(t) ? '#1a1d21' : '#ffffff';
              ctx.fillText(label, cx, cy);
            }
          }
        });
      });
      const at = hover.get(chart);
      if (at) {
        const x0 = xs.getPixelForValue(xEdges[at.ix]!);
        const x1 = xs.getPixelForValue(xEdges[at.ix + 1]!);
        const y0 = ys.getPixelForValue(yEdges[at.iy]!);
        const y1 = ys.getPixelForValue(yEdges[at.iy + 1]!);
        ctx.strokeStyle = dark ? '#ffffff' : '#1a1d21';
        ctx.lineWidth = 1.5;
        ctx.strokeRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
      }
      ctx.restore();
      // The colour bar, right of the axes, with round ticks and its title.
      const left = chartArea.right + font.size * 0.8;
      const top = chartArea.top;
      const height = chartArea.bottom - chartArea.top;
      const steps = 64;
      for (let i = 0; i < steps; i++) {
        ctx.fillStyle = viridis(1 - i / (steps - 1));
        ctx.fillRect(left, top + (i * height) / steps, barWidth, height / steps + 0.5);
      }
      ctx.save();
      ctx.strokeStyle = text;
      ctx.lineWidth = 0.5 * k;
      ctx.strokeRect(left, top, barWidth, height);
      ctx.fillStyle = text;
      ctx.font = fontString;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      for (const tick of scaleZ.ticks) {
        const y = top + height * (1 - scaleZ.norm(tick.value));
        ctx.beginPath();
        ctx.moveTo(left + barWidth, y);
        ctx.lineTo(left + barWidth + font.size * 0.3, y);
        ctx.stroke();
        ctx.fillText(tick.label, left + barWidth + font.size * 0.45, y);
      }
      ctx.translate(left + barWidth + font.size * 0.6 + labelWidth + font.size * 0.7, top + height / 2);
      ctx.rotate(Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText(input.zLabel + (logZ ? ' (log scale)' : ''), 0, 0);
      ctx.restore();
    },
    afterEvent(chart: Chart<'line'>, args: { event: ChartEvent; changed?: boolean }) {
      const e = args.event;
      const before = hover.get(chart) ?? null;
      let next: HoverState | null = null;
      if (e.type === 'mousemove' && e.x !== null && e.y !== null) {
        const { left, right, top, bottom } = chart.chartArea;
        if (e.x >= left && e.x <= right && e.y >= top && e.y <= bottom) {
          const x = chart.scales['x']!.getValueForPixel(e.x) ?? NaN;
          const y = chart.scales['y']!.getValueForPixel(e.y) ?? NaN;
          const ix = xEdges.findIndex((edge, i) => i < xEdges.length - 1 && x >= Math.min(edge, xEdges[i + 1]!) && x <= Math.max(edge, xEdges[i + 1]!));
          const iy = yEdges.findIndex((edge, i) => i < yEdges.length - 1 && y >= Math.min(edge, yEdges[i + 1]!) && y <= Math.max(edge, yEdges[i + 1]!));
          if (ix >= 0 && iy >= 0) next = { ix, iy };
        }
      }
      if (before?.ix !== next?.ix || before?.iy !== next?.iy) {
        hover.set(chart, next);
        args.changed = true;
      }
    },
    afterDraw(chart: Chart<'line'>) {
      const at = hover.get(chart);
      if (!at) return;
      const v = valueAt(at.ix, at.iy);
      const lines = [
        `${input.xLabel} = ${formatValue(input.xValues[at.ix]!)}`,
        `${input.yLabel} = ${formatValue(input.yValues[at.iy]!)}`,
        `${input.zLabel} = ${v === null ? 'missing' : formatValue(v)}`,
      ];
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = fontString;
      const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + font.size;
      const h = lines.length * font.size * 1.3 + font.size * 0.5;
      const x = chartArea.left + font.size * 0.4;
      const y = chartArea.top + font.size * 0.4;
      ctx.fillStyle = dark ? 'rgba(29, 33, 38, 0.92)' : 'rgba(255, 255, 255, 0.92)';
      ctx.fillRect(x, y, w, h);
      ctx.fillStyle = text;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      lines.forEach((l, i) => ctx.fillText(l, x + font.size * 0.5, y + font.size * 0.35 + i * font.size * 1.3));
      ctx.restore();
    },
  };

  const boundaryColors = ['#ff3b30', '#ffffff', '#ff9500'];
  const datasets = (input.boundaries ?? []).map((b, i) => ({
    type: 'line' as const,
    label: b.label,
    data: b.x.map((x, j) => ({ x, y: b.y[j]! })),
    borderColor: boundaryColors[i % boundaryColors.length]!,
    backgroundColor: boundaryColors[i % boundaryColors.length]!,
    borderWidth: 2 * k,
    borderDash: [6 * k, 4 * k],
    pointRadius: 0,
    fill: false,
    tension: 0,
  }));
  const entries: LegendEntry[] = datasets.map((d, i) => ({ text: d.label, color: d.borderColor, width: d.borderWidth, dash: d.borderDash, marker: 'none', markerRadius: 0, datasets: [i] }));

  const scale = (log: boolean, edges: number[], title: string, centres: number[]) => ({
    type: log ? ('logarithmic' as const) : ('linear' as const),
    min: Math.min(edges[0]!, edges[edges.length - 1]!),
    max: Math.max(edges[0]!, edges[edges.length - 1]!),
    // A few swept values: one tick at the centre of each column (row) of cells.
    ...(centres.length <= MAX_CENTRE_TICKS
      ? {
          afterBuildTicks(axis: { ticks: { value: number }[] }) {
            axis.ticks = centres.map((value) => ({ value }));
          },
        }
      : {}),
    title: { display: true, text: title, color: text, font },
    ticks: {
      color: text,
      font,
      maxRotation: 0,
      callback(value: number | string, _i: number, ticks: { value: number }[]) {
        const all = ticks.map((t) => t.value);
        if (centres.length <= MAX_CENTRE_TICKS) return formatValue(Number(value));
        return log ? formatLogTick(Number(value), all) : formatLinearTick(Number(value), all);
      },
    },
    grid: { display: false },
    border: { color: text, width: k },
  });

  return {
    type: 'line',
    data: { datasets },
    plugins: [cells, legendPlugin(entries, 'below', { family: font.family, size: font.size, color: text, background: 'transparent' })],
    options: {
      parsing: false,
      animation: false,
      responsive: input.responsive ?? true,
      maintainAspectRatio: false,
      ...(input.devicePixelRatio ? { devicePixelRatio: input.devicePixelRatio } : {}),
      events: ['mousemove', 'mouseout', 'click'],
      // Room on the right for the colour bar, its labels and its rotated title.
      layout: { padding: { right: barWidth + labelWidth + font.size * 2.8, top: font.size * 0.4 } },
      scales: { x: scale(logX, xEdges, input.xLabel, input.xValues), y: scale(logY, yEdges, input.yLabel, input.yValues) },
      plugins: {
        title: {
          display: Boolean(input.title?.trim()),
          text: input.title?.trim() ?? '',
          align: input.titleAlign ?? 'center',
          color: text,
          font: { ...font, weight: 'bold' },
          padding: { top: 0, bottom: font.size * 0.4 },
        },
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
  };
}
