import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunGate } from '../../app/engine/run-gate.js';
import { Throttle } from '../../app/engine/throttle.js';

describe('run gate', () => {
  it('lets in as many keys as it has slots and the rest in arrival order as slots free', async () => {
    const gate = new RunGate(2);
    const order: string[] = [];
    const keys = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const entered = keys.map((k) => gate.enter(k).then((ok) => ok && order.push(k.name)));
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(gate.waitingCount).toBe(2);
    gate.leave();
    await entered[2];
    expect(order).toEqual(['a', 'b', 'c']);
    gate.leave();
    await entered[3];
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes a withdrawn key out of the line: its enter resolves false and it never holds a slot', async () => {
    const gate = new RunGate(1);
    const first = { n: 1 };
    const second = { n: 2 };
    const third = { n: 3 };
    expect(await gate.enter(first)).toBe(true);
    const waiting = gate.enter(second);
    const after = gate.enter(third);
    expect(gate.isWaiting(second)).toBe(true);
    expect(gate.withdraw(second)).toBe(true);
    expect(gate.withdraw(second)).toBe(false);
    expect(await waiting).toBe(false);
    gate.leave();
    expect(await after).toBe(true);
    expect(gate.waitingCount).toBe(0);
  });
});

describe('throttle', () => {
  afterEach(() => vi.useRealTimers());

  it('sends at most once per interval and delivers the last request when the interval ends', () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: number[] = [];
    const throttle = new Throttle(() => sent.push(now), 200, () => now);
    throttle.request();
    for (now = 10; now < 200; now += 10) throttle.request();
    expect(sent).toEqual([0]);
    now = 200;
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([0, 200]);
    throttle.flush();
    expect(sent).toEqual([0, 200, 200]);
  });

  it('drops a waiting report when cancelled', () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: number[] = [];
    const throttle = new Throttle(() => sent.push(now), 200, () => now);
    throttle.request();
    now = 50;
    throttle.request();
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([0]);
  });
});
