/**
 * A claim's verdict on a run: the measured value of its observable (../../../core/models/claim-statistics.ts)
 * against its expectation. Pure: the run is plain data, and a run that did not finish, or lacks
 * what the claim measures, gives an `error` outcome that counts as failed.
 */
import { describeExpectation, describeTolerance, meetsExpectation } from '../../../core/models/claims.js';
import { describeObservable, measure } from '../../../core/models/claim-statistics.js';
import type { ClaimOutcome } from '../../api.js';
import type { RunResult } from '../../../core/models/model-kind.js';
import { claimKey, type ClaimRef } from './select.js';

export type { ClaimOutcome, ClaimStatus } from '../../api.js';

/** The run a claim is evaluated on, as far as evaluation needs it. */
export interface EvaluatedRun {
  id: string;
  status: string;
  error: string | null;
  finishedAt: string | null;
  result: RunResult | null;
}

/** The outcome of `ref` on `run` (null: no run answered the claim). */
export function evaluateClaim(ref: ClaimRef, run: EvaluatedRun | null): ClaimOutcome {
  const { claim } = ref;
  const base = {
    key: claimKey(ref),
    kind: ref.kind.id,
    claim: claim.id,
    paper: claim.paper,
    statement: claim.statement,
    source: claim.source,
    observable: describeObservable(claim.observable),
    expected: describeExpectation(claim.expected),
    tolerance: describeTolerance(claim.expected),
    printed: claim.printed,
    quick: claim.quick,
    runId: run?.id ?? null,
    checkedAt: run?.finishedAt ?? null,
  };
  if (!run) return { ...base, measured: null, status: 'error', error: 'not run' };
  if (run.status !== 'done' || !run.result) {
    return { ...base, measured: null, status: 'error', error: `run ${run.status}${run.error ? ': ' + run.error : ''}` };
  }
  let measured: number;
  try {
    measured = measure(claim.observable, run.result);
  } catch (error) {
    return { ...base, measured: null, status: 'error', error: (error as Error).message };
  }
  return { ...base, measured, status: meetsExpectation(claim.expected, measured) ? 'pass' : 'fail' };
}
