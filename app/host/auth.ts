/**
 * The browser host's access rule: every request carries the session token (header, cookie, or
 * `?token=` on the first page load), and only loopback Host names are answered (DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'limitlab_token';
export const TOKEN_HEADER = 'x-limitlab-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookie(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A cookie value with its percent-escapes decoded; a malformed escape presents no token. */
function decodeCookie(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The token a request presents, from the header, the cookie or the query string. */
export function presentedTokens(req: IncomingMessage, url: URL): (string | undefined)[] {
  const header = req.headers[TOKEN_HEADER];
  return [
    Array.isArray(header) ? header[0] : header,
    cookieValue(req.headers.cookie, TOKEN_COOKIE),
    url.searchParams.get('token') ?? undefined,
  ];
}

export function isAuthorized(req: IncomingMessage, url: URL, token: string): boolean {
  return presentedTokens(req, url).some((t) => sameToken(t, token));
}

/** Only loopback host names on our port: refuses DNS-rebinding requests. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader.toLowerCase());
}

/** Cross-origin requests from other pages are refused even with a cookie. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (!origin) return true;
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin.toLowerCase());
}
