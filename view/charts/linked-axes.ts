/**
 * Linked axes for side-by-side panels: the union of the data ranges of every panel, applied to each
 * as suggested bounds, so chart.js picks the same ticks and limits everywhere.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Point } from './chart-config.js';

export interface AxisRanges {
  x: [number, number] | null;
  y: [number, number] | null;
}

/** The range of the drawn (finite) points of all the configurations. */
export function commonRanges(configs: readonly ChartConfiguration<'line', Point[]>[]): AxisRanges {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const config of configs) {
    for (const ds of config.data.datasets) {
      for (const p of ds.data) {
        if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
        if (p.x < x0) x0 = p.x;
        if (p.x > x1) x1 = p.x;
        if (p.y < y0) y0 = p.y;
        if (p.y > y1) y1 = p.y;
      }
    }
  }
  return { x: x0 <= x1 ? [x0, x1] : null, y: y0 <= y1 ? [y0, y1] : null };
}

/** Apply the common ranges as suggested bounds (in place; returns the configuration). */
export function applyRanges<T extends ChartConfiguration<'line', Point[]>>(config: T, ranges: AxisRanges): T {
  const scales = (config.options?.scales ?? {}) as Record<string, Record<string, unknown>>;
  for (const axis of ['x', 'y'] as const) {
    const range = ranges[axis];
    const scale = scales[axis];
    if (!range || !scale) continue;
    // Every panel's own data lies inside the common range, so each ends up with exactly that range
    // and chart.js computes the same ticks for all of them.
    scale.suggestedMin = range[0];
    scale.suggestedMax = range[1];
  }
  return config;
}
