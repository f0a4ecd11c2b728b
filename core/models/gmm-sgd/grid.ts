/**
 * The recording grid shared by theory and simulation: t = 0 plus `points` times in (0, T], linear
 * (t_j = j T / points) or log-spaced in [1/d, T], rounded to whole SGD steps k = round(t d) (at
 * least one step in all) and deduplicated, so both sources use exactly the same x values k / d.
 */
export interface RecordingGrid {
  steps: Float64Array;
  t: Float64Array;
  totalSteps: number;
}

export function recordingGrid(T: number, d: number, points: number, spacing: 'linear' | 'log'): RecordingGrid {
  const total = Math.max(1, Math.round(T * d));
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
  const t = steps.map((k) => k / d);
  return { steps, t, totalSteps: total };
}
