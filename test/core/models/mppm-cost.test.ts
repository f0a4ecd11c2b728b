// The mppm kind's cost estimate (core/models/mppm/cost.ts) counts generation: the latent DDPM's
// reverse chain per generated image, Latent MPPM's iterations, and the Fréchet distance with the
// feature classifier (its training and forward passes) when the classifier gives the features.
// The per-pass multiply-adds are checked against the architectures written out by hand.
import { describe, expect, it } from 'vitest';
import { mppmCost } from '../../../core/models/mppm/cost.js';
import { type MppmParams, mppmParams } from '../../../core/models/mppm/params.js';

const params = (o: Record<string, unknown>): MppmParams => mppmParams.parse(o);
const total = (p: MppmParams) => mppmCost(p).reduce((s, t) => s + t.seconds, 0);
const term = (p: MppmParams, what: string) => mppmCost(p).find((t) => t.what === what);

/** ε-MLP of the latent DDPM at p = 15: time 1 → 128 → 128, then (15 + 128) → 256 → 512 → 256 → 15. */
const EPS_MLP_15 = 1 * 128 + 128 * 128 + 143 * 256 + 256 * 512 + 512 * 256 + 256 * 15;
/** The feature classifier on 28 × 28 digits: 784 → 256 → 128 → 10. */
const CLASSIFIER_784 = 784 * 256 + 256 * 128 + 128 * 10;

describe('mppm cost estimate', () => {
  it('grows with the number of generated images for every generating method', () => {
    for (const method of ['mppm', 'lmppm_pca', 'lmppm_learned', 'ddpm']) {
      const at = (count: number) => total(params({ methods: [method], generation: { enabled: true, count } }));
      expect(at(32), method).toBeGreaterThan(at(16));
      expect(at(200), method).toBeGreaterThan(at(32));
    }
  });

  it("counts the DDPM's reverse chain: generated images × chain steps × the ε-MLP's multiply-adds", () => {
    const chain = (count: number, extra: Record<string, unknown> = {}) =>
      term(params({ methods: ['ddpm'], generation: { enabled: true, count, ...extra } }), 'DDPM chain and distance network multiply-adds')!.count;
    // The whole sampler schedule by default: 1200 steps (consistent), 1000 (as_in_code); else ddpm_steps.
    expect(chain(26) - chain(16)).toBe(10 * 1200 * EPS_MLP_15);
    expect(chain(26, { ddpm_steps: 300 }) - chain(16, { ddpm_steps: 300 })).toBe(10 * 300 * EPS_MLP_15);
    const asInCode = (count: number) =>
      term(params({ methods: ['ddpm'], baselines: { variant: 'as_in_code' }, generation: { enabled: true, count } }), 'DDPM chain and distance network multiply-adds')!.count;
    expect(asInCode(26) - asInCode(16)).toBe(10 * 1000 * EPS_MLP_15);
  });

  it('includes the feature classifier when generation is on with classifier features: its training once per generating method, unless it is read', () => {
    const p = params({ methods: ['mppm', 'ddpm'], generation: { enabled: true, features: 'classifier', classifier_images: 1000, classifier_epochs: 5 } });
    expect(term(p, 'feature classifier training multiply-adds')?.count).toBe(2 * 5 * 1000 * 3 * CLASSIFIER_784);
    expect(term(p, 'feature classifier multiply-adds')?.count).toBeGreaterThan(0);
    const more = params({ methods: ['mppm', 'ddpm'], generation: { enabled: true, features: 'classifier', classifier_images: 2000, classifier_epochs: 5 } });
    expect(total(more)).toBeGreaterThan(total(p));
    const read = params({ methods: ['mppm', 'ddpm'], generation: { enabled: true, features: 'classifier', feature_model: 'run:abc/feature_net' } });
    expect(term(read, 'feature classifier training multiply-adds')).toBeUndefined();
    expect(term(read, 'feature classifier multiply-adds')).toBeDefined();
    const pca = params({ methods: ['mppm', 'ddpm'], generation: { enabled: true, features: 'pca' } });
    expect(mppmCost(pca).some((t) => t.what.startsWith('feature classifier'))).toBe(false);
    expect(term(pca, 'Fréchet distance multiply-adds')).toBeDefined();
  });

  it('stays the same when generation is off, whatever its settings, and then has no generation term', () => {
    const methods = ['degraded', 'mppm', 'lmppm_pca', 'lmppm_learned', 'dae', 'ddpm', 'optimal_denoiser'];
    const off = mppmCost(params({ methods }));
    for (const generation of [
      { enabled: false, count: 500 },
      { enabled: false, features: 'classifier', classifier_images: 10000, classifier_epochs: 100 },
      { enabled: false, steps: 200, ddpm_steps: 1200 },
    ]) {
      expect(mppmCost(params({ methods, generation }))).toEqual(off);
    }
    expect(off.some((t) => /classifier|Fréchet/.test(t.what))).toBe(false);
    const on = mppmCost(params({ methods, generation: { enabled: true } }));
    expect(on.reduce((s, t) => s + t.seconds, 0)).toBeGreaterThan(off.reduce((s, t) => s + t.seconds, 0));
  });
});
