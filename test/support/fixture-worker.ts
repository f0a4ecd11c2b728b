/**
 * A pool worker whose registry holds the fixture kinds (the slow kind of test/fixtures/slow-kind
 * and the CSV-reading kind of test/fixtures/table-kind) beside the app's kinds: the app's worker
 * entry, given that registry, bundled with esbuild into a temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the worker; resolves with its path and the temporary folder it is in. */
export async function buildFixtureWorker(): Promise<{ workerPath: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'limitlab-fixture-'));
  const entry = join(dir, 'worker-entry.ts');
  const from = (path: string) => relative(dir, join(root, path)).split('\\').join('/');
  writeFileSync(
    entry,
    `import { jobRunner } from '${from('app/engine/pool/worker.ts')}';\n` +
      `import { createRegistry, kinds } from '${from('core/models/registry.ts')}';\n` +
      `import { slowKind } from '${from('test/fixtures/slow-kind/index.ts')}';\n` +
      `import { tableKind } from '${from('test/fixtures/table-kind/index.ts')}';\n` +
      'export default jobRunner(createRegistry([...kinds, slowKind, tableKind]));\n',
  );
  const workerPath = join(dir, 'worker.cjs');
  await build({ entryPoints: [entry], outfile: workerPath, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return { workerPath, dir };
}
