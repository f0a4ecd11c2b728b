/**
 * Image grids of a result (model-kind.ts `ImageGrid`): the check a result passes before it is
 * stored or imported, and the lookups the viewers and exports share. Pure.
 */
import type { ImageGrid, ImageResult, RunResult } from './model-kind.js';

/** Largest number of rows or columns in a grid, and of grids in a result. */
export const GRID_LIMITS = { rows: 1000, columns: 1000, grids: 1000, label: 200 } as const;

/** What is wrong with one image (size, channels, values count, range), or null. */
export function imageProblem(image: ImageResult): string | null {
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) return `image ${image.name}: size ${width}×${height} is not a positive whole size`;
  const channels = image.channels ?? 1;
  if (channels !== 1 && channels !== 3) return `image ${image.name}: ${String(channels)} channels (1 or 3 allowed)`;
  if (image.data.length !== width * height * channels) {
    return `image ${image.name}: ${image.data.length} values, expected ${width * height * channels} (${width}×${height}×${channels})`;
  }
  if (image.range) {
    const [lo, hi] = image.range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) return `image ${image.name}: range [${lo}, ${hi}] is not two finite values, low below high`;
  }
  for (const [name, value] of Object.entries(image.metrics ?? {})) {
    if (!name || name.length > 64) return `image ${image.name}: a metric name of 1 to 64 characters expected`;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `image ${image.name}: metric ${name} is ${String(value)}, not a finite number`;
  }
  return null;
}

/** What is wrong with the grids of a result (a cell naming no image or an ambiguous one, a ragged table, a repeated grid name), or null. */
export function gridsProblem(result: Pick<RunResult, 'images' | 'grids'>): string | null {
  const grids = result.grids ?? [];
  if (grids.length > GRID_LIMITS.grids) return `${grids.length} grids (at most ${GRID_LIMITS.grids})`;
  const count = new Map<string, number>();
  for (const image of result.images ?? []) count.set(image.name, (count.get(image.name) ?? 0) + 1);
  const names = new Set<string>();
  for (const grid of grids) {
    if (!grid.name) return 'a grid without a name';
    if (names.has(grid.name)) return `grid ${grid.name} appears twice`;
    names.add(grid.name);
    if (grid.rows.length < 1 || grid.columns.length < 1) return `grid ${grid.name}: no rows or no columns`;
    if (grid.rows.length > GRID_LIMITS.rows || grid.columns.length > GRID_LIMITS.columns) return `grid ${grid.name}: more than ${GRID_LIMITS.rows} rows or columns`;
    if (grid.cells.length !== grid.rows.length) return `grid ${grid.name}: ${grid.cells.length} rows of cells for ${grid.rows.length} row labels`;
    for (const [r, row] of grid.cells.entries()) {
      if (row.length !== grid.columns.length) return `grid ${grid.name}, row ${r + 1}: ${row.length} cells for ${grid.columns.length} columns`;
      for (const cell of row) {
        if (cell === null) continue;
        const n = count.get(cell) ?? 0;
        if (n === 0) return `grid ${grid.name}, row ${r + 1}: no image named ${cell}`;
        if (n > 1) return `grid ${grid.name}, row ${r + 1}: ${n} images are named ${cell}`;
      }
    }
  }
  return null;
}

/** What is wrong with a result's images and grids, or null: the check before it is stored. */
export function imagesProblem(result: Pick<RunResult, 'images' | 'grids'>): string | null {
  for (const image of result.images ?? []) {
    const problem = imageProblem(image);
    if (problem) return problem;
  }
  return gridsProblem(result);
}

/** The image a cell names, or null for an empty cell. */
export function gridCell(images: readonly ImageResult[], grid: ImageGrid, row: number, column: number): ImageResult | null {
  const name = grid.cells[row]?.[column] ?? null;
  return name === null ? null : (images.find((im) => im.name === name) ?? null);
}

/** The images no grid shows, in result order (a viewer lists them as a gallery). */
export function imagesOutsideGrids(result: Pick<RunResult, 'images' | 'grids'>): ImageResult[] {
  const shown = new Set<string>();
  for (const grid of result.grids ?? []) for (const row of grid.cells) for (const cell of row) if (cell !== null) shown.add(cell);
  return (result.images ?? []).filter((im) => !shown.has(im.name));
}

/** The value(s) of an image at pixel (x, y): one for grey, three for RGB. */
export function pixelValues(image: ImageResult, x: number, y: number): number[] {
  const channels = image.channels ?? 1;
  const at = (y * image.width + x) * channels;
  return Array.from(image.data.subarray(at, at + channels));
}
