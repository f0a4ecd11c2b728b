/**
 * `limitlab export RUN_ID --image NAME --out FILE.png` writes the image as a PNG whose decoded
 * pixels are the range mapping's bytes (written out by hand here for the fixture ramp), `--grid NAME`
 * the grid as a labelled PNG figure; a bad name or a misused option exits 2 with one line and writes
 * nothing.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/cli/main.js';
import { openLibrary } from '../../app/engine/library/db.js';
import { RunsRepository } from '../../app/engine/library/runs.js';
import { imageGridResult } from '../fixtures/image-kind/index.js';

const RUN_ID = 'img00000-00000001';
let dir: string;
let db: string;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'limitlab-export-images-'));
  db = join(dir, 'library.sqlite');
  const lib = await openLibrary(db);
  const result = imageGridResult(16);
  new RunsRepository(lib).insertFinished([{
    id: RUN_ID, kind: 'image-grid', name: 'images', status: 'done', paramsJson: '{"side":16}', paramsHash: '0123456789abcdef', seed: 1,
    replicas: 1, rng: 'r', solver: {}, appVersion: '0', createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null,
    durationMs: null, error: null, notes: '', tags: [], scalars: result.scalars, resultNotes: [], series: [],
    images: result.images!, grids: result.grids!,
  }]);
  lib.close();
});

async function pixels(path: string) {
  const img = await loadImage(readFileSync(path));
  const ctx = createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, rgba: ctx.getImageData(0, 0, img.width, img.height).data };
}

describe('limitlab export --image / --grid', () => {
  it('writes an image as a PNG of its own size with the exact bytes of its range mapping', async () => {
    const out = join(dir, 'ramp.png');
    const res = await cli('export', RUN_ID, '--image', 'ramp-colour', '--out', out, '--db', db);
    expect(res.code, res.err).toBe(0);
    const { width, height, rgba } = await pixels(out);
    expect([width, height]).toEqual([16, 16]);
    for (const [x, y] of [[0, 0], [3, 5], [15, 15], [15, 0]] as const) {
      expect(Array.from(rgba.subarray(4 * (y * 16 + x), 4 * (y * 16 + x) + 4))).toEqual([17 * x, 17 * y, (x + y) % 2 === 0 ? 255 : 0, 255]);
    }
  });

  it('writes a grid as a labelled PNG figure larger than its images', async () => {
    const out = join(dir, 'grid.png');
    const res = await cli('export', RUN_ID, '--grid', 'restoration', '--out', out, '--db', db);
    expect(res.code, res.err).toBe(0);
    const { width, height } = await pixels(out);
    expect(width).toBeGreaterThan(3 * 16 * 8);
    expect(height).toBeGreaterThan(2 * 16 * 8);
  });

  it('lists the run\'s images and grids in show, so their names can be found', async () => {
    const res = await cli('show', RUN_ID, '--db', db);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('  image ramp-colour: 16×16 RGB\n');
    expect(res.out).toContain('  image ramp: 16×16 grey\n');
    expect(res.out).toContain('  grid restoration: 2 rows × 3 columns\n');
  });

  const refusals: [string, string[], RegExp][] = [
    ['an unknown image', ['--image', 'nope'], /^limitlab: run img00000-00000001 has no image "nope" \(its images: "ramp", /],
    ['an unknown grid', ['--grid', 'nope'], /^limitlab: run img00000-00000001 has no image grid "nope" \(its grids: "restoration"\)$/],
    ['both --image and --grid', ['--image', 'ramp', '--grid', 'restoration'], /--image and --grid each name what to export: give one/],
    ['a file that is not PNG', ['--image', 'ramp', '--out', join('DIR', 'x.svg')], /unsupported format "\.svg"; allowed: \.png/],
    ['a chart option', ['--image', 'ramp', '--title', 'T'], /--title shapes a chart figure, not --image/],
    ['two runs', ['img00000-00000002', '--image', 'ramp'], /--image exports from one run: give one RUN_ID/],
  ];
  it.each(refusals)('refuses %s with exit 2, one line and no file', async (_label, extra, says) => {
    const out = join(dir, `refused-${Math.random().toString(36).slice(2)}.png`);
    const args = extra.map((a) => a.replace('DIR', dir));
    const res = await cli('export', RUN_ID, ...args, '--out', out, '--db', db);
    expect(res.code, res.err).toBe(2);
    expect(res.err.trim().split('\n')).toHaveLength(1);
    expect(res.err.trim()).toMatch(says);
    expect(existsSync(out)).toBe(false);
  });
});
