/**
 * The degradations of the mppm kind on cases with a known answer: a level that does nothing, the
 * antialiased bilinear halving's (1, 3, 3, 1)/8 filter (PIL's and torchvision's), a quarter turn as
 * an exact permutation of pixels, masking fractions, and one seeded stream per image.
 */
import { describe, expect, it } from 'vitest';
import { degrade, type DegradationKind, levelProblem } from '../../../core/models/mppm/degradations.js';
import { type Image, resizeBilinear } from '../../../core/models/mppm/image-ops.js';
import { createRng } from '../../../core/numerics/rng.js';

function testImage(side: number, channels = 1, seed = 1): Image {
  const rng = createRng(seed);
  const data = new Float64Array(side * side * channels);
  for (let i = 0; i < data.length; i++) data[i] = rng.nextDouble();
  return { width: side, height: side, channels, data };
}

const run = (img: Image, kind: DegradationKind, level: number, seed = 5) => degrade(img, { kind, level, elasticAlpha: 34 }, createRng(seed));

describe('degradations', () => {
  it('leave the image unchanged at their identity level (noise 0, factor 1, 0 degrees, kernel 1, nothing masked, alpha 0)', () => {
    const img = testImage(13, 3);
    for (const [kind, level] of [['noise', 0], ['sr', 1], ['rotation', 0], ['blur', 1], ['mask', 0]] as const) {
      const out = run(img, kind, level).data;
      for (let i = 0; i < out.length; i++) expect(out[i], `${kind} ${i}`).toBeCloseTo(img.data[i]!, 14);
    }
    const still = degrade(img, { kind: 'elastic', level: 1.5, elasticAlpha: 0 }, createRng(1)).data;
    for (let i = 0; i < still.length; i++) expect(still[i]).toBeCloseTo(img.data[i]!, 14);
  });

  it('halve a row with the antialiased bilinear weights (1, 3, 3, 1)/8 (edges renormalised)', () => {
    const row = Float64Array.from([1, 2, 4, 8, 16, 32, 64, 128]);
    const out = resizeBilinear({ width: 8, height: 1, channels: 1, data: row }, 4, 1).data;
    expect(out[1]).toBeCloseTo((2 + 3 * 4 + 3 * 8 + 16) / 8, 13);
    expect(out[2]).toBeCloseTo((8 + 3 * 16 + 3 * 32 + 64) / 8, 13);
    expect(out[0]).toBeCloseTo((3 * 1 + 3 * 2 + 4) / 7, 13);
  });

  it('rotate by 90 degrees counter-clockwise as an exact permutation of an odd square', () => {
    const img = testImage(9);
    const out = run(img, 'rotation', 90).data;
    // Content at (x, y) moves to (y, 8 − x) for the counter-clockwise quarter turn about (4, 4), y down.
    for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) expect(out[(8 - x) * 9 + y]).toBeCloseTo(img.data[y * 9 + x]!, 12);
  });

  it('mask about the asked fraction of pixels, all channels together', () => {
    const img = { width: 50, height: 50, channels: 3, data: new Float64Array(7500).fill(1) };
    const out = run(img, 'mask', 0.25).data;
    let masked = 0;
    for (let p = 0; p < 2500; p++) {
      const zeros = [0, 1, 2].filter((c) => out[p * 3 + c] === 0).length;
      expect([0, 3]).toContain(zeros);
      if (zeros === 3) masked++;
    }
    // Binomial(2500, 0.25): mean 625, sd 21.7.
    expect(Math.abs(masked - 625)).toBeLessThan(4 * 21.7);
    expect(Array.from(run(img, 'mask', 1).data).every((v) => v === 0)).toBe(true);
  });

  it('keep noisy values clipped to [0, 1] and depend on the stream only', () => {
    const img = testImage(10);
    const a = run(img, 'noise', 1.3, 7).data;
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(run(img, 'noise', 1.3, 7).data.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(run(img, 'noise', 1.3, 8).data.buffer))).toBe(false);
    const e = run(img, 'elastic', 1.1, 7).data;
    expect(Buffer.from(e.buffer).equals(Buffer.from(run(img, 'elastic', 1.1, 7).data.buffer))).toBe(true);
  });

  it('blur a constant image to itself and conserve the mean of an interior point source', () => {
    const flat = { width: 15, height: 15, channels: 1, data: new Float64Array(225).fill(0.4) };
    for (const v of run(flat, 'blur', 7).data) expect(v).toBeCloseTo(0.4, 14);
    const dot = { width: 15, height: 15, channels: 1, data: new Float64Array(225) };
    dot.data[7 * 15 + 7] = 1;
    expect(run(dot, 'blur', 5).data.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 13);
  });

  it('refuse levels outside each kind’s range with a message', () => {
    expect(levelProblem('blur', 4)).toContain('odd');
    expect(levelProblem('sr', 0)).toContain('(0, 1]');
    expect(levelProblem('mask', 1.5)).toContain('[0, 1]');
    expect(levelProblem('noise', 1.3)).toBeNull();
  });
});
