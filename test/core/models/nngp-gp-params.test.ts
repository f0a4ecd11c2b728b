import { describe, expect, it } from 'vitest';
import { nngpGp } from '../../../core/models/nngp-gp/index.js';
import { gprGrid, pGrid } from '../../../core/models/nngp-gp/params.js';
import { resolveParams } from '../../../core/models/resolve-params.js';

const issue = (params: Record<string, unknown>) => {
  const r = resolveParams(nngpGp, { params });
  return r.ok ? '' : JSON.stringify(r.issues);
};

describe('nngp-gp parameters', () => {
  it('the P grid is log-spaced from P_min to P, whole, distinct and ends at P; GP regression stops at gpr_max_P', () => {
    const p = nngpGp.params.parse({ P_min: 8, P: 1024, P_points: 8, gpr_max_P: 300 });
    const g = pGrid(p);
    expect(g[0]).toBe(8);
    expect(g[g.length - 1]).toBe(1024);
    for (let i = 1; i < g.length; i++) {
      expect(g[i]!).toBeGreaterThan(g[i - 1]!);
      expect(Math.abs(Math.log(g[i]! / g[i - 1]!) - Math.log(2))).toBeLessThan(0.1);
    }
    expect(gprGrid(p)).toEqual(g.filter((P) => P <= 300));
    expect(pGrid(nngpGp.params.parse({ P_min: 3, P: 5, P_points: 20 }))).toEqual([3, 4, 5]);
    expect(pGrid(nngpGp.params.parse({ P: 40, P_points: 1 }))).toEqual([40]);
  });

  it('refuses bad combinations with the parameter named', () => {
    expect(issue({ P_min: 100, P: 50 })).toMatch(/P_min.*must be <= P = 50/);
    expect(issue({ data: { source: 'file' } })).toMatch(/data\.path/);
    expect(issue({ data: { source: 'file', path: 'a.csv' }, label_noise: 0.1 })).toMatch(/label_noise.*synthetic data only/);
    expect(issue({ d: 50_000, P: 4096, gpr_max_P: 4096 })).toMatch(/gpr_max_P.*numbers per replica/);
    expect(issue({ activation: 'tanh' })).toMatch(/activation/);
    expect(issue({ gpr_max_P: 5000 })).toMatch(/gpr_max_P/);
    expect(issue({})).toBe('');
  });

  it('warns when the kernel cannot learn the target (no common parity of degrees) or runs theory only', () => {
    const w = (params: Record<string, unknown>) => nngpGp.warnings!(nngpGp.params.parse(params));
    expect(w({ activation: 'erf', target: { kind: 'hermite', degree: 2 } }).join()).toMatch(/only odd .* only even/);
    expect(w({ activation: 'square', target: { kind: 'linear' } }).join()).toMatch(/only even .* only odd/);
    expect(w({ activation: 'relu', target: { kind: 'hermite', degree: 2 } })).toEqual([]);
    expect(w({ activation: 'erf', target: { kind: 'teacher' } })).toEqual([]);
    expect(w({ P_min: 100, P: 1000, gpr_max_P: 50 }).join()).toMatch(/theory only/);
  });
});
