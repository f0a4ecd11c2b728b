/**
 * A task's manifest (shards/task-<i>.json): which of its runs it finished, each with the checksum a
 * bundle would carry (export/run-checksum.ts; read with the bundle's schema, so the digests of
 * images, grids and trained models are kept). Collect checks the shard's runs against it, so a
 * shard changed after its task wrote it (a flipped bit, an edited scalar) is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { checksumSchema } from '../export/bundle.js';
import { fileErrorReason, showPath } from '../file-checks.js';
import { JobFolderError } from './job-folder.js';

export const MANIFEST_FORMAT = 'limitlab-slurm-shard';

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  sweepId: z.string().max(64),
  task: z.number().int().min(0),
  total: z.number().int().min(0),
  checksums: z.record(z.string().regex(/^[0-9a-z-]{8,64}$/), checksumSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** A task's manifest, or null when the task has written none yet. */
export function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new JobFolderError(`the shard manifest ${showPath(path)} is damaged: ${error instanceof SyntaxError ? 'not valid JSON' : fileErrorReason(error)}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new JobFolderError(`the shard manifest ${showPath(path)} is malformed: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
