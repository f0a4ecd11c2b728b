import { describe, expect, it } from 'vitest';
import { type DpSgdParams, dpSgd, dpSgdParams } from '../../../core/models/dp-sgd/index.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';
import { privacyUnit, sigmaForRho, zcdpToEpsilon } from '../../../core/models/dp-sgd/privacy.js';
import { scheduleFunction } from '../../../core/models/dp-sgd/schedules.js';

const run = (p: DpSgdParams) => runKind(dpSgd, p, ctx());
const at = (n: number) => Float64Array.from({ length: n }, (_, k) => k);

describe('dp-sgd privacy accounting (replace-one, sensitivity 2C)', () => {
  it('matches a direct computation of rho_k = Delta_k^2 / (2 sum s_j^2) from the step sizes and noise stds of the update', () => {
    // Independent of the closed form n eta~^2 / sum sigma~^2: build eta_k, C, s_k as the simulation does.
    const n = 60;
    const d = 45;
    const c = 0.8;
    const eta = 1.7;
    const lr = (t: number) => eta * scheduleFunction({ schedule: 'decay', power: 1 })(t);
    const shape = scheduleFunction({ schedule: 'decay', power: 0.3 });
    const sigma0 = 1.3;
    const C = c * Math.sqrt(d);
    const s = Array.from({ length: n }, (_, k) => (c * sigma0 * shape(k / n) * Math.sqrt((2 * d) / n)) / n);
    const delta = Array.from({ length: n }, (_, k) => (2 * lr(k / n) * C) / n);
    const unit = privacyUnit(n, lr, shape, at(n));
    let maxAll = 0;
    let maxLast = 0;
    for (let k = 0; k < n; k++) {
      let tail = 0;
      for (let j = k; j < n; j++) tail += s[j] * s[j];
      const rAll = (delta[k] * delta[k]) / (2 * s[k] * s[k]);
      const rLast = (delta[k] * delta[k]) / (2 * tail);
      expect(unit.profileAll[k] / (sigma0 * sigma0)).toBeCloseTo(rAll, 10);
      expect(unit.profileLast[k] / (sigma0 * sigma0)).toBeCloseTo(rLast, 10);
      maxAll = Math.max(maxAll, rAll);
      maxLast = Math.max(maxLast, rLast);
    }
    expect(unit.allIterates / sigma0 ** 2).toBeCloseTo(maxAll, 10);
    expect(unit.lastIterate / sigma0 ** 2).toBeCloseTo(maxLast, 10);
  });

  it('constant schedules: the last sample dominates, rho = n eta^2 / sigma~^2 for both accountings', () => {
    const r = run(dpSgdParams.parse({ d: 300, aspect: 0.5, lr: { eta: 1.5 }, privacy: { sigma: 2 }, grid: 10 }));
    expect(r.scalars.rho_all_iterates).toBeCloseTo((600 * 1.5 ** 2) / 4, 8);
    expect(r.scalars.rho_last_iterate).toBeCloseTo((600 * 1.5 ** 2) / 4, 8);
    expect(r.scalars.rho).toBe(r.scalars.rho_last_iterate);
    expect(r.notes!.join('\n')).toMatch(/attained at sample k = 599/);
    // early samples are protected by all the later noise: rho_0 = eta^2 / sigma~^2
    const prof = r.series.find((s) => s.name === 'rho_profile')!;
    expect(prof.x[0]).toBe(0);
    expect(prof.y[0]).toBeCloseTo(1.5 ** 2 / 4, 10);
    expect(prof.x[prof.x.length - 1]).toBe(599 / 600);
    expect(prof.y[prof.y.length - 1]).toBeCloseTo(r.scalars.rho, 8);
  });

  it('eta~(t) = eta (1 - t)^(1/2) with constant noise makes every sample equally private: rho_k = eta^2 / sigma~^2', () => {
    const n = 1000;
    const lr = (t: number) => 2 * scheduleFunction({ schedule: 'decay', power: 0.5 })(t);
    const unit = privacyUnit(n, lr, () => 1, at(n));
    for (let k = 0; k < n; k++) expect(unit.profileLast[k]).toBeCloseTo(4, 9);
    expect(unit.lastIterate).toBeCloseTo(4, 9);
    expect(unit.allIterates).toBeCloseTo(4 * n, 6);
    // and noise (1 - t)^q with eta~ (1 - t)^(q + 1/2): rho_k = (2q + 1) eta^2 / sigma~^2 in the limit (discrete: within 1/n)
    const q = 0.5;
    const u2 = privacyUnit(n, (t) => scheduleFunction({ schedule: 'decay', power: q + 0.5 })(t), scheduleFunction({ schedule: 'decay', power: q }), at(n));
    for (let k = 0; k < n - 50; k += 50) expect(Math.abs(u2.profileLast[k] - (2 * q + 1))).toBeLessThan(0.05);
  });

  it('calibration = rho solves sigma~ so the selected accounting hits the target exactly', () => {
    for (const accounting of ['last_iterate', 'all_iterates'] as const) {
      for (const lr of [{ eta: 1 }, { eta: 2, schedule: 'decay', power: 0.5 }] as const) {
        const p = dpSgdParams.parse({ d: 200, aspect: 0.25, lr, privacy: { calibration: 'rho', rho: 0.7, accounting }, grid: 5 });
        const r = run(p);
        expect(r.scalars.rho).toBeCloseTo(0.7, 12);
        expect(r.scalars[accounting === 'last_iterate' ? 'rho_last_iterate' : 'rho_all_iterates']).toBeCloseTo(0.7, 12);
        expect(r.scalars.rho_last_iterate).toBeLessThanOrEqual(r.scalars.rho_all_iterates * (1 + 1e-12));
      }
    }
    expect(sigmaForRho(8, 2)).toBe(2);
    // zCDP -> (eps, delta): rho + 2 sqrt(rho ln(1/delta))
    expect(zcdpToEpsilon(1, Math.exp(-4))).toBeCloseTo(5, 12);
  });

  it('no clipping or no noise: no rho scalar (infinite), and a note says why', () => {
    const off = run(dpSgdParams.parse({ d: 100, clip: { enabled: false }, privacy: { sigma: 1 }, grid: 5 }));
    expect(off.scalars.rho).toBeUndefined();
    expect(off.notes!.join('\n')).toMatch(/no privacy guarantee/);
    expect(dpSgd.warnings!(dpSgdParams.parse({ clip: { enabled: false }, privacy: { sigma: 1 } })).join('\n')).toMatch(/clipping is off/);
    const quiet = run(dpSgdParams.parse({ d: 100, grid: 5 }));
    expect(quiet.scalars.rho).toBeUndefined();
    expect(quiet.notes!.join('\n')).toMatch(/no privacy noise/);
  });

  it('the decaying-lr preset beats a constant learning rate at the same rho = 1 by a wide margin', () => {
    const dec = run(dpSgdParams.parse(dpSgd.presets['decaying-lr'].params));
    const con = run(dpSgdParams.parse(dpSgd.presets['constant-lr-same-rho'].params));
    expect(dec.scalars.rho).toBeCloseTo(1, 10);
    expect(con.scalars.rho).toBeCloseTo(1, 10);
    expect(dec.scalars.final_excess_risk_theory).toBeLessThan(0.4);
    // with a constant rate even the best c barely moves the excess from its initial 0.5
    expect(con.scalars.final_excess_risk_theory).toBeGreaterThan(10);
    const noise = run(dpSgdParams.parse(dpSgd.presets['decaying-noise'].params));
    const base = run(dpSgdParams.parse(dpSgd.presets['decaying-noise-baseline'].params));
    expect(noise.scalars.rho).toBeCloseTo(base.scalars.rho, 10);
    expect(noise.scalars.final_excess_risk_theory).toBeLessThan(base.scalars.final_excess_risk_theory);
  });
});
