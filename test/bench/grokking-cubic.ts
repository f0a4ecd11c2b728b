/**
 * Bench of `grokking-cubic` (part of `npm run bench`): the Langevin step of the scale-1/8 erf
 * network of Fig. 2 (N = 88, d = 53, P = 375, chi = N) beside the same loop written with NumPy
 * matrix products on one BLAS thread (same run, ratio); one whole chain part of the `fig2-below`
 * preset (10 000 steps with the overlap histogram and held-out projections) and the theory part,
 * from which the preset's ensemble time follows: the pool has max(1, cores − 1) threads (one on a
 * two-core machine), so the chains run one after another.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { langevinAutoSteps, runLangevinChain } from '../../core/models/kit/index.js';
import { cubicData } from '../../core/models/grokking-cubic/data.js';
import { grokkingCubicParams } from '../../core/models/grokking-cubic/params.js';
import { presets } from '../../core/models/grokking-cubic/presets.js';
import { networkOf, sizesOf } from '../../core/models/grokking-cubic/setup.js';
import { chainPart } from '../../core/models/grokking-cubic/simulate.js';
import { theoryPart } from '../../core/models/grokking-cubic/theory-part.js';
import { cubicTheory } from '../../core/models/grokking-cubic/theory.js';

const PYTHON = String.raw`
import json, sys, time, math
try:
    import numpy as np
    from scipy.special import erf
except Exception as e:
    print(json.dumps({"skipped": "numpy/scipy not importable: %s" % e})); sys.exit(0)
c = json.loads(sys.argv[1])
d, P, N, steps = c["d"], c["P"], c["N"], c["steps"]
precW, precA, lik, ew, ea = c["precW"], c["precA"], c["lik"], c["stepW"], c["stepA"]
rng = np.random.default_rng(1)
X = rng.standard_normal((P, d)); y = rng.standard_normal(P)
sw, sa = math.sqrt(2 * ew), math.sqrt(2 * ea)
def run():
    W = rng.standard_normal((N, d)) * math.sqrt(c["sigma_w2"] / d); a = rng.standard_normal(N) * math.sqrt(c["priorA"])
    for _ in range(steps):
        H = W @ X.T
        Phi = erf(H); D = (2 / math.sqrt(math.pi)) * np.exp(-H * H)
        f = a @ Phi; r = lik * (f - y)
        gA = Phi @ r + precA * a
        gW = ((a[:, None] * D) * r[None, :]) @ X + precW * W
        W = W - ew * gW + sw * rng.standard_normal((N, d))
        a = a - ea * gA + sa * rng.standard_normal(N)
    return W
run()
t = float("inf")
for _ in range(3):
    t0 = time.perf_counter(); run(); t = min(t, time.perf_counter() - t0)
print(json.dumps({"numpy": np.__version__, "us": t * 1e6 / steps}))
`;

function best(reps: number, f: () => void): number {
  f();
  let t = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    t = Math.min(t, performance.now() - t0);
  }
  return t;
}

const ctx = { seed: 1, replicas: 8, isCancelled: () => false, progress: () => undefined };

export function benchGrokkingCubic(out: (s: string) => void): void {
  const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
  const p = grokkingCubicParams.parse(presets['fig2-below']!.params);
  const s = sizesOf(p);
  const net = networkOf(p);
  const data = cubicData(1, 0, s.d, s.P, p.test_size, p.eps);
  const ldata = { P: data.P, X: data.X, y: data.y };
  const steps = langevinAutoSteps(net, ldata);
  const n = 300;
  const stepUs = (best(3, () => runLangevinChain(net, ldata, { steps: n, burnIn: n - 1, thin: 1, ...steps }, { seed: 1, chain: 0, weightCovariance: false })) * 1000) / n;
  out(`grokking-cubic, Fig. 2 at scale 1/8: erf, N = ${s.N}, d = ${s.d}, P = ${s.P}, chi = N`);
  out(`  Langevin step: ${fmt(stepUs)} us`);
  const py = spawnSync(
    'python3',
    [
      '-c',
      PYTHON,
      JSON.stringify({
        d: s.d,
        P: s.P,
        N: s.N,
        steps: n,
        sigma_w2: p.sigma_w2,
        priorA: s.sa2 / s.N,
        precW: s.d / p.sigma_w2,
        precA: s.N / s.sa2,
        lik: 1 / p.noise,
        ...steps,
      }),
    ],
    { encoding: 'utf8', timeout: 600_000, env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } },
  );
  let doc: { numpy?: string; us?: number; skipped?: string } = {};
  try {
    doc = JSON.parse(py.stdout.trim().split('\n').pop() ?? '{}');
  } catch {
    doc = { skipped: 'unreadable output from python3' };
  }
  if (doc.us) out(`  NumPy ${doc.numpy} (one BLAS thread), same loop: ${fmt(doc.us)} us per step; Limitlab / NumPy time ratio ${fmt(stepUs / doc.us)}`);
  else out(`  NumPy comparison skipped: ${doc.skipped ?? py.error?.message ?? py.stderr}`);
  const t0 = performance.now();
  theoryPart(p, ctx);
  const theoryMs = performance.now() - t0;
  const threshold = cubicTheory(p).threshold;
  const t1 = performance.now();
  chainPart(p, 0, ctx, threshold);
  const chainMs = performance.now() - t1;
  const chains = p.langevin.chains;
  out(`  theory part (phase diagram + finite-d at 26 noise levels): ${fmt(theoryMs)} ms`);
  const threads = Math.max(1, availableParallelism() - 1);
  out(`  one chain of the fig2-below preset (${p.langevin.steps} steps, ${p.test_size} held-out points): ${fmt(chainMs / 1000)} s`);
  out(`  the preset's ensemble of ${chains} chains on the pool's ${threads} thread(s): about ${fmt((Math.ceil(chains / threads) * chainMs + theoryMs) / 60_000)} min (target: minutes)`);
}
