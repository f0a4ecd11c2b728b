/** The fixed bins of the overlap histogram q = w·w* (shared by the chains and the merge). */

/** Bins on [−Q_RANGE, Q_RANGE]. */
export const Q_RANGE = 2;
export const Q_BINS = 80;

export function binOf(q: number): number {
  const k = Math.floor(((q + Q_RANGE) / (2 * Q_RANGE)) * Q_BINS);
  return k < 0 || k >= Q_BINS ? -1 : k;
}

export function binCentres(): Float64Array {
  const h = (2 * Q_RANGE) / Q_BINS;
  return Float64Array.from({ length: Q_BINS }, (_, k) => -Q_RANGE + (k + 0.5) * h);
}

export const BIN_WIDTH = (2 * Q_RANGE) / Q_BINS;
