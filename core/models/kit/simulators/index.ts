/**
 * Simulators shared by several kinds live in this folder (e.g. a Langevin two-layer network used
 * by more than one field-theory kind): a simulator takes plain inputs (spectra, step counts, the
 * replica's seed and index), draws every random number from `replicaStream` with a purpose of
 * `REPLICA_STREAMS`, polls `checkpoint` (../hooks.ts) every `pollInterval(d)` steps, and returns
 * its curves on the recording grid. A simulator used by one kind only stays in that kind's folder.
 */
export { REPLICA_STREAMS, replicaStream } from './streams.js';
