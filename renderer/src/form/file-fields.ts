/**
 * Parameters that hold the path of a file the run reads (a kind's declared inputs): the form shows
 * what they take and, where the shell can tell a picked file's path (the desktop app), a picker.
 */
import type { KindInfo } from '../../../app/api.js';

export type InputAccepts = KindInfo['inputs'][number]['accepts'];

export interface FileFields {
  /** What the parameter at `path` takes, when it names a file the run reads. */
  accepts(path: string): InputAccepts | undefined;
  /** The path on disk of a picked file; absent where the shell cannot tell it (a browser). */
  pathForFile?: (file: File) => string | null;
}

export function fileFields(kind: KindInfo | undefined, pathForFile?: (file: File) => string | null): FileFields {
  const byPath = new Map((kind?.inputs ?? []).map((i) => [i.pathParam, i.accepts] as const));
  return { accepts: (path) => byPath.get(path), ...(pathForFile ? { pathForFile } : {}) };
}

/** A short description of what a file parameter takes, for its hint line. */
export function acceptsHint(accepts: InputAccepts): string {
  const what = {
    csv: 'path of a CSV file (header row, numbers)',
    images: 'path of a folder of PNG/JPEG images, or package:mnist',
    artifact: 'a stored model: run:RUN_ID/NAME or artifact:ID',
  };
  return accepts.map((a) => what[a]).join(', or ');
}

/**
 * The path a picked file stands for: the file itself for a CSV, its folder for images (a folder
 * is picked by choosing any image in it).
 */
export function pickedPath(filePath: string, accepts: InputAccepts): string {
  if (accepts.includes('csv') && /\.csv$/i.test(filePath)) return filePath;
  if (accepts.includes('images')) return filePath.replace(/[\\/][^\\/]*$/, '');
  return filePath;
}
