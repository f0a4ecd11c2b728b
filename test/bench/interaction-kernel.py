"""The interaction-kernel default sweep in NumPy/SciPy, for `npm run bench` (test/bench/interaction-kernel.ts).

The same estimator as core/models/interaction-kernel (arXiv:2311.16852): N = 3 i.i.d. uniform
particles on [0, 1], phi*(r) = sin(2 pi r) + cos(6 r)/2, sigma = 1, static form; piecewise
polynomials of degree s on quantile knots of rho(r) = 2(1 - r), orthonormalised per interval by
Cholesky of the Legendre moment matrix (20-point Gauss-Legendre); normal equations from a dense
design matrix (BLAS), lambda_min by eigvalsh, the tamed Cholesky solve, the error by 2048 pieces of
12-point Gauss-Legendre. M log-spaced from M_min to M_max, `reps` repetitions each. Prints one JSON
line: wall time, slope and mean errors.

    python3 interaction-kernel.py '{"beta": 1, "degree": 1, "c": 3, "M_min": 512, "M_max": 16384, "M_points": 6, "reps": 16}'
"""
import json
import sys
import time

import numpy as np
from numpy.polynomial.legendre import leggauss
from scipy.linalg import cho_factor, cho_solve

cfg = {"beta": 1.0, "degree": 1, "c": 3.0, "M_min": 512, "M_max": 16384, "M_points": 6, "reps": 16, "N": 3, "noise": 1.0, "seed": 1}
if len(sys.argv) > 1:
    cfg.update(json.loads(sys.argv[1]))
N, s, sigma = int(cfg["N"]), int(cfg["degree"]), float(cfg["noise"])
m = s + 1


def phi_star(r):
    return np.sin(2 * np.pi * r) + 0.5 * np.cos(6 * r)


def rho(r):
    return np.where((r >= 0) & (r <= 1), 2 * (1 - r), 0.0)


def legendre(t):
    P = np.empty(t.shape + (m,))
    P[..., 0] = 1
    if m > 1:
        P[..., 1] = t
    for q in range(1, m - 1):
        P[..., q + 1] = ((2 * q + 1) * t * P[..., q] - q * P[..., q - 1]) / (q + 1)
    return P


def basis(K):
    knots = 1 - np.sqrt(1 - np.arange(K + 1) / K)
    knots[-1] = 1.0
    x, w = leggauss(20)
    a, b = knots[:-1, None], knots[1:, None]
    r = (a + b) / 2 + (b - a) / 2 * x  # (K, 20)
    W = (b - a) / 2 * w * rho(r)
    P = legendre(x[None, :].repeat(K, 0))  # (K, 20, m)
    G = np.einsum("kq,kqi,kqj->kij", W, P, P)
    T = np.linalg.inv(np.linalg.cholesky(G))  # psi_k = T_k P
    return knots, T


def local_values(knots, T, r):
    K = len(knots) - 1
    k = np.clip(np.searchsorted(knots, r, side="right") - 1, 0, K - 1)
    t = 2 * (r - knots[k]) / (knots[k + 1] - knots[k]) - 1
    return k, np.einsum("...ij,...j->...i", T[k], legendre(t))


def fit(M, K, rng):
    knots, T = basis(K)
    n = K * m
    X = rng.random((M, N))
    eta = rng.standard_normal((M, N))
    diff = X[:, None, :] - X[:, :, None]  # diff[:, i, j] = X_j - X_i
    r = np.abs(diff)
    u = np.sign(diff) / (N - 1)
    Y = (phi_star(r) * u).sum(axis=2) + sigma * eta  # the diagonal has u = 0
    Phi = np.zeros((M * N, n))
    rows = np.arange(M * N)
    for j in range(N):
        k, v = local_values(knots, T, r[:, :, j].reshape(-1))
        uj = u[:, :, j].reshape(-1)
        for q in range(m):
            Phi[rows, k * m + q] += v[:, q] * uj
    A = Phi.T @ Phi / (M * N)
    bb = Phi.T @ Y.reshape(-1) / (M * N)
    ev = np.linalg.eigvalsh(A)
    tamed = not ev[0] > (1 / (N - 1)) / 4
    if tamed:
        theta = np.zeros(n)
    else:
        theta = cho_solve(cho_factor(A, lower=True), bb)
    # error: 2048 pieces of 12-point Gauss-Legendre
    sub = max(1, -(-2048 // K))
    x, w = leggauss(12)
    edges = np.concatenate([np.linspace(knots[i], knots[i + 1], sub + 1)[:-1] for i in range(K)] + [[1.0]])
    a, b = edges[:-1, None], edges[1:, None]
    rr = ((a + b) / 2 + (b - a) / 2 * x).reshape(-1)
    ww = ((b - a) / 2 * w).reshape(-1) * rho(rr)
    k, v = local_values(knots, T, rr)
    est = (theta.reshape(K, m)[k] * v).sum(axis=1)
    return float(np.sum(ww * (est - phi_star(rr)) ** 2)), tamed, float(ev[0])


lo, hi = np.log(cfg["M_min"]), np.log(cfg["M_max"])
Ms = []
for i in range(int(cfg["M_points"])):
    M = int(cfg["M_max"]) if i == cfg["M_points"] - 1 else int(round(np.exp(lo + (hi - lo) * i / (cfg["M_points"] - 1))))
    if not Ms or M > Ms[-1]:
        Ms.append(M)
t0 = time.perf_counter()
means, tamed_count = [], 0
for M in Ms:
    K = max(1, round(cfg["c"] * M ** (1 / (2 * cfg["beta"] + 1)) / m))
    errs = []
    for rep in range(int(cfg["reps"])):
        e, tamed, _ = fit(M, K, np.random.default_rng([int(cfg["seed"]), rep, M]))
        errs.append(e)
        tamed_count += tamed
    means.append(float(np.mean(errs)))
seconds = time.perf_counter() - t0
slope = float(np.polyfit(np.log(Ms), np.log(means), 1)[0])
print(json.dumps({"numpy": np.__version__, "seconds": seconds, "slope": slope, "M": Ms, "mean_error": means, "tamed": int(tamed_count)}))
