/**
 * Whether a file could be written, asked before anything is computed or written, so that bad output
 * paths are refused up front with a reason in words. Nothing here creates or changes a file.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { clip } from '../../core/models/echo.js';

const FILE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
  EROFS: 'the file system is read-only',
};

/** A file-system error in words (its code when it has no words here). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && FILE_ERRORS[code]) ?? code ?? (error instanceof Error ? error.message : String(error));
}

/** How a path appears in messages: whole unless very long. */
export function showPath(path: string): string {
  return clip(path, 300);
}

export function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** The nearest ancestor of `path` that exists as something other than a folder. */
export function fileAncestor(path: string): string {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      // missing or unreachable: keep climbing
    }
  }
  return dirname(path);
}

/**
 * Why a file at `path` (new or to be replaced) could not be written, in words, or null when it
 * can: a folder in its place, a missing or read-only folder, a file where a folder should be.
 */
export function whyNotWritable(path: string): string | null {
  const full = resolve(path);
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) return 'it is a folder';
    if (!stat.isFile()) return 'it is not a regular file';
    return canAccess(full, constants.W_OK) ? null : 'the file is read-only';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return `${showPath(fileAncestor(full))} is a file, not a folder`;
    if (code !== 'ENOENT') return fileErrorReason(error);
  }
  const folder = dirname(full);
  try {
    if (!statSync(folder).isDirectory()) return `${showPath(folder)} is a file, not a folder`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `the folder ${showPath(folder)} does not exist`;
    if (code === 'ENOTDIR') return `${showPath(fileAncestor(folder))} is a file, not a folder`;
    return fileErrorReason(error);
  }
  return canAccess(folder, constants.W_OK) ? null : `the folder ${showPath(folder)} is read-only`;
}
