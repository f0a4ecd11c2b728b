/**
 * The packaged app's hardening: the fuses the afterPack hook sets (build/after-pack.cjs) and the
 * asar layout in electron-builder.yml, with the pool worker inside the integrity-checked archive.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const hook = require(path.join(root, 'build', 'after-pack.cjs')) as {
  FUSES: Record<string, boolean>;
  fuseConfig(fuses: unknown, context: { electronPlatformName: string; arch: number }): Record<string | number, unknown>;
  executablePath(context: unknown): string;
};
const fuses = require('@electron/fuses') as { FuseV1Options: Record<string, number>; FuseVersion: { V1: string } };

/** The list under a top-level key of electron-builder.yml (`key:` then `  - item` lines). */
function yamlList(key: string): string[] {
  const lines = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.indexOf(`${key}:`);
  expect(start, `${key} in electron-builder.yml`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (item) items.push(item[1]!.replace(/^"|"$/g, ''));
    else if (!/^\s*(#.*)?$/.test(line)) break;
  }
  return items;
}

describe('Electron fuses of the packaged app', () => {
  const linux = hook.fuseConfig(fuses, { electronPlatformName: 'linux', arch: 1 });
  const fuse = (name: string) => linux[fuses.FuseV1Options[name]!];

  it('check the asar integrity and load the app only from app.asar', () => {
    expect(fuse('EnableEmbeddedAsarIntegrityValidation')).toBe(true);
    expect(fuse('OnlyLoadAppFromAsar')).toBe(true);
  });

  it('encrypt cookies and give file:// no extra privileges', () => {
    expect(fuse('EnableCookieEncryption')).toBe(true);
    expect(fuse('GrantFileProtocolExtraPrivileges')).toBe(false);
  });

  it('forbid running as Node, NODE_OPTIONS and --inspect', () => {
    expect(fuse('RunAsNode')).toBe(false);
    expect(fuse('EnableNodeOptionsEnvironmentVariable')).toBe(false);
    expect(fuse('EnableNodeCliInspectArguments')).toBe(false);
  });

  it('set every fuse of the policy, in fuse format V1, and nothing else', () => {
    const set = Object.keys(linux).filter((k) => /^\d+$/.test(k)).map((k) => fuses.FuseV1Options[Number(k)]);
    expect(set.sort()).toEqual(Object.keys(hook.FUSES).sort());
    expect(linux.version).toBe(fuses.FuseVersion.V1);
    expect(linux.resetAdHocDarwinSignature).toBe(false);
    expect(hook.fuseConfig(fuses, { electronPlatformName: 'darwin', arch: 3 }).resetAdHocDarwinSignature).toBe(true);
  });

  it('refuse to package with a fuse the installed @electron/fuses does not know', () => {
    const older = { ...fuses, FuseV1Options: { ...fuses.FuseV1Options, GrantFileProtocolExtraPrivileges: undefined } };
    expect(() => hook.fuseConfig(older, { electronPlatformName: 'linux', arch: 1 })).toThrow(/no fuse named GrantFileProtocolExtraPrivileges/);
  });

  it('flip the executable electron-builder wrote for each platform', () => {
    const packager = { appInfo: { productFilename: 'Limitlab' }, executableName: 'limitlab' };
    expect(hook.executablePath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe(path.join('/out', 'limitlab'));
    expect(hook.executablePath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe(path.join('/out', 'Limitlab.exe'));
    expect(hook.executablePath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe(path.join('/out', 'Limitlab.app'));
  });
});

describe('asar layout', () => {
  it('runs the fuse hook after packing', () => {
    expect(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toMatch(/^afterPack: build\/after-pack\.cjs$/m);
  });

  it('unpacks only native and worker-thread packages from node_modules, nothing of the app itself', () => {
    const unpacked = yamlList('asarUnpack');
    expect(unpacked.length).toBeGreaterThan(0);
    expect(unpacked.filter((p) => !p.startsWith('node_modules/'))).toEqual([]);
  });

  it('keeps the pool worker inside app.asar as self-contained CommonJS that piscina loads with require()', () => {
    const worker = path.join(root, 'dist', 'worker.cjs');
    expect(existsSync(worker), 'dist/worker.cjs missing: run npm run build').toBe(true);
    // Inside the asar a bundled package would still load through Electron's require; self-contained
    // means the worker needs nothing but Node built-ins.
    const required = [...readFileSync(worker, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.filter((m) => !m.startsWith('node:') && !builtinModules.includes(m))).toEqual([]);
    const loaded = require(worker) as { default?: unknown };
    expect(typeof loaded.default).toBe('function');
  });
});
