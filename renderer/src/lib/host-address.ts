/**
 * The browser host's address as `limitlab serve` prints it (`http://127.0.0.1:PORT/?token=…`),
 * pasted back into the page after the host restarted, and the words for the event stream's state.
 */
import type { ConnectionState } from '../api/app-api.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type HostAddress = { ok: true; url: string } | { ok: false; error: string };

/** Check a pasted address: http on a loopback host, with the token the host printed. */
export function parseHostAddress(text: string): HostAddress {
  const t = text.trim();
  const example = 'paste the whole address, e.g. http://127.0.0.1:5719/?token=…';
  if (!t) return { ok: false, error: example };
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return { ok: false, error: `not an address: ${example}` };
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname) || url.username || url.password) {
    return { ok: false, error: 'the Limitlab host listens on 127.0.0.1 only: paste the http://127.0.0.1:… address it printed' };
  }
  if (!url.searchParams.get('token')) return { ok: false, error: `the address has no token: ${example}` };
  return { ok: true, url: url.toString() };
}

/** The short text of the state indicator in the top bar. */
export function connectionLabel(state: ConnectionState): string {
  switch (state) {
    case 'open':
      return 'live';
    case 'connecting':
      return 'connecting…';
    case 'closed':
      return 'reconnecting…';
    case 'expired':
      return 'host restarted';
    case 'unreachable':
      return 'host not answering';
  }
}
