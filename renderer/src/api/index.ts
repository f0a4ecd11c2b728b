/**
 * The renderer's one way to the engine: `getApi()` picks the Electron preload bridge when it is
 * present, otherwise the browser host on the page's own origin.
 */
import type { AppApi } from './app-api.js';
import { createElectronClient } from './electron-client.js';
import { createHostClient, takeToken } from './host-client.js';

export type { AppApi, ConnectionState } from './app-api.js';

let instance: AppApi | null = null;

export function getApi(): AppApi {
  if (instance) return instance;
  if (typeof window !== 'undefined' && window.limitlab) {
    instance = createElectronClient(window.limitlab);
  } else {
    const token = takeToken(window);
    instance = createHostClient({ origin: window.location.origin, token });
  }
  return instance;
}
