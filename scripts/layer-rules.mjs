// Layer rules (DESIGN §1), shared by scripts/check-layers.mjs and its test.
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])import\s+['"]([^'"]+)['"]/gm;

/** Module specifiers imported by a source text. */
export function importsOf(text) {
  const out = [];
  for (const m of text.matchAll(IMPORT)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

/** Problems with `rel` (a repository-relative path with '/') importing `specifier`. */
export function violations(rel, specifier) {
  const isNode = builtins.has(specifier) || specifier.startsWith('node:');
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  const problems = [];
  if (rel.startsWith('core/') || rel.startsWith('view/') || rel.startsWith('renderer/')) {
    if (isNode) problems.push(`${rel} imports the Node module "${specifier}"`);
    if (isElectron) problems.push(`${rel} imports electron`);
  }
  if (rel.startsWith('core/') && specifier.startsWith('.') && /(^|\/)(app|renderer)\//.test(specifier)) {
    problems.push(`${rel} imports "${specifier}" from outside core/`);
  }
  if (rel.startsWith('renderer/') && specifier.startsWith('.') && /(^|\/)app\//.test(specifier) && !/(^|\/)app\/(api|api-codec)(\.js)?$/.test(specifier)) {
    problems.push(`${rel} imports "${specifier}"; the renderer may only use app/api and app/api-codec`);
  }
  if (isElectron && !rel.startsWith('app/electron/') && !rel.startsWith('test/electron/') && !rel.startsWith('scripts/')) {
    problems.push(`${rel} imports electron outside app/electron/`);
  }
  return problems;
}
