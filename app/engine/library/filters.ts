/**
 * Parameter filters for the runs table, e.g. `lr.gamma > 1`, `spectrum.kind = two_level`,
 * `d >= 1000`. Each becomes a `json_extract(params_json, '$.path') <op> ?` clause; paths and
 * operators are checked, values bound, so no text reaches SQL unescaped.
 */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface ParamFilter {
  path: string;
  op: FilterOp;
  value: number | string | boolean;
}

const FILTER = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(<=|>=|!=|==|=|<|>)\s*(.+?)\s*$/;

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

export function parseFilter(text: string): ParamFilter {
  const m = FILTER.exec(text);
  if (!m) throw new FilterSyntaxError(`cannot read the filter "${text}": write e.g. lr.gamma > 1 or spectrum.kind = two_level`);
  const [, path, rawOp, rawValue] = m as unknown as [string, string, string, string];
  const op = (rawOp === '==' ? '=' : rawOp) as FilterOp;
  let value: number | string | boolean;
  const unquoted = rawValue.replace(/^(['"])(.*)\1$/, '$2');
  if (unquoted !== rawValue) value = unquoted;
  else if (rawValue === 'true' || rawValue === 'false') value = rawValue === 'true';
  else if (rawValue.trim() !== '' && Number.isFinite(Number(rawValue))) value = Number(rawValue);
  else value = rawValue;
  if (typeof value !== 'number' && op !== '=' && op !== '!=') {
    throw new FilterSyntaxError(`the filter "${text}" compares with ${op} but "${rawValue}" is not a number`);
  }
  return { path, op, value };
}

export function filterToSql(filter: ParamFilter): { sql: string; args: unknown[] } {
  const column = `json_extract(r.params_json, ?)`;
  const value = typeof filter.value === 'boolean' ? (filter.value ? 1 : 0) : filter.value;
  return { sql: `${column} ${filter.op === '!=' ? 'IS NOT' : filter.op} ?`, args: [`$.${filter.path}`, value] };
}
