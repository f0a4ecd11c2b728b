/**
 * Claims of `nngp-gp` (see ../claims.ts). arXiv:2502.18553 (the review): closed-form NNGP kernels,
 * GP regression as the infinitely wide network, and data-averaged learning curves whose effective
 * ridge κ_eff renormalises the GP noise (theory note field-theory.md §2, §3, checks K2 and G1).
 * arXiv:2310.03789: the NNGP of a two-layer erf network needs P ∝ d³ samples to learn a cubic
 * target, about 0.5·10⁶ at d = 150 (note §3, check G2). Expected values are closed forms of the
 * note or numbers the paper prints; directions are marked `printed: false`.
 */
import type { Claim } from '../claims.js';

const REVIEW = '2502.18553';
const GROKKING = '2310.03789';

/** Linear kernel, d = 30, P = 4…512, GP noise 1e-4, label noise 0.25: every theory value has a closed form. */
const LINEAR = { preset: 'label-noise-peak', replicas: 2 } as const;
/** The d = 150 cubic preset with GP regression only at the smallest P: the claims are about its theory curve. */
const CUBIC = { preset: 'cubic-d150-sample-complexity', params: { gpr_max_P: 16 } } as const;

export const claims: readonly Claim[] = [
  {
    id: 'linear-kernel-diagonal',
    paper: REVIEW,
    statement: 'The NNGP kernel of a linear network is K₀(x, x′) = σ̃_a² σ_w² x·x′/d, so on the sphere of radius √d its diagonal is σ̃_a² σ_w² = 1.',
    source: 'theory note §2 (linear κ = c_xy), check K2',
    run: LINEAR,
    observable: { kind: 'scalar', name: 'kernel_trace' },
    expected: { kind: 'approx', value: 1, tolerance: 1e-12 },
    printed: true,
    quick: true,
    figure: { series: 'kernel_spectrum', logX: true, logY: true },
  },
  {
    id: 'linear-kernel-eigenvalue',
    paper: REVIEW,
    statement:
      'The linear kernel on the sphere of radius √d has one non-zero eigenvalue, E[(x·x′)x′]/d = 1/d on the d linear harmonics: 1/30 at d = 30.',
    source: 'theory note §3 (operator eigen-pairs); closed form',
    run: LINEAR,
    observable: { kind: 'value-at', series: 'kernel_spectrum', source: 'theory', x: 1 },
    expected: { kind: 'approx', value: 1 / 30, tolerance: 1e-9, relative: true },
    printed: true,
    quick: true,
    figure: { series: 'kernel_spectrum', logX: true, logY: true },
  },
  {
    id: 'effective-ridge-closed-form',
    paper: REVIEW,
    statement:
      'The effective ridge exceeds the GP noise (κ_eff ≥ σ̃²) and tends to it as P grows: with d modes far above κ_eff/P the ' +
      'renormalised-ridge equation gives κ_eff = σ̃² P/(P − d) = 1.0622·10⁻⁴ at σ̃² = 10⁻⁴, P = 512, d = 30.',
    source: 'theory note §3 (renormalised ridge), check G1; closed form for a rank-d kernel',
    run: LINEAR,
    observable: { kind: 'scalar', name: 'kappa_eff' },
    expected: { kind: 'approx', value: (1e-4 * 512) / (512 - 30), tolerance: 1e-4, relative: true },
    printed: true,
    quick: true,
    figure: { series: 'test_error', logX: true, logY: true },
  },
  {
    id: 'label-noise-peak',
    paper: REVIEW,
    statement:
      'With a tiny ridge and label noise, GP regression on samples has a test-error peak where P reaches the d = 30 linear modes: at ' +
      'P = 28 its mean test error exceeds the target power 1 (the error of predicting 0), as the renormalised ridge predicts ' +
      '(direction; no value printed).',
    source: 'theory note §3 (the P/(P − Σ L²) amplification of the renormalised ridge)',
    run: LINEAR,
    observable: { kind: 'value-at', series: 'test_error', source: 'empirical', x: 28 },
    expected: { kind: 'above', bound: 1 },
    printed: false,
    quick: true,
    figure: { series: 'test_error', logX: true, logY: true },
  },
  {
    id: 'erf-kernel-diagonal',
    paper: REVIEW,
    statement:
      'The erf NNGP kernel (Williams) at c_xx = c_yy = c_xy = σ_w² = 1 is (2/π) arcsin(2/3) = 0.464559: the kernel trace on the sphere ' +
      'of radius √d, σ_w² = σ̃_a² = 1.',
    source: 'theory note §2 (erf closed form), check K2',
    run: { preset: 'erf-linear-target', replicas: 2 },
    observable: { kind: 'scalar', name: 'kernel_trace' },
    expected: { kind: 'approx', value: (2 / Math.PI) * Math.asin(2 / 3), tolerance: 1e-9 },
    printed: true,
    quick: false,
    figure: { series: 'kernel_spectrum', logX: true, logY: true },
  },
  {
    id: 'renormalised-ridge-beats-ek',
    paper: REVIEW,
    statement:
      'Beyond the equivalent kernel: on the erf NNGP with a linear target (d = 20), the renormalised-ridge learning curve follows GP ' +
      'regression on samples much more closely than EK, which is far too optimistic at small P; the ratio of their largest relative ' +
      'gaps is below 1/2 (direction; no value printed).',
    source: 'theory note §3 (EK is the limit κ_eff → σ̃²; renormalised ridge beyond EK)',
    run: { preset: 'erf-linear-target', replicas: 2 },
    observable: { kind: 'ratio', numerator: 'rel_gap_rr', denominator: 'rel_gap_ek' },
    expected: { kind: 'below', bound: 0.5 },
    printed: false,
    quick: false,
    figure: { series: 'test_error', logX: true, logY: true },
  },
  {
    id: 'relu-depth-two-diagonal',
    paper: REVIEW,
    statement:
      'The ReLU (arc-cosine) kernel halves the diagonal at every layer (κ(c, c, c) = c/2): two hidden layers with σ_w² = σ̃_a² = 1 ' +
      'give K₀(x, x) = 1/4 on the sphere of radius √d.',
    source: 'theory note §2 (ReLU diagonal c/2, depth recursion), check K2',
    run: { preset: 'relu-cubic-staircase', replicas: 1 },
    observable: { kind: 'scalar', name: 'kernel_trace' },
    expected: { kind: 'approx', value: 0.25, tolerance: 1e-12 },
    printed: true,
    quick: false,
    figure: { series: 'test_error', logX: true, logY: true },
  },
  {
    id: 'cubic-sector-size',
    paper: GROKKING,
    statement:
      'At d = 150 the erf NNGP has 150 linear harmonics and N(150, 3) = 573 650 ≈ d³/6 cubic ones (no even degrees): its spectrum ' +
      'drops below the cubic eigenvalue after rank 150 + 573 650 = 573 800.',
    source: 'theory note §3, check G2',
    run: CUBIC,
    observable: { kind: 'crossing', series: 'kernel_spectrum', source: 'theory', level: 1e-10 },
    expected: { kind: 'approx', value: 573_800.5, tolerance: 0.5 },
    printed: true,
    quick: true,
    figure: { series: 'kernel_spectrum', logX: true, logY: true },
  },
  {
    id: 'cubic-sample-complexity',
    paper: GROKKING,
    statement:
      'The NNGP learns the cubic target at d = 150 only with about 0.5·10⁶ samples (the paper: "n = 0.5e+6 datapoints"): the ' +
      'renormalised-ridge test error first falls to half the target power (0.471) within a factor 2 of 5·10⁵.',
    source: 'arXiv:2310.03789 (NNGP sample complexity at d = 150); theory note §3',
    run: CUBIC,
    observable: { kind: 'crossing', series: 'test_error', source: 'theory', level: 0.4712 },
    expected: { kind: 'between', lo: 2.5e5, hi: 1e6 },
    printed: true,
    quick: true,
    figure: { series: 'test_error', logX: true, logY: true },
  },
  {
    id: 'cubic-not-learned-at-d-squared',
    paper: GROKKING,
    statement:
      'Learning degree l takes P ∝ d^l: at P = d² = 22 500 samples the d = 150 NNGP still misses most of the cubic target, its ' +
      'test error above 0.85 of the target power 0.942 (direction; no value printed).',
    source: 'theory note §3 (degree-l harmonics need P ∝ d^l)',
    run: CUBIC,
    observable: { kind: 'value-at', series: 'test_error', source: 'theory', x: 22_500 },
    expected: { kind: 'above', bound: 0.85 },
    printed: false,
    quick: true,
    figure: { series: 'test_error', logX: true, logY: true },
  },
];
