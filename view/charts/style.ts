/**
 * How each source is drawn: colour, width, dash and markers, the same in every kind, every panel
 * and every figure. Colours are Okabe–Ito hues (readable for colour-blind viewers); each source
 * also has its own line style, so theory and simulation stay apart in grey scale: theory is the
 * thick solid line, a simulation mean a thin line with circles, homogenized SGD (sde) dashed,
 * bounds dotted and dash-dotted, a fit long-dashed, empirical points squares.
 */
import type { SeriesSource } from '../../core/models/model-kind.js';

export interface SourceStyle {
  color: string;
  width: number;
  dash: number[];
  /** Marker drawn every few points (none when 'none'). */
  marker: 'none' | 'circle' | 'rect' | 'triangle';
  /** Radius of markers, in the same units as the width. */
  markerRadius: number;
  /** Default legend label when the series has none. */
  label: string;
}

export const SOURCE_STYLES: Record<SeriesSource, SourceStyle> = {
  theory: { color: '#1a1d21', width: 2.75, dash: [], marker: 'none', markerRadius: 0, label: 'theory' },
  simulation: { color: '#0072b2', width: 1.5, dash: [], marker: 'circle', markerRadius: 2.5, label: 'simulation' },
  sde: { color: '#d55e00', width: 1.75, dash: [7, 4], marker: 'none', markerRadius: 0, label: 'SDE' },
  bound_lower: { color: '#009e73', width: 1.5, dash: [2, 3], marker: 'none', markerRadius: 0, label: 'lower bound' },
  bound_upper: { color: '#cc79a7', width: 1.5, dash: [10, 4, 2, 4], marker: 'none', markerRadius: 0, label: 'upper bound' },
  empirical: { color: '#e69f00', width: 1.25, dash: [1, 3], marker: 'rect', markerRadius: 2.5, label: 'empirical' },
  fit: { color: '#56b4e9', width: 1.75, dash: [12, 6], marker: 'none', markerRadius: 0, label: 'fit' },
};

/** Markers per curve: a simulation mean shows about this many, evenly spaced. */
export const MARKERS_PER_CURVE = 12;

/**
 * Colours for curve families told apart by label (several runs overlaid, several dimensions in a
 * finite-size study); a family keeps its colour across the sources, which keep their line styles.
 */
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

/** Relative luminance of "#rrggbb" in [0, 1] (sRGB, as a grey-scale print renders it). */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return Number.NaN;
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
}
