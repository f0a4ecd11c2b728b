/**
 * How each source is drawn: colour, width, dash. A light, print-friendly palette
 * (Okabe–Ito hues, readable for colour-blind viewers).
 */
import type { SeriesSource } from '../../core/models/model-kind.js';

export interface SourceStyle {
  color: string;
  width: number;
  dash: number[];
  /** Radius of point markers (0 = none). */
  pointRadius: number;
  /** Default legend label when the series has none. */
  label: string;
}

export const SOURCE_STYLES: Record<SeriesSource, SourceStyle> = {
  theory: { color: '#1a1d21', width: 2.75, dash: [], pointRadius: 0, label: 'theory' },
  simulation: { color: '#0072b2', width: 1.5, dash: [], pointRadius: 0, label: 'simulation' },
  sde: { color: '#cc79a7', width: 1.75, dash: [7, 4], pointRadius: 0, label: 'SDE' },
  bound_lower: { color: '#009e73', width: 1.5, dash: [2, 3], pointRadius: 0, label: 'lower bound' },
  bound_upper: { color: '#d55e00', width: 1.5, dash: [10, 4, 2, 4], pointRadius: 0, label: 'upper bound' },
  empirical: { color: '#e69f00', width: 1.25, dash: [1, 3], pointRadius: 2.5, label: 'empirical' },
  fit: { color: '#56b4e9', width: 1.75, dash: [12, 6], pointRadius: 0, label: 'fit' },
};

/** Colours for curves told apart by label (several theory curves in one chart, ...). */
export const LABEL_PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#1a1d21', '#8c6d31'];

/** Width and opacity of individual replica curves. */
export const REPLICA_WIDTH = 0.9;
export const REPLICA_ALPHA = 0.35;
/** Opacity of the mean ± band fill. */
export const BAND_ALPHA = 0.2;

/** "#rrggbb" + alpha -> "rgba(r, g, b, a)". */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
