/**
 * The three formats of one figure agree: the same physical size (SVG width and height in mm, the
 * PDF page in points, the PNG's pixels over the density of its pHYs chunk) within 0.5 mm, and the
 * same text size within 0.5 pt (SVG font-size over its viewBox, the PDF's text matrix, and in the
 * PNG the height of the x-axis title's ink against the same text drawn at a known size). A 2×2
 * figure of panels with letters exports in all three.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../app/api.js';
import { drawFigureFile, renderFigure } from '../../app/engine/export/figure.js';
import { FONT_FAMILY } from '../../app/engine/export/figure-draw.js';
import { figureSpec, type FigureData } from '../../app/engine/export/figure-spec.js';
import { pngDensity } from '../../app/engine/export/file-units.js';
import { kinds } from '../../core/models/registry.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { runKind } from '../../core/models/run-kind.js';
import { ctx } from '../core/models/ctx.js';
// After chart.js: pdfjs installs a global Path2D of its own canvas copy, which chart.js would
// otherwise pick up for its paths and hand to ours.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPdf, renderPdfPage } from '../support/pdf.js';

/** A finished run of `kind` at `preset`, kept in memory as the library would hand it over. */
function run(id: string, kind: string, preset: string, params: Record<string, unknown>, seed = 1): RunDetail {
  const k = kinds.find((x) => x.id === kind)!;
  const resolved = resolveParams(k, { preset, params });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  const result = runKind(k, resolved.params, ctx(seed, 3));
  return { id, kind, name: `${kind} · ${preset}`, paramsHash: `${kind}-${preset}`, seed, result } as unknown as RunDetail;
}

const RUNS = [
  run('run-dpsgd-0001', 'dp-sgd', 'a8-anisotropic', { d: 60, grid: 30 }),
  run('run-sgdglm-0002', 'sgd-glm', 'hl-fig3c', { d: 40, T: 30, grid: 40 }),
  run('run-gmmsgd-0003', 'gmm-sgd', 'a10-isotropic', { d: 60, T: 4, grid: 30 }),
];
const data: FigureData = {
  run: (id) => {
    const found = RUNS.find((r) => r.id === id);
    if (!found) throw new Error(`no run ${id}`);
    return found;
  },
  sweep: () => {
    throw new Error('no sweeps here');
  },
};

/** Text whose ink has no ascenders or descenders beyond the capitals: its height is the cap height. */
const PROBE = 'HEXHEX';
const FONT_PT = 9;
const DPI = 300;

type Rgba = { data: Uint8ClampedArray | Uint8Array; width: number; height: number };

async function pixels(png: Buffer): Promise<Rgba> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const c = canvas.getContext('2d');
  c.drawImage(image, 0, 0);
  return c.getImageData(0, 0, image.width, image.height);
}

/** Height in pixels of the lowest band of dark ink (the x-axis title at the bottom of a figure). */
function lowestInkBand(img: Rgba): number {
  const dark = (y: number) => {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i]! < 128 && img.data[i + 1]! < 128 && img.data[i + 2]! < 128 && img.data[i + 3]! > 128) return true;
    }
    return false;
  };
  let y = img.height - 1;
  while (y >= 0 && !dark(y)) y--;
  const bottom = y;
  while (y >= 0 && dark(y)) y--;
  return bottom - y;
}

/** The cap height in pixels of PROBE drawn at `pt` points and `dpi`. */
function referenceCapHeight(pt: number, dpi: number): Promise<number> {
  const px = (pt * dpi) / 72;
  const canvas = createCanvas(Math.ceil(px * 10), Math.ceil(px * 3));
  const c = canvas.getContext('2d');
  c.fillStyle = '#fff';
  c.fillRect(0, 0, canvas.width, canvas.height);
  c.fillStyle = '#2b3036';
  c.font = `normal ${px}px ${FONT_FAMILY}`;
  c.textBaseline = 'middle';
  c.fillText(PROBE, px, canvas.height / 2);
  return pixels(canvas.toBuffer('image/png')).then(lowestInkBand);
}

async function pdfPage(bytes: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  const items = content.items.filter((i): i is typeof i & { str: string; transform: number[] } => 'str' in i);
  await doc.destroy();
  return { widthPt: x1 - x0, heightPt: y1 - y0, items };
}

describe('one figure in SVG, PDF and PNG', async () => {
  const spec = figureSpec(
    { figure: { type: 'run', id: RUNS[0]!.id, name: 'risk' }, format: 'svg', widthMm: 85, heightMm: 60, fontSize: FONT_PT, xLabel: PROBE },
    data,
  );
  const svg = (await drawFigureFile(spec, 'svg', 'f')).bytes.toString('utf8');
  const pdf = (await drawFigureFile(spec, 'pdf', 'f')).bytes;
  const png = (await drawFigureFile(spec, 'png', 'f', DPI)).bytes;

  it('has the same physical size within 0.5 mm, written in each file', async () => {
    const root = /<svg\b[^>]*>/.exec(svg)![0];
    const svgW = Number(/\swidth="([\d.]+)mm"/.exec(root)![1]);
    const svgH = Number(/\sheight="([\d.]+)mm"/.exec(root)![1]);
    const page = await pdfPage(pdf);
    const density = pngDensity(png)!;
    const pngW = (png.readUInt32BE(16) / density.x) * 25.4;
    const pngH = (png.readUInt32BE(20) / density.y) * 25.4;
    expect(density.x).toBeCloseTo(DPI, 0);
    for (const [w, h] of [
      [svgW, svgH],
      [(page.widthPt / 72) * 25.4, (page.heightPt / 72) * 25.4],
      [pngW, pngH],
    ]) {
      expect(Math.abs(w! - 85)).toBeLessThan(0.5);
      expect(Math.abs(h! - 60)).toBeLessThan(0.5);
    }
  });

  it('sets its text in the same size within 0.5 pt', async () => {
    // SVG: font-size in viewBox units, viewBox points over the width in mm.
    const root = /<svg\b[^>]*>/.exec(svg)![0];
    const viewW = Number(/viewBox="0 0 ([\d.]+) /.exec(root)![1]);
    const svgW = Number(/\swidth="([\d.]+)mm"/.exec(root)![1]);
    const probe = [...svg.matchAll(/<text[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].find((m) => m[2]!.includes(PROBE));
    expect(probe, 'the x-axis title as SVG text').toBeDefined();
    const svgPt = (Number(probe![1]) * svgW * (72 / 25.4)) / viewW;
    // PDF: the text matrix's vertical scale.
    const item = (await pdfPage(pdf)).items.find((i) => i.str.includes(PROBE));
    expect(item, 'the x-axis title as PDF text').toBeDefined();
    const pdfPt = Math.hypot(item!.transform[2]!, item!.transform[3]!);
    // PNG: the title's cap height against the same text drawn at FONT_PT.
    const reference = await referenceCapHeight(FONT_PT, DPI);
    const pngPt = (FONT_PT * lowestInkBand(await pixels(png))) / reference;
    // The PDF rendered at the same density has the same ink.
    const pdfInkPt = (FONT_PT * lowestInkBand(await pixels(await renderPdfPage(pdf, DPI)))) / reference;
    for (const [format, pt] of Object.entries({ svg: svgPt, pdf: pdfPt, png: pngPt, 'pdf rendered': pdfInkPt })) {
      expect(Math.abs(pt - FONT_PT), `${format}: ${pt.toFixed(2)} pt`).toBeLessThan(0.5);
    }
  });

  it('prints no title when the title is empty, not even the run name', async () => {
    expect(svg).not.toContain(RUNS[0]!.name);
    const titled = await renderFigure({ figure: { type: 'run', id: RUNS[0]!.id, name: 'risk' }, format: 'svg', title: 'Clipping at c = 1' }, data);
    // A phrase stays one text element (the SVG backend splits lines at spaces; they are joined back).
    expect(Buffer.from(titled.base64, 'base64').toString('utf8')).toMatch(/<text[^>]*>Clipping at c = 1<\/text>/);
    const blank = await renderFigure({ figure: { type: 'run', id: RUNS[0]!.id, name: 'risk' }, format: 'svg', title: '  ' }, data);
    expect(Buffer.from(blank.base64, 'base64').toString('utf8')).not.toContain(RUNS[0]!.name);
  });

  it('keeps "fi" and "fl" as letters in SVG and PDF text, so labels are found as typed', async () => {
    const label = 'final_risk_theory, flat';
    const request = { figure: { type: 'run' as const, id: RUNS[0]!.id, name: 'risk' }, title: label, yLabel: label };
    const svgText = Buffer.from((await renderFigure({ ...request, format: 'svg' }, data)).base64, 'base64').toString('utf8');
    expect(svgText).toContain(label);
    expect(svgText).not.toMatch(/[\uFB00-\uFB06]/);
    const pdfText = (await readPdf(Buffer.from((await renderFigure({ ...request, format: 'pdf' }, data)).base64, 'base64'))).text;
    expect(pdfText).toContain('final_risk_theory');
    expect(pdfText).not.toMatch(/[\uFB00-\uFB06]/);
  });
});

describe('a 2×2 figure of panels with letters', () => {
  const request = {
    figure: {
      type: 'grid' as const,
      panels: [
        { type: 'run' as const, id: RUNS[0]!.id, name: 'risk' },
        { type: 'run' as const, id: RUNS[0]!.id, name: 'clip_fraction' },
        { type: 'run' as const, id: RUNS[1]!.id, name: 'distance' },
        { type: 'aggregate' as const, ids: [RUNS[2]!.id], name: 'accuracy' },
      ],
    },
    preset: 'double' as const,
    grid: { rows: 2, columns: 2 },
    letters: true,
  };

  it.each(['svg', 'pdf', 'png'] as const)('exports as %s with (a) to (d) and one legend', async (format) => {
    const spec = figureSpec({ ...request, format }, data);
    const { bytes, layout } = await drawFigureFile(spec, format, 'grid', 150);
    expect(layout.panels).toHaveLength(4);
    // Four cells of the grid, each with a plot of its own.
    const cells = layout.panels.map((p) => `${Math.round(p.box.left)},${Math.round(p.box.top)}`);
    expect(new Set(cells).size).toBe(4);
    for (const p of layout.panels) expect(p.plot.width * p.plot.height).toBeGreaterThan(0.3 * p.box.width * p.box.height);
    // One legend, in one panel.
    expect(layout.panels.filter((p) => p.legend).length).toBe(1);
    if (format === 'svg') for (const letter of ['(a)', '(b)', '(c)', '(d)']) expect(bytes.toString('utf8')).toContain(letter);
    if (format === 'pdf') {
      const text = (await readPdf(bytes)).text;
      for (const letter of ['(a)', '(b)', '(c)', '(d)']) expect(text).toContain(letter);
    }
    if (format === 'png') {
      const img = await pixels(bytes);
      expect(pngDensity(bytes)?.x).toBeCloseTo(150, 0);
      // Dark ink in every quadrant.
      for (const [qx, qy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        let ink = 0;
        for (let y = Math.floor((qy * img.height) / 2); y < ((qy + 1) * img.height) / 2; y += 2) {
          for (let x = Math.floor((qx * img.width) / 2); x < ((qx + 1) * img.width) / 2; x += 2) {
            const i = (y * img.width + x) * 4;
            if (img.data[i]! < 90 && img.data[i + 1]! < 90 && img.data[i + 2]! < 90) ink++;
          }
        }
        expect(ink, `quadrant ${qx},${qy}`).toBeGreaterThan(200);
      }
    }
  });

  it('refuses a grid too small for its panels', () => {
    expect(() => figureSpec({ ...request, grid: { rows: 1, columns: 3 }, format: 'svg' }, data)).toThrow(/1×3 grid holds 3 panels; the figure has 4/);
  });
});
