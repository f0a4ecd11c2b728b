/**
 * Several runs' curves of one observable on one chart: replicas are left out (each run keeps its
 * mean and band), and each curve is labelled "<run>: <source>" so that the colours tell the runs
 * apart (see labelStem) while the line styles tell theory from simulation. Runs sharing a name are
 * told apart by the end of their id.
 */
import type { Series } from '../../core/models/model-kind.js';

export interface OverlayRun {
  id: string;
  name: string;
  /** The run's series of the observable being overlaid. */
  series: readonly Series[];
}

/** A short label per run, unique among the runs given. */
export function runLabels(runs: readonly { id: string; name: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.name || r.id, (counts.get(r.name || r.id) ?? 0) + 1);
  return runs.map((r) => {
    const base = r.name || r.id;
    return (counts.get(base) ?? 0) > 1 ? `${base} [${r.id.slice(-4)}]` : base;
  });
}

export function overlaySeries(runs: readonly OverlayRun[]): Series[] {
  const labels = runLabels(runs);
  return runs.flatMap((run, i) => {
    const curves = run.series.filter((s) => s.replica === undefined);
    const perSource = new Map<string, number>();
    for (const s of curves) perSource.set(s.source, (perSource.get(s.source) ?? 0) + 1);
    return curves.map((s) => ({
      ...s,
      label: `${labels[i]}: ${s.source}${(perSource.get(s.source) ?? 0) > 1 && s.label ? ` (${s.label})` : ''}`,
    }));
  });
}
