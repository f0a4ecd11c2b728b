/**
 * Public entry of the model layer: the kind contract and its errors, the registry (every kind is
 * reached through it), a run computed from its parts, parameter resolution, and the readers of a
 * kind's declared outputs. Kinds build on ./kit (its own entry, kit/index.ts).
 */
export * from './model-kind.js';
export { CancelledError, isCancelledError } from './model-kind-errors.js';
export { type KindRegistry, createRegistry, getKind, kinds, listKindIds, registry } from './registry.js';
export { partName, runKind } from './run-kind.js';
export { REQUEST_WORDING, type ReplicasWording, replicasRefusal } from './repetitions.js';
export { type ParamIssue, type ResolveResult, canonicalJson, paramsJsonSchema, resolveParams } from './resolve-params.js';
export { leadingScalar, observableSpec, scalarSpec } from './outputs.js';
