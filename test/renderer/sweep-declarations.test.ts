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
    for (const kind of kinds.filter((k) => k.outputs.scalars.some((s) => s.name === 'final_risk_theory'))) expect(defaultSweepScalar(['theory_steps', 'max_rel_gap', 'final_risk_theory'], kind.outputs), kind.id).toBe('final_risk_theory');
  });
});
