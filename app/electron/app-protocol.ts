/**
 * The `app://limitlab/` scheme that serves the built renderer (instead of `file://`): maps a
 * request URL to a file under the renderer root, refusing anything that would leave it, and
 * answers with a strict Content-Security-Policy. Electron-free: `protocol.handle` receives the
 * handler built here; files are read through an injected `readFile`.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'limitlab';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged` (must run before `app` is ready): a
 * standard, secure origin, so the page gets `app://limitlab` as its origin, fetch works and the
 * `<script type="module" crossorigin>` tags Vite emits load as same-origin CORS requests.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

/**
 * No remote content, no inline or eval'd script, no plugins, no framing. Inline styles stay
 * allowed: Svelte and chart.js set style attributes at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedAppPath = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Map `app://limitlab/<path>` to a file under `root`. `/` and directory URLs map to `index.html`.
 * Refused: other schemes or hosts (404), undecodable escapes, NUL bytes and backslashes (400),
 * `..` segments — also when percent-encoded — and anything resolving outside `root` (403).
 */
export function resolveAppPath(root: string, requestUrl: string): ResolvedAppPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'not an app URL' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-escape' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400, reason: 'forbidden character in path' };

  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'path traversal' };
  if (decoded.endsWith('/') || segments.length === 0) segments.push('index.html');

  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const relative = path.relative(base, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'outside the renderer root' };
  }
  return { ok: true, path: target };
}

export interface AppProtocolOptions {
  /** Directory holding the built renderer (dist/renderer). */
  root: string;
  readFile: (filePath: string) => Promise<Uint8Array>;
  log?: (message: string) => void;
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Build the handler for `protocol.handle('app', handler)`. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const log = options.log ?? (() => {});
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const resolved = resolveAppPath(options.root, request.url);
    if (!resolved.ok) {
      if (resolved.status === 403) log(`refused ${request.url}: ${resolved.reason}`);
      return textResponse(resolved.status, resolved.reason);
    }
    let body: Uint8Array;
    try {
      body = await options.readFile(resolved.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return textResponse(404, 'not found');
      log(`could not read ${resolved.path}: ${(error as Error)?.message ?? String(error)}`);
      return textResponse(500, 'could not read file');
    }
    const headers = securityHeaders(mimeTypeOf(resolved.path));
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
