/** Public entry of the model layer: the kind contract, the registry and the kinds. */
export * from './model-kind.js';
export { CancelledError, isCancelledError } from './model-kind-errors.js';
export { getKind, kinds, listKindIds } from './registry.js';
export { sgdGlm, sgdGlmParams, type SgdGlmParams } from './sgd-glm/index.js';
