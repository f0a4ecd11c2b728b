/**
 * A run's images and image grids in the library: `images` (one row per image, values as
 * little-endian Float64 blobs, channels and range beside them, schema 7: per-image metrics as JSON) and `image_grids` (schema 5: a grid's
 * row and column labels and its cells as JSON). Written inside the caller's transaction.
 */
import type { ImageGrid, ImageResult } from '../../../core/models/model-kind.js';
import type { Db } from './db.js';
import { decodeFloat64, encodeFloat64 } from './series-codec.js';

interface ImageRow {
  name: string;
  width: number;
  height: number;
  channels: 1 | 3;
  range_lo: number | null;
  range_hi: number | null;
  data: Buffer;
  metrics_json: string | null;
}

interface GridRow {
  name: string;
  title: string | null;
  rows_json: string;
  columns_json: string;
  cells_json: string;
}

/** Replace the run's images and grids by these. */
export function writeImages(db: Db, runId: string, images: readonly ImageResult[], grids: readonly ImageGrid[]): void {
  db.prepare('DELETE FROM images WHERE run_id = ?').run(runId);
  db.prepare('DELETE FROM image_grids WHERE run_id = ?').run(runId);
  const image = db.prepare(
    'INSERT INTO images (run_id, idx, name, width, height, channels, range_lo, range_hi, data, metrics_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  images.forEach((im, idx) =>
    image.run(runId, idx, im.name, im.width, im.height, im.channels ?? 1, im.range?.[0] ?? null, im.range?.[1] ?? null, encodeFloat64(im.data),
      im.metrics && Object.keys(im.metrics).length ? JSON.stringify(im.metrics) : null),
  );
  const grid = db.prepare(
    'INSERT INTO image_grids (run_id, idx, name, title, rows_json, columns_json, cells_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  grids.forEach((g, idx) =>
    grid.run(runId, idx, g.name, g.title ?? null, JSON.stringify(g.rows), JSON.stringify(g.columns), JSON.stringify(g.cells)),
  );
}

/** The run's images and grids in stored order; empty lists when it has none. */
export function readImages(db: Db, runId: string): { images: ImageResult[]; grids: ImageGrid[] } {
  const images = (
    db.prepare('SELECT name, width, height, channels, range_lo, range_hi, data, metrics_json FROM images WHERE run_id = ? ORDER BY idx').all(runId) as ImageRow[]
  ).map((im) => ({
    name: im.name,
    width: im.width,
    height: im.height,
    ...(im.channels === 3 ? { channels: 3 as const } : {}),
    ...(im.range_lo !== null && im.range_hi !== null ? { range: [im.range_lo, im.range_hi] as [number, number] } : {}),
    data: decodeFloat64(im.data),
    ...(im.metrics_json !== null ? { metrics: JSON.parse(im.metrics_json) as Record<string, number> } : {}),
  }));
  const grids = (
    db.prepare('SELECT name, title, rows_json, columns_json, cells_json FROM image_grids WHERE run_id = ? ORDER BY idx').all(runId) as GridRow[]
  ).map((g) => ({
    name: g.name,
    ...(g.title !== null ? { title: g.title } : {}),
    rows: JSON.parse(g.rows_json) as string[],
    columns: JSON.parse(g.columns_json) as string[],
    cells: JSON.parse(g.cells_json) as (string | null)[][],
  }));
  return { images, grids };
}
