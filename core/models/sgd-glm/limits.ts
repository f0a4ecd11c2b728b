/**
 * Closed forms for long-time limits of least squares, reported as scalars next to the ODE.
 */

/**
 * Exact line search, noiseless least squares, two eigenvalues lambda1 > lambda2 with weights
 * w1, w2 (arXiv:2405.19585 App. F, eq. 96; note §3.3). In the limit D_2 / D_1 -> x, the positive
 * root of
 *   w2 lambda1 lambda2^2 x^2 + (w1 lambda1^3 - w2 lambda2^3 - 2 mu2 (lambda1 - lambda2)) x - w1 lambda1^2 lambda2 = 0,
 * mu2 = w1 lambda1^2 + w2 lambda2^2 (from equal decay rates of the two modes), and
 *   gamma_inf = (w1 lambda1^2 + w2 lambda2^2 x) / (mu2 (w1 lambda1 + w2 lambda2 x)).
 * For w1 = w2 = 1/2 this is the note's closed form (its polynomial times 2).
 */
export function lineSearchTwoLevelLimit(lambda1: number, lambda2: number, w1: number): { gamma: number; ratio: number } {
  const hi = Math.max(lambda1, lambda2);
  const lo = Math.min(lambda1, lambda2);
  const wHi = lambda1 >= lambda2 ? w1 : 1 - w1;
  const wLo = 1 - wHi;
  const mu2 = wHi * hi * hi + wLo * lo * lo;
  const A = wLo * hi * lo * lo;
  const B = wHi * hi ** 3 - wLo * lo ** 3 - 2 * mu2 * (hi - lo);
  const Cc = -wHi * hi * hi * lo;
  // positive root, written to avoid cancellation: x = 2|C| / (B + sqrt(B^2 - 4AC)) when B > 0
  const disc = Math.sqrt(B * B - 4 * A * Cc);
  const x = B >= 0 ? (-2 * Cc) / (B + disc) : (disc - B) / (2 * A);
  const gamma = (wHi * hi * hi + wLo * lo * lo * x) / (mu2 * (wHi * hi + wLo * lo * x));
  return { gamma, ratio: x };
}

/** The note's closed form for two equal halves (lambda1 > lambda2), §3.3. */
export function lineSearchHalvesClosedForm(l1: number, l2: number): { gamma: number; ratio: number } {
  const S = Math.sqrt(
    l1 ** 6 - 4 * l1 ** 5 * l2 + 8 * l1 ** 4 * l2 ** 2 - 6 * l1 ** 3 * l2 ** 3 + 8 * l1 ** 2 * l2 ** 4 - 4 * l1 * l2 ** 5 + l2 ** 6,
  );
  const ratio = (l1 ** 3 - 2 * l1 ** 2 * l2 + 2 * l1 * l2 ** 2 - l2 ** 3 + S) / (2 * l1 * l2 ** 2);
  const gamma = (l1 ** 3 + 2 * l1 ** 2 * l2 + 2 * l1 * l2 ** 2 + l2 ** 3 - S) / (l1 ** 2 + l2 ** 2) ** 2;
  return { gamma, ratio };
}

/**
 * AdaGrad-Norm on noiseless least squares: with |r|_1 = int_0^inf R gamma dt,
 * gamma_inf = eta / (b + mean(lambda) |r|_1 / eta) (exact; note §3.2). Integrating
 * d|theta - theta*|^2 / dGamma = -4R + 2 gamma mean(lambda) R (Gamma = int gamma) gives
 * |r|_1 = Delta/4 + (mean(lambda)/2) int gamma R dGamma with Delta = |e_0|^2 - |e_inf|^2, hence
 * Delta/4 <= |r|_1 <= (Delta/4) / (1 - gamma_0 mean(lambda)/2) when gamma_0 = eta/b < 2/mean(lambda),
 * and the bracket on gamma_inf returned here.
 */
export function adagradLimitBracket(eta: number, b: number, meanLambda: number, delta: number): { lower: number; upper: number } {
  const g0 = eta / b;
  const upper = eta / (b + (meanLambda * delta) / (4 * eta));
  const slack = 1 - (g0 * meanLambda) / 2;
  const lower = slack > 0 ? eta / (b + (meanLambda * delta) / (4 * eta * slack)) : 0;
  return { lower, upper };
}

/**
 * RMSprop-Norm on least squares with label noise omega > 0 (derived here from eq. 18 and the
 * least-squares floor): at a fixed point G = mean(lambda) I / alpha with I = 2 omega^2 / (2 - gamma mean(lambda)),
 * so gamma solves 2 mean(lambda) omega^2 gamma^2 + eta^2 alpha mean(lambda) gamma - 2 eta^2 alpha = 0.
 * The root lies below 2 / mean(lambda).
 */
export function rmspropNoisyLimit(eta: number, alpha: number, meanLambda: number, omega: number): number {
  const A = 2 * meanLambda * omega * omega;
  const B = eta * eta * alpha * meanLambda;
  const C = -2 * eta * eta * alpha;
  return (-2 * C) / (B + Math.sqrt(B * B - 4 * A * C));
}
