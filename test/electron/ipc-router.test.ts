import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../app/api.js';
import { IPC_EVENT_CHANNEL } from '../../app/electron/bridge-channels.js';
import type { Envelope } from '../../app/electron/envelope.js';
import { EventForwarder, IpcRouter, type EventSink } from '../../app/electron/ipc-router.js';
import { createSenderPolicy } from '../../app/electron/sender-policy.js';
import { FakeIpcMain, OUR_CONTENTS_ID, senderEvent } from './fakes.js';

function setup(answer: Envelope = { ok: true, result: [] }) {
  const ipcMain = new FakeIpcMain();
  const engine = { call: vi.fn(async (_channel: Channel, _args: unknown[]) => answer) };
  const router = new IpcRouter({
    ipcMain,
    engine,
    isTrustedSender: createSenderPolicy({ trustedWebContentsIds: () => [OUR_CONTENTS_ID] }),
  });
  router.register();
  return { ipcMain, engine, router };
}

describe('IpcRouter', () => {
  it('registers exactly one limitlab:<channel> handler per API channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNELS.map((c) => `limitlab:${c}`).sort());
  });

  it('forwards a valid call with its parsed arguments and returns the engine envelope', async () => {
    const { ipcMain, engine } = setup({ ok: true, result: { id: 'run-0001' } });
    const request = { kind: 'sgd-glm', seed: 3 };
    const envelope = await ipcMain.invoke('limitlab:runs:start', senderEvent(), request);
    expect(envelope).toEqual({ ok: true, result: { id: 'run-0001' } });
    expect(engine.call).toHaveBeenCalledWith('runs:start', [request]);
  });

  it('rejects malformed arguments with a bad_request envelope naming the channel, without calling the engine', async () => {
    const { ipcMain, engine } = setup();
    const envelope = (await ipcMain.invoke('limitlab:runs:get', senderEvent(), '../../etc/passwd')) as Envelope;
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('bad_request');
    expect(envelope.error.message).toMatch(/runs:get/);
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('rejects extra or missing arguments', async () => {
    const { ipcMain, engine } = setup();
    const extra = (await ipcMain.invoke('limitlab:kinds:list', senderEvent(), 'surplus')) as Envelope;
    const missing = (await ipcMain.invoke('limitlab:runs:cancel', senderEvent())) as Envelope;
    expect(extra.ok).toBe(false);
    expect(missing.ok).toBe(false);
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('refuses calls from a frame outside app://limitlab/', async () => {
    const { ipcMain, engine } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://limitlab.evil/', 'app://other/index.html', 'devtools://devtools/']) {
      const envelope = (await ipcMain.invoke('limitlab:kinds:list', senderEvent({ url }))) as Envelope;
      expect(envelope, url).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('refuses calls from another web contents, a subframe, or a destroyed frame', async () => {
    const { ipcMain, engine } = setup();
    const foreignWindow = (await ipcMain.invoke('limitlab:kinds:list', senderEvent({ id: OUR_CONTENTS_ID + 1 }))) as Envelope;
    const subframe = (await ipcMain.invoke('limitlab:kinds:list', senderEvent({ parent: {} }))) as Envelope;
    const destroyed = (await ipcMain.invoke('limitlab:kinds:list', senderEvent({ frame: null }))) as Envelope;
    for (const envelope of [foreignWindow, subframe, destroyed]) expect(envelope.ok).toBe(false);
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('refuses unknown channels', async () => {
    const { router, engine } = setup();
    const envelope = await router.dispatch(senderEvent(), 'fs:readFile', ['/etc/passwd']);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'unknown channel fs:readFile' } });
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('turns an engine failure into an internal error envelope instead of a rejected invoke', async () => {
    const ipcMain = new FakeIpcMain();
    const router = new IpcRouter({
      ipcMain,
      engine: { call: async () => Promise.reject(new Error('pool crashed')) },
      isTrustedSender: () => true,
    });
    router.register();
    await expect(ipcMain.invoke('limitlab:kinds:list', senderEvent())).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'pool crashed' },
    });
  });

  it('removes its handlers on dispose', () => {
    const { ipcMain, router } = setup();
    router.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('EventForwarder', () => {
  function sink(destroyed = false) {
    return { isDestroyed: () => destroyed, send: vi.fn() } satisfies EventSink;
  }

  it('forwards engine events to every live window on limitlab:event', () => {
    const a = sink();
    const b = sink();
    const gone = sink(true);
    const forwarder = new EventForwarder(() => [a, b, gone]);
    const payload = { id: 'run-0001', fraction: 0.5 };
    expect(forwarder.forward('run:progress', payload)).toBe(2);
    expect(a.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'run:progress', payload });
    expect(b.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'run:progress', payload });
    expect(gone.send).not.toHaveBeenCalled();
  });

  it('forwards shell events and drops names outside the allow-list', () => {
    const a = sink();
    const forwarder = new EventForwarder(() => [a]);
    expect(forwarder.forward('engine:status', { state: 'ready', restarts: 0 })).toBe(1);
    expect(forwarder.forward('secret:leak', {})).toBe(0);
    expect(a.send).toHaveBeenCalledTimes(1);
  });
});
