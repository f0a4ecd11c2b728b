/**
 * Zoom and pan on the app's charts (chartjs-plugin-zoom): drag a box to zoom, shift-drag to pan,
 * double-click to go back to the data's limits. The figures exported from a chart use the chart's
 * own limits, not the zoom.
 */
import { Chart, type Plugin } from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';

let registered = false;

export function registerZoom(): void {
  if (registered) return;
  Chart.register(zoomPlugin as unknown as Plugin);
  registered = true;
}

/** The plugin's options: box zoom on both axes, pan with shift held, no wheel zoom (the page scrolls). */
export function zoomOptions(onChange: () => void) {
  return {
    zoom: {
      drag: { enabled: true, borderWidth: 1, threshold: 6 },
      wheel: { enabled: false },
      pinch: { enabled: true },
      mode: 'xy' as const,
      onZoomComplete: onChange,
    },
    pan: { enabled: true, modifierKey: 'shift' as const, mode: 'xy' as const, onPanComplete: onChange },
  };
}

/** The chart's current limits as user limits, when zoomed (else null). */
export function zoomedLimits(chart: Chart): { x: [number, number]; y: [number, number] } | null {
  if (!chart.isZoomedOrPanned()) return null;
  const x = chart.scales['x'];
  const y = chart.scales['y'];
  return x && y ? { x: [x.min, x.max], y: [y.min, y.max] } : null;
}
