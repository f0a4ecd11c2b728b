/**
 * The API client for the Electron renderer: every call goes through the preload's
 * `window.limitlab.invoke`, which answers with an envelope; events come through `window.limitlab.on`.
 */
import type { ApiEvents, ApiMethods, Channel, EventName } from '../../../app/api.js';
import type { AppApi, ConnectionState } from './app-api.js';
import type { LimitlabBridge } from './bridge.js';
import { toApiError, unwrapEnvelope } from './envelope.js';

export function createElectronClient(bridge: LimitlabBridge): AppApi {
  return {
    ...(bridge.pathForFile
      ? { pathForFile: (file: File) => bridge.pathForFile?.(file) || null }
      : {}),
    call<C extends Channel>(channel: C, ...args: Parameters<ApiMethods[C]>): ReturnType<ApiMethods[C]> {
      const pending = (async () => {
        let envelope: unknown;
        try {
          envelope = await bridge.invoke(channel, ...args);
        } catch (err) {
          throw toApiError({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
        }
        return unwrapEnvelope(envelope);
      })();
      return pending as ReturnType<ApiMethods[C]>;
    },
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      return bridge.on(event, (payload) => listener(payload as ApiEvents[E]));
    },
    onConnection(listener: (state: ConnectionState) => void): () => void {
      // IPC has no connection to lose.
      listener('open');
      return () => {};
    },
  };
}
