/** Small dense symmetric eigenproblems (d×d, row-major) through ml-matrix. */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Eigenvalues of the symmetric n×n `a` (row-major), ascending. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const A = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.set(i, j, 0.5 * (a[i * n + j]! + a[j * n + i]!));
  return Float64Array.from(new EigenvalueDecomposition(A, { assumeSymmetric: true }).realEigenvalues).sort();
}
