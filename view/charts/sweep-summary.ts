/**
 * Sweep summaries as plottable data: a scalar against one swept parameter (mean and std band over
 * runs that share the value, e.g. seeds), and a scalar over two swept parameters as a heatmap grid.
 *
 * Pure: the sweep summary on screen and the exported sweep figures are built from these.
 */
import type { KindOutputs, Series } from '../../core/models/model-kind.js';
import { leadingScalar, scalarSpec } from '../../core/models/outputs.js';
import type { SweepRecord, SweepRunRecord } from '../records.js';
import type { HeatmapInput } from './heatmap-config.js';

function scalarOf(run: SweepRunRecord, scalar: string): number {
  const v = run.scalars[scalar];
  return typeof v === 'number' ? v : NaN;
}

function axisValue(run: SweepRunRecord, path: string): number {
  const v = run.sweepPoint?.[path];
  return typeof v === 'number' ? v : NaN;
}

/** Names of the scalars reported by the sweep's finished runs, in order of first appearance. */
export function sweepScalarNames(sweep: Pick<SweepRecord, 'runs'>): string[] {
  const names = new Set<string>();
  for (const run of sweep.runs) if (run.status === 'done') for (const k of Object.keys(run.scalars)) names.add(k);
  return [...names];
}

/** The scalar a sweep summary opens on: the first the kind declares among those reported (else the first reported). */
export function defaultSweepScalar(names: readonly string[], outputs?: KindOutputs): string | undefined {
  return outputs ? leadingScalar(outputs, names) : names[0];
}

/** Swept paths with numeric values on at least two distinct points (the ones a chart can use). */
export function numericSweepAxes(sweep: Pick<SweepRecord, 'spec'>): string[] {
  return sweep.spec.axes
    .filter((a) => a.values.every((v) => typeof v === 'number') && new Set(a.values).size >= 2)
    .map((a) => a.path);
}

/**
 * One curve of `scalar` against `path` per combination of the other swept parameters (seeds are
 * averaged: mean with a std band where several runs share a point). Boundaries of one variable
 * (e.g. a critical learning rate) are vertical lines. `outputs`, the kind's declared outputs, says
 * whether the scalar is a theory value (drawn as theory) or not.
 */
export function sweepLineSeries(sweep: SweepRecord, scalar: string, path: string, outputs?: KindOutputs): Series[] {
  const done = sweep.runs.filter((r) => r.status === 'done' && Number.isFinite(axisValue(r, path)));
  if (!done.length) throw new Error(`the sweep has no finished runs with a numeric "${path}"`);
  // Only the other axes that actually vary split the runs into curves.
  const others = sweep.spec.axes
    .map((a) => a.path)
    .filter((p) => p !== path && new Set(done.map((r) => String(r.sweepPoint?.[p]))).size > 1);
  const groupKey = (run: SweepRunRecord) => others.map((p) => `${p}=${String(run.sweepPoint?.[p])}`).join(', ');
  const groups = new Map<string, SweepRunRecord[]>();
  for (const run of done) {
    const key = groupKey(run);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  // The kind's declaration says what the scalar is: theory values and limits draw as theory.
  const role = outputs ? scalarSpec(outputs, scalar)?.role : undefined;
  const source: Series['source'] = role === 'theory' || role === 'limit' ? 'theory' : 'simulation';
  const series: Series[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const [key, runs] of groups) {
    const byX = new Map<number, number[]>();
    for (const run of runs) {
      const x = axisValue(run, path);
      byX.set(x, [...(byX.get(x) ?? []), scalarOf(run, scalar)]);
    }
    const xs = [...byX.keys()].sort((a, b) => a - b);
    const mean = xs.map((x) => avg(byX.get(x)!));
    const std = xs.map((x) => sd(byX.get(x)!));
    const multi = xs.some((x) => byX.get(x)!.length > 1);
    for (const m of mean) {
      if (!Number.isFinite(m)) continue;
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
    const name = key || scalar;
    series.push({
      name: scalar,
      source,
      label: multi ? `${name} (mean ± std over seeds)` : name,
      x: Float64Array.from(xs),
      y: Float64Array.from(mean),
      xLabel: path,
      yLabel: scalar,
      ...(multi ? { band: { kind: 'std' as const, lo: Float64Array.from(mean.map((m, i) => m - std[i]!)), hi: Float64Array.from(mean.map((m, i) => m + std[i]!)) } } : {}),
    });
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  } else if (hi <= lo) {
    // A scalar the sweep does not change (e.g. a transition point): give the boundary lines a height.
    const pad = Math.abs(lo) * 0.05 || 1;
    lo -= pad;
    hi += pad;
  }
  for (const b of sweep.boundaries) {
    const at = verticalAt(b, sweep.spec.axes.map((a) => a.path), path);
    if (at === null) continue;
    series.push({ name: scalar, source: 'bound_upper', label: b.label, x: Float64Array.from([at, at]), y: Float64Array.from([lo, hi]), xLabel: path, yLabel: scalar });
  }
  return series;
}

/**
 * Where a boundary crosses the line chart's x axis as a vertical line: a one-axis boundary, or a
 * two-axis boundary whose coordinate along `path` is the same at every point (e.g. a critical
 * learning rate that the other swept parameter does not change). Null otherwise.
 */
function verticalAt(b: SweepRecord['boundaries'][number], axes: string[], path: string): number | null {
  if (!b.y.length) return b.x.length ? b.x[0]! : null;
  const coords = axes[0] === path ? b.x : axes[1] === path ? b.y : null;
  if (!coords || !coords.length) return null;
  return coords.every((v) => Math.abs(v - coords[0]!) <= 1e-12 * Math.abs(coords[0]!)) ? coords[0]! : null;
}

export function sweepHeatmapInput(sweep: SweepRecord, scalar: string, xPath: string, yPath: string): Omit<HeatmapInput, 'title' | 'font' | 'responsive'> {
  const done = sweep.runs.filter((r) => r.status === 'done');
  const xs = [...new Set(sweep.runs.map((r) => axisValue(r, xPath)).filter(Number.isFinite))].sort((a, b) => a - b);
  const ys = [...new Set(sweep.runs.map((r) => axisValue(r, yPath)).filter(Number.isFinite))].sort((a, b) => a - b);
  if (!xs.length || !ys.length) throw new Error(`the sweep has no numeric axes "${xPath}" and "${yPath}"`);
  const z = ys.map((y) =>
    xs.map((x) => {
      const values = done.filter((r) => axisValue(r, xPath) === x && axisValue(r, yPath) === y).map((r) => scalarOf(r, scalar)).filter(Number.isFinite);
      return values.length ? avg(values) : null;
    }),
  );
  return {
    xValues: xs,
    yValues: ys,
    z,
    xLabel: xPath,
    yLabel: yPath,
    zLabel: scalar,
    boundaries: sweep.boundaries.filter((b) => b.y.length > 0),
  };
}

function avg(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function sd(v: number[]): number {
  if (v.length < 2) return 0;
  const m = avg(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}
