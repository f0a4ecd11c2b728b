/** Ordinary differential equations: embedded Runge–Kutta pairs with dense output. */
export { DOPRI5 } from './dopri5-tableau.js';
export { DenseOutput } from './dense-output.js';
export type { OdeRhs } from './rhs.js';
export { EmbeddedRkStepper } from './rk-step.js';
export { type OdeSolution, type OdeStatus, type SolveOdeOptions, solveOde } from './solve.js';
export { type Atol, MAX_FACTOR, MIN_FACTOR, PiController, SAFETY, errorNorm, initialStep, scaledRms } from './step-control.js';
export type { ExplicitRkTableau } from './tableau.js';
