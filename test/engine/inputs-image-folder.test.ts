/** Image-folder inputs: one size for all images, or one error naming the odd file. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { readImageFolder } from '../../app/engine/inputs/image-folder.js';

function png(w: number, h: number, grey: number): Buffer {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${grey},${grey},${grey})`;
  ctx.fillRect(0, 0, w, h);
  return canvas.toBuffer('image/png');
}

function folder(files: Record<string, Buffer>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'imgs-')), 'images');
  mkdirSync(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

describe('readImageFolder', () => {
  it('decodes same-size PNGs to grey values in name order', async () => {
    const ds = await readImageFolder(folder({ 'b.png': png(4, 3, 255), 'a.png': png(4, 3, 0) }));
    expect([ds.width, ds.height, ds.channels, ds.images.length]).toEqual([4, 3, 1, 2]);
    expect(ds.images[0]![0]).toBe(0);
    expect(ds.images[1]![0]).toBe(1);
  });

  it('refuses a mixed-size folder naming the odd file and both sizes', async () => {
    const dir = folder({ 'a.png': png(28, 28, 10), 'b.png': png(32, 32, 10) });
    await expect(readImageFolder(dir)).rejects.toThrow('images/: b.png is 32×32 but the others are 28×28');
  });

  it('refuses an empty folder and an unreadable image', async () => {
    await expect(readImageFolder(folder({}))).rejects.toThrow('images/: no PNG or JPEG images in the folder');
    await expect(readImageFolder(folder({ 'x.png': Buffer.from('not a png') }))).rejects.toThrow(
      'images/: x.png is not a readable PNG or JPEG image',
    );
  });
});
