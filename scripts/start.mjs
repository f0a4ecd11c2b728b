#!/usr/bin/env node
/**
 * `npm start`: build if needed, then open the desktop app in Electron; where Electron's binary is
 * missing and cannot be downloaded, serve the same UI in the browser (`limitlab serve`) instead.
 *
 *   npm start                 desktop app (or the browser fallback)
 *   npm start -- --browser    always the browser host (also LIMITLAB_BROWSER=1)
 *
 * Environment: LIMITLAB_ELECTRON_DOWNLOAD_TIMEOUT_MS (default 120000) bounds the one attempt to
 * download Electron's binary; LIMITLAB_DB chooses the library file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStatus, decideLaunch, electronEnv, locateElectron } from './start-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.LIMITLAB_BROWSER === '1';
const passThrough = args.filter((a) => a !== '--browser');

function runNode(script, scriptArgs = [], options = {}) {
  return spawnSync(process.execPath, [path.join(root, script), ...scriptArgs], { cwd: root, stdio: 'inherit', ...options });
}

function ensureBuilt() {
  const status = buildStatus(root);
  if (!status.needed) return;
  console.log(`Building Limitlab (${status.reason})...`);
  const result = runNode('scripts/build.mjs');
  if (result.status !== 0) {
    console.error('The build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

/** Electron 45 fetches its binary on first use; try once, quietly and with a time limit. */
function tryDownloadElectron() {
  const installer = path.join(electronDir, 'install.js');
  if (!existsSync(installer)) return;
  const timeout = Number(process.env.LIMITLAB_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 120_000;
  spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore', timeout, env: process.env });
}

function findElectron() {
  if (forceBrowser) return null;
  let found = locateElectron({ electronDir });
  if (!found.executable && found.version) {
    tryDownloadElectron();
    found = locateElectron({ electronDir });
  }
  return found.executable;
}

function prepareBinding() {
  const result = runNode('scripts/electron-native.mjs', ['--quiet']);
  if (result.error) return result.error.message;
  return result.status === 0 ? null : 'see the messages above';
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureBuilt();
const electronExecutable = findElectron();
const bindingError = electronExecutable ? prepareBinding() : null;
const decision = decideLaunch({ forceBrowser, electronExecutable, bindingError });

if (decision.mode === 'electron') {
  forward(spawn(decision.executable, [root, ...passThrough], { cwd: root, stdio: 'inherit', env: electronEnv() }));
} else {
  console.log(decision.line);
  const cli = path.join(root, 'bin', 'limitlab.js');
  if (!existsSync(cli)) {
    console.error(`${path.relative(root, cli)} is missing; cannot start the browser host.`);
    process.exit(1);
  }
  forward(spawn(process.execPath, [cli, 'serve', ...passThrough], { cwd: root, stdio: 'inherit' }));
}
