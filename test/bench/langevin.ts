/**
 * Bench of the field-theory pieces (part of `npm run bench`): one Langevin step of the shared
 * simulator (forward and backward pass of the two-layer net over P samples, noise and update) at
 * the linear-net-scaling and adaptive-kernel presets' sizes and at d = 64, P = 256, N = 256 (linear, erf,
 * ReLU), beside
 * the same loop written with NumPy matrix products (same run, ratios), and, for the non-linear
 * networks, the simulator's JavaScript loops (its reference, the step before WebAssembly); and the
 * exact Gamma mixture of linear-net-scaling at P = 1000, d = 64.
 *
 * On a shared machine the load moves while the bench runs, so the Limitlab and NumPy timings are
 * taken in alternating rounds: each keeps its best, and each round's ratio against NumPy on one
 * BLAS thread is reported as a median and range.
 */
import { spawnSync } from 'node:child_process';
import { type LangevinActivation, langevinAutoSteps, runLangevinChain } from '../../core/models/kit/index.js';
import { exactMixture } from '../../core/models/linear-net-scaling/mixture.js';
import { kernelSpectrum, predictor } from '../../core/models/linear-net-scaling/spectral.js';
import { createRng } from '../../core/numerics/rng.js';

interface Case {
  name: string;
  activation: LangevinActivation;
  d: number;
  P: number;
  N: number;
  chi: number;
  steps: number;
}

const CASES: Case[] = [
  { name: 'linear, d = 8, P = 12, N = 12 (table-n12)', activation: 'linear', d: 8, P: 12, N: 12, chi: 1, steps: 20_000 },
  { name: 'linear, d = 8, P = 12, N = 48 (table-n48)', activation: 'linear', d: 8, P: 12, N: 48, chi: 48, steps: 20_000 },
  { name: 'erf, d = 16, P = 64, N = 64 (adaptive-kernel erf-standard)', activation: 'erf', d: 16, P: 64, N: 64, chi: 1, steps: 2_000 },
  { name: 'relu, d = 16, P = 64, N = 64 (adaptive-kernel relu-mean-field)', activation: 'relu', d: 16, P: 64, N: 64, chi: 64, steps: 2_000 },
  { name: 'linear, d = 64, P = 256, N = 256', activation: 'linear', d: 64, P: 256, N: 256, chi: 1, steps: 400 },
  { name: 'erf, d = 64, P = 256, N = 256', activation: 'erf', d: 64, P: 256, N: 256, chi: 1, steps: 30 },
  { name: 'relu, d = 64, P = 256, N = 256', activation: 'relu', d: 64, P: 256, N: 256, chi: 1, steps: 30 },
];

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

/** Microseconds per Langevin step (no samples recorded: burn-in = steps − 1); `wasm` false: the JavaScript loops. */
function jsStep(c: Case, wasm = true): number {
  const rng = createRng(3);
  const X = new Float64Array(c.P * c.d);
  rng.fillNormal(X);
  const y = new Float64Array(c.P);
  rng.fillNormal(y);
  const net = { activation: c.activation, d: c.d, N: c.N, chi: c.chi, sigma_w2: 1, sigma_a2: 1, noise: 0.1 };
  const data = { P: c.P, X, y };
  const steps = langevinAutoSteps(net, data);
  const ms = best(3, () =>
    runLangevinChain(net, data, { steps: c.steps, burnIn: c.steps - 1, thin: 1, ...steps }, { seed: 1, chain: 0, weightCovariance: false }, { wasm }),
  );
  return (ms * 1000) / c.steps;
}

const PYTHON = String.raw`
import json, sys, time, math
try:
    import numpy as np
    from scipy.special import erf
except Exception as e:
    print(json.dumps({"skipped": "numpy/scipy not importable: %s" % e})); sys.exit(0)
cases = json.loads(sys.argv[1])
def best(reps, f):
    f(); t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter(); f(); t = min(t, time.perf_counter() - t0)
    return t
out = {"numpy": np.__version__}
for c in cases:
    d, P, N, chi, steps, act = c["d"], c["P"], c["N"], c["chi"], c["steps"], c["activation"]
    rng = np.random.default_rng(1)
    X = rng.standard_normal((P, d)); y = rng.standard_normal(P)
    precW, precA, lik = d / 1.0, N * chi / 1.0, chi / 0.1
    ew, ea = 1e-5, 1e-6
    sw, sa = math.sqrt(2 * ew), math.sqrt(2 * ea)
    def run():
        W = rng.standard_normal((N, d)) / math.sqrt(d); a = rng.standard_normal(N) / math.sqrt(N * chi)
        for _ in range(steps):
            if act == "linear":
                v = W.T @ a; f = X @ v; r = lik * (f - y); g = X.T @ r
                gA = W @ g + precA * a; gW = np.outer(a, g) + precW * W
            else:
                H = W @ X.T
                if act == "erf":
                    Phi = erf(H); D = (2 / math.sqrt(math.pi)) * np.exp(-H * H)
                else:
                    Phi = np.maximum(H, 0); D = (H > 0).astype(float)
                f = a @ Phi; r = lik * (f - y)
                gA = Phi @ r + precA * a
                gW = ((a[:, None] * D) * r[None, :]) @ X + precW * W
            W = W - ew * gW + sw * rng.standard_normal((N, d))
            a = a - ea * gA + sa * rng.standard_normal(N)
        return W
    out[c["name"]] = best(3, run) * 1e6 / steps
print(json.dumps(out))
`;

/** NumPy's times; `oneThread` pins its BLAS to one thread (a chain is one part on one pool thread). */
function numpySteps(oneThread: boolean): Record<string, number | string> | string {
  const env = oneThread ? { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } : process.env;
  const r = spawnSync('python3', ['-c', PYTHON, JSON.stringify(CASES)], { encoding: 'utf8', timeout: 600_000, env });
  if (r.error || r.status !== 0) return `skipped: python3 not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`;
  try {
    const doc = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    return doc.skipped ? `skipped: ${doc.skipped}` : doc;
  } catch {
    return 'skipped: unreadable output from python3';
  }
}

/** ", against NumPy on one BLAS thread: r" for the JavaScript loops' time `us`. */
function ratioOf(doc: Record<string, number | string> | string, c: Case, us: number): string {
  const np = typeof doc === 'string' ? undefined : (doc[c.name] as number | undefined);
  return np === undefined ? '' : `; the JavaScript loops against NumPy on one thread: ${(np / us).toPrecision(3)}`;
}

/** Milliseconds of the exact mixture at P = 1000, d = 64 (spectrum, quadrature, predictions on 200 test points). */
function mixtureMs(): number {
  const d = 64;
  const P = 1000;
  const Pt = 200;
  const rng = createRng(5);
  const X = new Float64Array(P * d);
  const Xt = new Float64Array(Pt * d);
  rng.fillNormal(X);
  rng.fillNormal(Xt);
  const y = Float64Array.from({ length: P }, (_, m) => X[m * d]! - X[m * d + 1]!);
  const yt = Float64Array.from({ length: Pt }, (_, m) => Xt[m * d]! - Xt[m * d + 1]!);
  return best(5, () => {
    const spec = kernelSpectrum(X, y, Xt, yt, P, Pt, d, 1 / d);
    predictor(spec, exactMixture(spec, { N: 64, chi: 64, noise: 0.1 }).g);
  });
}

export function langevinBench(out: (line: string) => void, fmt: (x: number, digits?: number) => string): void {
  out('');
  out('Langevin step of the shared simulator (forward + backward over P samples, noise, update; one chain)');
  const ROUNDS = 5;
  const js = CASES.map((c) => ({ c, us: Infinity, ref: Infinity, ratios: [] as number[] }));
  let py: ReturnType<typeof numpySteps> = 'skipped';
  let py1: ReturnType<typeof numpySteps> = 'skipped';
  const keepBest = (old: typeof py, doc: typeof py): typeof py => {
    if (typeof doc === 'string') return typeof old === 'string' ? doc : old;
    if (typeof old === 'string') return doc;
    const merged: Record<string, number | string> = { ...old };
    for (const [k, v] of Object.entries(doc)) if (typeof v === 'number') merged[k] = Math.min(v, old[k] as number);
    return merged;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const thisRound = js.map((j) => jsStep(j.c));
    for (const [k, j] of js.entries()) {
      j.us = Math.min(j.us, thisRound[k]!);
      if (j.c.activation !== 'linear') j.ref = Math.min(j.ref, jsStep(j.c, false));
    }
    py = keepBest(py, numpySteps(false));
    const one = numpySteps(true);
    py1 = keepBest(py1, one);
    if (typeof one !== 'string') for (const [k, j] of js.entries()) j.ratios.push((one[j.c.name] as number) / thisRound[k]!);
  }
  /** The median and range of the rounds' ratios (each round's two timings taken seconds apart). */
  const spread = (r: number[]) => {
    if (r.length === 0) return '';
    const s = [...r].sort((a, b) => a - b);
    const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    return `; per round against one BLAS thread: median ${fmt(mid)}x (${fmt(s[0]!)}-${fmt(s[s.length - 1]!)} over ${s.length} rounds)`;
  };
  const ratio = (doc: typeof py, c: Case, us: number) => {
    const np = typeof doc === 'string' ? undefined : (doc[c.name] as number | undefined);
    return np === undefined ? '' : `NumPy ${fmt(np)} µs (Limitlab faster by ${fmt(np / us)}x)`;
  };
  for (const { c, us, ref, ratios } of js) {
    const before = Number.isFinite(ref) ? `; JavaScript loops ${fmt(ref)} µs (WebAssembly faster by ${fmt(ref / us)}x${ratioOf(py1, c, ref)})` : '';
    out(`  ${c.name}: ${fmt(us)} µs per step; ${ratio(py, c, us)}; one BLAS thread: ${ratio(py1, c, us)}${spread(ratios)}   (target >= 1)${before}`);
  }
  if (typeof py === 'string') out(`  NumPy comparison ${py}`);
  else out(`  (NumPy ${py.numpy}: the same loop with matrix products and scipy.special.erf, default BLAS threads and one thread)`);
  out('');
  out(`Exact Gamma mixture of linear-net-scaling, P = 1000, d = 64, 200 test points: ${fmt(mixtureMs())} ms   (target < 1000)`);
}
