// Node module hook for scripts that load TypeScript sources with tsx: tfjs-core's ES modules
// import relative paths without an extension (`./gradients`, beside a folder of that name), which
// bundlers and vitest resolve to `gradients.js` but Node refuses. This hook resolves them the same way.
//   node --import tsx --import ./scripts/directory-imports.mjs FILE.ts
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!relative || !['ERR_UNSUPPORTED_DIR_IMPORT', 'ERR_MODULE_NOT_FOUND'].includes(error?.code)) throw error;
    try {
      return await next(specifier + '.js', context);
    } catch {
      return next(specifier.replace(/\\/?$/, '/index.js'), context);
    }
  }
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
