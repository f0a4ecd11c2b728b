/**
 * The trained methods of the mppm kind wired into a run: Latent MPPM on the learned latent, the DAE
 * and the latent DDPM train in their parts (one epoch here, on synthetic bars), restore at every
 * level, keep their networks as artifacts, and a later run that reads those artifacts gives the
 * same numbers bit for bit (check M4 for the learned latent; the DDPM chain is seeded).
 */
import { describe, expect, it } from 'vitest';
import type { ArtifactDataset } from '../../../core/models/kit/dataset.js';
import { mppm } from '../../../core/models/mppm/index.js';
import type { MppmParams } from '../../../core/models/mppm/params.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { useTensorBackend } from '../../support/tensor-backend.js';
import { ctx } from './ctx.js';

useTensorBackend();

function params(over: Record<string, unknown>): MppmParams {
  const r = resolveParams(mppm, { params: over });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.params as MppmParams;
}

const SMALL = {
  data: { source: 'synthetic', train: 40, test: 3, side: 12 },
  degradation: { severity: 'custom', levels: [0.5, 1.3] },
  methods: ['degraded', 'lmppm_learned', 'dae', 'ddpm'],
  latent: { dim: 4 },
  anchors: { batch: 16 },
  learned: { epochs: 1 },
  baselines: { dae_epochs: 1, ddpm_epochs: 1, steps_used: 5 },
  grid: { rows: 2 },
};

describe('the trained methods of mppm', () => {
  it('train, restore at every level and keep their networks; the stored networks give the same numbers', () => {
    const first = runKind(mppm, params(SMALL), ctx(3));
    for (const m of ['lmppm_learned', 'dae', 'ddpm']) {
      expect(Number.isFinite(first.scalars[`psnr_${m}`]), m).toBe(true);
      expect(first.scalars[`ssim_${m}`]!, m).toBeLessThanOrEqual(1);
    }
    expect(first.series.filter((s) => s.name === 'ssim').map((s) => s.label)).toEqual(['degraded', 'LMPPM (learned)', 'DAE', 'latent DDPM']);
    expect(first.grids![0]!.cells[0]).toEqual(['clean-1', 'level0-degraded-1', 'level0-lmppm_learned-1', 'level0-dae-1', 'level0-ddpm-1']);
    const artifacts = first.artifacts ?? [];
    expect(artifacts.map((a) => [a.name, a.format])).toEqual([
      ['learned_latent', 'mppm-learned-latent/v1'],
      ['dae', 'mppm-dae/v1'],
      ['latent_ddpm', 'mppm-latent-ddpm/v1'],
    ]);
    const stored = (name: string): ArtifactDataset => {
      const a = artifacts.find((x) => x.name === name)!;
      return { type: 'artifact', id: name, format: a.format, config: a.config, data: a.data };
    };
    const reuse = params({ ...SMALL, learned: { model: 'artifact:00000001' }, baselines: { ...SMALL.baselines, dae_model: 'artifact:00000002', ddpm_model: 'artifact:00000003' } });
    const second = runKind(mppm, reuse, { ...ctx(3), inputs: { learned_latent: stored('learned_latent'), dae: stored('dae'), latent_ddpm: stored('latent_ddpm') } });
    expect(second.artifacts ?? []).toEqual([]);
    for (const m of ['lmppm_learned', 'dae', 'ddpm']) for (const k of ['psnr', 'ssim']) expect(Object.is(second.scalars[`${k}_${m}`], first.scalars[`${k}_${m}`]), `${k}_${m}`).toBe(true);
  }, 120_000);

  it('refuses a stored model of the wrong kind, naming both formats', () => {
    const spec = mppm.inputs!.find((i) => i.name === 'dae')!;
    const wrong: ArtifactDataset = { type: 'artifact', id: 'x', format: 'mppm-latent-ddpm/v1', config: {}, data: new Float64Array(1) };
    expect(spec.check!(params(SMALL), wrong)).toBe('is a mppm-latent-ddpm/v1, not a mppm-dae/v1');
  });
});
