/**
 * The passes over the modes of the Stein-form ODE (./theory.ts) on a state y = (E_1..E_m,
 * D_1..D_m, policy states): the weighted sums <w, E> and <w, D> behind P, C (and P2, C2 for an
 * oracle policy), and the map of the mode equations,
 *
 *   dE_j = -gamma lambda_j (e_xx E_j + s V22_j),
 *   dD_j = -2 gamma lambda_j (e_xx D_j + s E_j) + gamma^2 I lambda_j,   s = e_xx + e_x*.
 *
 * With an ODE workspace (core/numerics/ode/workspace.ts) the per-mode arrays live in its memory
 * and the passes run in its WebAssembly kernels (`dot2`, `stein_map`, `stein_map_s0`) whenever y
 * and dy are the workspace's; otherwise they run in JavaScript, with the same bits: the sums in
 * the order of dotQuad, the maps as steinMapJs and steinMapS0Js, operation for operation.
 */
import { OdeWorkspace, dotQuad } from '../../numerics/ode/workspace.js';

/** The extra arrays of the workspace: lambda_j, V22_j, w_j, w_j lambda_j and w_j lambda_j^2. */
export type SteinArrays = 'lambda' | 'v22' | 'weight' | 'wl' | 'wl2';

/**
 * The map of the mode equations into dy[0..2m), the reference of the `stein_map` kernel: with
 * p = -gamma e_xx, q = -gamma s, r = -2 gamma e_xx, u = -2 gamma s and f = gamma^2 I,
 *   dE_j = lambda_j (p E_j + q V22_j),   dD_j = lambda_j ((r D_j + u E_j) + f).
 */
export function steinMapJs(
  lambda: Float64Array,
  v22: Float64Array,
  y: Float64Array,
  dy: Float64Array,
  m: number,
  p: number,
  q: number,
  r: number,
  u: number,
  f: number,
): void {
  for (let j = 0; j < m; j++) {
    const l = lambda[j];
    const E = y[j];
    dy[j] = l * (p * E + q * v22[j]);
    dy[m + j] = l * (r * y[m + j] + u * E + f);
  }
}

/**
 * The map when s = 0 (least squares), where the V22 and cross terms vanish, the reference of the
 * `stein_map_s0` kernel: dE_j = lambda_j (p E_j), dD_j = lambda_j (r D_j + f).
 */
export function steinMapS0Js(lambda: Float64Array, y: Float64Array, dy: Float64Array, m: number, p: number, r: number, f: number): void {
  for (let j = 0; j < m; j++) {
    const l = lambda[j];
    dy[j] = l * (p * y[j]);
    dy[m + j] = l * (r * y[m + j] + f);
  }
}

export class SteinModes {
  readonly lambda: Float64Array;
  readonly v22: Float64Array;
  /** w_j, w_j lambda_j and w_j lambda_j^2. */
  readonly weight: Float64Array;
  readonly wl: Float64Array;
  readonly wl2: Float64Array;
  /** <w, V22>, summed as `sums` sums. */
  readonly weightedV22: number;
  /** <w, E> and <w, D> of the last `sums`. */
  sumE = 0;
  sumD = 0;

  /**
   * The passes for m modes; with `workspace` (made by `SteinModes.workspace`) the arrays are
   * copied into its memory.
   */
  constructor(
    lambda: Float64Array,
    weight: Float64Array,
    v22: Float64Array,
    private readonly workspace: OdeWorkspace<SteinArrays> | null = null,
  ) {
    const m = lambda.length;
    const a = workspace?.arrays;
    this.lambda = a ? a.lambda : new Float64Array(m);
    this.v22 = a ? a.v22 : new Float64Array(m);
    this.weight = a ? a.weight : new Float64Array(m);
    this.wl = a ? a.wl : new Float64Array(m);
    this.wl2 = a ? a.wl2 : new Float64Array(m);
    this.lambda.set(lambda);
    this.v22.set(v22);
    this.weight.set(weight);
    for (let j = 0; j < m; j++) {
      this.wl[j] = weight[j] * lambda[j];
      this.wl2[j] = this.wl[j] * lambda[j];
    }
    this.weightedV22 = dotQuad(weight, 0, v22, 0, m);
  }

  /** A workspace for a state of `dim` components over m modes, or null where WebAssembly cannot run. */
  static workspace(dim: number, m: number): OdeWorkspace<SteinArrays> | null {
    return OdeWorkspace.create(dim, { lambda: m, v22: m, weight: m, wl: m, wl2: m });
  }

  get m(): number {
    return this.lambda.length;
  }

  /** sumE = <w, E> and sumD = <w, D> for w the weights w_j, w_j lambda_j or w_j lambda_j^2. */
  sums(weights: 'weight' | 'wl' | 'wl2', y: Float64Array): void {
    const m = this.m;
    const w = this[weights];
    const ws = this.workspace;
    if (ws && ws.holds(y)) {
      ws.kernels.dot2(w.byteOffset, y.byteOffset, y.byteOffset + 8 * m, m);
      this.sumE = ws.results[0];
      this.sumD = ws.results[1];
    } else {
      this.sumE = dotQuad(w, 0, y, 0, m);
      this.sumD = dotQuad(w, 0, y, m, m);
    }
  }

  /** dy[0..2m) from y by the mode equations at gamma, e_xx, s = e_xx + e_x* and fisher = I. */
  map(y: Float64Array, dy: Float64Array, gamma: number, exx: number, s: number, fisher: number): void {
    const m = this.m;
    const ws = this.workspace;
    const wasm = ws !== null && ws.holds(y) && ws.holds(dy);
    const { lambda, v22 } = this;
    const p = -gamma * exx;
    const r = -2 * gamma * exx;
    const f = gamma * gamma * fisher;
    if (s === 0) {
      if (wasm) ws.kernels.stein_map_s0(lambda.byteOffset, y.byteOffset, y.byteOffset + 8 * m, dy.byteOffset, dy.byteOffset + 8 * m, m, p, r, f);
      else steinMapS0Js(lambda, y, dy, m, p, r, f);
      return;
    }
    const q = -gamma * s;
    const u = -2 * gamma * s;
    if (wasm) ws.kernels.stein_map(lambda.byteOffset, v22.byteOffset, y.byteOffset, y.byteOffset + 8 * m, dy.byteOffset, dy.byteOffset + 8 * m, m, p, q, r, u, f);
    else steinMapJs(lambda, v22, y, dy, m, p, q, r, u, f);
  }
}
