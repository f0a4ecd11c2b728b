import { describe, expect, it } from 'vitest';
import { downsampleIndices } from '../../view/charts/downsample.js';

describe('min/max-preserving point reduction', () => {
  it('keeps every index when the curve is short enough', () => {
    expect(downsampleIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
  });
  it('returns sorted unique indices, at most maxPoints, including both ends', () => {
    const y = Array.from({ length: 10_001 }, (_, i) => Math.cos(i / 37));
    const idx = downsampleIndices(y, 500);
    expect(idx.length).toBeLessThanOrEqual(500);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(10_000);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
  it('keeps an isolated spike that a stride would skip', () => {
    const y = new Array(10_000).fill(0);
    y[4321] = 100;
    y[777] = -50;
    const idx = downsampleIndices(y, 100);
    expect(idx).toContain(4321);
    expect(idx).toContain(777);
  });
  it('ignores NaN when looking for extremes', () => {
    // Leading NaN in every bucket; the finite maximum must still be found.
    const y = Array.from({ length: 1000 }, (_, i) => (i % 2 ? i : Number.NaN));
    const idx = downsampleIndices(y, 30);
    expect(idx).toContain(997);
    expect(idx.filter((i) => i % 2 === 1).length).toBeGreaterThan(10);
  });
});
