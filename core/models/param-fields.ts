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
