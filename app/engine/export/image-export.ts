/**
 * Exporting a run's image, or one of its grids as a labelled figure, as a PNG file (image-png.ts):
 * the name is looked up in the run's result, and an unknown one is refused naming those there are.
 */
import type { FigureFile, ImageExportRequest } from '../../api.js';
import { echo } from '../../../core/models/echo.js';
import type { ImageGrid, ImageResult, RunResult } from '../../../core/models/model-kind.js';
import { withPngDensity } from './file-units.js';
import { gridPng, imagePng } from './image-png.js';

/** PNG density (written in its pHYs chunk): 96 dpi, a pixel per screen pixel. */
const PNG_DPI = 96;

export class ImageNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageNameError';
  }
}

const listed = (names: string[]): string => (names.length ? names.map((n) => echo(n, 60)).join(', ') : 'none');

/** The image named `name` in `result`, or ImageNameError listing the run's images. */
export function findImage(runId: string, result: Pick<RunResult, 'images'> | null | undefined, name: string): ImageResult {
  const images = result?.images ?? [];
  const found = images.find((im) => im.name === name);
  if (!found) throw new ImageNameError(`run ${runId} has no image ${echo(name, 60)} (its images: ${listed(images.map((im) => im.name))})`);
  return found;
}

/** The grid named `name` in `result`, or ImageNameError listing the run's grids. */
export function findGrid(runId: string, result: Pick<RunResult, 'grids'> | null | undefined, name: string): ImageGrid {
  const grids = result?.grids ?? [];
  const found = grids.find((g) => g.name === name);
  if (!found) throw new ImageNameError(`run ${runId} has no image grid ${echo(name, 60)} (its grids: ${listed(grids.map((g) => g.name))})`);
  return found;
}

function safeStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'image';
}

/** The PNG file of the request: one image at its own size, or a grid as a figure. */
export async function renderImageExport(req: ImageExportRequest, result: RunResult | null | undefined): Promise<{ file: FigureFile; bytes: Buffer }> {
  let bytes: Buffer;
  let width: number;
  let height: number;
  let stem: string;
  if (req.image !== undefined) {
    const image = findImage(req.id, result, req.image);
    bytes = imagePng(image);
    ({ width, height } = image);
    stem = `${req.id}-${image.name}`;
  } else {
    const grid = findGrid(req.id, result, req.grid!);
    const drawn = await gridPng(result!, grid, req.scale);
    bytes = drawn.bytes;
    ({ width, height } = drawn.layout);
    stem = `${req.id}-grid-${grid.name}`;
  }
  bytes = withPngDensity(bytes, PNG_DPI);
  const mm = (px: number) => (px * 25.4) / PNG_DPI;
  const file: FigureFile = {
    format: 'png', mime: 'image/png', filename: `${safeStem(stem)}.png`, base64: bytes.toString('base64'),
    widthPx: width, heightPx: height, widthMm: mm(width), heightMm: mm(height), dpi: PNG_DPI,
  };
  return { file, bytes };
}
