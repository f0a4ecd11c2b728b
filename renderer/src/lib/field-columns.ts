/**
 * Parameter and scalar columns of the runs table. A column is named like a field of the library's
 * filters and sorting: `params.<path>` (e.g. `params.lr.gamma`) or `scalars.<name>` (e.g.
 * `scalars.final_risk_theory`), so one name serves the header, the sort key and the filter.
 */
import type { KindInfo, RunSummary } from '../../../app/api.js';
import { flattenParams, formatParamValue, getPath } from '../form/paths.js';

export type FieldColumn = `params.${string}` | `scalars.${string}`;

const FIELD_COLUMN = /^(params|scalars)\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** At most this many field columns are kept (a table of 40 columns helps nobody). */
export const MAX_FIELD_COLUMNS = 12;

export function isFieldColumn(value: unknown): value is FieldColumn {
  return typeof value === 'string' && value.length <= 140 && FIELD_COLUMN.test(value);
}

/** The columns worth keeping from a stored list: well-formed, no duplicates, at most MAX_FIELD_COLUMNS. */
export function cleanFieldColumns(values: readonly unknown[]): FieldColumn[] {
  const out: FieldColumn[] = [];
  for (const v of values) if (isFieldColumn(v) && !out.includes(v) && out.length < MAX_FIELD_COLUMNS) out.push(v);
  return out;
}

export function fieldSource(column: FieldColumn): 'params' | 'scalars' {
  return column.startsWith('params.') ? 'params' : 'scalars';
}

/** The header text: the path or scalar name without its prefix. */
export function fieldLabel(column: FieldColumn): string {
  return column.slice(column.indexOf('.') + 1);
}

/** Leaf parameter paths of the kinds (one kind when `kind` is given), each once, in schema order. */
export function parameterColumns(kinds: readonly KindInfo[], kind = ''): FieldColumn[] {
  const out = new Set<FieldColumn>();
  for (const k of kinds) {
    if (kind && k.id !== kind) continue;
    for (const [path] of flattenParams(k.defaults)) out.add(`params.${path}`);
  }
  return [...out];
}

/** Scalar names of the runs given (the page in view), sorted. */
export function scalarColumns(runs: readonly Pick<RunSummary, 'scalars'>[]): FieldColumn[] {
  const names = new Set<string>();
  for (const r of runs) for (const name of Object.keys(r.scalars ?? {})) names.add(name);
  return [...names].sort().map((n) => `scalars.${n}` as FieldColumn).filter(isFieldColumn);
}

/** The cell text of a run in a field column ('' when the run has no such field). */
export function fieldCell(run: Pick<RunSummary, 'params' | 'scalars'>, column: FieldColumn): string {
  const name = fieldLabel(column);
  const value = fieldSource(column) === 'params' ? getPath(run.params ?? {}, name) : Object.hasOwn(run.scalars ?? {}, name) ? run.scalars[name] : undefined;
  return value === undefined ? '' : formatParamValue(value);
}

/** Whether a column's values are numbers (right-aligned); scalars always are. */
export function isNumericColumn(runs: readonly Pick<RunSummary, 'params' | 'scalars'>[], column: FieldColumn): boolean {
  if (fieldSource(column) === 'scalars') return true;
  const name = fieldLabel(column);
  return runs.some((r) => typeof getPath(r.params ?? {}, name) === 'number');
}

/**
 * The filter box's text with a clause on this column started, e.g. "d >= 500; scalars.x " — the
 * caret goes to the end, where the operator and value are typed.
 */
export function startFilter(where: string, column: FieldColumn): string {
  const head = where.trim().replace(/;\s*$/, '');
  return `${head ? `${head}; ` : ''}${column} `;
}

/** The part of the preferences a column toggle changes. */
export interface ColumnPrefs {
  fieldColumns: FieldColumn[];
  sort: string;
  order: 'asc' | 'desc';
}

/** Show or hide a field column; hiding the column the table is sorted by sorts by Created again. */
export function toggleFieldColumn(prefs: ColumnPrefs, column: FieldColumn): void {
  if (prefs.fieldColumns.includes(column)) {
    prefs.fieldColumns = prefs.fieldColumns.filter((c) => c !== column);
    if (prefs.sort === column) {
      prefs.sort = 'created';
      prefs.order = 'desc';
    }
  } else if (prefs.fieldColumns.length < MAX_FIELD_COLUMNS) {
    prefs.fieldColumns = [...prefs.fieldColumns, column];
  }
}
