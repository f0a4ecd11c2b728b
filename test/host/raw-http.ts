/**
 * Raw HTTP over a socket, for requests fetch() refuses to send: malformed request lines, bad
 * escapes, conflicting headers, bodies that lie about their length.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status of the first response, or null when the server sent none before closing. */
  status: number | null;
  /** Everything the server sent. */
  text: string;
  /** How the exchange ended: the server closed, reset, or the client gave up waiting. */
  ended: 'closed' | 'reset' | 'timeout';
}

/** Send `request` as is to 127.0.0.1:`port` and read until the server closes (or `timeoutMs` passes). */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 3000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    let done = false;
    const finish = (ended: RawAnswer['ended']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, ended });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('reset'));
    socket.write(request);
  });
}

/** A request with a JSON body and a correct Content-Length; `Connection: close` so the answer ends the exchange. */
export function jsonRequest(
  port: number,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = 'POST',
): string | Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const head = [
    `${method} ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Content-Type: application/json',
    `Content-Length: ${bytes.length}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), bytes]);
}
