/**
 * The runs a set of claims needs: claims that ask for the same run (kind, preset, parameters, seed,
 * replicas) share one. A claim's run is identified by its resolved parameters' hash, so a stored
 * run can be matched to the claims it answers.
 */
import { canonicalJson, resolveParams } from '../../../core/models/resolve-params.js';
import { paramsHash } from '../params-hash.js';
import type { ClaimRef } from './select.js';

export interface PlannedRun {
  kind: string;
  preset?: string;
  params: Record<string, unknown>;
  seed: number;
  replicas: number;
  /** paramsHash of the resolved parameters (as stored with the run). */
  hash: string;
  claims: ClaimRef[];
}

/** The hash, seed and replicas a claim's run is stored with. */
export function claimRunIdentity(ref: ClaimRef): { hash: string; seed: number; replicas: number } {
  const { preset, params } = ref.claim.run;
  const resolved = resolveParams(ref.kind, { ...(preset !== undefined ? { preset } : {}), params: params ?? {} });
  if (!resolved.ok) throw new Error(`claim ${ref.kind.id}/${ref.claim.id}: ${resolved.issues[0]!.message}`);
  return { hash: paramsHash(canonicalJson(resolved.params)), seed: ref.claim.run.seed ?? 0, replicas: ref.claim.run.replicas ?? 1 };
}

/** One run per distinct (kind, resolved parameters, seed, replicas), in the claims' order. */
export function planRuns(refs: readonly ClaimRef[]): PlannedRun[] {
  const runs = new Map<string, PlannedRun>();
  for (const ref of refs) {
    const id = claimRunIdentity(ref);
    const key = `${ref.kind.id}|${id.hash}|${id.seed}|${id.replicas}`;
    const existing = runs.get(key);
    if (existing) {
      existing.claims.push(ref);
      continue;
    }
    runs.set(key, {
      kind: ref.kind.id,
      ...(ref.claim.run.preset !== undefined ? { preset: ref.claim.run.preset } : {}),
      params: ref.claim.run.params ?? {},
      seed: id.seed,
      replicas: id.replicas,
      hash: id.hash,
      claims: [ref],
    });
  }
  return [...runs.values()];
}
