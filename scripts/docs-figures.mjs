// Draws the example figures of docs/figures/ (test/support/docs-figures.ts) with the export code.
// Usage: node scripts/docs-figures.mjs [OUT_FOLDER]
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'test/support/docs-figures.ts'), ...process.argv.slice(2)], {
  cwd: repo,
  stdio: 'inherit',
});
