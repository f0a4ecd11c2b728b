/**
 * The trained methods of a run (docs/theory/mppm.md §4; networks in ./learned/): Latent MPPM on the
 * learned latent (autoencoder + distance network), the denoising autoencoder and the latent DDPM on
 * the DAE latent. One part per family trains its networks — or reads them from the artifacts named
 * by `learned.model`, `baselines.dae_model`, `baselines.ddpm_model` — and restores the test images
 * at every level; it returns the metrics per level, the grid's images and the trained networks as
 * artifacts, so a later run can reuse them.
 */
import { deriveSeed } from '../../numerics/rng.js';
import { checkpoint, hooksOf } from '../kit/index.js';
import type { ArtifactResult, ImageResult, RunContext, RunResult } from '../model-kind.js';
import { type ImageSet, degradedTest, imageAt, noiseStarts, runData, runLevels } from './data.js';
import { scoreGenerated } from './features.js';
import { iterateLatents, mppmRestore } from './iteration.js';
import {
  type Dae,
  type LatentDdpm,
  type LearnedLatent,
  daeFromArtifact,
  daeToArtifact,
  ddpmFromArtifact,
  ddpmToArtifact,
  learnedLatentFromArtifact,
  learnedLatentToArtifact,
  trainDae,
  trainDdpm,
  trainLearnedLatent,
} from './learned/index.js';
import { generationSettings, restorationSettings } from './methods.js';
import { l2Distance, psnr, ssimFor } from './metrics.js';
import type { Method, MppmParams } from './params.js';

export const LEARNED_INPUTS = { latent: 'learned_latent', dae: 'dae', ddpm: 'latent_ddpm' } as const;
export type LearnedFamily = 'latent' | 'baselines';

/** Seeds of the trained networks, apart from the kind's other streams. */
const TRAIN_SEED = { latent: 1, dae: 2, ddpm: 3, chain: 4, generation: 5 } as const;
const TAG = 0x6c726e64;

/** The key of a per-level metric in a learned part's scalars. */
export function learnedMetricKey(method: Method, metric: string, level: number): string {
  return `${method}:${metric}:${level}`;
}

/** The key of a generation scalar (frechet, frechet_reference, classifier_accuracy) of a trained method. */
export function learnedGenerationKey(method: Method, name: string): string {
  return `${method}:generation:${name}`;
}

function imageName(level: number, method: string, r: number): string {
  return `level${level}-${method}-${r + 1}`;
}

/** The stored artifact of an input, as the reader of ./learned expects it. */
function storedArtifact(ctx: RunContext, input: string): ArtifactResult | null {
  const a = ctx.inputs?.[input];
  if (!a || a.type !== 'artifact') return null;
  return { name: input, format: a.format, config: { ...a.config }, data: a.data };
}

function scoreInto(p: MppmParams, method: Method, level: number, test: ImageSet, out: Float64Array, result: { scalars: Record<string, number>; images: ImageResult[] }): void {
  const { width, height, channels, pixels } = test;
  let sp = 0;
  let ss = 0;
  let sl = 0;
  for (let i = 0; i < test.count; i++) {
    const clean = imageAt(test, i);
    const got = out.subarray(i * pixels, (i + 1) * pixels);
    sp += Math.min(psnr(clean, got), 100);
    ss += ssimFor(clean, got, width, height, channels);
    sl += l2Distance(clean, got);
  }
  result.scalars[learnedMetricKey(method, 'psnr', level)] = sp / test.count;
  result.scalars[learnedMetricKey(method, 'ssim', level)] = ss / test.count;
  result.scalars[learnedMetricKey(method, 'l2', level)] = sl / test.count;
  for (let r = 0; r < Math.min(p.grid.rows, test.count); r++) {
    result.images.push({ name: imageName(level, method, r), width, height, channels, range: [0, 1], data: Float64Array.from(out.subarray(r * pixels, (r + 1) * pixels)) });
  }
}

/** Trains (or reads) one family's networks and restores the test images at every level. */
export function runLearnedPart(p: MppmParams, family: LearnedFamily, ctx: RunContext): RunResult {
  const hooks = hooksOf(ctx);
  checkpoint(hooks, 0);
  const data = runData(p, ctx);
  const shape = { width: data.train.width, height: data.train.height, channels: data.train.channels };
  const seed = (purpose: number) => deriveSeed(ctx.seed, TAG, purpose);
  const train = (from: number, to: number) => ({ isCancelled: hooks.isCancelled, progress: (f: number) => hooks.progress(from + (to - from) * f) });
  const result = { scalars: {} as Record<string, number>, images: [] as ImageResult[] };
  const artifacts: ArtifactResult[] = [];
  const levels = runLevels(p);
  const notes: string[] = [];
  const paperShape = shape.width === 28 && shape.height === 28 && shape.channels === 1;
  const arch = p.learned.arch === 'conv' && paperShape ? 'conv' : 'dense';
  // Generation from noise (docs/theory/mppm.md §6): the images, their Fréchet distance and the feature classifier when trained here.
  const generated = (method: Method, images: Float64Array, n: number, from: number) => {
    checkpoint(hooks, from);
    const scored = scoreGenerated(p, data, images, n, ctx, { isCancelled: hooks.isCancelled });
    for (const [name, v] of Object.entries(scored.scalars)) result.scalars[learnedGenerationKey(method, name)] = v;
    if (scored.artifact && !artifacts.some((a) => a.name === scored.artifact!.name)) artifacts.push(scored.artifact);
    const { pixels } = data.test;
    for (let r = 0; r < Math.min(p.grid.rows, n); r++) {
      result.images.push({ name: `generated-${method}-${r + 1}`, width: shape.width, height: shape.height, channels: shape.channels, range: [0, 1], data: Float64Array.from(images.subarray(r * pixels, (r + 1) * pixels)) });
    }
  };
  const restoreAll = (method: Method, restoreOne: (degraded: ImageSet) => Float64Array, from: number) => {
    levels.forEach(({ level }, l) => {
      checkpoint(hooks, from + ((0.99 - from) * l) / levels.length);
      scoreInto(p, method, l, data.test, restoreOne(degradedTest(p, data.test, level, ctx.seed)), result);
    });
  };
  if (family === 'latent') {
    const stored = storedArtifact(ctx, LEARNED_INPUTS.latent);
    let latent: LearnedLatent;
    if (stored) latent = learnedLatentFromArtifact(stored);
    else {
      latent = trainLearnedLatent(data.train.data, data.train.count, shape, { latent: p.latent.dim, arch, epochs: p.learned.epochs, trainNoise: p.learned.train_noise, lambda3: p.learned.lambda3 }, seed(TRAIN_SEED.latent), train(0, 0.8));
      artifacts.push(learnedLatentToArtifact(latent, LEARNED_INPUTS.latent));
    }
    try {
      const anchors = new Float64Array(data.anchors.count * latent.latent);
      latent.encode(data.anchors.data, data.anchors.count, anchors);
      restoreAll('lmppm_learned', (d) => mppmRestore(latent, anchors, d.data, d.count, restorationSettings(p, 'latent')), 0.8);
      if (p.generation.enabled) {
        const starts = noiseStarts(p.generation.count, data.test, ctx.seed);
        const z = new Float64Array(starts.count * latent.latent);
        latent.encode(starts.data, starts.count, z);
        iterateLatents(latent, anchors, z, starts.count, generationSettings(p, 'latent'), { isCancelled: hooks.isCancelled });
        const out = new Float64Array(starts.count * starts.pixels);
        latent.decode(z, starts.count, out);
        for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, out[i]!));
        generated('lmppm_learned', out, starts.count, 0.95);
      }
    } finally {
      latent.dispose();
    }
  } else {
    const storedDae = storedArtifact(ctx, LEARNED_INPUTS.dae);
    let dae: Dae;
    if (storedDae) dae = daeFromArtifact(storedDae);
    else {
      dae = trainDae(data.train.data, data.train.count, shape, { latent: p.latent.dim, arch, epochs: p.baselines.dae_epochs }, seed(TRAIN_SEED.dae), train(0, 0.4));
      artifacts.push(daeToArtifact(dae, LEARNED_INPUTS.dae));
    }
    let ddpm: LatentDdpm | null = null;
    try {
      if (p.methods.includes('dae')) {
        restoreAll('dae', (d) => {
          const out = new Float64Array(d.count * d.pixels);
          dae.restore(d.data, d.count, out);
          return out;
        }, 0.4);
      }
      if (p.methods.includes('ddpm')) {
        const storedDdpm = storedArtifact(ctx, LEARNED_INPUTS.ddpm);
        if (storedDdpm) ddpm = ddpmFromArtifact(storedDdpm);
        else {
          ddpm = trainDdpm(dae, data.train.data, data.train.count, { epochs: p.baselines.ddpm_epochs }, seed(TRAIN_SEED.ddpm), train(0.45, 0.85));
          artifacts.push(ddpmToArtifact(ddpm, LEARNED_INPUTS.ddpm));
        }
        const model = ddpm;
        restoreAll('ddpm', (d) => {
          const out = new Float64Array(d.count * d.pixels);
          model.restore(dae, d.data, d.count, out, { steps: p.baselines.steps_used, variant: p.baselines.variant, seed: seed(TRAIN_SEED.chain), isCancelled: hooks.isCancelled });
          return out;
        }, 0.85);
        if (p.generation.enabled) {
          const n = p.generation.count;
          const out = new Float64Array(n * data.test.pixels);
          model.generate(dae, n, out, {
            ...(p.generation.ddpm_steps > 0 ? { steps: p.generation.ddpm_steps } : {}),
            variant: p.baselines.variant,
            seed: seed(TRAIN_SEED.generation),
            isCancelled: hooks.isCancelled,
          });
          generated('ddpm', out, n, 0.95);
        }
      }
    } finally {
      ddpm?.dispose();
      dae.dispose();
    }
  }
  if (arch === 'dense') {
    notes.push(
      paperShape
        ? "The networks use the fully connected architecture (learned.arch = dense); the paper's convolutional autoencoder is learned.arch = conv."
        : "The networks use the fully connected architecture (the paper's convolutional one is for 28 × 28 grey images).",
    );
  }
  checkpoint(hooks, 1);
  return { series: [], scalars: result.scalars, images: result.images, artifacts, notes };
}
