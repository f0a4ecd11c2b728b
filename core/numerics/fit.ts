/**
 * Least-squares straight lines, and power laws as lines on log–log axes.
 */

export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope (NaN with fewer than three points). */
  slopeStderr: number;
  n: number;
}

/** Ordinary least squares y = intercept + slope x (NaN slope for fewer than two distinct x). */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const n = Math.min(x.length, y.length);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : Number.NaN;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - intercept - slope * x[i]) ** 2;
  const slopeStderr = n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : Number.NaN;
  return { slope, intercept, slopeStderr, n };
}

/**
 * y ~ C x^slope fitted on log–log axes, over the points with x, y > 0 (others are skipped);
 * `intercept` is log C.
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const lx: number[] = [];
  const ly: number[] = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] > 0 && y[i] > 0 && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      lx.push(Math.log(x[i]));
      ly.push(Math.log(y[i]));
    }
  }
  return fitLine(lx, ly);
}
