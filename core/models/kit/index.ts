/**
 * The kind kit: what every model kind needs and no kind should write again. Kinds import it (and
 * never each other); see docs/architecture.md, "Adding a model kind".
 *
 * - hooks: cancel polling and progress inside a part (`hooksOf`, `checkpoint`, `pollInterval`)
 * - grid: the recording grid theory and simulation share (`recordingGrid`, `horizonSteps`)
 * - theory: an ODE solve with the run's cancel flag and progress (`solveTheory`)
 * - parts: the theory and replica parts of a run (`theoryAndReplicas`, `replicaParts`)
 * - replicas: merging parts (`collectParts`), replica means with their band (`replicaMean`)
 * - compare: the theory-versus-simulation gap and band coverage (`theoryGap`)
 * - series: series from the declared observables (`observablesOf`, `observableSeries`)
 * - params: dotted parameter paths and derived parameter sets (`paramsWithValue`)
 * - langevin-params: the `langevin` group of the Langevin-ensemble kinds (`langevinParams`, `checkLangevinSchedule`)
 * - data-params: the `target` and `data` groups of kinds fitting a synthetic target or a CSV table (`syntheticTargetParams`, `tableDataParams`, `checkTablePath`)
 * - scan: parts along an internal axis and a power-law fit along it (`scanParts`, `powerLawScan`)
 * - simulators: the streams of a replica, and simulators shared by several kinds
 * - dataset: the tables and image sets a run reads (`tableColumn`, `tableTextColumn`)
 */
export * from './hooks.js';
export * from './grid.js';
export * from './theory.js';
export * from './parts.js';
export * from './replicas.js';
export * from './compare.js';
export * from './series.js';
export * from './params.js';
export * from './scan.js';
export * from './simulators/index.js';
export * from './dataset.js';
export * from './langevin-params.js';
export * from './data-params.js';
