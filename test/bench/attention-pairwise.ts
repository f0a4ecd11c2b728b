/**
 * `npm run bench`, attention-pairwise: the full default sweep (N = 5 uniform tokens, d = 3, rank 1,
 * phi* = sin 2u + 0.3 u^2, sigma = 0.5, the joint estimator, cubic B-splines with c = 2,
 * M = 2^9..2^14 at 6 points, 16 repetitions = 96 fits) timed in one thread (runKind), on the job
 * pool with every hardware thread, and the same sweep written in NumPy/SciPy
 * (./attention-pairwise.py: dense B-spline design matrices, BLAS normal equations and Jacobians),
 * back to back; reported as ratios with each side's fitted slope. The oracle-A sweep is timed too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { JobPool } from '../../app/engine/pool/pool.js';
import { attentionPairwise } from '../../core/models/attention-pairwise/index.js';
import type { PartResult } from '../../core/models/model-kind.js';
import { runKind } from '../../core/models/run-kind.js';

const SWEEPS = [{ estimator: 'joint' }, { estimator: 'oracle_A' }] as const;

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));

function params(s: (typeof SWEEPS)[number]) {
  return attentionPairwise.params.parse({ estimator: s.estimator });
}

function inThread(s: (typeof SWEEPS)[number]): { ms: number; slope: number } {
  const p = params(s);
  const t0 = performance.now();
  const r = runKind(attentionPairwise, p, { seed: 1, replicas: 1, isCancelled: () => false, progress: () => undefined });
  return { ms: performance.now() - t0, slope: r.scalars.slope! };
}

async function onPool(workerPath: string, s: (typeof SWEEPS)[number]): Promise<{ ms: number; slope: number; threads: number }> {
  const p = params(s);
  const threads = availableParallelism();
  const pool = new JobPool({ workerPath, threads });
  try {
    const parts = attentionPairwise.parts(p, 1);
    const t0 = performance.now();
    const results = await Promise.all(parts.map((q) => pool.run({ kind: attentionPairwise.id, params: p, seed: 1, replicas: 1, part: q.key }, { cancelFlag: new SharedArrayBuffer(4) })));
    const merged = await pool.merge({ kind: attentionPairwise.id, params: p, seed: 1, replicas: 1, parts: parts.map((q, i): PartResult => ({ key: q.key, result: results[i]! })) });
    return { ms: performance.now() - t0, slope: merged.scalars.slope!, threads };
  } finally {
    await pool.close();
  }
}

function numpy(script: string, s: (typeof SWEEPS)[number]): { seconds: number; slope: number; numpy: string } | string {
  const p = params(s);
  const cfg = { estimator: s.estimator, N: p.N, d: p.d, rank: p.rank, noise: p.noise, A_scale: p.A_scale, beta: p.beta, degree: p.basis.degree, c: p.basis.c, L: p.truncation, M_min: p.M_min, M_max: p.M_max, M_points: p.M_points, reps: p.reps, eval_pairs: p.eval_pairs, iterations: p.joint.iterations, tolerance: p.joint.tolerance };
  const r = spawnSync('python3', [script, JSON.stringify(cfg)], { encoding: 'utf8', timeout: 3_600_000 });
  if (r.error || r.status !== 0) return `skipped: python3 with NumPy/SciPy not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`;
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return 'skipped: unreadable output from python3';
  }
}

/** Runs the attention-pairwise entries; `here` is dist/ (the bench bundle's folder), `out` prints a line. */
export async function benchAttentionPairwise(here: string, out: (line: string) => void): Promise<void> {
  const script = join(here, '..', 'test', 'bench', 'attention-pairwise.py');
  const workerPath = join(here, 'worker.cjs');
  out('attention-pairwise: the default sweep (N = 5, d = 3, rank 1, M = 2^9..2^14 at 6 points, 16 repetitions = 96 fits), seed 1');
  for (const s of SWEEPS) {
    const one = inThread(s);
    const pool = existsSync(workerPath) ? await onPool(workerPath, s) : null;
    const py = existsSync(script) ? numpy(script, s) : `skipped: ${script} not found`;
    out(`  estimator ${s.estimator}:`);
    out(`    Limitlab, one thread: ${fmt(one.ms / 1000)} s, slope ${fmt(one.slope)} (theory -0.8)`);
    if (pool) out(`    Limitlab, job pool with ${pool.threads} threads: ${fmt(pool.ms / 1000)} s (parts and merge), slope ${fmt(pool.slope)}`);
    if (typeof py === 'string') out(`    NumPy: ${py}`);
    else {
      out(`    NumPy ${py.numpy}: ${fmt(py.seconds)} s, slope ${fmt(py.slope)} (its own random numbers)`);
      out(`    Limitlab (one thread) faster by ${fmt((py.seconds * 1000) / one.ms)}x`);
    }
  }
}
