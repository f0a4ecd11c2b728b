/**
 * A folder of PNG/JPEG images of one size, decoded with @napi-rs/canvas into grey values in [0, 1]
 * (RGB when any image has colour). Files are taken in name order; other files are ignored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { ImageDataset } from '../../../core/models/kit/dataset.js';
import { InputError } from './csv.js';

const IMAGE_FILE = /\.(png|jpe?g)$/i;

/** Read every image in `dir`; one InputError names an unreadable folder or file, or a size mismatch. */
export async function readImageFolder(dir: string): Promise<ImageDataset> {
  const label = `${basename(dir)}/`;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => IMAGE_FILE.test(n)).sort();
  } catch {
    throw new InputError(`${label}: the folder cannot be read`);
  }
  if (names.length === 0) throw new InputError(`${label}: no PNG or JPEG images in the folder`);
  const rgba: Uint8ClampedArray[] = [];
  let width = 0;
  let height = 0;
  for (const name of names) {
    let img;
    try {
      img = await loadImage(readFileSync(join(dir, name)));
    } catch {
      throw new InputError(`${label}: ${name} is not a readable PNG or JPEG image`);
    }
    if (rgba.length === 0) {
      width = img.width;
      height = img.height;
    } else if (img.width !== width || img.height !== height) {
      throw new InputError(`${label}: ${name} is ${img.width}×${img.height} but the others are ${width}×${height}`);
    }
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    rgba.push(ctx.getImageData(0, 0, width, height).data);
  }
  const colour = rgba.some((d) => {
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return true;
    return false;
  });
  const channels = colour ? 3 : 1;
  const images = rgba.map((d) => {
    const out = new Float64Array(width * height * channels);
    for (let p = 0; p < width * height; p++) {
      for (let c = 0; c < channels; c++) out[p * channels + c] = d[p * 4 + c]! / 255;
    }
    return out;
  });
  return { type: 'images', width, height, channels, images };
}
