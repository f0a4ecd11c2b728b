/**
 * Starting a run or a sweep the engine may refuse as too costly: on a `too_costly` answer the user
 * sees the estimate and decides; if they confirm, it starts again with `force: true`.
 */
import { ApiError } from '../../../app/api.js';

/** The question asked before a refused start is forced. */
export interface CostQuestion {
  title: string;
  message: string;
  confirmLabel: string;
}

/** What the user is asked: the engine's estimate, as a sentence, and whether to start anyway. */
export function costQuestion(what: 'run' | 'sweep', refusal: string): CostQuestion {
  const sentence = refusal.charAt(0).toUpperCase() + refusal.slice(1);
  return {
    title: what === 'run' ? 'A long run' : 'A long sweep',
    message: `${sentence}. Start the ${what} anyway? It can be cancelled at any time.`,
    confirmLabel: 'Start anyway',
  };
}

/**
 * `start(false)`; if the engine answers too_costly, ask `confirm` with its estimate and, when the
 * user agrees, `start(true)`. Resolves to null when the user declines; other errors pass through.
 */
export async function startConfirmingCost<T>(
  what: 'run' | 'sweep',
  start: (force: boolean) => Promise<T>,
  confirm: (question: CostQuestion) => Promise<boolean>,
): Promise<T | null> {
  try {
    return await start(false);
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'too_costly')) throw err;
    if (!(await confirm(costQuestion(what, err.message)))) return null;
    return start(true);
  }
}
