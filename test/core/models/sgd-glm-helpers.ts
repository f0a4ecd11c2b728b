/** Shared helpers of the sgd-glm tests. */
import type { RunResult, Series } from '../../../core/models/model-kind.js';
import { ctx } from './ctx.js';
import { sgdGlm, sgdGlmParams, type SgdGlmParams } from '../../../core/models/sgd-glm/index.js';


/** Parses, runs the theory part alone and merges it: the theory series by name, and the scalars. */
export function theoryOf(input: Record<string, unknown>): { p: SgdGlmParams; r: RunResult; y: (name: string) => Float64Array; x: Float64Array } {
  const p = sgdGlmParams.parse(input);
  const key = { role: 'theory' } as const;
  const r = sgdGlm.merge(p, [{ key, result: sgdGlm.runPart(p, key, ctx()) }], { seed: 1, replicas: 0 });
  const y = (name: string) => {
    const s = r.series.find((q) => q.source === 'theory' && q.name === name);
    if (!s) throw new Error(`no theory series ${name}`);
    return s.y;
  };
  return { p, r, y, x: r.series[0].x };
}

export function seriesOf(r: RunResult, name: string, source: Series['source']): Series {
  const s = r.series.find((q) => q.name === name && q.source === source && q.replica === undefined);
  if (!s) throw new Error(`no ${source} series ${name}`);
  return s;
}

export function last(a: Float64Array): number {
  return a[a.length - 1];
}

/**
 * The exact finite-d second moments of least-squares SGD (theory note §1.5b), written out
 * independently of core/: with c_k = gamma_k / d and v_i(k) = E[(theta_k - theta*)_i^2],
 *   v_i(k+1) = (1 - 2 c_k lambda_i + 2 c_k^2 lambda_i^2) v_i(k) + c_k^2 lambda_i (sum_j lambda_j v_j(k) + omega^2),
 * exact for Gaussian data and any deterministic rates gamma_k. Returns E risk = (sum_j lambda_j v_j + omega^2)/2
 * and E |theta - theta*|^2 = sum_j v_j at the given step counts.
 */
export function exactFiniteD(
  lambda: Float64Array,
  v0: Float64Array,
  gammaAt: (k: number) => number,
  omega: number,
  steps: Float64Array,
): { risk: Float64Array; distance: Float64Array } {
  const d = lambda.length;
  const v = Float64Array.from(v0);
  const risk = new Float64Array(steps.length);
  const distance = new Float64Array(steps.length);
  let j = 0;
  for (let k = 0; ; k++) {
    let s = 0;
    let dist = 0;
    for (let i = 0; i < d; i++) {
      s += lambda[i] * v[i];
      dist += v[i];
    }
    if (k === steps[j]) {
      risk[j] = 0.5 * (s + omega * omega);
      distance[j] = dist;
      j++;
      if (j === steps.length) break;
    }
    const c = gammaAt(k) / d;
    const forcing = c * c * (s + omega * omega);
    for (let i = 0; i < d; i++) {
      const l = lambda[i];
      v[i] = (1 - 2 * c * l + 2 * c * c * l * l) * v[i] + forcing * l;
    }
  }
  return { risk, distance };
}

export { sgdGlm, sgdGlmParams };
