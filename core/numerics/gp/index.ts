/**
 * Gaussian-process regression and its learning curves (theory note §3): Cholesky solves, the
 * posterior mean and variance with the evidence, the equivalent-kernel and renormalised-ridge
 * (κ_eff) learning curves from a grouped operator spectrum, and a dense symmetric eigensolver.
 */
export { choleskyInPlace, choleskySolveInPlace, solveLowerInPlace, solveLowerTransposeInPlace } from './cholesky.js';
export { type GpPosterior, gpPosterior } from './gpr.js';
export { type GroupedSpectrum, type LearningCurvePoint, effectiveRidge, learnability, learningCurvePoint } from './spectral.js';
export { type SymmetricEigen, symmetricEigen, symmetricEigenvalues } from './symmetric-eigen.js';
