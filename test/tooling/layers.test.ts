import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { importsOf, violations } from '../../scripts/layer-rules.mjs';
import { APP_VERSION } from '../../app/engine/app-version.js';

describe('layer rules', () => {
  it('forbid Node and Electron modules in core/ and renderer/', () => {
    expect(violations('core/numerics/rng.ts', 'node:crypto')).toHaveLength(1);
    expect(violations('core/numerics/rng.ts', 'fs')).toHaveLength(1);
    expect(violations('renderer/src/App.svelte', 'electron')).not.toHaveLength(0);
    expect(violations('core/models/sgd-glm/index.ts', 'zod')).toEqual([]);
  });

  it('allow electron only in app/electron/', () => {
    expect(violations('app/electron/main.ts', 'electron')).toEqual([]);
    expect(violations('app/engine/service.ts', 'electron')).toHaveLength(1);
  });

  it('let the renderer import only the contract from app/', () => {
    expect(violations('renderer/src/api/host-client.ts', '../../../app/api.js')).toEqual([]);
    expect(violations('renderer/src/api/host-client.ts', '../../../app/engine/service.js')).toHaveLength(1);
  });

  it('see static, dynamic and side-effect imports', () => {
    const text = `import a from 'node:fs';\nimport { b } from "electron";\nconst c = await import('os');\nimport 'node:path';\nexport { d } from './d.js';`;
    expect(importsOf(text)).toEqual(['node:fs', 'electron', 'os', 'node:path', './d.js']);
  });

  it('hold for the whole tree', () => {
    const res = spawnSync(process.execPath, ['scripts/check-layers.mjs'], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});

describe('version', () => {
  it('stamped on runs equals the package version', () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
