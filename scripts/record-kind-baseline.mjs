#!/usr/bin/env node
/**
 * Records test/fixtures/kind-baseline.json: the fingerprints (SHA-256 per series, of the scalars,
 * notes, parameters, solver settings, warnings and sweep boundaries) of every case in
 * test/core/models/baseline/cases.ts, computed by the code of a given commit. The commit is checked
 * out into a temporary `git worktree`, so the numbers come from that commit's kinds, not from the
 * working tree; test/core/models/kind-baseline.test.ts recomputes them with the current code.
 *
 *   node scripts/record-kind-baseline.mjs [--commit REV] [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

const commit = git('rev-parse', '--verify', `${arg('--commit', 'HEAD')}^{commit}`);
const out = resolve(repo, arg('--out', 'test/fixtures/kind-baseline.json'));
const tree = join(mkdtempSync(join(tmpdir(), 'limitlab-baseline-')), 'tree');
git('worktree', 'add', '--detach', tree, commit);
try {
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'), 'dir');
  const json = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      pathToFileURL(join(repo, 'scripts/directory-imports.mjs')).href,
      join(repo, 'test/core/models/baseline/record.ts'),
      '--root',
      tree,
    ],
    { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const { cases } = JSON.parse(json);
  const fixture = {
    about: 'Fingerprints of the model kinds at a fixed seed; recorded by scripts/record-kind-baseline.mjs, checked by test/core/models/kind-baseline.test.ts',
    commit,
    cases,
  };
  writeFileSync(out, JSON.stringify(fixture, null, 1) + '\n');
  console.log(`recorded ${Object.keys(cases).length} cases from ${commit.slice(0, 12)} into ${out}`);
} finally {
  git('worktree', 'remove', '--force', tree);
  rmSync(dirname(tree), { recursive: true, force: true });
}
