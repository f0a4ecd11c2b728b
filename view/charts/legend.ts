/**
 * A compact legend, drawn the same on screen and in exported figures: short line samples, tight
 * rows, several columns when it is wide. Placed inside the axes where it covers the fewest drawn
 * points (`auto`, like matplotlib's loc="best"), in a named corner, outside on the right, below,
 * or not at all. A band is drawn as a shaded patch behind its mean's line sample, so one entry says
 * "mean ± band". Clicking an entry on screen hides or shows its curves.
 */
import { layouts, type Chart, type ChartEvent, type Plugin } from 'chart.js';
import type { LegendPlacement } from '../figure-options.js';
import type { SourceStyle } from './style.js';

export type { LegendPlacement } from '../figure-options.js';
type Corner = 'upper right' | 'upper left' | 'lower left' | 'lower right' | 'center right' | 'center left' | 'lower center' | 'upper center';

/** Spots tried by `auto`, in order of preference when they cover equally many points. */
const AUTO_SPOTS: Corner[] = ['upper right', 'upper left', 'lower left', 'lower right', 'center right', 'center left', 'lower center', 'upper center'];

export interface LegendEntry {
  text: string;
  color: string;
  /** Line width of the sample (0: no line). */
  width: number;
  dash: number[];
  marker: SourceStyle['marker'];
  markerRadius: number;
  /** Fill of a band patch behind the sample. */
  band?: string;
  /** Datasets the entry stands for (hidden and shown together). */
  datasets: number[];
}

export interface LegendStyle {
  family?: string;
  /** Font size in the drawing's units. */
  size: number;
  color: string;
  /** Fill behind an inside legend (keeps it legible over grid lines and curves). */
  background: string;
}

/** Spacing in units of the font size. */
const SAMPLE = 1.7;
const GAP = 0.4;
const ROW = 1.25;
const COLUMN_GAP = 0.9;
const PAD = 0.35;
/** Distance of an inside legend from the axes' edges. */
const INSET = 0.3;

export interface LegendBlock {
  columns: number;
  width: number;
  height: number;
  /** Width of each column. */
  columnWidths: number[];
  rows: number;
}

interface Measure {
  font: string;
  measureText(text: string): { width: number };
}

function fontOf(style: LegendStyle): string {
  return `normal ${style.size}px ${style.family ?? 'sans-serif'}`;
}

/** The size of the legend laid out in `columns` columns (entries fill each column in turn). */
export function measureLegend(ctx: Measure, entries: readonly LegendEntry[], style: LegendStyle, columns: number): LegendBlock {
  const s = style.size;
  const cols = Math.max(1, Math.min(columns, entries.length));
  const rows = Math.ceil(entries.length / cols);
  ctx.font = fontOf(style);
  const columnWidths = Array.from({ length: cols }, (_, c) => {
    let w = 0;
    for (let r = 0; r < rows; r++) {
      const e = entries[c * rows + r];
      if (e) w = Math.max(w, s * (SAMPLE + GAP) + ctx.measureText(e.text).width);
    }
    return w;
  });
  const width = columnWidths.reduce((a, b) => a + b, 0) + s * COLUMN_GAP * (cols - 1) + 2 * s * PAD;
  const height = rows * s * ROW + 2 * s * PAD - s * (ROW - 1);
  return { columns: cols, width, height, columnWidths, rows };
}

/**
 * The fewest columns whose block fits `maxWidth` × `maxHeight`; when none fits, the one of
 * smallest area that fits the width (or one column).
 */
export function fitLegend(ctx: Measure, entries: readonly LegendEntry[], style: LegendStyle, maxWidth: number, maxHeight: number): LegendBlock {
  let fallback: LegendBlock | null = null;
  for (let c = 1; c <= Math.max(1, entries.length); c++) {
    const block = measureLegend(ctx, entries, style, c);
    if (block.width > maxWidth) break;
    if (block.height <= maxHeight) return block;
    if (!fallback || block.width * block.height < fallback.width * fallback.height) fallback = block;
  }
  return fallback ?? measureLegend(ctx, entries, style, 1);
}

/** The most columns (so the fewest rows) whose block fits `maxWidth`: a legend in a strip below. */
export function fitLegendRow(ctx: Measure, entries: readonly LegendEntry[], style: LegendStyle, maxWidth: number): LegendBlock {
  let best = measureLegend(ctx, entries, style, 1);
  for (let c = 2; c <= entries.length; c++) {
    const block = measureLegend(ctx, entries, style, c);
    if (block.width > maxWidth) break;
    if (block.rows < best.rows) best = block;
  }
  return best;
}

/** Where each entry sits inside a block placed at (x, y): its box for hit-testing. */
export function entryBoxes(block: LegendBlock, style: LegendStyle, x: number, y: number): { x: number; y: number; width: number; height: number }[] {
  const s = style.size;
  const boxes = [];
  let left = x + s * PAD;
  for (let c = 0; c < block.columns; c++) {
    for (let r = 0; r < block.rows; r++) {
      boxes.push({ x: left, y: y + s * PAD + r * s * ROW, width: block.columnWidths[c]!, height: s });
    }
    left += block.columnWidths[c]! + s * COLUMN_GAP;
  }
  return boxes;
}

export interface DrawContext extends Measure {
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  fill(): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash(dash: number[]): void;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineCap: string;
  globalAlpha: number;
  textBaseline: string;
  textAlign: string;
}

/** Draw one marker of `kind` centred at (x, y). */
export function drawMarker(ctx: DrawContext, kind: SourceStyle['marker'], x: number, y: number, r: number, color: string): void {
  if (kind === 'none' || r <= 0) return;
  ctx.save();
  ctx.setLineDash([]);
  ctx.fillStyle = color;
  ctx.beginPath();
  if (kind === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (kind === 'rect') ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y + r * 0.8);
    ctx.lineTo(x - r, y + r * 0.8);
    ctx.closePath();
  }
  ctx.fill();
  ctx.restore();
}

/** Draw the legend's block at (x, y): background (if `framed`), samples and texts; hidden entries faded. */
export function drawLegend(
  ctx: DrawContext,
  entries: readonly LegendEntry[],
  block: LegendBlock,
  style: LegendStyle,
  at: { x: number; y: number; framed: boolean; hidden?: (entry: LegendEntry) => boolean },
): void {
  const s = style.size;
  ctx.save();
  if (at.framed) {
    ctx.fillStyle = style.background;
    ctx.fillRect(at.x, at.y, block.width, block.height);
  }
  ctx.font = fontOf(style);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  entryBoxes(block, style, at.x, at.y).forEach((box, i) => {
    const e = entries[i];
    if (!e) return;
    const cy = box.y + s / 2;
    ctx.save();
    ctx.globalAlpha = at.hidden?.(e) ? 0.35 : 1;
    if (e.band) {
      ctx.fillStyle = e.band;
      ctx.fillRect(box.x, cy - s * 0.38, s * SAMPLE, s * 0.76);
    }
    if (e.width > 0) {
      ctx.strokeStyle = e.color;
      ctx.lineWidth = e.width;
      ctx.lineCap = 'butt';
      ctx.setLineDash(e.dash);
      ctx.beginPath();
      ctx.moveTo(box.x, cy);
      ctx.lineTo(box.x + s * SAMPLE, cy);
      ctx.stroke();
    }
    drawMarker(ctx, e.marker, box.x + (s * SAMPLE) / 2, cy, e.markerRadius, e.color);
    ctx.fillStyle = style.color;
    ctx.fillText(e.text, box.x + s * (SAMPLE + GAP), cy);
    ctx.restore();
  });
  ctx.restore();
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The top-left corner of a `w` × `h` block at `spot` inside `area`, `inset` from its edges. */
export function spotPosition(spot: Corner, area: Rect, w: number, h: number, inset: number): { x: number; y: number } {
  const [v, hz] = spot.split(' ') as ['upper' | 'lower' | 'center', 'left' | 'right' | 'center'];
  const x = hz === 'left' ? area.left + inset : hz === 'right' ? area.right - inset - w : (area.left + area.right - w) / 2;
  const y = v === 'upper' ? area.top + inset : v === 'lower' ? area.bottom - inset - h : (area.top + area.bottom - h) / 2;
  return { x, y };
}

/** How many of `points` lie in the rectangle. */
function covered(points: readonly { x: number; y: number }[], x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (const p of points) if (p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h) n++;
  return n;
}

/** The spot inside `area` where a `w` × `h` block covers the fewest of `points`, and how many it covers. */
export function bestSpot(points: readonly { x: number; y: number }[], area: Rect, w: number, h: number, inset: number): { spot: Corner; x: number; y: number; covered: number } {
  let best: { spot: Corner; x: number; y: number; covered: number } | null = null;
  for (const spot of AUTO_SPOTS) {
    const at = spotPosition(spot, area, w, h, inset);
    const n = covered(points, at.x, at.y, w, h);
    if (!best || n < best.covered) best = { spot, ...at, covered: n };
  }
  return best!;
}

/** Pixel positions of what a chart draws: its points and, on long segments, points in between. */
export function drawnPoints(chart: Chart, step: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const meta of chart.getSortedVisibleDatasetMetas()) {
    let prev: { x: number; y: number } | null = null;
    for (const el of meta.data as unknown as { x: number; y: number; skip?: boolean }[]) {
      if (!Number.isFinite(el.x) || !Number.isFinite(el.y) || el.skip) {
        prev = null;
        continue;
      }
      if (prev) {
        const n = Math.floor(Math.hypot(el.x - prev.x, el.y - prev.y) / step);
        for (let k = 1; k <= n; k++) out.push({ x: prev.x + ((el.x - prev.x) * k) / (n + 1), y: prev.y + ((el.y - prev.y) * k) / (n + 1) });
      }
      out.push({ x: el.x, y: el.y });
      prev = { x: el.x, y: el.y };
    }
  }
  return out;
}

/** What a drawn legend reports (for tests and the app): where it is and what it lists. */
export interface LegendLayout {
  placement: LegendPlacement;
  /** The spot chosen inside the axes, when inside. */
  spot?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  entries: string[];
  /** Drawn points under the legend (inside placements). */
  covered: number;
}

interface LegendState {
  block: LegendBlock | null;
  layout: LegendLayout | null;
}

const STATES = new WeakMap<Chart, LegendState>();

/** The legend last drawn on `chart`, or null. */
export function legendLayout(chart: Chart): LegendLayout | null {
  return STATES.get(chart)?.layout ?? null;
}

/** A chart.js plugin drawing `entries` at `placement`. */
export function legendPlugin(entries: readonly LegendEntry[], placement: LegendPlacement, style: LegendStyle): Plugin<'line'> {
  const inside = placement !== 'right' && placement !== 'below';
  const s = style.size;
  const hidden = (chart: Chart) => (e: LegendEntry) => e.datasets.length > 0 && e.datasets.every((i) => !chart.isDatasetVisible(i));

  const boxOf = (chart: Chart) => {
    const state: LegendState = { block: null, layout: null };
    STATES.set(chart, state);
    const box = {
      id: 'limitlabLegend',
      position: placement === 'right' ? 'right' : placement === 'below' ? 'bottom' : 'chartArea',
      weight: 1000,
      fullSize: placement === 'below',
      options: {},
      left: 0,
      top: 0,
      right: 0,
      bottom: 0,
      width: 0,
      height: 0,
      isHorizontal: () => placement === 'below',
      update(maxWidth: number, maxHeight: number) {
        const ctx = chart.ctx as unknown as Measure;
        if (!entries.length || placement === 'none') {
          state.block = null;
          box.width = box.height = 0;
          return;
        }
        if (placement === 'right') state.block = fitLegend(ctx, entries, style, maxWidth * 0.45, maxHeight);
        else if (placement === 'below') state.block = fitLegendRow(ctx, entries, style, maxWidth);
        else state.block = fitLegend(ctx, entries, style, maxWidth - 2 * s * INSET, maxHeight * 0.5);
        if (inside) {
          box.width = maxWidth;
          box.height = maxHeight;
        } else if (placement === 'right') {
          box.width = state.block.width + s * 0.4;
          box.height = maxHeight;
        } else {
          box.width = maxWidth;
          box.height = state.block.height + s * 0.3;
        }
      },
      draw() {
        const block = state.block;
        if (!block) {
          state.layout = null;
          return;
        }
        const ctx = chart.ctx as unknown as DrawContext;
        let x: number;
        let y: number;
        let spot: string | undefined;
        let count = 0;
        if (inside) {
          const area = chart.chartArea;
          const points = drawnPoints(chart, Math.max(2, s / 2));
          if (placement === 'auto') {
            const best = bestSpot(points, area, block.width, block.height, s * INSET);
            ({ x, y, spot } = best);
            count = best.covered;
          } else {
            ({ x, y } = spotPosition(placement as Corner, area, block.width, block.height, s * INSET));
            spot = placement;
            count = covered(points, x, y, block.width, block.height);
          }
        } else if (placement === 'right') {
          x = box.left + s * 0.4;
          y = chart.chartArea.top;
        } else {
          x = (chart.chartArea.left + chart.chartArea.right - block.width) / 2;
          y = box.top + s * 0.3;
        }
        drawLegend(ctx, entries, block, style, { x, y, framed: inside, hidden: hidden(chart) });
        state.layout = { placement, ...(spot ? { spot } : {}), x, y, width: block.width, height: block.height, entries: entries.map((e) => e.text), covered: count };
      },
      _layers: () => [{ z: 1, draw: () => box.draw() }],
    };
    return box;
  };

  const boxes = new WeakMap<Chart, ReturnType<typeof boxOf>>();
  return {
    id: 'limitlabLegend',
    start(chart: Chart<'line'>) {
      const box = boxOf(chart as unknown as Chart);
      boxes.set(chart as unknown as Chart, box);
      layouts.addBox(chart, box as never);
    },
    stop(chart: Chart<'line'>) {
      const box = boxes.get(chart as unknown as Chart);
      if (box) layouts.removeBox(chart, box as never);
    },
    afterEvent(chart: Chart<'line'>, args: { event: ChartEvent; changed?: boolean }) {
      const state = STATES.get(chart as unknown as Chart);
      const layout = state?.layout;
      const block = state?.block;
      if (args.event.type !== 'click' || !layout || !block) return;
      const ex = args.event.x ?? -1;
      const ey = args.event.y ?? -1;
      entryBoxes(block, style, layout.x, layout.y).forEach((b, i) => {
        if (ex < b.x || ex > b.x + b.width || ey < b.y || ey > b.y + b.height) return;
        const e = entries[i]!;
        const show = e.datasets.every((d) => !chart.isDatasetVisible(d));
        for (const d of e.datasets) chart.setDatasetVisibility(d, show);
        chart.update();
        args.changed = true;
      });
    },
  };
}
