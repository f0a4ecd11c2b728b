/**
 * The browser host: serves the built renderer and the typed API on 127.0.0.1 only.
 *   POST /api/call/<channel>   body { args: [...] } → { ok, result } | { ok: false, error }
 *   WS   /api/events           { event, payload } pushed for every engine event
 * Typed arrays travel through app/api-codec. Requests without the session token are refused.
 *
 * A malformed request gets a 4xx answer and the connection stays usable: 400 for a malformed
 * target, escape, body or argument (and for object keys that name prototype machinery), 404 for an
 * unknown route or channel, 405 for a wrong method, 413 for a body over its channel's cap
 * (body-limits.ts: 8 MiB, a bundle import up to 512 MiB; read and thrown away up to 64 MiB, so the
 * client sees the answer instead of a reset), 415 for a body that is not JSON. An error envelope
 * carries the status of its code (400, 404, or 500 for an engine fault).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, CHANNELS, EVENTS, type ApiErrorCode, type ApiErrorShape, type Channel } from '../api.js';
import { decodeApiJson, encodeApiJson } from '../api-codec.js';
import type { EngineHandle } from '../engine/engine-handle.js';
import { findReservedKey } from '../../core/models/param-paths.js';
import { isAllowedHost, isAllowedOrigin, isAuthorized, newToken, TOKEN_COOKIE } from './auth.js';
import { bodyLimitOf, DEFAULT_BODY_BYTES, describeBytes } from './body-limits.js';

export interface HostOptions {
  engine: EngineHandle;
  port?: number;
  token?: string;
  rendererDir?: string;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** How much of an oversized body is read and dropped so that the 413 reaches the client; past it (or its cap, when larger) the connection is cut. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/** No argument of any channel nests deeper than this; deeper input is refused before it reaches the engine. */
const MAX_ARG_DEPTH = 32;

/** The HTTP status of an error envelope. */
const ERROR_STATUS: Record<ApiErrorCode, number> = { bad_request: 400, invalid_params: 400, unknown_kind: 400, not_found: 404, too_costly: 422, internal: 500 };

export function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'renderer'), join(here, '..', '..', 'dist', 'renderer')];
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? candidates[0]!;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? newToken();
  const rendererDir = resolve(options.rendererDir ?? defaultRendererDir());
  let port = options.port ?? 0;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error) => send(res, 500, 'text/plain', `internal error: ${String(error)}`));
  };
  const server = createServer(onRequest);
  // `Expect: 100-continue` with a body over the limit: refuse before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const limit = bodyLimitOfRequest(req);
    if (declaredLength(req) > limit) return refuseTooLarge(req, res, false, limit);
    res.writeContinue();
    onRequest(req, res);
  });

  // CONNECT (a proxy tunnel) is nothing this host offers.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });

  /**
   * The body cap of a request: its channel's when it is an authorized API call, else the default
   * (so only a holder of the token can have a large body read).
   */
  function bodyLimitOfRequest(req: IncomingMessage): number {
    const url = requestUrl(req, port);
    if (!url || !url.pathname.startsWith('/api/call/') || !isAllowedHost(req.headers.host, port) || !isAuthorized(req, url, token)) {
      return DEFAULT_BODY_BYTES;
    }
    return bodyLimitOf(decodeSegment(url.pathname.slice('/api/call/'.length)));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isAllowedHost(req.headers.host, port)) return send(res, 403, 'text/plain', 'forbidden host\n');
    const url = requestUrl(req, port);
    if (!url) return send(res, 400, 'text/plain', 'malformed request target\n');
    if (!isAuthorized(req, url, token)) {
      return send(res, 401, 'text/plain', 'Limitlab: this address needs the token printed by "limitlab serve"\n');
    }
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only\n', { Allow: 'POST' });
      if (!isAllowedOrigin(req.headers.origin, port)) return send(res, 403, 'text/plain', 'forbidden origin\n');
      const channel = decodeSegment(url.pathname.slice('/api/call/'.length));
      if (channel === null) return refuse(res, 400, 'bad_request', 'the channel name has a malformed percent-escape');
      return apiCall(req, res, channel);
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return refuse(res, 404, 'bad_request', 'no such API route; calls are POST /api/call/<channel>');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n', { Allow: 'GET, HEAD' });
    if (url.searchParams.has('token')) {
      // First load from the printed URL: remember the token in a cookie for assets and reloads.
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
    }
    return serveStatic(url.pathname, res);
  }

  async function apiCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (!(CHANNELS as string[]).includes(channel)) {
      return refuse(res, 404, 'bad_request', `unknown channel ${clipText(channel)}`);
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return refuse(res, 415, 'bad_request', 'the request body must be JSON (Content-Type: application/json)');
    }
    const limit = bodyLimitOf(channel);
    const body = await readBody(req, limit);
    if (body.kind === 'gone') return;
    if (body.kind === 'too-large') return refuseTooLarge(req, res, body.complete, limit);
    let args: unknown[];
    try {
      const decoded = decodeApiJson<unknown>(body.text);
      const given = decoded && typeof decoded === 'object' && !Array.isArray(decoded) ? (decoded as { args?: unknown }).args : undefined;
      if (!Array.isArray(given)) return refuse(res, 400, 'bad_request', 'malformed request: the body must be {"args": [...]}');
      args = given;
    } catch (error) {
      return refuse(res, 400, 'bad_request', `malformed request: ${clipText((error as Error).message)}`);
    }
    if (nestedDeeperThan(args, MAX_ARG_DEPTH)) {
      return refuse(res, 400, 'bad_request', `malformed request: the arguments nest deeper than ${MAX_ARG_DEPTH} levels`);
    }
    const reserved = findReservedKey(args);
    if (reserved !== null) {
      return refuse(res, 400, 'bad_request', `malformed request: the key "${clipText(reserved)}" uses a reserved name (__proto__, constructor, prototype)`);
    }
    try {
      const result = await (options.engine.call as (c: Channel, ...a: unknown[]) => Promise<unknown>)(channel as Channel, ...args);
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (error) {
      const shape: ApiErrorShape = error instanceof ApiError ? error.toJSON() : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
      sendJson(res, ERROR_STATUS[shape.code] ?? 500, { ok: false, error: shape });
    }
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const decoded = pathname === '/' ? 'index.html' : decodeSegment(pathname);
    if (decoded === null) return send(res, 400, 'text/plain', 'malformed percent-escape in the path\n');
    const relative = decoded.replace(/^\/+/, '');
    const file = normalize(join(rendererDir, relative));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 403, 'text/plain', 'forbidden\n');
    let target = file;
    if (!existsSync(target) || statSync(target).isDirectory()) {
      if (extname(relative)) return send(res, 404, 'text/plain', 'not found\n');
      target = join(rendererDir, 'index.html'); // client-side routes
    }
    if (!existsSync(target)) return send(res, 500, 'text/plain', 'the renderer is not built; run "npm run build"\n');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-cache');
    send(res, 200, MIME[extname(target)] ?? 'application/octet-stream', readFileSync(target));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req, port);
    if (!url || url.pathname !== '/api/events' || !isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port) || !isAuthorized(req, url, token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
    });
  });
  const unsubscribe = EVENTS.map((event) =>
    options.engine.on(event, (payload) => {
      const text = encodeApiJson({ event, payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;

  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    async close() {
      unsubscribe.forEach((off) => off());
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', encodeApiJson(value));
}

/** An error envelope with its HTTP status. */
function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/**
 * 413 for a body over `limit`. When the body was read to its end the connection stays open;
 * otherwise it is closed once the answer is out.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, complete: boolean, limit: number): void {
  if (!complete) {
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.socket.destroySoon());
  }
  refuse(res, 413, 'bad_request', `the request body is larger than ${describeBytes(limit)}`);
}

/** The request's URL, or null when its target cannot be parsed. */
function requestUrl(req: IncomingMessage, port: number): URL | null {
  try {
    return new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** decodeURIComponent, or null for a malformed percent-escape. */
function decodeSegment(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && /^application\/json\s*(;|$)/i.test(header.trim());
}

function declaredLength(req: IncomingMessage): number {
  const value = Number(req.headers['content-length']);
  return Number.isFinite(value) ? value : 0;
}

/** Text from a request, cut for an error message. */
function clipText(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** True when `value` has arrays or objects nested more than `limit` levels deep (looks no deeper than that). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  if (limit === 0) return true;
  return Object.values(value).some((v) => nestedDeeperThan(v, limit - 1));
}

type Body = { kind: 'text'; text: string } | { kind: 'too-large'; complete: boolean } | { kind: 'gone' };

/**
 * The request body as text, up to `limit` bytes (nothing past it is kept). A larger body is read
 * on and dropped up to MAX_DISCARD_BYTES so the client gets its 413; a declared length or a body
 * past both is refused at once. 'gone' when the client went away mid-body.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const discard = Math.max(limit, MAX_DISCARD_BYTES);
  return new Promise((resolveBody) => {
    if (declaredLength(req) > discard) return resolveBody({ kind: 'too-large', complete: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body) => {
      if (settled) return;
      settled = true;
      resolveBody(body);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      if (size > discard) {
        req.pause();
        settle({ kind: 'too-large', complete: false });
      }
    });
    req.on('end', () => settle(size > limit ? { kind: 'too-large', complete: true } : { kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => settle({ kind: 'gone' }));
    req.on('aborted', () => settle({ kind: 'gone' }));
  });
}
