import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveShellPaths } from '../../app/electron/shell-paths.js';

const repo = path.resolve('/work/limitlab');

describe('resolveShellPaths', () => {
  const dev = (env: Record<string, string | undefined> = {}, exists = (_: string) => false) =>
    resolveShellPaths({
      electronDir: path.join(repo, 'dist', 'electron'),
      isPackaged: false,
      resourcesPath: '/unused',
      userDataDir: '/home/u/.config/Limitlab',
      env,
      cwd: '/home/u/work',
      exists,
    });

  it('finds the bundles, renderer and pool worker of a development tree', () => {
    const paths = dev();
    expect(paths.preload).toBe(path.join(repo, 'dist', 'electron', 'preload.cjs'));
    expect(paths.engineEntry).toBe(path.join(repo, 'dist', 'electron', 'engine-entry.cjs'));
    expect(paths.rendererRoot).toBe(path.join(repo, 'dist', 'renderer'));
    expect(paths.workerPath).toBe(path.join(repo, 'dist', 'worker.cjs'));
  });

  it('puts the library where the CLI and browser host keep it (userData/library.sqlite) unless LIMITLAB_DB names another file', () => {
    expect(dev().dbPath).toBe(path.join('/home/u/.config/Limitlab', 'library.sqlite'));
    expect(dev({ LIMITLAB_DB: '/data/lab.sqlite' }).dbPath).toBe(path.resolve('/data/lab.sqlite'));
    expect(dev({ LIMITLAB_DB: 'lab.sqlite' }).dbPath).toBe(path.resolve('/home/u/work', 'lab.sqlite'));
    expect(dev({ LIMITLAB_DB: '  ' }).dbPath).toBe(path.join('/home/u/.config/Limitlab', 'library.sqlite'));
  });

  it('passes the Electron SQLite binding only when it has been built', () => {
    const binding = path.join(repo, '.electron-native', 'better_sqlite3.node');
    expect(dev().sqliteBinding).toBeUndefined();
    expect(dev({}, (p) => p === binding).sqliteBinding).toBe(binding);
  });

  it('uses resources/ for the SQLite binding and keeps the pool worker inside app.asar in a packaged app', () => {
    const resources = path.resolve('/opt/Limitlab/resources');
    const paths = resolveShellPaths({
      electronDir: path.join(resources, 'app.asar', 'dist', 'electron'),
      isPackaged: true,
      resourcesPath: resources,
      userDataDir: '/home/u/.config/Limitlab',
      env: {},
      cwd: '/',
      exists: () => true,
    });
    expect(paths.sqliteBinding).toBe(path.join(resources, 'better_sqlite3.node'));
    expect(paths.workerPath).toBe(path.join(resources, 'app.asar', 'dist', 'worker.cjs'));
    expect(paths.rendererRoot).toBe(path.join(resources, 'app.asar', 'dist', 'renderer'));
  });
});
