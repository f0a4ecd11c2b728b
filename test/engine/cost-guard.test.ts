/**
 * The cost guard: every kind estimates a run from all its factors, the presets and defaults are
 * never refused, runs and sweeps that would take years are refused with the estimate (and nothing
 * is written) unless forced. Nothing here computes a run: the pool is a stand-in.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, type SweepSpec } from '../../app/api.js';
import {
  addEstimates, COST_LIMIT_SECONDS, costRefusal, estimateRun, formatDuration, guardCost, NO_COST, type CostEstimate,
} from '../../app/engine/cost-guard.js';
import type { Db } from '../../app/engine/library/db.js';
import type { ModelKind } from '../../core/models/model-kind.js';
import { getKind, kinds } from '../../core/models/registry.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { countRows, standInEngines } from './stand-in-engine.js';

function kindOf(id: string): ModelKind {
  const kind = getKind(id);
  if (!kind) throw new Error(`kind ${id} is not registered`);
  return kind;
}

function estimate(kindId: string, params: Record<string, unknown>, replicas = 1, preset?: string): CostEstimate {
  const kind = kindOf(kindId);
  const resolved = resolveParams(kind, { params, ...(preset !== undefined ? { preset } : {}) });
  if (!resolved.ok) throw new Error(`${kindId} ${JSON.stringify(params)}: ${resolved.issues[0]!.message}`);
  return estimateRun(kind, resolved.params, replicas);
}

describe('cost estimates', () => {
  it('exist for every kind', () => {
    for (const kind of kinds) expect(kind.cost, `${kind.id} implements cost`).toBeTypeOf('function');
  });

  it('keep every preset and the defaults of every kind under the limit, with 1 and 8 replicas', () => {
    for (const kind of kinds) {
      for (const preset of [undefined, ...Object.keys(kind.presets)]) {
        for (const replicas of [1, 8]) {
          const e = estimate(kind.id, {}, replicas, preset);
          expect(e.seconds, `${kind.id} ${preset ?? 'defaults'} × ${replicas}`).toBeGreaterThan(0);
          expect(e.seconds, `${kind.id} ${preset ?? 'defaults'} × ${replicas}: ${formatDuration(e.seconds)}`).toBeLessThan(COST_LIMIT_SECONDS);
          expect(costRefusal(e)).toBeNull();
        }
      }
    }
  });

  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, number?, number?]>([
    ['sgd-glm', 'replicas', {}, {}, 1, 4],
    ['sgd-glm', 'd', { d: 500 }, { d: 1000 }],
    ['sgd-glm', 'T', { T: 5 }, { T: 10 }],
    ['sgd-glm', 'sim_T', { T: 10, sim_T: 1 }, { T: 10, sim_T: 5 }],
    ['sgd-glm', 'homogenized SGD', { sde: false }, { sde: true }],
    ['sgd-glm', 'modes of the spectrum', { spectrum: { kind: 'two_level' } }, { spectrum: { kind: 'power_law' } }],
    ['sgd-glm', 'recording times (theory steps)', { grid: 100 }, { grid: 1000 }],
    ['sgd-glm', 'tolerance', { ode: { rtol: 1e-9 } }, { ode: { rtol: 1e-13 } }],
    ['sgd-glm', 'stiffness of a forced DOPRI5', { T: 1e4, sim_T: 1, ode: { method: 'dopri5' } }, { T: 1e6, sim_T: 1, ode: { method: 'dopri5' } }],
    ['sgd-glm', 'finite-size dimensions', { finite_size: { enabled: true, dims: [64, 128] } }, { finite_size: { enabled: true, dims: [64, 128, 256] } }],
    ['sgd-glm', 'finite-size replicas', { finite_size: { enabled: true, replicas: 2 } }, { finite_size: { enabled: true, replicas: 8 } }],
    ['dp-sgd', 'replicas', {}, {}, 1, 4],
    ['dp-sgd', 'samples n = d / aspect', { aspect: 1 }, { aspect: 0.1 }],
    ['dp-sgd', 'd', { d: 500 }, { d: 1000 }],
    ['dp-sgd', 'modes of the spectrum', { spectrum: { kind: 'isotropic' } }, { spectrum: { kind: 'power_law' } }],
    ['dp-sgd', 'recording times', { grid: 10 }, { grid: 10_000 }],
    ['gmm-sgd', 'replicas', {}, {}, 1, 4],
    ['gmm-sgd', 'd', { d: 500 }, { d: 1000 }],
    ['gmm-sgd', 'T', { T: 5 }, { T: 10 }],
    ['gmm-sgd', 'classes with random means', { classes: 2, means: { kind: 'random' } }, { classes: 64, means: { kind: 'random' } }],
    ['gmm-sgd', 'recording times', { grid: 10 }, { grid: 10_000 }],
  ])('%s: grow with %s', (kindId, _factor, small, large, smallReplicas = 1, largeReplicas = 1) => {
    expect(estimate(kindId, large, largeReplicas).seconds).toBeGreaterThan(estimate(kindId, small, smallReplicas).seconds);
  });

  it('scale the simulations with the number of replicas', () => {
    const one = estimate('sgd-glm', { d: 1e6 }, 1);
    const many = estimate('sgd-glm', { d: 1e6 }, 1024);
    const sgd = (e: CostEstimate) => e.terms.find((t) => t.what === 'SGD steps·d·replicas')!;
    expect(sgd(many).count).toBe(1024 * sgd(one).count);
    expect(many.seconds / one.seconds).toBeGreaterThan(1000);
  });
});

describe('the guard', () => {
  it('refuses sgd-glm at d = 1e6, T = 1e7 with an estimate in years and the count behind it', () => {
    const refusal = costRefusal(estimate('sgd-glm', { d: 1e6, T: 1e7 }));
    expect(refusal).toMatch(/^estimated [\d.e]+ years of computation \((homogenized )?SGD steps·d·replicas = 1\.0e19\), over the limit of 1 hour$/);
  });

  it('refuses 1024 replicas at d = 1e6 with an estimate in years', () => {
    expect(costRefusal(estimate('sgd-glm', { d: 1e6 }, 1024))).toMatch(/^estimated 4\.\d years of computation \(.*= 1\.0e16\)/);
  });

  it('refuses the other kinds at their largest sizes', () => {
    expect(costRefusal(estimate('dp-sgd', { d: 1e6, aspect: 0.01 }))).toMatch(/^estimated [\d.]+ days of computation \(DP-SGD steps·d·replicas = 1\.0e14\)/);
    expect(costRefusal(estimate('gmm-sgd', { d: 1e6, T: 1e5, classes: 20 }))).toMatch(/^estimated [\d.]+ years of computation \(SGD steps·d·replicas = 1\.0e17\)/);
  });

  it('lets a forced run through whatever its estimate', () => {
    const years = estimate('sgd-glm', { d: 1e6, T: 1e7 }, 1024);
    expect(costRefusal(years, { force: true })).toBeNull();
    expect(() => guardCost(years, { force: true })).not.toThrow();
    expect(() => guardCost(years)).toThrow(ApiError);
    try {
      guardCost(years);
    } catch (error) {
      expect((error as ApiError).code).toBe('too_costly');
    }
  });

  it('sums a sweep over its points, term by term, and names it', () => {
    const point = estimate('sgd-glm', { d: 1e5, T: 1 });
    let total = NO_COST;
    for (let i = 0; i < 40; i++) total = addEstimates(total, point);
    expect(total.seconds).toBeCloseTo(40 * point.seconds, 6);
    expect(total.terms.map((t) => t.what)).toEqual(point.terms.map((t) => t.what));
    expect(costRefusal(point)).toBeNull();
    expect(costRefusal(total, { subject: 'sweep of 40 runs' })).toMatch(/^sweep of 40 runs: estimated [\d.]+ hours of computation \(.* over all points\), over the limit of 1 hour$/);
  });

  it('writes durations in the largest unit that fits', () => {
    expect(formatDuration(0.5)).toBe('0.5 seconds');
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(90)).toBe('1.5 minutes');
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(86400 * 3)).toBe('3 days');
    expect(formatDuration(365.25 * 86400 * 3.2)).toBe('3.2 years');
    expect(formatDuration(365.25 * 86400 * 4100)).toBe('4100 years');
    expect(formatDuration(365.25 * 86400 * 1.23e6)).toBe('1.2e6 years');
    expect(formatDuration(3770, 3)).toBe('1.05 hours');
  });
});

describe('the engine', () => {
  /** The pool must never be reached: a refused run is refused before it is queued. */
  const engine = standInEngines('limitlab-cost-');
  const rows = (db: Db) => countRows(db);

  it('refuses runs:start of a run that would take years, with the estimate, and writes nothing', async () => {
    const { service, db } = await engine();
    for (const req of [
      { kind: 'sgd-glm', params: { d: 1e6, T: 1e7 } },
      { kind: 'sgd-glm', params: { d: 1e6 }, replicas: 1024 },
    ]) {
      const error = await service.call('runs:start', req).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('too_costly');
      expect((error as ApiError).message).toMatch(/^estimated [\d.e]+ years of computation \(.*\), over the limit of 1 hour$/);
    }
    expect(rows(db)).toBe(0);
  });

  it('queues a forced run past the guard (the stand-in pool computes nothing)', async () => {
    const { service, db } = await engine();
    const summary = await service.call('runs:start', { kind: 'sgd-glm', params: { d: 1e6, T: 1e7 }, force: true });
    expect(summary.kind).toBe('sgd-glm');
    expect(rows(db)).toBe(1);
  });

  it('refuses sweeps:start whose points add up to more than the limit, and writes nothing', async () => {
    const { service, db } = await engine();
    const spec: SweepSpec = { kind: 'sgd-glm', mode: 'grid', params: { T: 1 }, axes: [{ path: 'd', values: [2e5, 3e5, 4e5] }] };
    // Each point alone is under the limit; together they are over it.
    for (const d of [2e5, 3e5, 4e5]) expect(costRefusal(estimate('sgd-glm', { T: 1, d }))).toBeNull();
    const error = await service.call('sweeps:start', spec).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('too_costly');
    expect((error as ApiError).message).toMatch(/^sweep of 3 runs: estimated 1\.\d+ hours of computation \(homogenized SGD steps·d·replicas = 2\.9e11 over all points\), over the limit of 1 hour$/);
    expect(rows(db)).toBe(0);
    expect(await service.call('sweeps:list')).toEqual([]);
  });
});
