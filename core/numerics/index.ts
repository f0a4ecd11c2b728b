/** Numerics of Limitlab: seeded randomness, ODE integration, quadrature and spectra. */
export { RNG_NAME, STREAM, type Rng, type StreamPurpose, createRng, createRngFromState, deriveSeed } from './rng.js';
export { GOLDEN_GAMMA, mix64, splitmix64Sequence } from './splitmix64.js';
export { ZIGGURAT, ZIGGURAT_LAYERS, type ZigguratTables, gaussianTailMass } from './ziggurat.js';
export * from './ode/index.js';
export { GAUSS_HERMITE_MAX_N, type GaussHermiteRule, expectNormal, gaussHermite } from './gauss-hermite.js';
export { symmetricTridiagonalEigenvalues } from './tridiagonal-eigen.js';
export {
  SPECTRUM_KINDS,
  type Spectrum,
  type SpectrumKind,
  type SpectrumSpec,
  buildSpectrum,
  fractionCount,
  maxOverMeanGrowth,
  spectrumEigenvalues,
  spectrumWarnings,
} from './spectra.js';
export { quantileSorted } from './quantile.js';
export { type PairFactor, conditionPair, expectGaussianPair } from './gaussian-pair.js';
export { type LineFit, fitLine, fitPowerLaw } from './fit.js';
