/**
 * The recording grid shared by theory and simulation: t = 0 plus `points` log-spaced times in
 * [1/d, T], rounded to whole SGD steps (k = round(t d), at least one step in all) and
 * deduplicated, so both sources are evaluated at exactly the same x values t_k = k / d.
 */
export interface RecordingGrid {
  /** Step counts, strictly increasing, starting at 0. */
  steps: Float64Array;
  /** t = steps / d. */
  t: Float64Array;
  /** Total number of SGD steps (the last entry of `steps`). */
  totalSteps: number;
}

export function recordingGrid(T: number, d: number, points: number): RecordingGrid {
  const total = Math.max(1, Math.round(T * d));
  const list: number[] = [0];
  const logMax = Math.log(total);
  for (let j = 0; j < points; j++) {
    const k = j === points - 1 ? total : Math.round(Math.exp((logMax * j) / Math.max(1, points - 1)));
    if (k > list[list.length - 1]) list.push(k);
  }
  if (list[list.length - 1] !== total) list.push(total);
  const steps = Float64Array.from(list);
  const t = steps.map((k) => k / d);
  return { steps, t, totalSteps: total };
}
