import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAppPath } from '../../app/electron/app-protocol.js';

const root = path.resolve('/srv/limitlab/dist/renderer');

describe('resolveAppPath', () => {
  it('maps app URLs to files under the renderer root', () => {
    expect(resolveAppPath(root, 'app://limitlab/')).toEqual({ ok: true, path: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://limitlab/index.html?run=abc#x')).toEqual({ ok: true, path: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://limitlab/assets/index-1a2b.js')).toEqual({ ok: true, path: path.join(root, 'assets', 'index-1a2b.js') });
    expect(resolveAppPath(root, 'app://limitlab/assets/')).toEqual({ ok: true, path: path.join(root, 'assets', 'index.html') });
    expect(resolveAppPath(root, 'app://limitlab/fonts/Source%20Serif.woff2')).toEqual({ ok: true, path: path.join(root, 'fonts', 'Source Serif.woff2') });
  });

  it.each([
    'app://limitlab/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://limitlab/assets/..%2f..%2f..%2fsecret',
    'app://limitlab/a/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc',
  ])('refuses the percent-encoded traversal %s with 403', (url) => {
    expect(resolveAppPath(root, url)).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    ['app://limitlab/../../../etc/passwd', 'etc/passwd'],
    ['app://limitlab/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
    ['app://limitlab/%2e/index.html', 'index.html'],
  ])('keeps dot segments collapsed by the URL parser inside the root: %s', (url, inside) => {
    expect(resolveAppPath(root, url)).toEqual({ ok: true, path: path.join(root, ...inside.split('/')) });
  });

  it('refuses backslashes, NUL bytes and broken escapes', () => {
    expect(resolveAppPath(root, 'app://limitlab/..%5C..%5Cwindows%5Cwin.ini')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://limitlab/index.html%00.png')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://limitlab/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppPath(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'app://evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'not a url')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let rendererRoot: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'limitlab-app-protocol-'));
    rendererRoot = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Limitlab</title>');
    writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const handler = () => createAppProtocolHandler({ root: rendererRoot, readFile, log: () => {} });

  it('serves index.html with the strict CSP and a matching content type', async () => {
    const response = await handler()(new Request('app://limitlab/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Limitlab</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the CSP allows only our own scripts: no inline, no eval, no remote content', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('serves assets with their MIME type', async () => {
    const response = await handler()(new Request('app://limitlab/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer root', async () => {
    const read = vi.fn((file: string) => readFile(file));
    const h = createAppProtocolHandler({ root: rendererRoot, readFile: read, log: () => {} });
    for (const url of ['app://limitlab/..%2Fsecret.txt', 'app://limitlab/assets/..%2F..%2Fsecret.txt', 'app://limitlab/%2e%2e/secret.txt']) {
      const response = await h(new Request(url));
      expect(response.status, url).not.toBe(200);
      expect(await response.text()).not.toContain('do not serve');
    }
    for (const [file] of read.mock.calls) expect(path.relative(rendererRoot, file).startsWith('..')).toBe(false);
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await handler()(new Request('app://limitlab/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('app://limitlab/', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
