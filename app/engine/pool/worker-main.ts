/**
 * The entry of dist/worker.cjs: the tensor backend of the trained image models is selected once
 * per worker (asynchronously, see ../tensor-backend.ts), then every part runs synchronously as in
 * ./worker.ts.
 */
import { registry } from '../../../core/models/registry.js';
import type { RunResult } from '../../../core/models/model-kind.js';
import { initTensorBackend } from '../tensor-backend.js';
import type { JobRequest } from './job.js';
import { jobRunner } from './worker.js';

const run = jobRunner(registry);

export default async function task(job: JobRequest): Promise<RunResult> {
  await initTensorBackend();
  return run(job);
}
