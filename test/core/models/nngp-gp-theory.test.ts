/**
 * nngp-gp: the learning-curve theories against closed forms and against GP regression on samples
 * (theory note §3: the renormalised ridge describes data-averaged GP regression; EK does not at
 * small P), and the kind's spectrum against the Funk–Hecke counts.
 */
import { describe, expect, it } from 'vitest';
import { nngpGp } from '../../../core/models/nngp-gp/index.js';
import type { RunResult, Series } from '../../../core/models/model-kind.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';

const params = (over: Record<string, unknown>) => nngpGp.params.parse(over);
const curve = (r: RunResult, source: string, label: string): Series =>
  r.series.find((s) => s.name === 'test_error' && s.source === source && s.replica === undefined && (s.label ?? '').startsWith(label))!;

/** Per-P mean and standard error of the replica curves. */
function replicaStats(r: RunResult): { x: Float64Array; mean: number[]; se: number[] } {
  const reps = r.series.filter((s) => s.name === 'test_error' && s.source === 'empirical' && s.replica !== undefined);
  const x = reps[0]!.x;
  const mean: number[] = [];
  const se: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = reps.map((s) => s.y[i]!);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
    mean.push(m);
    se.push(Math.sqrt(s2 / v.length));
  }
  return { x, mean, se };
}

describe('nngp-gp theory (theory note §3)', () => {
  it('a linear network on a linear target: one group of d modes, the renormalised ridge in closed form', () => {
    const [d, sw, sa, s2] = [10, 1.5, 2, 0.05];
    const r = runKind(nngpGp, params({ d, sigma_w2: sw, sigma_a2: sa, noise: s2, activation: 'linear', depth: 2, P_min: 2, P: 200, P_points: 6, gpr_max_P: 1 }), ctx(1, 0));
    const rr = curve(r, 'theory', 'renormalised');
    const ek = curve(r, 'theory', 'EK');
    // K₀ = σ̃_a² σ_w⁴ x·x'/d ⇒ λ = σ̃_a² σ_w⁴/d on the d linear harmonics, target power 1
    const lam = (sa * sw * sw) / d;
    for (let i = 0; i < rr.x.length; i++) {
      const P = rr.x[i]!;
      // P t² + (Pλ − σ² − dλ) t − σ²λ = 0, κ = P t
      const b = P * lam - s2 - d * lam;
      const t = (-b + Math.sqrt(b * b + 4 * P * s2 * lam)) / (2 * P);
      const L = lam / (lam + t);
      const expected = (P / (P - d * L * L)) * (1 - L) ** 2;
      expect(Math.abs(rr.y[i]! - expected)).toBeLessThan(1e-12 * expected);
      const lek = lam / (lam + s2 / P);
      expect(Math.abs(ek.y[i]! - (1 - lek) ** 2)).toBeLessThan(1e-14);
    }
    expect(r.scalars.kernel_trace).toBeCloseTo(sa * sw * sw, 14);
    expect(r.scalars.target_tail_power).toBeLessThan(1e-14);
  });

  it('a Hermite target on the sphere carries E g² = (3d/(d+2) − 1)/2 (degree 2), all of it in resolved degrees', () => {
    const d = 16;
    const r = runKind(nngpGp, params({ d, activation: 'relu', target: { kind: 'hermite', degree: 2 }, P: 64, P_points: 2, gpr_max_P: 1 }), ctx(1, 0));
    expect(Math.abs(r.scalars.target_power! - ((3 * d) / (d + 2) - 1) / 2)).toBeLessThan(1e-13);
    expect(r.scalars.target_tail_power).toBeLessThan(1e-12);
    // the spectrum curve starts at rank 1 and its groups hold N(16, l) modes: 1, 16, 135, ...
    const spec = r.series.find((s) => s.name === 'kernel_spectrum' && s.source === 'theory')!;
    expect(spec.x[0]).toBe(1);
    for (let i = 1; i < spec.y.length; i++) expect(spec.y[i]!).toBeLessThanOrEqual(spec.y[i - 1]!);
  });

  it('the renormalised ridge follows GP regression on samples within 4 standard errors + 10 %, where EK misses by far at small P', () => {
    const cases = [
      { d: 20, activation: 'erf', target: { kind: 'linear' }, noise: 0.01, P_min: 16, P: 256, P_points: 5, test_size: 300 },
      { d: 16, activation: 'relu', depth: 2, target: { kind: 'hermite', degree: 2 }, noise: 1e-3, P_min: 16, P: 256, P_points: 5, test_size: 300 },
      { d: 10, activation: 'erf', target: { kind: 'teacher' }, noise: 0.01, label_noise: 0.1, P_min: 16, P: 256, P_points: 5, test_size: 300 },
    ];
    for (const over of cases) {
      const r = runKind(nngpGp, params(over), ctx(5, 6));
      const rr = curve(r, 'theory', 'renormalised');
      const ek = curve(r, 'theory', 'EK');
      const { x, mean, se } = replicaStats(r);
      expect(Array.from(x)).toEqual(Array.from(rr.x));
      for (let i = 0; i < x.length; i++) {
        expect(Math.abs(rr.y[i]! - mean[i]!), `${JSON.stringify(over)} at P = ${x[i]}`).toBeLessThan(4 * se[i]! + 0.1 * mean[i]!);
      }
      // at the smallest P the EK curve is off by more than a factor 3
      expect(mean[0]! / ek.y[0]!).toBeGreaterThan(3);
      expect(r.scalars.rel_gap_rr).toBeLessThan(r.scalars.rel_gap_ek!);
      expect(r.scalars.rel_gap_ek).toBeGreaterThan(0.6);
    }
  });
});
