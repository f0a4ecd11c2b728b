/**
 * Which parameter fields apply to the options chosen. Discriminated unions already show only the
 * chosen variant's fields (schema-fields.ts); this covers the other way kinds' schemas tie a field
 * to a choice: a field of the same group as an enum whose description names the enum values it is
 * for, as the schemas write them:
 *
 * - a leading list: `"constant, schedule: learning rate gamma"` (lr.gamma, beside lr.policy),
 * - a trailing list: `"Label-noise standard deviation (least_squares, phase_retrieval)"`,
 * - `"(used when calibration = rho)"`.
 *
 * A list counts only when every name in it is an option of one sibling enum, so ordinary prose is
 * never read as a condition. Fields whose condition fails are hidden; their values are kept.
 */
import { currentVariant, type FieldNode } from './schema-fields.js';
import { getPath, type Params } from './paths.js';

/** A field applies when the enum at `path` holds one of `values`. */
export interface Condition {
  path: string;
  values: (string | number | boolean)[];
}

const NAME_LIST = '[A-Za-z0-9_]+(?:\\s*,\\s*[A-Za-z0-9_]+)*';
const LEADING = new RegExp(`^(${NAME_LIST})\\s*:`);
const TRAILING = new RegExp(`\\((${NAME_LIST})\\)\\s*\\.?\\s*$`);
const USED_WHEN = /\bused when ([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z0-9_]+)\s*\)?/;

type EnumNode = Extract<FieldNode, { type: 'enum' }>;

/** The condition a description states, given the enums of the field's group. */
export function describedCondition(description: string, enums: readonly EnumNode[], self: string): Condition | null {
  const used = USED_WHEN.exec(description);
  if (used) {
    const target = enums.find((e) => e.key === used[1] && e.path !== self);
    const value = target?.options.find((o) => String(o) === used[2]);
    if (target && value !== undefined) return { path: target.path, values: [value] };
  }
  for (const pattern of [LEADING, TRAILING]) {
    const m = pattern.exec(description);
    if (!m) continue;
    const names = m[1]!.split(',').map((n) => n.trim());
    const target = enums.find((e) => e.path !== self && names.every((n) => e.options.some((o) => String(o) === n)));
    if (target) return { path: target.path, values: target.options.filter((o) => names.includes(String(o))) };
  }
  return null;
}

/** The condition of every field that has one, by path, over the whole tree (union variants included). */
export function fieldConditions(fields: readonly FieldNode[]): Map<string, Condition> {
  const out = new Map<string, Condition>();
  const walk = (group: readonly FieldNode[]) => {
    const enums = group.filter((f): f is EnumNode => f.type === 'enum');
    for (const f of group) {
      const condition = f.description && enums.length ? describedCondition(f.description, enums, f.path) : null;
      if (condition) out.set(f.path, condition);
      if (f.type === 'object') walk(f.children);
      else if (f.type === 'union') for (const v of f.variants) walk(v.children);
    }
  };
  walk(fields);
  return out;
}

/**
 * Paths of the fields that do not apply to these values. A field that does not apply but has an
 * error stays visible (`keep`), so every problem can be seen and fixed where it is.
 */
export function hiddenFields(
  fields: readonly FieldNode[],
  values: Params,
  conditions: ReadonlyMap<string, Condition> = fieldConditions(fields),
  keep: ReadonlySet<string> = new Set(),
): Set<string> {
  const hidden = new Set<string>();
  const walk = (group: readonly FieldNode[]) => {
    for (const f of group) {
      const c = conditions.get(f.path);
      if (c && !c.values.includes(getPath(values, c.path) as string | number | boolean) && !keep.has(f.path)) {
        hidden.add(f.path);
        continue;
      }
      if (f.type === 'object') walk(f.children);
      else if (f.type === 'union') {
        const v = currentVariant(f, values);
        if (v) walk(v.children);
      }
    }
  };
  walk(fields);
  return hidden;
}
