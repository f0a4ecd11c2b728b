/**
 * One Langevin chain of the erf network on its own data set (a replica part), with what the kind
 * measures at every recorded sample through the simulator's `observe`: the overlaps q_i = w_i·w*
 * of all neurons (histogram), the fraction beyond the droplet threshold, and the exact population
 * Hermite projections of the network, Σ_i a_i 2q_i/√(π(1+2|w_i|²)) and Σ_i a_i (−4q_i³)/(√π(1+2|w_i|²)^{3/2}).
 * After the chain, the held-out projections of its time-averaged output (arXiv:2310.03789 Fig. 2c).
 */
import type { RunContext, RunResult, Series } from '../model-kind.js';
import { hooksOf, langevinAutoSteps, langevinChainSeries, runLangevinChain } from '../kit/index.js';
import { cubicData } from './data.js';
import { Q_BINS, binOf } from './histogram.js';
import type { GrokkingCubicParams } from './params.js';
import { networkOf, sizesOf } from './setup.js';

/** The default step-size scale c of eta_l = c / stiffness_l (note §8; the kit divides by 1 + 3χ/N). */
export const AUTO_STEP_SCALE = 0.2;

/** Internal series of a chain part (read by merge, never stored). */
export const CHAIN_HISTOGRAM = 'grok.histogram';
export const CHAIN_STATS = 'grok.stats';

/** Index of each number in the CHAIN_STATS series. */
export const STAT = {
  linearHeldOut: 0,
  cubicHeldOut: 1,
  linearPopulation: 2,
  cubicPopulation: 3,
  linearFirst: 4,
  linearSecond: 5,
  cubicFirst: 6,
  cubicSecond: 7,
  droplet: 8,
  meanTestLoss: 9,
} as const;

/**
 * The held-out projections of an output vector f on He₁ and He₃, subtracted from the teacher's
 * exact coefficients: b = 1 − ⟨f He₁(z)⟩, c = ε − ⟨f He₃(z)⟩/6 (σ²t̄ = y − f̄ = b He₁ + c He₃ + …).
 */
export function heldOutDiscrepancy(f: ArrayLike<number>, z: ArrayLike<number>, eps: number): { b: number; c: number } {
  let p1 = 0;
  let p3 = 0;
  const n = z.length;
  for (let m = 0; m < n; m++) {
    const zm = z[m]!;
    p1 += f[m]! * zm;
    p3 += f[m]! * (zm * zm * zm - 3 * zm);
  }
  return { b: 1 - p1 / n, c: eps - p3 / n / 6 };
}

export function chainPart(p: GrokkingCubicParams, chain: number, ctx: RunContext, dropletThreshold: number): RunResult {
  const s = sizesOf(p);
  const data = cubicData(ctx.seed, chain, s.d, s.P, p.test_size, p.eps);
  const net = networkOf(p);
  const ldata = { P: data.P, X: data.X, y: data.y, Ptest: data.T, Xtest: data.Xt, ytest: data.yt };
  const steps = langevinAutoSteps(net, ldata, p.langevin.step > 0 ? p.langevin.step : AUTO_STEP_SCALE);
  const { d, N } = s;
  const counts = new Float64Array(Q_BINS);
  const w = data.wStar;
  let beyond = 0;
  let total = 0;
  let pop1 = 0;
  let pop3 = 0;
  let samples = 0;
  const invSqrtPi = 1 / Math.sqrt(Math.PI);
  const result = runLangevinChain(
    net,
    ldata,
    { steps: p.langevin.steps, burnIn: p.langevin.burn_in, thin: p.langevin.thin, ...steps },
    {
      seed: ctx.seed,
      chain,
      hooks: hooksOf(ctx),
      weightCovariance: false,
      observe: (state) => {
        const { W, a } = state;
        let f1 = 0;
        let f3 = 0;
        for (let i = 0; i < N; i++) {
          const o = i * d;
          let q = 0;
          let s2 = 0;
          for (let k = 0; k < d; k++) {
            const v = W[o + k]!;
            q += v * w[k]!;
            s2 += v * v;
          }
          const bin = binOf(q);
          if (bin >= 0) counts[bin] += 1;
          if (Math.abs(q) > dropletThreshold) beyond++;
          total++;
          const D = 1 + 2 * s2;
          f1 += (a[i]! * 2 * q * invSqrtPi) / Math.sqrt(D);
          f3 += (a[i]! * -4 * q * q * q * invSqrtPi) / (D * Math.sqrt(D));
        }
        pop1 += f1;
        pop3 += f3;
        samples++;
      },
      ...(ctx.partial
        ? {
            onProgress: (snap) =>
              ctx.partial?.({
                series: [],
                note: `chain ${chain}: step ${snap.step} of ${p.langevin.steps}, ${snap.samples} samples, mean per-sample train error ${snap.meanTrainError.toPrecision(3)}`,
              }),
          }
        : {}),
    },
  );
  const all = heldOutDiscrepancy(result.testMean.all, data.zt, p.eps);
  const first = heldOutDiscrepancy(result.testMean.first, data.zt, p.eps);
  const second = heldOutDiscrepancy(result.testMean.second, data.zt, p.eps);
  let meanLoss = 0;
  for (let m = 0; m < data.T; m++) meanLoss += (result.testMean.all[m]! - data.yt[m]!) ** 2;
  meanLoss /= data.T;
  const n = Math.max(1, samples);
  const stats = new Float64Array(10);
  stats[STAT.linearHeldOut] = all.b;
  stats[STAT.cubicHeldOut] = all.c;
  stats[STAT.linearPopulation] = 1 - pop1 / n;
  stats[STAT.cubicPopulation] = p.eps - pop3 / n / 6;
  stats[STAT.linearFirst] = first.b;
  stats[STAT.linearSecond] = second.b;
  stats[STAT.cubicFirst] = first.c;
  stats[STAT.cubicSecond] = second.c;
  stats[STAT.droplet] = total > 0 ? beyond / total : Number.NaN;
  stats[STAT.meanTestLoss] = meanLoss;
  const internal = (name: string, y: Float64Array): Series => ({
    name,
    source: 'simulation',
    replica: chain,
    x: Float64Array.from({ length: y.length }, (_, k) => k),
    y,
    xLabel: 'index',
    yLabel: name,
  });
  return { series: [...langevinChainSeries(result), internal(CHAIN_HISTOGRAM, counts), internal(CHAIN_STATS, stats)], scalars: {} };
}
