import { describe, expect, it } from 'vitest';
import type { PartialResult } from '../../../core/models/model-kind.js';
import { simulationPart } from '../../../core/models/sgd-glm/simulate.js';
import { bytes, ctx, expectSameResult } from './ctx.js';
import { sgdGlmParams } from './sgd-glm-helpers.js';

describe('sgd-glm partial results', () => {
  it('an SGD replica sends its growing risk prefix and returns the same result as without a listener', () => {
    const p = sgdGlmParams.parse({ d: 200, T: 3 });
    const seen: PartialResult[] = [];
    const live = simulationPart(p, ctx(3, 1, { partial: (r) => seen.push(r) }), 0, false);
    const quiet = simulationPart(p, ctx(3, 1), 0, false);
    expectSameResult(live, quiet);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const lengths = seen.map((r) => r.series[0]!.y.length);
    for (let i = 1; i < lengths.length; i++) expect(lengths[i]).toBeGreaterThan(lengths[i - 1]!);
    const finalRisk = live.series.find((s) => s.name === 'risk')!;
    expect(lengths.at(-1)!).toBeLessThan(finalRisk.y.length);
    const last = seen.at(-1)!.series[0]!;
    expect(bytes(last.y).equals(bytes(finalRisk.y.subarray(0, last.y.length)))).toBe(true);
  });
});
