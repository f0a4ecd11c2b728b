/**
 * A new kind is one folder and one registry line: the toy kind of test/fixtures/toy-kind/ imports
 * nothing but its own folder, the contract and the kit; registered through `createRegistry` (the
 * call core/models/registry.ts makes), it passes the contract checks and runs through the engine
 * on a real pool whose workers know the same registry, giving the bytes `runKind` gives.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../app/engine/library/db.js';
import { JobPool } from '../../../app/engine/pool/pool.js';
import { EngineService } from '../../../app/engine/service.js';
import { createRegistry, kinds } from '../../../core/models/registry.js';
import { runKind } from '../../../core/models/run-kind.js';
import { toyKind } from '../../fixtures/toy-kind/index.js';
import { describeKindContract, resolved } from './contract-checks.js';
import { bytes, ctx } from './ctx.js';
// @ts-expect-error plain ESM script without types
import { importsOf } from '../../../scripts/layer-rules.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const folder = join(root, 'test/fixtures/toy-kind');

describe('the toy kind', () => {
  it('imports only its own folder, the model-kind contract, the parameter fields and the kit', () => {
    const allowed = ['core/models/model-kind', 'core/models/param-fields', 'core/models/kit/index'];
    for (const file of readdirSync(folder)) {
      for (const spec of importsOf(readFileSync(join(folder, file), 'utf8'))) {
        if (!spec.startsWith('.')) {
          expect(spec, `${file} imports a package`).toBe('zod');
          continue;
        }
        const target = relative(root, resolve(folder, spec)).replace(/\.js$/, '');
        expect(target.startsWith('test/fixtures/toy-kind/') || allowed.includes(target), `${file} imports ${target}`).toBe(true);
      }
    }
  });

  it('registers through createRegistry next to the app kinds, and the registry refuses a second kind of the same id', () => {
    const withToy = createRegistry([...kinds, toyKind]);
    expect(withToy.get('toy-ou')).toBe(toyKind);
    expect(withToy.ids()).toEqual([...kinds.map((k) => k.id), 'toy-ou']);
    expect(() => createRegistry([...kinds, toyKind, toyKind])).toThrow(/registered twice/);
    expect(() => createRegistry([{ ...toyKind, id: 'Toy OU' }])).toThrow(/kebab-case/);
  });
});

describeKindContract(toyKind, [{ T: 2, n: 50, grid: 10 }, { T: 1, n: 20, grid: 5, s: 0 }]);

describe('the toy kind through the engine', () => {
  let service: EngineService;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // A pool worker whose registry holds the toy kind too: the app's worker entry, given that registry.
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-toy-'));
    const entry = join(dir, 'worker-entry.ts');
    const from = (path: string) => relative(dir, join(root, path)).split('\\').join('/');
    writeFileSync(
      entry,
      `import { jobRunner } from '${from('app/engine/pool/worker.ts')}';\n` +
        `import { createRegistry, kinds } from '${from('core/models/registry.ts')}';\n` +
        `import { toyKind } from '${from('test/fixtures/toy-kind/index.ts')}';\n` +
        'export default jobRunner(createRegistry([...kinds, toyKind]));\n',
    );
    const workerPath = join(dir, 'worker.cjs');
    await build({ entryPoints: [entry], outfile: workerPath, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
    const db = await openLibrary(join(dir, 'library.sqlite'));
    const pool = new JobPool({ workerPath, threads: 2 });
    service = new EngineService(db, pool, () => new Date(), createRegistry([...kinds, toyKind]));
    close = async () => {
      await service.close();
      await pool.close();
      db.close();
    };
  }, 60_000);

  afterAll(async () => close?.());

  it('lists it, validates its parameters, runs it to done and stores what runKind computes', async () => {
    const listed = await service.call('kinds:list');
    expect(listed.map((k) => k.id)).toContain('toy-ou');
    expect(listed.find((k) => k.id === 'toy-ou')!.outputs).toEqual(toyKind.outputs);
    await expect(service.start({ kind: 'toy-ou', params: { a: -1 } })).rejects.toThrow(/a = -1 is not allowed/);
    const params = { T: 2, n: 50, grid: 10 };
    const run = await service.start({ kind: 'toy-ou', params, seed: 5, replicas: 3 });
    const final = await service.whenSettled(run.id);
    expect(final.status).toBe('done');
    const stored = service.runs.detail(run.id)!.result!;
    const direct = runKind(toyKind, resolved(toyKind, params), ctx(5, 3));
    expect(stored.series.map((s) => [s.name, s.source, s.label, s.replica ?? null])).toEqual(
      direct.series.map((s) => [s.name, s.source, s.label, s.replica ?? null]),
    );
    stored.series.forEach((s, i) => expect(bytes(s.y).equals(bytes(direct.series[i]!.y)), s.label).toBe(true));
    expect(stored.scalars).toEqual(direct.scalars);
  });
});
