/**
 * Claims of `grokking-cubic` (see ../claims.ts), from arXiv:2310.03789 and the field-theory note's
 * checks C1 and C2. Expected values are the paper's (σ²_c "around 0.18", u_c ≈ 30.2 for ε = −0.3,
 * the degenerate saddles "roughly at ±1") or the note's derivation (c = ε in GFL), never our output.
 */
import type { Claim } from '../claims.js';

const PAPER = '2310.03789';
const THEORY = { preset: 'app-c-theory' } as const;

export const claims: readonly Claim[] = [
  {
    id: 'onset-noise',
    paper: PAPER,
    statement:
      'With the App. C network (N = 700, P = 3000, d = 150, sigma_w2 = 0.5, sigma_a^2 = 8/700, eps = -0.3) the mixed phase (droplets) sets in ' +
      'around sigma^2 = 0.18 as d -> infinity.',
    source: 'Fig. 2c, App. C; theory note check C1',
    run: THEORY,
    observable: { kind: 'scalar', name: 'sigma2_c' },
    expected: { kind: 'approx', value: 0.18, tolerance: 0.005 },
    printed: true,
    quick: true,
    figure: { series: 'discrepancy_cubic' },
  },
  {
    id: 'onset-interaction',
    paper: PAPER,
    statement: 'For eps = -0.3 the effective interaction at the onset is u_c = 30.2: below it only the q = 0 saddle exists.',
    source: 'Sec. 5 (claim IV); theory note check C1',
    run: THEORY,
    observable: { kind: 'scalar', name: 'u_c' },
    expected: { kind: 'approx', value: 30.2, tolerance: 1 },
    printed: true,
    quick: true,
    figure: { series: 'discrepancy_linear' },
  },
  {
    id: 'droplet-overlap',
    paper: PAPER,
    statement:
      'At the onset the two new degenerate saddles of the neuron action sit roughly at q = +-1 (the note\'s solver: 0.72); checked as 0.6 <= q* <= 1.',
    source: 'Sec. 5 (claim IV); theory note check C1',
    run: THEORY,
    observable: { kind: 'scalar', name: 'q_star' },
    expected: { kind: 'between', lo: 0.6, hi: 1 },
    printed: false,
    quick: true,
    figure: { series: 'neg_log_p_q' },
  },
  {
    id: 'gfl-cubic-unlearnt',
    paper: PAPER,
    statement: 'In the GFL phase (sigma^2 = 0.18, just above the onset) the cubic part of the target is not learnt at all as d -> infinity: c = eps = -0.3 exactly.',
    source: 'App. A.3; theory note check C1 (derived)',
    run: THEORY,
    observable: { kind: 'scalar', name: 'c_theory' },
    expected: { kind: 'approx', value: -0.3, tolerance: 1e-12 },
    printed: false,
    quick: true,
    figure: { series: 'discrepancy_cubic' },
  },
  {
    id: 'side-minima-below',
    paper: PAPER,
    statement:
      'Below the transition (sigma^2 = 0.1, Langevin ensemble at alpha = beta = 1/8: N = 88, d = 53, P = 375) -log p(w.w*) has side minima near ' +
      '|q| = 0.7-1: the measured side well is deeper than 0.5 (no depth is printed).',
    source: 'Fig. 2a,b; theory note check C2',
    run: { preset: 'fig2-below' },
    observable: { kind: 'scalar', name: 'side_well_sim' },
    expected: { kind: 'above', bound: 0.5 },
    printed: false,
    quick: false,
    figure: { series: 'neg_log_p_q' },
  },
  {
    id: 'no-side-minima-above',
    paper: PAPER,
    statement: 'Above the transition (sigma^2 = 0.25, same ensemble) -log p(w.w*) is a single well at q = 0: no side well deeper than 0.3.',
    source: 'Fig. 2a; theory note check C2',
    run: { preset: 'fig2-above' },
    observable: { kind: 'scalar', name: 'side_well_sim' },
    expected: { kind: 'below', bound: 0.3 },
    printed: false,
    quick: false,
    figure: { series: 'neg_log_p_q' },
  },
];
