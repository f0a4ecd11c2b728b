import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  ELECTRON_UNAVAILABLE_LINE,
  bindingStatus,
  bindingTarget,
  buildStatus,
  decideLaunch,
  electronEnv,
  locateElectron,
} from '../../scripts/start-lib.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'limitlab-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text = '', mtimeSec?: number): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (mtimeSec !== undefined) utimesSync(file, mtimeSec, mtimeSec);
  return file;
}

describe('buildStatus', () => {
  it('asks for a build when an output is missing', () => {
    write('app/api.ts', '', 1000);
    expect(buildStatus(dir)).toEqual({ needed: true, reason: `${BUILD_OUTPUTS[0]} is missing` });
  });

  it('asks for a build when a source is newer than the oldest output', () => {
    for (const out of BUILD_OUTPUTS) write(out, '', 2000);
    write('core/models/x.ts', '', 1000);
    expect(buildStatus(dir).needed).toBe(false);
    write('renderer/src/App.svelte', '', 3000);
    expect(buildStatus(dir)).toEqual({ needed: true, reason: 'sources changed since the last build' });
  });

  it('ignores node_modules and dot-directories inside sources', () => {
    for (const out of BUILD_OUTPUTS) write(out, '', 2000);
    write('app/node_modules/x/index.js', '', 9000);
    write('app/.cache/y', '', 9000);
    expect(buildStatus(dir).needed).toBe(false);
  });
});

describe('locateElectron', () => {
  const electronDir = () => path.join(dir, 'node_modules', 'electron');

  it('reports a missing package', () => {
    expect(locateElectron({ electronDir: electronDir(), env: {} })).toMatchObject({ executable: null, version: null });
  });

  it('reports a package whose binary was never downloaded, without downloading it', () => {
    write('node_modules/electron/package.json', JSON.stringify({ version: '45.5.0' }));
    expect(locateElectron({ electronDir: electronDir(), env: {} })).toEqual({
      executable: null,
      version: '45.5.0',
      reason: 'the Electron binary has not been downloaded',
    });
  });

  it('reports a path.txt whose executable is gone', () => {
    write('node_modules/electron/package.json', JSON.stringify({ version: '45.5.0' }));
    write('node_modules/electron/path.txt', 'electron');
    expect(locateElectron({ electronDir: electronDir(), env: {} }).executable).toBeNull();
  });

  it('finds the downloaded executable', () => {
    write('node_modules/electron/package.json', JSON.stringify({ version: '45.5.0' }));
    write('node_modules/electron/path.txt', 'electron');
    const exe = write('node_modules/electron/dist/electron');
    expect(locateElectron({ electronDir: electronDir(), env: {} })).toMatchObject({ executable: exe, version: '45.5.0' });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    write('node_modules/electron/package.json', JSON.stringify({ version: '45.5.0' }));
    const exe = write('custom/electron');
    expect(locateElectron({ electronDir: electronDir(), env: { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'custom') } }).executable).toBe(exe);
  });
});

describe('bindingStatus', () => {
  const setupTarget = () => {
    write('node_modules/electron/package.json', JSON.stringify({ version: '45.5.0' }));
    write('node_modules/electron/abi_version', '150\n');
    write('node_modules/better-sqlite3/package.json', JSON.stringify({ version: '12.11.1' }));
    return bindingTarget({
      electronDir: path.join(dir, 'node_modules', 'electron'),
      betterSqliteDir: path.join(dir, 'node_modules', 'better-sqlite3'),
      platform: 'linux',
      arch: 'x64',
    });
  };
  const nativeDir = () => path.join(dir, '.electron-native');

  it('reads the target from the installed electron and better-sqlite3', () => {
    expect(setupTarget()).toEqual({ electron: '45.5.0', abi: '150', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' });
  });

  it('is stale until the binding exists with a matching stamp', () => {
    const target = setupTarget();
    expect(bindingStatus({ nativeDir: nativeDir(), target }).current).toBe(false);
    write('.electron-native/better_sqlite3.node', 'ELF');
    expect(bindingStatus({ nativeDir: nativeDir(), target })).toEqual({ current: false, reason: 'the build stamp is missing' });
    write('.electron-native/stamp.json', JSON.stringify({ ...target, builtAt: 'x' }));
    expect(bindingStatus({ nativeDir: nativeDir(), target }).current).toBe(true);
  });

  it('is stale after Electron or better-sqlite3 is upgraded', () => {
    const target = setupTarget();
    write('.electron-native/better_sqlite3.node', 'ELF');
    write('.electron-native/stamp.json', JSON.stringify({ ...target, electron: '44.0.0' }));
    expect(bindingStatus({ nativeDir: nativeDir(), target })).toEqual({ current: false, reason: 'built for electron 44.0.0, need 45.5.0' });
    write('.electron-native/stamp.json', JSON.stringify({ ...target, betterSqlite3: '12.10.0' }));
    expect(bindingStatus({ nativeDir: nativeDir(), target }).current).toBe(false);
  });
});

describe('decideLaunch', () => {
  it('starts Electron when its executable exists and the binding is ready', () => {
    expect(decideLaunch({ electronExecutable: '/x/electron', bindingError: null })).toEqual({ mode: 'electron', executable: '/x/electron' });
  });

  it('falls back to the browser with the one explanatory line when Electron is missing', () => {
    expect(decideLaunch({ electronExecutable: null })).toEqual({ mode: 'browser', line: ELECTRON_UNAVAILABLE_LINE });
    expect(ELECTRON_UNAVAILABLE_LINE).toBe(
      'Electron is not available on this machine (its binary could not be downloaded); serving Limitlab in your browser instead:',
    );
    expect(ELECTRON_UNAVAILABLE_LINE).not.toContain('\n');
  });

  it('falls back to the browser when the SQLite binding could not be built', () => {
    const decision = decideLaunch({ electronExecutable: '/x/electron', bindingError: 'headers unreachable' });
    expect(decision).toMatchObject({ mode: 'browser' });
    expect(decision.mode === 'browser' && decision.line).toContain('headers unreachable');
  });

  it('uses the browser when asked to, whatever is installed', () => {
    expect(decideLaunch({ forceBrowser: true, electronExecutable: '/x/electron' }).mode).toBe('browser');
  });
});

describe('electronEnv', () => {
  it('never launches Electron in run-as-node mode', () => {
    expect(electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });
});
