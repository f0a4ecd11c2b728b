/**
 * Bench of grokking-modular (part of `npm run bench`): one Langevin step of the quadratic network
 * on the full modular table (forward gather, backward pass, sextic DFTs, noise, update) at the
 * presets' sizes and at P = 23 and 53, in ns per multiply-add of the 3·N·P³ count the cost
 * estimate uses; the gather forward pass against the same pass written as a two-hot matrix product
 * (kit's matmulRowsT); and the same step in NumPy (matrix products), ratios from one run.
 */
import { spawnSync } from 'node:child_process';
import { matmulRowsT } from '../../core/models/kit/index.js';
import { operationsPerStep } from '../../core/models/grokking-modular/cost.js';
import { quadraticForward, runModularChain } from '../../core/models/grokking-modular/quadratic-chain.js';
import { createRng } from '../../core/numerics/rng.js';

interface Case {
  P: number;
  N: number;
  gamma: number;
  steps: number;
}

const CASES: Case[] = [
  { P: 7, N: 64, gamma: 3, steps: 2000 },
  { P: 7, N: 64, gamma: 0, steps: 2000 },
  { P: 23, N: 64, gamma: 3, steps: 60 },
  { P: 53, N: 32, gamma: 3, steps: 6 },
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

function stepMicros(c: Case): number {
  const net = { P: c.P, N: c.N, sigma_a2: 0.05, noise: 0.2, gamma: c.gamma };
  const ms = best(3, () => runModularChain(net, { steps: c.steps, burnIn: c.steps - 1, thin: 1, factor: 0.1 }, { seed: 1, chain: 0 }));
  return (ms * 1000) / c.steps;
}

/** Forward pass: the gather against H = X Wᵀ (two-hot X, P² × 2P), Φ = H², f = Φᵀ-weighted readout. */
function forwardRatio(P: number, N: number): { gather: number; matmul: number } {
  const rng = createRng(2);
  const W = new Float64Array(N * 2 * P);
  const A = new Float64Array(N * P);
  rng.fillNormal(W);
  rng.fillNormal(A);
  const f = new Float64Array(P * P * P);
  const X = new Float64Array(P * P * 2 * P);
  for (let n = 0; n < P; n++) for (let m = 0; m < P; m++) {
    X[(n * P + m) * 2 * P + n] = 1;
    X[(n * P + m) * 2 * P + P + m] = 1;
  }
  const H = new Float64Array(P * P * N);
  const AT = new Float64Array(P * N);
  for (let i = 0; i < N; i++) for (let p = 0; p < P; p++) AT[p * N + i] = A[i * P + p]!;
  const reps = Math.max(1, Math.floor(2e6 / (N * P ** 3)));
  const gather = best(3, () => {
    for (let r = 0; r < reps; r++) quadraticForward(P, N, W, A, f);
  });
  const matmul = best(3, () => {
    for (let r = 0; r < reps; r++) {
      matmulRowsT(X, W, H, P * P, N, 2 * P);
      for (let k = 0; k < H.length; k++) H[k] = H[k]! * H[k]!;
      matmulRowsT(H, AT, f, P * P, P, N);
    }
  });
  return { gather: gather / reps, matmul: matmul / reps };
}

const PYTHON = String.raw`
import json, sys, time, math
try:
    import numpy as np
except Exception as e:
    print(json.dumps({"skipped": "numpy not importable: %s" % e})); sys.exit(0)
cases = json.loads(sys.argv[1])
out = {"numpy": np.__version__}
for c in cases:
    P, N, g, steps = c["P"], c["N"], c["gamma"], c["steps"]
    rng = np.random.default_rng(1)
    W = rng.standard_normal((N, 2 * P)); A = rng.standard_normal((N, P)) * math.sqrt(0.05 / N)
    y = np.full((P * P, P), -1.0 / P)
    for n in range(P):
        for m in range(P):
            y[n * P + m, (n + m) % P] += 1
    k = np.arange(P)
    F = np.exp(-2j * np.pi * np.outer(k, k) / P) / P
    Fi = np.exp(2j * np.pi * np.outer(k, k) / P)
    ew, ea, noise = 1e-4, 1e-8, 0.2
    def step():
        global W, A
        H = W[:, :P, None] + W[:, None, P:]
        Phi = (H * H).reshape(N, P * P)
        f = Phi.T @ A
        r = (f - y) / noise
        gA = Phi @ r + (N / 0.05) * A
        s = (r @ A.T).T.reshape(N, P, P)
        G = 2 * H * s
        gW = np.concatenate([G.sum(2), G.sum(1)], axis=1) + W
        if g > 0:
            for half in (slice(0, P), slice(P, 2 * P)):
                wk = W[:, half] @ F.T
                gW[:, half] += g * ((np.abs(wk) ** 4 * wk) @ Fi.T).real
        W = W - ew * gW + math.sqrt(2 * ew) * rng.standard_normal(W.shape)
        A = A - ea * gA + math.sqrt(2 * ea) * rng.standard_normal(A.shape)
    step()
    t = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(steps): step()
        t = min(t, time.perf_counter() - t0)
    out["P%d_N%d_g%g" % (P, N, g)] = t / steps * 1e6
print(json.dumps(out))
`;

function numpyMicros(): Record<string, unknown> | string {
  const r = spawnSync('python3', ['-c', PYTHON, JSON.stringify(CASES)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return `not run (python3: ${r.stderr?.trim().split('\n').pop() ?? r.error?.message})`;
  const parsed = JSON.parse(r.stdout) as Record<string, unknown>;
  return typeof parsed.skipped === 'string' ? `skipped (${parsed.skipped})` : parsed;
}

export function benchGrokkingModular(out: (line: string) => void, fmt: (x: number, digits?: number) => string): void {
  out('');
  out('grokking-modular: one Langevin step of the quadratic network on the P² table (one chain)');
  const py = numpyMicros();
  for (const c of CASES) {
    const us = stepMicros(c);
    const ns = (us * 1000) / operationsPerStep(c.P, c.N);
    const key = `P${c.P}_N${c.N}_g${c.gamma}`;
    const versus = typeof py === 'string' ? '' : `; NumPy ${fmt(py[key] as number)} µs, Limitlab faster by ${fmt((py[key] as number) / us)}x`;
    out(`  P = ${c.P}, N = ${c.N}, ${c.gamma > 0 ? 'sextic Γ' : 'weight decay'}: ${fmt(us)} µs per step, ${fmt(ns)} ns per counted operation${versus}`);
  }
  if (typeof py === 'string') out(`  NumPy comparison ${py}`);
  for (const [P, N] of [
    [7, 64],
    [23, 64],
  ] as const) {
    const r = forwardRatio(P, N);
    out(`  forward pass P = ${P}, N = ${N}: gather ${fmt(r.gather * 1000)} µs, two-hot matrix products ${fmt(r.matmul * 1000)} µs (gather faster by ${fmt(r.matmul / r.gather)}x)`);
  }
}
