/**
 * The app asks before it forces a run or sweep the engine refused as too costly, showing the
 * engine's estimate; nothing is forced without the user's yes.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { costQuestion, startConfirmingCost, type CostQuestion } from '../../renderer/src/form/index.js';

const REFUSAL = 'estimated 4.2 years of computation (homogenized SGD steps·d·replicas = 1.0e16), over the limit of 1 hour';

/** A start that is refused as too costly unless forced, recording each call. */
function engineStart() {
  const calls: boolean[] = [];
  const start = async (force: boolean) => {
    calls.push(force);
    if (!force) throw new ApiError('too_costly', REFUSAL);
    return { id: 'run-1' };
  };
  return { calls, start };
}

describe('confirming a costly start', () => {
  it('shows the estimate and starts again with force when the user confirms', async () => {
    const { calls, start } = engineStart();
    const asked: CostQuestion[] = [];
    const result = await startConfirmingCost('run', start, async (q) => (asked.push(q), true));
    expect(result).toEqual({ id: 'run-1' });
    expect(calls).toEqual([false, true]);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message).toBe(`Estimated 4.2 years of computation (homogenized SGD steps·d·replicas = 1.0e16), over the limit of 1 hour. Start the run anyway? It can be cancelled at any time.`);
    expect(asked[0]!.confirmLabel).toBe('Start anyway');
  });

  it('starts nothing more when the user declines', async () => {
    const { calls, start } = engineStart();
    expect(await startConfirmingCost('sweep', start, async () => false)).toBeNull();
    expect(calls).toEqual([false]);
  });

  it('asks nothing for a start within the limit, and passes other errors on', async () => {
    let asked = 0;
    const confirm = async () => (asked++, true);
    expect(await startConfirmingCost('run', async (force) => ({ force }), confirm)).toEqual({ force: false });
    const invalid = new ApiError('invalid_params', 'd = 1 is not allowed');
    await expect(startConfirmingCost('run', async () => Promise.reject(invalid), confirm)).rejects.toBe(invalid);
    expect(asked).toBe(0);
  });

  it('names a sweep as a sweep', () => {
    expect(costQuestion('sweep', `sweep of 3 runs: ${REFUSAL}`)).toMatchObject({ title: 'A long sweep', message: expect.stringMatching(/^Sweep of 3 runs: estimated .*\. Start the sweep anyway\?/) });
  });
});
