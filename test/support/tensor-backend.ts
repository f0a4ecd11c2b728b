/**
 * Tests of the MPPM networks select the tensor backend the way the pool worker does
 * (app/engine/tensor-backend.ts) before any network runs.
 */
import { beforeAll } from 'vitest';
import { initTensorBackend } from '../../app/engine/tensor-backend.js';

/** Registers a beforeAll that selects the backend (once per test process). */
export function useTensorBackend(): void {
  beforeAll(async () => {
    await initTensorBackend();
  });
}
