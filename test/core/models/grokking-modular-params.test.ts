/**
 * grokking-modular: parameter validation (a prime modulus, the simulation's size limits, a burn-in
 * that leaves samples), a run without GMFL-II, and the sweep boundaries at σ_c² and σ_II² (note §6.3, M1).
 */
import { describe, expect, it } from 'vitest';
import { grokkingModular, grokkingModularParams } from '../../../core/models/grokking-modular/index.js';
import { isPrime } from '../../../core/models/grokking-modular/params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

function issues(input: Record<string, unknown>): string[] {
  const r = grokkingModularParams.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('grokking-modular parameters', () => {
  it('primality agrees with trial division by hand on 1..60', () => {
    const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59];
    for (let n = 1; n <= 60; n++) expect(isPrime(n), String(n)).toBe(primes.includes(n));
    expect(isPrime(401)).toBe(true);
    expect(isPrime(7 * 61)).toBe(false);
  });

  it('refuses a modulus that is not prime, naming it', () => {
    expect(issues({ modulus: 9 })).toEqual(['modulus: must be a prime (got 9): the Fourier symmetry of the table needs a field']);
    expect(issues({ modulus: 11 })).toEqual([]);
  });

  it('refuses a simulation above modulus 53 but takes the theory alone there', () => {
    expect(issues({ modulus: 59 })[0]).toMatch(/^modulus: the Langevin simulation runs moduli <= 53/);
    expect(issues({ modulus: 59, langevin: { chains: 0 } })).toEqual([]);
  });

  it('refuses a simulated width above 4096 but takes any width for the theory', () => {
    expect(issues({ N: 5000 })[0]).toMatch(/^N: the Langevin simulation runs N <= 4096/);
    expect(issues({ N: 1e9, langevin: { chains: 0 } })).toEqual([]);
  });

  it('without a GMFL-II phase (σ_II² ≤ 0) the run says so, omits a_end and keeps every curve finite', () => {
    const p = grokkingModularParams.parse({ modulus: 101, N: 10, sigma_a2: 1, gamma: 1e-6, noise: 0.05, langevin: { chains: 0 } });
    const r = runKind(grokkingModular, p, ctx());
    expect(r.scalars.sigma2_II).toBeLessThan(0);
    expect(r.scalars.a_end).toBeUndefined();
    expect(r.notes?.some((n) => n.includes('GMFL-II is never reached'))).toBe(true);
    for (const s of r.series) expect(Array.from(s.y).every(Number.isFinite), s.name).toBe(true);
    // Droplet fraction γ(σ_c² − σ²)/(3σ_a²) < 1 all the way down.
    expect(r.scalars.droplet_theory).toBeLessThan(1);
  });

  it('refuses a burn-in that leaves no sample, and out-of-range numbers with their range', () => {
    expect(issues({ langevin: { steps: 100, burn_in: 99, thin: 5 } })[0]).toMatch(/^langevin\.burn_in: burn_in \+ thin = 104 exceeds steps = 100/);
    expect(issues({ noise: 0 })[0]).toMatch(/^noise: must be a number >= 1e-8 and <= 1000000/);
    expect(issues({ modulus: 2 })[0]).toMatch(/^modulus: must be an integer >= 3/);
  });

  it('M1: a sweep over noise marks σ_c² and σ_II² (Fig. 3: 0.2360 and 0.1760); other axes get none', () => {
    const base = grokkingModularParams.parse({ modulus: 401, N: 1000, sigma_a2: 2e-6, gamma: 1e-4, langevin: { chains: 0 } });
    const lines = grokkingModular.sweepBoundaries!(base, [{ path: 'noise', values: [0.1, 0.2, 0.3] }]);
    expect(lines.map((l) => l.x[0]!.toFixed(4))).toEqual(['0.2360', '0.1760']);
    expect(lines.every((l) => l.y.length === 0)).toBe(true);
    expect(grokkingModular.sweepBoundaries!(base, [{ path: 'N', values: [10, 20] }])).toEqual([]);
    // σ_II² ≤ 0: only the onset of the mixed phase.
    const wide = grokkingModularParams.parse({ modulus: 401, N: 1000, sigma_a2: 2e-6, gamma: 1e-7, langevin: { chains: 0 } });
    expect(grokkingModular.sweepBoundaries!(wide, [{ path: 'noise', values: [0.1] }]).length).toBe(1);
  });
});
