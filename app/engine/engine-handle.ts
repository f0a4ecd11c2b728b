/**
 * What a host (CLI, browser host, Electron utility process) holds of a running engine: the API's
 * calls and events, plus shutdown.
 */
import type { Api } from '../api.js';
import type { KindRegistry } from '../../core/models/registry.js';

export interface EngineHandle extends Api {
  /** Stop accepting work, cancel running jobs, close the pool and the library. */
  close(): Promise<void>;
}

export interface EngineOptions {
  /** Path of the SQLite library file. */
  dbPath: string;
  /** Worker threads for the job pool; default: available cores - 1, at least 1. */
  threads?: number;
  /** Absolute path of the built pool worker (dist/worker.cjs). Default: resolved next to the engine bundle. */
  workerPath?: string;
  /** Optional path of a better-sqlite3 native binding built for this runtime (Electron). */
  sqliteBinding?: string;
  /** Create the library's folder when it is missing (default true); false refuses a missing folder. */
  createFolder?: boolean;
  /** The kinds the engine runs (default: the app's registry); its pool worker must know the same. */
  kinds?: KindRegistry;
}
