/**
 * The object the preload exposes as `window.limitlab`: functions only, never `ipcRenderer`.
 * `invoke` reaches only allow-listed channels and resolves to the main process's envelope;
 * `on` subscribes to allow-listed events and returns an unsubscribe function; `openExternal`
 * asks for a paper link to be opened in the system browser (the main process decides).
 * Its only runtime import is bridge-channels.ts (and through it the contract), bundled into the preload.
 */
import type { Channel } from '../api.js';
import {
  IPC_EVENT_CHANNEL,
  ipcInvokeChannel,
  OPEN_EXTERNAL_CHANNEL,
  isBridgeEvent,
  isInvokeChannel,
  type BridgeEventName,
} from './bridge-channels.js';
import type { Envelope } from './envelope.js';

/** The subset of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

export interface LimitlabBridge {
  invoke(channel: Channel, ...args: unknown[]): Promise<Envelope>;
  on(event: BridgeEventName, callback: (payload: unknown) => void): () => void;
  /** Ask the main process to open a paper link (arxiv.org, doi.org) in the system browser. */
  openExternal(url: string): Promise<Envelope>;
  /** The path on disk of a file the user picked or dropped (empty when it has none). */
  pathForFile(file: unknown): string;
}

/** The subset of Electron's `webUtils` the bridge uses. */
export interface FilePathsLike {
  getPathForFile(file: never): string;
}

export function createBridge(ipc: IpcRendererLike, files?: FilePathsLike): LimitlabBridge {
  return {
    pathForFile(file) {
      try {
        return files ? files.getPathForFile(file as never) : '';
      } catch {
        return '';
      }
    },
    invoke(channel, ...args) {
      if (!isInvokeChannel(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'bad_request', message: `unknown channel ${String(channel)}` } });
      }
      return ipc.invoke(ipcInvokeChannel(channel), ...args) as Promise<Envelope>;
    },
    openExternal(url) {
      if (typeof url !== 'string') {
        return Promise.resolve({ ok: false, error: { code: 'bad_request', message: 'cannot open the link: not a URL' } });
      }
      return ipc.invoke(OPEN_EXTERNAL_CHANNEL, url) as Promise<Envelope>;
    },
    on(event, callback) {
      if (!isBridgeEvent(event) || typeof callback !== 'function') return () => {};
      const listener = (_event: unknown, message: unknown): void => {
        const m = message as { event?: unknown; payload?: unknown } | null;
        if (m && m.event === event) callback(m.payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(IPC_EVENT_CHANNEL, listener);
      };
    },
  };
}
