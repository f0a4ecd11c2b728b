#!/usr/bin/env node
// Fails when a file breaks the layer rules of scripts/layer-rules.mjs.
//   node scripts/check-layers.mjs [ROOT]   checks the repository (or the tree at ROOT)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREAS, globalViolations, importsOf, violations } from './layer-rules.mjs';

const root = process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), '..');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|svelte|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const problems = [];
for (const dir of new Set(AREAS.map((a) => a.files.split('/')[0]))) {
  let list = [];
  try {
    list = [...files(join(root, dir))];
  } catch {
    continue;
  }
  for (const file of list) {
    const rel = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    for (const spec of importsOf(text, { svelte: rel.endsWith('.svelte') })) problems.push(...violations(rel, spec));
    problems.push(...globalViolations(rel, text));
  }
}
for (const p of problems) console.error(`layer rule: ${p}`);
process.exit(problems.length ? 1 : 0);
