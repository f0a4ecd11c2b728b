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

export type OutFormat = 'csv' | 'json' | 'svg' | 'pdf' | 'png' | 'limitlab';
const FIGURE_FORMATS: readonly OutFormat[] = ['svg', 'pdf', 'png'];

/** Options that shape a figure (`--replicas lines|band` is added by `export`, where it is not a replica count). */
export const FIGURE_FLAGS: Record<string, FlagSpec> = {
  series: { value: true },
  'log-x': { value: false },
  'log-y': { value: false },
  'width-mm': { value: true },
  'height-mm': { value: true },
  'font-size': { value: true },
  scale: { value: true },
  theme: { value: true },
  title: { value: true },
};

export type FigureStyle = Omit<FigureRequest, 'figure' | 'format'>;

export interface OutputPlan {
  files: { path: string; format: OutFormat }[];
  figure: FigureStyle;
  /** The observable to draw (default: the first series of the first run). */
  series?: string;
}

export interface PlanContext {
  /** The formats this command writes. */
  allowed: readonly OutFormat[];
  /** The library file, which no output may replace. */
  libraryPath: string;
  /** Whether `--replicas` is the figure's lines|band option (export) rather than a replica count (run). */
  replicasStyle: boolean;
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
  const series = flag(parsed, 'series');
  if (series !== undefined) checkText('series', series, TEXT_LIMITS.series);
  if (!files.some((f) => FIGURE_FORMATS.includes(f.format))) {
    const figureOnly = [...Object.keys(FIGURE_FLAGS), ...(context.replicasStyle ? ['replicas'] : [])].find((name) => parsed.flags.has(name));
    if (figureOnly) throw new UsageError(`--${figureOnly} shapes a figure: add --out FILE.svg, FILE.pdf or FILE.png`);
  }
  return { files, figure, ...(series !== undefined ? { series } : {}) };
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
  const widthMm = num('width-mm', 20, 500);
  const heightMm = num('height-mm', 20, 500);
  const fontSize = num('font-size', 4, 32);
  const scale = num('scale', 1, 3);
  return {
    logX: parsed.flags.has('log-x'),
    logY: parsed.flags.has('log-y'),
    ...(widthMm !== undefined ? { widthMm } : {}),
    ...(heightMm !== undefined ? { heightMm } : {}),
    ...(fontSize !== undefined ? { fontSize } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(theme !== undefined ? { theme: theme as 'light' | 'dark' } : {}),
    ...(replicas !== undefined ? { replicas: replicas as 'lines' | 'band' } : {}),
    ...(title !== undefined ? { title } : {}),
  };
}

/** Refuses a `--series` that is not among `available` (the series of `owner`). */
export function checkSeries(plan: OutputPlan, available: readonly string[], owner: string): void {
  if (plan.series === undefined || !plan.files.some((f) => FIGURE_FORMATS.includes(f.format))) return;
  if (!available.includes(plan.series)) {
    throw new UsageError(`--series ${echo(plan.series)} is not a series of ${owner}; it has: ${available.join(', ') || 'none'}`);
  }
}

/** Every planned file's bytes, rendered in memory; nothing is written yet. */
export async function renderOutputs(plan: OutputPlan, runs: RunDetail[], engine: Engine): Promise<{ path: string; bytes: string | Buffer }[]> {
  const rendered: { path: string; bytes: string | Buffer }[] = [];
  for (const file of plan.files) {
    if (file.format === 'csv') rendered.push({ path: file.path, bytes: runsToCsv(runs) });
    else if (file.format === 'json') rendered.push({ path: file.path, bytes: runsToJson(runs) });
    else if (file.format === 'limitlab') rendered.push({ path: file.path, bytes: (await engine.call('bundles:export', { ids: runs.map((r) => r.id) })).text });
    else {
      const name = plan.series ?? runs[0]?.result?.series[0]?.name;
      if (!name) throw new UsageError(`--out ${showPath(file.path)}: the run has no series to draw`);
      const request: FigureRequest = {
        ...plan.figure,
        format: file.format,
        figure: runs.length === 1 ? { type: 'run', id: runs[0]!.id, name } : { type: 'overlay', ids: runs.map((r) => r.id), name },
      };
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
