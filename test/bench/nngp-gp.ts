/**
 * Bench section of the nngp-gp kind: the kernel matrices (train Gram P×P and test cross m×P) and
 * the GP solve (Cholesky of K + σ̃²I, posterior mean at the test points) at the presets' largest
 * GP-regression sizes, beside the same computation in NumPy/SciPy (vectorised kernel formulas,
 * scipy.linalg.cho_factor / cho_solve), measured back to back in one run.
 */
import { spawnSync } from 'node:child_process';
import { choleskyInPlace, choleskySolveInPlace } from '../../core/numerics/gp/index.js';
import { type Activation, diagonalOf, isotropicCovariance, nngpCross, nngpGram } from '../../core/numerics/nngp/index.js';
import { createRng } from '../../core/numerics/rng.js';

interface Case {
  name: string;
  activation: Activation;
  depth: number;
  d: number;
  P: number;
  m: number;
}

/** The presets' largest GP-regression sizes (erf-linear-target, relu-cubic-staircase). */
const CASES: Case[] = [
  { name: 'erf, depth 1, d = 20', activation: 'erf', depth: 1, d: 20, P: 1024, m: 500 },
  { name: 'ReLU, depth 2, d = 12', activation: 'relu', depth: 2, d: 12, P: 2048, m: 500 },
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

function ours(c: Case): { kernelMs: number; solveMs: number } {
  const rng = createRng(1);
  const x = new Float64Array(c.P * c.d);
  const xs = new Float64Array(c.m * c.d);
  rng.fillNormal(x);
  rng.fillNormal(xs);
  const y = new Float64Array(c.P);
  rng.fillNormal(y);
  const spec = { activation: c.activation, depth: c.depth, sigmaW2: 1, sigmaA2: 1 };
  let k: Float64Array = new Float64Array(0);
  let cross: Float64Array = new Float64Array(0);
  const kernelMs = best(2, () => {
    const cov = isotropicCovariance(x, c.P, x, c.P, c.d, 1);
    const diag = diagonalOf(cov, c.P);
    k = nngpGram(spec, cov, c.P, cov);
    const sd = new Float64Array(c.m);
    for (let i = 0; i < c.m; i++) {
      let s = 0;
      for (let j = 0; j < c.d; j++) s += xs[i * c.d + j] ** 2;
      sd[i] = s / c.d;
    }
    cross = nngpCross(spec, sd, diag, isotropicCovariance(xs, c.m, x, c.P, c.d, 1), c.m, c.P);
  });
  const solveMs = best(2, () => {
    const l = Float64Array.from(k);
    for (let i = 0; i < c.P; i++) l[i * c.P + i] += 1e-3;
    if (choleskyInPlace(l, c.P) >= 0) throw new Error('bench: not positive definite');
    const a = Float64Array.from(y);
    choleskySolveInPlace(l, c.P, c.P, a);
    const f = new Float64Array(c.m);
    for (let i = 0; i < c.m; i++) {
      let s = 0;
      for (let j = 0; j < c.P; j++) s += cross[i * c.P + j] * a[j];
      f[i] = s;
    }
  });
  return { kernelMs, solveMs };
}

const PYTHON = String.raw`
import json, sys, time
try:
    import numpy as np
    from scipy.linalg import cho_factor, cho_solve
except Exception as e:
    print(json.dumps({"skipped": "numpy/scipy not importable: %s" % e})); sys.exit(0)
cases = json.loads(sys.argv[1])
def best(reps, f):
    f(); t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter(); f(); t = min(t, time.perf_counter() - t0)
    return t
def kappa(act, cxx, cxy, cyy):
    if act == "erf":
        return (2 / np.pi) * np.arctan2(2 * cxy, np.sqrt(np.maximum((1 + 2 * cxx) * (1 + 2 * cyy) - 4 * cxy ** 2, 0)))
    if act == "relu":
        r = np.sqrt(cxx * cyy); rho = np.clip(cxy / r, -1, 1); th = np.arccos(rho)
        return (np.sqrt(np.maximum(cxx * cyy - cxy ** 2, 0)) + (np.pi - th) * rho * r) / (2 * np.pi)
    raise ValueError(act)
def kernel(act, depth, cxy, dx, dy):
    for _ in range(depth - 1):
        cxy = kappa(act, dx[:, None], cxy, dy[None, :]); dx = kappa(act, dx, dx, dx); dy = kappa(act, dy, dy, dy)
    return kappa(act, dx[:, None], cxy, dy[None, :])
out = {"numpy": np.__version__}
for c in cases:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((c["P"], c["d"])); xs = rng.standard_normal((c["m"], c["d"])); y = rng.standard_normal(c["P"])
    res = {}
    def kern():
        cov = x @ x.T / c["d"]; dg = np.diag(cov).copy(); sd = np.sum(xs ** 2, axis=1) / c["d"]
        res["k"] = kernel(c["activation"], c["depth"], cov, dg, dg)
        res["cross"] = kernel(c["activation"], c["depth"], xs @ x.T / c["d"], sd, dg)
    def solve():
        f = cho_factor(res["k"] + 1e-3 * np.eye(c["P"]), lower=True)
        return res["cross"] @ cho_solve(f, y)
    out[c["name"]] = {"kernel": best(2, kern) * 1e3, "solve": best(2, solve) * 1e3}
print(json.dumps(out))
`;

export function nngpBench(out: (line: string) => void, fmt: (x: number, digits?: number) => string): void {
  out('nngp-gp: NNGP kernel matrices (P×P Gram + m×P cross) and GP solve (Cholesky, posterior mean), at the presets’ sizes');
  const mine = CASES.map(ours);
  const r = spawnSync('python3', ['-c', PYTHON, JSON.stringify(CASES)], { encoding: 'utf8', timeout: 600_000 });
  let py: Record<string, { kernel: number; solve: number } | string> | null = null;
  if (!r.error && r.status === 0) {
    try {
      const doc = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
      if (!doc.skipped) py = doc;
      else out(`  NumPy/SciPy comparison skipped: ${doc.skipped}`);
    } catch {
      out('  NumPy/SciPy comparison skipped: unreadable output from python3');
    }
  } else out('  NumPy/SciPy comparison skipped: python3 not available');
  CASES.forEach((c, i) => {
    const m = mine[i]!;
    const ref = py?.[c.name];
    const line = `  ${c.name}, P = ${c.P}, m = ${c.m}: kernels ${fmt(m.kernelMs)} ms, solve ${fmt(m.solveMs)} ms`;
    if (ref && typeof ref !== 'string') {
      out(`${line};  NumPy ${py!['numpy']}: kernels ${fmt(ref.kernel)} ms, solve ${fmt(ref.solve)} ms;  Limitlab / NumPy: kernels ${fmt(m.kernelMs / ref.kernel)}, solve ${fmt(m.solveMs / ref.solve)}`);
    } else out(line);
  });
}
