/**
 * The engine's public entry: open the library, start the pool, and serve the API.
 * Used by the CLI, the browser host and the Electron utility process alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineHandle, EngineOptions } from './engine-handle.js';
import { openLibrary } from './library/db.js';
import { JobPool } from './pool/pool.js';
import { EngineService } from './service.js';

export type { EngineHandle, EngineOptions } from './engine-handle.js';
export { EngineService } from './service.js';

/** dist/worker.cjs, found next to the running bundle or from the repository root. */
export function defaultWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'worker.cjs'), join(here, '..', 'worker.cjs'), join(here, '..', '..', 'dist', 'worker.cjs')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the pool worker was not found (looked in ${candidates.join(', ')}); run "npm run build"`);
  return found;
}

export interface Engine extends EngineHandle {
  service: EngineService;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const db = await openLibrary(options.dbPath, {
    ...(options.sqliteBinding ? { nativeBinding: options.sqliteBinding } : {}),
    ...(options.createFolder !== undefined ? { createFolder: options.createFolder } : {}),
  });
  const pool = new JobPool({ workerPath: options.workerPath ?? defaultWorkerPath(), ...(options.threads ? { threads: options.threads } : {}) });
  const service = new EngineService(db, pool, undefined, options.kinds);
  service.libraryPath = options.dbPath;
  let closing: Promise<void> | null = null;
  return {
    service,
    call: ((channel: never, ...args: never[]) => service.call(channel, ...args)) as EngineHandle['call'],
    on: (event, listener) => service.on(event, listener),
    close() {
      closing ??= (async () => {
        await service.close();
        await pool.close();
        db.close();
      })();
      return closing;
    },
  };
}
