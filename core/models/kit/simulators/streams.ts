/**
 * The random streams of a simulated replica. Every stream is derived from (run seed, replica,
 * purpose), never from scheduling order, so a replica's bytes do not depend on which worker runs
 * it or how many replicas a run has. The purposes of every kind live in this one table, so that no
 * two collide: a new simulator adds its own here.
 */
import { STREAM, createRng, deriveSeed, type Rng } from '../../../numerics/rng.js';

export const REPLICA_STREAMS = {
  ...STREAM,
  /** dp-sgd: the Gaussian privacy noise added after each step. */
  privacy: 0x4450,
  /** gmm-sgd: the class of each sample. */
  classes: 0x636c,
  /** nngp-gp: a replica's test inputs (its training inputs use `data`). */
  testInputs: 0x7465,
  /** nngp-gp: a replica's shuffle of the rows of a dataset. */
  shuffle: 0x7368,
  /** nngp-gp: the seeded subset of a dataset's rows standing for the distribution in the theory. */
  theoryRows: 0x7468,
  /** nngp-gp: the inputs at which every part reports its prediction (shared by theory and replicas). */
  predictionPoints: 0x7070,
  /** Langevin chains (kit/simulators/langevin): the initial weights drawn from the prior. */
  langevinInit: 0x4c49,
  /** Langevin chains: the noise of each step. */
  langevinNoise: 0x4c4e,
  /** Field-theory kinds: the run's data set (inputs, teacher, split), shared by every part. */
  fieldData: 0x4644,
  /** interaction-kernel: the Monte Carlo pair distances that estimate the exploration measure rho. */
  pairDistances: 0x7264,
  /** attention-pairwise: the planted interaction matrix A*. */
  attentionTruth: 0x6174,
  /** attention-pairwise: the coefficients of a random-spline activation phi*. */
  attentionActivation: 0x6170,
  /** attention-pairwise: the fresh pairs on which the error is measured. */
  evaluationPairs: 0x6570,
} as const;

export function replicaStream(seed: number, replica: number, purpose: number): Rng {
  return createRng(deriveSeed(seed, replica, purpose));
}
