import { describe, expect, it } from 'vitest';
import { ApiError, type RunSummary } from '../../app/api.js';
import { decodeApiJson, encodeApiJson } from '../../app/api-codec.js';
import {
  backoffDelay,
  createHostClient,
  eventsUrl,
  takeToken,
  TOKEN_HEADER,
  TOKEN_STORAGE_KEY,
  type SocketLike,
} from '../../renderer/src/api/host-client.js';
import { createElectronClient } from '../../renderer/src/api/electron-client.js';
import { connectionLabel, parseHostAddress } from '../../renderer/src/lib/host-address.js';
import type { BridgeEnvelope } from '../../renderer/src/api/bridge.js';

function fakeEnv(href: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const env = {
    location: { href },
    history: {
      state: null,
      urls: [] as string[],
      replaceState(_d: unknown, _u: string, url?: string | URL | null) {
        this.urls.push(String(url));
        env.location.href = new URL(String(url), href).toString();
      },
    },
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
  };
  return { env, storage };
}

describe('session token hand-over', () => {
  it('takes the token from the query, remembers it and removes it from the URL', () => {
    const { env, storage } = fakeEnv('http://127.0.0.1:4170/?token=abc&x=1#/runs/r1');
    expect(takeToken(env)).toBe('abc');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(env.history.urls).toEqual(['/?x=1#/runs/r1']);
  });
  it('falls back to the remembered token after a reload without the query', () => {
    const { env } = fakeEnv('http://127.0.0.1:4170/', 'abc');
    expect(takeToken(env)).toBe('abc');
    expect(env.history.urls).toEqual([]);
  });
  it('has no token when neither exists', () => {
    expect(takeToken(fakeEnv('http://127.0.0.1:4170/').env)).toBeNull();
  });
});

describe('browser-host client calls', () => {
  function client(respond: (url: string, init: RequestInit) => { status?: number; body: string }) {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      const r = respond(url, init);
      return new Response(r.body, { status: r.status ?? 200 });
    }) as unknown as typeof globalThis.fetch;
    return { api: createHostClient({ origin: 'http://127.0.0.1:4170', token: 'tok', fetch, createSocket: () => { throw new Error('no sockets here'); } }), seen };
  }

  it('POSTs the arguments with the codec and the token header, and decodes typed arrays', async () => {
    const { api, seen } = client(() => ({ body: encodeApiJson({ ok: true, result: { x: new Float64Array([1, 2.5]) } }) }));
    const result = (await api.call('runs:get', 'run-00000001')) as unknown as { x: Float64Array };
    expect(result.x).toBeInstanceOf(Float64Array);
    expect([...result.x]).toEqual([1, 2.5]);
    expect(seen[0].url).toBe('http://127.0.0.1:4170/api/call/runs%3Aget');
    expect(seen[0].init.method).toBe('POST');
    expect((seen[0].init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('tok');
    expect((seen[0].init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(decodeApiJson(String(seen[0].init.body))).toEqual({ args: ['run-00000001'] });
  });

  it('leaves out trailing undefined arguments (omitted options), which JSON would send as null', async () => {
    const { api, seen } = client(() => ({ body: encodeApiJson({ ok: true, result: null }) }));
    await api.call('runs:rerun', 'run-00000001', undefined);
    expect(decodeApiJson(String(seen[0].init.body))).toEqual({ args: ['run-00000001'] });
    await api.call('runs:rerun', 'run-00000001', { force: true });
    expect(decodeApiJson(String(seen[1].init.body))).toEqual({ args: ['run-00000001', { force: true }] });
  });

  it('rejects with an ApiError carrying code, message and parameter issues', async () => {
    const issues = [{ path: 'd', message: 'too small' }];
    const { api } = client(() => ({ status: 200, body: encodeApiJson({ ok: false, error: { code: 'invalid_params', message: 'bad d', issues } }) }));
    const err = await api.call('runs:start', { kind: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_params', message: 'bad d', issues });
  });

  it('turns an unauthorized plain-text answer into a clear error', async () => {
    const { api } = client(() => ({ status: 401, body: 'needs the token' }));
    await expect(api.call('kinds:list')).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('not authorized') });
  });
});

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code?: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
}

describe('browser-host client events', () => {
  it('derives the WebSocket URL from the origin', () => {
    expect(eventsUrl('http://127.0.0.1:4170', 'a b')).toBe('ws://127.0.0.1:4170/api/events?token=a+b');
    expect(eventsUrl('https://localhost:1', null)).toBe('wss://localhost:1/api/events');
  });

  it('backs off exponentially up to a cap', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 500, 10_000))).toEqual([500, 1000, 2000, 4000, 10_000]);
  });

  it('dispatches decoded events and reconnects after the socket closes', () => {
    const sockets: FakeSocket[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const api = createHostClient({
      origin: 'http://127.0.0.1:4170',
      token: 'tok',
      fetch: (async () => new Response('')) as unknown as typeof fetch,
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => {},
    });
    const states: string[] = [];
    api.onConnection((s) => states.push(s));
    const got: RunSummary[] = [];
    const off = api.on('run:status', (p) => got.push(p));
    expect(sockets).toHaveLength(1);
    expect(sockets[0].url).toBe('ws://127.0.0.1:4170/api/events?token=tok');
    sockets[0].onopen?.({});
    sockets[0].onmessage?.({ data: encodeApiJson({ event: 'run:status', payload: { id: 'r1', status: 'done' } }) });
    sockets[0].onmessage?.({ data: encodeApiJson({ event: 'run:progress', payload: { id: 'r1', fraction: 0.5 } }) });
    sockets[0].onmessage?.({ data: 'not json' });
    expect(got).toEqual([{ id: 'r1', status: 'done' }]);

    sockets[0].onclose?.({ code: 1006 });
    expect(timers.map((t) => t.ms)).toEqual([500]);
    timers[0].fn();
    expect(sockets).toHaveLength(2);
    sockets[1].onclose?.({ code: 1006 });
    expect(timers.map((t) => t.ms)).toEqual([500, 1000]);
    timers[1].fn();
    sockets[2].onopen?.({});
    expect(states).toEqual(['closed', 'connecting', 'open', 'closed', 'connecting', 'closed', 'connecting', 'open']);

    off();
    expect(sockets[2].closed).toBe(false); // the connection listener still holds it
  });
});

describe('Electron client', () => {
  it('unwraps the preload envelope and rethrows errors as ApiError', async () => {
    const calls: unknown[][] = [];
    const bridge = {
      invoke: async (channel: string, ...args: unknown[]): Promise<BridgeEnvelope> => {
        calls.push([channel, ...args]);
        if (channel === 'runs:cancel') return { ok: false, error: { code: 'not_found', message: 'no run' } };
        return { ok: true, result: [] };
      },
      on: (_event: string, cb: (payload: unknown) => void) => {
        cb({ id: 'r', fraction: 0.25 });
        return () => {};
      },
    };
    const api = createElectronClient(bridge);
    await expect(api.call('kinds:list')).resolves.toEqual([]);
    await expect(api.call('runs:cancel', 'run-00000001')).rejects.toMatchObject({ name: 'ApiError', code: 'not_found', message: 'no run' });
    expect(calls).toEqual([['kinds:list'], ['runs:cancel', 'run-00000001']]);
    const seen: unknown[] = [];
    api.on('run:progress', (p) => seen.push(p));
    expect(seen).toEqual([{ id: 'r', fraction: 0.25 }]);
  });
});

describe('browser-host client after the host restarts', () => {
  function setup(answer: () => Promise<Response>) {
    const sockets: FakeSocket[] = [];
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const probes: string[] = [];
    const api = createHostClient({
      origin: 'http://127.0.0.1:4170',
      token: 'old',
      fetch: (async (url: string, init: RequestInit) => {
        probes.push(`${url} ${(init.headers as Record<string, string>)[TOKEN_HEADER]}`);
        return answer();
      }) as unknown as typeof fetch,
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => void ((t as { cleared: boolean }).cleared = true),
    });
    const states: string[] = [];
    api.onConnection((s) => states.push(s));
    return { api, sockets, timers, probes, states };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('says the token expired, and stops reconnecting, when the host refuses it after the stream drops', async () => {
    const { sockets, timers, probes, states } = setup(async () => new Response('needs the token', { status: 401 }));
    sockets[0]!.onopen?.({});
    sockets[0]!.onclose?.({ code: 1006 });
    await settle();
    expect(probes).toEqual(['http://127.0.0.1:4170/api/call/app%3Ainfo old']);
    expect(states.at(-1)).toBe('expired');
    expect(timers.every((t) => t.cleared)).toBe(true);
    const before = sockets.length;
    for (const t of timers) t.fn();
    expect(sockets).toHaveLength(before);
  });

  it('says the host is unreachable after three unanswered attempts, and live again once it answers', async () => {
    let up = false;
    const { sockets, timers, states } = setup(async () => {
      if (!up) throw new TypeError('Failed to fetch');
      return new Response('{}', { status: 200 });
    });
    for (let i = 0; i < 3; i++) {
      sockets.at(-1)!.onclose?.({ code: 1006 });
      await settle();
      timers.at(-1)!.fn();
    }
    expect(states.at(-1)).toBe('unreachable');
    expect(states.filter((s) => s === 'unreachable')).toHaveLength(1);
    up = true;
    sockets.at(-1)!.onopen?.({});
    expect(states.at(-1)).toBe('open');
  });

  it('a call the host refuses marks the token expired and says to open the new address', async () => {
    const { api, states } = setup(async () => new Response('needs the token', { status: 401 }));
    await expect(api.call('kinds:list')).rejects.toMatchObject({ message: expect.stringContaining('restarted and has a new address') });
    expect(states.at(-1)).toBe('expired');
  });
});

describe('the new address after a restart', () => {
  it('accepts the address limitlab serve prints, on a loopback host with its token', () => {
    expect(parseHostAddress(' http://127.0.0.1:5719/?token=abc_D-9 ')).toEqual({ ok: true, url: 'http://127.0.0.1:5719/?token=abc_D-9' });
    expect(parseHostAddress('http://localhost:1/?token=t').ok).toBe(true);
  });

  it.each([
    ['', /paste the whole address/],
    ['127.0.0.1:5719', /not an address|listens on 127.0.0.1/],
    ['http://127.0.0.1:5719/', /has no token/],
    ['https://evil.example/?token=x', /listens on 127.0.0.1 only/],
    ['javascript:alert(1)//?token=x', /listens on 127.0.0.1 only/],
    ['http://user:pw@127.0.0.1:5719/?token=x', /listens on 127.0.0.1 only/],
  ])('refuses %j', (text, message) => {
    const r = parseHostAddress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('names each state of the event stream, never "reconnecting…" for a host that refused the page', () => {
    expect(connectionLabel('expired')).toBe('host restarted');
    expect(connectionLabel('unreachable')).toBe('host not answering');
    expect(connectionLabel('closed')).toBe('reconnecting…');
  });
});
