import { describe, expect, it, vi } from 'vitest';
import { ApiError, EVENTS } from '../../app/api.js';
import type { EngineHandle } from '../../app/engine/engine-handle.js';
import type { EngineToHost } from '../../app/electron/engine-protocol.js';
import { EngineServer } from '../../app/electron/engine-server.js';

function fakeEngine(call: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const engine = {
    call: vi.fn(call),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }),
    close: vi.fn(async () => {}),
  };
  return { engine, handle: engine as unknown as EngineHandle, listeners };
}

function setup(createEngine: () => Promise<EngineHandle>) {
  const posted: EngineToHost[] = [];
  let deliver: (message: unknown) => void = () => {};
  const exit = vi.fn();
  const server = new EngineServer({
    port: { postMessage: (m) => posted.push(m), onMessage: (l) => (deliver = l) },
    createEngine,
    exit,
    log: () => {},
  });
  const send = (message: unknown) => deliver(message);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { server, posted, send, exit, settle };
}

describe('EngineServer', () => {
  it('reports ready once the engine is created and subscribes to every API event', async () => {
    const { engine, handle } = fakeEngine(async () => null);
    const { server, posted } = setup(async () => handle);
    await server.start();
    expect(posted).toEqual([{ type: 'ready' }]);
    expect(engine.on.mock.calls.map((c) => c[0]).sort()).toEqual([...EVENTS].sort());
  });

  it('answers a call with the engine result under the same id', async () => {
    const { engine, handle } = fakeEngine(async () => [{ id: 'sgd-glm' }]);
    const { server, posted, send, settle } = setup(async () => handle);
    await server.start();
    send({ type: 'call', id: 41, channel: 'kinds:list', args: [] });
    await settle();
    expect(engine.call).toHaveBeenCalledWith('kinds:list');
    expect(posted).toContainEqual({ type: 'result', id: 41, ok: true, result: [{ id: 'sgd-glm' }] });
  });

  it('keeps calls that arrive before the engine is ready and answers them afterwards', async () => {
    let resolveEngine: (e: EngineHandle) => void = () => {};
    const { handle } = fakeEngine(async (channel) => channel);
    const { server, posted, send, settle } = setup(() => new Promise((r) => (resolveEngine = r)));
    const started = server.start();
    send({ type: 'call', id: 1, channel: 'kinds:list', args: [] });
    await settle();
    expect(posted).toEqual([]);
    resolveEngine(handle);
    await started;
    await settle();
    expect(posted).toContainEqual({ type: 'result', id: 1, ok: true, result: 'kinds:list' });
  });

  it('sends ApiErrors as their shape (code, message, issues)', async () => {
    const issues = [{ path: 'lr', message: 'must be positive' }];
    const { handle } = fakeEngine(async () => {
      throw new ApiError('invalid_params', 'bad parameters', issues);
    });
    const { server, posted, send, settle } = setup(async () => handle);
    await server.start();
    send({ type: 'call', id: 2, channel: 'runs:start', args: [{ kind: 'sgd-glm' }] });
    await settle();
    expect(posted).toContainEqual({ type: 'result', id: 2, ok: false, error: { code: 'invalid_params', message: 'bad parameters', issues } });
  });

  it('refuses channels outside the contract', async () => {
    const { engine, handle } = fakeEngine(async () => null);
    const { server, posted, send, settle } = setup(async () => handle);
    await server.start();
    send({ type: 'call', id: 3, channel: 'db:exec', args: ['DROP TABLE runs'] });
    await settle();
    expect(engine.call).not.toHaveBeenCalled();
    expect(posted).toContainEqual({ type: 'result', id: 3, ok: false, error: { code: 'bad_request', message: 'unknown channel db:exec' } });
  });

  it('pushes engine events to the parent', async () => {
    const { handle, listeners } = fakeEngine(async () => null);
    const { server, posted } = setup(async () => handle);
    await server.start();
    listeners.get('run:progress')?.({ id: 'r', fraction: 1 });
    expect(posted).toContainEqual({ type: 'event', event: 'run:progress', payload: { id: 'r', fraction: 1 } });
  });

  it('reports a fatal message and exits 1 when the engine cannot start', async () => {
    const { server, posted, exit } = setup(async () => {
      throw new Error('SQLITE_CANTOPEN');
    });
    await server.start();
    expect(posted).toEqual([{ type: 'fatal', message: 'The engine could not start: SQLITE_CANTOPEN' }]);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('closes the engine and exits 0 on shutdown', async () => {
    const { engine, handle } = fakeEngine(async () => null);
    const { server, send, exit, settle } = setup(async () => handle);
    await server.start();
    send({ type: 'shutdown' });
    await settle();
    expect(engine.close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });
});
