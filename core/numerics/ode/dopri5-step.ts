/**
 * The Dormand–Prince 5(4) step (Dormand & Prince, J. Comput. Appl. Math. 6, 1980; Hairer, Nørsett
 * & Wanner, Solving ODEs I, Table II.5.2 and `dopri5.f`) with fused loops over the components.
 * The coefficients are read once from ./dopri5-tableau.ts, the single source of the pair.
 *
 * Same protocol and the same arithmetic as the generic EmbeddedRkStepper on DOPRI5: every stage,
 * y_new and the error estimate are summed term by term in the same order with the same
 * coefficients h * a_ij, so the two steppers agree to the last bit. What changes is the traffic
 * over memory: the pass that forms the input of stage 6 also starts y_new and the error estimate
 * (all three need k1..k5), the pass after stage 6 adds its terms to both, and the error norm is
 * accumulated while the FSAL term of the estimate is added (the full estimate is never stored).
 *
 * All vectors of a step live in one Float64Array: a loop then checks one array instead of up to
 * nine, which is what bounds these loops in V8 (the flops are few). The `| 0` on the indices keeps
 * them in int32 arithmetic without overflow checks; the constructor caps the buffer below 2^31.
 */
import { DOPRI5 } from './dopri5-tableau.js';
import type { OdeRhs } from './rhs.js';
import type { AdaptiveRkStepper } from './rk-step.js';
import type { Atol } from './step-control.js';

const [, C2, C3, C4, C5] = DOPRI5.c;
const [, [A21], [A31, A32], [A41, A42, A43], [A51, A52, A53, A54], [A61, A62, A63, A64, A65]] = DOPRI5.a;
/** Weights of the 5th-order solution (b_2 = 0). */
const [B1, , B3, B4, B5, B6] = DOPRI5.b;
/** Error weights e = b - b_hat over k1..k7 (e_2 = 0; k7 = f(t + h, y_new) is the FSAL stage). */
const [E1, , E3, E4, E5, E6, E7] = DOPRI5.e;

/** Segments of the buffer, in units of the dimension: k1..k7, then these. */
const STAGE_INPUT = 7;
const Y_OLD = 8;
const Y_NEW = 9;
const ERROR = 10;
const SEGMENTS = 11;

export class Dopri5Stepper implements AdaptiveRkStepper {
  /** Largest dimension the int32 indexing allows. */
  static readonly MAX_DIM = Math.floor((2 ** 31 - 1) / SEGMENTS);

  /** Stage derivatives k[0..6] (views of the buffer); k[6] = f(t + h, y_new) becomes k[0] on `acceptFsal`. */
  readonly k: Float64Array[];
  readonly evaluationsPerStep = 6;
  private readonly buf: Float64Array;
  /** Offsets of k[0..6] in the buffer, permuted together with `k`. */
  private readonly kOffset: number[];
  private readonly stageInput: Float64Array;
  private readonly yOld: Float64Array;
  private readonly yNew: Float64Array;

  constructor(readonly dim: number) {
    if (!(dim <= Dopri5Stepper.MAX_DIM)) throw new RangeError(`Dopri5Stepper: dimension above ${Dopri5Stepper.MAX_DIM}`);
    const buf = new Float64Array(SEGMENTS * dim);
    const segment = (s: number) => buf.subarray(s * dim, (s + 1) * dim);
    this.buf = buf;
    this.k = Array.from({ length: 7 }, (_, j) => segment(j));
    this.kOffset = Array.from({ length: 7 }, (_, j) => j * dim);
    this.stageInput = segment(STAGE_INPUT);
    this.yOld = segment(Y_OLD);
    this.yNew = segment(Y_NEW);
  }

  /**
   * Takes the step (t, y) -> (t + h, yNew) (before it, k[0] = f(t, y)) and returns the RMS norm
   * of err_i / (atol_i + rtol * max(|y_i|, |yNew_i|)), as `errorNorm` in ./step-control.ts.
   */
  attempt(rhs: OdeRhs, t: number, y: Float64Array, h: number, yNew: Float64Array, rtol: number, atol: Atol): number {
    const n = this.dim;
    const K = this.buf;
    const k = this.k;
    const [k1, k2, k3, k4, k5] = this.kOffset;
    // Offsets of the stage input, y, y_new and the partial error estimate.
    const yt = STAGE_INPUT * n;
    const y0 = Y_OLD * n;
    const y1 = Y_NEW * n;
    const er = ERROR * n;
    this.yOld.set(y);

    const a21 = h * A21;
    for (let i = 0; i < n; i++) K[(yt + i) | 0] = K[(y0 + i) | 0] + a21 * K[(k1 + i) | 0];
    rhs(t + C2 * h, this.stageInput, k[1]);

    const a31 = h * A31;
    const a32 = h * A32;
    for (let i = 0; i < n; i++) K[(yt + i) | 0] = K[(y0 + i) | 0] + a31 * K[(k1 + i) | 0] + a32 * K[(k2 + i) | 0];
    rhs(t + C3 * h, this.stageInput, k[2]);

    const a41 = h * A41;
    const a42 = h * A42;
    const a43 = h * A43;
    for (let i = 0; i < n; i++) {
      K[(yt + i) | 0] = K[(y0 + i) | 0] + a41 * K[(k1 + i) | 0] + a42 * K[(k2 + i) | 0] + a43 * K[(k3 + i) | 0];
    }
    rhs(t + C4 * h, this.stageInput, k[3]);

    const a51 = h * A51;
    const a52 = h * A52;
    const a53 = h * A53;
    const a54 = h * A54;
    for (let i = 0; i < n; i++) {
      K[(yt + i) | 0] =
        K[(y0 + i) | 0] + a51 * K[(k1 + i) | 0] + a52 * K[(k2 + i) | 0] + a53 * K[(k3 + i) | 0] + a54 * K[(k4 + i) | 0];
    }
    rhs(t + C5 * h, this.stageInput, k[4]);

    // Stage 6's input, and the terms of y_new and of the error estimate that need only k1..k5.
    const a61 = h * A61;
    const a62 = h * A62;
    const a63 = h * A63;
    const a64 = h * A64;
    const a65 = h * A65;
    const b1 = h * B1;
    const b3 = h * B3;
    const b4 = h * B4;
    const b5 = h * B5;
    const e1 = h * E1;
    const e3 = h * E3;
    const e4 = h * E4;
    const e5 = h * E5;
    for (let i = 0; i < n; i++) {
      const yi = K[(y0 + i) | 0];
      const d1 = K[(k1 + i) | 0];
      const d3 = K[(k3 + i) | 0];
      const d4 = K[(k4 + i) | 0];
      const d5 = K[(k5 + i) | 0];
      K[(yt + i) | 0] = yi + a61 * d1 + a62 * K[(k2 + i) | 0] + a63 * d3 + a64 * d4 + a65 * d5;
      K[(y1 + i) | 0] = yi + b1 * d1 + b3 * d3 + b4 * d4 + b5 * d5;
      K[(er + i) | 0] = e1 * d1 + e3 * d3 + e4 * d4 + e5 * d5;
    }
    rhs(t + h, this.stageInput, k[5]);

    const k6 = this.kOffset[5];
    const b6 = h * B6;
    const e6 = h * E6;
    for (let i = 0; i < n; i++) {
      const d6 = K[(k6 + i) | 0];
      K[(y1 + i) | 0] += b6 * d6;
      K[(er + i) | 0] += e6 * d6;
    }
    rhs(t + h, this.yNew, k[6]);

    const k7 = this.kOffset[6];
    const e7 = h * E7;
    let sum = 0;
    if (typeof atol === 'number') {
      for (let i = 0; i < n; i++) {
        const scale = atol + rtol * Math.max(Math.abs(K[(y0 + i) | 0]), Math.abs(K[(y1 + i) | 0]));
        const r = (K[(er + i) | 0] + e7 * K[(k7 + i) | 0]) / scale;
        sum += r * r;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const scale = atol[i] + rtol * Math.max(Math.abs(K[(y0 + i) | 0]), Math.abs(K[(y1 + i) | 0]));
        const r = (K[(er + i) | 0] + e7 * K[(k7 + i) | 0]) / scale;
        sum += r * r;
      }
    }
    yNew.set(this.yNew);
    return n === 0 ? 0 : Math.sqrt(sum / n);
  }

  /** After an accepted step the FSAL stage becomes the first (views and offsets are swapped, not copied). */
  acceptFsal(): void {
    swapFsalStage(this.k, this.kOffset);
  }
}

/**
 * The FSAL hand-over of a DOPRI5 stepper whose stages are views at known offsets: k7 = f(t + h,
 * y_new) becomes k1 of the next step by swapping the views and their offsets, not the data.
 */
export function swapFsalStage(k: Float64Array[], offsets: number[]): void {
  const first = k[0];
  k[0] = k[6];
  k[6] = first;
  const offset = offsets[0];
  offsets[0] = offsets[6];
  offsets[6] = offset;
}
