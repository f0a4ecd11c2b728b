/** The registry of model kinds: every kind the app can run, by stable id. */
import type { ModelKind } from './model-kind.js';
import { dpSgd } from './dp-sgd/index.js';
import { gmmSgd } from './gmm-sgd/index.js';
import { sgdGlm } from './sgd-glm/index.js';

export const kinds: ModelKind<any>[] = [sgdGlm, dpSgd, gmmSgd];

export function getKind(id: string): ModelKind<any> | undefined {
  return kinds.find((k) => k.id === id);
}

export function listKindIds(): string[] {
  return kinds.map((k) => k.id);
}
