/**
 * From a run's series of one observable to a chart.js configuration.
 *
 * Pure: no DOM, no chart.js runtime, no globals; the same configuration drives the interactive
 * chart in the renderer and headless figure export. Conventions:
 *
 * - theory: solid thick line, under the simulation mean (see DRAW_ORDER);
 * - simulation aggregate (a band, no `replica`): a line with a shaded band between `lo` and `hi`;
 * - replicas (`replica` defined): thin translucent lines, gathered under one legend entry;
 * - sde, bounds, empirical, fit: their own dash styles (see style.ts);
 * - log axes: non-positive values are not plotted (x <= 0 dropped, y <= 0 left as a gap), ticks at
 *   powers of ten labelled "10ᵏ".
 *
 * `replicas: 'lines'` shows the replica curves and the aggregate's mean line; `'band'` shows the mean
 * with its band and hides the replicas. When only one of the two exists it is shown in either mode.
 */
import type {
  ChartConfiguration,
  ChartDataset,
  LegendItem,
  ScriptableScaleContext,
  Tick,
  TooltipItem,
} from 'chart.js';
import type { Series, SeriesSource } from '../../core/models/model-kind.js';
import { downsampleIndices } from './downsample.js';
import { BAND_ALPHA, LABEL_PALETTE, REPLICA_ALPHA, REPLICA_WIDTH, SOURCE_STYLES, withAlpha } from './style.js';
import { formatLinearTick, formatLogTick, formatValue, isPowerOfTen } from './ticks.js';

export type ReplicaMode = 'lines' | 'band';

export interface ChartOptions {
  logX?: boolean;
  logY?: boolean;
  replicas?: ReplicaMode;
  /** Shown above the plot when given (figure export); the app shows its own heading instead. */
  title?: string;
  /** Upper bound on points per curve (min/max-preserving reduction). Default 2000. */
  maxPoints?: number;
  font?: { family?: string; size?: number };
  /** Default true (the app); headless export passes false. */
  responsive?: boolean;
  devicePixelRatio?: number;
  /** Default true. */
  legend?: boolean;
  /** Colours of text, grid and the theory line; default 'light'. */
  theme?: 'light' | 'dark';
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
  xLabel: string;
  yLabel: string;
  /** Points not drawn because they are non-positive on a log axis (or not finite). */
  hiddenPoints: number;
  /** True when the series contain replica curves, i.e. the replicas toggle changes something. */
  hasReplicas: boolean;
}

/**
 * Drawing order (chart.js draws higher `order` first): bands, then replicas, then the thick theory
 * line, with the simulation mean and the other curves on top, so agreement shows as a thin line
 * running inside the thick one.
 */
const BAND_ORDER = 6;
/** Above this many visible decades a log axis draws no minor grid lines. */
const MAX_MINOR_DECADES = 8;
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

const SOURCE_ORDER: SeriesSource[] = ['theory', 'simulation', 'sde', 'empirical', 'fit', 'bound_lower', 'bound_upper'];
interface Palette {
  text: string;
  gridMajor: string;
  gridMinor: string;
  border: string;
  /** Replaces the near-black theory colour on a dark background. */
  theory: string;
}

const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { text: '#2b3036', gridMajor: '#d3d8de', gridMinor: '#eef0f3', border: '#8a939d', theory: SOURCE_STYLES.theory.color },
  dark: { text: '#e3e6ea', gridMajor: '#4a5059', gridMinor: '#30353c', border: '#7d8691', theory: '#f2f4f7' },
};

const REPLICA_TOKENS = /\b(replica|rep|seed|run)\s*#?\s*\d+\b|#\d+/gi;
const SOURCE_WORDS =
  /\b(theory|theoretical|ode|simulation|simulated|sim|sgd|sde|mean|empirical|fit|fitted|bound|lower|upper|replicas?|std|stderr|minmax)\b/gi;

/**
 * What distinguishes a curve's label from its source: "theory (d=500)" and "simulation, d=500"
 * both give "d 500". Curves sharing a stem share a colour.
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

/** The legend label of a series; an aggregate says whether its band is drawn. */
export function seriesLabel(s: Series, bandShown = true): string {
  if (s.label) return s.label;
  if (s.replica !== undefined) return `replica ${s.replica}`;
  if (s.band) return `${SOURCE_STYLES[s.source].label} (mean${bandShown ? ` ± ${s.band.kind}` : ''})`;
  return SOURCE_STYLES[s.source].label;
}

interface PreparedCurve {
  points: Point[];
  hidden: number;
}

/** Points of (x, y) for the axes in use: x <= 0 dropped and y <= 0 turned into gaps on log axes. */
export function preparePoints(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: { logX: boolean; logY: boolean; maxPoints: number },
  indices?: number[],
): PreparedCurve {
  const n = Math.min(x.length, y.length);
  const idx = indices ?? downsampleIndices(Array.from({ length: n }, (_, i) => y[i]), opts.maxPoints);
  const points: Point[] = [];
  let hidden = 0;
  for (const i of idx) {
    if (i >= n) continue;
    const xi = x[i];
    const yi = y[i];
    if (!Number.isFinite(xi) || (opts.logX && !(xi > 0))) {
      hidden++;
      continue;
    }
    if (!Number.isFinite(yi) || (opts.logY && !(yi > 0))) {
      hidden++;
      points.push({ x: xi, y: Number.NaN });
      continue;
    }
    points.push({ x: xi, y: yi });
  }
  return { points, hidden };
}

function sortBySource(a: Series, b: Series): number {
  return SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source);
}

/** Colour of each series: by source, unless labels tell several curve families apart. */
function assignColors(series: readonly Series[]): Map<Series, string> {
  const stems: string[] = [];
  for (const s of series) {
    const stem = labelStem(s.label);
    if (stem && !stems.includes(stem)) stems.push(stem);
  }
  const colors = new Map<Series, string>();
  for (const s of series) {
    const stem = labelStem(s.label);
    const byLabel = stems.length >= 2 && stem !== '';
    colors.set(s, byLabel ? LABEL_PALETTE[stems.indexOf(stem) % LABEL_PALETTE.length] : SOURCE_STYLES[s.source].color);
  }
  return colors;
}

function scaleConfig(axis: 'x' | 'y', log: boolean, title: string, font: { family?: string; size?: number }, pal: Palette) {
  const TEXT = pal.text;
  return {
    type: log ? ('logarithmic' as const) : ('linear' as const),
    bounds: axis === 'x' ? ('data' as const) : ('ticks' as const),
    title: { display: title !== '', text: title, color: TEXT, font: { ...font, size: (font.size ?? 12) + 1 } },
    ticks: {
      color: TEXT,
      font,
      autoSkip: !log,
      maxRotation: 0,
      callback(this: unknown, value: number | string, _index: number, ticks: Tick[]): string {
        const values = ticks.map((t) => t.value);
        return log ? formatLogTick(Number(value), values) : formatLinearTick(Number(value), values);
      },
    },
    grid: {
      color: (ctx: ScriptableScaleContext) => {
        const v = ctx.tick?.value;
        if (v === undefined) return pal.gridMinor;
        if (!log) return v === 0 ? pal.gridMajor : pal.gridMinor;
        const values = ((ctx.scale as { ticks?: { value: number }[] } | undefined)?.ticks ?? []).map((t) => t.value);
        // Strong lines where a decade is labelled, faint ones at the other decades.
        if (isPowerOfTen(v)) return values.length === 0 || formatLogTick(v, values) !== '' ? pal.gridMajor : pal.gridMinor;
        // Over many decades the 2..9 lines turn into a grey wash: leave only the decades.
        return values.filter(isPowerOfTen).length > MAX_MINOR_DECADES ? 'transparent' : pal.gridMinor;
      },
    },
    border: { color: pal.border },
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
  const TEXT = pal.text;

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
  /** Datasets toggled together from one legend entry. */
  const groups: number[][] = [];
  const groupOf: number[] = [];
  let hiddenPoints = 0;
  const prep = { logX, logY, maxPoints };

  const push = (ds: ChartDataset<'line', Point[]>, role: DatasetRole, group: number) => {
    datasets.push(ds);
    roles.push(role);
    groupOf.push(group);
    (groups[group] ??= []).push(datasets.length - 1);
  };

  for (const s of curves) {
    const style = SOURCE_STYLES[s.source];
    const color = colors.get(s) ?? style.color;
    const n = Math.min(s.x.length, s.y.length);
    const indices = downsampleIndices(Array.from({ length: n }, (_, i) => s.y[i]), maxPoints);
    const main = preparePoints(s.x, s.y, prep, indices);
    hiddenPoints += main.hidden;
    const group = groups.length;
    const label = seriesLabel(s, showBands);
    push(
      {
        type: 'line',
        label,
        data: main.points,
        borderColor: color,
        backgroundColor: color,
        borderWidth: style.width,
        borderDash: style.dash,
        pointRadius: style.pointRadius,
        pointHoverRadius: Math.max(3, style.pointRadius + 1),
        pointHitRadius: 4,
        fill: false,
        tension: 0,
        spanGaps: false,
        order: DRAW_ORDER[s.source],
      },
      'curve',
      group,
    );
    plotted.push({ source: s.source, label });
    if (showBands && s.band) {
      const lo = preparePoints(s.x, s.band.lo, prep, indices);
      const hi = preparePoints(s.x, s.band.hi, prep, indices);
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
      push({ ...edge, label: `${label} (lo)`, data: lo.points, fill: false }, 'band-lo', group);
      push({ ...edge, label: `${label} (hi)`, data: hi.points, fill: '-1' }, 'band-hi', group);
    }
  }

  if (showReplicas) {
    const group = groups.length;
    for (const s of replicas) {
      const style = SOURCE_STYLES[s.source];
      const color = colors.get(s) ?? style.color;
      const pts = preparePoints(s.x, s.y, prep);
      hiddenPoints += pts.hidden;
      const label = seriesLabel(s);
      push(
        {
          type: 'line',
          label,
          data: pts.points,
          borderColor: withAlpha(color, REPLICA_ALPHA),
          backgroundColor: withAlpha(color, REPLICA_ALPHA),
          borderWidth: REPLICA_WIDTH,
          borderDash: style.dash,
          pointRadius: 0,
          pointHoverRadius: 2,
          pointHitRadius: 2,
          fill: false,
          tension: 0,
          spanGaps: false,
          order: REPLICA_ORDER,
        },
        'replica',
        group,
      );
      plotted.push({ source: s.source, label });
    }
  }

  const pick = series.find((s) => s.source === 'theory') ?? series[0];
  const xLabel = pick?.xLabel ?? '';
  const yLabel = pick?.yLabel ?? '';
  const replicaCount = showReplicas ? replicas.length : 0;

  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      animation: false,
      responsive: options.responsive ?? true,
      maintainAspectRatio: false,
      ...(options.devicePixelRatio ? { devicePixelRatio: options.devicePixelRatio } : {}),
      interaction: { mode: 'nearest', axis: 'xy', intersect: false },
      scales: {
        x: scaleConfig('x', logX, xLabel, font, pal),
        y: scaleConfig('y', logY, yLabel, font, pal),
      },
      plugins: {
        title: {
          display: Boolean(options.title),
          text: options.title ?? '',
          color: TEXT,
          font: { ...font, size: font.size + 2, weight: 'bold' },
        },
        legend: {
          display: options.legend ?? true,
          position: 'top',
          align: 'end',
          labels: {
            color: TEXT,
            font,
            usePointStyle: true,
            pointStyleWidth: 28,
            boxHeight: 8,
            generateLabels(chart): LegendItem[] {
              const items: LegendItem[] = [];
              const seen = new Set<number>();
              chart.data.datasets.forEach((ds, i) => {
                const role = roles[i];
                if (role === 'band-lo' || role === 'band-hi') return;
                if (role === 'replica') {
                  if (seen.has(groupOf[i])) return;
                  seen.add(groupOf[i]);
                }
                const line = ds as ChartDataset<'line', Point[]>;
                const stroke = String(line.borderColor ?? TEXT);
                items.push({
                  text: role === 'replica' ? `replicas (${replicaCount})` : String(line.label ?? ''),
                  fillStyle: stroke,
                  strokeStyle: stroke,
                  fontColor: TEXT,
                  lineWidth: Math.max(1.5, Number(line.borderWidth ?? 1)),
                  lineDash: (line.borderDash as number[] | undefined) ?? [],
                  pointStyle: 'line',
                  hidden: !chart.isDatasetVisible(i),
                  datasetIndex: i,
                });
              });
              return items;
            },
          },
          onClick(_event, item, legend) {
            const chart = legend.chart;
            const index = item.datasetIndex;
            if (index === undefined) return;
            const visible = chart.isDatasetVisible(index);
            for (const i of groups[groupOf[index]] ?? [index]) chart.setDatasetVisibility(i, !visible);
            chart.update();
          },
        },
        tooltip: {
          filter: (item: TooltipItem<'line'>) => roles[item.datasetIndex] === 'curve' || roles[item.datasetIndex] === 'replica',
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              `${item.dataset.label ?? ''}: ${formatValue(item.parsed.y ?? Number.NaN)} at ${xLabel || 'x'} = ${formatValue(item.parsed.x ?? Number.NaN)}`,
          },
        },
      },
    },
  };

  return { config, plotted, roles, xLabel, yLabel, hiddenPoints, hasReplicas: replicas.length > 0 };
}
