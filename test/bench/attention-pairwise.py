"""The attention-pairwise default sweep in NumPy/SciPy, for `npm run bench` (test/bench/attention-pairwise.ts).

The same estimators as core/models/attention-pairwise (arXiv:2510.11789): N tokens with i.i.d.
uniform coordinates on [-1, 1]/sqrt(d), Y_i = (1/(N-1)) sum_{j != i} phi*(X_i^T A* X_j) + noise,
A* = a U V^T of rank r, phi*(u) = sin 2u + 0.3 u^2; phi in clamped cubic B-splines on
K = ceil(c M^(1/(2 beta + 1))) quantile intervals (scipy.interpolate.BSpline.design_matrix, dense
normal equations with BLAS and Cholesky); the joint estimator by variable projection with
Kaufman's Jacobian, Levenberg-Marquardt from the spectral start, the step kept off the scale of A,
breakpoints fixed during the iteration and placed anew at the end; error on fresh pairs with the
estimate clipped at L. M log-spaced from M_min to M_max, `reps` repetitions, nested samples. Prints
one JSON line: wall time, slope and mean errors (its own random numbers).

    python3 attention-pairwise.py '{"estimator": "joint", "d": 3, "M_min": 512, "M_max": 16384, "M_points": 6, "reps": 16}'
"""
import json
import math
import sys
import time

import numpy as np
from scipy.interpolate import BSpline
from scipy.linalg import cho_factor, cho_solve

cfg = {
    "N": 5, "d": 3, "rank": 1, "noise": 0.5, "A_scale": 2.0, "beta": 2.0, "degree": 3, "c": 2.0, "L": 2.0,
    "M_min": 512, "M_max": 16384, "M_points": 6, "reps": 16, "eval_pairs": 20000, "estimator": "joint",
    "iterations": 40, "tolerance": 1e-6, "seed": 1,
}
if len(sys.argv) > 1:
    cfg.update(json.loads(sys.argv[1]))
N, d, r, s = int(cfg["N"]), int(cfg["d"]), int(cfg["rank"]), int(cfg["degree"])
sigma, L = float(cfg["noise"]), float(cfg["L"])


def phi_star(u):
    return np.sin(2 * u) + 0.3 * u * u


def frame(rng):
    q, _ = np.linalg.qr(rng.standard_normal((d, r)))
    return q


def sizes():
    k = np.arange(cfg["M_points"])
    return sorted(set(int(round(cfg["M_min"] * math.exp(math.log(cfg["M_max"] / cfg["M_min"]) * i / max(1, cfg["M_points"] - 1)))) for i in k))


def intervals(M):
    return max(1, math.ceil(cfg["c"] * M ** (1 / (2 * cfg["beta"] + 1)) - 1e-9))


OFF = ~np.eye(N, dtype=bool)


def pair_values(X, P, Q):
    a = X @ P  # (M, N, r)
    b = X @ Q
    U = np.einsum("mik,mjk->mij", a, b)
    return U[:, OFF].reshape(X.shape[0], N, N - 1), a, b


def basis(u, K):
    flat = u.ravel()
    stride = max(1, math.ceil(flat.size / 32768))
    sample = np.concatenate((flat[::stride], [flat.min(), flat.max()]))
    breaks = np.quantile(sample, np.linspace(0, 1, K + 1))
    breaks[0], breaks[-1] = flat.min(), flat.max()
    return breaks


def knots(breaks):
    return np.concatenate(([breaks[0]] * s, breaks, [breaks[-1]] * s))


def design(u, breaks, with_derivative):
    t = knots(breaks)
    x = np.clip(u.ravel(), breaks[0], breaks[-1])
    D = BSpline.design_matrix(x, t, s).toarray()
    if not with_derivative:
        return D, None
    # B'_{i,s} = s B_{i,s-1}/(t_{i+s} - t_i) - s B_{i+1,s-1}/(t_{i+s+1} - t_{i+1})
    low = BSpline.design_matrix(x, t[1:-1], s - 1).toarray()
    n = D.shape[1]
    den0 = t[s:s + n] - t[:n]
    den1 = t[s + 1:s + 1 + n] - t[1:1 + n]
    left = np.zeros_like(D)
    right = np.zeros_like(D)
    left[:, 1:] = low[:, : n - 1] * np.where(den0[1:] > 0, s / np.where(den0[1:] > 0, den0[1:], 1), 0)
    right[:, : n - 1] = low[:, : n - 1] * np.where(den1[: n - 1] > 0, s / np.where(den1[: n - 1] > 0, den1[: n - 1], 1), 0)
    inside = (u.ravel() >= breaks[0]) & (u.ravel() <= breaks[-1])
    return D, (left - right) * inside[:, None]


def fit_phi(u, Y, breaks, with_derivative=False):
    M = u.shape[0]
    D, dD = design(u, breaks, with_derivative)
    n = D.shape[1]
    Psi = D.reshape(M * N, N - 1, n).sum(axis=1) / (N - 1)
    G = Psi.T @ Psi
    factor = cho_factor(G)
    coef = cho_solve(factor, Psi.T @ Y.ravel())
    res = Psi @ coef - Y.ravel()
    return {"coef": coef, "rss": float(res @ res), "res": res, "Psi": Psi, "factor": factor, "D": D, "dD": dD, "breaks": breaks}


def rebalance(P, Q, target):
    U, S, Vt = np.linalg.svd(P @ Q.T)
    S = S[:r] * target / np.linalg.norm(S[:r])
    return U[:, :r] * np.sqrt(S), Vt[:r].T * np.sqrt(S)


def joint(X, Y, K):
    M = X.shape[0]
    C = np.einsum("mi,mia,mkb->ab", Y, X, X) - np.einsum("mi,mia,mib->ab", Y, X, X)
    C /= M * N * (N - 1)
    U, S, Vt = np.linalg.svd(C)
    P, Q = rebalance(U[:, :r] * np.sqrt(S[:r]), Vt[:r].T * np.sqrt(S[:r]), d)
    u, a, b = pair_values(X, P, Q)
    breaks = basis(u, K)
    fit = fit_phi(u, Y, breaks, True)
    lam, np_ = 1e-3, 2 * d * r
    for _ in range(cfg["iterations"]):
        n = fit["coef"].size
        dphi = (fit["dD"] @ fit["coef"]).reshape(M, N, N - 1) / (N - 1)
        # b_j and X_j for j != i, aligned with dphi
        bj = np.broadcast_to(b[:, None, :, :], (M, N, N, r))[:, OFF].reshape(M, N, N - 1, r)
        Xj = np.broadcast_to(X[:, None, :, :], (M, N, N, d))[:, OFF].reshape(M, N, N - 1, d)
        w = np.einsum("mij,mijk->mik", dphi, bj)
        z = np.einsum("mij,mijc->mic", dphi, Xj)
        JP = np.einsum("mic,mik->mick", X, w).reshape(M * N, d * r)
        JQ = np.einsum("mik,mic->mick", a, z).reshape(M * N, d * r)
        J = np.concatenate((JP, JQ), axis=1)
        PsiJ = fit["Psi"].T @ J
        H = J.T @ J - PsiJ.T @ cho_solve(fit["factor"], PsiJ)
        g = J.T @ fit["res"]
        A = P @ Q.T
        v = np.concatenate(((A @ Q).ravel(), (A.T @ P).ravel()))
        maxd = np.max(np.diag(H))
        if not maxd > 0:
            break
        stiff = 1e6 * maxd / (v @ v)
        accepted = converged = False
        for _ in range(12):
            S_ = H + lam * np.diag(np.maximum(np.diag(H), 1e-9 * maxd)) + stiff * np.outer(v, v)
            try:
                delta = -np.linalg.solve(S_, g)
            except np.linalg.LinAlgError:
                lam *= 4
                continue
            predicted = -(g @ delta + 0.5 * delta @ H @ delta)
            if predicted < cfg["tolerance"] * fit["rss"]:
                converged = True
                break
            P2, Q2 = rebalance(P + delta[: d * r].reshape(d, r), Q + delta[d * r:].reshape(d, r), d)
            u2, a2, b2 = pair_values(X, P2, Q2)
            cand = fit_phi(u2, Y, breaks, True)
            if cand["rss"] < fit["rss"]:
                gain = (fit["rss"] - cand["rss"]) / fit["rss"]
                P, Q, a, b, fit = P2, Q2, a2, b2, cand
                lam = max(lam / 3, 1e-12)
                accepted, converged = True, gain < cfg["tolerance"]
                break
            lam *= 4
        if not accepted or converged:
            break
    u, a, b = pair_values(X, P, Q)
    return P, Q, fit_phi(u, Y, basis(u, K))


def error(P, Q, fit, pairs, planted):
    x, y = pairs
    u = np.einsum("pk,pk->p", x @ P, y @ Q)
    t = knots(fit["breaks"])
    g = BSpline(t, fit["coef"], s)(np.clip(u, fit["breaks"][0], fit["breaks"][-1]))
    return float(np.mean((np.clip(g, -L, L) - planted) ** 2))


def main():
    rng = np.random.default_rng(cfg["seed"])
    f = math.sqrt(cfg["A_scale"])
    Ps, Qs = f * frame(rng), f * frame(rng)
    Ms = sizes()
    t0 = time.perf_counter()
    errs = np.zeros((cfg["reps"], len(Ms)))
    for rep in range(cfg["reps"]):
        g = np.random.default_rng([cfg["seed"], rep])
        X_all = (2 * g.random((Ms[-1], N, d)) - 1) / math.sqrt(d)
        u_all, _, _ = pair_values(X_all, Ps, Qs)
        Y_all = phi_star(u_all).mean(axis=2) + sigma * g.standard_normal((Ms[-1], N))
        x = (2 * g.random((cfg["eval_pairs"], d)) - 1) / math.sqrt(d)
        y = (2 * g.random((cfg["eval_pairs"], d)) - 1) / math.sqrt(d)
        planted = phi_star(np.einsum("pk,pk->p", x @ Ps, y @ Qs))
        for k, M in enumerate(Ms):
            X, Y = X_all[:M], Y_all[:M]
            K = intervals(M)
            if cfg["estimator"] == "joint":
                P, Q, fit = joint(X, Y, K)
            else:
                P, Q = Ps, Qs
                u, _, _ = pair_values(X, P, Q)
                fit = fit_phi(u, Y, basis(u, K))
            errs[rep, k] = error(P, Q, fit, (x, y), planted)
    seconds = time.perf_counter() - t0
    mean = errs.mean(axis=0)
    slope = float(np.polyfit(np.log(Ms), np.log(mean), 1)[0])
    print(json.dumps({"numpy": np.__version__, "seconds": seconds, "slope": slope, "M": Ms, "mean": mean.tolist()}))


main()
