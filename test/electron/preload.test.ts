import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../app/api.js';
import type { LimitlabBridge } from '../../app/electron/bridge.js';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    listeners,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, result: { channel, args } })),
      on: vi.fn((channel: string, listener: (event: unknown, message: unknown) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (event: unknown, message: unknown) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
    webUtils: {
      getPathForFile: vi.fn((file: { path?: string }) => {
        if (!file.path) throw new Error('not a File');
        return file.path;
      }),
    },
    emit(channel: string, message: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc-event-with-internals' }, message);
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer, webUtils: electron.webUtils }));

let bridge: LimitlabBridge;

beforeAll(async () => {
  await import('../../app/electron/preload.js');
  bridge = electron.exposed.get('limitlab') as LimitlabBridge;
});

describe('preload', () => {
  it('exposes exactly one global, window.limitlab, holding only the functions invoke, on, openExternal and pathForFile', () => {
    expect([...electron.exposed.keys()]).toEqual(['limitlab']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'openExternal', 'pathForFile']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
  });

  it('tells the path of a picked file through webUtils, and an empty path for anything else', () => {
    expect(bridge.pathForFile({ path: '/home/me/data.csv' })).toBe('/home/me/data.csv');
    expect(bridge.pathForFile('not a file')).toBe('');
    expect(bridge.pathForFile(null)).toBe('');
  });

  it('invokes every contract channel as limitlab:<channel> and returns the envelope', async () => {
    for (const channel of CHANNELS) {
      const envelope = await bridge.invoke(channel, 1, 'two');
      expect(envelope).toEqual({ ok: true, result: { channel: `limitlab:${channel}`, args: [1, 'two'] } });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('refuses channels outside the allow-list without touching IPC', async () => {
    electron.ipcRenderer.invoke.mockClear();
    for (const channel of ['event', 'limitlab:kinds:list', 'fs:readFile', '__proto__', 'constructor']) {
      const envelope = await bridge.invoke(channel as never);
      expect(envelope, channel).toEqual({ ok: false, error: { code: 'bad_request', message: `unknown channel ${channel}` } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends a link to open on its own channel, and nothing that is not a string', async () => {
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge.openExternal('https://arxiv.org/abs/1')).toEqual({ ok: true, result: { channel: 'limitlab-shell:open-external', args: ['https://arxiv.org/abs/1'] } });
    expect(await bridge.openExternal({ href: 'x' } as never)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers only the payload of the subscribed event, never the IPC event object', () => {
    const progress = vi.fn();
    const status = vi.fn();
    bridge.on('run:progress', progress);
    bridge.on('engine:status', status);
    electron.emit('limitlab:event', { event: 'run:progress', payload: { id: 'r', fraction: 0.5 } });
    expect(progress).toHaveBeenCalledTimes(1);
    expect(progress).toHaveBeenCalledWith({ id: 'r', fraction: 0.5 });
    expect(status).not.toHaveBeenCalled();
  });

  it('subscribes to every contract event and unsubscribes exactly once', () => {
    for (const event of EVENTS) {
      const callback = vi.fn();
      const off = bridge.on(event, callback);
      electron.emit('limitlab:event', { event, payload: 1 });
      off();
      off();
      electron.emit('limitlab:event', { event, payload: 2 });
      expect(callback.mock.calls).toEqual([[1]]);
    }
  });

  it('ignores subscriptions to events outside the allow-list', () => {
    electron.ipcRenderer.on.mockClear();
    const off = bridge.on('secret:event' as never, vi.fn());
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
    expect(typeof off).toBe('function');
    off();
  });
});
