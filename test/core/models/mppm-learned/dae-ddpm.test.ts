// The DAE and latent DDPM baselines of MPPM (arXiv 2510.00666 §3.5): M4-style determinism of
// training and sampling, seed dependence of the DDPM's outputs, and the artifact round trips.
import { describe, expect, it } from 'vitest';
import { daeFromArtifact, daeToArtifact, ddpmFromArtifact, ddpmToArtifact } from '../../../../core/models/mppm/learned/artifact.js';
import { trainDae } from '../../../../core/models/mppm/learned/dae.js';
import { trainDdpm } from '../../../../core/models/mppm/learned/ddpm.js';
import { useTensorBackend } from '../../../support/tensor-backend.js';
import { digits } from './digits.js';

useTensorBackend();

const shape = { width: 28, height: 28, channels: 1 };
const N = 40;
const train = digits(2, N);
const test = digits(2, 4, N);
const daeOpts = { arch: 'dense' as const, epochs: 2, batchSize: 16 };
const ddpmOpts = { epochs: 2, batchSize: 16 };

describe('DAE and latent DDPM (M4)', () => {
  it('M4: training and restoration are deterministic given the seeds; DDPM outputs vary with the sampling seed', () => {
    const dae = trainDae(train, N, shape, daeOpts, 1);
    const dae2 = trainDae(train, N, shape, daeOpts, 1);
    expect(dae.params.toFloat64()).toEqual(dae2.params.toFloat64());
    expect(dae.epochLosses).toHaveLength(2);
    const ddpm = trainDdpm(dae, train, N, ddpmOpts, 2);
    const ddpm2 = trainDdpm(dae2, train, N, ddpmOpts, 2);
    expect(ddpm.params.toFloat64()).toEqual(ddpm2.params.toFloat64());
    const out = (seed: number, variant: 'as_in_code' | 'consistent') => {
      const o = new Float64Array(4 * 784);
      ddpm.restore(dae, test, 4, o, { steps: 20, variant, seed });
      return o;
    };
    expect(out(5, 'consistent')).toEqual(out(5, 'consistent'));
    expect(out(5, 'consistent')).not.toEqual(out(6, 'consistent'));
    expect(out(5, 'as_in_code')).not.toEqual(out(5, 'consistent'));
    const r = new Float64Array(4 * 784);
    dae.restore(test, 4, r);
    expect(r.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (const m of [dae, dae2, ddpm, ddpm2]) m.dispose();
  });

  it('artifact round trips are bit-identical; a wrong format is refused', () => {
    const dae = trainDae(train, N, shape, { ...daeOpts, epochs: 1 }, 3);
    const ddpm = trainDdpm(dae, train, N, { ...ddpmOpts, epochs: 1 }, 4);
    const dae2 = daeFromArtifact(daeToArtifact(dae));
    const ddpm2 = ddpmFromArtifact(ddpmToArtifact(ddpm));
    const a = new Float64Array(2 * 784);
    const b = new Float64Array(2 * 784);
    ddpm.generate(dae, 2, a, { steps: 30, seed: 9 });
    ddpm2.generate(dae2, 2, b, { steps: 30, seed: 9 });
    expect(b).toEqual(a);
    expect(() => ddpmFromArtifact(daeToArtifact(dae))).toThrow(/format/);
    for (const m of [dae, dae2, ddpm, ddpm2]) m.dispose();
  });
});
