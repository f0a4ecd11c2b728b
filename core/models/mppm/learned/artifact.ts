/**
 * The trained MPPM networks as run artifacts (arXiv 2510.00666 §3.4–3.5): a versioned format, a
 * config with the architecture and sizes, and every weight in `data` (float32 values stored
 * exactly as doubles). Reading checks the format, the architecture and the number of weights, so
 * a model always comes back bit-identical or not at all.
 */
import type { ArtifactResult } from '../../model-kind.js';
import { autoencoderSpecs } from './autoencoder.js';
import { Dae, type DaeConfig } from './dae.js';
import { type DdpmConfig, LatentDdpm, epsSpecs } from './ddpm.js';
import { distanceSpecs } from './distance-net.js';
import { type LearnedLatentConfig, LearnedLatent } from './learned-latent.js';
import { ParamSet, type ParamSpec } from './layers.js';

export const LEARNED_LATENT_FORMAT = 'mppm-learned-latent/v1';
export const DAE_FORMAT = 'mppm-dae/v1';
export const DDPM_FORMAT = 'mppm-latent-ddpm/v1';

const layout = (specs: ParamSpec[]) => specs.map((s) => ({ name: s.name, shape: s.shape }));

function check(a: ArtifactResult, format: string): void {
  if (a.format !== format) throw new Error(`artifact ${a.name}: format ${a.format}, expected ${format}`);
}

function checkLayout(a: ArtifactResult, key: string, specs: ParamSpec[]): void {
  const want = JSON.stringify(layout(specs));
  const got = JSON.stringify(a.config[key]);
  if (want !== got) throw new Error(`artifact ${a.name}: its ${key} layout does not match the architecture of its config`);
}

function part(a: ArtifactResult, specs: ParamSpec[], at: number): [ParamSet, number] {
  const count = specs.reduce((s, p) => s + p.shape.reduce((x, y) => x * y, 1), 0);
  if (at + count > a.data.length) throw new Error(`artifact ${a.name}: ${a.data.length} weights, expected at least ${at + count}`);
  return [ParamSet.fromFloat64(specs, a.data.subarray(at, at + count)), at + count];
}

function concat(...parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function learnedLatentToArtifact(m: LearnedLatent, name = 'learned_latent'): ArtifactResult {
  return {
    name,
    format: LEARNED_LATENT_FORMAT,
    config: { ...m.config, autoencoder: layout(m.autoencoder.specs), distance: layout(m.distanceNet.specs) },
    data: concat(m.autoencoder.toFloat64(), m.distanceNet.toFloat64()),
  };
}

export function learnedLatentFromArtifact(a: ArtifactResult): LearnedLatent {
  check(a, LEARNED_LATENT_FORMAT);
  const { autoencoder: _a, distance: _d, ...cfg } = a.config as unknown as LearnedLatentConfig & { autoencoder: unknown; distance: unknown };
  const aeSpecs = autoencoderSpecs(cfg);
  const dSpecs = distanceSpecs(cfg.latent);
  checkLayout(a, 'autoencoder', aeSpecs);
  checkLayout(a, 'distance', dSpecs);
  const [ae, at] = part(a, aeSpecs, 0);
  const [dn, end] = part(a, dSpecs, at);
  if (end !== a.data.length) throw new Error(`artifact ${a.name}: ${a.data.length} weights, expected ${end}`);
  return new LearnedLatent(cfg, ae, dn);
}

export function daeToArtifact(m: Dae, name = 'dae'): ArtifactResult {
  return { name, format: DAE_FORMAT, config: { ...m.config, autoencoder: layout(m.params.specs) }, data: m.params.toFloat64() };
}

export function daeFromArtifact(a: ArtifactResult): Dae {
  check(a, DAE_FORMAT);
  const { autoencoder: _a, ...cfg } = a.config as unknown as DaeConfig & { autoencoder: unknown };
  const specs = autoencoderSpecs(cfg);
  checkLayout(a, 'autoencoder', specs);
  const [p, end] = part(a, specs, 0);
  if (end !== a.data.length) throw new Error(`artifact ${a.name}: ${a.data.length} weights, expected ${end}`);
  return new Dae(cfg, p);
}

export function ddpmToArtifact(m: LatentDdpm, name = 'latent_ddpm'): ArtifactResult {
  return { name, format: DDPM_FORMAT, config: { ...m.config, eps: layout(m.params.specs) }, data: m.params.toFloat64() };
}

export function ddpmFromArtifact(a: ArtifactResult): LatentDdpm {
  check(a, DDPM_FORMAT);
  const { eps: _e, ...cfg } = a.config as unknown as DdpmConfig & { eps: unknown };
  const specs = epsSpecs(cfg.latent);
  checkLayout(a, 'eps', specs);
  const [p, end] = part(a, specs, 0);
  if (end !== a.data.length) throw new Error(`artifact ${a.name}: ${a.data.length} weights, expected ${end}`);
  return new LatentDdpm(cfg, p);
}
