#!/usr/bin/env node
/**
 * Build better-sqlite3 for Electron's ABI into `.electron-native/better_sqlite3.node`, leaving
 * `node_modules/better-sqlite3/build` (the Node build used by tests, the CLI and the browser
 * host) untouched: the package is copied to a temporary directory, rebuilt there with
 * @electron/rebuild against the installed Electron version, and only the `.node` file is copied
 * back. A stamp file records what it was built for; a current build is not redone.
 *
 *   node scripts/electron-native.mjs [--force] [--quiet]
 *
 * Needs a C++ toolchain and the Electron headers (fetched by node-gyp from electronjs.org on
 * first use, cached in ~/.electron-gyp).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINDING_FILE, NATIVE_DIR, STAMP_FILE, bindingStatus, bindingTarget } from './start-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const betterSqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
const nativeDir = path.join(root, NATIVE_DIR);
const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(electronDir, 'package.json'))) fail('the electron package is not installed (npm install).');
if (!fs.existsSync(path.join(betterSqliteDir, 'package.json'))) fail('better-sqlite3 is not installed (npm install).');

const target = bindingTarget({ electronDir, betterSqliteDir });
const status = bindingStatus({ nativeDir, target });
if (status.current && !force) {
  if (!quiet) console.log(`electron-native: ${path.join(NATIVE_DIR, BINDING_FILE)} is current (${status.reason}).`);
  process.exit(0);
}

let rebuild;
try {
  ({ rebuild } = await import('@electron/rebuild'));
} catch {
  fail('@electron/rebuild is not installed (it is a devDependency; run npm install).');
}

console.log(`electron-native: building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${status.reason})...`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'limitlab-electron-native-'));
try {
  const copy = path.join(work, 'node_modules', 'better-sqlite3');
  fs.cpSync(betterSqliteDir, copy, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(betterSqliteDir, src);
      return rel !== 'build' && !rel.startsWith(`build${path.sep}`) && rel !== 'node_modules' && !rel.startsWith(`node_modules${path.sep}`);
    },
  });
  fs.writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'limitlab-electron-native', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': target.betterSqlite3 } }),
  );

  await rebuild({
    buildPath: work,
    projectRootPath: work,
    electronVersion: target.electron,
    arch: target.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    buildFromSource: true,
    mode: 'sequential',
    ...(target.abi ? { forceABI: Number(target.abi) } : {}),
  });

  const built = path.join(copy, 'build', 'Release', BINDING_FILE);
  if (!fs.existsSync(built)) throw new Error(`the rebuild finished without producing ${BINDING_FILE}`);
  fs.mkdirSync(nativeDir, { recursive: true });
  const partial = path.join(nativeDir, `${BINDING_FILE}.partial`);
  fs.copyFileSync(built, partial);
  fs.renameSync(partial, path.join(nativeDir, BINDING_FILE));
  fs.writeFileSync(path.join(nativeDir, STAMP_FILE), `${JSON.stringify({ ...target, builtAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`electron-native: wrote ${path.join(NATIVE_DIR, BINDING_FILE)}.`);
} catch (error) {
  console.error(
    `electron-native: could not build better-sqlite3 for Electron ${target.electron}: ${error?.message ?? error}\n` +
      '  (this needs python3, make and a C++20 compiler, and the Electron headers from https://electronjs.org/headers)',
  );
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
