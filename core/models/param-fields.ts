/**
 * Building blocks for kinds' parameter schemas: a number field whose every range violation names
 * the allowed range, with its default and description (the app's form and the CLI read both).
 */
import { z } from 'zod';

export interface NumberSpec {
  description: string;
  default: number;
  min?: number;
  /** Exclusive lower bound. */
  gt?: number;
  max?: number;
  /** Exclusive upper bound. */
  lt?: number;
  int?: boolean;
}

/** "must be an integer >= 2 and <= 1000000" */
export function rangeText(s: Omit<NumberSpec, 'description' | 'default'>): string {
  const lo = s.min !== undefined ? `>= ${s.min}` : s.gt !== undefined ? `> ${s.gt}` : '';
  const hi = s.max !== undefined ? `<= ${s.max}` : s.lt !== undefined ? `< ${s.lt}` : '';
  const bounds = [lo, hi].filter(Boolean).join(' and ');
  return `must be ${s.int ? 'an integer ' : 'a number '}${bounds}`.trim();
}

/** Whether `value` is a number `s` allows (the same test as the schema `num(s)` makes). */
export function allows(s: Omit<NumberSpec, 'description' | 'default'>, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (s.int && !Number.isInteger(value)) return false;
  if (s.min !== undefined && !(value >= s.min)) return false;
  if (s.gt !== undefined && !(value > s.gt)) return false;
  if (s.max !== undefined && !(value <= s.max)) return false;
  if (s.lt !== undefined && !(value < s.lt)) return false;
  return true;
}

export function num(s: NumberSpec) {
  const msg = rangeText(s);
  let schema = z.number({ error: msg });
  if (s.int) schema = schema.int({ error: msg });
  if (s.min !== undefined) schema = schema.min(s.min, { error: msg });
  if (s.gt !== undefined) schema = schema.gt(s.gt, { error: msg });
  if (s.max !== undefined) schema = schema.max(s.max, { error: msg });
  if (s.lt !== undefined) schema = schema.lt(s.lt, { error: msg });
  return schema.default(s.default).describe(s.description);
}

/**
 * The options of a kind's cross-field refinement (`superRefine(fn, AFTER_FIELD_CHECKS)`): it runs
 * only when every field passed its own checks, so it never sees a value that failed its range (a
 * refinement may loop over `classes` or size an array by `d`; `classes = 1e9` must be refused by
 * its range, not by building a billion labels first).
 */
export const AFTER_FIELD_CHECKS = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/**
 * A list of up to `maxItems` numbers, each as `num(item)`, whose first bad item is its only issue
 * ("values.3: must be a number >= 0 ..."): a list of a million bad entries costs one issue, not a
 * million. The JSON schema is that of the plain array (items with their range, the default).
 */
export function numberList(item: NumberSpec, maxItems: number, defaultList: () => number[]) {
  const list = z.array(num(item).unwrap()).max(maxItems).default(defaultList);
  return z.preprocess((value, ctx) => {
    if (!Array.isArray(value) || value.length > maxItems) return value;
    const bad = value.findIndex((v) => !allows(item, v));
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: [bad], input: value[bad], message: rangeText(item) });
    return value;
  }, list);
}
