/**
 * From a kind's parameter JSON Schema (zod 4's `z.toJSONSchema`, draft 2020-12) to a tree of form
 * fields, plus the text <-> value conversions of each field.
 *
 * Understood: objects with `properties` (fieldsets), number/integer with minimum/maximum/
 * exclusiveMinimum/exclusiveMaximum, string, boolean, `enum` and `const`, arrays of numbers or
 * strings (a comma-separated text), nullable types (`type: [T, "null"]` or anyOf with null), and
 * unions of objects told apart by a constant property (`oneOf`/`anyOf`, zod's discriminated union),
 * shown as a select of the discriminator plus the fields of the chosen variant. Anything else falls
 * back to a JSON text field. Local `$ref`s into `$defs` are followed.
 */
import { cloneParams, getPath, joinPath, type Params } from './paths.js';

type Schema = Record<string, unknown>;

interface FieldBase {
  /** Dotted path, e.g. "lr.gamma"; the field's test id is `param-<path>`. */
  path: string;
  key: string;
  label: string;
  description?: string;
  required: boolean;
  nullable: boolean;
  default?: unknown;
}

export interface NumberField extends FieldBase {
  type: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}
export interface StringField extends FieldBase {
  type: 'string';
}
export interface BooleanField extends FieldBase {
  type: 'boolean';
}
export interface EnumField extends FieldBase {
  type: 'enum';
  options: (string | number | boolean)[];
}
export interface ConstField extends FieldBase {
  type: 'const';
  value: unknown;
}
export interface ArrayField extends FieldBase {
  type: 'array';
  itemType: 'number' | 'integer' | 'string';
  minItems?: number;
  maxItems?: number;
}
export interface JsonField extends FieldBase {
  type: 'json';
}
export interface ObjectField extends FieldBase {
  type: 'object';
  children: FieldNode[];
}
export interface UnionVariant {
  value: string | number | boolean;
  children: FieldNode[];
  /** Defaults of the variant's own fields (the discriminator included). */
  defaults: Params;
}
export interface UnionField extends FieldBase {
  type: 'union';
  discriminator: string;
  variants: UnionVariant[];
}

export type FieldNode =
  | NumberField
  | StringField
  | BooleanField
  | EnumField
  | ConstField
  | ArrayField
  | JsonField
  | ObjectField
  | UnionField;

/** Fields edited through a text input (and so parsed from text). */
export type TextField = NumberField | StringField | ArrayField | JsonField;

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BIG = Number.MAX_SAFE_INTEGER;

function finiteBound(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < BIG ? v : undefined;
}

function resolveRef(schema: Schema, root: Schema): Schema {
  let cur = schema;
  for (let guard = 0; guard < 32 && typeof cur.$ref === 'string'; guard++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith('#/')) break;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      target = isRecord(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (!isRecord(target)) break;
    const { $ref: _ignored, ...rest } = cur;
    cur = { ...target, ...rest };
  }
  return cur;
}

/** Split off `null` from `type: [T, "null"]` and `anyOf: [S, {type: "null"}]`. */
function stripNull(schema: Schema, root: Schema): { schema: Schema; nullable: boolean } {
  if (Array.isArray(schema.type)) {
    const types = (schema.type as unknown[]).filter((t) => t !== 'null');
    if (types.length < schema.type.length) {
      return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
    }
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) {
      const variants = list.filter(isRecord).map((v) => resolveRef(v, root));
      const rest = variants.filter((v) => v.type !== 'null');
      if (rest.length < variants.length && rest.length === 1) {
        const { [key]: _drop, ...outer } = schema;
        return { schema: { ...rest[0], ...outer }, nullable: true };
      }
    }
  }
  return { schema, nullable: false };
}

function constOf(schema: Schema): { ok: true; value: string | number | boolean } | { ok: false } {
  const v = schema.const;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { ok: true, value: v };
  const e = schema.enum;
  if (Array.isArray(e) && e.length === 1 && ['string', 'number', 'boolean'].includes(typeof e[0])) {
    return { ok: true, value: e[0] as string | number | boolean };
  }
  return { ok: false };
}

/** Defaults declared on the object's own properties (recursively), as a params object. */
export function schemaDefaults(schema: Schema, root: Schema = schema): Params {
  const s = resolveRef(schema, root);
  const out: Params = isRecord(s.default) ? cloneParams(s.default) : {};
  const props = isRecord(s.properties) ? s.properties : {};
  for (const [key, raw] of Object.entries(props)) {
    if (!isRecord(raw)) continue;
    const prop = stripNull(resolveRef(raw, root), root).schema;
    if (out[key] !== undefined) continue;
    if (prop.default !== undefined) out[key] = cloneParams(prop.default);
    else {
      const c = constOf(prop);
      if (c.ok) out[key] = c.value;
      else if (prop.type === 'object' && isRecord(prop.properties)) {
        const nested = schemaDefaults(prop, root);
        if (Object.keys(nested).length > 0) out[key] = nested;
      }
    }
  }
  return out;
}

function base(path: string, key: string, schema: Schema, required: boolean, nullable: boolean): FieldBase {
  return {
    path,
    key,
    label: typeof schema.title === 'string' && schema.title ? schema.title : key,
    ...(typeof schema.description === 'string' && schema.description ? { description: schema.description } : {}),
    required,
    nullable,
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
}

function unionField(
  path: string,
  key: string,
  outer: Schema,
  variants: Schema[],
  required: boolean,
  nullable: boolean,
  root: Schema,
): UnionField | null {
  if (variants.length === 0 || !variants.every((v) => v.type === 'object' && isRecord(v.properties))) return null;
  const first = variants[0].properties as Schema;
  const discriminator = Object.keys(first).find((prop) =>
    variants.every((v) => {
      const p = (v.properties as Schema)[prop];
      return isRecord(p) && constOf(resolveRef(p, root)).ok;
    }),
  );
  if (!discriminator) return null;
  const values = variants.map((v) => {
    const c = constOf(resolveRef((v.properties as Schema)[discriminator] as Schema, root));
    return c.ok ? c.value : '';
  });
  if (new Set(values).size !== values.length) return null;
  return {
    ...base(path, key, outer, required, nullable),
    type: 'union',
    discriminator,
    variants: variants.map((v, i) => ({
      value: values[i],
      children: objectChildren(v, path, root).filter((c) => c.key !== discriminator),
      defaults: { ...schemaDefaults(v, root), [discriminator]: values[i] },
    })),
  };
}

function objectChildren(schema: Schema, path: string, root: Schema): FieldNode[] {
  const props = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  return Object.entries(props)
    .filter(([, p]) => isRecord(p))
    .map(([key, p]) => fieldFromSchema(p as Schema, joinPath(path, key), key, required.includes(key), root));
}

/** One field (or fieldset) from the schema of one property. */
export function fieldFromSchema(raw: Schema, path: string, key: string, required: boolean, root: Schema): FieldNode {
  const { schema, nullable } = stripNull(resolveRef(raw, root), root);
  const b = () => base(path, key, schema, required, nullable);

  const union = (schema.oneOf ?? schema.anyOf) as unknown;
  if (Array.isArray(union)) {
    const variants = union.filter(isRecord).map((v) => resolveRef(v, root));
    const asUnion = unionField(path, key, schema, variants, required, nullable, root);
    if (asUnion) return asUnion;
    const consts = variants.map(constOf);
    if (consts.length > 0 && consts.every((c) => c.ok)) {
      return { ...b(), type: 'enum', options: consts.map((c) => (c.ok ? c.value : '')) };
    }
    return { ...b(), type: 'json' };
  }

  const c = constOf(schema);
  if (schema.const !== undefined && c.ok) return { ...b(), type: 'const', value: c.value };
  if (Array.isArray(schema.enum)) {
    const options = (schema.enum as unknown[]).filter(
      (o): o is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof o),
    );
    return { ...b(), type: 'enum', options };
  }

  switch (schema.type) {
    case 'number':
    case 'integer': {
      const f: NumberField = { ...b(), type: schema.type };
      const min = finiteBound(schema.minimum);
      const max = finiteBound(schema.maximum);
      const xmin = finiteBound(schema.exclusiveMinimum);
      const xmax = finiteBound(schema.exclusiveMaximum);
      if (min !== undefined) f.minimum = min;
      if (max !== undefined) f.maximum = max;
      if (xmin !== undefined) f.exclusiveMinimum = xmin;
      if (xmax !== undefined) f.exclusiveMaximum = xmax;
      return f;
    }
    case 'string':
      return { ...b(), type: 'string' };
    case 'boolean':
      return { ...b(), type: 'boolean' };
    case 'array': {
      const items = isRecord(schema.items) ? stripNull(resolveRef(schema.items, root), root).schema : {};
      const t = items.type;
      if (t === 'number' || t === 'integer' || (t === 'string' && !Array.isArray(items.enum))) {
        const f: ArrayField = { ...b(), type: 'array', itemType: t };
        if (typeof schema.minItems === 'number') f.minItems = schema.minItems;
        if (typeof schema.maxItems === 'number') f.maxItems = schema.maxItems;
        return f;
      }
      return { ...b(), type: 'json' };
    }
    case 'object':
      if (isRecord(schema.properties)) return { ...b(), type: 'object', children: objectChildren(schema, path, root) };
      return { ...b(), type: 'json' };
    default:
      return { ...b(), type: 'json' };
  }
}

/** The top-level fields of a parameters schema. */
export function buildFields(schema: Record<string, unknown>): FieldNode[] {
  const root = schema;
  const s = resolveRef(schema, root);
  if (isRecord(s.properties)) return objectChildren(s, '', root);
  return [];
}

/** The variant of a union field selected by the current values. */
export function currentVariant(field: UnionField, values: Params): UnionVariant | undefined {
  const tag = getPath(values, `${field.path}.${field.discriminator}`);
  return field.variants.find((v) => v.value === tag);
}

/** Every text-edited field reachable with the current values (union variants as selected). */
export function textFields(fields: readonly FieldNode[], values: Params): TextField[] {
  const out: TextField[] = [];
  const walk = (list: readonly FieldNode[]) => {
    for (const f of list) {
      if (f.type === 'object') walk(f.children);
      else if (f.type === 'union') {
        const v = currentVariant(f, values);
        if (v) walk(v.children);
      } else if (f.type === 'number' || f.type === 'integer' || f.type === 'string' || f.type === 'array' || f.type === 'json') {
        out.push(f);
      }
    }
  };
  walk(fields);
  return out;
}

/** The text shown in a text field for a value. */
export function formatFieldText(field: TextField, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (field.type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' ? String(value) : String(value);
    case 'string':
      return String(value);
    case 'array':
      return Array.isArray(value) ? value.map((v) => String(v)).join(', ') : String(value);
    case 'json':
      return JSON.stringify(value);
  }
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

function parseNumber(text: string, integer: boolean): ParseResult {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { ok: false, error: `"${t}" is not a number` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, error: `"${t}" is out of range` };
  if (integer && !Number.isInteger(value)) return { ok: false, error: 'must be an integer' };
  return { ok: true, value };
}

/**
 * Parse a text field. Empty text means: null for nullable fields, absent (undefined) for optional
 * ones, an error for required numbers, an empty list for arrays and '' for required strings.
 */
export function parseFieldText(field: TextField, text: string): ParseResult {
  const t = text.trim();
  if (t === '') {
    if (field.type === 'string') {
      if (field.nullable) return { ok: true, value: null };
      return { ok: true, value: field.required ? '' : undefined };
    }
    if (field.type === 'array') return { ok: true, value: [] };
    if (field.nullable) return { ok: true, value: null };
    if (!field.required) return { ok: true, value: undefined };
    return { ok: false, error: 'required' };
  }
  switch (field.type) {
    case 'number':
    case 'integer':
      return parseNumber(t, field.type === 'integer');
    case 'string':
      return { ok: true, value: text };
    case 'array': {
      const parts = t.split(/[,;\s]+/).filter((p) => p !== '');
      if (field.itemType === 'string') return { ok: true, value: parts };
      const values: number[] = [];
      for (let i = 0; i < parts.length; i++) {
        const r = parseNumber(parts[i], field.itemType === 'integer');
        if (!r.ok) return { ok: false, error: `item ${i + 1}: ${r.error}` };
        values.push(r.value as number);
      }
      return { ok: true, value: values };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(t) };
      } catch {
        return { ok: false, error: 'not valid JSON' };
      }
  }
}

/** "in [10, 100000]", "> 0", "in (0, 1)" ... for a number field; '' when unbounded. */
export function rangeHint(field: NumberField): string {
  const lo =
    field.exclusiveMinimum !== undefined
      ? { v: field.exclusiveMinimum, open: true }
      : field.minimum !== undefined
        ? { v: field.minimum, open: false }
        : null;
  const hi =
    field.exclusiveMaximum !== undefined
      ? { v: field.exclusiveMaximum, open: true }
      : field.maximum !== undefined
        ? { v: field.maximum, open: false }
        : null;
  const kind = field.type === 'integer' ? 'integer ' : '';
  if (lo && hi) return `${kind}in ${lo.open ? '(' : '['}${lo.v}, ${hi.v}${hi.open ? ')' : ']'}`;
  if (lo) return `${kind}${lo.open ? '>' : '≥'} ${lo.v}`;
  if (hi) return `${kind}${hi.open ? '<' : '≤'} ${hi.v}`;
  return field.type === 'integer' ? 'integer' : '';
}
