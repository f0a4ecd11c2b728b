/**
 * Assembling a run: per-method PSNR, SSIM and ℓ2 series against the degradation level, the
 * per-method scalars at the last level, one image grid per level (rows = test images, columns =
 * clean / degraded / each method) and the generation grid with its Fréchet distances.
 */
import type { ImageGrid, ImageResult, MergeContext, PartResult, RunResult, Series } from '../model-kind.js';
import { degradedTest, imageAt, runData, runLevels } from './data.js';
import { LEVEL_LABEL } from './degradations.js';
import { METHOD_LABELS, outputs } from './outputs.js';
import { learnedGenerationKey, learnedMetricKey } from './learned-part.js';
import { psnr, ssimFor } from './metrics.js';
import { type Method, type MppmParams, TRAINED_METHODS } from './params.js';
import { generatedName, partTasks, restoredName } from './parts.js';

const METRICS = ['psnr', 'ssim', 'l2'] as const;

/**
 * Each restoration grid's images other than the clean one get their PSNR (capped at 100 dB, as the
 * scalars) and SSIM against the clean image of their row; SSIM only when the image is large enough
 * for its window.
 */
function attachMetrics(images: ImageResult[], grids: ImageGrid[]): void {
  const byName = new Map(images.map((im) => [im.name, im]));
  const metrics = new Map<string, Record<string, number>>();
  for (const grid of grids) {
    for (const row of grid.cells) {
      const clean = row[0] ? byName.get(row[0]) : undefined;
      if (!clean) continue;
      for (const name of row.slice(1)) {
        const im = name ? byName.get(name) : undefined;
        if (!im || im.data.length !== clean.data.length) continue;
        const channels = im.channels ?? 1;
        const win = channels === 1 ? 7 : 3;
        metrics.set(im.name, {
          psnr: Math.min(psnr(clean.data, im.data), 100),
          ...(im.width >= win && im.height >= win ? { ssim: ssimFor(clean.data, im.data, im.width, im.height, channels) } : {}),
        });
      }
    }
  }
  images.forEach((im, i) => {
    const m = metrics.get(im.name);
    if (m) images[i] = { ...im, metrics: m };
  });
}

function image(name: string, set: { width: number; height: number; channels: 1 | 3 }, data: Float64Array): ImageResult {
  return { name, width: set.width, height: set.height, channels: set.channels, range: [0, 1], data: Float64Array.from(data) };
}

export function merge(p: MppmParams, parts: PartResult[], ctx: MergeContext): RunResult {
  const tasks = partTasks(p);
  const levels = runLevels(p);
  const data = runData(p, ctx);
  const byTask = (i: number) => parts.find((q) => q.key.dim === i)!.result;
  const restoreMethods = p.methods;
  const learnedPart = (method: Method) => {
    const family = method === 'lmppm_learned' ? 'latent' : 'baselines';
    return byTask(tasks.findIndex((t) => t.task === 'learned' && t.family === family));
  };
  const metric = (method: Method, level: number, name: (typeof METRICS)[number]): number => {
    if (TRAINED_METHODS.includes(method)) return learnedPart(method).scalars[learnedMetricKey(method, name, level)]!;
    const i = tasks.findIndex((t) => t.task === 'restore' && t.level === level && t.method === method);
    return byTask(i).scalars[name]!;
  };

  const x = Float64Array.from(levels.map((l) => l.level));
  const series: Series[] = [];
  for (const name of METRICS) {
    const spec = outputs.observables.find((o) => o.name === name)!;
    for (const method of restoreMethods) {
      series.push({
        name,
        source: 'empirical',
        label: METHOD_LABELS[method],
        x,
        y: Float64Array.from(levels.map((_, l) => metric(method, l, name))),
        xLabel: spec.xLabel,
        yLabel: spec.yLabel,
      });
    }
  }

  const last = levels.length - 1;
  const scalars: Record<string, number> = {};
  for (const method of restoreMethods) for (const name of METRICS) scalars[`${name}_${method}`] = metric(method, last, name);

  const rows = Math.min(p.grid.rows, data.test.count);
  const images: ImageResult[] = [];
  const grids: ImageGrid[] = [];
  for (let r = 0; r < rows; r++) images.push(image(`clean-${r + 1}`, data.test, imageAt(data.test, r)));
  const shown = restoreMethods.filter((m) => m !== 'degraded');
  levels.forEach(({ level, name }, l) => {
    const degraded = degradedTest(p, data.test, level, ctx.seed);
    for (let r = 0; r < rows; r++) images.push(image(restoredName(l, 'degraded', r), data.test, imageAt(degraded, r)));
    for (const method of shown) {
      if (TRAINED_METHODS.includes(method)) {
        images.push(...(learnedPart(method).images ?? []).filter((im) => Array.from({ length: rows }, (_, r) => restoredName(l, method, r)).includes(im.name)));
        continue;
      }
      const i = tasks.findIndex((t) => t.task === 'restore' && t.level === l && t.method === method);
      images.push(...(byTask(i).images ?? []));
    }
    grids.push({
      name: `restoration-${l + 1}`,
      title: `${p.degradation.kind}, ${name === `${level}` ? '' : `${name}: `}${LEVEL_LABEL[p.degradation.kind]} = ${level}`,
      rows: Array.from({ length: rows }, (_, r) => `test ${r + 1}`),
      columns: ['clean', 'degraded', ...shown.map((m) => METHOD_LABELS[m])],
      cells: Array.from({ length: rows }, (_, r) => [`clean-${r + 1}`, restoredName(l, 'degraded', r), ...shown.map((m) => restoredName(l, m, r))]),
    });
  });

  attachMetrics(images, grids);

  const generators: { method: Method; value: (name: string) => number | undefined; images: ImageResult[] }[] = [];
  tasks.forEach((t, i) => {
    if (t.task === 'generate') generators.push({ method: t.method, value: (name) => byTask(i).scalars[name], images: byTask(i).images ?? [] });
  });
  if (p.generation.enabled) {
    for (const method of p.methods.filter((m) => TRAINED_METHODS.includes(m))) {
      const part = learnedPart(method);
      if (part.scalars[learnedGenerationKey(method, 'frechet')] === undefined) continue;
      generators.push({ method, value: (name) => part.scalars[learnedGenerationKey(method, name)], images: (part.images ?? []).filter((im) => im.name.startsWith(`generated-${method}-`)) });
    }
  }
  if (generators.length > 0) {
    for (const g of generators) {
      scalars[`frechet_${g.method}`] = g.value('frechet')!;
      images.push(...g.images);
    }
    scalars['frechet_reference'] = generators[0]!.value('frechet_reference')!;
    const accuracy = generators[0]!.value('classifier_accuracy');
    if (accuracy !== undefined) scalars['classifier_accuracy'] = accuracy;
    const genRows = Math.min(p.grid.rows, p.generation.count);
    grids.push({
      name: 'generation',
      title: `from noise, K = ${p.generation.steps}`,
      rows: Array.from({ length: genRows }, (_, r) => `sample ${r + 1}`),
      columns: generators.map((g) => METHOD_LABELS[g.method]),
      cells: Array.from({ length: genRows }, (_, r) => generators.map((g) => generatedName(g.method, r))),
    });
  }

  scalars['level'] = levels[last]!.level;
  scalars['train_images'] = data.train.count;
  scalars['test_images'] = data.test.count;
  scalars['anchor_images'] = data.anchors.count;
  const pcaPart = tasks.findIndex((t) => t.task === 'restore' && t.method === 'lmppm_pca');
  if (pcaPart >= 0) {
    scalars['pca_variance_explained'] = byTask(pcaPart).scalars['variance_explained']!;
    scalars['repeat_gap_lmppm_pca'] = Math.max(...tasks.flatMap((t, i) => (t.task === 'restore' && t.method === 'lmppm_pca' ? [byTask(i).scalars['repeat_gap']!] : [])));
  }

  const notes = [
    `Per-method scalars are at the last level, ${LEVEL_LABEL[p.degradation.kind]} = ${levels[last]!.level}; PSNR per image is capped at 100 dB (identical images).`,
  ];
  if (p.methods.includes('mppm') || p.methods.includes('lmppm_pca')) {
    notes.push(
      `Deviation from the paper: MPPM's distance to the manifold is the training-free distance to the mean of the ${p.latent.neighbours} nearest ` +
        `anchor(s), not a trained distance network; LMPPM uses a PCA latent of dimension ${p.latent.dim} instead of an autoencoder.`,
    );
  }
  if (generators.length > 0) {
    notes.push(
      p.generation.features === 'classifier'
        ? "Fréchet distances on the 128-d features of a digit classifier (deviation: a fully connected net pixels-256-128-classes, not the paper's CNN; its held-out accuracy is classifier_accuracy)."
        : 'Fréchet distances on PCA-latent features of the training images (not the paper\'s classifier features; generation.features = classifier for those).',
    );
  }
  if (p.methods.includes('optimal_denoiser')) {
    const blind = p.optimal_denoiser.sigma === 0 && p.degradation.kind !== 'noise';
    notes.push(`The optimal denoiser assumes ${p.optimal_denoiser.sigma > 0 ? `sigma = ${p.optimal_denoiser.sigma}` : blind ? 'a blind per-image noise level (rms distance to the nearest training image)' : 'sigma = the noise level s'}.`);
  }
  const artifacts = tasks.flatMap((t, i) => byTask(i).artifacts ?? []).filter((a, i, all) => all.findIndex((b) => b.name === a.name) === i);
  for (const [i, t] of tasks.entries()) {
    if (t.task !== 'learned') continue;
    for (const note of byTask(i).notes ?? []) if (!notes.includes(note)) notes.push(note);
  }
  if (artifacts.length > 0) notes.push(`Trained in this run and kept as artifacts: ${artifacts.map((a) => a.name).join(', ')} (reuse with learned.model or baselines.*_model = run:RUN_ID/NAME).`);
  return { series, scalars, images, grids, notes, ...(artifacts.length > 0 ? { artifacts } : {}) };
}
