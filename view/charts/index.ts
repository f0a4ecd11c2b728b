/** Charts: pure configuration building (shared with headless export) and chart.js registration. */
export { buildChartConfig, labelStem, preparePoints, seriesLabel } from './chart-config.js';
export type { ChartModel, ChartOptions, DatasetRole, PlottedSeries, Point, ReplicaMode } from './chart-config.js';
export { registerChartComponents } from './register.js';
export { groupSeriesByName, hasReplicas, type SeriesGroup } from './series-groups.js';
export { compactLabel, formatLinearTick, formatLogTick, formatValue, isPowerOfTen, powerOfTenLabel, superscript } from './ticks.js';
export { initialLogAxes, suggestLogAxes } from './axes.js';
export { liveGroups, liveScalars, SO_FAR, type LivePartials } from './live.js';
