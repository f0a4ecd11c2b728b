/**
 * Parameters at a dotted path, for kinds that derive one parameter set from another (a sweep
 * boundary recomputed at each value of an axis). The path functions are those of param-paths.ts,
 * with its own-property lookups and refusal of reserved segments.
 */
import type { z } from 'zod';
import { getAtPath, pathProblem, setAtPath } from '../param-paths.js';

export { getAtPath, pathProblem, setAtPath };

/**
 * `base` with `value` at `path`, validated by `schema` (a new parameter set, so it is parsed);
 * null when the path is refused or the result is not valid.
 */
export function paramsWithValue<P>(schema: z.ZodType<P>, base: P, path: string, value: unknown): P | null {
  if (pathProblem(path)) return null;
  const copy = structuredClone(base) as Record<string, unknown>;
  setAtPath(copy, path, value);
  const parsed = schema.safeParse(copy);
  return parsed.success ? parsed.data : null;
}
