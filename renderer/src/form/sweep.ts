/**
 * The sweep form's pure logic: which parameters can be swept (from the kind's schema), reading a
 * comma-separated list of values for one of them, the seeds list, the number of points, and the
 * request sent to `sweeps:start`.
 */
import type { SweepSpec } from '../../../app/api.js';
import { currentVariant, type EnumField, type FieldNode, type NumberField } from './schema-fields.js';
import type { Params } from './paths.js';

export type SweepMode = SweepSpec['mode'];
export type SweepValue = number | string | boolean;

export interface SweepablePath {
  path: string;
  label: string;
  type: 'number' | 'integer' | 'enum' | 'boolean' | 'string';
  options?: SweepValue[];
  field?: NumberField | EnumField;
}

export const MAX_AXES = 4;

/** Every scalar parameter reachable with the current values (unions as selected, their tag too). */
export function sweepablePaths(fields: readonly FieldNode[], values: Params): SweepablePath[] {
  const out: SweepablePath[] = [];
  const walk = (list: readonly FieldNode[]) => {
    for (const f of list) {
      switch (f.type) {
        case 'number':
        case 'integer':
          out.push({ path: f.path, label: f.label, type: f.type, field: f });
          break;
        case 'enum':
          out.push({ path: f.path, label: f.label, type: 'enum', options: f.options, field: f });
          break;
        case 'boolean':
          out.push({ path: f.path, label: f.label, type: 'boolean', options: [false, true] });
          break;
        case 'string':
          out.push({ path: f.path, label: f.label, type: 'string' });
          break;
        case 'object':
          walk(f.children);
          break;
        case 'union': {
          out.push({ path: `${f.path}.${f.discriminator}`, label: `${f.label} ${f.discriminator}`, type: 'enum', options: f.variants.map((v) => v.value) });
          const v = currentVariant(f, values);
          if (v) walk(v.children);
          break;
        }
        default:
          break;
      }
    }
  };
  walk(fields);
  return out;
}

export type ParsedValues = { ok: true; values: SweepValue[] } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A comma-separated list of values for one swept parameter, checked against its type. */
export function parseAxisValues(text: string, target: SweepablePath | undefined): ParsedValues {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (!parts.length) return { ok: false, error: 'give at least one value' };
  if (parts.length > 1000) return { ok: false, error: 'at most 1000 values' };
  const values: SweepValue[] = [];
  for (const p of parts) {
    const type = target?.type ?? 'number';
    if (type === 'number' || type === 'integer') {
      if (!NUMBER.test(p) || !Number.isFinite(Number(p))) return { ok: false, error: `"${p}" is not a number` };
      const v = Number(p);
      if (type === 'integer' && !Number.isInteger(v)) return { ok: false, error: `"${p}" is not an integer` };
      values.push(v);
    } else if (type === 'boolean') {
      if (p !== 'true' && p !== 'false') return { ok: false, error: `"${p}": write true or false` };
      values.push(p === 'true');
    } else if (type === 'enum') {
      const option = target?.options?.find((o) => String(o) === p);
      if (option === undefined) return { ok: false, error: `"${p}" is not one of ${(target?.options ?? []).map(String).join(', ')}` };
      values.push(option);
    } else {
      values.push(p);
    }
  }
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup !== undefined) return { ok: false, error: `${String(dup)} appears twice` };
  return { ok: true, values };
}

export type ParsedSeeds = { ok: true; seeds: number[] } | { ok: false; error: string };

/** "1, 2, 3" or "1-8" or a mix: whole numbers in [0, 2^32 - 1]. */
export function parseSeeds(text: string): ParsedSeeds {
  const seeds: number[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const range = /^(\d+)\s*(?:-|–|\.\.)\s*(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) return { ok: false, error: `the range ${part} runs backwards` };
      if (b - a >= 1000) return { ok: false, error: `the range ${part} has more than 1000 seeds` };
      for (let s = a; s <= b; s++) seeds.push(s);
    } else if (/^\d+$/.test(part)) {
      seeds.push(Number(part));
    } else {
      return { ok: false, error: `"${part}" is not a whole number` };
    }
  }
  if (seeds.some((s) => s > 2 ** 32 - 1)) return { ok: false, error: 'seeds are at most 4294967295' };
  if (seeds.length > 1000) return { ok: false, error: 'at most 1000 seeds' };
  return { ok: true, seeds: [...new Set(seeds)] };
}

/** How many runs a sweep creates, or an explanation of why the axes do not fit together. */
export function countPoints(mode: SweepMode, axisLengths: number[], seedCount: number): { ok: true; count: number } | { ok: false; error: string } {
  if (mode === 'grid') {
    if (!axisLengths.length) return { ok: false, error: 'a grid sweep needs at least one axis' };
    return { ok: true, count: axisLengths.reduce((a, b) => a * b, 1) };
  }
  if (mode === 'zip') {
    if (!axisLengths.length) return { ok: false, error: 'a zip sweep needs at least one axis' };
    if (axisLengths.some((n) => n !== axisLengths[0])) return { ok: false, error: `zip pairs the i-th values: the lists have ${axisLengths.join(', ')} values` };
    return { ok: true, count: axisLengths[0]! };
  }
  if (!seedCount) return { ok: false, error: 'a seeds sweep needs a list of seeds' };
  return { ok: true, count: axisLengths.reduce((a, b) => a * b, 1) * seedCount };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The parameters that differ from a reference (the preset's or the defaults), as a nested object
 * holding only those leaves. A sweep sends these as its base: the engine fills in the rest, and
 * objects that hold a swept parameter stay out of the base unless something else in them changed.
 */
export function paramOverrides(values: Params, reference: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(values)) {
    const ref = reference[key];
    if (isRecord(value) && isRecord(ref)) {
      const nested = paramOverrides(value, ref);
      if (Object.keys(nested).length) out[key] = nested;
    } else if (JSON.stringify(value) !== JSON.stringify(ref)) {
      out[key] = value;
    }
  }
  return out;
}

/** The `sweeps:start` request; the axes' values override the base parameters at each point. */
export function sweepSpec(input: {
  kind: string;
  name: string;
  preset: string;
  params: Params;
  mode: SweepMode;
  axes: { path: string; values: SweepValue[] }[];
  seeds: number[];
  seed: number | undefined;
  replicas: number | undefined;
}): SweepSpec {
  const spec: SweepSpec = { kind: input.kind, mode: input.mode, axes: input.axes, params: input.params };
  if (input.name.trim()) spec.name = input.name.trim();
  if (input.preset) spec.preset = input.preset;
  if (input.mode === 'seeds') spec.seeds = input.seeds;
  if (input.seed !== undefined) spec.seed = input.seed;
  if (input.replicas !== undefined) spec.replicas = input.replicas;
  return spec;
}
