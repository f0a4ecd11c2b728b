/**
 * Bench of the `adaptive-kernel` equations of state at P = 256, d = 64 (erf, N = 256, chi = 1,
 * width-1 erf teacher): the solve at the target from the NNGP (one path point) and the default
 * annealed path (12 points), with the cost of one map evaluation; beside it, if python3 with NumPy
 * is present, the same map evaluation written with NumPy matrix products (its result is checked
 * against ours at the NNGP before the times are compared).
 */
import { spawnSync } from 'node:child_process';
import { syntheticData } from '../../core/models/adaptive-kernel/data.js';
import { EosWorkspace, priorCovariance } from '../../core/models/adaptive-kernel/eos.js';
import { adaptiveKernelParams } from '../../core/models/adaptive-kernel/params.js';
import { eosProblem, eosTheory } from '../../core/models/adaptive-kernel/theory.js';

const SIZE = { d: 64, P: 256, N: 256, chi: 1, activation: 'erf', noise: 0.01, target: { kind: 'teacher' }, test_size: 64, langevin: { chains: 0 } } as const;

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

const PYTHON = String.raw`
import json, sys, time
try:
    import numpy as np
except Exception as e:
    print(json.dumps({"skipped": "numpy not importable: %s" % e})); sys.exit(0)
inp = json.loads(sys.stdin.read())
P, d, N, chi, sw2, sa2, noise = inp["P"], inp["d"], inp["N"], inp["chi"], inp["sigma_w2"], inp["sigma_a2"], inp["noise"]
X = np.array(inp["X"]).reshape(P, d); y = np.array(inp["y"])
def F(S):
    C = X @ S @ X.T
    b = np.diag(C); a = 1 + 2 * b
    D = np.sqrt(np.maximum(np.outer(a, a) - 4 * C * C, 0))
    K = sa2 * (2 / np.pi) * np.arctan2(2 * C, D)
    Kxy = sa2 * (4 / np.pi) / D
    Kxx = -Kxy * C / a[:, None]
    Minv = np.linalg.inv(K + noise * np.eye(P))
    t = Minv @ y
    A = (chi / N) * np.outer(t, t) - Minv / N
    B = A * Kxy + np.diag(2 * np.sum(A * Kxx, axis=1))
    G = X.T @ B @ X
    return np.linalg.inv((d / sw2) * np.eye(d) - G)
S0 = sw2 * np.eye(d) / d
F(S0)
t = float("inf")
for _ in range(5):
    t0 = time.perf_counter(); F(S0); t = min(t, time.perf_counter() - t0)
print(json.dumps({"numpy": np.__version__, "map_ms": t * 1e3, "next": F(S0).ravel().tolist()}))
`;

export function benchAdaptiveKernel(out: (s: string) => void): void {
  const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
  const direct = adaptiveKernelParams.parse({ ...SIZE, solver: { path_points: 1 } });
  const path = adaptiveKernelParams.parse(SIZE);
  const data = syntheticData(direct, 1);
  const evals = { direct: 0, path: 0 };
  const directMs = best(2, () => {
    const th = eosTheory(direct, data);
    if (!th.path.converged) throw new Error('adaptive-kernel bench: the EoS did not converge');
    evals.direct = th.path.iterations;
  });
  const pathMs = best(1, () => {
    evals.path = eosTheory(path, data).path.iterations;
  });
  const ws = new EosWorkspace(eosProblem(direct, data));
  const s0 = priorCovariance(direct.d, direct.sigma_w2);
  const mapMs = best(5, () => ws.evaluate(s0, direct.chi));
  out('');
  out(`adaptive-kernel EoS, erf, P = ${direct.P}, d = ${direct.d}, N = ${direct.N}, chi = ${direct.chi}, tol ${direct.solver.tol}`);
  out(`  solve at chi from the NNGP: ${fmt(directMs)} ms, ${evals.direct} map evaluations   (target < 1000 ms)`);
  out(`  annealed path, ${path.solver.path_points} points from chi = ${path.solver.chi_start}: ${fmt(pathMs)} ms, ${evals.path} map evaluations`);
  out(`  one map evaluation Sigma -> F(Sigma): ${fmt(mapMs)} ms`);
  const r = spawnSync('python3', ['-c', PYTHON], {
    input: JSON.stringify({ ...direct, X: Array.from(data.X), y: Array.from(data.y) }),
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    out(`  NumPy comparison skipped: python3 not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`);
    return;
  }
  const py = JSON.parse(r.stdout) as { skipped?: string; numpy?: string; map_ms?: number; next?: number[] };
  if (py.skipped) {
    out(`  NumPy comparison skipped: ${py.skipped}`);
    return;
  }
  let diff = 0;
  let scale = 0;
  py.next!.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - ws.next[i]));
    scale = Math.max(scale, Math.abs(v));
  });
  out(`  NumPy ${py.numpy}, the same map with matrix products: ${fmt(py.map_ms!)} ms (agrees to ${fmt(diff / scale, 2)} relative)`);
  out(`  Limitlab / NumPy per map evaluation: ${fmt(mapMs / py.map_ms!)}  (NumPy calls multithreaded BLAS; the solve at chi in NumPy would take about ${fmt(evals.direct * py.map_ms!)} ms)`);
}
