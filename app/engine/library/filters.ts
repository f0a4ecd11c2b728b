/**
 * Filters and sort fields for the runs table, e.g. `lr.gamma > 1`, `spectrum.kind = two_level`,
 * `final_risk_theory < 0.1`. A field is a parameter path or a scalar name; `params.` or `scalars.`
 * (alias `metrics.`) in front says which, otherwise the library decides (a parameter first). Each
 * filter becomes a `json_extract(<column>, ?) <op> ?` clause: paths and operators are checked,
 * values bound, so no text reaches SQL unescaped.
 */
import { echo } from '../../../core/models/echo.js';

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface ParamFilter {
  /** The field as written, prefix included. */
  path: string;
  op: FilterOp;
  value: number | string | boolean;
}

/** Where a field's values live: the run's parameters or its final scalars. */
export type FieldSource = 'params' | 'scalars';

/** A field named with or without its source. */
export interface FieldRef {
  source: FieldSource | null;
  /** The parameter path or scalar name, without the prefix. */
  name: string;
}

/** A field whose source is known. */
export interface ResolvedField {
  source: FieldSource;
  name: string;
}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const FIELD = new RegExp(`^${IDENT}(?:\\.${IDENT})*$`);
const FILTER = new RegExp(`^\\s*(${IDENT}(?:\\.${IDENT})*)\\s*(<=|>=|!=|==|=|<|>)\\s*(.+?)\\s*$`);

const PREFIXES: Record<string, FieldSource> = { params: 'params', scalars: 'scalars', metrics: 'scalars' };

/** A filter the library cannot apply: bad syntax, or a field no run has. */
export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

export function parseFilter(text: string): ParamFilter {
  const m = FILTER.exec(text);
  if (!m) {
    throw new FilterSyntaxError(
      `cannot read the filter ${echo(text)}: write e.g. lr.gamma > 1, spectrum.kind = two_level or final_risk_theory < 0.1`,
    );
  }
  const [, path, rawOp, rawValue] = m as unknown as [string, string, string, string];
  const op = (rawOp === '==' ? '=' : rawOp) as FilterOp;
  let value: number | string | boolean;
  const unquoted = rawValue.replace(/^(['"])(.*)\1$/, '$2');
  if (unquoted !== rawValue) value = unquoted;
  else if (rawValue === 'true' || rawValue === 'false') value = rawValue === 'true';
  else if (rawValue.trim() !== '' && Number.isFinite(Number(rawValue))) value = Number(rawValue);
  else value = rawValue;
  if (typeof value !== 'number' && op !== '=' && op !== '!=') {
    throw new FilterSyntaxError(`the filter ${echo(text)} compares with ${op} but ${echo(rawValue)} is not a number`);
  }
  return { path, op, value };
}

/** Split a field into its source prefix (if any) and the name behind it. */
export function parseField(path: string): FieldRef {
  if (!FIELD.test(path)) throw new FilterSyntaxError(`${echo(path)} is not a field: write e.g. lr.gamma or scalars.final_risk_theory`);
  const dot = path.indexOf('.');
  const source = dot > 0 ? PREFIXES[path.slice(0, dot)] : undefined;
  return source ? { source, name: path.slice(dot + 1) } : { source: null, name: path };
}

/** The JSON path of a field inside its column: dotted for parameters, one quoted key for scalars. */
export function jsonPath(field: ResolvedField): string {
  return field.source === 'params' ? `$.${field.name}` : `$."${field.name}"`;
}

/** The SQL expression reading a field of the run aliased `r`, with its bound argument. */
export function fieldSql(field: ResolvedField): { sql: string; args: unknown[] } {
  const column = field.source === 'params' ? 'r.params_json' : 'r.scalars_json';
  return { sql: `json_extract(${column}, ?)`, args: [jsonPath(field)] };
}

/** The WHERE clause of a filter on a resolved field (a parameter at the filter's path unless told otherwise). */
export function filterToSql(filter: ParamFilter, field: ResolvedField = { source: 'params', name: filter.path }): { sql: string; args: unknown[] } {
  const expr = fieldSql(field);
  const value = typeof filter.value === 'boolean' ? (filter.value ? 1 : 0) : filter.value;
  return { sql: `${expr.sql} ${filter.op === '!=' ? 'IS NOT' : filter.op} ?`, args: [...expr.args, value] };
}

/** How the library answers "does any run have this field, and of which JSON type?". */
export type FieldProbe = (field: ResolvedField) => string | null;

/**
 * Decide where a field lives. A named source must hold it; an unnamed one is a parameter when any
 * run has that parameter, else a scalar when any run has that scalar. A field no run has, or a
 * parameter group (an object), is refused with a message saying what to write instead.
 */
export function resolveField(path: string, probe: FieldProbe): ResolvedField {
  const ref = parseField(path);
  const candidates: ResolvedField[] = ref.source ? [{ source: ref.source, name: ref.name }] : [
    { source: 'params', name: ref.name },
    { source: 'scalars', name: ref.name },
  ];
  for (const field of candidates) {
    const type = probe(field);
    if (type === null) continue;
    if (type === 'object' || type === 'array') {
      throw new FilterSyntaxError(
        `${echo(path)} is ${type === 'object' ? 'a group of parameters' : 'a list'}; filter on one value, e.g. ${field.source === 'params' && type === 'object' ? `${ref.name}.<name>` : 'a number or a name'}`,
      );
    }
    return field;
  }
  const where = ref.source === 'params' ? 'a parameter' : ref.source === 'scalars' ? 'a scalar' : 'a parameter or a scalar';
  throw new FilterSyntaxError(
    `unknown field ${echo(path)}: no run in the library has ${where} of that name (parameters look like lr.gamma, scalars like final_risk_theory)`,
  );
}

/** A sort field of `runs:query`: `params.<path>` or `scalars.<name>`. */
export function sortField(sort: string): ResolvedField | null {
  const dot = sort.indexOf('.');
  if (dot < 0) return null;
  const ref = parseField(sort);
  return ref.source ? { source: ref.source, name: ref.name } : null;
}
