/**
 * Register exactly the chart.js pieces the configurations of chart-config.ts use. Call once before
 * creating a chart (the renderer does it on startup; headless export does it in Node).
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';

let registered = false;

export function registerChartComponents(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend, Title, Tooltip);
  registered = true;
}
