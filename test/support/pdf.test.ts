import { createCanvas, PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { readPdf, renderPdfPage } from './pdf.js';

/** A one-page PDF with a line of text, a stroked path and, when asked, a raster image. */
function samplePdf(withRaster: boolean): Buffer {
  const doc = new PDFDocument({ title: 'sample' });
  const ctx = doc.beginPage(200, 100) as unknown as SKRSContext2D;
  ctx.font = '12px sans-serif';
  ctx.fillText('final risk γ = 0.5', 10, 20);
  ctx.beginPath();
  ctx.moveTo(10, 90);
  ctx.lineTo(190, 40);
  ctx.stroke();
  if (withRaster) {
    const raster = createCanvas(8, 8);
    const r = raster.getContext('2d');
    r.fillStyle = '#c00';
    r.fillRect(0, 0, 4, 8);
    ctx.drawImage(raster, 150, 60, 40, 30);
  }
  doc.endPage();
  return doc.close();
}

describe('readPdf', () => {
  it('extracts the text and counts the paths of a vector page, with no image', async () => {
    const content = await readPdf(samplePdf(false));
    expect(content.pages).toBe(1);
    expect(content.text).toContain('final risk γ = 0.5');
    expect(content.paths).toBeGreaterThan(0);
    expect(content.images).toBe(0);
  });

  it('counts a raster image drawn onto the page', async () => {
    expect((await readPdf(samplePdf(true))).images).toBe(1);
  });

  it('renders the first page to a PNG of the page size at the given resolution, with ink on it', async () => {
    const png = await renderPdfPage(samplePdf(false), 144);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([400, 200]);
    const { loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(png);
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 200 && data[i]! < 100) ink++;
    expect(ink).toBeGreaterThan(100);
  });

  it('refuses bytes that are not a PDF', async () => {
    await expect(readPdf(Buffer.from('not a pdf'))).rejects.toThrow();
  });
});
