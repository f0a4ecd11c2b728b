import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../app/engine/library/migrations/index.js';
import { RunsRepository } from '../../app/engine/library/runs.js';
import type { ImageResult } from '../../core/models/model-kind.js';

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
