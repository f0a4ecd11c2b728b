/**
 * The tensor backend of the trained image models (MPPM, arXiv 2510.00666 §3.4–3.5): tfjs-core on
 * its WebAssembly backend (XNNPACK with SIMD), or on the pure-JavaScript CPU backend when the
 * .wasm cannot be loaded. Initialisation is asynchronous and happens once per process or worker
 * thread, before any part runs; afterwards every tensor op is synchronous, as `runPart` requires.
 *
 * The .wasm files are looked for next to the running bundle (dist/tfjs-wasm/, copied there by
 * scripts/build.mjs) and in the installed package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
// A named import, so that bundlers keep the module (its registration of the CPU backend is a side effect).
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The backend in use and, when it is not the WebAssembly one, why. */
export interface TensorBackendInfo {
  backend: 'wasm' | 'cpu';
  /** The tfjs version of the backend. */
  version: string;
  note?: string;
}

/** The file the SIMD build of the backend needs; its folder is what `setWasmPaths` takes. */
const WASM_FILE = 'tfjs-backend-wasm-simd.wasm';

let ready: Promise<TensorBackendInfo> | null = null;
let current: TensorBackendInfo | null = null;

/** Folders that may hold the backend's .wasm files, in order of preference. */
export function wasmFolders(): string[] {
  const out: string[] = [];
  const here = bundleDir();
  if (here) out.push(join(here, 'tfjs-wasm'), join(here, '..', 'tfjs-wasm'), join(here, '..', '..', 'dist', 'tfjs-wasm'));
  try {
    const req = createRequire(here ? join(here, 'x.js') : process.cwd() + '/x.js');
    out.push(join(dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist'));
  } catch {
    // not installed next to this bundle: the copied files are the only candidates
  }
  return out;
}

function bundleDir(): string | null {
  if (typeof __dirname === 'string') return __dirname;
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}

/**
 * Selects the backend once (later calls return the same promise). `prefer: 'cpu'` skips the
 * WebAssembly backend; otherwise a failure to load it falls back to the CPU backend with a note.
 */
export function initTensorBackend(options: { prefer?: 'wasm' | 'cpu' } = {}): Promise<TensorBackendInfo> {
  ready ??= select(options.prefer ?? 'wasm').then((info) => (current = info));
  return ready;
}

/** The backend selected by `initTensorBackend`, or null before it has finished. */
export function tensorBackend(): TensorBackendInfo | null {
  return current;
}

async function select(prefer: 'wasm' | 'cpu'): Promise<TensorBackendInfo> {
  let note: string | undefined;
  if (prefer === 'wasm') {
    const folder = wasmFolders().find((f) => existsSync(join(f, WASM_FILE)));
    if (!folder) note = `the WebAssembly backend's ${WASM_FILE} was not found; using the slower CPU backend`;
    else {
      try {
        setWasmPaths(folder.endsWith('/') ? folder : `${folder}/`);
        // One thread per worker: the pool already runs one worker per core.
        setThreadsCount(1);
        if (await tf.setBackend('wasm')) {
          await tf.ready();
          return { backend: 'wasm', version: tf.version_core };
        }
        note = 'the WebAssembly backend did not start; using the slower CPU backend';
      } catch (e) {
        note = `the WebAssembly backend failed to load (${(e as Error).message}); using the slower CPU backend`;
      }
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return note ? { backend: 'cpu', version: version_cpu, note } : { backend: 'cpu', version: version_cpu };
}
