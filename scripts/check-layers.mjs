#!/usr/bin/env node
// Layer rule (DESIGN §1): core/ and renderer/ import neither 'electron' nor Node built-ins;
// only app/electron/ imports 'electron'; core/ imports nothing from app/ or renderer/;
// renderer/ imports from app/ only the contract (api.ts, api-codec.ts) and types.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])import\s+['"]([^'"]+)['"]/gm;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|svelte|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

export function importsOf(text) {
  const out = [];
  for (const m of text.matchAll(IMPORT)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

export function violations(file, specifier) {
  const rel = relative(root, file).split(sep).join('/');
  const isNode = builtins.has(specifier) || specifier.startsWith('node:');
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  const problems = [];
  if (rel.startsWith('core/') || rel.startsWith('renderer/')) {
    if (isNode) problems.push(`${rel} imports the Node module "${specifier}"`);
    if (isElectron) problems.push(`${rel} imports electron`);
  }
  if (rel.startsWith('core/') && /(^|\/)(app|renderer)\//.test(specifier) && specifier.startsWith('.')) problems.push(`${rel} imports "${specifier}" outside core/`);
  if (rel.startsWith('renderer/') && specifier.startsWith('.') && /\/app\//.test(specifier) && !/\/app\/(api|api-codec)(\.js)?$/.test(specifier)) {
    problems.push(`${rel} imports "${specifier}"; the renderer may only use app/api and app/api-codec`);
  }
  if (!rel.startsWith('app/electron/') && !rel.startsWith('test/electron/') && !rel.startsWith('scripts/') && isElectron) problems.push(`${rel} imports electron outside app/electron/`);
  return problems;
}

const problems = [];
for (const dir of ['core', 'renderer', 'app']) {
  let list = [];
  try {
    list = [...files(join(root, dir))];
  } catch {
    continue;
  }
  for (const file of list) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) problems.push(...violations(file, spec));
  }
}
if (problems.length) {
  for (const p of problems) console.error(`layer rule: ${p}`);
  process.exit(1);
}
