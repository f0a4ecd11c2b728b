/**
 * How a computation inside a part talks to its run: a cancel flag polled in hot loops and a
 * progress fraction. Simulations poll every `pollInterval(d)` steps, starting at step 0, so a part
 * started after a cancel stops before doing any work.
 */
import { CancelledError } from '../model-kind-errors.js';
import type { RunContext } from '../model-kind.js';

export interface RunHooks {
  isCancelled?: () => boolean;
  /** Fraction of this computation done, in [0, 1]. */
  progress?: (fraction: number) => void;
}

/** The hooks of a part's context. */
export function hooksOf(ctx: RunContext): Required<RunHooks> {
  return { isCancelled: () => ctx.isCancelled(), progress: (f) => ctx.progress(f) };
}

/** Steps between polls of a loop doing O(d) work per step: about 2^20 coordinate updates, at most 4096 steps. */
export function pollInterval(d: number): number {
  return Math.max(1, Math.min(4096, Math.floor(1_048_576 / d)));
}

/** Throws CancelledError once the run is cancelled; otherwise reports `fraction`. */
export function checkpoint(hooks: RunHooks, fraction: number): void {
  if (hooks.isCancelled?.()) throw new CancelledError();
  hooks.progress?.(fraction);
}
