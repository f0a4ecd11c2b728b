/**
 * Decisions behind `npm start` and `npm run rebuild:electron`, as plain functions over an injected
 * file system so they can be tested without Electron: is the build stale, where is the Electron
 * executable, is the Electron SQLite binding current, and which way to launch.
 */
import nodeFs from 'node:fs';
import path from 'node:path';

/** The one line printed when the desktop shell cannot start and the browser host takes over. */
export const ELECTRON_UNAVAILABLE_LINE =
  'Electron is not available on this machine (its binary could not be downloaded); serving Limitlab in your browser instead:';

/** Files `node scripts/build.mjs` produces and `npm start` needs. */
export const BUILD_OUTPUTS = [
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/electron/engine-entry.cjs',
  'dist/renderer/index.html',
  'dist/worker.cjs',
  'dist/cli.js',
];

/** Sources whose change makes the build stale (directories are walked). */
export const BUILD_INPUTS = [
  'app',
  'core',
  'renderer',
  'scripts/build.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
  'vite.config.mjs',
  'svelte.config.js',
];

export const NATIVE_DIR = '.electron-native';
export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'stamp.json';

/** Newest modification time (ms) among `entries` under `root`; 0 when none exists. */
export function newestMtime(root, entries, fs = nodeFs) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(p, name));
      }
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

/** Whether `scripts/build.mjs` must run: an output is missing or older than the newest source. */
export function buildStatus(root, fs = nodeFs) {
  let oldestOutput = Infinity;
  for (const output of BUILD_OUTPUTS) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, output));
    } catch {
      return { needed: true, reason: `${output} is missing` };
    }
    oldestOutput = Math.min(oldestOutput, stat.mtimeMs);
  }
  const newestInput = newestMtime(root, BUILD_INPUTS, fs);
  if (newestInput > oldestOutput) return { needed: true, reason: 'sources changed since the last build' };
  return { needed: false, reason: 'build is up to date' };
}

/**
 * Where the Electron executable is, without triggering electron's own download (requiring the
 * `electron` package downloads synchronously, with no timeout, when the binary is missing).
 */
export function locateElectron({ electronDir, env = process.env, fs = nodeFs }) {
  let version = null;
  try {
    version = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return { executable: null, version: null, reason: 'the electron package is not installed' };
  }
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative || 'electron');
    return fs.existsSync(executable)
      ? { executable, version, reason: 'ELECTRON_OVERRIDE_DIST_PATH' }
      : { executable: null, version, reason: `${executable} does not exist` };
  }
  if (!relative) return { executable: null, version, reason: 'the Electron binary has not been downloaded' };
  const executable = path.join(electronDir, 'dist', relative);
  if (!fs.existsSync(executable)) return { executable: null, version, reason: `${executable} does not exist` };
  return { executable, version, reason: 'found' };
}

/** What the Electron SQLite binding must have been built for. */
export function bindingTarget({ electronDir, betterSqliteDir, platform = process.platform, arch = process.arch, fs = nodeFs }) {
  const electron = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  let abi = null;
  try {
    abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim() || null;
  } catch {
    abi = null;
  }
  const betterSqlite3 = JSON.parse(fs.readFileSync(path.join(betterSqliteDir, 'package.json'), 'utf8')).version;
  return { electron, abi, betterSqlite3, platform, arch };
}

/** Whether `<nativeDir>/better_sqlite3.node` exists and its stamp matches `target`. */
export function bindingStatus({ nativeDir, target, fs = nodeFs }) {
  if (!fs.existsSync(path.join(nativeDir, BINDING_FILE))) return { current: false, reason: `${BINDING_FILE} has not been built` };
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(nativeDir, STAMP_FILE), 'utf8'));
  } catch {
    return { current: false, reason: 'the build stamp is missing' };
  }
  for (const key of ['electron', 'abi', 'betterSqlite3', 'platform', 'arch']) {
    if ((stamp?.[key] ?? null) !== (target[key] ?? null)) {
      return { current: false, reason: `built for ${key} ${stamp?.[key] ?? '?'}, need ${target[key] ?? '?'}` };
    }
  }
  return { current: true, reason: `built for Electron ${target.electron}` };
}

/**
 * How to launch: Electron when its executable exists and the SQLite binding could be prepared,
 * otherwise the browser host with one explanatory line.
 */
export function decideLaunch({ forceBrowser = false, electronExecutable = null, bindingError = null }) {
  if (forceBrowser) return { mode: 'browser', line: 'Serving Limitlab in your browser:' };
  if (!electronExecutable) return { mode: 'browser', line: ELECTRON_UNAVAILABLE_LINE };
  if (bindingError) {
    return {
      mode: 'browser',
      line: `Electron's SQLite binding could not be built (${bindingError}); serving Limitlab in your browser instead:`,
    };
  }
  return { mode: 'electron', executable: electronExecutable };
}

/** The environment for the Electron child: never in run-as-node mode. */
export function electronEnv(env = process.env) {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}
