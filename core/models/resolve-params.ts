/**
 * Turning user input into a kind's full parameter set: schema defaults, then a preset, then the
 * user's overrides (deep merge, arrays replace), validated by the kind's zod schema. Every problem
 * comes back as { path, message } naming the parameter and what is allowed.
 */
import { z } from 'zod';
import type { ModelKind } from './model-kind.js';
import { findReservedKey, hasOwn, ownValue, setAtPath } from './param-paths.js';
import { clip, echo } from './echo.js';

export interface ParamIssue {
  path: string;
  message: string;
}

export type ResolveResult<P> = { ok: true; params: P } | { ok: false; issues: ParamIssue[] };

type Json = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Float64Array);
}

/** A new object: `over` merged into `base` at every level (arrays replace). Neither input is shared with the result. */
export function deepMerge(base: Json, over: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(base)) defineOwn(out, key, cloneJson(value));
  for (const [key, value] of Object.entries(over)) {
    const prior = ownValue(out, key);
    defineOwn(out, key, isPlainObject(prior) && isPlainObject(value) ? deepMerge(prior, value) : cloneJson(value));
  }
  return out;
}

/** An own data property even for a key such as "__proto__" (plain assignment would set the prototype). */
function defineOwn(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isPlainObject(value)) return deepMerge({}, value);
  return value;
}

/** JSON schema of a kind's parameters (input side, so defaulted fields are optional). */
export function paramsJsonSchema(kind: ModelKind<unknown>): Json {
  return z.toJSONSchema(kind.params as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Json;
}

/**
 * The same schema built once per kind, for resolveParams' own read-only lookups: building it takes
 * about a millisecond, which a 10 000-point sweep would otherwise pay for every point.
 */
const schemaCache = new WeakMap<object, Json>();
function readOnlySchema(kind: ModelKind<unknown>): Json {
  let schema = schemaCache.get(kind.params as object);
  if (!schema) schemaCache.set(kind.params as object, (schema = paramsJsonSchema(kind)));
  return schema;
}

/** The node of the JSON schema at a dotted path, or undefined if there is no such parameter. */
export function schemaAt(schema: Json, path: string): Json | undefined {
  let node: Json | undefined = schema;
  for (const key of path.split('.')) {
    const props = node?.['properties'] as Json | undefined;
    if (!props || !hasOwn(props, key)) return undefined;
    node = props[key] as Json;
  }
  return node;
}

/** "an integer in [2, 1000000]", "one of least_squares, logistic", "a number > 0". */
export function describeAllowed(node: Json | undefined): string {
  if (!node) return 'a known parameter';
  if (Array.isArray(node['enum'])) return `one of ${(node['enum'] as unknown[]).join(', ')}`;
  if ('const' in node) return `exactly ${String(node['const'])}`;
  const type = node['type'];
  if (type === 'number' || type === 'integer') {
    const noun = type === 'integer' ? 'an integer' : 'a number';
    const lo = node['minimum'] as number | undefined;
    const loX = node['exclusiveMinimum'] as number | undefined;
    const hi = node['maximum'] as number | undefined;
    const hiX = node['exclusiveMaximum'] as number | undefined;
    const parts: string[] = [];
    if (lo !== undefined) parts.push(`≥ ${lo}`);
    if (loX !== undefined) parts.push(`> ${loX}`);
    if (hi !== undefined) parts.push(`≤ ${hi}`);
    if (hiX !== undefined) parts.push(`< ${hiX}`);
    return parts.length ? `${noun} ${parts.join(' and ')}` : noun;
  }
  if (type === 'boolean') return 'true or false';
  if (type === 'array') {
    const items = node['items'] as Json | undefined;
    return `a list of ${items ? describeAllowed(items).replace(/^an? /, '') + 's' : 'values'}`;
  }
  if (type === 'string') return 'a string';
  if (type === 'object') return 'an object';
  return 'a valid value';
}

function leafPaths(value: Json, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v) && Object.keys(v).length > 0) out.push(...leafPaths(v, path));
    else out.push(path);
  }
  return out;
}

function formatValue(value: unknown): string {
  return echo(value);
}

function valueAt(obj: Json, path: string): unknown {
  let node: unknown = obj;
  for (const key of path.split('.')) {
    if (!isPlainObject(node)) return undefined;
    node = ownValue(node, key);
  }
  return node;
}

export function resolveParams<P>(
  kind: ModelKind<P>,
  input: { preset?: string; params?: Json } = {},
): ResolveResult<P> {
  const schema = readOnlySchema(kind as ModelKind<unknown>);
  const issues: ParamIssue[] = [];
  let merged: Json = {};
  if (input.preset !== undefined) {
    const preset = hasOwn(kind.presets, input.preset) ? kind.presets[input.preset] : undefined;
    if (!preset) {
      return {
        ok: false,
        issues: [{ path: 'preset', message: `unknown preset ${echo(input.preset)} for ${kind.id}; allowed: ${Object.keys(kind.presets).join(', ')}` }],
      };
    }
    merged = deepMerge(merged, preset.params as Json);
  }
  const overrides = input.params ?? {};
  const reserved = findReservedKey(overrides);
  if (reserved !== null) {
    return { ok: false, issues: [{ path: reserved, message: `${echo(reserved)} is not a parameter of ${kind.id}: __proto__, constructor and prototype are reserved names` }] };
  }
  for (const path of leafPaths(overrides)) {
    if (!schemaAt(schema, path)) {
      const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
      const known = Object.keys(((parent ? schemaAt(schema, parent) : schema)?.['properties'] as Json | undefined) ?? {});
      issues.push({ path, message: `unknown parameter ${echo(path)} for ${kind.id}; known${parent ? ` under ${clip(parent)}` : ''}: ${known.join(', ')}` });
    }
  }
  if (issues.length) return { ok: false, issues };
  merged = deepMerge(merged, overrides);
  const parsed = (kind.params as z.ZodType<P>).safeParse(merged);
  if (parsed.success) return { ok: true, params: parsed.data };
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    const node = path ? schemaAt(schema, path) : undefined;
    const got = path ? valueAt(merged, path) : undefined;
    const allowed = node ? describeAllowed(node) : undefined;
    const message =
      issue.code === 'custom' || !allowed
        ? `${path || 'parameters'}: ${issue.message}`
        : `${path} = ${formatValue(got)} is not allowed: expected ${allowed}`;
    issues.push({ path, message });
  }
  return { ok: false, issues };
}

/** Parse a command-line value for the parameter at `path`, guided by its schema type. */
export function parseParamValue(schema: Json, path: string, raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const node = schemaAt(schema, path);
  if (!node) return { ok: false, message: `unknown parameter ${echo(path)}` };
  const type = node['type'];
  const bad = () => ({ ok: false as const, message: `${path} = ${echo(raw)} is malformed: expected ${describeAllowed(node)}` });
  if (type === 'number' || type === 'integer') {
    const text = raw.trim();
    if (text === '') return bad();
    const value = Number(text);
    if (!Number.isFinite(value)) return bad();
    return { ok: true, value };
  }
  if (type === 'boolean') {
    if (raw === 'true') return { ok: true, value: true };
    if (raw === 'false') return { ok: true, value: false };
    return bad();
  }
  if (type === 'array') {
    const text = raw.trim();
    if (text === '') return { ok: true, value: [] };
    const items = text.startsWith('[') ? safeJson(text) : text.split(',').map((s) => s.trim());
    if (!Array.isArray(items)) return bad();
    const itemNode = node['items'] as Json | undefined;
    const values: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = parseListItem(items[i], itemNode?.['type']);
      if (item === undefined) {
        const expected = itemNode ? describeAllowed(itemNode) : 'a value';
        return { ok: false, message: `${path} item ${i + 1} (${formatItem(items[i])}) is malformed: expected ${expected}` };
      }
      values.push(item);
    }
    return { ok: true, value: values };
  }
  if (type === 'object') {
    const value = safeJson(raw);
    return isPlainObject(value) ? { ok: true, value } : bad();
  }
  return { ok: true, value: raw };
}

/**
 * One list item as its schema type, or undefined when it is not one: an empty item ("1,,2"),
 * null, true or a nested list is refused, never coerced to 0 or 1.
 */
function parseListItem(item: unknown, itemType: unknown): unknown {
  if (itemType === 'number' || itemType === 'integer') {
    if (typeof item === 'number') return Number.isFinite(item) ? item : undefined;
    if (typeof item !== 'string' || item.trim() === '') return undefined;
    const value = Number(item.trim());
    return Number.isFinite(value) ? value : undefined;
  }
  if (itemType === 'boolean') {
    if (typeof item === 'boolean') return item;
    return item === 'true' ? true : item === 'false' ? false : undefined;
  }
  if (itemType === 'string') return typeof item === 'string' && item !== '' ? item : undefined;
  return item === null || typeof item === 'object' ? undefined : item;
}

function formatItem(item: unknown): string {
  return item === '' ? 'empty' : echo(item);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Set `value` at a dotted path inside `target`, creating objects on the way; reserved segments throw (see param-paths). */
export function setPath(target: Json, path: string, value: unknown): void {
  setAtPath(target, path, value);
}

/** Canonical JSON: keys sorted at every level, so equal parameter sets hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    const out: Json = {};
    for (const key of Object.keys(value).sort()) defineOwn(out, key, sortKeys(value[key]));
    return out;
  }
  return value;
}
