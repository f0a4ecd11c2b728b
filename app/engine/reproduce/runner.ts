/**
 * Runs a set of claims through the engine: one run per distinct claim run (./plan.ts), started
 * together (the part scheduler shares the pool between them), tagged `reproduce` and
 * `reproduce-<timestamp>` so the library keeps them as one group, then each claim evaluated on its
 * run (./evaluate.ts). Progress is the mean of the runs' fractions; `cancel()` stops every run.
 */
import type { RunDetail } from '../../api.js';
import type { EngineService } from '../service.js';
import { evaluateClaim, type ClaimOutcome } from './evaluate.js';
import { planRuns } from './plan.js';
import type { ClaimRef } from './select.js';

/** The tag every reproduction run carries (the app's Reproduction view reads runs by it). */
export const REPRODUCE_TAG = 'reproduce';

/** "reproduce-2026-12-03T13-08-36Z": the tag of one reproduction. */
export function reproductionTag(now: Date): string {
  return `${REPRODUCE_TAG}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
}

export interface Reproduction {
  tag: string;
  startedAt: string;
  durationMs: number;
  outcomes: ClaimOutcome[];
  /** The runs, by id (for figures). */
  runs: Map<string, RunDetail>;
}

export interface ReproduceOptions {
  now?: () => Date;
  /** Overall progress in [0, 1] and how many runs have settled. */
  onProgress?(fraction: number, settled: number, total: number): void;
  /** Called with a function that cancels every run, once the runs are queued. */
  onStarted?(cancel: () => void, runIds: string[]): void;
}

/** Queue the runs `refs` need, tag them as one group, and return their ids with the claims each answers. */
export async function startClaimRuns(service: EngineService, refs: readonly ClaimRef[], tag: string): Promise<{ id: string; claims: ClaimRef[] }[]> {
  const started: { id: string; claims: ClaimRef[] }[] = [];
  for (const run of planRuns(refs)) {
    const first = run.claims[0]!.claim;
    const summary = await service.start({
      kind: run.kind,
      ...(run.preset !== undefined ? { preset: run.preset } : {}),
      params: run.params,
      seed: run.seed,
      replicas: run.replicas,
      name: `reproduce · ${run.kind} · ${run.claims.length > 1 ? `${first.id} (+${run.claims.length - 1})` : first.id}`,
      force: true,
    });
    await service.call('runs:update', summary.id, { tags: [REPRODUCE_TAG, tag] });
    started.push({ id: summary.id, claims: run.claims });
  }
  return started;
}

/** Run every claim of `refs` and evaluate it. */
export async function reproduce(service: EngineService, refs: readonly ClaimRef[], options: ReproduceOptions = {}): Promise<Reproduction> {
  const now = options.now ?? (() => new Date());
  const start = now();
  const tag = reproductionTag(start);
  const fractions = new Map<string, number>();
  let settled = 0;
  const report = () => {
    if (!fractions.size) return;
    const sum = [...fractions.values()].reduce((a, b) => a + b, 0);
    options.onProgress?.(sum / fractions.size, settled, fractions.size);
  };
  const off = service.on('run:progress', (p) => {
    if (!fractions.has(p.id) || p.partial) return;
    fractions.set(p.id, Math.max(fractions.get(p.id)!, p.fraction));
    report();
  });
  try {
    const started = await startClaimRuns(service, refs, tag);
    for (const s of started) fractions.set(s.id, 0);
    options.onStarted?.(() => started.forEach((s) => service.cancel(s.id)), started.map((s) => s.id));
    await Promise.all(
      started.map(async (s) => {
        await service.whenSettled(s.id);
        fractions.set(s.id, 1);
        settled++;
        report();
      }),
    );
    const runs = new Map<string, RunDetail>();
    const byRef = new Map<ClaimRef, string>();
    for (const s of started) {
      runs.set(s.id, service.runs.detail(s.id)!);
      for (const ref of s.claims) byRef.set(ref, s.id);
    }
    const outcomes = refs.map((ref) => evaluateClaim(ref, runs.get(byRef.get(ref)!) ?? null));
    return { tag, startedAt: start.toISOString(), durationMs: now().getTime() - start.getTime(), outcomes, runs };
  } finally {
    off();
  }
}
