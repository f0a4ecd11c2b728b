/**
 * The browser host: serves the built renderer and the typed API on 127.0.0.1 only.
 *   POST /api/call/<channel>   body { args: [...] } → { ok, result } | { ok: false, error }
 *   WS   /api/events           { event, payload } pushed for every engine event
 * Typed arrays travel through app/api-codec. Requests without the session token are refused.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, CHANNELS, EVENTS, type Channel } from '../api.js';
import { decodeApiJson, encodeApiJson } from '../api-codec.js';
import type { EngineHandle } from '../engine/engine-handle.js';
import { isAllowedHost, isAllowedOrigin, isAuthorized, newToken, TOKEN_COOKIE } from './auth.js';

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

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'renderer'), join(here, '..', '..', 'dist', 'renderer')];
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? candidates[0]!;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? newToken();
  const rendererDir = resolve(options.rendererDir ?? defaultRendererDir());
  let port = options.port ?? 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, 'text/plain', `internal error: ${String(error)}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isAllowedHost(req.headers.host, port)) return send(res, 403, 'text/plain', 'forbidden host\n');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!isAuthorized(req, url, token)) {
      return send(res, 401, 'text/plain', 'Limitlab: this address needs the token printed by "limitlab serve"\n');
    }
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only\n');
      if (!isAllowedOrigin(req.headers.origin, port)) return send(res, 403, 'text/plain', 'forbidden origin\n');
      return apiCall(req, res, decodeURIComponent(url.pathname.slice('/api/call/'.length)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (url.searchParams.has('token')) {
      // First load from the printed URL: remember the token in a cookie for assets and reloads.
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
    }
    return serveStatic(url.pathname, res);
  }

  async function apiCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (!(CHANNELS as string[]).includes(channel)) {
      return sendJson(res, 404, { ok: false, error: { code: 'bad_request', message: `unknown channel ${channel}` } });
    }
    let body: { args?: unknown };
    try {
      body = decodeApiJson<{ args?: unknown }>(await readBody(req));
    } catch (error) {
      return sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: `malformed request: ${(error as Error).message}` } });
    }
    const args = Array.isArray(body?.args) ? body.args : [];
    try {
      const result = await (options.engine.call as (c: Channel, ...a: unknown[]) => Promise<unknown>)(channel as Channel, ...args);
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (error) {
      const shape = error instanceof ApiError ? error.toJSON() : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
      sendJson(res, 200, { ok: false, error: shape });
    }
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
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
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/api/events' || !isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port) || !isAuthorized(req, url, token)) {
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

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', encodeApiJson(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
