/**
 * Simulators shared by several kinds live in this folder: a simulator takes plain inputs (spectra,
 * data, step counts, the replica's seed and index), draws every random number from `replicaStream`
 * with a purpose of `REPLICA_STREAMS`, polls `checkpoint` (../hooks.ts) every `pollInterval(d)`
 * steps, and returns plain data. A simulator used by one kind only stays in that kind's folder.
 *
 * - langevin: unadjusted Langevin chains of a two-layer network sampling its Bayesian posterior
 *   (`runLangevinChain`, `langevinAutoSteps`), combined by `langevinEnsemble` with the two-halves
 *   diagnostic; used by the field-theory kinds. A chain travels from its part to `merge` packed in
 *   internal series (`langevinChainSeries`, `langevinChainOf`).
 */
export { REPLICA_STREAMS, replicaStream } from './streams.js';
export * from './langevin.js';
export * from './langevin-ensemble.js';
export * from './langevin-parts.js';
