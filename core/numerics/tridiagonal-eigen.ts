/**
 * Eigenvalues of a real symmetric tridiagonal matrix by the implicit QL algorithm with Wilkinson
 * shifts (Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11, 1968, procedure `tql1`).
 *
 * `diag` has n entries, `off` has n - 1 (off[i] couples rows i and i + 1). Returns the
 * eigenvalues in ascending order. Inputs are not modified. Throws if an eigenvalue fails to
 * converge within 60 sweeps (never observed for the matrices used here).
 */
export function symmetricTridiagonalEigenvalues(diag: ArrayLike<number>, off: ArrayLike<number>): Float64Array {
  const n = diag.length;
  if (off.length < n - 1) throw new RangeError('off must have n - 1 entries');
  const d = Float64Array.from(diag);
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = off[i];
  const eps = 2.220446049250313e-16;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= eps * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new Error('symmetricTridiagonalEigenvalues: no convergence');
      // Wilkinson shift from the leading 2x2 block.
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Underflow: split the matrix here and restart the sweep.
          d[i + 1] -= p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}
