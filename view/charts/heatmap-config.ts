/**
 * A heatmap (phase diagram) of a scalar over a two-parameter sweep, as a chart.js configuration:
 * cells are drawn by an inline plugin from the scales, so the same configuration renders in the
 * app and in headless export. Cell edges sit halfway between neighbouring values (geometrically on
 * log axes); missing values (failed runs, non-finite scalars) are grey. Boundaries from the model
 * (e.g. the critical learning rate) are drawn as lines on top.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { formatLogTick, formatLinearTick, formatValue } from './ticks.js';
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
  logZ?: boolean;
  boundaries?: { label: string; x: number[]; y: number[] }[];
  title?: string;
  font?: { family?: string; size?: number };
  responsive?: boolean;
  devicePixelRatio?: number;
  theme?: 'light' | 'dark';
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

export function buildHeatmapConfig(input: HeatmapInput): ChartConfiguration<'line', Point[]> {
  const dark = input.theme === 'dark';
  const text = dark ? '#e3e6ea' : '#2b3036';
  const font = { family: input.font?.family, size: input.font?.size ?? 12 };
  const logX = input.logX ?? false;
  const logY = input.logY ?? false;
  const logZ = input.logZ ?? false;
  const xEdges = cellEdges(input.xValues, logX);
  const yEdges = cellEdges(input.yValues, logY);
  const finite = input.z.flat().filter((v): v is number => v !== null && Number.isFinite(v) && (!logZ || v > 0));
  const zMin = finite.length ? Math.min(...finite) : 0;
  const zMax = finite.length ? Math.max(...finite) : 1;
  const norm = (v: number) => {
    if (zMax === zMin) return 0.5;
    return logZ ? (Math.log(v) - Math.log(zMin)) / (Math.log(zMax) - Math.log(zMin)) : (v - zMin) / (zMax - zMin);
  };
  const colorbarWidth = 14;

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
      input.yValues.forEach((_, iy) => {
        input.xValues.forEach((__, ix) => {
          const v = input.z[iy]?.[ix];
          const ok = v !== null && v !== undefined && Number.isFinite(v) && (!logZ || v > 0);
          ctx.fillStyle = ok ? viridis(norm(v)) : dark ? '#555b62' : '#c9ced4';
          const x0 = xs.getPixelForValue(xEdges[ix]!);
          const x1 = xs.getPixelForValue(xEdges[ix + 1]!);
          const y0 = ys.getPixelForValue(yEdges[iy]!);
          const y1 = ys.getPixelForValue(yEdges[iy + 1]!);
          ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0) + 0.5, Math.abs(y1 - y0) + 0.5);
        });
      });
      ctx.restore();
      // Colour bar in the right padding.
      const left = chartArea.right + 12;
      const top = chartArea.top;
      const height = chartArea.bottom - chartArea.top;
      const steps = 64;
      for (let i = 0; i < steps; i++) {
        ctx.fillStyle = viridis(1 - i / (steps - 1));
        ctx.fillRect(left, top + (i * height) / steps, colorbarWidth, height / steps + 0.5);
      }
      ctx.strokeStyle = text;
      ctx.lineWidth = 0.5;
      ctx.strokeRect(left, top, colorbarWidth, height);
      ctx.fillStyle = text;
      ctx.font = `${font.size}px ${font.family ?? 'sans-serif'}`;
      ctx.textBaseline = 'middle';
      ctx.fillText(formatValue(zMax), left + colorbarWidth + 4, top);
      ctx.fillText(formatValue(zMin), left + colorbarWidth + 4, top + height);
      ctx.save();
      ctx.translate(left + colorbarWidth + 4 + 4 * font.size, top + height / 2);
      ctx.rotate(Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText(input.zLabel, 0, 0);
      ctx.restore();
    },
  };

  const boundaryColors = ['#ff3b30', '#ffffff', '#ff9500'];
  const datasets = (input.boundaries ?? []).map((b, i) => ({
    type: 'line' as const,
    label: b.label,
    data: b.x.map((x, k) => ({ x, y: b.y[k]! })),
    borderColor: boundaryColors[i % boundaryColors.length]!,
    backgroundColor: boundaryColors[i % boundaryColors.length]!,
    borderWidth: 2,
    borderDash: [6, 4],
    pointRadius: 0,
    fill: false,
    tension: 0,
  }));

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
    title: { display: true, text: title, color: text, font: { ...font, size: font.size + 1 } },
    ticks: {
      color: text,
      font,
      maxRotation: 0,
      callback(value: number | string, _i: number, ticks: { value: number }[]) {
        const all = ticks.map((t) => t.value);
        if (centres.length <= MAX_CENTRE_TICKS) return formatLinearTick(Number(value), all);
        return log ? formatLogTick(Number(value), all) : formatLinearTick(Number(value), all);
      },
    },
    grid: { display: false },
    border: { color: text },
  });

  return {
    type: 'line',
    data: { datasets },
    plugins: [cells],
    options: {
      parsing: false,
      animation: false,
      responsive: input.responsive ?? true,
      maintainAspectRatio: false,
      ...(input.devicePixelRatio ? { devicePixelRatio: input.devicePixelRatio } : {}),
      layout: { padding: { right: colorbarWidth + 24 + 5 * font.size } },
      scales: { x: scale(logX, xEdges, input.xLabel, input.xValues), y: scale(logY, yEdges, input.yLabel, input.yValues) },
      plugins: {
        title: { display: Boolean(input.title), text: input.title ?? '', color: text, font: { ...font, size: font.size + 2, weight: 'bold' } },
        legend: { display: datasets.length > 0, position: 'top', align: 'end', labels: { color: text, font, usePointStyle: true, pointStyle: 'line' } },
        tooltip: { enabled: false },
      },
    },
  };
}
