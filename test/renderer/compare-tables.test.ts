/** Compare's tables: scalars side by side, and a warning when overlaid curves' x axes differ in meaning. */
import { describe, expect, it } from 'vitest';
import { scalarRows, xAxisConflict, xAxisWarning } from '../../renderer/src/lib/compare-tables.js';

describe('scalars side by side', () => {
  it('give one row per scalar and one value per run, empty where a run lacks it, and mark differences', () => {
    const rows = scalarRows([
      { scalars: { final_risk_theory: 0.1, steps: 10 } },
      { scalars: { final_risk_theory: 0.2, steps: 10, rho: 'Infinity' } },
    ]);
    expect(rows).toEqual([
      { name: 'final_risk_theory', values: [0.1, 0.2], differs: true },
      { name: 'rho', values: [null, 'Infinity'], differs: true },
      { name: 'steps', values: [10, 10], differs: false },
    ]);
  });

  it('read only the runs’ own scalars', () => {
    expect(scalarRows([{ scalars: {} }, { scalars: JSON.parse('{"__proto__": 1}') as Record<string, number> }])).toEqual([
      { name: '__proto__', values: [null, 1], differs: true },
    ]);
  });
});

describe('x axes of an overlay', () => {
  const panel = (label: string, ...xLabels: string[]) => ({ label, series: xLabels.map((xLabel) => ({ xLabel })) });

  it('agree when every curve has the same x label', () => {
    expect(xAxisConflict([panel('A', 't = steps/d', 't = steps/d'), panel('B', 't = steps/d')])).toBeNull();
    expect(xAxisConflict([panel('A'), panel('B', 't')])).toBeNull();
  });

  it('differ in meaning when the same observable uses another x label, and the warning names each run’s axis', () => {
    const groups = xAxisConflict([panel('A', 't = steps/d'), panel('B', 't = k/n'), panel('C', 't = steps/d')]);
    expect(groups).toEqual([
      { xLabel: 't = steps/d', runs: ['A', 'C'] },
      { xLabel: 't = k/n', runs: ['B'] },
    ]);
    expect(xAxisWarning(groups!)).toBe(
      'These runs measure x differently — “t = steps/d” for A, C; “t = k/n” for B — so the overlay puts different quantities on one axis.',
    );
  });
});
