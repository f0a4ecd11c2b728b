import { describe, expect, it } from 'vitest';
import { solveDense, vandermondeInverse } from '../../../core/numerics/small-linear.js';

describe('small dense linear algebra', () => {
  it('solves with partial pivoting and reports singular systems', () => {
    const a = Float64Array.of(0, 2, 1, 1, 1, 1, 2, 1, 3);
    const b = Float64Array.of(7, 6, 13);
    expect(solveDense(a, b, 3)).toBe(true);
    expect(Array.from(b).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2, 3]);
    expect(solveDense(Float64Array.of(1, 2, 2, 4), Float64Array.of(1, 2), 2)).toBe(false);
  });

  it('inverts a Vandermonde matrix: the Lagrange basis is 1 at its node and 0 at the others', () => {
    const x = [0, 0.25, 0.5, 0.75, 1];
    const inv = vandermondeInverse(x);
    for (let i = 0; i < x.length; i++) {
      for (let k = 0; k < x.length; k++) {
        let v = 0;
        for (let p = 0; p < x.length; p++) v += inv[p * x.length + i] * x[k] ** p;
        expect(Math.abs(v - (i === k ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
    expect(() => vandermondeInverse([0, 1, 1])).toThrow(RangeError);
  });
});
