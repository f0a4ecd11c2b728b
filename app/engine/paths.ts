/**
 * Where the library lives: `--db`, else `LIMITLAB_DB`, else `library.sqlite` in the platform's
 * user-data folder — the same folder Electron's app.getPath('userData') gives the desktop app.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Limitlab';
export const LIBRARY_FILE = 'library.sqlite';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), PRODUCT_NAME);
}

export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['LIMITLAB_DB'] || join(userDataDir(env), LIBRARY_FILE);
}

/**
 * The library path a command uses, and whether the user named it (`--db` or `LIMITLAB_DB`): a named
 * path must lie in an existing folder, while the default folder is created on first use.
 */
export function chooseLibraryPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { path: string; named: boolean } {
  if (flag !== undefined) return { path: flag, named: true };
  if (env['LIMITLAB_DB']) return { path: env['LIMITLAB_DB'], named: true };
  return { path: join(userDataDir(env), LIBRARY_FILE), named: false };
}
