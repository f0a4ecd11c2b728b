/**
 * The recording grid a kind's theory and simulations share: step 0, then `points` step counts up to
 * `total` (the last is `total`), linear (k_j = round(j total / points)) or log-spaced
 * (k_j = round(total^((j - 1) / (points - 1)))), duplicates after rounding dropped; t = k / perUnit.
 * Both sources are evaluated at exactly these x values.
 */
export interface RecordingGrid {
  /** Step counts, strictly increasing, from 0 to `totalSteps`. */
  steps: Float64Array;
  /** t = steps / perUnit. */
  t: Float64Array;
  totalSteps: number;
}

export type GridSpacing = 'linear' | 'log';

/** The number of steps of a horizon T in units of `perUnit` steps (at least one). */
export function horizonSteps(T: number, perUnit: number): number {
  return Math.max(1, Math.round(T * perUnit));
}

export function recordingGrid(total: number, points: number, spacing: GridSpacing, perUnit: number): RecordingGrid {
  const list: number[] = [0];
  const logMax = Math.log(total);
  for (let j = 1; j <= points; j++) {
    let k: number;
    if (j === points) k = total;
    else if (spacing === 'linear') k = Math.round((j * total) / points);
    else k = Math.round(Math.exp((logMax * (j - 1)) / Math.max(1, points - 1)));
    if (k > list[list.length - 1]) list.push(k);
  }
  if (list[list.length - 1] !== total) list.push(total);
  const steps = Float64Array.from(list);
  const t = steps.map((k) => k / perUnit);
  return { steps, t, totalSteps: total };
}
