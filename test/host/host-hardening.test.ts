/**
 * The browser host against malformed and hostile requests, with the real engine behind it: every
 * answer is a 4xx (never a 500, never a reset), the host keeps answering normal calls, and no
 * request reaches Object.prototype.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeApiJson } from '../../app/api-codec.js';
import { createEngine, type Engine } from '../../app/engine/index.js';
import { startHost, type Host } from '../../app/host/server.js';
import { jsonRequest, rawRequest } from './raw-http.js';
import { seeded as prng } from '../support/seeded.js';

let engine: Engine;
let host: Host;
let port: number;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limitlab-host-hard-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Limitlab</title>');
  engine = await createEngine({ dbPath: join(dir, 'library.sqlite'), threads: 1 });
  host = await startHost({ engine, port: 0, rendererDir: dir });
  port = host.port;
});
afterAll(async () => {
  await host?.close();
  await engine?.close();
});

const auth = () => ({ 'X-Limitlab-Token': host.token });
const call = (channel: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(port, jsonRequest(port, `/api/call/${channel}`, body, { ...auth(), ...headers }));
const envelope = (text: string) => decodeApiJson<{ ok: boolean; error?: { code: string; message: string } }>(bodyOf(text));

/** The body of a raw HTTP response, chunked or not. */
function bodyOf(response: string): string {
  const split = response.indexOf('\r\n\r\n');
  const head = response.slice(0, split);
  let body = response.slice(split + 4);
  if (!/^transfer-encoding:\s*chunked/im.test(head)) return body;
  let out = '';
  for (;;) {
    const eol = body.indexOf('\r\n');
    const size = parseInt(body.slice(0, eol), 16);
    if (!size) return out;
    out += body.slice(eol + 2, eol + 2 + size);
    body = body.slice(eol + 2 + size + 2);
  }
}

/** A normal call still works: kinds:list answers 200 with the kinds. */
async function stillAnswers(): Promise<void> {
  const answer = await call('kinds:list', '{"args":[]}');
  expect(answer.status, answer.text.slice(0, 200)).toBe(200);
  expect(envelope(answer.text).ok).toBe(true);
}

const ninePlusMiB = Buffer.alloc(9 * 1024 * 1024, 0x20);

describe('the host refuses malformed requests with a 4xx', () => {
  it('answers a body over 8 MiB with 413 and a JSON error instead of a reset', async () => {
    const declared = await call('kinds:list', ninePlusMiB.toString('latin1'));
    expect(declared.ended).toBe('closed');
    expect(declared.status).toBe(413);
    expect(envelope(declared.text).error?.message).toMatch(/larger than 8 MiB/);

    const chunked = await rawRequest(
      port,
      Buffer.concat([
        Buffer.from(`POST /api/call/kinds:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Limitlab-Token: ${host.token}\r\n` +
          'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n', 'latin1'),
        Buffer.from(`${ninePlusMiB.length.toString(16)}\r\n`, 'latin1'), ninePlusMiB, Buffer.from('\r\n0\r\n\r\n', 'latin1'),
      ]),
    );
    expect(chunked.status).toBe(413);
    expect(chunked.ended).toBe('closed');

    const viaFetch = await fetch(`http://127.0.0.1:${port}/api/call/kinds:list`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: ninePlusMiB,
    });
    expect(viaFetch.status).toBe(413);
    await stillAnswers();
  });

  it('answers a malformed percent-escape with 400, in a channel, a page path or a cookie', async () => {
    expect((await call('%E0%A4%A', '{"args":[]}')).status).toBe(400);
    expect((await call('kinds%3', '{"args":[]}')).status).toBe(400);
    const page = await rawRequest(port, `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Limitlab-Token: ${host.token}\r\nConnection: close\r\n\r\n`);
    expect(page.status).toBe(400);
    const cookie = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: limitlab_token=%E0%A4%A\r\nConnection: close\r\n\r\n`);
    expect(cookie.status).toBe(401);
    const target = await rawRequest(port, `GET //[oops/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Limitlab-Token: ${host.token}\r\nConnection: close\r\n\r\n`);
    expect(target.status).toBe(400);
    await stillAnswers();
  });

  it('answers a bad body with 400, a wrong method with 405, an unknown route with 404 and a non-JSON body with 415', async () => {
    expect((await call('kinds:list', '{"args":')).status).toBe(400);
    expect((await call('kinds:list', '[]')).status).toBe(400);
    expect((await call('kinds:list', '{"args":{}}')).status).toBe(400);
    expect((await call('runs:get', '{"args":[{"$f64":"%%%"}]}')).status).toBe(400);
    expect((await call('runs:get', '{"args":[42]}')).status).toBe(400);
    expect((await call('kinds:list', `{"args":[${'['.repeat(5000)}${']'.repeat(5000)}]}`)).status).toBe(400);
    const get = await rawRequest(port, `GET /api/call/kinds:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Limitlab-Token: ${host.token}\r\nConnection: close\r\n\r\n`);
    expect(get.status).toBe(405);
    expect((await rawRequest(port, jsonRequest(port, '/', '{}', auth()))).status).toBe(405);
    expect((await call('fs:readFile', '{"args":[]}')).status).toBe(404);
    expect((await call('__proto__', '{"args":[]}')).status).toBe(404);
    expect((await rawRequest(port, jsonRequest(port, '/api/other', '{}', auth()))).status).toBe(404);
    const text = await rawRequest(port, jsonRequest(port, '/api/call/kinds:list', '{"args":[]}', { ...auth(), 'Content-Type': 'text/plain' }).toString().replace('Content-Type: application/json\r\n', ''));
    expect(text.status).toBe(415);
    await stillAnswers();
  });

  it('sends an error envelope with the status of its code', async () => {
    const invalid = await call('runs:start', '{"args":[{"kind":"sgd-glm","params":{"d":1}}]}');
    expect(invalid.status).toBe(400);
    expect(envelope(invalid.text).error?.code).toBe('invalid_params');
    const missing = await call('runs:update', '{"args":["abcdefgh12",{"name":"x"}]}');
    expect(missing.status).toBe(404);
    expect(envelope(missing.text).error?.code).toBe('not_found');
  });
});

describe('reserved names in requests', () => {
  const polluted = () => ({} as Record<string, unknown>)['polluted'];

  it('refuses __proto__, constructor and prototype in sweep axis paths and parameter keys with 400, and Object.prototype stays clean', async () => {
    const sweep = (path: string) => `{"args":[{"kind":"sgd-glm","mode":"grid","axes":[{"path":"${path}","values":[1]}]}]}`;
    const bodies: [string, string][] = [
      ['sweeps:start', sweep('__proto__.polluted')],
      ['sweeps:start', sweep('constructor.prototype.polluted')],
      ['sweeps:start', sweep('lr.__proto__.polluted')],
      ['sweeps:start', sweep('prototype')],
      ['sweeps:start', '{"args":[{"kind":"sgd-glm","mode":"grid","params":{"__proto__":{"polluted":1}},"axes":[{"path":"noise","values":[0]}]}]}'],
      ['runs:start', '{"args":[{"kind":"sgd-glm","params":{"__proto__":{"polluted":1}}}]}'],
      ['runs:start', '{"args":[{"kind":"sgd-glm","params":{"constructor":{"prototype":{"polluted":1}}}}]}'],
      ['params:validate', '{"args":[{"kind":"sgd-glm","params":{"lr":{"__proto__":{"polluted":1}}}}]}'],
      ['runs:query', '{"args":[{"__proto__":{"polluted":1}}]}'],
    ];
    for (const [channel, body] of bodies) {
      const answer = await call(channel, body);
      expect(answer.status, `${channel} ${body}`).toBe(400);
      expect(envelope(answer.text).ok).toBe(false);
      expect(polluted()).toBeUndefined();
    }
    await stillAnswers();
    expect((await engine.call('runs:list', {})).length).toBe(0);
    expect(await engine.call('sweeps:list')).toEqual([]);
  });
});


/** Raw requests of every malformed kind: request lines, headers, escapes, sizes, bodies, methods, content types. */
function fuzzCases(port: number, token: string): { name: string; request: string | Buffer }[] {
  const host = `Host: 127.0.0.1:${port}`;
  const tok = `X-Limitlab-Token: ${token}`;
  const raw = (line: string, headers: string[] = [host, tok], body = '') =>
    `${line}\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`;
  const post = (path: string, body: string, extra: string[] = []) =>
    raw(`POST ${path} HTTP/1.1`, [host, tok, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, ...extra], body);
  const cases: { name: string; request: string | Buffer }[] = [];
  const add = (name: string, request: string | Buffer) => cases.push({ name, request });

  // Request lines.
  for (const line of ['GET', 'GET /', 'GET / HTTP/9.9', '/ HTTP/1.1', 'GET  /  HTTP/1.1', 'G\u0000T / HTTP/1.1', 'FOO / HTTP/1.1',
    'GET / HTTP/1.1 extra', 'GET http://evil.example/ HTTP/1.1', 'GET * HTTP/1.1', 'CONNECT 127.0.0.1:1 HTTP/1.1', 'GET /\u00ff HTTP/1.1',
    'POST /api/call/kinds:list HTTP/1.0', 'GET /?token HTTP/1.1', 'GET /?token=%ZZ HTTP/1.1', 'GET //[::1 HTTP/1.1', 'GET //[oops/ HTTP/1.1',
    'GET //a:99999/ HTTP/1.1', 'GET /a/../../../etc/passwd HTTP/1.1', 'GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1']) {
    add(`request line ${JSON.stringify(line)}`, raw(line));
  }
  // Headers.
  const headerSets: [string, string[]][] = [
    ['no Host', [tok]],
    ['two Hosts', [host, host, tok]],
    ['header without a colon', [host, tok, 'NoColonHere']],
    ['header with a space before the colon', [host, tok, 'X-Bad : 1']],
    ['control character in a value', [host, tok, 'X-Bad: a\u0001b']],
    ['token twice', [host, tok, tok]],
    ['empty token', [host, 'X-Limitlab-Token: ']],
    ['cookie with a malformed escape', [host, 'Cookie: limitlab_token=%E0%A4%A']],
    ['cookie without a value', [host, 'Cookie: limitlab_token']],
    ['origin with a malformed escape', [host, tok, 'Origin: http://%zz']],
    ['huge header (100 KB)', [host, tok, `X-Huge: ${'a'.repeat(100_000)}`]],
    ['3000 headers', [host, tok, ...Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${i}`)]],
    ['Content-Length not a number', [host, tok, 'Content-Length: abc']],
    ['negative Content-Length', [host, tok, 'Content-Length: -5']],
    ['two different Content-Lengths', [host, tok, 'Content-Length: 1', 'Content-Length: 2']],
    ['Content-Length and Transfer-Encoding', [host, tok, 'Content-Length: 3', 'Transfer-Encoding: chunked']],
    ['unknown Transfer-Encoding', [host, tok, 'Transfer-Encoding: gzip']],
    ['Expect: 100-continue on a GET', [host, tok, 'Expect: 100-continue']],
    ['unknown Expect', [host, tok, 'Expect: the-unexpected']],
    ['Upgrade to websocket on a page', [host, tok, 'Upgrade: websocket', 'Connection: Upgrade']],
  ];
  for (const [name, headers] of headerSets) add(`headers: ${name}`, raw('GET / HTTP/1.1', headers));
  for (const [name, headers] of headerSets.slice(0, 12)) add(`headers on a call: ${name}`, raw('POST /api/call/kinds:list HTTP/1.1', [...headers, 'Content-Length: 11'], '{"args":[]}'));
  add('websocket upgrade with a malformed target', raw('GET //[oops/api/events HTTP/1.1', [host, tok, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']));
  add('websocket upgrade with a malformed escape', raw('GET /api/events?token=%E0%A4%A HTTP/1.1', [host, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']));
  add('websocket upgrade with a malformed cookie', raw('GET /api/events HTTP/1.1', [host, 'Cookie: limitlab_token=%', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']));
  // Escapes in paths and channel names.
  for (const path of ['/api/call/%', '/api/call/%E0%A4%A', '/api/call/%C0%AF', '/api/call/%00', '/api/call/kinds%3Alist%', '/api/call/%u0041',
    '/%', '/%zz', '/%E0%A4%A', '/assets/%C0%AE%C0%AE/x.js', '/%00.js', '/..%2f..%2fetc%2fpasswd', '/api/call/', '/api/call//kinds:list',
    '/api/call/__proto__', '/api/call/constructor', '/api/call/toString', '/api/call/hasOwnProperty', '/api/call/kinds:list/extra', '/api/events']) {
    add(`path ${path}`, post(path, '{"args":[]}'));
    add(`GET ${path}`, raw(`GET ${path} HTTP/1.1`));
  }
  // Methods.
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']) {
    add(`${method} a call`, raw(`${method} /api/call/kinds:list HTTP/1.1`, [host, tok, 'Content-Length: 0']));
    add(`${method} a page`, raw(`${method} / HTTP/1.1`, [host, tok, 'Content-Length: 0']));
  }
  // Content types.
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-seq', '', 'APPLICATION/JSON; charset=utf-8']) {
    const body = '{"args":[]}';
    add(`content type ${JSON.stringify(type)}`, raw('POST /api/call/kinds:list HTTP/1.1', [host, tok, ...(type ? [`Content-Type: ${type}`] : []), `Content-Length: ${body.length}`], body));
  }
  // Bodies.
  const bodies = ['', ' ', 'null', 'true', '1', '"x"', '[]', '{}', '{"args":null}', '{"args":"x"}', '{"args":{}}', '{"args":[',
    '{"args":[]}garbage', '{"args":[1,2,3,4,5]}', '\u0000', '\ufeff{"args":[]}', '{"args":[{"$f64":"***"}]}', '{"args":[{"$f64":"AAAA"}]}',
    `{"args":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`, `{"args":["${'x'.repeat(1_000_000)}"]}`, '{"args":[],"args":[1]}',
    '{"__proto__":{"polluted":1},"args":[]}', '{"args":[{"__proto__":{"polluted":1}}]}', '{"args":[{"constructor":{"prototype":{"polluted":1}}}]}'];
  for (const body of bodies) add(`body ${JSON.stringify(body.slice(0, 40))} to kinds:list`, post('/api/call/kinds:list', body));
  const argumentSets = [
    ['params:validate', '[{"kind":"sgd-glm","params":{"d":"x"}}]'], ['params:validate', '[{"kind":"nope","params":{}}]'],
    ['params:validate', '[{"kind":"sgd-glm","params":[]}]'], ['params:validate', '[{"kind":"sgd-glm","params":{"lr":{"gamma":{"$f64":"AAAAAAAA8D8="}}}}]'],
    ['runs:get', '["../../etc/passwd"]'], ['runs:get', '[""]'], ['runs:query', '[{"limit":1e9}]'], ['runs:query', '[{"where":["(((("]}]'],
    ['runs:query', '[{"where":["lr.gamma >"]}]'], ['runs:query', '[{"sort":"params.__proto__"}]'], ['runs:query', '[{"text":"\\"*"}]'],
    ['runs:update', '["abcdefgh12",{"tags":["a b"]}]'], ['runs:delete', '[[]]'], ['runs:aggregate', '[{"ids":[],"band":"std"}]'],
    ['sweeps:start', '[{"kind":"sgd-glm","mode":"grid","axes":[]}]'], ['sweeps:start', '[{"kind":"sgd-glm","mode":"zip","axes":[{"path":"noise","values":[1]},{"path":"d","values":[1,2]}]}]'],
    ['sweeps:start', '[{"kind":"sgd-glm","mode":"grid","axes":[{"path":"a..b","values":[1]}]}]'], ['sweeps:start', '[{"kind":"sgd-glm","mode":"grid","axes":[{"path":"toString","values":[1]}]}]'],
    ['sweeps:get', '["zzzzzzzz"]'], ['sweeps:cancel', '["zzzzzzzz"]'], ['figures:export', '[{"figure":{"type":"run","id":"zzzzzzzz","name":"risk"},"format":"svg"}]'],
    ['figures:export', '[{"figure":{"type":"nope"},"format":"svg"}]'], ['bundles:import', '[{"text":"not json"}]'], ['bundles:import', '[{"text":"{\\"format\\":\\"limitlab-bundle\\",\\"version\\":1e400}"}]'],
    ['bundles:export', '[{"ids":["zzzzzzzz"]}]'], ['runs:rerun', '["zzzzzzzz"]'], ['runs:compare', '[{"ids":["zzzzzzzz"]}]'],
  ];
  for (const [channel, args] of argumentSets) add(`${channel} with ${args!.slice(0, 50)}`, post(`/api/call/${channel}`, `{"args":${args}}`));
  // Oversized bodies.
  add('body of 9 MiB', post('/api/call/kinds:list', ' '.repeat(9 * 1024 * 1024)));
  add('declared 1 GiB, sends little', raw('POST /api/call/kinds:list HTTP/1.1', [host, tok, 'Content-Type: application/json', 'Content-Length: 1073741824'], '{"args":[]}'));
  add('Expect: 100-continue with 100 MiB declared', raw('POST /api/call/kinds:list HTTP/1.1', [host, tok, 'Content-Type: application/json', 'Content-Length: 104857600', 'Expect: 100-continue']));
  // Random bytes in a valid call's body and path (deterministic).
  const next = prng(9);
  const valid = '{"args":[{"kind":"sgd-glm","params":{"noise":0.5,"lr":{"gamma":1}}}]}';
  for (let i = 0; i < 30; i++) {
    const bytes = Buffer.from(valid);
    for (let k = 0; k < 1 + Math.floor(next() * 4); k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    add(`mutated body ${i}`, raw('POST /api/call/params:validate HTTP/1.1', [host, tok, 'Content-Type: application/json', `Content-Length: ${bytes.length}`]) + bytes.toString('latin1'));
  }
  const pathChars = '%/.:?#&=+_-~aZ09\u0080\u00ff';
  for (let i = 0; i < 20; i++) {
    const path = '/' + Array.from({ length: 1 + Math.floor(next() * 12) }, () => pathChars[Math.floor(next() * pathChars.length)]).join('');
    add(`random path ${JSON.stringify(path)}`, Buffer.from(raw(`GET ${path} HTTP/1.1`), 'latin1'));
  }
  return cases;
}

describe('host fuzz', () => {
  it('answers every malformed request without a 500 and still answers a normal call after each', async () => {
    const cases = fuzzCases(port, host.token);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const { name, request } of cases) {
      const answer = await rawRequest(port, request, 1500);
      expect(answer.status, `${name}: no answer (${answer.ended})`).not.toBeNull();
      expect(answer.status, `${name}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
      await stillAnswers();
      expect(({} as Record<string, unknown>)['polluted'], name).toBeUndefined();
    }
    expect((await engine.call('runs:list', {})).length).toBe(0);
  }, 180_000);
});
