/** The registry of model kinds: every kind the app can run, by stable id. */
import type { ModelKind } from './model-kind.js';
import { sgdGlm } from './sgd-glm/index.js';

export const kinds: ModelKind<any>[] = [sgdGlm];

export function getKind(id: string): ModelKind<any> | undefined {
  return kinds.find((k) => k.id === id);
}

export function listKindIds(): string[] {
  return kinds.map((k) => k.id);
}
