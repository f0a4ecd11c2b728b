/**
 * An engine service over a fresh library whose job pool never computes (a run handed to it fails
 * at once), for tests of what the engine decides before anything runs: refusals, the cost guard,
 * re-runs. `standInEngines()` registers an afterEach that closes the services and libraries left
 * open.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import type { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService } from '../../app/engine/service.js';
import type { KindRegistry } from '../../core/models/registry.js';

/** The pool must never compute: a run it is handed fails at once. */
export const noPool = { threads: 1, run: () => Promise.reject(new Error('the stand-in pool computes nothing')) } as unknown as JobPool;

/** Rows of a library table. */
export const countRows = (db: Db, table = 'runs') => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/**
 * `engine(path?, registry?)`: a service over the library at `path` (default: a new one in a fresh
 * temporary folder named after `prefix`), closed with its library after each test.
 */
export function standInEngines(prefix: string) {
  type Opened = { service: EngineService; db: Db };
  const open: Opened[] = [];
  const close = async (e: Opened) => {
    open.splice(open.indexOf(e), 1);
    await e.service.close();
    e.db.close();
  };
  afterEach(async () => {
    for (const e of [...open]) await close(e);
  });
  const engine = async (path?: string, registry?: KindRegistry): Promise<Opened> => {
    const db = await openLibrary(path ?? join(mkdtempSync(join(tmpdir(), prefix)), 'library.sqlite'));
    const service = registry ? new EngineService(db, noPool, () => new Date(), registry) : new EngineService(db, noPool);
    const e = { service, db };
    open.push(e);
    return e;
  };
  /** Closes one before the test ends (to open its library again). */
  return Object.assign(engine, { close });
}
