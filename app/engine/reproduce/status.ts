/**
 * The Reproduction view's state: every chosen claim with its latest check among the library's runs
 * tagged `reproduce` — the newest live run of the claim's kind with the claim's resolved
 * parameters, seed and replicas. A finished run is evaluated (./evaluate.ts); a queued or running
 * one shows as running; none as unchecked.
 */
import type { ClaimCheck, ReproductionState, RunDetail, RunSummary } from '../../api.js';
import { evaluateClaim } from './evaluate.js';
import { claimRunIdentity } from './plan.js';
import { papersOf, type ClaimRef } from './select.js';

export interface RunSource {
  /** Live runs tagged `reproduce` of one kind, newest first. */
  tagged(kind: string): RunSummary[];
  detail(id: string): RunDetail | undefined;
}

/** The latest run answering `ref` among `runs` (newest first), or undefined. */
export function latestRunFor(ref: ClaimRef, runs: readonly RunSummary[]): RunSummary | undefined {
  const id = claimRunIdentity(ref);
  return runs.find((r) => r.paramsHash === id.hash && r.seed === id.seed && r.replicas === id.replicas);
}

export function reproductionState(refs: readonly ClaimRef[], source: RunSource): ReproductionState {
  const byKind = new Map<string, RunSummary[]>();
  const details = new Map<string, RunDetail | undefined>();
  const claims = refs.map((ref): ClaimCheck => {
    if (!byKind.has(ref.kind.id)) byKind.set(ref.kind.id, source.tagged(ref.kind.id));
    const run = latestRunFor(ref, byKind.get(ref.kind.id)!);
    if (!run || run.status === 'queued' || run.status === 'running') {
      const { error: _notRun, ...outcome } = evaluateClaim(ref, null);
      return run ? { ...outcome, status: 'running', runId: run.id } : { ...outcome, status: 'unchecked' };
    }
    if (!details.has(run.id)) details.set(run.id, source.detail(run.id));
    return evaluateClaim(ref, details.get(run.id) ?? null);
  });
  const papers = papersOf(refs).map((p) => ({ ...p, kind: refs.find((r) => r.claim.paper === p.arxiv)!.kind.id }));
  return { papers, claims };
}
