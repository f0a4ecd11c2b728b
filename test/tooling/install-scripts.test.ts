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
  const lines = readFileSync(join(root, '.ci', 'run'), 'utf8').split('\n');

  it('runs npm ci then npm test, installing only Slurm with apt-get before them', () => {
    const commands = lines
      .filter((line) => /^\s*(DEBIAN_FRONTEND=\S+\s+)?(npm|apt-get|apt)\b/.test(line))
      .map((line) => line.trim().replace(/^DEBIAN_FRONTEND=\S+\s+/, '').split(/\s+/).slice(0, 2).join(' '));
    expect(commands).toEqual(['apt-get update', 'apt-get install', 'npm ci', 'npm test']);
    const install = lines.find((line) => /apt-get install/.test(line))!;
    const packages = install.trim().split(/\s+/).filter((w) => !w.startsWith('-') && !/=|^apt-get$|^install$/.test(w));
    expect(packages.sort()).toEqual(['munge', 'slurm-client', 'slurmctld', 'slurmd']);
    expect(install).toContain('--no-install-recommends');
  });
});
