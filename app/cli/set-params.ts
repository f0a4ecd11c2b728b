/** `--set key=value` (dotted paths for nested parameters) into a params object, checked against the kind's schema. */
import type { ModelKind } from '../../core/models/model-kind.js';
import { parseParamValue, paramsJsonSchema, schemaAt, setPath } from '../../core/models/resolve-params.js';
import { UsageError } from './args.js';
import { clip, echo } from '../../core/models/echo.js';
import { pathProblem } from '../../core/models/param-paths.js';

export function paramsFromSets(kind: ModelKind<unknown>, sets: string[]): Record<string, unknown> {
  const schema = paramsJsonSchema(kind);
  const params: Record<string, unknown> = {};
  for (const item of sets) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${echo(item)} is malformed: expected key=value, e.g. --set lr.gamma=0.5`);
    const path = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1);
    const problem = pathProblem(path);
    if (problem) throw new UsageError(`--set ${problem}`);
    const node = schemaAt(schema, path);
    if (!node) {
      const parent = knownParent(schema, path);
      const siblings = Object.keys(((parent ? schemaAt(schema, parent) : schema)?.['properties'] as object | undefined) ?? {});
      throw new UsageError(`unknown parameter ${echo(path)} for ${kind.id}; known${parent ? ` under ${clip(parent)}` : ''}: ${siblings.join(', ')}`);
    }
    if (node['type'] === 'object') throw new UsageError(`"${path}" is a group; set its fields, e.g. --set ${path}.${Object.keys((node['properties'] as object) ?? {})[0] ?? 'field'}=...`);
    const parsed = parseParamValue(schema, path, raw);
    if (!parsed.ok) throw new UsageError(parsed.message);
    setPath(params, path, parsed.value);
  }
  return params;
}

/** The longest prefix of `path` that names a parameter group, or '' for the top level. */
function knownParent(schema: Record<string, unknown>, path: string): string {
  const keys = path.split('.');
  for (let n = keys.length - 1; n > 0; n--) {
    const prefix = keys.slice(0, n).join('.');
    if (schemaAt(schema, prefix)?.['properties']) return prefix;
  }
  return '';
}
