/**
 * The object the Electron preload exposes on `window.limitlab` (contextBridge).
 *
 * `invoke` forwards an allow-listed channel of the API to the main process and resolves with an
 * envelope (it never rejects for API errors); `on` subscribes to an engine event and returns an
 * unsubscribe function.
 */
import type { ApiErrorShape } from '../../../app/api.js';

export type BridgeEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

export interface LimitlabBridge {
  invoke(channel: string, ...args: unknown[]): Promise<BridgeEnvelope>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  /** Open a paper link (arxiv.org, doi.org) in the system browser; the desktop shell only. */
  openExternal?(url: string): Promise<BridgeEnvelope>;
  /** The path on disk of a picked file (empty when it has none); the desktop shell only. */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    limitlab?: LimitlabBridge;
  }
}
