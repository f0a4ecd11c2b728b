import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../app/engine/library/migrations/index.js';
import { RunsRepository } from '../../app/engine/library/runs.js';
import type { ImageGrid, ImageResult } from '../../core/models/model-kind.js';

function insertRunRow(db: Db, id: string): void {
  db.prepare(
    `INSERT INTO runs (id, kind, name, status, params_json, params_hash, seed, replicas, rng, app_version, created_at)
     VALUES (?, 'echo', 'images', 'running', '{}', 'h', 1, 1, 'r', '0', '2026-01-01T00:00:00.000Z')`,
  ).run(id);
}

const libraryPath = (): string => join(mkdtempSync(join(tmpdir(), 'limitlab-images-')), 'library.sqlite');

describe('library images', () => {
  it('stores an RGB image with its range and a grey one bit for bit, channels and range included', async () => {
    const db = await openLibrary(libraryPath());
    const runs = new RunsRepository(db);
    insertRunRow(db, 'im000000-00000001');
    const rgb: ImageResult = { name: 'rgb', width: 2, height: 1, channels: 3, range: [-0.5, 1.5], data: Float64Array.of(0.1, -0, 1 / 3, Number.MIN_VALUE, 1e300, -2) };
    const grey: ImageResult = { name: 'grey', width: 1, height: 2, data: Float64Array.of(Math.PI, -Math.E) };
    runs.complete('im000000-00000001', { series: [], scalars: {}, images: [rgb, grey] }, '2026-01-01T00:00:01.000Z', 1);
    const images = runs.detail('im000000-00000001')!.result!.images!;
    expect(images).toEqual([rgb, grey]);
    expect(Buffer.from(images[0]!.data.buffer).equals(Buffer.from(rgb.data.buffer))).toBe(true);
    db.close();
  });

  it('migrates images stored before schema 4 to one channel and no range', async () => {
    const path = libraryPath();
    const old = await openLibrary(path, { migrations: MIGRATIONS.filter((m) => m.version < 4) });
    insertRunRow(old, 'im000000-00000002');
    old.prepare(`UPDATE runs SET status = 'done' WHERE id = ?`).run('im000000-00000002');
    old.prepare('INSERT INTO images (run_id, idx, name, width, height, data) VALUES (?, 0, ?, 1, 1, ?)')
      .run('im000000-00000002', 'old', Buffer.from(Float64Array.of(0.25).buffer));
    old.close();
    const db = await openLibrary(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(new RunsRepository(db).detail('im000000-00000002')!.result!.images).toEqual([{ name: 'old', width: 1, height: 1, data: Float64Array.of(0.25) }]);
    db.close();
  });
});

describe('library image grids', () => {
  const grid: ImageGrid = {
    name: 'restoration', title: 'Clean and degraded', rows: ['ramp', 'checker'], columns: ['clean', 'degraded'],
    cells: [['a', 'b'], ['b', null]],
  };
  const a: ImageResult = { name: 'a', width: 1, height: 1, data: Float64Array.of(1) };
  const b: ImageResult = { name: 'b', width: 1, height: 1, channels: 3, range: [0, 1], data: Float64Array.of(0, 0.5, 1) };

  it('stores a grid with its title, labels and cells (empty cells included) and reads it back in order', async () => {
    const db = await openLibrary(libraryPath());
    const runs = new RunsRepository(db);
    insertRunRow(db, 'im000000-00000003');
    const second: ImageGrid = { name: 'only-b', rows: ['x'], columns: ['y'], cells: [['b']] };
    runs.complete('im000000-00000003', { series: [], scalars: {}, images: [a, b], grids: [grid, second] }, '2026-01-01T00:00:01.000Z', 1);
    expect(runs.detail('im000000-00000003')!.result!.grids).toEqual([grid, second]);
    db.close();
  });

  it('refuses to store a grid whose cell names no image, or a ragged grid, and the run stays unfinished', async () => {
    const db = await openLibrary(libraryPath());
    const runs = new RunsRepository(db);
    insertRunRow(db, 'im000000-00000004');
    const missing = { ...grid, cells: [['a', 'c'], ['b', null]] };
    expect(() => runs.complete('im000000-00000004', { series: [], scalars: {}, images: [a, b], grids: [missing] }, '2026-01-01T00:00:01.000Z', 1))
      .toThrow("the result's images: grid restoration, row 1: no image named c");
    const ragged = { ...grid, cells: [['a', 'b'], ['b']] };
    expect(() => runs.complete('im000000-00000004', { series: [], scalars: {}, images: [a, b], grids: [ragged] }, '2026-01-01T00:00:01.000Z', 1))
      .toThrow('grid restoration, row 2: 1 cells for 2 columns');
    const short: ImageResult = { ...a, width: 2 };
    expect(() => runs.complete('im000000-00000004', { series: [], scalars: {}, images: [short] }, '2026-01-01T00:00:01.000Z', 1))
      .toThrow('image a: 1 values, expected 2 (2×1×1)');
    expect(runs.summary('im000000-00000004')!.status).toBe('running');
    db.close();
  });

  it('migrates a schema-4 library forward after a backup: its images stay bit for bit and it has no grids', async () => {
    const path = libraryPath();
    const old = await openLibrary(path, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    expect(old.pragma('user_version', { simple: true })).toBe(4);
    insertRunRow(old, 'im000000-00000005');
    old.prepare(`UPDATE runs SET status = 'done' WHERE id = ?`).run('im000000-00000005');
    const insert = old.prepare('INSERT INTO images (run_id, idx, name, width, height, channels, range_lo, range_hi, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('im000000-00000005', 0, 'a', 1, 1, 1, null, null, Buffer.from(a.data.buffer));
    insert.run('im000000-00000005', 1, 'b', 1, 1, 3, 0, 1, Buffer.from(b.data.buffer));
    old.close();
    const db = await openLibrary(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(existsSync(`${path}.v4.bak`)).toBe(true);
    const result = new RunsRepository(db).detail('im000000-00000005')!.result!;
    expect(result.images).toEqual([a, b]);
    expect(Buffer.from(result.images![1]!.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
    expect(result.grids).toBeUndefined();
    db.close();
  });
});

describe('library image metrics', () => {
  it('stores per-image metrics with the image and reads them back; an image without metrics has none', async () => {
    const db = await openLibrary(libraryPath());
    const runs = new RunsRepository(db);
    insertRunRow(db, 'im000000-00000006');
    const clean: ImageResult = { name: 'clean', width: 1, height: 2, range: [0, 1], data: Float64Array.of(0, 1) };
    const degraded: ImageResult = { ...clean, name: 'degraded', data: Float64Array.of(0.1, 0.8), metrics: { psnr: 16.9897000433602, ssim: 0.41, l2: 0.1 / 3 } };
    runs.complete('im000000-00000006', { series: [], scalars: {}, images: [clean, degraded] }, '2026-01-01T00:00:01.000Z', 1);
    const images = runs.detail('im000000-00000006')!.result!.images!;
    expect(images).toEqual([clean, degraded]);
    expect(images[0]).not.toHaveProperty('metrics');
    expect(images[1]!.metrics!['l2']).toBe(0.1 / 3);
    db.close();
  });

  it('refuses a metric that is not a finite number, and the run stays unfinished', async () => {
    const db = await openLibrary(libraryPath());
    const runs = new RunsRepository(db);
    insertRunRow(db, 'im000000-00000007');
    const bad: ImageResult = { name: 'bad', width: 1, height: 1, data: Float64Array.of(0), metrics: { psnr: Number.POSITIVE_INFINITY } };
    expect(() => runs.complete('im000000-00000007', { series: [], scalars: {}, images: [bad] }, '2026-01-01T00:00:01.000Z', 1))
      .toThrow('image bad: metric psnr is Infinity, not a finite number');
    expect(runs.summary('im000000-00000007')!.status).toBe('running');
    db.close();
  });

  it('migrates a schema-6 library forward: its images and grids stay and have no metrics', async () => {
    const path = libraryPath();
    const old = await openLibrary(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    expect(old.pragma('user_version', { simple: true })).toBe(6);
    insertRunRow(old, 'im000000-00000008');
    old.prepare(`UPDATE runs SET status = 'done' WHERE id = ?`).run('im000000-00000008');
    old.prepare('INSERT INTO images (run_id, idx, name, width, height, channels, range_lo, range_hi, data) VALUES (?, 0, ?, 1, 1, 1, 0, 1, ?)')
      .run('im000000-00000008', 'old', Buffer.from(Float64Array.of(0.25).buffer));
    old.close();
    const db = await openLibrary(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    expect(existsSync(`${path}.v6.bak`)).toBe(true);
    expect(new RunsRepository(db).detail('im000000-00000008')!.result!.images).toEqual([{ name: 'old', width: 1, height: 1, range: [0, 1], data: Float64Array.of(0.25) }]);
    db.close();
  });
});
