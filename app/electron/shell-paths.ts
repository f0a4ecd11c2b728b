/**
 * Where the desktop shell finds its pieces, in a development tree (`dist/electron/*.cjs` next to
 * `dist/renderer`, `dist/worker.cjs` and `.electron-native/`) and in a packaged app (inside
 * `app.asar`, the pool worker included so the asar integrity check covers it; the Electron SQLite
 * binding in `resources/`).
 */
import path from 'node:path';
import { LIBRARY_FILE } from '../engine/paths.js';

export const SQLITE_BINDING_FILE = 'better_sqlite3.node';
export const NATIVE_DIR = '.electron-native';

export interface ShellPathsInput {
  /** Directory of the running main bundle (`__dirname` of dist/electron/main.cjs). */
  electronDir: string;
  isPackaged: boolean;
  /** `process.resourcesPath` in a packaged app. */
  resourcesPath: string;
  /** `app.getPath('userData')`: the same folder the CLI and the browser host use, so all three share one library. */
  userDataDir: string;
  env: Record<string, string | undefined>;
  cwd: string;
  exists: (filePath: string) => boolean;
}

export interface ShellPaths {
  preload: string;
  engineEntry: string;
  rendererRoot: string;
  workerPath: string;
  dbPath: string;
  /** Set only when a binding built for Electron is present. */
  sqliteBinding?: string;
}

export function resolveShellPaths(input: ShellPathsInput): ShellPaths {
  const dist = path.resolve(input.electronDir, '..');
  const dbOverride = input.env.LIMITLAB_DB?.trim();
  const binding = input.isPackaged
    ? path.join(input.resourcesPath, SQLITE_BINDING_FILE)
    : path.join(dist, '..', NATIVE_DIR, SQLITE_BINDING_FILE);
  return {
    preload: path.join(input.electronDir, 'preload.cjs'),
    engineEntry: path.join(input.electronDir, 'engine-entry.cjs'),
    rendererRoot: path.join(dist, 'renderer'),
    workerPath: path.join(dist, 'worker.cjs'),
    dbPath: dbOverride ? path.resolve(input.cwd, dbOverride) : path.join(input.userDataDir, LIBRARY_FILE),
    ...(input.exists(binding) ? { sqliteBinding: binding } : {}),
  };
}
