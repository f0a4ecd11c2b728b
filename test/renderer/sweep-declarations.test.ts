/**
 * Sweep summaries read the kind's declared outputs: a scalar draws as theory when the kind declares
 * it a theory value or a limit (not when its name merely contains "theory"), and the summary opens
 * on the first scalar the kind declares.
 */
import { describe, expect, it } from 'vitest';
import type { KindOutputs } from '../../core/models/model-kind.js';
import { kinds } from '../../core/models/registry.js';
import { defaultSweepScalar, sweepLineSeries } from '../../view/charts/sweep-summary.js';
import type { SweepRecord } from '../../view/records.js';

const outputs: KindOutputs = {
  observables: [],
  scalars: [
    { name: 'gap_slope', role: 'gap', description: 'slope' },
    { name: 'final_risk_theory', role: 'theory', description: 'risk' },
    { name: 'theory_steps', role: 'diagnostic', description: 'steps' },
    { name: 'lr_limit', role: 'limit', description: 'limit' },
    { name: 'gap_d{n}', role: 'gap', description: 'gap at d' },
  ],
};

const sweep = {
  spec: { axes: [{ path: 'a', values: [1, 2] }] },
  boundaries: [],
  runs: [1, 2].map((a) => ({
    status: 'done',
    scalars: { final_risk_theory: a, theory_steps: 10 * a, lr_limit: 0.5, gap_d256: a / 10, gap_slope: -0.5 },
    sweepPoint: { a },
  })),
} as unknown as SweepRecord;

const sourceOf = (scalar: string, o?: KindOutputs) => sweepLineSeries(sweep, scalar, 'a', o)[0]!.source;

describe('sweep summaries from declared outputs', () => {
  it('draw a scalar as theory by its declared role, not by its name', () => {
    expect(sourceOf('final_risk_theory', outputs)).toBe('theory');
    expect(sourceOf('lr_limit', outputs)).toBe('theory');
    expect(sourceOf('theory_steps', outputs)).toBe('simulation');
    expect(sourceOf('gap_d256', outputs)).toBe('simulation');
  });

  it('open on the first declared scalar that the runs report', () => {
    expect(defaultSweepScalar(['theory_steps', 'final_risk_theory', 'gap_slope'], outputs)).toBe('gap_slope');
    expect(defaultSweepScalar(['x', 'gap_d512'], outputs)).toBe('gap_d512');
    expect(defaultSweepScalar(['x', 'y'], outputs)).toBe('x');
    expect(defaultSweepScalar(['x', 'y'])).toBe('x');
  });

  it('open the registered kinds that report a final theory risk on it', () => {
    const withRisk = kinds.filter((kind) => kind.outputs.scalars.some((s) => s.name === 'final_risk_theory'));
    expect(withRisk.length).toBeGreaterThan(0);
    for (const kind of withRisk) expect(defaultSweepScalar(['theory_steps', 'max_rel_gap', 'final_risk_theory'], kind.outputs), kind.id).toBe('final_risk_theory');
  });

  it('open a rate kind on its fitted slope', () => {
    const kind = kinds.find((k) => k.id === 'interaction-kernel')!;
    expect(defaultSweepScalar(['lambda_min', 'slope_theory', 'slope'], kind.outputs)).toBe('slope');
  });
});

describe('sweep summary boundaries', () => {
  it('draw a vertical boundary with a height even over a scalar the sweep does not change', () => {
    const flat = {
      spec: { axes: [{ path: 'noise', values: [0.1, 0.2, 0.3] }] },
      boundaries: [{ label: 'onset', x: [0.236], y: [] }],
      runs: [0.1, 0.2, 0.3].map((noise) => ({ status: 'done', scalars: { sigma2_c: 0.236 }, sweepPoint: { noise } })),
    } as unknown as SweepRecord;
    const line = sweepLineSeries(flat, 'sigma2_c', 'noise').find((s) => s.label === 'onset')!;
    expect(Array.from(line.x)).toEqual([0.236, 0.236]);
    expect(line.y[0]!).toBeLessThan(0.236);
    expect(line.y[1]!).toBeGreaterThan(0.236);
  });
});
