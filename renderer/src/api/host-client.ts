/**
 * The API client for the browser host (`limitlab serve`).
 *
 * Calls: `POST /api/call/<channel>` with `encodeApiJson({ args })`; the answer is an envelope
 * decoded with `decodeApiJson`. Events: one WebSocket at `/api/events?token=...` carrying
 * `encodeApiJson({ event, payload })`, reconnected with exponential backoff.
 *
 * The page is opened at `/?token=TOKEN`. The host also sets an HttpOnly cookie, but the token is
 * sent as the `x-limitlab-token` header too; it is kept in sessionStorage so a reload without the
 * query string still works, and removed from the visible URL.
 */
import { ApiError, type ApiEvents, type ApiMethods, type Channel, type EventName } from '../../../app/api.js';
import { decodeApiJson, encodeApiJson } from '../../../app/api-codec.js';
import type { AppApi, ConnectionState } from './app-api.js';
import { unwrapEnvelope } from './envelope.js';

export const TOKEN_HEADER = 'x-limitlab-token';
export const TOKEN_STORAGE_KEY = 'limitlab.token';

/** The pieces of `window` the token hand-over needs (injectable for tests). */
export interface TokenEnvironment {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void; state: unknown };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Read the token from `?token=` (remembering it in sessionStorage and removing it from the URL),
 * or fall back to the remembered one. Null when neither exists.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    try {
      env.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromQuery);
    } catch {
      // Storage may be unavailable; the cookie still authorizes this page.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromQuery;
  }
  try {
    return env.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The subset of the WebSocket API used here. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface HostClientOptions {
  /** Origin of the host, e.g. "http://127.0.0.1:4170". */
  origin: string;
  token: string | null;
  fetch?: typeof fetch;
  createSocket?: (url: string) => SocketLike;
  /** Reconnect delays: initial and maximum, in ms. */
  backoff?: { initialMs: number; maxMs: number };
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Failed attempts in a row after which the host counts as unreachable (default 3). */
  unreachableAfter?: number;
}

/** What a probe of the host found: it accepts the token, refuses it, or does not answer. */
export type HostProbe = 'ok' | 'refused' | 'unreachable';

/** The message shown when the host refuses the page's token. */
export const EXPIRED_MESSAGE =
  'the Limitlab host no longer accepts this page: it was restarted and has a new address. Open the address `limitlab serve` printed';

/** The events URL for an origin: http -> ws, https -> wss. */
export function eventsUrl(origin: string, token: string | null): string {
  const url = new URL('/api/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/** Delay before reconnect attempt `attempt` (0-based): doubling from initialMs, capped at maxMs. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}

export function createHostClient(options: HostClientOptions): AppApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 500, maxMs: 10_000 };
  const setTimer = options.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms));
  const clearTimer = options.clearTimeout ?? ((h: unknown) => globalThis.clearTimeout(h as number));

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'closed';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let timer: unknown = null;
  /** Consecutive attempts the host did not answer. */
  let misses = 0;
  let expired = false;
  const unreachableAfter = options.unreachableAfter ?? 3;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const l of connectionListeners) l(next);
  }

  function listenerCount(): number {
    let n = connectionListeners.size;
    for (const set of listeners.values()) n += set.size;
    return n;
  }

  function dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { event?: unknown; payload?: unknown };
    try {
      message = decodeApiJson(data);
    } catch {
      return;
    }
    if (typeof message?.event !== 'string') return;
    const set = listeners.get(message.event);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(message.payload);
      } catch (err) {
        console.error(`listener for ${message.event} failed`, err);
      }
    }
  }

  /** The host refused the token: stop trying, say so once. */
  function expire(): void {
    expired = true;
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, 'token refused');
    }
    setState('expired');
  }

  /** Ask the host whether it still accepts the token (a cheap authorized call). */
  async function probe(): Promise<HostProbe> {
    try {
      const response = await doFetch(new URL('/api/call/app%3Ainfo', options.origin).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.token ? { [TOKEN_HEADER]: options.token } : {}) },
        body: encodeApiJson({ args: [] }),
        credentials: 'same-origin',
      });
      return response.status === 401 || response.status === 403 ? 'refused' : 'ok';
    } catch {
      return 'unreachable';
    }
  }

  /** After the event stream dropped: find out whether the host is gone or refuses the token. */
  function checkHost(): void {
    void probe().then((result) => {
      if (expired) return;
      if (result === 'refused') return expire();
      if (result === 'ok') {
        misses = 0;
        return;
      }
      misses += 1;
      if (misses >= unreachableAfter && state !== 'open') setState('unreachable');
    });
  }

  function scheduleReconnect(): void {
    if (expired || timer !== null || listenerCount() === 0) return;
    const delay = backoffDelay(attempt, initialMs, maxMs);
    attempt += 1;
    timer = setTimer(() => {
      timer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (expired || socket || listenerCount() === 0) return;
    if (state !== 'unreachable') setState('connecting');
    let ws: SocketLike;
    try {
      ws = createSocket(eventsUrl(options.origin, options.token));
    } catch {
      if (state !== 'unreachable') setState('closed');
      scheduleReconnect();
      checkHost();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      misses = 0;
      setState('open');
    };
    ws.onmessage = (ev) => dispatch(ev.data);
    ws.onerror = () => {
      // onclose follows and handles reconnection.
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (state !== 'unreachable') setState('closed');
      scheduleReconnect();
      checkHost();
    };
  }

  function disconnectIfIdle(): void {
    if (listenerCount() > 0) return;
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, 'no listeners');
    }
    if (!expired) setState('closed');
  }

  async function call(channel: Channel, args: unknown[]): Promise<unknown> {
    // An omitted optional argument is `undefined`, which JSON would send as null (refused by the
    // host's argument check): trailing ones are left out, as the Electron bridge's structured clone
    // would keep them absent.
    let n = args.length;
    while (n > 0 && args[n - 1] === undefined) n--;
    const sent = args.slice(0, n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers[TOKEN_HEADER] = options.token;
    let response: Response;
    try {
      response = await doFetch(new URL(`/api/call/${encodeURIComponent(channel)}`, options.origin).toString(), {
        method: 'POST',
        headers,
        body: encodeApiJson({ args: sent }),
        credentials: 'same-origin',
      });
    } catch (err) {
      throw new ApiError('internal', `cannot reach the Limitlab host: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await response.text();
    let envelope: unknown;
    try {
      envelope = decodeApiJson(text);
    } catch {
      if (response.status === 401 || response.status === 403) {
        expire();
        throw new ApiError('bad_request', `not authorized: ${EXPIRED_MESSAGE}`);
      }
      throw new ApiError('internal', `host answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    }
    return unwrapEnvelope(envelope);
  }

  return {
    call<C extends Channel>(channel: C, ...args: Parameters<ApiMethods[C]>): ReturnType<ApiMethods[C]> {
      return call(channel, args) as ReturnType<ApiMethods[C]>;
    },
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const wrapped = (payload: unknown) => listener(payload as ApiEvents[E]);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(wrapped);
      connect();
      return () => {
        set.delete(wrapped);
        disconnectIfIdle();
      };
    },
    onConnection(listener: (state: ConnectionState) => void): () => void {
      connectionListeners.add(listener);
      listener(state);
      connect();
      return () => {
        connectionListeners.delete(listener);
        disconnectIfIdle();
      };
    },
  };
}
