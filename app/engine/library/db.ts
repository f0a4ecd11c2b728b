/**
 * Opening the library: the file is inspected first and touched only when it is empty or a Limitlab
 * library (`PRAGMA application_id` = LIMITLAB_APPLICATION_ID, or an older library recognised by its
 * tables); then WAL, foreign keys, forward-only migrations on `PRAGMA user_version` inside one
 * transaction, a backup before migrating a non-empty file, and refusal to open a file written by a
 * newer Limitlab. Every refusal is a LibraryFileError naming the file.
 */
import Database from 'better-sqlite3';
import { closeSync, constants, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { canAccess, fileAncestor, fileErrorReason, showPath } from '../file-checks.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/**
 * `PRAGMA application_id` of every Limitlab library: the ASCII bytes "LLab" (0x4C4C6162). It sits
 * at offset 68 of the SQLite header, so `file` and other tools can tell a library from any other
 * SQLite database. Never change it.
 */
export const LIMITLAB_APPLICATION_ID = 0x4c4c6162;

/** Tables every Limitlab library has had since schema version 1 (how a library from before the application id is recognised). */
const LIBRARY_TABLES = ['runs', 'run_tags', 'series', 'images'];

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** The library file cannot be used: the message names the file and says why. Nothing was written. */
export class LibraryFileError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'LibraryFileError';
  }
}

export class NewerSchemaError extends LibraryFileError {
  constructor(readonly found: number, readonly known: number, path: string) {
    super(path, `the library ${showPath(path)} has schema version ${found}, newer than this Limitlab knows (${known}); upgrade Limitlab to open it`);
    this.name = 'NewerSchemaError';
  }
}

export interface OpenOptions {
  /** A better-sqlite3 native binding built for this runtime (Electron); default: the package's own. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** Create the library's folder when it is missing (default true); false refuses a missing folder. */
  createFolder?: boolean;
}

/** What the file at a library path holds before it is opened for writing. */
type Found = { state: 'new' } | { state: 'library'; version: number; stamped: boolean };

export async function openLibrary(path: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const found: Found = path === ':memory:' ? { state: 'new' } : inspectLibrary(path, options.createFolder ?? true, target, options.nativeBinding);
  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new LibraryFileError(path, `cannot open the library ${showPath(path)}: ${describe(error)}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    await migrate(db, path, found, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof LibraryFileError) throw error;
    throw new LibraryFileError(path, `cannot open the library ${showPath(path)}: ${describe(error)}`);
  }
}

async function migrate(db: Db, path: string, found: Found, migrations: readonly Migration[]): Promise<void> {
  const current = db.pragma('user_version', { simple: true }) as number;
  const target = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > target) throw new NewerSchemaError(current, target, path);
  const pending = migrations.filter((m) => m.version > current);
  const stamped = (db.pragma('application_id', { simple: true }) as number) === LIMITLAB_APPLICATION_ID;
  if (pending.length === 0 && stamped) return;
  if (found.state === 'library' && current > 0 && pending.length) {
    await db.backup(`${path}.v${current}.bak`);
  }
  const apply = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    if (!stamped) db.pragma(`application_id = ${LIMITLAB_APPLICATION_ID}`);
  });
  apply.immediate();
}

/**
 * Checks a library path without writing to it: the folder exists (created when allowed), the file
 * is absent, empty, or a Limitlab library this version can open. Anything else throws.
 */
function inspectLibrary(path: string, createFolder: boolean, target: number, nativeBinding?: string): Found {
  const shown = showPath(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LibraryFileError(path, `the library ${shown} is a folder; give the path of a library file inside it, e.g. ${shown.replace(/\/*$/, '')}/library.sqlite`);
    if (!stat.isFile()) throw new LibraryFileError(path, `the library ${shown} is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof LibraryFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      prepareFolder(path, createFolder);
      return { state: 'new' };
    }
    if (code === 'ENOTDIR') throw new LibraryFileError(path, `cannot create the library ${shown}: ${showPath(fileAncestor(path))} is a file, not a folder`);
    throw new LibraryFileError(path, `cannot reach the library ${shown}: ${fileErrorReason(error)}`);
  }
  if (!canAccess(path, constants.R_OK)) throw new LibraryFileError(path, `cannot read the library ${shown}: permission denied`);
  const found = size === 0 ? ({ state: 'new' } as const) : inspectContent(path, size, target, nativeBinding);
  if (!canAccess(path, constants.W_OK)) throw new LibraryFileError(path, `cannot write the library ${shown}: the file is read-only`);
  if (!canAccess(dirname(path), constants.W_OK)) throw new LibraryFileError(path, `cannot write the library ${shown}: its folder is read-only`);
  return found;
}

/**
 * What a non-empty file holds: a Limitlab library this version can open, an empty SQLite database,
 * or else it throws. The header tells a stamped library or another application's id without
 * opening the file; only an unstamped database is opened (read-only) to list its tables.
 */
function inspectContent(path: string, size: number, target: number, nativeBinding?: string): Found {
  const shown = showPath(path);
  const head = size >= 100 ? readHead(path, 100) : null;
  if (!head || head.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new LibraryFileError(path, `${shown} is not a Limitlab library (not an SQLite database); it was left unchanged`);
  }
  const foreign = () => new LibraryFileError(path, `${shown} is not a Limitlab library (an SQLite database of another application); it was left unchanged`);
  const applicationId = head.readInt32BE(68);
  if (applicationId === LIMITLAB_APPLICATION_ID) {
    const version = head.readUInt32BE(60);
    if (version > target) throw new NewerSchemaError(version, target, path);
    return { state: 'library', version, stamped: true };
  }
  if (applicationId !== 0) throw foreign();
  const facts = readFacts(path, nativeBinding);
  let found: Found;
  if (facts.userVersion === 0 && facts.objects.length === 0) found = { state: 'new' };
  else if (facts.userVersion > 0 && LIBRARY_TABLES.every((t) => facts.objects.includes(t))) found = { state: 'library', version: facts.userVersion, stamped: false };
  else {
    facts.removeSidecars();
    throw foreign();
  }
  if (found.state === 'library' && found.version > target) {
    facts.removeSidecars();
    throw new NewerSchemaError(found.version, target, path);
  }
  return found;
}

interface FileFacts {
  userVersion: number;
  /** Names of the tables and views. */
  objects: string[];
  /** Removes the -wal and -shm files that reading a WAL-mode file created (none that were there before). */
  removeSidecars(): void;
}

/** The user version and tables of an SQLite file, read through a read-only connection. */
function readFacts(path: string, nativeBinding?: string): FileFacts {
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p));
  let db: Db | null = null;
  const removeSidecars = () => {
    for (const p of sidecars) rmSync(p, { force: true });
  };
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return {
      userVersion: db.pragma('user_version', { simple: true }) as number,
      objects: (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view')`).all() as { name: string }[]).map((r) => r.name),
      removeSidecars,
    };
  } catch (error) {
    db?.close();
    db = null;
    removeSidecars();
    throw new LibraryFileError(path, `cannot open the library ${showPath(path)}: ${describe(error)}; it was left unchanged`);
  } finally {
    db?.close();
  }
}

function prepareFolder(path: string, createFolder: boolean): void {
  const folder = dirname(path);
  const shown = showPath(path);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
    if (!isFolder) throw new LibraryFileError(path, `cannot create the library ${shown}: ${showPath(folder)} is a file, not a folder`);
  } catch (error) {
    if (error instanceof LibraryFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new LibraryFileError(path, `cannot create the library ${shown}: ${showPath(fileAncestor(folder))} is a file, not a folder`);
    if (code !== 'ENOENT') throw new LibraryFileError(path, `cannot create the library ${shown}: ${fileErrorReason(error)}`);
  }
  if (!isFolder) {
    if (!createFolder) throw new LibraryFileError(path, `cannot create the library ${shown}: the folder ${showPath(folder)} does not exist`);
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new LibraryFileError(path, `cannot create the folder of the library ${shown}: ${fileErrorReason(error)}`);
    }
  }
  if (!canAccess(folder, constants.W_OK)) throw new LibraryFileError(path, `cannot create the library ${shown}: the folder ${showPath(folder)} is read-only`);
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { SCHEMA_VERSION };
