/**
 * The image fixture kind passes the model-kind contract like any kind, and its result (images only,
 * one grid with an empty cell, one image outside the grid) passes the check a result is stored under.
 */
import { describe, expect, it } from 'vitest';
import { imagesOutsideGrids, imagesProblem } from '../../../core/models/image-grid.js';
import { imageGridResult, imageKind } from '../../fixtures/image-kind/index.js';
import { describeKindContract } from './contract-checks.js';

describeKindContract(imageKind, [{ side: 4 }, { side: 7 }]);

describe('the image fixture kind', () => {
  it('returns a valid grid of five images, an empty cell and one image outside the grid', () => {
    const result = imageGridResult(6);
    expect(imagesProblem(result)).toBeNull();
    expect(result.grids![0]!.cells.flat().filter((c) => c !== null)).toHaveLength(5);
    expect(imagesOutsideGrids(result).map((im) => im.name)).toEqual(['residual']);
  });

  it('names what is wrong with a grid that does not fit its images', () => {
    const result = imageGridResult(4);
    const grid = result.grids![0]!;
    expect(imagesProblem({ ...result, grids: [grid, grid] })).toBe('grid restoration appears twice');
    expect(imagesProblem({ ...result, grids: [{ ...grid, rows: ['one'] }] })).toBe('grid restoration: 2 rows of cells for 1 row labels');
    expect(imagesProblem({ images: [...result.images!, result.images![0]!], grids: [grid] })).toBe('grid restoration, row 1: 2 images are named ramp');
    expect(imagesProblem({ images: [{ ...result.images![0]!, range: [1, 1] }] })).toBe('image ramp: range [1, 1] is not two finite values, low below high');
  });
});
