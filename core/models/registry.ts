/**
 * The registry of model kinds: every kind the app can run, by stable id. Adding a kind is one line
 * in the list below (see docs/architecture.md, "Adding a model kind").
 *
 * A kind's functions take its own parameter type; the registry holds them as `ModelKind` (whose
 * parameters are `unknown`), and the engine only ever passes a kind what that kind's schema
 * returned (resolve-params.ts), so each function receives the type it declares.
 */
import type { ModelKind } from './model-kind.js';
import { adaptiveKernel } from './adaptive-kernel/index.js';
import { attentionPairwise } from './attention-pairwise/index.js';
import { dpSgd } from './dp-sgd/index.js';
import { gmmSgd } from './gmm-sgd/index.js';
import { grokkingCubic } from './grokking-cubic/index.js';
import { grokkingModular } from './grokking-modular/index.js';
import { nngpGp } from './nngp-gp/index.js';
import { interactionKernel } from './interaction-kernel/index.js';
import { linearNetScaling } from './linear-net-scaling/index.js';
import { mppm } from './mppm/index.js';
import { sgdGlm } from './sgd-glm/index.js';

export interface KindRegistry {
  readonly kinds: readonly ModelKind[];
  get(id: string): ModelKind | undefined;
  ids(): string[];
}

const KIND_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A registry of `list`; refuses ids that are not kebab-case or that appear twice. */
export function createRegistry(list: readonly ModelKind[]): KindRegistry {
  const byId = new Map<string, ModelKind>();
  for (const kind of list) {
    if (!KIND_ID.test(kind.id)) throw new Error(`model kind id "${kind.id}" is not kebab-case`);
    if (byId.has(kind.id)) throw new Error(`model kind "${kind.id}" is registered twice`);
    byId.set(kind.id, kind);
  }
  const kinds = Object.freeze([...list]);
  return { kinds, get: (id) => byId.get(id), ids: () => kinds.map((k) => k.id) };
}

export const registry = createRegistry([
  sgdGlm,
  dpSgd,
  gmmSgd,
  nngpGp,
  linearNetScaling,
  adaptiveKernel,
  grokkingCubic,
  grokkingModular,
  interactionKernel,
  attentionPairwise,
  mppm,
]);

export const kinds = registry.kinds;

export function getKind(id: string): ModelKind | undefined {
  return registry.get(id);
}

export function listKindIds(): string[] {
  return registry.ids();
}
