/**
 * Publication figures, rendered headless from the same chart.js configurations the app draws on
 * screen (view/charts), onto @napi-rs/canvas: SVG (text kept as text), vector PDF, and PNG. Every
 * format is drawn in points (1/72 in) from the same layout (figure-draw.ts), so a figure has the
 * same physical size and text sizes in all three: the SVG says its width and height in mm, the PDF
 * page is in points, and the PNG carries its density in a pHYs chunk.
 */
import { createCanvas, PDFDocument, SvgExportFlag, type SKRSContext2D } from '@napi-rs/canvas';
import type { FigureFile, FigureRequest } from '../../api.js';
import { drawFigure, PT_PER_MM, type FigureLayout } from './figure-draw.js';
import { figureSpec, type FigureData, type FigureSpec } from './figure-spec.js';
import { joinSvgWords, svgInMillimetres, withPngDensity } from './file-units.js';

export type { FigureData } from './figure-spec.js';

/** PNG density: 96 dpi times the scale (1–3), unless a dpi is given. */
export function pngDpi(req: Pick<FigureRequest, 'dpi' | 'scale'>): number {
  return req.dpi ?? 96 * (req.scale ?? 2);
}

export interface RenderedFigure {
  file: FigureFile;
  bytes: Buffer;
  layout: FigureLayout;
}

/** Draw `spec` as `format` (PNG at `dpi`); the file's bytes and where everything went. */
export async function drawFigureFile(spec: FigureSpec, format: FigureRequest['format'], stem: string, dpi = 192): Promise<RenderedFigure> {
  const w = spec.widthMm * PT_PER_MM;
  const h = spec.heightMm * PT_PER_MM;
  const size = { widthMm: spec.widthMm, heightMm: spec.heightMm };
  if (format === 'png') {
    const scale = dpi / 72;
    const canvas = createCanvas(Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale)));
    const layout = drawFigure(canvas.getContext('2d'), spec, w, h, scale);
    const bytes = withPngDensity(await canvas.encode('png'), dpi);
    const file: FigureFile = { format: 'png', mime: 'image/png', filename: `${stem}.png`, base64: bytes.toString('base64'), widthPx: canvas.width, heightPx: canvas.height, ...size, dpi };
    return { file, bytes, layout };
  }
  if (format === 'svg') {
    // Text stays as <text> elements (no ConvertTextToPaths), so labels remain searchable and editable.
    const canvas = createCanvas(Math.ceil(w), Math.ceil(h), SvgExportFlag.NoPrettyXML);
    const layout = drawFigure(canvas.getContext('2d'), spec, w, h, 1);
    const bytes = Buffer.from(svgInMillimetres(joinSvgWords(canvas.getContent().toString('utf8')), spec.widthMm, spec.heightMm, w, h), 'utf8');
    const file: FigureFile = { format: 'svg', mime: 'image/svg+xml', filename: `${stem}.svg`, base64: bytes.toString('base64'), widthPx: Math.round(w), heightPx: Math.round(h), ...size };
    return { file, bytes, layout };
  }
  const doc = new PDFDocument({ title: spec.title || stem, creator: 'Limitlab' });
  const ctx = doc.beginPage(w, h);
  const layout = drawFigure(ctx as unknown as SKRSContext2D, spec, w, h, 1);
  doc.endPage();
  const bytes = doc.close();
  const file: FigureFile = { format: 'pdf', mime: 'application/pdf', filename: `${stem}.pdf`, base64: bytes.toString('base64'), widthPx: Math.round(w), heightPx: Math.round(h), ...size };
  return { file, bytes, layout };
}

export async function renderFigure(req: FigureRequest, data: FigureData): Promise<FigureFile> {
  return (await drawFigureFile(figureSpec(req, data), req.format, figureStem(req), pngDpi(req))).file;
}

function figureStem(req: FigureRequest): string {
  const f = req.figure;
  const raw =
    f.type === 'run' ? `${f.id}-${f.name}` :
    f.type === 'overlay' ? `overlay-${f.ids.length}-${f.name}` :
    f.type === 'aggregate' ? `mean-of-${f.ids.length}-${f.name}` :
    f.type === 'compare' ? `compare-${f.ids.length}-${f.name}` :
    f.type === 'grid' ? `panels-${f.panels.length}` :
    f.type === 'sweep-line' ? `sweep-${f.sweepId}-${f.scalar}` :
    `sweep-${f.sweepId}-${f.scalar}-heatmap`;
  return raw.replace(/[^A-Za-z0-9._-]+/g, '_');
}
