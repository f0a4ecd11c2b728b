/**
 * Every registered kind passes the contract checks (./contract-checks.ts), and every series and
 * scalar the baseline runs produce (./baseline/cases.ts: every preset, shrunk) is declared.
 */
import { describe, expect, it } from 'vitest';
import { kinds } from '../../../core/models/registry.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { BASELINE_CASES } from './baseline/cases.js';
import { describeKindContract, expectDeclared } from './contract-checks.js';
import { ctx } from './ctx.js';

/** Small parameter sets per kind: the first is the one every check runs, all are checked for declared outputs. */
const QUICK: Record<string, Record<string, unknown>[]> = {
  'sgd-glm': [
    { d: 24, T: 2, grid: 20 },
    { d: 24, T: 2, grid: 15, problem: 'logistic', lr: { policy: 'adagrad_norm' } },
    { T: 1, grid: 10, finite_size: { enabled: true, dims: [8, 16], replicas: 2 } },
  ],
  'dp-sgd': [{ d: 40, grid: 10, privacy: { sigma: 1 } }],
  'gmm-sgd': [{ d: 40, T: 2, grid: 10 }],
  'interaction-kernel': [
    { M_min: 64, M_max: 256, M_points: 2, reps: 2, bias_variance: { M: 128, points: 3, reps: 2 } },
    { N: 4, d: 2, law: 'gaussian', form: 'dynamics', M_min: 32, M_max: 128, M_points: 3, reps: 2, bias_variance: { enabled: false } },
    { d: 2, rho_samples: 8192, kernel: { kind: 'expression', expression: 'exp(-r) * cos(2*r)' }, M_min: 32, M_max: 128, M_points: 2, reps: 1, bias_variance: { enabled: false } },
  ],
  'attention-pairwise': [
    { d: 3, M_min: 64, M_max: 256, M_points: 3, reps: 2, eval_pairs: 500 },
    { d: 2, rank: 2, law: 'gaussian', estimator: 'oracle_A', phi: { kind: 'random_spline', degree: 2, pieces: 4 }, beta: 1, M_min: 32, M_max: 128, M_points: 2, reps: 2, eval_pairs: 300 },
  ],
};

describe('the registry', () => {
  it('has small parameters for every kind in this test', () => {
    for (const kind of kinds) expect(QUICK[kind.id], `QUICK["${kind.id}"] in test/core/models/contract.test.ts`).toBeDefined();
  });
});

for (const kind of kinds) describeKindContract(kind, QUICK[kind.id] ?? [{}]);

describe('declared outputs over every preset', () => {
  it.each(BASELINE_CASES.map((c) => [c.name, c] as const))('%s reports only declared series and scalars', (_name, c) => {
    const kind = kinds.find((k) => k.id === c.kind)!;
    const r = resolveParams(kind, { ...(c.preset !== undefined ? { preset: c.preset } : {}), params: c.params });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expectDeclared(kind, runKind(kind, r.params, ctx(c.seed, Math.max(1, c.replicas))), c.name);
  });
});
