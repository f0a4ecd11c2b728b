/**
 * The activations of the Langevin two-layer network (field-theory note §1): φ and φ' for
 * identity, erf, ReLU and square.
 */
import erf from '@stdlib/math-base-special-erf';

export const LANGEVIN_ACTIVATIONS = ['linear', 'erf', 'relu', 'square'] as const;
export type LangevinActivation = (typeof LANGEVIN_ACTIVATIONS)[number];

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** φ(h). */
export function activate(kind: LangevinActivation, h: number): number {
  switch (kind) {
    case 'linear':
      return h;
    case 'erf':
      return erf(h);
    case 'relu':
      return h > 0 ? h : 0;
    case 'square':
      return h * h;
  }
}

/** φ'(h) (ReLU: 0 at h = 0). */
export function activateDerivative(kind: LangevinActivation, h: number): number {
  switch (kind) {
    case 'linear':
      return 1;
    case 'erf':
      return TWO_OVER_SQRT_PI * Math.exp(-h * h);
    case 'relu':
      return h > 0 ? 1 : 0;
    case 'square':
      return 2 * h;
  }
}

/**
 * Writes φ(h) into `phi` and φ'(h) into `dphi` for every h of `h` (one pass, the hot part of the
 * forward pass of a non-linear network).
 */
export function activateAll(
  kind: LangevinActivation,
  h: Float64Array,
  phi: Float64Array,
  dphi: Float64Array,
  n: number,
): void {
  switch (kind) {
    case 'linear':
      for (let k = 0; k < n; k++) {
        phi[k] = h[k]!;
        dphi[k] = 1;
      }
      return;
    case 'erf':
      for (let k = 0; k < n; k++) {
        const x = h[k]!;
        phi[k] = erf(x);
        dphi[k] = TWO_OVER_SQRT_PI * Math.exp(-x * x);
      }
      return;
    case 'relu':
      for (let k = 0; k < n; k++) {
        const x = h[k]!;
        const on = x > 0;
        phi[k] = on ? x : 0;
        dphi[k] = on ? 1 : 0;
      }
      return;
    case 'square':
      for (let k = 0; k < n; k++) {
        const x = h[k]!;
        phi[k] = x * x;
        dphi[k] = 2 * x;
      }
      return;
  }
}
