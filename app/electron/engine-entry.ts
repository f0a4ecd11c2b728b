/**
 * Entry of the engine utility process (`utilityProcess.fork(dist/electron/engine-entry.cjs)`).
 * Options arrive as one argv flag; calls and events travel over `process.parentPort`.
 */
import { createEngine } from '../engine/index.js';
import { decodeEngineOptions } from './engine-protocol.js';
import { EngineServer } from './engine-server.js';

const parentPort = (process as { parentPort?: Electron.ParentPort }).parentPort;
if (!parentPort) {
  console.error('engine-entry runs inside an Electron utility process; use `limitlab serve` under plain Node.');
  process.exit(2);
}

const options = decodeEngineOptions(process.argv);

const server = new EngineServer({
  port: {
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
  },
  createEngine: () => createEngine(options),
  exit: (code) => process.exit(code),
});

void server.start();
