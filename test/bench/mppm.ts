/**
 * Bench section of the mppm kind: Latent MPPM on the PCA latent restoring 100 MNIST test digits
 * under severe noise (s = 1.3), per digit class (digit 3, 600 training images) and over all
 * digits (1000 training images), in one thread; beside it pixel MPPM and the optimal denoiser on
 * the same images, with their mean PSNR and SSIM. Times are single runs of the whole kind
 * (data split, PCA, restoration, metrics), after one warm-up.
 */
import { mnistDigits } from '../../app/engine/inputs/mnist.js';
import { mppm } from '../../core/models/mppm/index.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { runKind } from '../../core/models/run-kind.js';

export function benchMppm(out: (line: string) => void): void {
  const data = mnistDigits().dataset;
  const run = (digit: number, train: number, methods: string[]) => {
    const r = resolveParams(mppm, { params: { data: { digit, train, test: 100 }, degradation: { kind: 'noise', severity: 'severe' }, methods } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const t0 = performance.now();
    const result = runKind(mppm, r.params, { seed: 1, replicas: 1, isCancelled: () => false, progress: () => undefined, inputs: { data } });
    return { ms: performance.now() - t0, scalars: result.scalars };
  };
  out('mppm: restoring 100 MNIST test digits under severe noise (s = 1.3), K = 8, lambda0 = 0.65, B = 128 anchors, one thread');
  run(3, 600, ['lmppm_pca']); // warm-up
  for (const [label, digit, train] of [['digit 3, 600 training images', 3, 600], ['all digits, 1000 training images', -1, 1000]] as const) {
    out(`  ${label}:`);
    for (const method of ['lmppm_pca', 'mppm', 'optimal_denoiser']) {
      const { ms, scalars } = run(digit, train, ['degraded', method]);
      out(
        `    ${method}: ${(ms / 1000).toPrecision(3)} s; PSNR ${scalars[`psnr_${method}`]!.toFixed(2)} dB (degraded ${scalars['psnr_degraded']!.toFixed(2)}), ` +
          `SSIM ${scalars[`ssim_${method}`]!.toFixed(3)} (degraded ${scalars['ssim_degraded']!.toFixed(3)})`,
      );
    }
  }
}
