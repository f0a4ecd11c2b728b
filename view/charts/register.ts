/**
 * Register exactly the chart.js pieces the configurations of chart-config.ts use, and the
 * interaction mode of its crosshair tooltip. Call once before creating a chart (the renderer does
 * it on startup; headless export does it in Node).
 */
import {
  Chart,
  Filler,
  Interaction,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
  type InteractionItem,
  type InteractionModeFunction,
} from 'chart.js';

declare module 'chart.js' {
  interface InteractionModeMap {
    /** Every visible dataset's point nearest to the pointer's x (see nearestPerDataset). */
    limitlabX: InteractionModeFunction;
  }
}

/** How far (in pixels) a curve's nearest point may lie from the pointer's x to be listed. */
const REACH = 24;

/**
 * For each visible dataset, its point nearest to the pointer's x (curves may sit on different x
 * grids, so chart.js's 'index' mode would pair unrelated points), if within REACH pixels.
 */
export const nearestPerDataset: InteractionModeFunction = (chart, event) => {
  const x = event.x;
  if (x === null || x === undefined) return [];
  const { left, right, top, bottom } = chart.chartArea;
  if (x < left - 1 || x > right + 1 || (event.y ?? top) < top - 1 || (event.y ?? bottom) > bottom + 1) return [];
  const items: InteractionItem[] = [];
  for (const meta of chart.getSortedVisibleDatasetMetas()) {
    const points = meta.data as unknown as { x: number; y: number; skip?: boolean }[];
    let best = -1;
    let bestDx = Infinity;
    // Points are in x order: binary search, then look at the neighbours.
    let lo = 0;
    let hi = points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((points[mid]?.x ?? Infinity) < x) lo = mid + 1;
      else hi = mid;
    }
    for (let i = Math.max(0, lo - 2); i <= Math.min(points.length - 1, lo + 2); i++) {
      const p = points[i]!;
      if (p.skip || !Number.isFinite(p.y)) continue;
      const dx = Math.abs(p.x - x);
      if (dx < bestDx) {
        bestDx = dx;
        best = i;
      }
    }
    if (best >= 0 && bestDx <= REACH) items.push({ element: meta.data[best]!, datasetIndex: meta.index, index: best });
  }
  return items;
};

let registered = false;

export function registerChartComponents(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Title, Tooltip);
  (Interaction.modes as unknown as Record<string, InteractionModeFunction>)['limitlabX'] = nearestPerDataset;
  registered = true;
}
