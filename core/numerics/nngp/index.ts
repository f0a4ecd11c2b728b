/**
 * NNGP kernels (theory note of arXiv 2502.18553, §2): closed-form Gaussian-pair kernels of
 * linear, erf, ReLU and square activations with their partial derivatives, the depth recursion,
 * kernel matrices from isotropic or Σ-weighted input covariances, and a Gauss–Hermite fallback.
 *
 * Conventions: c = (c_xx, c_xy, c_yy) is the first layer's pre-activation covariance,
 * c_xy = xᵀΣx' (Σ = σ_w² I/d for the standard prior); K₀ = σ̃_a² κ_φ(K^depth) is the output
 * kernel without the 1/χ of the scaling; gradient triples are ordered [∂/∂c_xx, ∂/∂c_xy, ∂/∂c_yy].
 */
export { ACTIVATIONS, type Activation, activationDerivative, activationFunction } from './activation.js';
export { derivativeKernel, pairKernel, pairKernelWithGradient } from './pair-kernel.js';
export { type NngpSpec, nngpDiagonal, nngpKernel, nngpKernelWithGradient } from './depth.js';
export { diagonalOf, isotropicCovariance, nngpCross, nngpGram, nngpGramPartials, weightedCovariance } from './gram.js';
export { NNGP_QUADRATURE_ORDER, nngpKernelQuadrature, pairKernelQuadrature } from './quadrature.js';
