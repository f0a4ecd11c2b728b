import { describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../app/electron/bridge-channels.js';
import { EngineHost } from '../../app/electron/engine-host.js';
import { FakeChild, FakeTimers } from './fakes.js';

function setup(options: { restartDelaysMs?: number[]; stableAfterMs?: number; callTimeoutMs?: number } = {}) {
  const timers = new FakeTimers();
  const children: FakeChild[] = [];
  const statuses: EngineStatus[] = [];
  const onEvent = vi.fn();
  const host = new EngineHost({
    spawn: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    onEvent,
    onStatus: (s) => statuses.push(s),
    timers,
    now: () => timers.now,
    restartDelaysMs: options.restartDelaysMs ?? [100, 1000],
    stableAfterMs: options.stableAfterMs ?? 10_000,
    callTimeoutMs: options.callTimeoutMs ?? 60_000,
    shutdownTimeoutMs: 500,
  });
  const current = (): FakeChild => {
    const child = children[children.length - 1];
    if (!child) throw new Error('no child');
    return child;
  };
  return { host, timers, children, statuses, onEvent, current };
}

describe('EngineHost', () => {
  it('answers a call with the result the engine sends for its id', async () => {
    const { host, current } = setup();
    host.start();
    current().emit({ type: 'ready' });
    const pending = host.call('kinds:list', []);
    const sent = current().lastCall();
    expect(sent).toMatchObject({ type: 'call', channel: 'kinds:list', args: [] });
    current().emit({ type: 'result', id: sent.id, ok: true, result: [{ id: 'sgd-glm' }] });
    await expect(pending).resolves.toEqual({ ok: true, result: [{ id: 'sgd-glm' }] });
  });

  it('passes engine error shapes through unchanged', async () => {
    const { host, current } = setup();
    host.start();
    const pending = host.call('runs:get', ['missing-run']);
    const error = { code: 'not_found', message: 'no run missing-run' };
    current().emit({ type: 'result', id: current().lastCall().id, ok: false, error });
    await expect(pending).resolves.toEqual({ ok: false, error });
  });

  it('forwards engine events and ignores malformed messages', () => {
    const { host, current, onEvent } = setup();
    host.start();
    current().emit({ type: 'event', event: 'run:progress', payload: { id: 'r', fraction: 0.25 } });
    current().emit({ nonsense: true });
    current().emit('text');
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledWith('run:progress', { id: 'r', fraction: 0.25 });
  });

  it('reports starting then ready', () => {
    const { host, current, statuses } = setup();
    host.start();
    current().emit({ type: 'ready' });
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'ready']);
  });

  it('when the engine dies: fails pending calls, reports restarting, and starts a new engine after the delay', async () => {
    const { host, timers, children, statuses, current } = setup({ restartDelaysMs: [100, 1000] });
    host.start();
    current().emit({ type: 'ready' });
    const pending = host.call('runs:list', []);
    current().exit(139);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/exit code 139/) } });
    expect(statuses[statuses.length - 1]).toMatchObject({ state: 'restarting', restarts: 1 });
    await expect(host.call('kinds:list', [])).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/restarting/) } });

    timers.advance(99);
    expect(children).toHaveLength(1);
    timers.advance(1);
    expect(children).toHaveLength(2);
    current().emit({ type: 'ready' });
    expect(host.status).toMatchObject({ state: 'ready' });

    const again = host.call('kinds:list', []);
    current().emit({ type: 'result', id: current().lastCall().id, ok: true, result: [] });
    await expect(again).resolves.toEqual({ ok: true, result: [] });
  });

  it('ignores messages and exits from an engine it has already replaced', () => {
    const { host, timers, children, onEvent, statuses } = setup();
    host.start();
    const first = children[0]!;
    first.exit(1);
    timers.advance(100);
    const before = statuses.length;
    first.emit({ type: 'event', event: 'run:progress', payload: {} });
    first.exit(1);
    expect(onEvent).not.toHaveBeenCalled();
    expect(statuses.length).toBe(before);
  });

  it('gives up after the restart budget and reports failed', () => {
    const { host, timers, children, statuses, current } = setup({ restartDelaysMs: [100, 1000] });
    host.start();
    current().exit(1);
    timers.advance(100);
    current().exit(1);
    timers.advance(1000);
    current().exit(1);
    timers.advance(60_000);
    expect(children).toHaveLength(3);
    expect(statuses[statuses.length - 1]).toMatchObject({ state: 'failed', message: expect.stringMatching(/3 times in a row/) });
  });

  it('resets the restart budget once an engine has stayed up long enough', () => {
    const { host, timers, children, current } = setup({ restartDelaysMs: [100], stableAfterMs: 5_000 });
    host.start();
    current().emit({ type: 'ready' });
    timers.advance(5_000);
    current().exit(1);
    timers.advance(100);
    current().emit({ type: 'ready' });
    timers.advance(5_000);
    current().exit(1);
    timers.advance(100);
    expect(children).toHaveLength(3);
    expect(host.status).toMatchObject({ state: 'restarting', restarts: 1 });
  });

  it('does not restart an engine that reported a fatal start-up error', () => {
    const { host, timers, children, statuses, current } = setup();
    host.start();
    current().emit({ type: 'fatal', message: 'The engine could not start: database is locked' });
    current().exit(1);
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(statuses[statuses.length - 1]).toEqual({ state: 'failed', restarts: 0, message: 'The engine could not start: database is locked' });
  });

  it('retry() starts a failed engine again with a fresh budget', () => {
    const { host, children, current } = setup();
    host.start();
    current().emit({ type: 'fatal', message: 'locked' });
    current().exit(1);
    host.retry();
    expect(children).toHaveLength(2);
    expect(host.status).toMatchObject({ state: 'starting', restarts: 0 });
  });

  it('resolves an unanswered call with an internal error after the call timeout', async () => {
    const { host, timers } = setup({ callTimeoutMs: 2_000 });
    host.start();
    const pending = host.call('kinds:list', []);
    timers.advance(2_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/did not answer kinds:list/) } });
  });

  it('stop() sends shutdown, waits for the exit, and does not restart', async () => {
    const { host, timers, children, current } = setup();
    host.start();
    const stopped = host.stop();
    expect(current().sent[current().sent.length - 1]).toEqual({ type: 'shutdown' });
    current().exit(0);
    await stopped;
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(host.status.state).toBe('stopped');
  });

  it('stop() kills an engine that does not exit in time', async () => {
    const { host, timers, current } = setup();
    host.start();
    const stopped = host.stop();
    timers.advance(500);
    await stopped;
    expect(current().killed).toBe(true);
  });

  it('stop() during a restart delay cancels the restart', async () => {
    const { host, timers, children, current } = setup();
    host.start();
    current().exit(1);
    await host.stop();
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(host.status.state).toBe('stopped');
  });

  it('a call before start resolves to an error envelope', async () => {
    const { host } = setup();
    await expect(host.call('kinds:list', [])).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
