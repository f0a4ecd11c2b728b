/**
 * Dotted paths into nested parameter objects ("spectrum.alpha"), as used by ParamIssue.path,
 * the CLI's --set and the form's field ids.
 */

import { assertSafePath, getAtPath, setAtPath } from '../../../core/models/param-paths.js';

export type Params = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function joinPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** The value at a dotted path through own properties only, or undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  if (path === '') return obj;
  return getAtPath(obj, path);
}

/**
 * Set the value at a dotted path in place, creating intermediate objects. `undefined` deletes the
 * key (an optional parameter left empty). Reserved segments (`__proto__`, `constructor`,
 * `prototype`) throw instead of reaching a prototype.
 */
export function setPath(obj: Params, path: string, value: unknown): void {
  if (value !== undefined) {
    setAtPath(obj, path, value);
    return;
  }
  assertSafePath(path);
  const keys = path.split('.');
  const parent = keys.length > 1 ? getAtPath(obj, keys.slice(0, -1).join('.')) : obj;
  if (isRecord(parent)) delete parent[keys[keys.length - 1]!];
}

/** A deep copy of plain JSON-like data. */
export function cloneParams<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneParams) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneParams(v);
    return out as T;
  }
  return value;
}

/** Flatten to dotted leaves: { lr: { gamma: 1 } } -> [["lr.gamma", 1]]. Arrays are leaves. */
export function flattenParams(obj: unknown, prefix = ''): [string, unknown][] {
  if (!isRecord(obj)) return prefix ? [[prefix, obj]] : [];
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    const path = joinPath(prefix, k);
    if (isRecord(v)) out.push(...flattenParams(v, path));
    else out.push([path, v]);
  }
  return out;
}

/** Short text of a leaf value for summaries. */
export function formatParamValue(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.slice(0, 6).map(formatParamValue);
    return `[${items.join(', ')}${value.length > 6 ? `, … (${value.length})` : ''}]`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
