/**
 * grokking-modular: the closed-form phase diagram (field-theory note §6.3, check M1) against the
 * note's printed numbers and against independent references: the per-mode action minimised
 * numerically on a grid refined by golden sections, the degeneracy condition solved by bisection
 * on that numerical minimum, the GMFL-II self-consistency solved by bisection with the
 * numerical minimiser, and continuity at the phase boundaries — at Fig. 3 parameters and at
 * parameters no preset uses.
 */
import { describe, expect, it } from 'vitest';
import {
  type ModularModel,
  criticalInteraction,
  discrepancyAtEnd,
  interaction,
  modeAction,
  phaseAt,
  rPlus2,
  sigma2Critical,
  sigma2II,
} from '../../../core/models/grokking-modular/phase-diagram.js';

const FIG3: ModularModel = { P: 401, N: 1000, sigma_a2: 0.002 / 1000, gamma: 1e-4 };
const OTHERS: ModularModel[] = [
  { P: 211, N: 300, sigma_a2: 3e-5, gamma: 4e-3 },
  { P: 1009, N: 5000, sigma_a2: 1e-6, gamma: 2e-5 },
  { P: 7, N: 64, sigma_a2: 0.05, gamma: 3 },
];

/** The global minimiser r² ≥ 0 of the per-mode action, numerically: a log grid, then golden sections. */
function minimiseAction(A: number, gamma: number): { r2: number; value: number } {
  const hi = (10 * (A + 1)) / gamma;
  let best = 0;
  let bestV = 0;
  const n = 20_000;
  for (let i = 0; i <= n; i++) {
    const r2 = hi * 1e-8 * (1e8) ** (i / n);
    const v = modeAction(r2, A, gamma);
    if (v < bestV) {
      bestV = v;
      best = r2;
    }
  }
  if (best === 0) return { r2: 0, value: 0 };
  let a = best / 1.01;
  let b = best * 1.01;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (modeAction(c, A, gamma) < modeAction(d, A, gamma)) b = d;
    else a = c;
  }
  const r2 = 0.5 * (a + b);
  return { r2, value: modeAction(r2, A, gamma) };
}

/** The lowest non-zero local minimum of the action (ignoring whether it beats r = 0), numerically. */
function localOrderedMinimum(A: number, gamma: number): number {
  const hi = (10 * (A + 1)) / gamma;
  const n = 20_000;
  let prev = modeAction(0, A, gamma);
  let slopeDown = false;
  let cand = Number.NaN;
  for (let i = 1; i <= n; i++) {
    const r2 = (hi * i) / n;
    const v = modeAction(r2, A, gamma);
    if (v < prev) slopeDown = true;
    else if (slopeDown && i > 1) {
      cand = (hi * (i - 1)) / n;
      break;
    }
    prev = v;
  }
  if (!Number.isFinite(cand)) return Number.NaN;
  let a = cand - hi / n;
  let b = cand + hi / n;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (modeAction(c, A, gamma) < modeAction(d, A, gamma)) b = d;
    else a = c;
  }
  return 0.5 * (a + b);
}

/** A* where the ordered minimum becomes degenerate with r = 0, by bisection on the numerical minimum. */
function degeneracyByBisection(gamma: number): number {
  let lo = Math.sqrt(gamma); // below: no ordered saddle at all
  let hi = 10 * Math.sqrt(gamma) + 1;
  for (let it = 0; it < 80; it++) {
    const mid = 0.5 * (lo + hi);
    if (minimiseAction(mid, gamma).value < -1e-12 * mid) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** σ² with u(σ²) = target, by bisection (u decreases in σ²). */
function noiseWithInteraction(m: ModularModel, target: number): number {
  let lo = 1e-8;
  let hi = 1e8;
  for (let it = 0; it < 300; it++) {
    const mid = Math.sqrt(lo * hi);
    if (interaction(m, mid) > target) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/**
 * |a| on GMFL-II by bisection on m − σ²/(σ_a² r⁴ + σ²), r² the numerically found ordered minimum of
 * the action at A = u m² (no ordered minimum: m is too small).
 */
function gmflIIByBisection(m: ModularModel, noise: number): number {
  const g = (mag: number) => {
    const r2 = localOrderedMinimum(interaction(m, noise) * mag * mag, m.gamma);
    return Number.isFinite(r2) ? mag - noise / (m.sigma_a2 * r2 * r2 + noise) : -1;
  };
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 50; it++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

describe('grokking-modular phase diagram (note §6.3)', () => {
  it('M1: Fig. 3 parameters give σ_c² = 0.2360, σ_II² = 0.1760, a_end = −0.7458', () => {
    expect(sigma2Critical(FIG3)).toBeCloseTo(0.236, 4);
    expect(sigma2II(FIG3)).toBeCloseTo(0.176, 4);
    expect(discrepancyAtEnd(FIG3)).toBeCloseTo(-0.7458, 4);
  });

  it('M1: on the GMFL-II branch a(0.15) = −0.659 and a(0.10) = −0.467', () => {
    expect(phaseAt(FIG3, 0.15).phase).toBe('GMFL-II');
    expect(phaseAt(FIG3, 0.15).a).toBeCloseTo(-0.659, 2);
    expect(Math.abs(phaseAt(FIG3, 0.15).a + 0.659)).toBeLessThan(1e-3);
    expect(Math.abs(phaseAt(FIG3, 0.1).a + 0.467)).toBeLessThan(1e-3);
  });

  it('M1: the degeneracy A = u_c = 2√(γ/3) equals the bisection on the numerically minimised per-mode action', () => {
    for (const gamma of [1e-4, 4e-3, 2e-5, 3]) {
      const A = degeneracyByBisection(gamma);
      expect(Math.abs(A / criticalInteraction(gamma) - 1)).toBeLessThan(1e-6);
      // r₊² = √(3/γ) at the degeneracy, from the numerical minimiser just past it.
      expect(Math.abs(minimiseAction(A * (1 + 1e-9), gamma).r2 / Math.sqrt(3 / gamma) - 1)).toBeLessThan(1e-3);
    }
  });

  it('M1: σ_c² is where u(σ²) reaches the numerically found degeneracy with a = −1, for any parameters', () => {
    for (const m of [FIG3, ...OTHERS]) {
      const s2c = noiseWithInteraction(m, degeneracyByBisection(m.gamma));
      expect(Math.abs(sigma2Critical(m) / s2c - 1)).toBeLessThan(1e-6);
    }
  });

  it('M1: r₊² is the numerical minimiser of the action and is the global minimum below σ_II²', () => {
    for (const m of [FIG3, ...OTHERS]) {
      const s2II = sigma2II(m);
      if (!(s2II > 0)) continue;
      for (const f of [0.95, 0.7, 0.4]) {
        const pt = phaseAt(m, f * s2II);
        expect(pt.phase).toBe('GMFL-II');
        const num = minimiseAction(pt.A, m.gamma);
        expect(num.value).toBeLessThan(0);
        expect(Math.abs(num.r2 / pt.r2 - 1)).toBeLessThan(1e-6);
        expect(Math.abs(rPlus2(pt.A, m.gamma) / pt.r2 - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('M1: the GMFL-II root equals a bisection on the numerically minimised action', () => {
    for (const m of [FIG3, ...OTHERS]) {
      const s2II = sigma2II(m);
      if (!(s2II > 0)) continue;
      for (const f of [0.9, 0.5]) {
        const noise = f * s2II;
        expect(Math.abs(phaseAt(m, noise).a + gmflIIByBisection(m, noise))).toBeLessThan(1e-5);
      }
    }
  });

  it('M1: in the mixed phase A stays pinned at u_c, so r = 0 and r₊ stay degenerate', () => {
    const s2c = sigma2Critical(FIG3);
    const s2II = sigma2II(FIG3);
    for (const t of [0.1, 0.5, 0.9]) {
      const pt = phaseAt(FIG3, s2II + t * (s2c - s2II));
      expect(pt.phase).toBe('mixed');
      expect(Math.abs(pt.A / criticalInteraction(FIG3.gamma) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(minimiseAction(pt.A * (1 - 1e-9), FIG3.gamma).value)).toBeLessThan(1e-6);
    }
  });

  it('M1: a is continuous at σ_c² and σ_II²; the droplet fraction is linear in σ² between them (0 → 1)', () => {
    for (const m of [FIG3, ...OTHERS]) {
      const s2c = sigma2Critical(m);
      const s2II = sigma2II(m);
      const eps = 1e-9 * s2c;
      expect(phaseAt(m, s2c + eps).a).toBe(-1);
      expect(Math.abs(phaseAt(m, s2c - eps).a + 1)).toBeLessThan(1e-8);
      expect(phaseAt(m, s2c - eps).droplet).toBeLessThan(1e-6);
      if (s2II > 0) {
        const above = phaseAt(m, s2II + eps);
        const below = phaseAt(m, s2II - eps);
        expect(above.phase).toBe('mixed');
        expect(below.phase).toBe('GMFL-II');
        expect(Math.abs(above.a - below.a)).toBeLessThan(1e-6);
        expect(Math.abs(above.droplet - 1)).toBeLessThan(1e-6);
        // The λ on both sides agree: the lever rule's σ_a² p r₊⁴ meets the GMFL-II branch's σ_a² r₊⁴.
        expect(Math.abs(above.lambda / below.lambda - 1)).toBeLessThan(1e-6);
      }
      const lo = Math.max(s2II, 0) + 0.05 * (s2c - Math.max(s2II, 0));
      const hi = s2c - 0.05 * (s2c - Math.max(s2II, 0));
      const xs = [lo, (2 * lo + hi) / 3, (lo + 2 * hi) / 3, hi];
      const ps = xs.map((x) => phaseAt(m, x).droplet);
      const slope = (ps[3]! - ps[0]!) / (xs[3]! - xs[0]!);
      expect(slope).toBeCloseTo(-m.gamma / (3 * m.sigma_a2), 6);
      for (let i = 1; i < 3; i++) expect(Math.abs(ps[i]! - (ps[0]! + slope * (xs[i]! - xs[0]!)))).toBeLessThan(1e-9);
    }
  });

  it('M1: |a| decreases monotonically as σ² decreases below σ_c² (the discrepancy reduction), and a = −1 above', () => {
    const s2c = sigma2Critical(FIG3);
    let prev = -1;
    for (let s2 = 0.999 * s2c; s2 > 0.02; s2 -= 0.002) {
      const a = phaseAt(FIG3, s2).a;
      expect(a).toBeGreaterThan(prev);
      prev = a;
    }
    for (const s2 of [s2c, 0.3, 1, 10]) expect(phaseAt(FIG3, s2).a).toBe(-1);
  });
});
