import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST_ROOT = join(import.meta.dirname, '..');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|mjs|cjs|js)$/.test(entry.name)) yield path;
  }
}

/** A skip, skipIf, runIf or todo on describe, it, test or suite. */
const SKIP = new RegExp(String.raw`\b(describe|it|test|suite)\s*\.\s*(skip|skipIf|runIf|todo)\b`);

describe('the test suite', () => {
  it('skips nothing: a missing prerequisite fails with its reason instead', () => {
    const found: string[] = [];
    for (const file of sources(TEST_ROOT)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (SKIP.test(line)) found.push(`${relative(TEST_ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
