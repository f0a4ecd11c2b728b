/**
 * The mppm kind on a folder of your own images from the command line: a mixed-size, empty or
 * unreadable folder and a single image file are refused before anything is stored (exit 2, one line
 * naming the file); a good colour folder runs end to end with grids of the restored images.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

/** A colour ring on black, its centre and radius moving with i. */
function ring(i: number, side = 16): Buffer {
  const canvas = createCanvas(side, side);
  const g = canvas.getContext('2d');
  g.fillStyle = 'black';
  g.fillRect(0, 0, side, side);
  g.strokeStyle = `rgb(${200 + (i % 5) * 10}, ${100 + ((i * 13) % 150)}, 60)`;
  g.lineWidth = 2;
  g.beginPath();
  g.arc(side / 2 + (i % 5) - 2, side / 2 + (i % 3) - 1, 3 + (i % 4), 0, 2 * Math.PI);
  g.stroke();
  return canvas.toBuffer('image/png');
}

function folder(files: Record<string, Buffer>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'limitlab-mppm-')), 'mine');
  mkdirSync(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

const SMALL = ['--set', 'data.train=20', '--set', 'data.test=3', '--set', 'latent.dim=4', '--set', 'degradation.severity=severe', '--set', 'grid.rows=2'];

describe('limitlab run mppm on an image folder', () => {
  it('refuses a mixed-size, empty or unreadable folder and a single image file with exit 2, storing nothing', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'limitlab-mppm-db-')), 'library.sqlite');
    const good = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`r${i}.png`, ring(i)]));
    const cases: [string, string][] = [
      [folder({ ...good, 'z.png': ring(9, 20) }), 'limitlab: mine/: z.png is 20×20 but the others are 16×16\n'],
      [folder({}), 'limitlab: mine/: no PNG or JPEG images in the folder\n'],
      [folder({ ...good, 'bad.png': Buffer.from('not an image') }), 'limitlab: mine/: bad.png is not a readable PNG or JPEG image\n'],
      [join(folder(good), 'r0.png'), 'limitlab: r0.png: an image file; give the folder that holds the images\n'],
    ];
    for (const [path, message] of cases) {
      const res = cli(['run', 'mppm', '--set', `data.path=${path}`, ...SMALL, '--db', db]);
      expect(res.status, res.stderr).toBe(2);
      expect(res.stderr).toBe(message);
    }
    const listed = cli(['list', '--json', '--db', db]);
    expect(listed.status === 0 ? (JSON.parse(listed.stdout) as { runs: unknown[] }).runs : []).toEqual([]);
  });

  it('runs a folder of colour images end to end, recording the folder with its hash', () => {
    const dir = folder(Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`r${String(i).padStart(2, '0')}.png`, ring(i)])));
    const db = join(mkdtempSync(join(tmpdir(), 'limitlab-mppm-db-')), 'library.sqlite');
    const res = cli(['run', 'mppm', '--set', `data.path=${dir}`, ...SMALL, '--db', db, '--json']);
    expect(res.status, res.stderr).toBe(0);
    const run = JSON.parse(res.stdout) as { id: string; scalars: Record<string, number> };
    expect(run.scalars['ssim_degraded']).toBeGreaterThan(0);
    expect(Number.isFinite(run.scalars['psnr_lmppm_pca'])).toBe(true);
    const shown = cli(['show', run.id, '--json', '--db', db]);
    const detail = JSON.parse(shown.stdout) as { solver: { inputs: { path: string; kind: string; count: number }[] } };
    expect(detail.solver.inputs[0]).toMatchObject({ path: dir, kind: 'images', count: 24 });
    const png = join(dir, '..', 'grid.png');
    const exported = cli(['export', run.id, '--grid', 'restoration-1', '--out', png, '--db', db]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(png)).toBe(true);
  });
});
