#!/usr/bin/env node
// One build for everything: the renderer (vite), and the Node/Electron bundles (esbuild).
//   dist/cli.js                 the `limitlab` command (engine, host)
//   dist/worker.cjs             the piscina pool worker (self-contained CommonJS: loads from inside an asar too)
//   dist/bench.js               `npm run bench`
//   dist/electron/main.cjs      Electron main process
//   dist/electron/preload.cjs   sandboxed preload (self-contained)
//   dist/electron/engine-entry.cjs  engine inside an Electron utilityProcess
//   dist/renderer/              the Svelte UI
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { writeWasmModules } from './build-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(root, p);
const quiet = process.argv.includes('--quiet');

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

// Packages stay external in the ESM and Electron bundles, except tfjs: its gradient registrations
// are ESM files with extensionless imports that Node cannot load, so they are bundled in.
const externalExceptTfjs = {
  name: 'external-except-tfjs',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@tensorflow/') ? undefined : { path: args.path, external: true }));
  },
};

const esm = [
  ['app/cli/main.ts', 'dist/cli.js'],
  ['test/bench/main.ts', 'dist/bench.js'],
];
const cjs = [
  ['app/engine/pool/worker-main.ts', 'dist/worker.cjs', {}],
  ['app/electron/main.ts', 'dist/electron/main.cjs', { plugins: [externalExceptTfjs] }],
  ['app/electron/engine-entry.ts', 'dist/electron/engine-entry.cjs', { plugins: [externalExceptTfjs] }],
  // The sandboxed preload may only require 'electron': bundle everything else into it.
  ['app/electron/preload.ts', 'dist/electron/preload.cjs', { external: ['electron'] }],
];

// The WebAssembly modules are committed (.wat, layout.ts, NAME-binary.ts); rewrite those whose memory map or template changed.
await writeWasmModules();

const jobs = [];
for (const [entry, out] of esm) {
  if (!existsSync(at(entry))) continue;
  jobs.push(
    build({
      ...common,
      entryPoints: [at(entry)],
      outfile: at(out),
      format: 'esm',
      plugins: [externalExceptTfjs],
      // require and __dirname for the CommonJS code bundled in (tfjs's WebAssembly loader uses both).
      banner: {
        js:
          "import { createRequire as __limitlabCreateRequire } from 'node:module'; const require = __limitlabCreateRequire(import.meta.url);" +
          " import { dirname as __limitlabDirname } from 'node:path'; import { fileURLToPath as __limitlabFileUrlToPath } from 'node:url';" +
          ' const __dirname = __limitlabDirname(__limitlabFileUrlToPath(import.meta.url));',
      },
    }),
  );
}
for (const [entry, out, extra] of cjs) {
  if (!existsSync(at(entry))) continue;
  jobs.push(
    build({
      ...common,
      entryPoints: [at(entry)],
      outfile: at(out),
      format: 'cjs',
      external: ['electron'],
      // The engine's ESM-only default paths are not used in the Electron bundles (paths are passed in).
      logOverride: { 'empty-import-meta': 'silent' },
      ...extra,
    }),
  );
}
await Promise.all(jobs);

// The tensor backend's WebAssembly files, next to the bundles that load them (app/engine/tensor-backend.ts).
const tfjsWasm = at('node_modules/@tensorflow/tfjs-backend-wasm/dist');
mkdirSync(at('dist/tfjs-wasm'), { recursive: true });
for (const f of readdirSync(tfjsWasm).filter((n) => n.endsWith('.wasm'))) copyFileSync(join(tfjsWasm, f), at(`dist/tfjs-wasm/${f}`));

if (existsSync(at('renderer/vite.config.ts'))) {
  const vite = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--config', at('renderer/vite.config.ts'), '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
if (!quiet) console.error('build: dist/ is up to date');
