// Layer rules (DESIGN §1, docs/architecture.md "Layers"), shared by scripts/check-layers.mjs and its
// test. In the style of VS Code's layering rules, every area of the repository lists what it may
// import; anything not listed is refused.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/**
 * @typedef {object} Area
 * @property {string} files    repository-relative folder (or file) the area covers
 * @property {string[] | '*'} imports  areas its files may import by relative path
 * @property {string[] | '*'} packages packages it may import ('@scope/' allows a whole scope)
 * @property {boolean} node     Node built-in modules allowed
 * @property {boolean} electron electron allowed
 * @property {boolean} dom      DOM globals allowed (checked where false)
 */

const pure = { node: false, electron: false, dom: false };

/** @type {Area[]} The areas; a file belongs to the one with the longest matching `files`. */
export const AREAS = [
  { files: 'core', imports: ['core'], packages: ['zod', '@stdlib/', 'ml-matrix'], ...pure },
  { files: 'core/numerics', imports: ['core/numerics'], packages: ['@stdlib/', 'ml-matrix'], ...pure },
  { files: 'core/models', imports: ['core/numerics', 'core/models'], packages: ['zod', '@stdlib/', 'ml-matrix', '@tensorflow/tfjs-core'], ...pure },
  { files: 'view', imports: ['view', 'core'], packages: ['chart.js'], ...pure },
  {
    files: 'renderer',
    imports: ['renderer', 'view', 'core', 'app/api', 'app/api-codec'],
    packages: ['svelte', 'chart.js', 'chartjs-plugin-zoom', 'katex', 'vite', '@sveltejs/vite-plugin-svelte'],
    node: false, electron: false, dom: true,
  },
  { files: 'app', imports: ['app', 'core', 'view'], packages: '*', node: true, electron: false, dom: true },
  { files: 'app/electron', imports: ['app', 'core', 'view'], packages: '*', node: true, electron: true, dom: true },
  { files: 'test', imports: '*', packages: '*', node: true, electron: false, dom: true },
  { files: 'test/electron', imports: '*', packages: '*', node: true, electron: true, dom: true },
  { files: 'scripts', imports: '*', packages: '*', node: true, electron: true, dom: true },
];

/**
 * Folders under core/models/ that every kind may import (the kit and the simulators kinds share).
 * Every other folder there is a kind: only its own files, the registry and the public entry import it.
 */
export const SHARED_MODEL_FOLDERS = ['kit', 'simulators'];
const KIND_IMPORTERS = ['core/models/registry.ts', 'core/models/index.ts'];

/** DOM globals a pure area must not use (it runs in Node, in pool workers and in the page). */
export const DOM_GLOBALS = new Set([
  'window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage',
  'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle', 'matchMedia', 'customElements',
  'alert', 'confirm', 'prompt', 'DOMParser', 'MutationObserver', 'ResizeObserver', 'IntersectionObserver',
  'Element', 'HTMLElement', 'SVGElement', 'CanvasRenderingContext2D', 'Document', 'Window',
]);
const isDomName = (name) => DOM_GLOBALS.has(name) || /^HTML\w*Element$/.test(name);

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Module specifiers imported by a source text (static, dynamic, side-effect, re-export, require),
 * found by TypeScript's scanner, so text in strings and comments is no import. For a Svelte
 * component (`svelte: true`), those of its <script> blocks.
 */
export function importsOf(text, { svelte = false } = {}) {
  const sources = svelte ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]) : [text];
  return sources.flatMap((source) => ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName));
}

const within = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/** The area a repository-relative path belongs to, or undefined outside every area. */
export function areaOf(rel) {
  let best;
  for (const area of AREAS) if (within(rel, area.files) && (!best || area.files.length > best.files.length)) best = area;
  return best;
}

/** The kind folder (e.g. "sgd-glm") a path lies in, or null outside every kind. */
export function kindOf(rel) {
  const m = /^core\/models\/([^/]+)\//.exec(rel);
  return m && !SHARED_MODEL_FOLDERS.includes(m[1]) ? m[1] : null;
}

/** The repository-relative module a relative specifier names, without its extension. */
function target(rel, specifier) {
  return posix.join(posix.dirname(rel), specifier).replace(/\.(js|ts|mjs|cjs|svelte)$/, '');
}

function packageAllowed(area, specifier) {
  if (area.packages === '*') return true;
  return area.packages.some((p) => (p.endsWith('/') ? specifier.startsWith(p) : specifier === p || specifier.startsWith(`${p}/`)));
}

/** Problems with `rel` (a repository-relative path with '/') importing `specifier`. */
export function violations(rel, specifier) {
  const area = areaOf(rel);
  if (!area) return [];
  const isNode = builtins.has(specifier) || specifier.startsWith('node:');
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  if (isElectron) return area.electron ? [] : [`${rel} imports electron; only app/electron/ may`];
  if (isNode) return area.node ? [] : [`${rel} imports the Node module "${specifier}"; ${area.files}/ runs in browsers and workers`];
  if (!specifier.startsWith('.')) {
    return packageAllowed(area, specifier) ? [] : [`${rel} imports the package "${specifier}"; ${area.files}/ may use ${area.packages.join(', ')}`];
  }
  const to = target(rel, specifier);
  if (area.imports !== '*' && !area.imports.some((allowed) => within(to, allowed))) {
    return [`${rel} imports "${specifier}" (${to}); ${area.files}/ may import only ${area.imports.join(', ')}`];
  }
  const kind = kindOf(to);
  if (kind && within(rel, 'core/models') && kindOf(rel) !== kind && !KIND_IMPORTERS.includes(rel)) {
    return [`${rel} imports "${specifier}" from the kind ${kind}; a kind's folder is imported only by itself and the registry`];
  }
  return [];
}

/** Declarations and property names whose identifier is not a use of a global. */
function namesNotAUse(node) {
  const p = node.parent;
  if (!p) return false;
  if (ts.isQualifiedName(p) && p.right === node) return true;
  // globalThis.document is a use
  if (ts.isPropertyAccessExpression(p) && p.name === node) return !(ts.isIdentifier(p.expression) && ['globalThis', 'self'].includes(p.expression.text));
  // a.window, { window: … }, const window = …, function document() …
  if ('name' in p && p.name === node && !ts.isShorthandPropertyAssignment(p)) return true;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === node) return true;
  return false;
}

/** Problems with the DOM globals `rel` uses (TypeScript sources of areas without the DOM). */
export function globalViolations(rel, text) {
  const area = areaOf(rel);
  if (!area || area.dom || !/\.(ts|mts|cts)$/.test(rel)) return [];
  const source = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = new Set();
  const visit = (node) => {
    if (ts.isIdentifier(node) && isDomName(node.text) && !namesNotAUse(node)) found.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const refs = source.libReferenceDirectives.filter((r) => /^dom/i.test(r.fileName)).map((r) => `lib "${r.fileName}"`);
  return [...found, ...refs].map((g) => `${rel} uses the DOM global ${g}; ${area.files}/ runs in Node and workers as well`);
}
