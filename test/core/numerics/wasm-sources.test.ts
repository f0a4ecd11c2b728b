import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYOUT, LAYOUT_LENGTH, ODE_LAYOUT } from '../../../core/numerics/wasm/layout.js';
// @ts-expect-error plain ESM script without types
import { generatedSources, memoryMap, wasmSources, watTemplates } from '../../../scripts/build-wasm.mjs';
// @ts-expect-error plain ESM module without types
import { elementwise, offsets } from '../../../core/numerics/wasm/template/wat.mjs';

describe('WebAssembly sources', () => {
  it('the committed layout.ts and NAME.wat are what memory-map.json and the templates generate', async () => {
    const sources: [string, string][] = await generatedSources();
    expect(sources.map(([path]) => path.split('/').pop()).sort()).toEqual(['kernels.wat', 'langevin.wat', 'layout.ts', 'ode.wat']);
    for (const [path, text] of sources) expect(readFileSync(path, 'utf8'), path).toBe(text);
  });

  it('every .wat comes from a template with a memory map', () => {
    expect(watTemplates()).toEqual(wasmSources());
    for (const name of wasmSources()) expect(Object.keys(memoryMap())).toContain(name);
  });

  it('the offsets TypeScript uses are the ones in each .wat header', () => {
    const header = (name: string) =>
      Object.fromEntries(
        [...readFileSync(`core/numerics/wasm/${name}.wat`, 'utf8').matchAll(/^ {2};; {3}([A-Z0-9]+) +(\d+) /gm)].map((m) => [m[1]!.toLowerCase(), Number(m[2])]),
      );
    expect(header('kernels')).toEqual(LAYOUT);
    expect(header('ode')).toEqual(ODE_LAYOUT);
    expect(LAYOUT.scratch + 8 * LAYOUT_LENGTH.scratch).toBe(LAYOUT.arena);
  });

  it('a memory map with overlapping or misaligned regions is refused', () => {
    const region = (name: string, offset: number, type?: string, length?: number) => ({ name, offset, type, length, doc: name });
    expect(() => offsets({ regions: [region('a', 0, 'f64', 4), region('b', 24, 'f64', 1)] })).toThrow(/b at 24 overlaps/);
    expect(() => offsets({ regions: [region('a', 0, 'f64', 1), region('b', 8, 'f64x2', 1)] })).toThrow(/b at 8 is not aligned/);
    expect(() => offsets({ regions: [region('a', 0, 'f32', 1)] })).toThrow(/unknown type f32/);
    expect(offsets({ regions: [region('a', 0, 'i32', 3), region('b', 16, 'f64x2', 1), region('c', 64)] })).toEqual({ a: 0, b: 16, c: 64 });
  });

  it('an element-wise kernel computes the same expression on pairs and on the odd last component', () => {
    const text: string = elementwise({
      name: 'axpy',
      params: ['$out i32', '$y i32', '$k i32', '$n i32', '$c f64'],
      coefs: ['c'],
      temps: ['ki'],
      body: (E: any) => [E.set('ki', E.load('k')), E.store('out', E.terms(E.load('y'), [['c', E.get('ki')]]))],
    });
    const loop = /\(loop \$pair\s+([\s\S]*?)\s+\(local\.set \$i /.exec(text)![1]!;
    const odd = /\(then\s+([\s\S]*)\)\)\)\s*$/.exec(text.slice(text.lastIndexOf('(if (i32.and')))![1]!;
    const asOne = (s: string) => s.replace(/\s+/g, ' ').replaceAll('f64x2.', 'f64.').replaceAll('v128.', 'f64.').replace(/x2\b/g, '');
    expect(asOne(loop)).toBe(asOne(odd));
    expect(loop).toContain('f64x2.mul (local.get $cx2)');
    expect(odd).toContain('f64.mul (local.get $c)');
  });
});
