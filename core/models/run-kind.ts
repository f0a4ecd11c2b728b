/**
 * `run` for a kind that splits into parts: compute every part in this thread, in order, with
 * progress weighted by the parts' costs, then merge. Running the parts on the pool instead gives
 * the same bytes, since each part derives its own streams.
 */
import type { RunContext, RunPart, RunResult } from './model-kind.js';

export function runPartsInOrder<P>(
  params: P,
  ctx: RunContext,
  kind: {
    parts(params: P, replicas: number): RunPart[];
    runPart(params: P, part: RunPart, ctx: RunContext): RunResult;
    merge(params: P, results: RunResult[], ctx: { seed: number; replicas: number }): RunResult;
  },
): RunResult {
  const list = kind.parts(params, ctx.replicas);
  const total = list.reduce((s, q) => s + q.weight, 0);
  let done = 0;
  const results = list.map((part) => {
    const sub: RunContext = {
      seed: ctx.seed,
      replicas: ctx.replicas,
      isCancelled: () => ctx.isCancelled(),
      progress: (f, note) => ctx.progress(total > 0 ? (done + f * part.weight) / total : 0, note),
    };
    const result = kind.runPart(params, part, sub);
    done += part.weight;
    ctx.progress(total > 0 ? done / total : 1, part.id);
    return result;
  });
  return kind.merge(params, results, { seed: ctx.seed, replicas: ctx.replicas });
}
