/**
 * A run's parts: one per (degradation level, method) for restoration, and one per MPPM method for
 * generation from noise. A part's key is `{ role: 'theory', dim: i }` with i its index in
 * `partTasks(p)` (every method here is deterministic given its inputs, anchors and seed).
 */
import { checkpoint, hooksOf } from '../kit/index.js';
import type { ImageResult, PartKey, RunContext, RunPart, RunResult } from '../model-kind.js';
import { type ImageSet, degradedTest, imageAt, noiseStarts, runData, runLevels } from './data.js';
import { iterateLatents } from './iteration.js';
import { scoreGenerated } from './features.js';
import { l2Distance, psnr, ssimFor } from './metrics.js';
import { generationSettings, pcaOf, restore, spaceOf } from './methods.js';
import { type LearnedFamily, runLearnedPart } from './learned-part.js';
import { GENERATIVE_METHODS, type Method, type MppmParams, TRAINED_METHODS } from './params.js';
import type { PcaBasis } from './pca-latent.js';

export type PartTask =
  | { task: 'restore'; level: number; method: Method }
  | { task: 'generate'; method: 'mppm' | 'lmppm_pca' }
  | { task: 'learned'; family: LearnedFamily };

export function partTasks(p: MppmParams): PartTask[] {
  const tasks: PartTask[] = [];
  runLevels(p).forEach((_, level) => {
    for (const method of p.methods) if (!TRAINED_METHODS.includes(method)) tasks.push({ task: 'restore', level, method });
  });
  if (p.methods.includes('lmppm_learned')) tasks.push({ task: 'learned', family: 'latent' });
  if (p.methods.includes('dae') || p.methods.includes('ddpm')) tasks.push({ task: 'learned', family: 'baselines' });
  if (p.generation.enabled) {
    for (const method of p.methods) if (GENERATIVE_METHODS.includes(method) && !TRAINED_METHODS.includes(method)) tasks.push({ task: 'generate', method: method as 'mppm' | 'lmppm_pca' });
  }
  return tasks;
}

/** Relative cost of a task: kernel means and distances over the anchors, per image and step. */
function weight(p: MppmParams, t: PartTask): number {
  if (t.task === 'learned') {
    // Forward and backward passes of the networks: about 1e5 multiply-adds per pixel and image per epoch.
    const epochs = t.family === 'latent' ? p.learned.epochs : p.baselines.dae_epochs + p.baselines.ddpm_epochs;
    return 1e5 * epochs * p.data.train * (p.data.side > 0 ? p.data.side ** 2 : 784);
  }
  const pixels = (p.data.side > 0 ? p.data.side ** 2 : 784);
  const anchors = p.anchors.kind === 'all' ? p.data.train : Math.min(p.anchors.batch, p.data.train);
  const n = t.task === 'generate' ? p.generation.count : p.data.test;
  const steps = t.task === 'generate' ? p.generation.steps : p.mppm.steps;
  switch (t.method) {
    case 'degraded':
      return n * pixels;
    case 'optimal_denoiser':
      return n * p.data.train * pixels;
    case 'mppm':
      return n * steps * anchors * pixels * 3;
    case 'lmppm_pca':
      return p.data.train * p.data.train * pixels + n * steps * anchors * p.latent.dim * 3;
    case 'lmppm_learned':
    case 'dae':
    case 'ddpm':
      return 0; // trained in a 'learned' part
  }
}

export function runParts(p: MppmParams): RunPart[] {
  return partTasks(p).map((t, i) => ({ key: { role: 'theory', dim: i }, weight: weight(p, t) }));
}

export function taskOf(p: MppmParams, key: PartKey): PartTask {
  const t = key.dim === undefined ? undefined : partTasks(p)[key.dim];
  if (!t) throw new RangeError(`mppm has no part ${JSON.stringify(key)}`);
  return t;
}

/** The name of the image of test image r restored by `method` at level index `level`. */
export function restoredName(level: number, method: string, r: number): string {
  return `level${level}-${method}-${r + 1}`;
}

export function generatedName(method: string, r: number): string {
  return `generated-${method}-${r + 1}`;
}

function gridImage(name: string, set: { width: number; height: number; channels: 1 | 3 }, data: Float64Array): ImageResult {
  return { name, width: set.width, height: set.height, channels: set.channels, range: [0, 1], data: Float64Array.from(data) };
}

/** Computes one part: restoration metrics (psnr, ssim, l2 means) and the grid's images, or generated images and their Fréchet distance. */
export function runPart(p: MppmParams, key: PartKey, ctx: RunContext): RunResult {
  const task = taskOf(p, key);
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  if (task.task === 'learned') return runLearnedPart(p, task.family, ctx);
  const data = runData(p, ctx);
  if (task.task === 'generate') return generatePart(p, task.method, data, ctx);
  const level = runLevels(p)[task.level]!.level;
  const degraded = degradedTest(p, data.test, level, ctx.seed);
  const out = restore(task.method, p, data, degraded, level, { isCancelled: hooks.isCancelled, progress: (f) => hooks.progress(0.95 * f) });
  const { width, height, channels, pixels } = data.test;
  let sumPsnr = 0;
  let sumSsim = 0;
  let sumL2 = 0;
  for (let i = 0; i < data.test.count; i++) {
    const clean = imageAt(data.test, i);
    const got = out.subarray(i * pixels, (i + 1) * pixels);
    sumPsnr += Math.min(psnr(clean, got), 100);
    sumSsim += ssimFor(clean, got, width, height, channels);
    sumL2 += l2Distance(clean, got);
  }
  const n = data.test.count;
  const images = task.method === 'degraded' ? [] : Array.from({ length: Math.min(p.grid.rows, n) }, (_, r) => gridImage(restoredName(task.level, task.method, r), data.test, out.subarray(r * pixels, (r + 1) * pixels)));
  const scalars: Record<string, number> = { psnr: sumPsnr / n, ssim: sumSsim / n, l2: sumL2 / n };
  if (task.method === 'lmppm_pca') {
    scalars['variance_explained'] = varianceExplained(pcaOf(p, data), data.train);
    // Check M4 as a number: the same inputs and anchors restored again from a fresh latent space.
    const again = restore(task.method, p, data, degraded, level, {});
    let gap = 0;
    for (let i = 0; i < out.length; i++) gap = Math.max(gap, Math.abs(again[i]! - out[i]!));
    scalars['repeat_gap'] = gap;
  }
  checkpoint(hooks, 1);
  return { series: [], scalars, images };
}

function generatePart(p: MppmParams, method: 'mppm' | 'lmppm_pca', data: ReturnType<typeof runData>, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  const starts = noiseStarts(p.generation.count, data.test, ctx.seed);
  const { space, anchors } = spaceOf(method, p, data, hooks.isCancelled);
  const z = new Float64Array(starts.count * space.latent);
  space.encode(starts.data, starts.count, z);
  iterateLatents(space, anchors, z, starts.count, generationSettings(p, method === 'mppm' ? 'pixel' : 'latent'), {
    isCancelled: hooks.isCancelled,
    progress: (f) => hooks.progress(0.9 * f),
  });
  const generated = new Float64Array(starts.count * space.pixels);
  space.decode(z, starts.count, generated);
  const scored = scoreGenerated(p, data, generated, starts.count, ctx, { isCancelled: hooks.isCancelled, progress: (f) => hooks.progress(0.9 + 0.09 * f) });
  const { pixels } = data.test;
  const images = Array.from({ length: Math.min(p.grid.rows, starts.count) }, (_, r) => gridImage(generatedName(method, r), data.test, generated.subarray(r * pixels, (r + 1) * pixels)));
  checkpoint(hooks, 1);
  return { series: [], scalars: scored.scalars, images, ...(scored.artifact ? { artifacts: [scored.artifact] } : {}) };
}

/** Fraction of the training images' total variance that the PCA latent keeps. */
function varianceExplained(basis: PcaBasis, train: ImageSet): number {
  let total = 0;
  for (let j = 0; j < train.pixels; j++) {
    let s = 0;
    for (let i = 0; i < train.count; i++) s += (train.data[i * train.pixels + j]! - basis.mean[j]!) ** 2;
    total += s / (train.count - 1);
  }
  return basis.variances.reduce((a, b) => a + b, 0) / total;
}
