import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findChromium, packagedChromiumArgs } from '../e2e/browser.js';

const NOWHERE = join(process.cwd(), 'no-such-dir', 'chromium');

afterEach(() => {
  vi.doUnmock('@sparticuz/chromium');
  vi.resetModules();
});

describe('the Chromium of the end-to-end tests', () => {
  it("is Debian's when its path exists", async () => {
    const build = await findChromium(process.execPath);
    expect(build).toMatchObject({ source: 'debian', executablePath: process.execPath });
    expect(build.args).toContain('--no-sandbox');
  });

  it('is the one unpacked from @sparticuz/chromium when Debian has none, with nothing downloaded', async () => {
    const build = await findChromium(NOWHERE);
    expect(build.source).toBe('@sparticuz/chromium');
    expect(existsSync(build.executablePath)).toBe(true);
    expect(() => accessSync(build.executablePath, constants.X_OK)).not.toThrow();
  });

  it("drops the package's flags that weaken the page's security, force one process or pick the headless mode", async () => {
    const { default: packaged } = await import('@sparticuz/chromium');
    expect(packaged.args).toEqual(expect.arrayContaining(['--disable-web-security', '--single-process']));
    const args = packagedChromiumArgs(packaged.args);
    for (const flag of ['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials', '--single-process']) {
      expect(args).not.toContain(flag);
    }
    expect(args.filter((a) => /^--(headless|disable-features|enable-features|use-gl|use-angle)(=|$)/.test(a))).toEqual([]);
    expect(args).toEqual(expect.arrayContaining(['--no-sandbox', '--disable-gpu', '--no-zygote']));
    expect(new Set(args).size).toBe(args.length);
  });

  it('fails with both reasons when Debian has none and the package cannot be loaded', async () => {
    vi.doMock('@sparticuz/chromium', () => {
      throw new Error('Cannot find package');
    });
    const { findChromium: find } = await import('../e2e/browser.js');
    await expect(find(NOWHERE)).rejects.toThrow(/no-such-dir\/chromium is not installed and the devDependency @sparticuz\/chromium cannot be loaded .*run npm install/);
  });

  it('fails with the reason when the package cannot unpack its binary', async () => {
    vi.doMock('@sparticuz/chromium', () => ({ default: { args: [], executablePath: () => Promise.reject(new Error('ENOSPC: no space left on device')) } }));
    const { findChromium: find } = await import('../e2e/browser.js');
    await expect(find(NOWHERE)).rejects.toThrow(/@sparticuz\/chromium could not unpack its binary \(ENOSPC/);
  });
});
