/** Parsing of the run's own inputs (seed, replicas): empty = leave it to the engine. */
import type { KindInfo } from '../../../app/api.js';

export type IntegerInput = { ok: true; value: number | undefined } | { ok: false; error: string };

export function parseIntegerInput(text: string, min: number, max: number): IntegerInput {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  if (!/^\d+$/.test(t)) return { ok: false, error: `a whole number in [${min}, ${max}]` };
  const value = Number(t);
  if (value < min || value > max) return { ok: false, error: `must be in [${min}, ${max}]` };
  return { ok: true, value };
}

/** A starting point for the new-run form, e.g. a copy of an earlier run to edit. */
export interface RunDraft {
  kind: string;
  params: Record<string, unknown>;
  seed?: number;
  replicas?: number;
  name?: string;
}

/**
 * What the replicas field says for a kind that counts its own repetitions (Langevin chains, a
 * rate kind's repetitions), which takes no replica count: "Langevin chains come from
 * langevin.chains"; null for a kind that takes one.
 */
export function ownRepetitionsHint(kind: Pick<KindInfo, 'repetitions'> | undefined): string | null {
  const own = kind?.repetitions;
  return own ? `${own.plural.charAt(0).toUpperCase()}${own.plural.slice(1)} come from ${own.param}` : null;
}

/** The replica count of the form: never sent for a kind that counts its own repetitions. */
export function replicasInput(text: string, kind: Pick<KindInfo, 'repetitions'> | undefined): IntegerInput {
  return kind?.repetitions ? { ok: true, value: undefined } : parseIntegerInput(text, 1, 1024);
}
