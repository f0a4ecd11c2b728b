import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiError, type ApiEvents, type EventName } from '../../app/api.js';
import { decodeApiJson, encodeApiJson } from '../../app/api-codec.js';
import type { EngineHandle } from '../../app/engine/engine-handle.js';
import { startHost, type Host } from '../../app/host/server.js';

/** A stand-in engine: echoes calls and lets the test push events. */
function fakeEngine() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: { channel: string; args: unknown[] }[] = [];
  const engine: EngineHandle = {
    call: (async (channel: string, ...args: unknown[]) => {
      calls.push({ channel, args });
      if (channel === 'runs:get') throw new ApiError('not_found', 'no run with id x');
      if (channel === 'kinds:list') return [{ id: 'k', curve: new Float64Array([1, 2.5, NaN]) }];
      return null;
    }) as EngineHandle['call'],
    on: ((event: EventName, cb: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(cb);
      return () => listeners.get(event)!.delete(cb);
    }) as EngineHandle['on'],
    close: async () => {},
  };
  const emit = <E extends EventName>(event: E, payload: ApiEvents[E]) => listeners.get(event)?.forEach((cb) => cb(payload));
  return { engine, calls, emit };
}

let host: Host;
let fake: ReturnType<typeof fakeEngine>;
let base: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limitlab-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Limitlab</title>');
  fake = fakeEngine();
  host = await startHost({ engine: fake.engine, port: 0, rendererDir: dir });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => host?.close());

const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/call/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: encodeApiJson(body) });

describe('browser host', () => {
  it('binds to 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(host.token.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses the page and the API without the token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await post('kinds:list', { args: [] })).status).toBe(401);
    expect((await post('kinds:list', { args: [] }, { 'x-limitlab-token': 'wrong' })).status).toBe(401);
  });

  it('serves the page with the token and sets an HttpOnly SameSite cookie and a CSP', async () => {
    const res = await fetch(`${base}/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/`, { headers: { cookie } })).status).toBe(200);
  });

  it('answers calls with typed arrays intact and errors as envelopes', async () => {
    const ok = decodeApiJson<{ ok: boolean; result: { curve: Float64Array }[] }>(
      await (await post('kinds:list', { args: [] }, { 'x-limitlab-token': host.token })).text(),
    );
    expect(ok.ok).toBe(true);
    expect(ok.result[0]!.curve).toBeInstanceOf(Float64Array);
    expect(Array.from(ok.result[0]!.curve).slice(0, 2)).toEqual([1, 2.5]);
    expect(Number.isNaN(ok.result[0]!.curve[2])).toBe(true);
    const err = decodeApiJson<{ ok: boolean; error: { code: string } }>(
      await (await post('runs:get', { args: ['abcdefgh'] }, { 'x-limitlab-token': host.token })).text(),
    );
    expect(err).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses unknown channels, foreign origins and foreign Host headers', async () => {
    const auth = { 'x-limitlab-token': host.token };
    expect((await post('fs:readFile', { args: [] }, auth)).status).toBe(404);
    expect((await post('kinds:list', { args: [] }, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    const res = await new Promise<number>((resolve) => {
      // fetch() forbids overriding Host, so use a raw request.
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: `evil.example:${host.port}`, 'x-limitlab-token': host.token } }, (r) => resolve(r.statusCode ?? 0));
        req.end();
      });
    });
    expect(res).toBe(403);
  });

  it('pushes engine events over the WebSocket only to token holders', async () => {
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`);
      ws.on('error', () => resolve('refused'));
      ws.on('open', () => resolve('open'));
    });
    expect(refused).toBe('refused');
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<unknown>((resolve) => ws.on('message', (data) => resolve(decodeApiJson(String(data)))));
    fake.emit('run:progress', { id: 'abc', fraction: 0.5 });
    expect(await got).toEqual({ event: 'run:progress', payload: { id: 'abc', fraction: 0.5 } });
    ws.close();
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${base}/..%2f..%2fetc%2fpasswd`, { headers: { 'x-limitlab-token': host.token } });
    expect([403, 404]).toContain(res.status);
  });
});
