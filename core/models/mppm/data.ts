/**
 * The images of a run: MNIST digits (or the user's folder) from `ctx.inputs.data`, or synthetic
 * bars, split into training and test images by a shuffle seeded from the run seed, optionally
 * resized; the anchor images; and the degraded test images. Every random choice has its own
 * stream derived from (run seed, purpose, index), so parts computed anywhere agree.
 */
import type { ImageDataset } from '../kit/dataset.js';
import type { InputSpec, RunContext } from '../model-kind.js';
import { type Rng, createRng, deriveSeed } from '../../numerics/rng.js';
import { type DegradationKind, SEVERITY_LEVELS, SEVERITY_NAMES, degrade } from './degradations.js';
import { resizeBilinear } from './image-ops.js';
import type { MppmParams } from './params.js';

export const DATA_INPUT = 'data';

/** Purposes of the kind's random streams. */
const STREAMS = { split: 1, anchors: 2, degrade: 3, synthetic: 4, generation: 5 } as const;
/** Keeps the kind's streams apart from other uses of the run seed. */
const TAG = 0x6d70706d;

export function stream(seed: number, purpose: keyof typeof STREAMS, index = 0): Rng {
  return createRng(deriveSeed(seed, TAG, STREAMS[purpose], index));
}

/** Images of one size as one row-major block (count × pixels). */
export interface ImageSet {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: number;
  count: number;
  data: Float64Array;
}

export interface RunData {
  train: ImageSet;
  test: ImageSet;
  anchors: ImageSet;
}

/** The input the kind reads when data.source = images: MNIST (package:mnist) or a folder. */
export const dataInput: InputSpec<MppmParams> = {
  name: DATA_INPUT,
  pathParam: 'data.path',
  accepts: ['images'],
  used: (p) => p.data.source === 'images',
  check: (p, dataset) => (dataset.type === 'images' ? checkImages(p, dataset) : 'expected images (package:mnist or a folder of PNG/JPEG files)'),
};

/** A stored network the run reads instead of training it (an input that accepts 'artifact'). */
function modelInput(name: string, pathParam: string, format: string, used: (p: MppmParams) => boolean): InputSpec<MppmParams> {
  return {
    name,
    pathParam,
    accepts: ['artifact'],
    used,
    check: (_p, dataset) => (dataset.type !== 'artifact' ? `expected a stored model (${format})` : dataset.format !== format ? `is a ${dataset.format}, not a ${format}` : null),
  };
}

/** The trained networks a run may reuse: learned.model, baselines.dae_model, baselines.ddpm_model. */
export const modelInputs: InputSpec<MppmParams>[] = [
  modelInput('learned_latent', 'learned.model', 'mppm-learned-latent/v1', (p) => p.methods.includes('lmppm_learned') && p.learned.model !== ''),
  modelInput('dae', 'baselines.dae_model', 'mppm-dae/v1', (p) => (p.methods.includes('dae') || p.methods.includes('ddpm')) && p.baselines.dae_model !== ''),
  modelInput('latent_ddpm', 'baselines.ddpm_model', 'mppm-latent-ddpm/v1', (p) => p.methods.includes('ddpm') && p.baselines.ddpm_model !== ''),
  modelInput('feature_net', 'generation.feature_model', 'mppm-feature-net/v1', (p) => p.generation.enabled && p.generation.features === 'classifier' && p.generation.feature_model !== ''),
];

/** Indices of the images the run may use (one digit, or all). */
function eligible(p: MppmParams, ds: ImageDataset): number[] {
  const out: number[] = [];
  for (let i = 0; i < ds.images.length; i++) if (p.data.digit < 0 || ds.labels?.[i] === p.data.digit) out.push(i);
  return out;
}

/** One line when the images cannot serve these parameters, else null. */
export function checkImages(p: MppmParams, ds: ImageDataset): string | null {
  if (p.data.digit >= 0 && !ds.labels) return `data.digit = ${p.data.digit} selects a class, but these images have no labels (set data.digit=-1)`;
  const available = eligible(p, ds).length;
  const what = p.data.digit >= 0 ? `images of digit ${p.data.digit}` : 'images';
  if (p.data.train + p.data.test > available) {
    return `data.train + data.test = ${p.data.train + p.data.test} but there are only ${available} ${what}`;
  }
  const side = Math.min(ds.width, ds.height);
  if (p.data.side === 0 && side < 7) return `images are ${ds.width}×${ds.height}, smaller than the 7×7 SSIM window (set data.side)`;
  return null;
}

/** A bar through the image: random angle, offset and thickness (a manifold of dimension 4). */
function syntheticImages(count: number, side: number, seed: number): Float64Array {
  const rng = stream(seed, 'synthetic');
  const out = new Float64Array(count * side * side);
  const half = 0.3 * side;
  for (let n = 0; n < count; n++) {
    const angle = Math.PI * rng.nextDouble();
    const cx = (side - 1) / 2 + (rng.nextDouble() - 0.5) * 0.25 * side;
    const cy = (side - 1) / 2 + (rng.nextDouble() - 0.5) * 0.25 * side;
    const width = 0.04 * side + 0.04 * side * rng.nextDouble();
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const along = (x - cx) * ux + (y - cy) * uy;
        const t = Math.max(-half, Math.min(half, along));
        const dx = x - (cx + t * ux);
        const dy = y - (cy + t * uy);
        out[n * side * side + y * side + x] = Math.exp(-(dx * dx + dy * dy) / (2 * width * width));
      }
    }
  }
  return out;
}

function setOf(width: number, height: number, channels: 1 | 3, rows: Float64Array[]): ImageSet {
  const pixels = width * height * channels;
  const data = new Float64Array(rows.length * pixels);
  rows.forEach((r, i) => data.set(r, i * pixels));
  return { width, height, channels, pixels, count: rows.length, data };
}

/** Row i of a set (a view). */
export function imageAt(set: ImageSet, i: number): Float64Array {
  return set.data.subarray(i * set.pixels, (i + 1) * set.pixels);
}

/** Training, test and anchor images of a run, the same in every part. */
export function runData(p: MppmParams, ctx: Pick<RunContext, 'seed' | 'inputs'>): RunData {
  const { train, test } = p.data;
  let width: number;
  let height: number;
  let channels: 1 | 3;
  let rows: Float64Array[];
  if (p.data.source === 'synthetic') {
    const side = p.data.side > 0 ? p.data.side : 16;
    const all = syntheticImages(train + test, side, ctx.seed);
    width = side;
    height = side;
    channels = 1;
    rows = Array.from({ length: train + test }, (_, i) => all.subarray(i * side * side, (i + 1) * side * side));
  } else {
    const ds = ctx.inputs?.[DATA_INPUT];
    if (!ds || ds.type !== 'images') throw new RangeError(`data.source = images needs the images at data.path (${p.data.path}) read as the input "${DATA_INPUT}"`);
    const problem = checkImages(p, ds);
    if (problem) throw new RangeError(problem);
    const pool = eligible(p, ds);
    const rng = stream(ctx.seed, 'split');
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rng.nextDouble() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    width = ds.width;
    height = ds.height;
    channels = ds.channels;
    rows = pool.slice(0, train + test).map((i) => ds.images[i]!);
    if (p.data.side > 0 && (width !== p.data.side || height !== p.data.side)) {
      const side = p.data.side;
      rows = rows.map((r) => resizeBilinear({ width, height, channels, data: r }, side, side).data);
      width = side;
      height = side;
    }
  }
  const trainSet = setOf(width, height, channels, rows.slice(0, train));
  const testSet = setOf(width, height, channels, rows.slice(train, train + test));
  return { train: trainSet, test: testSet, anchors: anchorSet(p, trainSet, ctx.seed) };
}

/** One seeded mini-batch of B training images (the code's first batch of a shuffled loader), or all of them. */
function anchorSet(p: MppmParams, train: ImageSet, seed: number): ImageSet {
  if (p.anchors.kind === 'all' || p.anchors.batch >= train.count) return train;
  const order = Array.from({ length: train.count }, (_, i) => i);
  const rng = stream(seed, 'anchors');
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return setOf(train.width, train.height, train.channels, order.slice(0, p.anchors.batch).map((i) => imageAt(train, i)));
}

/** The levels of the degradation a run covers, with their names. */
export function runLevels(p: MppmParams): { level: number; name: string }[] {
  const kind: DegradationKind = p.degradation.kind;
  const named = SEVERITY_LEVELS[kind];
  switch (p.degradation.severity) {
    case 'all':
      return SEVERITY_NAMES.map((name, i) => ({ level: named[i]!, name }));
    case 'custom':
      return p.degradation.levels.map((level) => ({ level, name: `${level}` }));
    default: {
      const i = SEVERITY_NAMES.indexOf(p.degradation.severity);
      return [{ level: named[i]!, name: p.degradation.severity }];
    }
  }
}

/** The test images degraded at `level`; image i always draws from its own stream (common to every level). */
export function degradedTest(p: MppmParams, test: ImageSet, level: number, seed: number): ImageSet {
  const rows: Float64Array[] = [];
  for (let i = 0; i < test.count; i++) {
    const img = { width: test.width, height: test.height, channels: test.channels, data: imageAt(test, i) };
    rows.push(degrade(img, { kind: p.degradation.kind, level, elasticAlpha: p.degradation.elastic_alpha }, stream(seed, 'degrade', i)).data);
  }
  return setOf(test.width, test.height, test.channels, rows);
}

/** Generation's starting images clip(0.5 + 0.5 ξ, 0, 1), ξ standard normal. */
export function noiseStarts(count: number, like: ImageSet, seed: number): ImageSet {
  const rng = stream(seed, 'generation');
  const data = new Float64Array(count * like.pixels);
  rng.fillNormal(data);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(1, Math.max(0, 0.5 + 0.5 * data[i]!));
  return { ...like, count, data };
}
