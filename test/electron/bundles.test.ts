import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundle an entry the way scripts/build.mjs does and list what the output still requires. */
async function requiresOf(entry: string, options: { external: string[]; packagesExternal?: boolean }): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    external: options.external,
    ...(options.packagesExternal ? { packages: 'external' as const } : {}),
  });
  const text = result.outputFiles[0]!.text;
  return [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))].sort();
}

describe('Electron bundles', () => {
  it('the sandboxed preload requires nothing but electron', async () => {
    expect(await requiresOf('app/electron/preload.ts', { external: ['electron'] })).toEqual(['electron']);
  }, 30_000);

  it('the main process requires only electron, Node built-ins and declared packages (never better-sqlite3)', async () => {
    const required = await requiresOf('app/electron/main.ts', { external: ['electron'], packagesExternal: true });
    expect(required).toContain('electron');
    expect(required).not.toContain('better-sqlite3');
    expect(required).not.toContain('piscina');
    for (const name of required) expect(name, name).toMatch(/^(electron|node:[a-z_/]+|zod(\/.*)?)$/);
  }, 30_000);
});
