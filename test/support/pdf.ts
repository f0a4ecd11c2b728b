/**
 * Reads a PDF in JavaScript (pdfjs-dist, legacy build for Node) for the figure-export tests: the
 * text a reader can extract, how many raster images are painted, and how many vector paths are
 * drawn (a figure is vector when it has text and paths and paints no image); and a page rendered
 * to PNG, to look at.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfContent {
  pages: number;
  /** Every page's text, items joined by spaces and lines by newlines. */
  text: string;
  /** Image operators of every kind (XObject, inline, mask, repeated), over all pages. */
  images: number;
  /** Path-construction operators over all pages. */
  paths: number;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);

function open(bytes: Uint8Array) {
  return getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

/** Parses `bytes`; throws (with pdfjs's reason) when they are not a readable PDF. */
export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await open(bytes);
  try {
    const texts: string[] = [];
    let images = 0;
    let paths = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
      const { fnArray } = await page.getOperatorList();
      for (const op of fnArray) {
        if (IMAGE_OPS.has(op)) images++;
        else if (op === OPS.constructPath) paths++;
      }
    }
    return { pages: doc.numPages, text: texts.join('\n'), images, paths };
  } finally {
    await doc.destroy();
  }
}

/** Page `pageNumber` (the first by default) as a PNG at `dpi` dots per inch. */
export async function renderPdfPage(bytes: Uint8Array, dpi = 96, pageNumber = 1): Promise<Buffer> {
  const doc = await open(bytes);
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    // pdfjs's own canvas (its copy of @napi-rs/canvas): it draws with that version's Path2D.
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: HTMLCanvasElement & { toBuffer(mime: 'image/png'): Buffer }; context: CanvasRenderingContext2D } };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}
