/**
 * From a run's series of one observable to a chart.js configuration.
 *
 * Pure configuration (plus the plugins it names): the same configuration drives the interactive
 * chart in the renderer and headless figure export. Conventions:
 *
 * - one colour and line style per source in every kind (style.ts); curve families told apart by
 *   label (several runs, several dimensions) share a colour per family and keep the source's style;
 * - theory: solid thick line, under the simulation mean (see DRAW_ORDER);
 * - simulation aggregate (a band, no `replica`): a line with markers and a shaded band between
 *   `lo` and `hi`; its legend entry shows the band behind the line;
 * - replicas (`replica` defined): thin translucent lines, gathered under one legend entry;
 * - axes: limits from the data with a small margin (limits.ts), round ticks (tick-values.ts), log
 *   axes labelled at decades with minor ticks; user limits and axis titles replace the defaults;
 * - log axes: points at x = 0 are left out silently (t = 0 of a log time axis), other non-positive
 *   values are left out and counted, non-finite values are counted as missing;
 * - the legend (legend.ts) sits inside the axes where it covers the fewest points unless placed.
 *
 * `replicas: 'lines'` shows the replica curves and the aggregate's mean line; `'band'` shows the mean
 * with its band and hides the replicas. When only one of the two exists it is shown in either mode.
 */
import type { Chart, ChartConfiguration, ChartDataset, Plugin, Scale, ScriptableContext, ScriptableScaleContext, Tick, TooltipItem, TooltipModel } from 'chart.js';
import type { Series, SeriesSource } from '../../core/models/model-kind.js';
import { downsampleIndices } from './downsample.js';
import { legendPlugin, type LegendEntry, type LegendPlacement } from './legend.js';
import { axisLimits, MARGINS, type AxisLimits } from './limits.js';
import { BAND_ALPHA, LABEL_PALETTE, MARKERS_PER_CURVE, REPLICA_ALPHA, REPLICA_WIDTH, SOURCE_STYLES, withAlpha } from './style.js';
import { linearTicks, logTicks, tickBudget, type TickValue } from './tick-values.js';
import { alignedFormat, compactLabel, formatLinearTick, formatValue, isPowerOfTen, powerOfTenLabel } from './ticks.js';

export type ReplicaMode = 'lines' | 'band';

export interface ChartOptions {
  logX?: boolean;
  logY?: boolean;
  replicas?: ReplicaMode;
  /** Shown above the plot when given and not blank (figure export); the app shows its own heading instead. */
  title?: string;
  /** Alignment of the title ('start' for a panel letter). */
  titleAlign?: 'center' | 'start';
  /** Upper bound on points per curve (min/max-preserving reduction). Default 2000. */
  maxPoints?: number;
  font?: { family?: string; size?: number };
  /** Default true (the app); headless export passes false. */
  responsive?: boolean;
  devicePixelRatio?: number;
  /** Where the legend goes; `true` is 'auto', `false` is 'none'. Default 'auto'. */
  legend?: boolean | LegendPlacement;
  /** Entries to list instead of the chart's own (one legend shared by the panels of a figure). */
  legendEntries?: LegendEntry[];
  /** Colours of text, grid and the theory line; default 'light'. */
  theme?: 'light' | 'dark';
  /** User limits of each axis; null on a side keeps the data's. */
  xlim?: AxisLimits;
  ylim?: AxisLimits;
  /** Axis titles replacing the series' labels. */
  xLabel?: string;
  yLabel?: string;
  /** Whether each axis title is drawn (inner panels of a figure share their neighbours'). Default true. */
  xTitle?: boolean;
  yTitle?: boolean;
  /** Multiplies line widths and marker sizes (a printed figure draws thinner than a screen). Default 1. */
  lineScale?: number;
  /** Space kept free above the plot, in drawing units. */
  padTop?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** What is drawn: one entry per curve (band edges are not curves). */
export interface PlottedSeries {
  source: SeriesSource;
  label: string;
}

export type DatasetRole = 'curve' | 'replica' | 'band-lo' | 'band-hi';

export interface ChartModel {
  config: ChartConfiguration<'line', Point[]>;
  plotted: PlottedSeries[];
  /** Role of each dataset, index-aligned with config.data.datasets. */
  roles: DatasetRole[];
  /** The legend's entries (a band shares its mean's entry; replicas have one). */
  entries: LegendEntry[];
  xLabel: string;
  yLabel: string;
  /** Points left out because they are negative (or zero, except x = 0) on a log axis. */
  nonPositivePoints: number;
  /** Points left out because a coordinate is not finite (NaN, ±Infinity). */
  missingPoints: number;
  /** True when the series contain replica curves, i.e. the replicas toggle changes something. */
  hasReplicas: boolean;
}

/**
 * Drawing order (chart.js draws higher `order` first): bands, then replicas, then the thick theory
 * line, with the simulation mean and the other curves on top, so agreement shows as a thin line
 * running inside the thick one.
 */
const BAND_ORDER = 6;
const REPLICA_ORDER = 5;
const DRAW_ORDER: Record<SeriesSource, number> = {
  theory: 4,
  bound_lower: 3,
  bound_upper: 3,
  fit: 3,
  sde: 2,
  empirical: 1,
  simulation: 0,
};
/** Replica curves listed in the tooltip up to this many. */
const TOOLTIP_REPLICAS = 6;

const SOURCE_ORDER: SeriesSource[] = ['theory', 'simulation', 'sde', 'empirical', 'fit', 'bound_lower', 'bound_upper'];
interface Palette {
  text: string;
  gridMajor: string;
  gridMinor: string;
  border: string;
  /** Replaces the near-black theory colour on a dark background. */
  theory: string;
  /** Behind a legend inside the axes. */
  legendBackground: string;
  crosshair: string;
}

const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { text: '#2b3036', gridMajor: '#d3d8de', gridMinor: '#eef0f3', border: '#6b747e', theory: SOURCE_STYLES.theory.color, legendBackground: 'rgba(255, 255, 255, 0.85)', crosshair: 'rgba(43, 48, 54, 0.45)' },
  dark: { text: '#e3e6ea', gridMajor: '#4a5059', gridMinor: '#30353c', border: '#8d96a1', theory: '#f2f4f7', legendBackground: 'rgba(29, 33, 38, 0.85)', crosshair: 'rgba(227, 230, 234, 0.45)' },
};

const REPLICA_TOKENS = /\b(replica|rep|seed|run)\s*#?\s*\d+\b|#\d+|\b(of\s+)?\d+\s+replicas?\b|\bof\s+\d+\b/gi;
const SOURCE_WORDS =
  /\b(theory|theoretical|ode|simulation|simulated|sim|sgd|sde|mean|empirical|fit|fitted|bound|lower|upper|replicas?|std|stderr|minmax)\b/gi;

/**
 * What distinguishes a curve's label from its source: "theory (d=500)" and "simulation, d=500"
 * both give "d 500". Curves sharing a stem share a colour when labels tell families apart.
 */
export function labelStem(label: string | undefined): string {
  if (!label) return '';
  return label
    .replace(REPLICA_TOKENS, ' ')
    .replace(SOURCE_WORDS, ' ')
    .replace(/[()[\]{}:,;=±|/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const BAND_WORDS: Record<string, string> = { std: '± std', stderr: '± s.e.', minmax: 'min–max', quantile: '10–90 %' };

/** The legend label of a series; an unlabelled aggregate says whether and which band is drawn. */
export function seriesLabel(s: Series, bandShown = true): string {
  if (s.label) return s.label;
  if (s.replica !== undefined) return `replica ${s.replica}`;
  if (s.band) return `${SOURCE_STYLES[s.source].label} (mean${bandShown ? ` ${BAND_WORDS[s.band.kind] ?? '± band'}` : ''})`;
  return SOURCE_STYLES[s.source].label;
}

interface PreparedCurve {
  points: Point[];
  nonPositive: number;
  missing: number;
}

/**
 * Points of (x, y) for the axes in use: on a log x axis x <= 0 is left out (x = 0 without being
 * counted), on a log y axis y <= 0 becomes a gap; non-finite values become gaps, counted as missing.
 */
export function preparePoints(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: { logX: boolean; logY: boolean; maxPoints: number },
  indices?: number[],
): PreparedCurve {
  const n = Math.min(x.length, y.length);
  const idx = indices ?? downsampleIndices(Array.from({ length: n }, (_, i) => y[i]), opts.maxPoints);
  const points: Point[] = [];
  let nonPositive = 0;
  let missing = 0;
  for (const i of idx) {
    if (i >= n) continue;
    const xi = x[i];
    const yi = y[i];
    if (!Number.isFinite(xi)) {
      missing++;
      continue;
    }
    if (opts.logX && !(xi > 0)) {
      if (xi !== 0) nonPositive++;
      continue;
    }
    if (!Number.isFinite(yi)) {
      missing++;
      points.push({ x: xi, y: Number.NaN });
      continue;
    }
    if (opts.logY && !(yi > 0)) {
      nonPositive++;
      points.push({ x: xi, y: Number.NaN });
      continue;
    }
    points.push({ x: xi, y: yi });
  }
  return { points, nonPositive, missing };
}

function sortBySource(a: Series, b: Series): number {
  return SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source);
}

/**
 * Colour of each series: its source's, the same in every kind and panel; when one source has
 * several curves told apart by label (runs overlaid, dimensions of a finite-size study), each
 * label family gets a colour and keeps it across sources.
 */
function assignColors(series: readonly Series[]): Map<Series, string> {
  const curves = series.filter((s) => s.replica === undefined);
  const stemsBySource = new Map<SeriesSource, Set<string>>();
  for (const s of curves) {
    const set = stemsBySource.get(s.source) ?? new Set<string>();
    set.add(labelStem(s.label));
    stemsBySource.set(s.source, set);
  }
  const families = [...stemsBySource.values()].some((set) => set.size >= 2);
  const stems: string[] = [];
  if (families) for (const s of [...curves].sort(sortBySource)) {
    const stem = labelStem(s.label);
    if (stem && !stems.includes(stem)) stems.push(stem);
  }
  const colors = new Map<Series, string>();
  for (const s of series) {
    const stem = labelStem(s.label);
    colors.set(s, families && stem !== '' ? LABEL_PALETTE[stems.indexOf(stem) % LABEL_PALETTE.length]! : SOURCE_STYLES[s.source].color);
  }
  return colors;
}

interface AxisSetup {
  axis: 'x' | 'y';
  log: boolean;
  title: string;
  showTitle: boolean;
  font: { family?: string; size: number };
  pal: Palette;
  user: AxisLimits;
  lineScale: number;
}

/** The label of a tick among `ticks` (minor ticks of a log axis stay unlabelled). */
function tickLabel(value: number, index: number, ticks: readonly (Tick & { major?: boolean })[], log: boolean): string {
  const tick = ticks[index];
  if (tick && tick.major === false) return '';
  if (log) {
    const majors = ticks.filter((t) => t.major !== false).map((t) => t.value);
    // Decades only: 10ᵏ; with 2× and 5× (or inside a decade) every label in plain numbers.
    if (majors.every(isPowerOfTen)) return powerOfTenLabel(Math.round(Math.log10(value)));
    return majors.some(isPowerOfTen) ? compactLabel(value) : formatLinearTick(value, majors);
  }
  return formatLinearTick(value, ticks.map((t) => t.value));
}

function scaleConfig(setup: AxisSetup) {
  const { axis, log, pal, font, user } = setup;
  const margin = MARGINS[axis];
  return {
    type: log ? ('logarithmic' as const) : ('linear' as const),
    bounds: 'data' as const,
    ...(user[0] !== null ? { min: user[0] } : {}),
    ...(user[1] !== null ? { max: user[1] } : {}),
    title: {
      display: setup.showTitle && setup.title !== '',
      text: setup.title,
      color: pal.text,
      font,
      padding: { top: font.size * 0.15, bottom: font.size * 0.15 },
    },
    /** Data limits widened by the margin; a limit set by the user (or by zooming) is kept as it is. */
    afterDataLimits(scale: Scale) {
      const opts = scale.options as { min?: unknown; max?: unknown };
      const given: AxisLimits = [typeof opts.min === 'number' ? opts.min : null, typeof opts.max === 'number' ? opts.max : null];
      const limits = axisLimits(scale.min, scale.max, { log, margin, user: given });
      scale.min = limits.min;
      scale.max = limits.max;
    },
    /** Round ticks, as many as the axis has room for. */
    afterBuildTicks(scale: Scale) {
      const horizontal = scale.isHorizontal();
      const length = horizontal ? scale.width : scale.height;
      const budget = tickBudget(length, horizontal ? font.size * 4.2 : font.size * 2.4);
      const values: TickValue[] = log ? logTicks(scale.min, scale.max, budget) : linearTicks(scale.min, scale.max, budget);
      scale.ticks = values.map((t) => ({ value: t.value, major: t.major }));
    },
    ticks: {
      color: pal.text,
      font,
      autoSkip: !log,
      autoSkipPadding: font.size * 0.6,
      maxRotation: 0,
      padding: font.size * 0.25,
      callback(this: unknown, value: number | string, index: number, ticks: Tick[]): string {
        return tickLabel(Number(value), index, ticks, log);
      },
    },
    grid: {
      color: (ctx: ScriptableScaleContext) => {
        const tick = ctx.tick as (Tick & { major?: boolean }) | undefined;
        if (!tick) return pal.gridMinor;
        if (log) return tick.major === false ? pal.gridMinor : pal.gridMajor;
        return tick.value === 0 ? pal.gridMajor : pal.gridMinor;
      },
      lineWidth: 0.75 * setup.lineScale,
      tickLength: font.size * 0.35,
      tickColor: pal.border,
      tickWidth: (ctx: ScriptableScaleContext) => ((ctx.tick as (Tick & { major?: boolean }) | undefined)?.major === false ? 0.5 : 0.9) * setup.lineScale,
    },
    border: { color: pal.border, width: 0.9 * setup.lineScale },
  };
}

/** Indices of evenly spaced markers on a curve of n points. */
function markerEvery(n: number): number {
  return Math.max(1, Math.round(n / MARKERS_PER_CURVE));
}

/** A vertical line at the x of the tooltip's points, drawn over the datasets. */
function crosshair(color: string): Plugin<'line'> {
  return {
    id: 'limitlabCrosshair',
    afterDatasetsDraw(chart) {
      const active = chart.tooltip?.getActiveElements() ?? [];
      const first = active[0];
      if (!first || !chart.tooltip || chart.tooltip.opacity === 0) return;
      const x = first.element.x;
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** Build the chart.js configuration for the series of one observable. */
export function buildChartConfig(series: readonly Series[], options: ChartOptions = {}): ChartModel {
  const logX = options.logX ?? false;
  const logY = options.logY ?? false;
  const mode: ReplicaMode = options.replicas ?? 'band';
  const maxPoints = options.maxPoints ?? 2000;
  const font = { family: options.font?.family, size: options.font?.size ?? 12 };
  const pal = PALETTES[options.theme ?? 'light'];
  const k = options.lineScale ?? 1;

  const replicas = series.filter((s) => s.replica !== undefined);
  const curves = series.filter((s) => s.replica === undefined).sort(sortBySource);
  const banded = curves.filter((s) => s.band !== undefined);
  const showReplicas = replicas.length > 0 && (mode === 'lines' || banded.length === 0);
  const showBands = banded.length > 0 && (mode === 'band' || replicas.length === 0);

  const colors = assignColors(series);
  for (const [s, c] of colors) if (c === SOURCE_STYLES.theory.color) colors.set(s, pal.theory);
  const datasets: ChartDataset<'line', Point[]>[] = [];
  const roles: DatasetRole[] = [];
  const plotted: PlottedSeries[] = [];
  const entries: LegendEntry[] = [];
  let nonPositivePoints = 0;
  let missingPoints = 0;
  const prep = { logX, logY, maxPoints };
  const count = (p: PreparedCurve) => {
    nonPositivePoints += p.nonPositive;
    missingPoints += p.missing;
  };

  const push = (ds: ChartDataset<'line', Point[]>, role: DatasetRole) => {
    datasets.push(ds);
    roles.push(role);
    return datasets.length - 1;
  };

  for (const s of curves) {
    const style = SOURCE_STYLES[s.source];
    const color = colors.get(s) ?? style.color;
    const n = Math.min(s.x.length, s.y.length);
    const indices = downsampleIndices(Array.from({ length: n }, (_, i) => s.y[i]), maxPoints);
    const main = preparePoints(s.x, s.y, prep, indices);
    count(main);
    const label = seriesLabel(s, showBands);
    const every = markerEvery(main.points.length);
    const offset = Math.floor(every / 2);
    const markerRadius = style.markerRadius * k;
    const index = push(
      {
        type: 'line',
        label,
        data: main.points,
        borderColor: color,
        backgroundColor: color,
        borderWidth: style.width * k,
        borderDash: style.dash.map((d) => d * k),
        pointStyle: style.marker === 'none' ? 'circle' : style.marker === 'rect' ? 'rect' : style.marker,
        pointRadius: style.marker === 'none' ? 0 : (ctx: ScriptableContext<'line'>) => (ctx.dataIndex % every === offset ? markerRadius : 0),
        pointBorderWidth: 0,
        pointHoverRadius: Math.max(3, markerRadius + 1),
        pointHitRadius: 4,
        fill: false,
        tension: 0,
        spanGaps: false,
        order: DRAW_ORDER[s.source],
      },
      'curve',
    );
    plotted.push({ source: s.source, label });
    const entry: LegendEntry = { text: label, color, width: Math.max(1, style.width * k), dash: style.dash.map((d) => d * k), marker: style.marker, markerRadius, datasets: [index] };
    if (showBands && s.band) {
      const lo = preparePoints(s.x, s.band.lo, prep, indices);
      const hi = preparePoints(s.x, s.band.hi, prep, indices);
      count(lo);
      count(hi);
      const fillColor = withAlpha(color, BAND_ALPHA);
      const edge = {
        type: 'line' as const,
        borderColor: 'transparent',
        backgroundColor: fillColor,
        borderWidth: 0,
        pointRadius: 0,
        pointHoverRadius: 0,
        pointHitRadius: 0,
        tension: 0,
        spanGaps: false,
        order: BAND_ORDER,
      };
      entry.datasets.push(push({ ...edge, label: `${label} (lo)`, data: lo.points, fill: false }, 'band-lo'));
      entry.datasets.push(push({ ...edge, label: `${label} (hi)`, data: hi.points, fill: '-1' }, 'band-hi'));
      entry.band = withAlpha(color, BAND_ALPHA * 1.5);
    }
    entries.push(entry);
  }

  if (showReplicas) {
    const members: number[] = [];
    let first: { color: string; dash: number[] } | null = null;
    for (const s of replicas) {
      const style = SOURCE_STYLES[s.source];
      const color = colors.get(s) ?? style.color;
      const pts = preparePoints(s.x, s.y, prep);
      count(pts);
      const label = seriesLabel(s);
      first ??= { color, dash: style.dash };
      members.push(
        push(
          {
            type: 'line',
            label,
            data: pts.points,
            borderColor: withAlpha(color, REPLICA_ALPHA),
            backgroundColor: withAlpha(color, REPLICA_ALPHA),
            borderWidth: REPLICA_WIDTH * k,
            borderDash: style.dash.map((d) => d * k),
            pointRadius: 0,
            pointHoverRadius: 2,
            pointHitRadius: 2,
            fill: false,
            tension: 0,
            spanGaps: false,
            order: REPLICA_ORDER,
          },
          'replica',
        ),
      );
      plotted.push({ source: s.source, label });
    }
    if (first) {
      entries.push({ text: `replicas (${replicas.length})`, color: withAlpha(first.color, 0.6), width: Math.max(1, REPLICA_WIDTH * k), dash: first.dash.map((d) => d * k), marker: 'none', markerRadius: 0, datasets: members });
    }
  }

  const pick = series.find((s) => s.source === 'theory') ?? series[0];
  const xLabel = options.xLabel ?? pick?.xLabel ?? '';
  const yLabel = options.yLabel ?? pick?.yLabel ?? '';
  const placement: LegendPlacement = options.legend === undefined || options.legend === true ? 'auto' : options.legend === false ? 'none' : options.legend;
  const shown = options.legendEntries ?? entries;
  const tooltipRoles = new Set<DatasetRole>(replicas.length <= TOOLTIP_REPLICAS ? ['curve', 'replica'] : ['curve']);
  const title = options.title?.trim() ?? '';

  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: { datasets },
    plugins: [legendPlugin(shown, placement, { family: font.family, size: font.size, color: pal.text, background: pal.legendBackground }), crosshair(pal.crosshair)],
    options: {
      parsing: false,
      animation: false,
      responsive: options.responsive ?? true,
      maintainAspectRatio: false,
      ...(options.devicePixelRatio ? { devicePixelRatio: options.devicePixelRatio } : {}),
      layout: { padding: { top: options.padTop ?? font.size * 0.4, right: font.size * 0.8, left: font.size * 0.15, bottom: font.size * 0.15 } },
      interaction: { mode: 'limitlabX', axis: 'x', intersect: false },
      scales: {
        x: scaleConfig({ axis: 'x', log: logX, title: xLabel, showTitle: options.xTitle ?? true, font, pal, user: options.xlim ?? [null, null], lineScale: k }),
        y: scaleConfig({ axis: 'y', log: logY, title: yLabel, showTitle: options.yTitle ?? true, font, pal, user: options.ylim ?? [null, null], lineScale: k }),
      },
      plugins: {
        title: {
          display: title !== '',
          text: title,
          align: options.titleAlign ?? 'center',
          color: pal.text,
          font: { ...font, weight: 'bold' },
          padding: { top: 0, bottom: font.size * 0.4 },
        },
        legend: { display: false },
        tooltip: {
          filter: (item: TooltipItem<'line'>) => tooltipRoles.has(roles[item.datasetIndex]!) && Number.isFinite(item.parsed.y),
          itemSort: (a: TooltipItem<'line'>, b: TooltipItem<'line'>) => (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items[0] ? `${xLabel || 'x'} = ${formatValue(items[0].parsed.x ?? Number.NaN)}` : ''),
            label(this: TooltipModel<'line'>, item: TooltipItem<'line'>) {
              const format = alignedFormat(this.dataPoints.map((p) => p.parsed.y ?? Number.NaN));
              return `${item.dataset.label ?? ''}: ${format(item.parsed.y ?? Number.NaN)}`;
            },
          },
        },
      },
    },
  };

  return { config, plotted, roles, entries, xLabel, yLabel, nonPositivePoints, missingPoints, hasReplicas: replicas.length > 0 };
}

/** The chart a plugin or callback belongs to (typed access for tests). */
export type LineChart = Chart<'line', Point[]>;
