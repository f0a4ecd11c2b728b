/**
 * Grouping a run's series into charts: one chart per observable name, in order of first appearance.
 */
import type { Series } from '../../core/models/model-kind.js';

export interface SeriesGroup {
  name: string;
  series: Series[];
}

export function groupSeriesByName(series: readonly Series[]): SeriesGroup[] {
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    let list = groups.get(s.name);
    if (!list) groups.set(s.name, (list = []));
    list.push(s);
  }
  return [...groups].map(([name, list]) => ({ name, series: list }));
}

/** True when the group has individual replica curves (so the replicas toggle matters). */
export function hasReplicas(series: readonly Series[]): boolean {
  return series.some((s) => s.replica !== undefined);
}
