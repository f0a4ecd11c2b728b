/**
 * Curves of a running run: what each part reported so far (`ctx.partial`), drawn while the run
 * computes and replaced by the stored result when it ends. Every curve is labelled with its part
 * and "(so far)" so that nothing provisional reads as a final result.
 */
import type { PartialResult, Series } from '../../core/models/model-kind.js';
import { groupSeriesByName, type SeriesGroup } from './series-groups.js';

/** The latest partial result of each part of a run, by part name ("theory", "replica 3", …). */
export type LivePartials = Readonly<Record<string, PartialResult>>;

/** The suffix every provisional label carries. */
export const SO_FAR = '(so far)';

/**
 * One chart group per observable, each part's curve labelled "<its label> (so far)", or "<part> (so
 * far)" when the part gives none; parts in natural order (replica 2 before replica 10).
 */
export function liveGroups(partials: LivePartials): SeriesGroup[] {
  const parts = Object.keys(partials).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const series: Series[] = [];
  for (const part of parts) {
    for (const s of partials[part]!.series) {
      const { replica: _replica, band: _band, ...rest } = s;
      series.push({ ...rest, label: `${s.label ?? part} ${SO_FAR}` });
    }
  }
  return groupSeriesByName(series);
}

/** The latest scalars reported by the parts (a running diagnostic), each prefixed with its part. */
export function liveScalars(partials: LivePartials): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of Object.keys(partials).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    for (const [name, value] of Object.entries(partials[part]!.scalars ?? {})) out[`${part}: ${name}`] = value;
  }
  return out;
}
