/**
 * A whole run in this thread: every part of the kind in order, with progress weighted by the
 * parts' costs, then the kind's merge. The engine spreads the same parts over its pool instead and
 * merges the same way, so both give the same bytes (each part derives its own streams).
 */
import type { KindRepetitions, ModelKind, PartKey, RunContext, RunResult } from './model-kind.js';

export function runKind<P>(kind: ModelKind<P>, params: P, ctx: RunContext): RunResult {
  const list = kind.parts(params, ctx.replicas);
  const total = list.reduce((s, q) => s + q.weight, 0);
  let done = 0;
  const results = list.map((part) => {
    const sub: RunContext = {
      seed: ctx.seed,
      replicas: ctx.replicas,
      isCancelled: () => ctx.isCancelled(),
      progress: (f, note) => ctx.progress(total > 0 ? (done + f * part.weight) / total : 0, note),
      ...(ctx.partial ? { partial: ctx.partial.bind(ctx) } : {}),
      ...(ctx.inputs ? { inputs: ctx.inputs } : {}),
    };
    const result = kind.runPart(params, part.key, sub);
    done += part.weight;
    ctx.progress(total > 0 ? done / total : 1, partName(part.key, kind.repetitions));
    return { key: part.key, result };
  });
  return kind.merge(params, results, { seed: ctx.seed, replicas: ctx.replicas, ...(ctx.inputs ? { inputs: ctx.inputs } : {}) });
}

/**
 * "theory", "replica 3", "sde replica 3 (d = 256)": a part in progress notes. A kind that counts
 * its own repetitions names them its way: "chain 3", "repetition 3 (M = 400)".
 */
export function partName(key: PartKey, repetitions?: KindRepetitions): string {
  const noun = repetitions?.noun ?? 'replica';
  const base = key.role === 'theory' ? 'theory' : `${key.process ? `${key.process} ` : ''}${noun} ${key.index}`;
  return key.dim !== undefined ? `${base} (${repetitions?.dimName?.(key) ?? 'd'} = ${key.dim})` : base;
}
