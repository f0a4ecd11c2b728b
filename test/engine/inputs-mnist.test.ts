/** mnist digits: read from the package's JSON files, split by a seeded shuffle. */
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../app/engine/inputs/mnist.js';

describe('loadMnist', () => {
  it('loads the asked numbers of 28×28 labelled digits', () => {
    const { train, test } = loadMnist(50, 20, 1);
    expect([train.images.length, test.images.length, train.width, train.height]).toEqual([50, 20, 28, 28]);
    expect(train.images[0]!.length).toBe(784);
    expect(train.labels!.every((l) => l >= 0 && l <= 9)).toBe(true);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const a = loadMnist(30, 10, 7);
    const b = loadMnist(30, 10, 7);
    const c = loadMnist(30, 10, 8);
    expect(a.train.labels).toEqual(b.train.labels);
    expect(a.test.images).toEqual(b.test.images);
    expect(c.train.images).not.toEqual(a.train.images);
  });

  it('refuses more digits than the package has', () => {
    expect(() => loadMnist(10_000, 10_000, 1)).toThrow(/mnist: 10000 \+ 10000 digits asked for, the package has \d+/);
  });
});
