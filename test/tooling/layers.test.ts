import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { globalViolations, importsOf, violations } from '../../scripts/layer-rules.mjs';
import { APP_VERSION } from '../../app/engine/app-version.js';

const refused = (rel: string, spec: string) => violations(rel, spec).length > 0;

describe('layer rules', () => {
  it('refuse Node and Electron modules in core/, view/ and renderer/', () => {
    expect(violations('core/numerics/rng.ts', 'node:crypto')).toHaveLength(1);
    expect(violations('core/numerics/rng.ts', 'fs')).toHaveLength(1);
    expect(refused('view/data-export.ts', 'node:fs')).toBe(true);
    expect(refused('view/charts/ticks.ts', 'path')).toBe(true);
    expect(violations('renderer/src/App.svelte', 'electron')).not.toHaveLength(0);
    expect(violations('core/models/sgd-glm/index.ts', 'zod')).toEqual([]);
  });

  it('allow electron only in app/electron/', () => {
    expect(violations('app/electron/main.ts', 'electron')).toEqual([]);
    expect(violations('app/engine/service.ts', 'electron')).toHaveLength(1);
    expect(refused('view/charts/register.ts', 'electron')).toBe(true);
  });

  it('let the renderer import renderer/, view/, core/ and only the contract from app/', () => {
    expect(violations('renderer/src/api/host-client.ts', '../../../app/api.js')).toEqual([]);
    expect(violations('renderer/src/api/host-client.ts', '../../../app/api-codec.js')).toEqual([]);
    expect(violations('renderer/src/main.ts', '../../view/charts/index.js')).toEqual([]);
    expect(violations('renderer/src/lib/tex.ts', '../../../core/models/registry.js')).toEqual([]);
    expect(violations('renderer/src/api/host-client.ts', '../../../app/engine/service.js')).toHaveLength(1);
  });

  it('refuse app/ importing renderer/', () => {
    expect(refused('app/engine/export/figure.ts', '../../../renderer/src/lib/tex.js')).toBe(true);
    expect(refused('app/cli/main.ts', '../../renderer/src/state/actions.js')).toBe(true);
    expect(violations('app/engine/export/figure.ts', '../../../view/charts/chart-config.js')).toEqual([]);
    expect(violations('app/engine/service.ts', '../../core/models/registry.js')).toEqual([]);
  });

  it('keep view/ to view/ and core/', () => {
    expect(violations('view/charts/overlay.ts', '../../core/models/model-kind.js')).toEqual([]);
    expect(violations('view/charts/sweep-summary.ts', '../records.js')).toEqual([]);
    expect(violations('view/charts/chart-config.ts', 'chart.js')).toEqual([]);
    expect(refused('view/data-export.ts', '../app/api.js')).toBe(true);
    expect(refused('view/charts/axes.ts', '../../renderer/src/lib/format.js')).toBe(true);
    expect(refused('view/charts/axes.ts', 'svelte')).toBe(true);
    // Zoom and pan belong to the interactive charts only: the renderer, not the shared configuration.
    expect(refused('view/charts/chart-config.ts', 'chartjs-plugin-zoom')).toBe(true);
    expect(violations('renderer/src/lib/chart-zoom.ts', 'chartjs-plugin-zoom')).toEqual([]);
  });

  it('refuse core/numerics importing core/models or anything outside itself', () => {
    expect(refused('core/numerics/rng.ts', '../models/model-kind.js')).toBe(true);
    expect(refused('core/numerics/ode/solve.ts', '../../../view/charts/ticks.js')).toBe(true);
    expect(violations('core/numerics/ode/solve.ts', '../wasm/ode.js')).toEqual([]);
  });

  it("refuse a kind importing another kind's folder", () => {
    expect(violations('core/models/a/x.ts', '../b/y.js')).toEqual([
      `core/models/a/x.ts imports "../b/y.js" from the kind b; a kind's folder is imported only by itself and the registry`,
    ]);
    expect(refused('core/models/dp-sgd/theory.ts', '../sgd-glm/losses.js')).toBe(true);
    expect(refused('core/models/a/deep/x.ts', '../../b/index.js')).toBe(true);
  });

  it('let a kind import its own folder, the kit, the shared simulators and the numerics', () => {
    expect(violations('core/models/a/x.ts', './y.js')).toEqual([]);
    expect(violations('core/models/a/deep/x.ts', '../y.js')).toEqual([]);
    expect(violations('core/models/a/x.ts', '../model-kind.js')).toEqual([]);
    expect(violations('core/models/a/x.ts', '../kit/grid.js')).toEqual([]);
    expect(violations('core/models/a/x.ts', '../simulators/langevin.js')).toEqual([]);
    expect(violations('core/models/a/x.ts', '../../numerics/rng.js')).toEqual([]);
    expect(refused('core/models/a/x.ts', '../../../app/api.js')).toBe(true);
  });

  it('let only the registry and the public entry import a kind from outside its folder', () => {
    expect(violations('core/models/registry.ts', './a/index.js')).toEqual([]);
    expect(violations('core/models/index.ts', './a/index.js')).toEqual([]);
    expect(refused('core/models/run-kind.ts', './a/index.js')).toBe(true);
    expect(refused('core/models/kit/replicas.ts', '../a/merge.js')).toBe(true);
  });

  it('refuse packages a pure area does not list', () => {
    expect(refused('core/models/a/x.ts', 'better-sqlite3')).toBe(true);
    expect(refused('core/numerics/fit.ts', 'zod')).toBe(true);
    expect(violations('core/numerics/fit.ts', '@stdlib/math-base-special-erf')).toEqual([]);
    expect(violations('app/engine/library/db.ts', 'better-sqlite3')).toEqual([]);
  });

  it('refuse DOM globals in view/ and core/, in code and in types', () => {
    expect(globalViolations('view/charts/x.ts', 'export const w = window.innerWidth;')).toHaveLength(1);
    expect(globalViolations('view/charts/x.ts', 'export const c = document.createElement("canvas");')).toHaveLength(1);
    expect(globalViolations('view/charts/x.ts', 'export const d = globalThis.document;')).toHaveLength(1);
    expect(globalViolations('view/charts/x.ts', 'export let c: HTMLCanvasElement | null = null;')).toHaveLength(1);
    expect(globalViolations('core/numerics/x.ts', 'localStorage.setItem("a", "b");')).toHaveLength(1);
    expect(globalViolations('view/charts/x.ts', '/// <reference lib="dom" />\nexport {};')).toHaveLength(1);
  });

  it('see no DOM global in names, keys, strings or comments', () => {
    const text = `// the window of the chart\nconst o = { window: 1, document: 'document' };\nexport const w = o.window;\nexport type T = { navigator: string };`;
    expect(globalViolations('view/charts/x.ts', text)).toEqual([]);
    expect(globalViolations('renderer/src/main.ts', 'document.body')).toEqual([]);
  });

  it('see static, dynamic and side-effect imports', () => {
    const text = `import a from 'node:fs';\nimport { b } from "electron";\nconst c = await import('os');\nimport 'node:path';\nexport { d } from './d.js';`;
    expect(importsOf(text)).toEqual(['node:fs', 'electron', 'os', 'node:path', './d.js']);
  });

  it('see no import in strings or comments, and only the scripts of a Svelte component', () => {
    const text = `// import a from 'node:fs'\nconst wat = \`(import "math" "exp" (func $exp))\`;\nconst s = "import 'os'";\nimport { b } from './b.js';`;
    expect(importsOf(text)).toEqual(['./b.js']);
    const component = `<script lang="ts">\n  import { f } from '../lib/f.js';\n</script>\n<p>import x from 'y'</p>`;
    expect(importsOf(component, { svelte: true })).toEqual(['../lib/f.js']);
  });

  it('hold for the whole tree', () => {
    const res = spawnSync(process.execPath, ['scripts/check-layers.mjs'], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});

describe('the layer check', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A tree with the given files; returns the check's exit status and what it printed. */
  function check(files: Record<string, string>) {
    root = mkdtempSync(join(tmpdir(), 'limitlab-layers-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(root, dirname(rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    return spawnSync(process.execPath, ['scripts/check-layers.mjs', root], { encoding: 'utf8' });
  }

  it('fails on an app → renderer import, naming the file', () => {
    const res = check({ 'app/engine/x.ts': `import { f } from '../../renderer/src/lib/f.js';\nf();\n`, 'renderer/src/lib/f.ts': 'export const f = () => 1;\n' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('app/engine/x.ts imports "../../renderer/src/lib/f.js"');
  });

  it('fails on a kind → kind import', () => {
    const res = check({ 'core/models/a/x.ts': `export { y } from '../b/y.js';\n`, 'core/models/b/y.ts': 'export const y = 1;\n' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('core/models/a/x.ts imports "../b/y.js" from the kind b');
  });

  it('fails on a DOM global in view/', () => {
    const res = check({ 'view/x.ts': 'export const width = () => window.innerWidth;\n' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('view/x.ts uses the DOM global window');
  });

  it('passes a tree that keeps the rules', () => {
    const res = check({ 'app/engine/x.ts': `import { f } from '../../view/f.js';\nf();\n`, 'view/f.ts': `import type { S } from '../core/s.js';\nexport const f = (s?: S) => s;\n`, 'core/s.ts': 'export type S = number;\n' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});

describe('version', () => {
  it('stamped on runs equals the package version', () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
