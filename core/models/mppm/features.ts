/**
 * The features of generation's Fréchet distance (docs/theory/mppm.md §6): the PCA latent of the
 * run's training images (`generation.features = pca`), or the 128-d penultimate layer of a digit
 * classifier trained on labelled images of the data set (`classifier`; ./learned/feature-net.ts),
 * read from `generation.feature_model` when given. The classifier sees every class: its own seeded
 * selection of `generation.classifier_images` labelled images, plus up to 500 others held out for
 * its accuracy.
 */
import { createRng, deriveSeed } from '../../numerics/rng.js';
import type { ArtifactResult, RunContext } from '../model-kind.js';
import { DATA_INPUT, type RunData } from './data.js';
import { resizeBilinear } from './image-ops.js';
import { FEATURE_DIM, type FeatureNet, featureNetFromArtifact, featureNetToArtifact, trainFeatureNet } from './learned/feature-net.js';
import type { TrainHooks } from './learned/training.js';
import { frechetOfFeatures } from './metrics.js';
import { pcaOf } from './methods.js';
import type { MppmParams } from './params.js';
import { pcaEncode } from './pca-latent.js';

export const FEATURE_INPUT = 'feature_net';
const TAG = 0x66656174;
const HELD_OUT = 500;

/** Classifiers trained in this process, by data set and settings (training is deterministic, so parts share one). */
const trainedNets = new WeakMap<object, Map<string, ArtifactResult>>();

export interface GenerationFeatures {
  dim: number;
  /** Features of n images (n × pixels) as rows of `dim`. */
  of(images: Float64Array, n: number): Float64Array;
  /** classifier_accuracy on the held-out images, when the classifier was trained or read. */
  scalars: Record<string, number>;
  /** The classifier, when trained in this run. */
  artifact?: ArtifactResult;
  dispose(): void;
}

/** The classifier of a run: read from its input, or trained on the data set's labelled images. */
export function featureClassifier(p: MppmParams, ctx: Pick<RunContext, 'seed' | 'inputs'>, hooks: TrainHooks = {}): { net: FeatureNet; accuracy: number; trained: boolean } {
  const ds = ctx.inputs?.[DATA_INPUT];
  if (p.data.source !== 'images' || !ds || ds.type !== 'images' || !ds.labels) {
    throw new RangeError('generation.features = classifier needs labelled images (package:mnist); use generation.features = pca');
  }
  const labels = ds.labels;
  const classes = Math.max(...labels) + 1;
  const order = Array.from({ length: ds.images.length }, (_, i) => i);
  const rng = createRng(deriveSeed(ctx.seed, TAG, 1));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTrain = Math.min(p.generation.classifier_images, order.length - 1);
  const nHeld = Math.min(HELD_OUT, order.length - nTrain);
  const side = p.data.side;
  const row = (i: number) => (side > 0 && (ds.width !== side || ds.height !== side) ? resizeBilinear({ width: ds.width, height: ds.height, channels: ds.channels, data: ds.images[i]! }, side, side).data : ds.images[i]!);
  const pixels = (side > 0 ? side * side : ds.width * ds.height) * ds.channels;
  const block = (idx: number[]) => {
    const out = new Float64Array(idx.length * pixels);
    idx.forEach((i, r) => out.set(row(i), r * pixels));
    return { data: out, labels: idx.map((i) => labels[i]!) };
  };
  const held = block(order.slice(nTrain, nTrain + nHeld));
  const stored = ctx.inputs?.[FEATURE_INPUT];
  let net: FeatureNet;
  let trained = false;
  if (stored && stored.type === 'artifact') {
    net = featureNetFromArtifact({ name: FEATURE_INPUT, format: stored.format, config: { ...stored.config }, data: stored.data });
    if (net.config.pixels !== pixels) {
      net.dispose();
      throw new RangeError(`generation.feature_model was trained on images of ${net.config.pixels} values, these have ${pixels}`);
    }
  } else {
    const key = JSON.stringify([ctx.seed, nTrain, pixels, classes, p.generation.classifier_epochs]);
    const byData = trainedNets.get(ds) ?? new Map<string, ArtifactResult>();
    trainedNets.set(ds, byData);
    const cached = byData.get(key);
    if (cached) net = featureNetFromArtifact(cached);
    else {
      const train = block(order.slice(0, nTrain));
      net = trainFeatureNet(train.data, train.labels, nTrain, pixels, classes, { epochs: p.generation.classifier_epochs }, deriveSeed(ctx.seed, TAG, 2), hooks);
      byData.set(key, featureNetToArtifact(net, FEATURE_INPUT));
    }
    trained = true;
  }
  return { net, accuracy: net.accuracy(held.data, held.labels, nHeld), trained };
}

/** The features a generating part scores its images with. */
export function generationFeatures(p: MppmParams, data: RunData, ctx: Pick<RunContext, 'seed' | 'inputs'>, hooks: TrainHooks = {}): GenerationFeatures {
  if (p.generation.features === 'classifier') {
    const { net, accuracy, trained } = featureClassifier(p, ctx, hooks);
    return {
      dim: FEATURE_DIM,
      of: (images, n) => net.features(images, n),
      scalars: { classifier_accuracy: accuracy },
      ...(trained ? { artifact: featureNetToArtifact(net, FEATURE_INPUT) } : {}),
      dispose: () => net.dispose(),
    };
  }
  const basis = pcaOf(p, data);
  return {
    dim: basis.latent,
    of: (images, n) => {
      const f = new Float64Array(n * basis.latent);
      pcaEncode(basis, images, n, f);
      return f;
    },
    scalars: {},
    dispose: () => undefined,
  };
}

/**
 * The Fréchet distance of n generated images to the test images on the run's features
 * (`frechet`), the floor of as many held training images (`frechet_reference`) and, with the
 * classifier, its held-out accuracy and (when trained here) the classifier itself.
 */
export function scoreGenerated(
  p: MppmParams,
  data: RunData,
  generated: Float64Array,
  n: number,
  ctx: Pick<RunContext, 'seed' | 'inputs'>,
  hooks: { isCancelled?: () => boolean; progress?: (f: number) => void } = {},
): { scalars: Record<string, number>; artifact?: ArtifactResult } {
  const features = generationFeatures(p, data, ctx, hooks);
  try {
    const testFeatures = features.of(data.test.data, data.test.count);
    const frechet = frechetOfFeatures(features.of(generated, n), n, testFeatures, data.test.count, features.dim);
    // The floor: as many held training images as generated ones, against the same test images.
    const held = Math.min(data.train.count, n);
    const reference = frechetOfFeatures(features.of(data.train.data.subarray(0, held * data.train.pixels), held), held, testFeatures, data.test.count, features.dim);
    return { scalars: { frechet, frechet_reference: reference, ...features.scalars }, ...(features.artifact ? { artifact: features.artifact } : {}) };
  } finally {
    features.dispose();
  }
}
