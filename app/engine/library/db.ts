/**
 * Opening the library: WAL, foreign keys, forward-only migrations on `PRAGMA user_version` inside
 * one transaction, a backup before migrating a non-empty file, and refusal to open a file written
 * by a newer Limitlab.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export class NewerSchemaError extends Error {
  constructor(readonly found: number, readonly known: number, path: string) {
    super(`the library ${path} has schema version ${found}, newer than this Limitlab knows (${known}); upgrade Limitlab to open it`);
    this.name = 'NewerSchemaError';
  }
}

export interface OpenOptions {
  /** A better-sqlite3 native binding built for this runtime (Electron); default: the package's own. */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export async function openLibrary(path: string, options: OpenOptions = {}): Promise<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const existed = path !== ':memory:' && existsSync(path);
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    await migrate(db, path, existed, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

async function migrate(db: Db, path: string, existed: boolean, migrations: readonly Migration[]): Promise<void> {
  const current = db.pragma('user_version', { simple: true }) as number;
  const target = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > target) throw new NewerSchemaError(current, target, path);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (existed && current > 0) {
    await db.backup(`${path}.v${current}.bak`);
  }
  const apply = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  apply.immediate();
}

export { SCHEMA_VERSION };
