/**
 * Data export of runs (as `runs:get` returns them): CSV in long format (one row per point,
 * band columns when present) and JSON with full provenance. The same format as the command line's
 * `limitlab export` (see the test beside it). Exported data is never downsampled.
 */
import type { ImageGrid, ImageResult, Series } from '../core/models/model-kind.js';
import type { RunRecord } from './records.js';

export const CSV_HEADER = ['run_id', 'kind', 'series', 'source', 'label', 'replica', 'x', 'y', 'band_kind', 'band_lo', 'band_hi'];

/**
 * A text cell a spreadsheet would run as a formula (OWASP "CSV injection": it begins with `=`,
 * `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text.
 */
export function neutraliseCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV cell. Numbers stay numbers (`-0.5` is a value, not a formula); only text is neutralised. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // String(number) is the shortest text that parses back to the same double.
  if (typeof value === 'number') return String(value);
  const text = neutraliseCsvText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function runsToCsv(runs: readonly RunRecord[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const run of runs) {
    for (const s of run.result?.series ?? []) {
      for (let i = 0; i < s.x.length; i++) {
        lines.push(
          [
            run.id, run.kind, s.name, s.source, s.label ?? '', s.replica ?? null, s.x[i]!, s.y[i]!,
            s.band?.kind ?? '', s.band ? s.band.lo[i]! : null, s.band ? s.band.hi[i]! : null,
          ].map(csvField).join(','),
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}

export function seriesToJson(s: Series): Record<string, unknown> {
  return {
    name: s.name,
    source: s.source,
    label: s.label ?? null,
    seed: s.seed ?? null,
    replica: s.replica ?? null,
    xLabel: s.xLabel,
    yLabel: s.yLabel,
    x: Array.from(s.x),
    y: Array.from(s.y),
    ...(s.band ? { band: { kind: s.band.kind, lo: Array.from(s.band.lo), hi: Array.from(s.band.hi) } } : {}),
  };
}

/** An image as JSON: its size, channels (1 grey, 3 RGB), value range (null: the data's min..max), row-major, channel-interleaved values and its metrics when it has any. */
export function imageToJson(image: ImageResult): Record<string, unknown> {
  return {
    name: image.name,
    width: image.width,
    height: image.height,
    channels: image.channels ?? 1,
    range: image.range ?? null,
    data: Array.from(image.data),
    ...(image.metrics && Object.keys(image.metrics).length ? { metrics: image.metrics } : {}),
  };
}

/** An image grid as JSON: its name, title (null when none), row and column labels and cells (image names, null for an empty cell). */
export function gridToJson(grid: ImageGrid): Record<string, unknown> {
  return { name: grid.name, title: grid.title ?? null, rows: grid.rows, columns: grid.columns, cells: grid.cells };
}

export function runToJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    kind: run.kind,
    name: run.name,
    status: run.status,
    params: run.params,
    paramsHash: run.paramsHash,
    seed: run.seed,
    replicas: run.replicas,
    rng: run.rng,
    solver: run.solver,
    appVersion: run.appVersion,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    error: run.error,
    tags: run.tags,
    series: (run.result?.series ?? []).map(seriesToJson),
    scalars: run.result?.scalars ?? {},
    ...(run.result?.images?.length ? { images: run.result.images.map(imageToJson) } : {}),
    ...(run.artifacts?.length ? { artifacts: run.artifacts } : {}),
    ...(run.result?.grids?.length ? { grids: run.result.grids.map(gridToJson) } : {}),
    notes: run.result?.notes ?? [],
  };
}

export function runsToJson(runs: readonly RunRecord[]): string {
  const doc = runs.length === 1 ? runToJson(runs[0]!) : { runs: runs.map(runToJson) };
  return JSON.stringify(doc, null, 1) + '\n';
}

/** A file stem for a set of runs: the run's id for one, a count and a time stamp for several. */
export function dataFileStem(ids: readonly string[], now: Date = new Date()): string {
  if (ids.length === 1) return `limitlab-${ids[0]}`;
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `limitlab-${ids.length}-runs-${stamp}`;
}
