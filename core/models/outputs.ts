/**
 * Reading a kind's declared outputs (model-kind.ts `KindOutputs`): the spec of a scalar by its key,
 * where a declared name may hold `{n}` for a whole number ("gap_d{n}" declares gap_d256), and the
 * spec of an observable by its series name. Pure: the engine, the CLI and the renderer use it.
 */
import type { KindOutputs, ObservableSpec, ScalarSpec } from './model-kind.js';

const PLACEHOLDER = '{n}';

function matches(declared: string, name: string): boolean {
  const at = declared.indexOf(PLACEHOLDER);
  if (at < 0) return declared === name;
  const head = declared.slice(0, at);
  const tail = declared.slice(at + PLACEHOLDER.length);
  if (!name.startsWith(head) || !name.endsWith(tail) || name.length <= head.length + tail.length) return false;
  const middle = name.slice(head.length, name.length - tail.length);
  for (const c of middle) if (c < '0' || c > '9') return false;
  return true;
}

export function scalarSpec(outputs: KindOutputs, name: string): ScalarSpec | undefined {
  return outputs.scalars.find((s) => matches(s.name, name));
}

export function observableSpec(outputs: KindOutputs, name: string): ObservableSpec | undefined {
  return outputs.observables.find((o) => o.name === name);
}

/** The scalar a summary shows first: the first declared one among `available` (in declaration order). */
export function leadingScalar(outputs: KindOutputs, available: readonly string[]): string | undefined {
  for (const spec of outputs.scalars) {
    const hit = available.find((name) => matches(spec.name, name));
    if (hit !== undefined) return hit;
  }
  return available[0];
}
