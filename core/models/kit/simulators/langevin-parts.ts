/**
 * A Langevin chain as the result of a replica part, and back: a part's `RunResult` holds series and
 * scalars only, so `langevinChainSeries` packs a `LangevinChainResult` into series whose names
 * start with `LANGEVIN_SERIES_PREFIX` (internal: `merge` reads them with `langevinChainOf` and
 * must not pass them on; `withoutLangevinSeries` drops them). Bit-exact both ways.
 */
import type { Series } from '../../model-kind.js';
import type { LangevinChainResult } from './langevin.js';

export const LANGEVIN_SERIES_PREFIX = 'langevin.';

const KEYS = ['train_all', 'train_first', 'train_second', 'train_sq', 'test_all', 'test_first', 'test_second', 'test_sq', 'cov', 'final_w', 'final_a', 'stats'] as const;

function packed(name: string, y: Float64Array, chain: number, x?: Float64Array): Series {
  return {
    name: LANGEVIN_SERIES_PREFIX + name,
    source: 'simulation',
    replica: chain,
    x: x ?? Float64Array.from({ length: y.length }, (_, k) => k),
    y,
    xLabel: 'index',
    yLabel: name,
  };
}

/** The chain's statistics as internal series (replica = the chain's index). */
export function langevinChainSeries(r: LangevinChainResult): Series[] {
  const c = r.chain;
  const stats = Float64Array.of(r.chain, r.samples, r.stepW, r.stepA, r.trainError, r.testError, r.wVariance, r.aVariance);
  const arrays: Record<(typeof KEYS)[number], Float64Array> = {
    train_all: r.trainMean.all,
    train_first: r.trainMean.first,
    train_second: r.trainMean.second,
    train_sq: r.trainSecond,
    test_all: r.testMean.all,
    test_first: r.testMean.first,
    test_second: r.testMean.second,
    test_sq: r.testSecond,
    cov: r.weightCovariance,
    final_w: r.final.W,
    final_a: r.final.a,
    stats,
  };
  return [
    ...KEYS.map((k) => packed(k, arrays[k], c)),
    packed('trace_train', r.trace.trainError, c, r.trace.step),
    packed('trace_test', r.trace.testError, c, r.trace.step),
  ];
}

/** The chain packed in `series` (a part's series; other series are ignored). */
export function langevinChainOf(series: readonly Series[]): LangevinChainResult {
  const get = (k: string): Series => {
    const s = series.find((q) => q.name === LANGEVIN_SERIES_PREFIX + k);
    if (!s) throw new Error(`langevinChainOf: no series ${LANGEVIN_SERIES_PREFIX + k}`);
    return s;
  };
  const y = (k: string) => get(k).y;
  const st = y('stats');
  const trace = get('trace_train');
  return {
    chain: st[0]!,
    samples: st[1]!,
    stepW: st[2]!,
    stepA: st[3]!,
    trainError: st[4]!,
    testError: st[5]!,
    wVariance: st[6]!,
    aVariance: st[7]!,
    trainMean: { all: y('train_all'), first: y('train_first'), second: y('train_second') },
    trainSecond: y('train_sq'),
    testMean: { all: y('test_all'), first: y('test_first'), second: y('test_second') },
    testSecond: y('test_sq'),
    weightCovariance: y('cov'),
    trace: { step: trace.x, trainError: trace.y, testError: y('trace_test') },
    final: { W: y('final_w'), a: y('final_a') },
  };
}

/** Whether a series is one of the internal ones of `langevinChainSeries`. */
export function isLangevinSeries(s: Series): boolean {
  return s.name.startsWith(LANGEVIN_SERIES_PREFIX);
}

/** `series` without the internal Langevin series. */
export function withoutLangevinSeries(series: readonly Series[]): Series[] {
  return series.filter((s) => !isLangevinSeries(s));
}
