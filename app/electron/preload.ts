/**
 * Sandboxed preload: exposes `window.limitlab` (see bridge.ts). Bundled to a single CommonJS file
 * whose only require is 'electron'.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_GLOBAL } from './bridge-channels.js';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer, webUtils));
