/**
 * `limitlab export RUN_ID --image NAME --out FILE.png` and `--grid NAME --out FILE.png`: one image
 * of a run as a lossless PNG with exact pixels, or one of its image grids as a labelled PNG figure.
 * The options are checked before the library opens, the name once the run is read (an unknown one
 * is one line naming those the run has, exit 2); files are rendered before any is written.
 */
import type { ImageExportRequest, RunDetail } from '../api.js';
import { echo } from '../../core/models/echo.js';
import { findGrid, findImage, ImageNameError, renderImageExport } from '../engine/export/image-export.js';
import { flag, UsageError, type FlagSpec, type ParsedArgs } from './args.js';
import { FIGURE_FLAGS, planOutputs, type OutputPlan } from './outputs.js';

export const IMAGE_FLAGS: Record<string, FlagSpec> = { image: { value: true }, grid: { value: true } };

export interface ImagePlan {
  files: OutputPlan['files'];
  pick: { image: string } | { grid: string };
}

/** The plan when --image or --grid is given, else null; a UsageError names a misused option. */
export function planImageOutputs(parsed: ParsedArgs, ids: readonly string[], libraryPath: string): ImagePlan | null {
  const image = flag(parsed, 'image');
  const grid = flag(parsed, 'grid');
  if (image === undefined && grid === undefined) return null;
  if (image !== undefined && grid !== undefined) throw new UsageError('--image and --grid each name what to export: give one');
  const option = image !== undefined ? 'image' : 'grid';
  const name = (image ?? grid)!;
  if (name.trim() === '' || name.length > 128) throw new UsageError(`--${option} ${echo(name)}: expected the name of one of the run's ${option === 'image' ? 'images' : 'image grids'}`);
  if (ids.length !== 1) throw new UsageError(`--${option} exports from one run: give one RUN_ID`);
  const figureOnly = [...Object.keys(FIGURE_FLAGS), 'replicas', 'preset'].find((f) => parsed.flags.has(f));
  if (figureOnly) throw new UsageError(`--${figureOnly} shapes a chart figure, not --${option}`);
  const { files } = planOutputs(parsed, { allowed: ['png'], libraryPath, replicasStyle: true });
  return { files, pick: image !== undefined ? { image } : { grid: grid! } };
}

/** Every planned file's bytes; an unknown name is a UsageError naming the run's images or grids. */
export async function renderImageOutputs(plan: ImagePlan, run: RunDetail): Promise<{ path: string; bytes: Buffer }[]> {
  try {
    if ('image' in plan.pick) findImage(run.id, run.result, plan.pick.image);
    else findGrid(run.id, run.result, plan.pick.grid);
    const request: ImageExportRequest = { id: run.id, ...plan.pick };
    const { bytes } = await renderImageExport(request, run.result);
    return plan.files.map((f) => ({ path: f.path, bytes }));
  } catch (error) {
    if (error instanceof ImageNameError) throw new UsageError(error.message);
    throw error;
  }
}
