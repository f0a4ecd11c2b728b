/**
 * The vocabulary of figure export shared by the API schema, the CLI and the export dialog: size
 * presets, legend placements, and the text forms of axis limits ("0.1,2", ",2") and panel grids
 * ("2x2"). Pure data and parsing, no chart.js.
 */

/** Journal and screen sizes: width and height in millimetres, text in points. */
export const FIGURE_PRESETS = {
  single: { label: 'single column, 85 mm', widthMm: 85, heightMm: 60, fontSize: 8 },
  double: { label: 'double column, 174 mm', widthMm: 174, heightMm: 70, fontSize: 8 },
  slide: { label: 'slide 16:9', widthMm: 254, heightMm: 142.875, fontSize: 16 },
  poster: { label: 'poster', widthMm: 300, heightMm: 200, fontSize: 24 },
} as const;

export type FigurePreset = keyof typeof FIGURE_PRESETS;
export const FIGURE_PRESET_NAMES = Object.keys(FIGURE_PRESETS) as FigurePreset[];

export const LEGEND_PLACEMENTS = ['auto', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'below', 'none'] as const;
export type LegendPlacement = (typeof LEGEND_PLACEMENTS)[number];

/** Limits of an axis; null on a side keeps the data's. */
export type AxisLimits = [min: number | null, max: number | null];

/** Most rows or columns of a panel grid, and most panels. */
export const MAX_GRID_SIDE = 6;
export const MAX_PANELS = 16;

/** Line widths follow the text: a figure with 14 pt text draws the screen's widths in points. */
export function lineScaleFor(fontSize: number): number {
  return fontSize / 14;
}

/**
 * "lo,hi" with either side empty ("0.1,", ",2") into limits; an error message naming what is
 * wrong otherwise. Both sides must be finite numbers, the lower below the upper.
 */
export function parseLimits(text: string): AxisLimits | string {
  const parts = text.split(',');
  if (parts.length !== 2) return 'expected LO,HI (either may be left empty, e.g. 0,1 or ,1e-3)';
  const sides = parts.map((p) => p.trim()).map((p) => (p === '' ? null : Number(p)));
  if (sides.every((v) => v === null)) return 'give at least one of LO and HI';
  if (sides.some((v) => v !== null && !Number.isFinite(v))) return 'LO and HI must be numbers';
  const [lo, hi] = sides as AxisLimits;
  if (lo !== null && hi !== null && !(lo < hi)) return 'LO must be below HI';
  return [lo, hi];
}

/** "RxC" (rows × columns, e.g. "2x2") into a grid; an error message otherwise. */
export function parseGrid(text: string): { rows: number; columns: number } | string {
  const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/i.exec(text);
  if (!m) return 'expected ROWSxCOLUMNS, e.g. 2x2';
  const rows = Number(m[1]);
  const columns = Number(m[2]);
  if (rows < 1 || columns < 1 || rows > MAX_GRID_SIDE || columns > MAX_GRID_SIDE) return `rows and columns from 1 to ${MAX_GRID_SIDE}`;
  return { rows, columns };
}

/** The panel letter of panel `index` (0-based): "(a)", "(b)", … */
export function panelLetter(index: number): string {
  return `(${String.fromCharCode(97 + (index % 26))})`;
}
