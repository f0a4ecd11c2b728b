/**
 * The reduced one-neuron action of the cubic teacher (arXiv:2310.03789 §4 and App. A.2; theory
 * page docs/theory/grokking-cubic.md §2). With q = w·w* the overlap of a hidden weight with the
 * teacher direction and |w_⊥|² ≈ σ_w² (concentration), the neuron's log-weight is −d S̃(q) with
 *   S̃(q) = q²/(2σ_w²) − (2u/π) g(q) h(q)²,  g = q²/D,  h = b − 2c g,  D(q) = 1 + 2(σ_w² + q²),
 * u = P²σ_a²/(σ⁴ d N) the effective interaction and (b, c) the discrepancy coefficients
 * σ² t̄(x) = b He₁(w*·x) + c He₃(w*·x). g h comes from the Hermite projections of erf(w·x):
 * E[erf(w·x) He₁] = 2q/√(πD), E[erf(w·x) He₃] = −4q³/(√π D^{3/2}).
 */

export interface ActionCoefficients {
  /** u = P² σ_a² / (σ⁴ d N), σ_a² and σ² the actual readout scale and noise. */
  u: number;
  /** σ_w²: input-weight prior variance times d. */
  sw2: number;
  /** Linear discrepancy coefficient b. */
  b: number;
  /** Cubic discrepancy coefficient c. */
  c: number;
}

/** D(q) = 1 + 2(σ_w² + q²). */
export function denominator(q: number, sw2: number): number {
  return 1 + 2 * (sw2 + q * q);
}

/** S̃(q). */
export function action(q: number, k: ActionCoefficients): number {
  const D = denominator(q, k.sw2);
  const g = (q * q) / D;
  const h = k.b - 2 * k.c * g;
  return (q * q) / (2 * k.sw2) - ((2 * k.u) / Math.PI) * g * h * h;
}

/** S̃'(q) = q/σ_w² − (2u/π) g' h (h − 4c g), g' = 2q(1 + 2σ_w²)/D². */
export function actionSlope(q: number, k: ActionCoefficients): number {
  const D = denominator(q, k.sw2);
  const g = (q * q) / D;
  const gp = (2 * q * (1 + 2 * k.sw2)) / (D * D);
  const h = k.b - 2 * k.c * g;
  return q / k.sw2 - ((2 * k.u) / Math.PI) * gp * h * (h - 4 * k.c * g);
}

/**
 * S̃''(q) = 1/σ_w² − (2u/π)[g'' h (h − 4cg) + g'² (−2c(h − 4cg) + h(−2c − 4c))]
 * with h' = −2c g' and (h − 4cg)' = −6c g'; g'' = 2(1 + 2σ_w²)(D − 8q²)/D³.
 */
export function actionCurvature(q: number, k: ActionCoefficients): number {
  const D = denominator(q, k.sw2);
  const a = 1 + 2 * k.sw2;
  const g = (q * q) / D;
  const gp = (2 * q * a) / (D * D);
  const gpp = (2 * a * (D - 8 * q * q)) / (D * D * D);
  const h = k.b - 2 * k.c * g;
  const e = h - 4 * k.c * g;
  return 1 / k.sw2 - ((2 * k.u) / Math.PI) * (gpp * h * e + gp * gp * (-2 * k.c * e - 6 * k.c * h));
}

/** S̃''(0) = 1/σ_w² − 4u b²/(π(1 + 2σ_w²)): the GFL curvature at q = 0. */
export function curvatureAtZero(k: ActionCoefficients): number {
  return 1 / k.sw2 - (4 * k.u * k.b * k.b) / (Math.PI * (1 + 2 * k.sw2));
}

/**
 * The projections of erf(w·x) on the orthonormal Hermite pair Ĥ₁ = He₁, Ĥ₃ = He₃/√6 at overlap q:
 * v₁ = 2q/√(πD), v₃ = −4q³/(√(6π) D^{3/2}).
 */
export function hermiteProjections(q: number, sw2: number): { v1: number; v3: number } {
  const D = denominator(q, sw2);
  return { v1: (2 * q) / Math.sqrt(Math.PI * D), v3: (-4 * q * q * q) / (Math.sqrt(6 * Math.PI) * D ** 1.5) };
}
