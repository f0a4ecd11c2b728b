/**
 * Images and image grids travel in bundles bit for bit: the image fixture kind's run (images only,
 * no series) is exported, imported into a fresh library and read back with identical values, sizes,
 * ranges and grids; the checksum covers them (a flipped image bit or a changed cell is refused), and
 * a run without images keeps the checksum it had before images were covered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { runChecksum } from '../../app/engine/export/run-checksum.js';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { imageGridResult, imageKind } from '../fixtures/image-kind/index.js';
import { buildFixtureWorker } from '../support/fixture-worker.js';

const registry = createRegistry([...kinds, imageKind]);
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function library(pool: JobPool, dir: string, name: string, withKind = true): Promise<EngineService> {
  const db: Db = await openLibrary(join(dir, name));
  const service = new EngineService(db, pool, () => new Date(), withKind ? registry : createRegistry(kinds));
  cleanup.push(async () => {
    await service.close();
    db.close();
  });
  return service;
}

let pool: JobPool;
let dir: string;
let runId: string;
let bundleText: string;
beforeAll(async () => {
  const built = await buildFixtureWorker();
  dir = mkdtempSync(join(tmpdir(), 'limitlab-bundle-images-'));
  cleanup.push(() => rmSync(built.dir, { recursive: true, force: true }));
  pool = new JobPool({ workerPath: built.workerPath, threads: 1 });
  cleanup.push(() => pool.close());
  const source = await library(pool, dir, 'source.sqlite');
  const run = await source.start({ kind: 'image-grid', params: { side: 5 }, seed: 1 });
  expect((await source.whenSettled(run.id)).status).toBe('done');
  runId = run.id;
  bundleText = (await source.call('bundles:export', { ids: [run.id] })).text;
}, 120_000);

type Doc = { runs: { images: { name: string; data: { $f64: string }; metrics?: Record<string, number> }[]; grids: { cells: (string | null)[][] }[]; checksum: { images?: string[]; grids?: string } }[] };
const tampered = (change: (doc: Doc) => void): string => {
  const doc = JSON.parse(bundleText) as Doc;
  change(doc);
  return JSON.stringify(doc);
};

async function refusal(text: string): Promise<string> {
  const target = await library(pool, dir, `refuse-${Math.random().toString(36).slice(2)}.sqlite`);
  const error = await target.call('bundles:import', { text }).then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error('the bundle was accepted');
  expect(target.runs.count()).toBe(0);
  return error.message;
}

describe('bundles with images', () => {
  it('carry an images-only run into a fresh library bit for bit: values, sizes, channels, ranges and the grid', async () => {
    const target = await library(pool, dir, 'target.sqlite');
    expect((await target.call('bundles:import', { text: bundleText })).imported).toEqual([runId]);
    const stored = target.runs.detail(runId)!;
    expect(stored.status).toBe('done');
    const expected = imageGridResult(5);
    expect(stored.result!.series).toEqual([]);
    expect(stored.result!.grids).toEqual(expected.grids);
    expect(stored.result!.images!.map(({ data: _data, ...rest }) => rest)).toEqual(expected.images!.map(({ data: _data, ...rest }) => rest));
    stored.result!.images!.forEach((im, i) => {
      expect(Buffer.from(im.data.buffer, im.data.byteOffset, im.data.byteLength).equals(Buffer.from(expected.images![i]!.data.buffer)), im.name).toBe(true);
    });
    const doc = JSON.parse(bundleText) as Doc;
    expect(doc.runs[0]!.checksum.images).toHaveLength(6);
    expect(doc.runs[0]!.checksum.grids).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuse a bundle with one flipped bit in an image, naming the image', async () => {
    const text = tampered((doc) => {
      const bytes = Buffer.from(doc.runs[0]!.images[1]!.data.$f64, 'base64');
      bytes[13]! ^= 0x01;
      doc.runs[0]!.images[1]!.data.$f64 = bytes.toString('base64');
    });
    expect(await refusal(text)).toMatch(/does not match its checksum: its image 2 \("?ramp-degraded"?\): name, size, range, pixels or metrics changed/);
  });

  it('carry per-image metrics, and refuse a bundle whose metric was changed or removed, naming the image', async () => {
    const doc = JSON.parse(bundleText) as Doc;
    expect(doc.runs[0]!.images.find((im) => im.name === 'ramp-degraded')!.metrics).toEqual({ psnr: 12.5, ssim: 0.4375 });
    expect(doc.runs[0]!.images.filter((im) => im.metrics)).toHaveLength(1);
    const target = await library(pool, dir, 'metrics.sqlite');
    await target.call('bundles:import', { text: bundleText });
    const images = target.runs.detail(runId)!.result!.images!;
    expect(images.find((im) => im.name === 'ramp-degraded')!.metrics).toEqual({ psnr: 12.5, ssim: 0.4375 });
    expect(images.find((im) => im.name === 'ramp')).not.toHaveProperty('metrics');
    const changed = tampered((d) => void (d.runs[0]!.images[1]!.metrics!['psnr'] = 13.5));
    expect(await refusal(changed)).toMatch(/does not match its checksum: its image 2 \("?ramp-degraded"?\): name, size, range, pixels or metrics changed/);
    const removed = tampered((d) => void delete d.runs[0]!.images[1]!.metrics);
    expect(await refusal(removed)).toMatch(/its image 2 \("?ramp-degraded"?\)/);
    const notFinite = tampered((d) => void (d.runs[0]!.images[1]!.metrics!['psnr'] = 'Infinity' as unknown as number));
    await refusal(notFinite);
  });

  it('accept a bundle whose images carry no metrics (as exported before images had them)', async () => {
    const plain = (metrics?: Record<string, number>) => imageGridResult(4).images!.map(({ metrics: _m, ...im }) => ({
      name: im.name, width: im.width, height: im.height, channels: im.channels ?? 1, range: im.range ?? null, data: im.data, ...(metrics ? { metrics } : {}),
    }));
    const input = { id: 'run-1-abcdef', kind: 'image-grid', status: 'done', replicas: 1, rng: 'r', paramsJson: '{}', seed: 1, scalars: {}, resultNotes: [], series: [], grids: [] };
    expect(runChecksum({ ...input, images: plain({}) })).toEqual(runChecksum({ ...input, images: plain() }));
    const db = await openLibrary(join(dir, 'no-metrics-source.sqlite'));
    const source = new EngineService(db, pool, () => new Date(), registry);
    cleanup.push(async () => {
      await source.close();
      db.close();
    });
    const run = await source.start({ kind: 'image-grid', params: { side: 4 }, seed: 2 });
    expect((await source.whenSettled(run.id)).status).toBe('done');
    db.prepare('UPDATE images SET metrics_json = NULL WHERE run_id = ?').run(run.id);
    const text = (await source.call('bundles:export', { ids: [run.id] })).text;
    expect((JSON.parse(text) as Doc).runs[0]!.images.some((im) => 'metrics' in im)).toBe(false);
    const target = await library(pool, dir, 'no-metrics-target.sqlite');
    expect((await target.call('bundles:import', { text })).imported).toEqual([run.id]);
    expect(target.runs.detail(run.id)!.result!.images!.some((im) => im.metrics)).toBe(false);
  });

  it('refuse a bundle whose grid cell was changed', async () => {
    expect(await refusal(tampered((doc) => void (doc.runs[0]!.grids[0]!.cells[1]![1] = 'ramp')))).toMatch(/does not match its checksum: its image grids changed/);
  });

  it('refuse an images-only run whose images were removed, as a done run with no results', async () => {
    const text = tampered((doc) => {
      doc.runs[0]!.images = [];
      doc.runs[0]!.grids = [];
    });
    expect(await refusal(text)).toMatch(/its list of images \(6 recorded, 0 in the file\)/);
  });

  it('name an unknown kind when the importing engine does not know the fixture kind', async () => {
    const target = await library(pool, dir, 'no-kind.sqlite', false);
    await expect(target.call('bundles:import', { text: bundleText })).rejects.toThrow(/unknown kind "image-grid"/);
  });

  it('export through images:export: the image\'s PNG bytes, a refused request naming one image or grid, an unknown name not found', async () => {
    const target = await library(pool, dir, 'export.sqlite');
    await target.call('bundles:import', { text: bundleText });
    const file = await target.call('images:export', { id: runId, image: 'checkerboard' });
    expect(file).toMatchObject({ format: 'png', mime: 'image/png', widthPx: 5, heightPx: 5 });
    const png = Buffer.from(file.base64, 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    await expect(target.call('images:export', { id: runId, image: 'ramp', grid: 'restoration' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(target.call('images:export', { id: runId })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(target.call('images:export', { id: runId, grid: 'other' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('its grids: "restoration"') });
    await expect(target.call('images:export', { id: 'nope-0000-0000', image: 'ramp' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keep the run digest of a run without images as it was before images were covered', () => {
    const x = Float64Array.of(0, 0.5, 1);
    const checksum = runChecksum({
      id: 'run-1-abcdef', kind: 'sgd-glm', status: 'done', replicas: 2, rng: 'r', paramsJson: '{"a":1}', seed: 7, scalars: { s: 0.125 },
      resultNotes: ['n'], series: [{ name: 'risk', source: 'theory', label: null, seed: null, replica: null, xLabel: 't', yLabel: 'risk', x, y: x, band: null }],
    });
    // Recorded with the checksum code of bundle version 2 before images were added.
    expect(checksum.run).toBe('82a3fcf684d0e9e4161c0294dc8cc32b155daad644bbca0f09e9934b199a6544');
    expect(checksum.images).toBeUndefined();
  });
});
