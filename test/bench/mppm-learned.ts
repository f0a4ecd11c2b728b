/**
 * Bench of the trained MPPM networks (part of `npm run bench`; arXiv 2510.00666 §3.3–3.5): one
 * epoch of the per-digit learned latent on 1 000 digits (the paper's convolutional autoencoder and
 * the fully connected fallback), one epoch of the DAE and of the latent DDPM, a forward pass of the
 * convolutional autoencoder on 128 digits, and a DDPM restoration of 100 digits with T_used = 150,
 * on the tensor backend the pool workers use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initTensorBackend } from '../../app/engine/tensor-backend.js';
import { trainDae, trainDdpm, trainLearnedLatent } from '../../core/models/mppm/learned/index.js';

function digits(digit: number, n: number): Float64Array {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const data = (JSON.parse(readFileSync(join(dir, `${digit}.json`), 'utf8')) as { data: number[] }).data;
  return Float64Array.from(data.slice(0, n * 784));
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

export async function benchMppmLearned(out: (s: string) => void, fmt: (x: number, digits?: number) => string): Promise<void> {
  const info = await initTensorBackend();
  out(`\nmppm learned networks (tfjs ${info.version}, ${info.backend} backend${info.note ? `: ${info.note}` : ''})`);
  const n = 1000;
  const x = digits(3, n);
  const shape = { width: 28, height: 28, channels: 1 };
  for (const arch of ['conv', 'dense'] as const) {
    const t0 = performance.now();
    const m = trainLearnedLatent(x, n, shape, { arch, epochs: 1 }, 1);
    const s = seconds(t0);
    out(`  learned latent (${arch}), ${n} digits, 1 epoch: ${fmt(s)} s (120 epochs ≈ ${fmt((120 * s) / 60)} min); losses L1..L8 ${m.epochLosses[0]!.terms.map((v) => fmt(v)).join(' ')}`);
    m.dispose();
  }
  let t0 = performance.now();
  const dae = trainDae(x, n, shape, { epochs: 1 }, 2);
  out(`  DAE (conv), ${n} digits, 1 epoch: ${fmt(seconds(t0))} s, loss ${fmt(dae.epochLosses[0]!)}`);
  const reconstructed = new Float64Array(128 * 784);
  dae.restore(x.subarray(0, 128 * 784), 128, reconstructed);
  t0 = performance.now();
  dae.restore(x.subarray(0, 128 * 784), 128, reconstructed);
  out(`  forward pass of the convolutional autoencoder (encoder and decoder), 128 digits: ${fmt(seconds(t0))} s`);
  t0 = performance.now();
  const ddpm = trainDdpm(dae, x, n, { epochs: 1 }, 3);
  out(`  latent DDPM, ${n} latents, 1 epoch: ${fmt(seconds(t0))} s, loss ${fmt(ddpm.epochLosses[0]!)}`);
  const restored = new Float64Array(100 * 784);
  t0 = performance.now();
  ddpm.restore(dae, x.subarray(0, 100 * 784), 100, restored, { steps: 150, variant: 'consistent', seed: 4 });
  out(`  latent DDPM restoration of 100 digits, T_used = 150: ${fmt(seconds(t0))} s`);
  dae.dispose();
  ddpm.dispose();
}
