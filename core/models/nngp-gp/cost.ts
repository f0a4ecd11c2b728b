/**
 * The estimated cost of an `nngp-gp` run, in seconds on one core: per replica the kernel matrices
 * (P² + P·test) entries × d, a Cholesky of size P (P³/3 multiply-adds) and the nested solves
 * (P² per grid point); the theory's quadrature (degrees × nodes) or, for a file, an
 * eigendecomposition of theory_rows³. About 1 ns per multiply-add, 50 ns per kernel entry.
 */
import type { CostTerm } from '../model-kind.js';
import { gprGrid, type NngpGpParams } from './params.js';

export function nngpGpCost(p: NngpGpParams, replicas: number): CostTerm[] {
  const grid = gprGrid(p);
  const n = grid.length > 0 ? grid[grid.length - 1]! : 0;
  const m = p.test_size;
  const entries = replicas * (n * n + n * m) * (1 + p.d / 20);
  const flops = replicas * (n ** 3 / 3 + grid.length * (n * n + n * m) + 4 * Math.min(n, 400) ** 3);
  const theory = p.data.source === 'file' ? 6 * p.data.theory_rows ** 3 : 2e7;
  return [
    { what: 'kernel entries·replicas', count: entries, seconds: entries * 50e-9 },
    { what: 'Cholesky and solves (multiply-adds)·replicas', count: flops, seconds: flops * 1e-9 },
    { what: 'theory spectrum (multiply-adds)', count: theory, seconds: theory * 1e-9 },
  ];
}
