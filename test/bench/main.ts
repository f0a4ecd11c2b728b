/**
 * `npm run bench`: speed of the sgd-glm kind, reported as ratios measured in one run (the machine
 * may be shared, so absolute times move; ratios against NumPy/SciPy and between thread counts are
 * taken back to back). Timings are the best of several repetitions after a warm-up.
 *
 *   1. SGD simulation, ns per (step x dimension), at d = 1000 and d = 1e4, and the normal sampler alone
 *      (WebAssembly and JavaScript);
 *   2. the theory ODE with 1000 distinct eigenvalues to t = 100 at rtol 1e-6 (wall time and
 *      right-hand-side evaluations), DOPRI5 and the exponential collocation; the Fig. 4 power-law
 *      preset to t = 1e7;
 *   3. 8 replicas on the job pool (dist/worker.cjs) with 1 thread and with all threads;
 *   4. if python3 with NumPy and SciPy is present: the same SGD loop in NumPy and the same ODE with
 *      scipy.integrate.solve_ivp(RK45) at the same tolerances;
 *   5. interaction-kernel: the default sweep in one thread, on the pool, and in NumPy
 *      (./interaction-kernel.ts, ./interaction-kernel.py);
 *   6. attention-pairwise: the default sweep (joint and oracle-A) in one thread, on the pool, and in
 *      NumPy (./attention-pairwise.ts, ./attention-pairwise.py).
 *   grokking-cubic: the Langevin step of the erf student at scale 1/8 beside NumPy, one Fig. 2 chain (./grokking-cubic.ts).
 *   mppm: Latent MPPM (PCA latent), pixel MPPM and the optimal denoiser restoring 100 MNIST digits
 *   (./mppm.ts).
 *   The trained MPPM networks: an epoch of each, a forward pass of the convolutional autoencoder,
 *   and a DDPM restoration (./mppm-learned.ts).
 *   The field-theory kinds: adaptive-kernel's equations of state, nngp-gp, and the Langevin step and
 *   the exact mixture (./langevin.ts), each beside NumPy.
 *
 * `node dist/bench.js SECTION...` runs only the named sections (sgd, adaptive-kernel, nngp-gp,
 * interaction-kernel, langevin, attention-pairwise, grokking-modular, grokking-cubic, mppm, mppm-learned); no names runs
 * them all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobPool } from '../../app/engine/pool/pool.js';
import { sgdGlm, sgdGlmParams } from '../../core/models/sgd-glm/index.js';
import { leastSquares } from '../../core/models/sgd-glm/losses.js';
import { constantPolicy } from '../../core/models/sgd-glm/lr/index.js';
import { simulateReplica } from '../../core/models/sgd-glm/sgd.js';
import { glmTheory, THEORY_SOLVER } from '../../core/models/sgd-glm/ode.js';
import { solveOde } from '../../core/numerics/ode/solve.js';
import { dotQuad } from '../../core/numerics/ode/workspace.js';
import { createRng } from '../../core/numerics/rng.js';
import { kernels } from '../../core/numerics/wasm/kernels.js';
import { buildSpectrum } from '../../core/numerics/spectra.js';
import { nngpBench } from './nngp-gp.js';
import { benchAdaptiveKernel } from './adaptive-kernel.js';
import { benchGrokkingCubic } from './grokking-cubic.js';
import { benchAttentionPairwise } from './attention-pairwise.js';
import { benchGrokkingModular } from './grokking-modular.js';
import { benchInteractionKernel } from './interaction-kernel.js';
import { langevinBench } from './langevin.js';
import { benchMppm } from './mppm.js';
import { benchMppmLearned } from './mppm-learned.js';

const here = dirname(fileURLToPath(import.meta.url));

function best(reps: number, f: () => void): number {
  f(); // warm-up
  let t = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    t = Math.min(t, performance.now() - t0);
  }
  return t;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
const lines: string[] = [];
const out = (s: string) => {
  lines.push(s);
  console.log(s);
};

// ---------------------------------------------------------------------------------------------
// 1. SGD loop and sampler
function sgdNsPerCoord(d: number, steps: number): number {
  const lam = new Float64Array(d).fill(1);
  const grid = Float64Array.of(0, steps);
  const ms = best(3, () =>
    simulateReplica({
      eigenvalues: lam,
      omega: 0.5,
      init: 1,
      initSignal: 0,
      signal: { kind: 'gaussian', delta: 0, scale: 1 },
      loss: leastSquares,
      stepLoss: leastSquares,
      policy: constantPolicy(1),
      steps: grid,
      seed: 1,
      replica: 0,
    }),
  );
  return (ms * 1e6) / (steps * d);
}

/** The normal sampler alone, per normal: the WebAssembly kernel (what simulations use) or the JavaScript loop. */
function samplerNsPerNormal(wasm: boolean): number {
  const z = new Float64Array(10_000);
  const rng = createRng(7, { wasm });
  const rounds = 2000;
  const ms = best(3, () => {
    for (let k = 0; k < rounds; k++) rng.fillNormal(z);
  });
  return (ms * 1e6) / (rounds * z.length);
}

// ---------------------------------------------------------------------------------------------
// 2. ODE
const ODE_D = 1000;
const ODE_T = 100;
const ODE_RTOL = 1e-6;
const ODE_ATOL = 1e-12;

function odeSpectrum() {
  return buildSpectrum({ kind: 'power_law', beta: 0.2 }, ODE_D);
}

/** The product path: glmTheory (E and D per mode, 2000 states) on a 200-point log grid. */
function theoryRun(method: 'dopri5' | 'exponential', logGrid = true) {
  const s = odeSpectrum();
  const m = s.distinct.length;
  const times = logGrid
    ? Float64Array.from({ length: 201 }, (_, i) => (i === 0 ? 0 : ODE_T * Math.pow(10, -5 + (5 * (i - 1)) / 199)))
    : Float64Array.of(0, ODE_T);
  let result: ReturnType<typeof glmTheory> | undefined;
  const ms = best(5, () => {
    result = glmTheory(
      {
        lambda: s.distinct,
        weight: s.weights,
        v22: new Float64Array(m).fill(1),
        d0: new Float64Array(m).fill(2),
        e0: new Float64Array(m).fill(-1),
        loss: leastSquares,
        omega: 0.5,
        policy: constantPolicy(1),
      },
      times,
      { ...THEORY_SOLVER, method, rtol: ODE_RTOL, atol: ODE_ATOL },
    );
  });
  return { ms, solver: result!.solver, risk: result!.risk[result!.risk.length - 1] };
}

/** The bare least-squares system D_j' = -2 lambda_j D_j + 2 lambda_j R (1000 states), DOPRI5, output at T only. */
function bareDopri() {
  const s = odeSpectrum();
  const m = s.distinct.length;
  const lam = s.distinct;
  const wl = s.distinct.map((l, j) => l * s.weights[j]);
  // A plain JavaScript right-hand side; the inner product with four partial sums, as a BLAS dot
  // (NumPy's `wl @ y` on the SciPy side) would.
  const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
    const f = dotQuad(wl, 0, y, 0, m) + 0.25; // 2R = P + omega^2
    for (let j = 0; j < m; j++) dy[j] = lam[j] * (f - 2 * y[j]);
  };
  let sol: ReturnType<typeof solveOde> | undefined;
  const ms = best(20, () => {
    sol = solveOde({ rhs, y0: new Float64Array(m).fill(2), t0: 0, tEval: [ODE_T], rtol: ODE_RTOL, atol: ODE_ATOL, store: true });
  });
  return { ms, nfev: sol!.nfev, steps: sol!.naccepted, risk: 0.5 * (sol!.y.reduce((a, v, j) => a + wl[j] * v, 0) + 0.25) };
}

function fig4() {
  const p = sgdGlmParams.parse(sgdGlm.presets['hl-fig4'].params);
  let r: ReturnType<typeof sgdGlm.runPart> | undefined;
  const ms = best(2, () => {
    r = sgdGlm.runPart(p, { role: 'theory' }, { seed: 1, replicas: 0, isCancelled: () => false, progress: () => undefined });
  });
  return { ms, note: r!.notes![0], steps: r!.scalars.theory_steps };
}

// ---------------------------------------------------------------------------------------------
// 3. Pool scaling
async function poolScaling(): Promise<{ threads: number; one: number; all: number } | string> {
  const workerPath = join(here, 'worker.cjs');
  if (!existsSync(workerPath)) return `skipped: ${workerPath} not built`;
  const params = sgdGlmParams.parse({ d: 2000, T: 20, noise: 0.5, sde: false });
  const replicas = 8;
  const parts = sgdGlm.parts(params, replicas).filter((q) => q.key.role === 'replica');
  const threads = availableParallelism();
  const pools = [new JobPool({ workerPath, threads: 1 }), new JobPool({ workerPath, threads })];
  const go = (pool: JobPool) =>
    Promise.all(parts.map((part) => pool.run({ kind: 'sgd-glm', params, seed: 1, replicas, part: part.key }, { cancelFlag: new SharedArrayBuffer(4) })));
  for (const pool of pools) await go(pool); // warm-up: start the workers
  // Alternate the two pools and keep the best time of each, so a burst of load elsewhere on a
  // shared machine does not fall on one side only.
  const bestMs = [Infinity, Infinity];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < pools.length; i++) {
      const t0 = performance.now();
      await go(pools[i]);
      bestMs[i] = Math.min(bestMs[i], performance.now() - t0);
    }
  }
  await Promise.all(pools.map((pool) => pool.close()));
  const [one, all] = bestMs;
  return { threads, one, all };
}

// ---------------------------------------------------------------------------------------------
// 4. NumPy / SciPy
const PYTHON = String.raw`
import json, sys, time
try:
    import numpy as np
    from scipy.integrate import solve_ivp
except Exception as e:
    print(json.dumps({"skipped": "numpy/scipy not importable: %s" % e}))
    sys.exit(0)

def best(reps, f):
    f()
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter(); f(); t = min(t, time.perf_counter() - t0)
    return t

def sgd(d, steps):
    rng = np.random.default_rng(1)
    sq = np.ones(d)
    def run():
        e = rng.standard_normal(d) * np.sqrt(2.0 / d)
        c = 1.0 / d
        for _ in range(steps):
            x = sq * rng.standard_normal(d)
            g = x @ e - 0.5 * rng.standard_normal()
            e -= (c * g) * x
        return e
    return best(3, run) * 1e9 / (steps * d)

def sampler():
    rng = np.random.default_rng(2)
    n = 10000
    def run():
        for _ in range(2000):
            rng.standard_normal(n)
    return best(3, run) * 1e9 / (2000 * n)

d = 1000
lam = ((np.arange(d) + 0.5) / d) ** (1.0 / 0.8)
w = np.full(d, 1.0 / d)
wl = w * lam
def rhs(t, y):
    f = wl @ y + 0.25
    return lam * (f - 2.0 * y)
def ode():
    return solve_ivp(rhs, (0.0, 100.0), np.full(d, 2.0), method="RK45", rtol=1e-6, atol=1e-12, t_eval=[100.0])
sol = ode()
t_ode = best(5, ode)
# The system glmTheory integrates for least squares: E_j and D_j per mode (2000 states), with
# E_j' = -lambda_j E_j (e_xx = 1, e_xx + e_x* = 0) from E_j(0) = -1.
def rhs_ed(t, y):
    e, dd = y[:d], y[d:]
    f = wl @ dd + 0.25
    return np.concatenate((-lam * e, lam * (f - 2.0 * dd)))
y_ed = np.concatenate((np.full(d, -1.0), np.full(d, 2.0)))
def ode_ed():
    return solve_ivp(rhs_ed, (0.0, 100.0), y_ed, method="RK45", rtol=1e-6, atol=1e-12, t_eval=[100.0])
sol_ed = ode_ed()
t_ode_ed = best(5, ode_ed)
print(json.dumps({
    "numpy": np.__version__,
    "sgd_1000": sgd(1000, 10000),
    "sgd_10000": sgd(10000, 2000),
    "sampler": sampler(),
    "ode_ms": t_ode * 1e3,
    "ode_nfev": int(sol.nfev),
    "ode_risk": float(0.5 * (wl @ sol.y[:, -1] + 0.25)),
    "ode_ed_ms": t_ode_ed * 1e3,
    "ode_ed_nfev": int(sol_ed.nfev),
}))
`;

function python(): Record<string, number | string> | string {
  const r = spawnSync('python3', ['-c', PYTHON], { encoding: 'utf8', timeout: 600_000 });
  if (r.error || r.status !== 0) return `skipped: python3 not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`;
  try {
    const doc = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    return doc.skipped ? `skipped: ${doc.skipped}` : doc;
  } catch {
    return 'skipped: unreadable output from python3';
  }
}

// ---------------------------------------------------------------------------------------------
const SECTIONS = ['sgd', 'adaptive-kernel', 'nngp-gp', 'interaction-kernel', 'langevin', 'attention-pairwise', 'grokking-modular', 'grokking-cubic', 'mppm', 'mppm-learned'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of chosen) {
  if (!SECTIONS.includes(name)) throw new Error(`bench: unknown section ${name} (one of ${SECTIONS.join(', ')})`);
}
const wanted = (name: string) => chosen.length === 0 || chosen.includes(name);

async function main(): Promise<void> {
  out(`limitlab bench — node ${process.version}, ${availableParallelism()} hardware threads (shared machine: compare ratios, not absolute times)`);
  if (wanted('sgd')) await sgdSections();
  if (wanted('adaptive-kernel')) benchAdaptiveKernel(out);
  if (wanted('nngp-gp')) {
    out('');
    nngpBench(out, fmt);
  }
  if (wanted('interaction-kernel')) {
    out('');
    await benchInteractionKernel(here, out);
  }
  if (wanted('langevin')) {
    out('');
    langevinBench(out, fmt);
  }
  if (wanted('attention-pairwise')) {
    out('');
    await benchAttentionPairwise(here, out);
  }
  if (wanted('grokking-modular')) {
    out('');
    benchGrokkingModular(out, fmt);
  }
  if (wanted('grokking-cubic')) {
    out('');
    benchGrokkingCubic(out);
  }
  if (wanted('mppm')) {
    out('');
    benchMppm(out);
  }
  if (wanted('mppm-learned')) {
    out('');
    await benchMppmLearned(out, fmt);
  }
}

/** Sections 1-4: the sgd-glm kind. */
async function sgdSections(): Promise<void> {

  if (kernels() === null) out('WebAssembly is not available: the JavaScript paths are timed');
  const sampler = samplerNsPerNormal(true);
  const samplerJs = samplerNsPerNormal(false);
  const sgd1k = sgdNsPerCoord(1000, 20_000);
  const sgd10k = sgdNsPerCoord(10_000, 2_000);
  out('');
  out('SGD simulation (least squares, constant rate, eigenbasis; one replica)');
  out(`  d = 1000:   ${fmt(sgd1k)} ns per step x dimension`);
  out(`  d = 10000:  ${fmt(sgd10k)} ns per step x dimension   (target <= 5)`);
  out(`  sampler alone (xoshiro128** + ziggurat): ${fmt(sampler)} ns per normal in WebAssembly, ${fmt(samplerJs)} in JavaScript (same bits)`);
  out(`  loop / sampler at d = 1e4: ${fmt(sgd10k / sampler)}`);

  const dop = theoryRun('dopri5');
  const col = theoryRun('exponential');
  const colEnd = theoryRun('exponential', false);
  const dopEnd = theoryRun('dopri5', false);
  const bare = bareDopri();
  out('');
  out(`Theory ODE, least squares, ${ODE_D} distinct eigenvalues (power law, beta = 0.2), t = 0..${ODE_T}, rtol ${ODE_RTOL}`);
  out(`  bare DOPRI5 on D_j (1000 states, JavaScript right-hand side): ${fmt(bare.ms)} ms, ${bare.nfev} RHS evaluations, ${bare.steps} steps   (target < 2 ms)`);
  out(`  glmTheory DOPRI5 (E_j, D_j: 2000 states, 201 outputs): ${fmt(dop.ms)} ms, ${dop.solver.nfev} RHS evaluations, ${dop.solver.naccepted} steps`);
  out(`  glmTheory exponential collocation:         ${fmt(col.ms)} ms, ${col.solver.nfev} passes over the modes, ${col.solver.naccepted} steps`);
  out(`  the same with the output at t = ${ODE_T} only: DOPRI5 ${fmt(dopEnd.ms)} ms (${dopEnd.solver.nfev} evaluations), collocation ${fmt(colEnd.ms)} ms (${colEnd.solver.naccepted} steps)`);
  out(`  final risks agree: DOPRI5 ${fmt(dop.risk, 10)}, collocation ${fmt(col.risk, 10)}, bare ${fmt(bare.risk, 10)}`);
  const f4 = fig4();
  out(`  Fig. 4 preset (AdaGrad-Norm, power law, 4000 modes) to t = 1e7: ${fmt(f4.ms)} ms; ${f4.note}`);

  out('');
  const pool = await poolScaling();
  if (typeof pool === 'string') out(`Pool scaling: ${pool}`);
  else {
    out(`Pool scaling, 8 replicas (d = 2000, T = 20; best of 3, alternating) on dist/worker.cjs`);
    out(`  1 thread: ${fmt(pool.one)} ms;  ${pool.threads} threads: ${fmt(pool.all)} ms;  speed-up ${fmt(pool.one / pool.all)}x  (target >= 1.8 on 2 threads)`);
    if (pool.threads <= 2) out('  (a 2-thread machine shared with other work: the speed-up is bounded by the free cores)');
  }

  out('');
  const py = python();
  if (typeof py === 'string') out(`NumPy/SciPy comparison ${py}`);
  else {
    out(`NumPy ${py.numpy} / SciPy comparison (same run)`);
    const n1 = py.sgd_1000 as number;
    const n10 = py.sgd_10000 as number;
    out(`  SGD loop NumPy: d = 1000: ${fmt(n1)} ns, d = 10000: ${fmt(n10)} ns per step x dimension`);
    out(`  Limitlab faster by: ${fmt(n1 / sgd1k)}x (d = 1000), ${fmt(n10 / sgd10k)}x (d = 10000)   (aim 3x)`);
    out(`  NumPy sampler: ${fmt(py.sampler as number)} ns per normal (Limitlab / NumPy ${fmt(sampler / (py.sampler as number))})`);
    out(`  solve_ivp(RK45) on the same 1000-state ODE: ${fmt(py.ode_ms as number)} ms, ${py.ode_nfev} RHS evaluations, final risk ${fmt(py.ode_risk as number, 10)}`);
    out(`  Limitlab faster by: ${fmt((py.ode_ms as number) / bare.ms)}x (bare DOPRI5)   (aim 5x)`);
    out(`  solve_ivp(RK45) on the E_j, D_j system of glmTheory (2000 states): ${fmt(py.ode_ed_ms as number)} ms, ${py.ode_ed_nfev} RHS evaluations`);
    out(
      `  Limitlab faster by: ${fmt((py.ode_ed_ms as number) / dopEnd.ms)}x (glmTheory DOPRI5), ` +
        `${fmt((py.ode_ed_ms as number) / colEnd.ms)}x (glmTheory collocation)   (aim 5x)`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
