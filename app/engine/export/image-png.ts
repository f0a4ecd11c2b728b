/**
 * Images as lossless PNG with exact pixels: each pixel's bytes are those of `imageToRgba`
 * (core/models/image-bytes.ts, the linear map of the image's range), written without any resampling
 * or colour management — an 8-bit grey PNG for a grey image, 8-bit RGB for a colour one. A grid
 * exports as one labelled figure (title, column labels above, row labels on the left) whose cells
 * are the images enlarged by a whole factor, each image pixel a square of identical pixels.
 */
import { deflateSync } from 'node:zlib';
import { createCanvas, ImageData } from '@napi-rs/canvas';
import { imageToRgba } from '../../../core/models/image-bytes.js';
import { gridCell } from '../../../core/models/image-grid.js';
import type { ImageGrid, ImageResult, RunResult } from '../../../core/models/model-kind.js';
import { FONT_FAMILY } from './figure-draw.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of RGBA bytes (alpha ignored: always opaque), stored as grey when `grey`, else RGB; no filtering. */
export function encodePng(width: number, height: number, rgba: Uint8ClampedArray, grey: boolean): Buffer {
  const channels = grey ? 1 : 3;
  const stride = 1 + width * channels;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0;
    for (let x = 0; x < width; x++) {
      const from = 4 * (y * width + x);
      const to = y * stride + 1 + x * channels;
      for (let c = 0; c < channels; c++) raw[to + c] = rgba[from + c]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = grey ? 0 : 2;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** One image as a PNG of its own size: pixel (x, y) has exactly the bytes of imageToRgba. */
export function imagePng(image: ImageResult): Buffer {
  return encodePng(image.width, image.height, imageToRgba(image), (image.channels ?? 1) === 1);
}

/** RGBA bytes enlarged `scale` times, each pixel a scale × scale square. */
export function enlarge(rgba: Uint8ClampedArray, width: number, height: number, scale: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * scale * height * scale * 4);
  const rowBytes = width * scale * 4;
  for (let y = 0; y < height; y++) {
    const row = new Uint8ClampedArray(rowBytes);
    for (let x = 0; x < width; x++) for (let s = 0; s < scale; s++) row.set(rgba.subarray(4 * (y * width + x), 4 * (y * width + x) + 4), 4 * (x * scale + s));
    for (let s = 0; s < scale; s++) out.set(row, (y * scale + s) * rowBytes);
  }
  return out;
}

/** Where each cell of a grid figure goes, in pixels, for a scale. */
export interface GridFigureLayout {
  width: number;
  height: number;
  scale: number;
  /** cells[r][c]: the top-left corner of the cell's image. */
  cells: { x: number; y: number }[][];
}

const GAP = 6;
const FONT_PX = 13;

/** The whole factor that makes the grid's largest image about 128 pixels (1 to 16). */
export function defaultGridScale(images: readonly ImageResult[]): number {
  const side = Math.max(1, ...images.map((im) => Math.max(im.width, im.height)));
  return Math.max(1, Math.min(16, Math.floor(128 / side)));
}

/** The grid as one labelled PNG; its layout says where every cell's image is. */
export async function gridPng(result: Pick<RunResult, 'images'>, grid: ImageGrid, scaleGiven?: number): Promise<{ bytes: Buffer; layout: GridFigureLayout }> {
  const images = result.images ?? [];
  const cell = (r: number, c: number) => gridCell(images, grid, r, c);
  const used = grid.cells.flat().flatMap((name) => images.filter((im) => im.name === name));
  const scale = scaleGiven ?? defaultGridScale(used);
  const measure = createCanvas(1, 1).getContext('2d');
  measure.font = `${FONT_PX}px ${FONT_FAMILY}`;
  const rowLabelWidth = Math.ceil(Math.max(0, ...grid.rows.map((r) => measure.measureText(r).width)));
  const colWidths = grid.columns.map((label, c) =>
    Math.max(Math.ceil(measure.measureText(label).width), ...grid.rows.map((_, r) => (cell(r, c)?.width ?? 0) * scale), 8),
  );
  const rowHeights = grid.rows.map((_, r) => Math.max(FONT_PX, ...grid.columns.map((_, c) => (cell(r, c)?.height ?? 0) * scale)));
  const titleHeight = grid.title ? FONT_PX + 2 * GAP : 0;
  const left = GAP + rowLabelWidth + GAP;
  const top = GAP + titleHeight + FONT_PX + GAP;
  const width = left + colWidths.reduce((a, b) => a + b + GAP, 0);
  const height = top + rowHeights.reduce((a, b) => a + b + GAP, 0);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.font = `${FONT_PX}px ${FONT_FAMILY}`;
  ctx.textBaseline = 'top';
  if (grid.title) ctx.fillText(grid.title, left, GAP);
  const xs: number[] = [];
  let x = left;
  for (const [c, label] of grid.columns.entries()) {
    xs.push(x);
    ctx.fillText(label, x, GAP + titleHeight);
    x += colWidths[c]! + GAP;
  }
  const cells: GridFigureLayout['cells'] = [];
  let y = top;
  for (const [r, label] of grid.rows.entries()) {
    ctx.textAlign = 'right';
    ctx.fillText(label, GAP + rowLabelWidth, y + (rowHeights[r]! - FONT_PX) / 2);
    ctx.textAlign = 'left';
    cells.push([]);
    for (const c of grid.columns.keys()) {
      cells[r]!.push({ x: xs[c]!, y });
      const image = cell(r, c);
      if (!image) {
        ctx.fillStyle = '#eeeeee';
        ctx.fillRect(xs[c]!, y, colWidths[c]!, rowHeights[r]!);
        ctx.fillStyle = '#000000';
        continue;
      }
      const big = enlarge(imageToRgba(image), image.width, image.height, scale);
      ctx.putImageData(new ImageData(big, image.width * scale, image.height * scale), xs[c]!, y);
    }
    y += rowHeights[r]! + GAP;
  }
  return { bytes: await canvas.encode('png'), layout: { width, height, scale, cells } };
}
