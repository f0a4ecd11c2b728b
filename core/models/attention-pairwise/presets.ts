/** Presets of `attention-pairwise`: the calibration settings of the note (checks A1–A3, A6) and the paper's claim. */
import type { Preset } from '../model-kind.js';
import type { AttentionParams } from './params.js';

/** The note's calibration: uniform tokens, N = 5, rank 1, phi* = sin 2u + 0.3 u^2, sigma = 0.5, cubic B-splines, K = ceil(2 M^(1/5)), L = 2. */
const CALIBRATION = {
  N: 5,
  rank: 1,
  law: 'uniform',
  noise: 0.5,
  A_scale: 2,
  phi: { kind: 'sin_quadratic' },
  beta: 2,
  basis: { degree: 3, c: 2, knots: 'quantile', log_factor: false },
  truncation: 2,
  reps: 16,
} as const;

export const presets: Record<string, Preset<AttentionParams>> = {
  'a1-oracle': {
    description:
      'Check A1: phi fitted with A* known, d = 5, M = 2^8..2^13, 16 repetitions (the note\'s calibration). Slope within 0.1 of -0.8; the ' +
      'prototype measured -0.856, -0.817, -0.786 for d = 1, 5, 30 (sweep --grid d=1,5,30).',
    params: { ...CALIBRATION, d: 5, estimator: 'oracle_A', M_min: 256, M_max: 8192, M_points: 6 },
  },
  'a2-joint': {
    description:
      'Check A2: joint estimate of (A, phi) by variable projection from the spectral start, d = 2, M = 2^9..2^13, 16 repetitions. Within ' +
      'the theorem\'s condition r d <= (M / log M)^(1/5) (2.4 to 3.9 here) the slope matches d = 1 (A known up to scale); sweep ' +
      '--grid d=1,2,3,8,30 to see it steepen towards -1 once r d leaves the condition (check A6).',
    params: { ...CALIBRATION, d: 2, estimator: 'joint', M_min: 512, M_max: 8192, M_points: 5 },
  },
  'a2-dimensions': {
    description:
      'Check A2 across d: the joint estimator with K = ceil(4 M^(1/5)) (n = 17 to 28 B-splines, so that the 2 r d parameters of A ' +
      'stay few against n), M = 2^9..2^13, 8 repetitions, d = 3. Sweep --grid d=1,2,3,4,6: the slope is that of d = 1 (within 0.1) up ' +
      'to d = 3 and steepens from d = 4 on, where r d exceeds (M / log M)^(1/5) = 2.4 to 3.9 over the whole range (check A6).',
    params: { ...CALIBRATION, d: 3, estimator: 'joint', basis: { degree: 3, c: 4, knots: 'quantile', log_factor: false }, M_min: 512, M_max: 8192, M_points: 5, reps: 8 },
  },
  'a3-spline-3': {
    description:
      'Check A3: phi* a random cubic B-spline (8 pieces, beta = p - 1 = 2), A* known, M = 2^9..2^14. The paper reports a slope of about ' +
      '-0.81 (theory -0.8). d = 1, so that the spline\'s span [-3s, 3s] = [-2, 2] covers every u = x^T A* y (|u| <= 2 for these ' +
      'tokens; at larger d u reaches far beyond 3s, where the spline is continued by its end polynomials and the error is theirs); ' +
      'L = max |phi*|; K = ceil(4 M^(1/5)), so that the basis resolves the 8 pieces (c = 2 leaves the run bias-dominated).',
    params: {
      ...CALIBRATION,
      d: 1,
      estimator: 'oracle_A',
      phi: { kind: 'random_spline', degree: 3, pieces: 8 },
      beta: 2,
      truncation: 0,
      basis: { degree: 3, c: 4, knots: 'quantile', log_factor: false },
      M_min: 512,
      M_max: 16384,
      M_points: 6,
    },
  },
  'a3-spline-8': {
    description:
      'Check A3: phi* a random B-spline of degree 8 (8 pieces, beta = 7, theory slope -0.933), A* known, d = 1, L = max |phi*|, ' +
      'M = 2^9..2^14. The paper reports about -0.90. K = ceil(16 M^(1/15)) = 25 to 31 intervals: K grows so slowly with beta = 7 that ' +
      'a smaller c leaves fewer cubic pieces than phi* has and the error is its bias (c = 4: slope -0.23).',
    params: {
      ...CALIBRATION,
      d: 1,
      estimator: 'oracle_A',
      phi: { kind: 'random_spline', degree: 8, pieces: 8 },
      beta: 7,
      truncation: 0,
      basis: { degree: 3, c: 16, knots: 'quantile', log_factor: false },
      M_min: 512,
      M_max: 16384,
      M_points: 6,
    },
  },
  'a6-regime': {
    description:
      'Check A6: the base of a sweep over d at M = 2^9..2^12 (4 repetitions), e.g. --grid d=1,4,16,32 --grid estimator=oracle_A,joint: ' +
      'with A* known the error does not depend on d; the joint error rises once the 2 r d parameters of A are no longer few against ' +
      'the basis size, and its slope steepens towards -1.',
    params: { ...CALIBRATION, d: 4, estimator: 'joint', M_min: 512, M_max: 4096, M_points: 4, reps: 4, eval_pairs: 10000 },
  },
};
