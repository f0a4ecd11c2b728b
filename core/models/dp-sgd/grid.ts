/**
 * The recording grid of a pass shared by theory and simulation: step counts
 * k_j = round(j n / G), j = 0..G (duplicates dropped), and times t_j = k_j / n in [0, 1], so
 * both sources are evaluated at exactly the same x values. k_j counts the samples used so far.
 */
export interface PassGrid {
  /** Step counts, strictly increasing, from 0 to n. */
  steps: Float64Array;
  /** t = steps / n. */
  t: Float64Array;
  n: number;
}

export function passGrid(n: number, intervals: number): PassGrid {
  const list: number[] = [0];
  for (let j = 1; j <= intervals; j++) {
    const k = j === intervals ? n : Math.round((j * n) / intervals);
    if (k > list[list.length - 1]) list.push(k);
  }
  if (list[list.length - 1] !== n) list.push(n);
  const steps = Float64Array.from(list);
  const t = steps.map((k) => k / n);
  return { steps, t, n };
}
