/** Ordinary differential equations: embedded Runge–Kutta pairs with dense output, exponential integrators. */
export { DOPRI5 } from './dopri5-tableau.js';
export { DenseOutput } from './dense-output.js';
export { Dopri5Stepper } from './dopri5-step.js';
export { Dopri5WasmStepper } from './dopri5-wasm-step.js';
export type { OdeRhs } from './rhs.js';
export { type AdaptiveRkStepper, EmbeddedRkStepper } from './rk-step.js';
export { type OdeSolution, type OdeStatus, type SolveOdeOptions, WASM_MIN_DIM, solveOde } from './solve.js';
export { OdeWorkspace, VECTOR, dotQuad } from './workspace.js';
export { type Atol, MAX_FACTOR, MIN_FACTOR, PiController, SAFETY, errorNorm, initialStep } from './step-control.js';
export type { ExplicitRkTableau } from './tableau.js';
export { PHI_SEQUENCE_MAX, PHI_SERIES_RADIUS, expm1Doubled, phi1, phi3Series, phiFunctions, phiSequence } from './phi.js';
export {
  EtdCoefficients,
  EtdWork,
  type NonlinearPart,
  type SemilinearSplit,
  etdCoefficientPair,
  etdrk4Step,
  nonlinearPart,
  splitNonlinear,
} from './etdrk4.js';
export { type SolveEtdOptions, solveEtd } from './solve-etd.js';
export { type ExpCollocationOptions, type ExpCollocationResult, type ForcedModesProblem, solveExpCollocation } from './exp-collocation.js';
