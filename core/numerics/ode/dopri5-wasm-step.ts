/**
 * The Dormand–Prince 5(4) step (Dormand & Prince, J. Comput. Appl. Math. 6, 1980; Hairer, Nørsett
 * & Wanner, Solving ODEs I, Table II.5.2) with its vector passes in WebAssembly, on the vectors of
 * an ODE workspace (./workspace.ts).
 *
 * The same passes as the fused JavaScript stepper of ./dopri5-step.ts, term for term in the same
 * order with the same coefficients h * a_ij, so both give the same bits (tested); the stage
 * derivatives `k` and the stage input handed to the right-hand side are views of the workspace.
 * A y or y_new held by the workspace is used in place (solveOde's are), others are copied in and
 * out, as is a per-component atol held elsewhere.
 */
import { swapFsalStage } from './dopri5-step.js';
import { DOPRI5 } from './dopri5-tableau.js';
import type { OdeRhs } from './rhs.js';
import type { AdaptiveRkStepper } from './rk-step.js';
import type { Atol } from './step-control.js';
import { type OdeWorkspace, VECTOR } from './workspace.js';

const [, C2, C3, C4, C5] = DOPRI5.c;
const [, [A21], [A31, A32], [A41, A42, A43], [A51, A52, A53, A54], [A61, A62, A63, A64, A65]] = DOPRI5.a;
const [B1, , B3, B4, B5, B6] = DOPRI5.b;
const [E1, , E3, E4, E5, E6, E7] = DOPRI5.e;

export class Dopri5WasmStepper implements AdaptiveRkStepper {
  /** Stage derivatives k[0..6] (workspace views); k[6] = f(t + h, y_new) becomes k[0] on `acceptFsal`. */
  readonly k: Float64Array[];
  readonly evaluationsPerStep = 6;
  readonly dim: number;
  /** Byte offsets of k[0..6], permuted together with `k`. */
  private readonly kAt: number[];
  private readonly stageInput: Float64Array;
  private readonly yIn: Float64Array;
  private readonly yOut: Float64Array;
  private readonly atolIn: Float64Array;

  constructor(private readonly workspace: OdeWorkspace) {
    const v = workspace.vectors;
    this.dim = workspace.dim;
    this.k = v.slice(VECTOR.stages, VECTOR.stages + 7);
    this.kAt = this.k.map((a) => a.byteOffset);
    this.stageInput = v[VECTOR.stageInput];
    this.yIn = v[VECTOR.yIn];
    this.yOut = v[VECTOR.yOut];
    this.atolIn = v[VECTOR.atol];
  }

  /**
   * Takes the step (t, y) -> (t + h, yNew) (before it, k[0] = f(t, y)) and returns the RMS norm
   * of err_i / (atol_i + rtol * max(|y_i|, |yNew_i|)), as `errorNorm` in ./step-control.ts.
   */
  attempt(rhs: OdeRhs, t: number, y: Float64Array, h: number, yNew: Float64Array, rtol: number, atol: Atol): number {
    const ws = this.workspace;
    const x = ws.kernels;
    const n = this.dim;
    const k = this.k;
    const [k1, k2, k3, k4, k5, k6, k7] = this.kAt;
    const stage = this.stageInput;
    const st = stage.byteOffset;
    const er = ws.vectors[VECTOR.error].byteOffset;
    if (!this.here(y)) this.yIn.set(y);
    const y0 = this.here(y) ? y.byteOffset : this.yIn.byteOffset;
    const next = this.here(yNew) ? yNew : this.yOut;
    const y1 = next.byteOffset;

    x.comb1(st, y0, k1, n, h * A21);
    rhs(t + C2 * h, stage, k[1]);
    x.comb2(st, y0, k1, k2, n, h * A31, h * A32);
    rhs(t + C3 * h, stage, k[2]);
    x.comb3(st, y0, k1, k2, k3, n, h * A41, h * A42, h * A43);
    rhs(t + C4 * h, stage, k[3]);
    x.comb4(st, y0, k1, k2, k3, k4, n, h * A51, h * A52, h * A53, h * A54);
    rhs(t + C5 * h, stage, k[4]);
    x.stage6(
      st, y1, er, y0, k1, k2, k3, k4, k5, n,
      h * A61, h * A62, h * A63, h * A64, h * A65,
      h * B1, h * B3, h * B4, h * B5,
      h * E1, h * E3, h * E4, h * E5,
    );
    rhs(t + h, stage, k[5]);
    x.stage7(y1, er, k6, n, h * B6, h * E6);
    rhs(t + h, next, k[6]);

    let sum: number;
    if (typeof atol === 'number') sum = x.error_norm(er, y0, y1, k7, n, h * E7, rtol, atol);
    else {
      if (!this.here(atol)) this.atolIn.set(atol);
      sum = x.error_norm_atol(er, y0, y1, k7, this.here(atol) ? atol.byteOffset : this.atolIn.byteOffset, n, h * E7, rtol);
    }
    if (next !== yNew) yNew.set(next);
    return n === 0 ? 0 : Math.sqrt(sum / n);
  }

  /** Whether the kernels can work on `a` in place: a view of the workspace of length dim. */
  private here(a: Float64Array): boolean {
    return a.length === this.dim && this.workspace.holds(a);
  }

  /** After an accepted step the FSAL stage becomes the first (views and offsets are swapped, not copied). */
  acceptFsal(): void {
    swapFsalStage(this.k, this.kAt);
  }
}
