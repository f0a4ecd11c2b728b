/** From the library panel's controls to a `runs:query` request (one page, never the whole library). */
import type { RunQuery, RunStatus } from '../../../app/api.js';

export type SortKey = NonNullable<RunQuery['sort']>;
export type SortOrder = 'asc' | 'desc';

export interface LibraryFilters {
  /** Full-text search over names, notes and tags; a piece of a run id finds that run. */
  text: string;
  kind: string;
  status: RunStatus | '';
  tag: string;
  /** Parameter filters, e.g. "lr.gamma > 1; d >= 100". */
  where: string;
}

export const EMPTY_FILTERS: LibraryFilters = { text: '', kind: '', status: '', tag: '', where: '' };

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** Split the parameter-filter box into expressions: ";" or a word "and" separate them. */
export function splitWhere(text: string): string[] {
  return text
    .split(/;|\s+and\s+|\s*&&\s*/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function buildQuery(
  filters: LibraryFilters,
  view: { sort: SortKey; order: SortOrder; offset: number; limit: number; trash: boolean },
): RunQuery {
  const q: RunQuery = { sort: view.sort, order: view.order, limit: view.limit, offset: view.offset };
  if (view.trash) q.deleted = true;
  const text = filters.text.trim();
  if (text) q.text = text.slice(0, 500);
  if (filters.kind) q.kind = filters.kind;
  if (filters.status) q.status = filters.status;
  const tag = filters.tag.trim();
  if (tag) q.tag = tag.slice(0, 64);
  const where = splitWhere(filters.where);
  if (where.length) q.where = where.slice(0, 16);
  return q;
}

export function hasFilters(filters: LibraryFilters): boolean {
  return Object.values(filters).some((v) => String(v).trim() !== '');
}

/** "1–50 of 10 000" for the pager. */
export function pageLabel(offset: number, count: number, total: number): string {
  const fmt = (n: number) => n.toLocaleString('en-US').replace(/,/g, '\u2009');
  if (total === 0) return '0 runs';
  return `${fmt(offset + 1)}–${fmt(offset + count)} of ${fmt(total)}`;
}

/** Tags typed in a box: split on commas and spaces, without duplicates, as the engine accepts them. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const t of text.split(/[\s,]+/)) {
    const tag = t.trim().slice(0, 64);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}
