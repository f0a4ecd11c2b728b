/**
 * The `--out` files and figure options of `run` and `export`. Every option is checked before a run
 * starts or a file is written (bad ones exit 2 and write nothing); the files are then rendered in
 * memory and written last, so that a failure leaves none half-done.
 */
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { FigureRequest, RunDetail } from '../api.js';
import { TEXT_LIMITS } from '../api.js';
import { echo } from '../../core/models/echo.js';
import type { Engine } from '../engine/index.js';
import { runsToCsv, runsToJson } from '../engine/export/data-export.js';
import { showPath, whyNotWritable } from '../engine/file-checks.js';
import { flag, flags, UsageError, type FlagSpec, type ParsedArgs } from './args.js';
import { FIGURE_PRESET_NAMES, LEGEND_PLACEMENTS, MAX_PANELS, parseGrid, parseLimits, type AxisLimits, type FigurePreset, type LegendPlacement } from '../../view/figure-options.js';

export type OutFormat = 'csv' | 'json' | 'svg' | 'pdf' | 'png' | 'limitlab';
const FIGURE_FORMATS: readonly OutFormat[] = ['svg', 'pdf', 'png'];

/**
 * Options that shape a figure (`--replicas lines|band` is added by `export`, where it is not a
 * replica count, and so is `--preset`, the figure's size preset there and the kind's in `run`).
 */
export const FIGURE_FLAGS: Record<string, FlagSpec> = {
  series: { value: true },
  'log-x': { value: false },
  'log-y': { value: false },
  'width-mm': { value: true },
  'height-mm': { value: true },
  'font-size': { value: true },
  scale: { value: true },
  dpi: { value: true },
  theme: { value: true },
  title: { value: true },
  'figure-preset': { value: true },
  legend: { value: true },
  xlim: { value: true },
  ylim: { value: true },
  xlabel: { value: true },
  ylabel: { value: true },
  panels: { value: true },
  letters: { value: false },
};

/** `--legend` values: the placements, with hyphens for spaces ("upper-right"). */
const LEGEND_WORDS = LEGEND_PLACEMENTS.map((p) => p.replace(' ', '-'));

export type FigureStyle = Omit<FigureRequest, 'figure' | 'format'>;

export interface OutputPlan {
  files: { path: string; format: OutFormat }[];
  figure: FigureStyle;
  /** The observables to draw, one panel each (default: the first series of the first run). */
  series?: string[];
  /** One panel per run (and per observable) in a grid, rather than the runs overlaid. */
  panels: boolean;
}

export interface PlanContext {
  /** The formats this command writes. */
  allowed: readonly OutFormat[];
  /** The library file, which no output may replace. */
  libraryPath: string;
  /**
   * Whether `--replicas` is the figure's lines|band option and `--preset` its size preset (export)
   * rather than a replica count and the kind's preset (run).
   */
  replicasStyle: boolean;
  /** How many runs the figures draw (each its own panel with --panels). Default 1. */
  runs?: number;
}

/** Checks every `--out` and figure option; throws a UsageError naming the option and the problem. */
export function planOutputs(parsed: ParsedArgs, context: PlanContext): OutputPlan {
  const files = flags(parsed, 'out').map((out) => checkOutFile(out, context));
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new UsageError(`--out ${showPath(file.path)} is given twice`);
    seen.add(file.path);
  }
  const figure = figureStyle(parsed, context.replicasStyle);
  const seriesText = flag(parsed, 'series');
  const series = seriesText?.split(',').map((name) => name.trim());
  for (const name of series ?? []) {
    if (name === '') throw new UsageError(`--series ${echo(seriesText!)} names an empty series: give names separated by commas`);
    checkText('series', name, TEXT_LIMITS.series);
  }
  if (!files.some((f) => FIGURE_FORMATS.includes(f.format))) {
    const figureOnly = [...Object.keys(FIGURE_FLAGS), ...(context.replicasStyle ? ['replicas', 'preset'] : [])].find((name) => parsed.flags.has(name));
    if (figureOnly) throw new UsageError(`--${figureOnly} shapes a figure: add --out FILE.svg, FILE.pdf or FILE.png`);
  }
  const panels = figure.grid !== undefined;
  const count = (series?.length ?? 1) * (panels ? (context.runs ?? 1) : 1);
  if (count > MAX_PANELS) throw new UsageError(`the figure would have ${count} panels: at most ${MAX_PANELS}`);
  if (figure.grid && figure.grid.rows * figure.grid.columns < count) {
    throw new UsageError(`--panels ${figure.grid.rows}x${figure.grid.columns} holds ${figure.grid.rows * figure.grid.columns} panels; the figure has ${count}`);
  }
  return { files, figure, panels, ...(series !== undefined ? { series } : {}) };
}

function checkOutFile(out: string, context: PlanContext): OutputPlan['files'][number] {
  if (out.trim() === '') throw new UsageError('--out needs a file name');
  const ext = extname(out).toLowerCase();
  const format = ext.slice(1) as OutFormat;
  if (!context.allowed.includes(format)) {
    throw new UsageError(`--out ${showPath(out)}: unsupported format ${echo(ext || '(none)')}; allowed: ${context.allowed.map((f) => '.' + f).join(', ')}`);
  }
  const path = resolve(out);
  const library = resolve(context.libraryPath);
  if ([library, `${library}-wal`, `${library}-shm`].includes(path)) throw new UsageError(`--out ${showPath(out)} is the library file`);
  const problem = whyNotWritable(path);
  if (problem) throw new UsageError(`--out ${showPath(out)} cannot be written: ${problem}`);
  return { path, format };
}

/** A text option within the API's limit for it. */
export function checkText(name: string, value: string, max: number): void {
  if (value.length > max) throw new UsageError(`--${name} ${echo(value)} is too long: at most ${max} characters`);
}

function figureStyle(parsed: ParsedArgs, replicasStyle: boolean): FigureStyle {
  const num = (name: string, min: number, max: number): number | undefined => {
    const raw = flag(parsed, name);
    if (raw === undefined) return undefined;
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) throw new UsageError(`--${name} = ${echo(raw)} is not allowed: expected a number in [${min}, ${max}]`);
    return v;
  };
  const theme = flag(parsed, 'theme');
  if (theme !== undefined && theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme = ${echo(theme)} is not allowed: expected light or dark`);
  const replicas = replicasStyle ? flag(parsed, 'replicas') : undefined;
  if (replicas !== undefined && replicas !== 'lines' && replicas !== 'band') throw new UsageError(`--replicas = ${echo(replicas)} is not allowed: expected lines or band`);
  const title = flag(parsed, 'title');
  if (title !== undefined) checkText('title', title, TEXT_LIMITS.title);
  const xLabel = flag(parsed, 'xlabel');
  if (xLabel !== undefined) checkText('xlabel', xLabel, TEXT_LIMITS.title);
  const yLabel = flag(parsed, 'ylabel');
  if (yLabel !== undefined) checkText('ylabel', yLabel, TEXT_LIMITS.title);
  const widthMm = num('width-mm', 20, 500);
  const heightMm = num('height-mm', 20, 500);
  const fontSize = num('font-size', 4, 32);
  const scale = num('scale', 1, 3);
  const dpiText = flag(parsed, 'dpi');
  const dpi = num('dpi', 72, 1200);
  if (dpi !== undefined && !Number.isInteger(dpi)) throw new UsageError(`--dpi = ${echo(dpiText!)} is not allowed: expected a whole number in [72, 1200]`);
  if (dpi !== undefined && scale !== undefined) throw new UsageError('--dpi and --scale both set the PNG density: give one');
  const logX = parsed.flags.has('log-x');
  const logY = parsed.flags.has('log-y');
  const presetFlag = parsed.flags.has('figure-preset') ? 'figure-preset' : replicasStyle ? 'preset' : 'figure-preset';
  const preset = flag(parsed, presetFlag);
  if (preset !== undefined && !(FIGURE_PRESET_NAMES as string[]).includes(preset)) {
    throw new UsageError(`--${presetFlag} = ${echo(preset)} is not allowed: expected one of ${FIGURE_PRESET_NAMES.join(', ')}`);
  }
  const legendText = flag(parsed, 'legend');
  const legendAt = legendText === undefined ? -1 : LEGEND_WORDS.indexOf(legendText.trim().toLowerCase().replace(/\s+/g, '-') as (typeof LEGEND_WORDS)[number]);
  if (legendText !== undefined && legendAt < 0) throw new UsageError(`--legend = ${echo(legendText)} is not allowed: expected one of ${LEGEND_WORDS.join(', ')}`);
  const limits = (name: 'xlim' | 'ylim', log: boolean): AxisLimits | undefined => {
    const raw = flag(parsed, name);
    if (raw === undefined) return undefined;
    const parsedLimits = parseLimits(raw);
    if (typeof parsedLimits === 'string') throw new UsageError(`--${name} = ${echo(raw)} is not allowed: ${parsedLimits}`);
    if (log && parsedLimits.some((v) => v !== null && v <= 0)) throw new UsageError(`--${name} = ${echo(raw)} is not allowed: limits on a log axis (--log-${name[0]}) must be positive`);
    return parsedLimits;
  };
  const xlim = limits('xlim', logX);
  const ylim = limits('ylim', logY);
  const gridText = flag(parsed, 'panels');
  const grid = gridText === undefined ? undefined : parseGrid(gridText);
  if (typeof grid === 'string') throw new UsageError(`--panels = ${echo(gridText!)} is not allowed: ${grid}`);
  return {
    logX,
    logY,
    ...(widthMm !== undefined ? { widthMm } : {}),
    ...(heightMm !== undefined ? { heightMm } : {}),
    ...(fontSize !== undefined ? { fontSize } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(dpi !== undefined ? { dpi } : {}),
    ...(theme !== undefined ? { theme: theme as 'light' | 'dark' } : {}),
    ...(replicas !== undefined ? { replicas: replicas as 'lines' | 'band' } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(preset !== undefined ? { preset: preset as FigurePreset } : {}),
    ...(legendAt >= 0 ? { legend: LEGEND_PLACEMENTS[legendAt] as LegendPlacement } : {}),
    ...(xlim ? { xlim } : {}),
    ...(ylim ? { ylim } : {}),
    ...(xLabel !== undefined ? { xLabel } : {}),
    ...(yLabel !== undefined ? { yLabel } : {}),
    ...(grid ? { grid } : {}),
    ...(parsed.flags.has('letters') ? { letters: true } : {}),
  };
}

/** Refuses a `--series` that is not among `available` (the series of `owner`). */
export function checkSeries(plan: OutputPlan, available: readonly string[], owner: string): void {
  if (plan.series === undefined || !plan.files.some((f) => FIGURE_FORMATS.includes(f.format))) return;
  for (const name of plan.series) {
    if (!available.includes(name)) throw new UsageError(`--series ${echo(name)} is not a series of ${owner}; it has: ${available.join(', ') || 'none'}`);
  }
}

/**
 * What a figure of `runs` draws: one panel per observable, the runs overlaid in it, or with
 * --panels one panel per observable and run.
 */
function figureOf(plan: OutputPlan, runs: RunDetail[], names: string[]): FigureRequest['figure'] {
  const ids = runs.map((r) => r.id);
  const panels: Extract<FigureRequest['figure'], { type: 'grid' }>['panels'] = names.flatMap((name) =>
    plan.panels ? ids.map((id) => ({ type: 'run' as const, id, name })) : [ids.length === 1 ? { type: 'run' as const, id: ids[0]!, name } : { type: 'overlay' as const, ids, name }],
  );
  return panels.length === 1 ? panels[0]! : { type: 'grid', panels };
}

/** Every planned file's bytes, rendered in memory; nothing is written yet. */
export async function renderOutputs(plan: OutputPlan, runs: RunDetail[], engine: Engine): Promise<{ path: string; bytes: string | Buffer }[]> {
  const rendered: { path: string; bytes: string | Buffer }[] = [];
  for (const file of plan.files) {
    if (file.format === 'csv') rendered.push({ path: file.path, bytes: runsToCsv(runs) });
    else if (file.format === 'json') rendered.push({ path: file.path, bytes: runsToJson(runs) });
    else if (file.format === 'limitlab') rendered.push({ path: file.path, bytes: (await engine.call('bundles:export', { ids: runs.map((r) => r.id) })).text });
    else {
      const first = runs[0]?.result?.series[0]?.name;
      const names = plan.series ?? (first ? [first] : []);
      if (!names.length) throw new UsageError(`--out ${showPath(file.path)}: the run has no series to draw`);
      const request: FigureRequest = { ...plan.figure, format: file.format, figure: figureOf(plan, runs, names) };
      rendered.push({ path: file.path, bytes: Buffer.from((await engine.call('figures:export', request)).base64, 'base64') });
    }
  }
  return rendered;
}

export function writeOutputs(rendered: { path: string; bytes: string | Buffer }[], say: (line: string) => void): void {
  for (const file of rendered) {
    writeFileSync(file.path, file.bytes);
    say(`wrote ${file.path}\n`);
  }
}
