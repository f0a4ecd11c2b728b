import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

interface LockEntry {
  hasInstallScript?: boolean;
}

describe('npm install on a fresh machine', () => {
  const lock = read('package-lock.json') as { packages: Record<string, LockEntry> };
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([path]) => path.replace(/^.*node_modules\//, ''));

  it('runs install scripts only for the packages listed in allowScripts', () => {
    const allowed = Object.keys(read('package.json').allowScripts as Record<string, boolean>);
    expect(withScripts.filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('downloads no Electron or Chromium binary: neither package has an install script', () => {
    for (const name of ['electron', '@sparticuz/chromium']) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
      expect(withScripts).not.toContain(name);
    }
  });
});

describe('CI', () => {
  it('runs npm ci then npm test, and installs nothing with apt-get', () => {
    const commands = readFileSync(join(root, '.ci', 'run'), 'utf8')
      .split('\n')
      .filter((line) => /^\s*(npm|apt-get|apt)\b/.test(line))
      .map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(commands).toEqual(['npm ci', 'npm test']);
  });
});
