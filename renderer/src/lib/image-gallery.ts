/** The grids a result's images are shown in: its own grids, then a gallery row of the images no grid shows. */
import { imagesOutsideGrids } from '../../../core/models/image-grid.js';
import type { ImageGrid, RunResult } from '../../../core/models/model-kind.js';

export const GALLERY_NAME = 'images';

export function shownGrids(result: Pick<RunResult, 'images' | 'grids'>): { grid: ImageGrid; gallery: boolean }[] {
  const rest = imagesOutsideGrids(result).map((im) => im.name);
  const own = (result.grids ?? []).map((grid) => ({ grid, gallery: false }));
  if (!rest.length) return own;
  const gallery: ImageGrid = { name: GALLERY_NAME, title: own.length ? 'Other images' : 'Images', rows: [''], columns: rest, cells: [rest] };
  return [...own, { grid: gallery, gallery: true }];
}
