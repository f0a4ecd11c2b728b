// The tensor backend of the MPPM networks (app/engine/tensor-backend.ts): the WebAssembly backend
// is found from the installed package under vitest, selected once, and its .wasm folders are listed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initTensorBackend, tensorBackend, wasmFolders } from '../../app/engine/tensor-backend.js';
import { tf } from '../../core/models/mppm/learned/tf.js';

describe('tensor backend', () => {
  it('selects the WebAssembly backend once and reports it', async () => {
    const a = initTensorBackend();
    const b = initTensorBackend();
    expect(b).toBe(a);
    const info = await a;
    expect(info).toEqual({ backend: 'wasm', version: tf.version_core });
    expect(tensorBackend()).toEqual(info);
    expect(tf.getBackend()).toBe('wasm');
    expect(wasmFolders().some((f) => existsSync(join(f, 'tfjs-backend-wasm-simd.wasm')))).toBe(true);
    // A 2×2 product on the selected backend, against the hand result.
    const p = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).dataSync();
    expect(Array.from(p)).toEqual([19, 22, 43, 50]);
  });
});
