/**
 * `npm run bench`, interaction-kernel: the full default sweep (N = 3 uniform particles on [0, 1],
 * sin_cos kernel, sigma = 1, M = 2^9..2^14 at 6 points, 16 repetitions; here with beta = 1 and
 * beta = 1/2) timed in one thread (runKind), on the job pool with every hardware thread, and the
 * same sweep written in NumPy/SciPy (./interaction-kernel.py: dense design matrix with BLAS,
 * eigvalsh, Cholesky), back to back; reported as ratios with each side's fitted slope.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { JobPool } from '../../app/engine/pool/pool.js';
import { interactionKernel } from '../../core/models/interaction-kernel/index.js';
import type { PartResult } from '../../core/models/model-kind.js';
import { runKind } from '../../core/models/run-kind.js';

const SWEEPS = [
  { beta: 1, degree: 1, c: 3 },
  { beta: 0.5, degree: 1, c: 2 },
];

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));

function params(s: (typeof SWEEPS)[number]) {
  return interactionKernel.params.parse({ beta: s.beta, basis: { degree: s.degree, c: s.c }, bias_variance: { enabled: false } });
}

function inThread(s: (typeof SWEEPS)[number]): { ms: number; slope: number } {
  const p = params(s);
  const t0 = performance.now();
  const r = runKind(interactionKernel, p, { seed: 1, replicas: 1, isCancelled: () => false, progress: () => undefined });
  return { ms: performance.now() - t0, slope: r.scalars.slope! };
}

async function onPool(workerPath: string, s: (typeof SWEEPS)[number]): Promise<{ ms: number; slope: number; threads: number }> {
  const p = params(s);
  const threads = availableParallelism();
  const pool = new JobPool({ workerPath, threads });
  try {
    const parts = interactionKernel.parts(p, 1);
    const t0 = performance.now();
    const results = await Promise.all(parts.map((q) => pool.run({ kind: interactionKernel.id, params: p, seed: 1, replicas: 1, part: q.key }, { cancelFlag: new SharedArrayBuffer(4) })));
    const merged = await pool.merge({ kind: interactionKernel.id, params: p, seed: 1, replicas: 1, parts: parts.map((q, i): PartResult => ({ key: q.key, result: results[i]! })) });
    return { ms: performance.now() - t0, slope: merged.scalars.slope!, threads };
  } finally {
    await pool.close();
  }
}

function numpy(script: string, s: (typeof SWEEPS)[number]): { seconds: number; slope: number; numpy: string } | string {
  const r = spawnSync('python3', [script, JSON.stringify({ beta: s.beta, degree: s.degree, c: s.c, M_min: 512, M_max: 16384, M_points: 6, reps: 16 })], { encoding: 'utf8', timeout: 1_800_000 });
  if (r.error || r.status !== 0) return `skipped: python3 with NumPy/SciPy not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`;
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return 'skipped: unreadable output from python3';
  }
}

/** Runs the interaction-kernel entries; `here` is dist/ (the bench bundle's folder), `out` prints a line. */
export async function benchInteractionKernel(here: string, out: (line: string) => void): Promise<void> {
  const script = join(here, '..', 'test', 'bench', 'interaction-kernel.py');
  const workerPath = join(here, 'worker.cjs');
  out('interaction-kernel: the default sweep (N = 3, d = 1, M = 2^9..2^14 at 6 points, 16 repetitions = 96 fits), seed 1');
  for (const s of SWEEPS) {
    const one = inThread(s);
    const pool = existsSync(workerPath) ? await onPool(workerPath, s) : null;
    const py = existsSync(script) ? numpy(script, s) : `skipped: ${script} not found`;
    out(`  beta = ${s.beta}, s = ${s.degree}, c = ${s.c}:`);
    out(`    Limitlab, one thread: ${fmt(one.ms / 1000)} s, slope ${fmt(one.slope)} (theory ${fmt((-2 * s.beta) / (2 * s.beta + 1))})`);
    if (pool) out(`    Limitlab, job pool with ${pool.threads} threads: ${fmt(pool.ms / 1000)} s (parts and merge), slope ${fmt(pool.slope)}`);
    if (typeof py === 'string') out(`    NumPy: ${py}`);
    else {
      out(`    NumPy ${py.numpy}: ${fmt(py.seconds)} s, slope ${fmt(py.slope)} (its own random numbers)`);
      out(`    Limitlab (one thread) faster by ${fmt((py.seconds * 1000) / one.ms)}x`);
    }
  }
}
