/** Input provenance: the content hash is recorded and a changed file is detected. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputChanged, readInput } from '../../app/engine/inputs/index.js';

describe('readInput provenance', () => {
  it('records kind, path, SHA-256 and row count of a CSV, and detects a changed file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'prov-')), 'data.csv');
    writeFileSync(file, 'x,y\n1,2\n3,4\n');
    const first = await readInput(file);
    expect(first.provenance).toEqual({
      kind: 'csv', path: file, count: 2,
      sha256: createHash('sha256').update('x,y\n1,2\n3,4\n').digest('hex'),
    });
    expect(inputChanged(first.provenance, (await readInput(file)).provenance)).toBeNull();
    writeFileSync(file, 'x,y\n1,2\n3,5\n');
    expect(inputChanged(first.provenance, (await readInput(file)).provenance)).toMatch(/^data\.csv changed since the run that used it/);
  });

  it('refuses a missing path naming it', async () => {
    await expect(readInput('/nonexistent/none.csv')).rejects.toThrow('none.csv: no such file or folder');
  });

  it('refuses a single image file, asking for its folder', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'prov-')), 'digit.png');
    writeFileSync(file, 'not read');
    await expect(readInput(file)).rejects.toThrow('digit.png: an image file; give the folder that holds the images');
  });
});
