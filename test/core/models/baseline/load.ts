/**
 * The kinds of the checkout under `root`, behind the small interface the fingerprints need: the
 * recording script loads an older commit's code this way, the baseline test the current code.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { KindApi, ResultLike } from './fingerprint.js';

type Fn = (...args: unknown[]) => unknown;
type AnyKind = Record<string, unknown> & { id: string };

function fn(kind: AnyKind, name: string): Fn {
  const f = kind[name];
  if (typeof f !== 'function') throw new Error(`kind ${kind.id} has no ${name}()`);
  return f as Fn;
}

export async function loadKindApi(root: string): Promise<KindApi> {
  const url = (rel: string) => pathToFileURL(join(root, rel)).href;
  const registry = (await import(url('core/models/registry.ts'))) as { getKind(id: string): AnyKind | undefined };
  const resolver = (await import(url('core/models/resolve-params.ts'))) as {
    resolveParams(kind: unknown, input: { preset?: string; params?: Record<string, unknown> }): { ok: boolean; params?: unknown; issues?: unknown };
  };
  // Contract v2 derives a run from the parts in one place; before it, each kind had its own parts, runPart and merge.
  type RunKind = (kind: AnyKind, params: unknown, ctx: unknown) => ResultLike;
  const runKind = existsSync(join(root, 'core/models/run-kind.ts'))
    ? ((await import(url('core/models/run-kind.ts'))) as { runKind: RunKind }).runKind
    : undefined;
  const kindOf = (id: string): AnyKind => {
    const k = registry.getKind(id);
    if (!k) throw new Error(`no kind ${id} under ${root}`);
    return k;
  };
  const ctx = (seed: number, replicas: number) => ({ seed, replicas, isCancelled: () => false, progress: () => undefined });
  return {
    resolve(kind, preset, params) {
      const r = resolver.resolveParams(kindOf(kind), { ...(preset !== undefined ? { preset } : {}), params });
      if (!r.ok) throw new Error(`${kind}: parameters refused: ${JSON.stringify(r.issues)}`);
      return r.params;
    },
    run(kind, params, seed, replicas) {
      const k = kindOf(kind);
      if (runKind) return runKind(k, params, ctx(seed, replicas));
      const parts = fn(k, 'parts')(params, replicas) as unknown[];
      const results = parts.map((part) => fn(k, 'runPart')(params, part, ctx(seed, replicas)));
      return fn(k, 'merge')(params, results, { seed, replicas }) as ResultLike;
    },
    solver: (kind, params) => (typeof kindOf(kind).solver === 'function' ? fn(kindOf(kind), 'solver')(params) : null),
    warnings: (kind, params) => (typeof kindOf(kind).warnings === 'function' ? (fn(kindOf(kind), 'warnings')(params) as string[]) : []),
    boundaries: (kind, params, axes) =>
      typeof kindOf(kind).sweepBoundaries === 'function' ? fn(kindOf(kind), 'sweepBoundaries')(params, axes) : [],
  };
}

