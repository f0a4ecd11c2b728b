/**
 * The true kernels phi*(r) a run can draw from (docs/theory/interaction-kernel.md, "Kernels"):
 * smooth ones, one of prescribed smoothness (a lacunary Weierstrass series, Hoelder of order
 * `smoothness` at every point down to its finest scale), a Lennard-Jones-type one, and a user
 * formula parsed by core/numerics/expression (never evaluated as code).
 */
import { univariate } from '../../numerics/expression/index.js';
import type { InteractionKernelParams } from './params.js';

/** Terms j = 0..WEIERSTRASS_TERMS - 1 of the Weierstrass series (finest scale scale / 2^10). */
export const WEIERSTRASS_TERMS = 11;

/** The cap of the Lennard-Jones-type kernel: below 0.9 scale it is constant. */
export const LJ_CAP = 0.9;

export interface TrueKernel {
  phi: (r: number) => number;
  /** Shortest length over which phi* changes (sets the error quadrature's resolution). */
  feature: number;
  /** The kernel in words, for the notes. */
  label: string;
}

export function trueKernel(k: InteractionKernelParams['kernel']): TrueKernel {
  switch (k.kind) {
    case 'sin_cos':
      return { phi: (r) => Math.sin(2 * Math.PI * r) + 0.5 * Math.cos(6 * r), feature: 0.1, label: 'phi*(r) = sin(2 pi r) + cos(6 r)/2' };
    case 'gaussian': {
      const l = k.scale;
      return { phi: (r) => Math.exp(-(r / l) * (r / l)), feature: l / 8, label: `phi*(r) = exp(-(r/${l})^2)` };
    }
    case 'weierstrass': {
      const a = new Float64Array(WEIERSTRASS_TERMS);
      const w = new Float64Array(WEIERSTRASS_TERMS);
      for (let j = 0; j < WEIERSTRASS_TERMS; j++) {
        a[j] = Math.pow(2, -j * k.smoothness);
        w[j] = (Math.pow(2, j) * Math.PI) / k.scale;
      }
      return {
        phi: (r) => {
          let s = 0;
          for (let j = 0; j < WEIERSTRASS_TERMS; j++) s += a[j] * Math.cos(w[j] * r);
          return s;
        },
        // The period of the finest term.
        feature: (2 * k.scale) / 2 ** (WEIERSTRASS_TERMS - 1),
        label: `phi*(r) = sum_{j<=10} 2^(-${k.smoothness} j) cos(2^j pi r / ${k.scale}) (smoothness ${k.smoothness})`,
      };
    }
    case 'lennard_jones': {
      const sigma = k.scale;
      const cap = LJ_CAP * sigma;
      return {
        phi: (r) => {
          const q = sigma / Math.max(r, cap);
          const q6 = q * q * q * q * q * q;
          return q6 * q6 - q6;
        },
        feature: sigma / 20,
        label: `phi*(r) = (s0/s)^12 - (s0/s)^6, s = max(r, ${LJ_CAP} s0), s0 = ${sigma} (Lennard-Jones-type)`,
      };
    }
    case 'expression':
      return { phi: univariate(k.expression, 'r'), feature: 1e300, label: `phi*(r) = ${k.expression}` };
  }
}
