// The epoch loop of the MPPM networks (core/models/mppm/learned/train-loop.ts), with plain
// functions as batch steps: Fisher–Yates from scripted uniforms worked by hand, n − 1 draws per
// epoch from the shuffle stream and none other, batches that cover every image once per epoch,
// epoch losses that are means over images (checked against closed forms), the progress notes,
// early stopping, cancellation and non-finite losses; what is disposed when training fails.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../core/models/model-kind-errors.js';
import { EarlyStop, type EpochLoop, disposingOnFailure, permutation, trainEpochs } from '../../../core/models/mppm/learned/train-loop.js';
import { type Rng, createRng } from '../../../core/numerics/rng.js';

/** A stream that returns the given uniforms in order and fails on anything else. */
function scripted(uniforms: number[]): Rng {
  let at = 0;
  const refuse = () => {
    throw new Error('the loop may only draw uniforms');
  };
  return {
    nextDouble: () => {
      if (at >= uniforms.length) throw new Error('more uniforms drawn than scripted');
      return uniforms[at++]!;
    },
    nextUint32: refuse,
    normal: refuse,
    fillNormal: refuse,
    state: refuse,
  };
}

const loopOf = (o: Partial<EpochLoop>): EpochLoop => ({ name: 'net', n: 10, epochs: 2, batchSize: 4, patience: 0, shuffle: createRng(1), hooks: {}, ...o });

describe('permutation (Fisher–Yates)', () => {
  it('swaps position i with floor(u·(i + 1)) from the last position down (worked by hand)', () => {
    // n = 4 from [0 1 2 3]: i = 3, u = 0.1 → j = 0: [3 1 2 0]; i = 2, u = 0.5 → j = 1: [3 2 1 0];
    // i = 1, u = 0.99 → j = 1: unchanged.
    expect(Array.from(permutation(4, scripted([0.1, 0.5, 0.99])))).toEqual([3, 2, 1, 0]);
    // u = 0 everywhere sends each element to the front in turn: [1 2 3 0].
    expect(Array.from(permutation(4, scripted([0, 0, 0])))).toEqual([1, 2, 3, 0]);
    expect(Array.from(permutation(1, scripted([])))).toEqual([0]);
  });
});

describe('trainEpochs', () => {
  it('each epoch is one permutation of n − 1 uniforms cut into batches of batchSize in order', () => {
    const u = [0.1, 0.5, 0.99, 0, 0, 0];
    const seen: number[][] = [];
    trainEpochs(loopOf({ n: 4, batchSize: 3, shuffle: scripted(u) }), (rows) => {
      seen.push(Array.from(rows));
      return 0;
    });
    expect(seen).toEqual([[3, 2, 1], [0], [1, 2, 3], [0]]);
  });

  it('draws exactly n − 1 uniforms per epoch from the shuffle stream, so the steps own every other stream', () => {
    const shuffle = createRng(42);
    trainEpochs(loopOf({ n: 10, epochs: 3, shuffle }), () => 1);
    const reference = createRng(42);
    for (let k = 0; k < 3 * 9; k++) reference.nextDouble();
    expect(Array.from(shuffle.state())).toEqual(Array.from(reference.state()));
  });

  it('every image is in exactly one batch per epoch; the last batch is the remainder; the same seed gives the same batches', () => {
    const run = (seed: number) => {
      const epochs: number[][][] = [[], [], []];
      trainEpochs(loopOf({ n: 10, epochs: 3, batchSize: 4, shuffle: createRng(seed) }), (rows, epoch) => {
        epochs[epoch]!.push(Array.from(rows));
        return 0;
      });
      return epochs;
    };
    const a = run(7);
    for (const batches of a) {
      expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
      expect(batches.flat().sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(a[0]!.flat()).not.toEqual(a[1]!.flat());
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
  });

  it("an epoch's losses are means over its images, weighting each batch by its size (closed forms for mean index and mean squared index)", () => {
    const n = 11;
    const means = trainEpochs(loopOf({ n, epochs: 2, batchSize: 4 }), (rows) => {
      let s = 0;
      let s2 = 0;
      for (const r of rows) {
        s += r;
        s2 += r * r;
      }
      return [s / rows.length, s2 / rows.length];
    });
    expect(means).toHaveLength(2);
    for (const [m1, m2] of means) {
      expect(m1).toBeCloseTo((n - 1) / 2, 12);
      expect(m2).toBeCloseTo(((n - 1) * (2 * n - 1)) / 6, 12);
    }
  });

  it('checks for cancellation and reports "NAME: epoch e/E" at (e − 1 + b/B)/E before every batch, then "NAME: trained" at 1', () => {
    const notes: [number, string | undefined][] = [];
    trainEpochs(loopOf({ name: 'denoising autoencoder', n: 10, epochs: 2, batchSize: 4, hooks: { progress: (f, note) => notes.push([f, note]) } }), () => 0);
    const e = (k: number) => `denoising autoencoder: epoch ${k}/2`;
    expect(notes.map(([, note]) => note)).toEqual([e(1), e(1), e(1), e(2), e(2), e(2), 'denoising autoencoder: trained']);
    const fractions = [0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1];
    notes.forEach(([f], k) => expect(f).toBeCloseTo(fractions[k]!, 15));
  });

  it('stops after `patience` epochs in a row without a lower first loss; 0 never stops; the epoch hook sees every epoch run', () => {
    const script = [3, 2, 2.5, 2.25, 1, 0.5];
    const run = (patience: number) => {
      const ended: number[] = [];
      const means = trainEpochs(loopOf({ n: 3, batchSize: 2, epochs: script.length, patience }), (_rows, epoch) => [script[epoch]!, -epoch], (m, epoch) => ended.push(epoch));
      return { firsts: means.map((m) => m[0]), ended };
    };
    expect(run(2)).toEqual({ firsts: [3, 2, 2.5, 2.25], ended: [0, 1, 2, 3] });
    expect(run(3).firsts).toEqual(script);
    expect(run(1).firsts).toEqual([3, 2, 2.5]);
    expect(run(0).firsts).toEqual(script);
    // Equal is not lower.
    const stop = new EarlyStop(1);
    expect([stop.update(1), stop.update(1)]).toEqual([false, true]);
  });

  it('a cancel stops before the next batch with CancelledError', () => {
    let polls = 0;
    let steps = 0;
    const loop = loopOf({ n: 10, batchSize: 4, hooks: { isCancelled: () => ++polls >= 3 } });
    expect(() =>
      trainEpochs(loop, () => {
        steps++;
        return 0;
      }),
    ).toThrow(CancelledError);
    expect(steps).toBe(2);
  });

  it('a loss that is not finite (any of them) stops training with the epoch named; no image is an error', () => {
    expect(() => trainEpochs(loopOf({ name: 'latent diffusion' }), (_rows, epoch) => (epoch === 1 ? NaN : 1))).toThrow('latent diffusion: the loss is not finite at epoch 2');
    expect(() => trainEpochs(loopOf({ name: 'learned latent' }), () => [1, Infinity])).toThrow('learned latent: the loss is not finite at epoch 1');
    expect(() => trainEpochs(loopOf({ n: 0 }), () => 0)).toThrow('net: no training images');
  });
});

describe('disposingOnFailure', () => {
  const tracked = (log: string[], name: string) => ({ dispose: () => log.push(name) });

  it('keeps the trained network and gives back the scratch resources when training succeeds', () => {
    const log: string[] = [];
    const got = disposingOnFailure(() => 42, { kept: [tracked(log, 'net')], scratch: [tracked(log, 'optimiser'), tracked(log, 'data')] });
    expect(got).toBe(42);
    expect(log).toEqual(['optimiser', 'data']);
  });

  it('disposes the network and the scratch resources, and passes the error on, when training throws', () => {
    const log: string[] = [];
    const cancel = () => {
      throw new CancelledError();
    };
    expect(() => disposingOnFailure(cancel, { kept: [tracked(log, 'encoder'), tracked(log, 'distance')], scratch: [tracked(log, 'optimiser')] })).toThrow(CancelledError);
    expect(log).toEqual(['encoder', 'distance', 'optimiser']);
  });
});
