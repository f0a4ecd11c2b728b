/** Parsing of the run's own inputs (seed, replicas): empty = leave it to the engine. */

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
