/**
 * Dotted parameter paths ("spectrum.alpha") read and written safely.
 *
 * Paths come from users: `--set`, sweep axes, the API, imported bundles. Looking a segment up with
 * `obj[key]` walks the prototype chain, so `__proto__.polluted` would write into `Object.prototype`
 * and `constructor` would find a function that no parameter is. Every lookup here is an own-property
 * lookup, and the segments that name prototype machinery are refused outright.
 */

import { echo } from './echo.js';

/** Segments that address the prototype chain rather than a parameter. */
export const FORBIDDEN_SEGMENTS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

type Json = Record<string, unknown>;

/** True when `key` is an own property of `obj` (never one inherited from a prototype). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `obj[key]` when `key` is an own property, else undefined. */
export function ownValue(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  return hasOwn(obj, key) ? (obj as Json)[key] : undefined;
}

/** Why `path` cannot name a parameter, or null when its shape is fine (it may still be unknown). */
export function pathProblem(path: string): string | null {
  if (path === '') return 'an empty parameter name';
  const segments = path.split('.');
  if (segments.some((s) => s === '')) return `${echo(path)} has an empty segment`;
  const bad = segments.find((s) => FORBIDDEN_SEGMENTS.includes(s));
  if (bad !== undefined) return `${echo(path)} uses the reserved name "${bad}", which is never a parameter`;
  return null;
}

/** Throws a plain Error when `path` is refused by `pathProblem`. */
export function assertSafePath(path: string): void {
  const problem = pathProblem(path);
  if (problem) throw new Error(`parameter path ${problem}`);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** The value at a dotted path through own properties only, or undefined when a step is missing. */
export function getAtPath(obj: unknown, path: string): unknown {
  if (pathProblem(path)) return undefined;
  let node: unknown = obj;
  for (const key of path.split('.')) {
    if (!isRecord(node)) return undefined;
    node = ownValue(node, key);
  }
  return node;
}

/**
 * Set `value` at a dotted path inside `target`, creating plain objects on the way (a non-object in
 * the way is replaced). Refuses reserved segments with an Error, so nothing outside `target` is
 * ever written.
 */
export function setAtPath(target: Json, path: string, value: unknown): void {
  assertSafePath(path);
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = ownValue(node, key);
    if (!isRecord(next)) defineOwn(node, key, {});
    node = node[key] as Json;
  }
  defineOwn(node, keys[keys.length - 1]!, value);
}

/** An own, enumerable, writable data property: never a setter call, never a prototype write. */
function defineOwn(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The first reserved key found anywhere inside plain JSON-like data (as a dotted path), or null.
 * `JSON.parse('{"__proto__": 1}')` makes an own key of that name; such input is refused whole.
 */
export function findReservedKey(value: unknown, prefix = ''): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findReservedKey(value[i], prefix ? `${prefix}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (!isRecord(value)) return null;
  for (const key of Object.keys(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (FORBIDDEN_SEGMENTS.includes(key)) return path;
    const found = findReservedKey(value[key], path);
    if (found) return found;
  }
  return null;
}
