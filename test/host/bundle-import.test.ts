/**
 * Bundle import through the browser host: a bundle of image runs larger than the 8 MiB every other
 * channel is held to is read whole and its runs land in the library with their images and
 * per-image metrics; a body over a channel's cap still gets a clean 413 with nothing written, and
 * only a holder of the token can have the larger cap applied.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../app/api.js';
import { decodeApiJson, encodeApiJson } from '../../app/api-codec.js';
import { APP_VERSION } from '../../app/engine/app-version.js';
import { exportBundle } from '../../app/engine/export/bundle.js';
import { createEngine, type Engine } from '../../app/engine/index.js';
import { paramsHash } from '../../app/engine/params-hash.js';
import { BUNDLE_BODY_BYTES, DEFAULT_BODY_BYTES, describeBytes } from '../../app/host/body-limits.js';
import { startHost, type Host } from '../../app/host/server.js';
import { registry } from '../../core/models/registry.js';
import { canonicalJson, resolveParams } from '../../core/models/resolve-params.js';
import { jsonRequest, rawRequest } from './raw-http.js';

let engine: Engine;
let host: Host;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limitlab-host-bundle-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Limitlab</title>');
  engine = await createEngine({ dbPath: join(dir, 'library.sqlite'), threads: 1 });
  host = await startHost({ engine, port: 0, rendererDir: dir });
});
afterAll(async () => {
  await host?.close();
  await engine?.close();
});

const auth = () => ({ 'X-Limitlab-Token': host.token });

/** A call as the page's host client makes it: `encodeApiJson({ args })` posted with the token. */
async function call<T>(channel: string, ...args: unknown[]): Promise<{ status: number; ok: boolean; result?: T; error?: { code: string; message: string } }> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/call/${channel}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: encodeApiJson({ args }),
  });
  return { status: response.status, ...decodeApiJson<{ ok: boolean; result?: T; error?: { code: string; message: string } }>(await response.text()) };
}

const side = 600;
/** An RGB image whose every value is distinct (so base64 cannot shrink it and a wrong byte shows). */
function image(run: number, index: number): { name: string; width: number; height: number; channels: 3; range: [number, number]; data: Float64Array; metrics: Record<string, number> } {
  const data = new Float64Array(side * side * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(1e-3 * i + run + 0.1 * index) * 0.5 + 0.5 + i * 1e-12;
  return { name: `sample_${index}`, width: side, height: side, channels: 3, range: [0, 1], data, metrics: { psnr: 20 + run + index / 4, ssim: 0.5 + index / 100 } };
}

/** A finished mppm run holding only images, as a bundle carries one. */
function imageRun(n: number): RunDetail {
  const kind = registry.get('mppm')!;
  const resolved = resolveParams(kind, {});
  if (!resolved.ok) throw new Error('mppm defaults do not resolve');
  const params = resolved.params as Record<string, unknown>;
  const when = new Date(Date.UTC(2026, 0, 5, 10, n)).toISOString();
  return {
    id: `bigbundle-${n}-0000`, kind: 'mppm', name: `mppm image run ${n}`, status: 'done', createdAt: when, startedAt: when, finishedAt: when,
    durationMs: 1000, seed: n, replicas: 1, paramsHash: paramsHash(canonicalJson(params)), params, tags: ['big'], error: null, progress: null,
    scalars: { fid: 1 + n }, sweepId: null, sweepPoint: null, deletedAt: null, rng: 'xoshiro128ss-ziggurat@1', appVersion: APP_VERSION,
    solver: {}, notes: '',
    result: { series: [], scalars: { fid: 1 + n }, notes: [], images: [image(n, 0), image(n, 1)], grids: [{ name: 'samples', rows: ['r'], columns: ['a', 'b'], cells: [['sample_0', 'sample_1']] }] },
  };
}

async function runCount(): Promise<number> {
  return (await call<RunSummary[]>('runs:list')).result!.length;
}

describe('bundle import through the host', () => {
  it('accepts a bundle of image runs far over 8 MiB and stores its runs with their images and metrics', async () => {
    const runs = [imageRun(1), imageRun(2)];
    const text = exportBundle(runs, APP_VERSION, new Date(Date.UTC(2026, 0, 6)));
    expect(Buffer.byteLength(encodeApiJson({ args: [{ text }] }))).toBeGreaterThan(3 * DEFAULT_BODY_BYTES);

    const answer = await call<{ imported: string[]; skipped: string[] }>('bundles:import', { text });
    expect(answer.status, answer.error?.message).toBe(200);
    expect(answer.result).toEqual({ imported: runs.map((r) => r.id), skipped: [] });

    for (const run of runs) {
      const stored = (await call<RunDetail>('runs:get', run.id)).result!;
      expect(stored.status).toBe('done');
      const images = stored.result!.images!;
      expect(images.map((im) => [im.name, im.width, im.height, im.channels, im.metrics])).toEqual(
        run.result!.images!.map((im) => [im.name, im.width, im.height, im.channels, im.metrics]),
      );
      images.forEach((im, i) => expect(Buffer.from(im.data.buffer, im.data.byteOffset, im.data.byteLength).equals(Buffer.from(run.result!.images![i]!.data.buffer))).toBe(true));
    }
    expect((await call<{ imported: string[]; skipped: string[] }>('bundles:import', { text })).result).toEqual({ imported: [], skipped: runs.map((r) => r.id) });
  }, 60_000);

  it('still answers a body over 8 MiB on any other channel with 413, writing nothing', async () => {
    const before = await runCount();
    const notes = 'n'.repeat(DEFAULT_BODY_BYTES);
    const start = await call('runs:start', { kind: 'mppm', name: notes });
    expect(start.status).toBe(413);
    expect(start.error?.message).toBe('the request body is larger than 8 MiB');
    const update = await call('runs:update', 'bigbundle-1-0000', { notes });
    expect(update.status).toBe(413);
    expect(await runCount()).toBe(before);
    expect((await call<RunDetail>('runs:get', 'bigbundle-1-0000')).result!.notes).toBe('');
  }, 30_000);

  it('refuses a bundle body declared over its own cap before reading it, with nothing written', async () => {
    const before = await runCount();
    const head = (extra: string[]) =>
      [`POST /api/call/bundles:import HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Content-Type: application/json',
        `Content-Length: ${BUNDLE_BODY_BYTES + 1}`, 'Connection: close', ...extra].join('\r\n') + '\r\n\r\n{"args":[{"text":"';
    const declared = await rawRequest(host.port, head([`X-Limitlab-Token: ${host.token}`]));
    expect(declared.status).toBe(413);
    expect(declared.text).toContain(`larger than ${describeBytes(BUNDLE_BODY_BYTES)}`);
    expect(declared.ended).toBe('closed');

    const expecting = await rawRequest(host.port, head([`X-Limitlab-Token: ${host.token}`, 'Expect: 100-continue']));
    expect(expecting.status).toBe(413);
    expect(expecting.text).not.toContain('100 Continue');
    expect(await runCount()).toBe(before);
  });

  it('applies the larger cap only to a holder of the token', async () => {
    const bytes = 2 * DEFAULT_BODY_BYTES;
    const withToken = await rawRequest(host.port,
      `POST /api/call/bundles:import HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Limitlab-Token: ${host.token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${bytes}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`, 500);
    expect(withToken.status).toBe(100);
    const without = await rawRequest(host.port,
      `POST /api/call/bundles:import HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${bytes}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
    expect(without.status).toBe(413);
    expect(without.text).toContain('larger than 8 MiB');
    const ordinary = await rawRequest(host.port, jsonRequest(host.port, '/api/call/runs:update', '', { ...auth(), Expect: '100-continue' }).toString().replace('Content-Length: 0', `Content-Length: ${bytes}`));
    expect(ordinary.status).toBe(413);
  });
});
