import { createHash } from 'node:crypto';
import { mkdtempSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LIMITLAB_APPLICATION_ID, LibraryFileError, NewerSchemaError, openLibrary } from '../../app/engine/library/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../app/engine/library/migrations/index.js';
import { RunsRepository, type NewRun } from '../../app/engine/library/runs.js';
import { decodeFloat64, encodeFloat64 } from '../../app/engine/library/series-codec.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'limitlab-lib-')), 'library.sqlite');

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function newRun(id: string, ownerPid = 999_999_999): NewRun {
  return {
    id, kind: 'sgd-glm', name: id, params: { d: 10 }, paramsJson: '{"d":10}', paramsHash: 'abc', seed: 7, replicas: 2,
    rng: 'test-rng@1', solver: {}, appVersion: '0.0.0', createdAt: new Date().toISOString(), ownerPid, tags: ['a', 'b'],
  };
}

describe('library file', () => {
  it('migrates an empty file to the current schema in WAL mode', async () => {
    const path = tempDb();
    const db = await openLibrary(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses to open a library written by a newer schema and leaves it untouched', async () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.pragma(`application_id = ${LIMITLAB_APPLICATION_ID}`);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha256(path);
    await expect(openLibrary(path)).rejects.toBeInstanceOf(NewerSchemaError);
    expect(sha256(path)).toBe(before);
  });

  it('stamps a new library with the Limitlab application id', async () => {
    const path = tempDb();
    (await openLibrary(path)).close();
    expect(readFileSync(path).readUInt32BE(68)).toBe(LIMITLAB_APPLICATION_ID);
  });

  it('recognises a library from before the application id by its tables, stamps it and keeps its rows', async () => {
    const path = tempDb();
    const old = new Database(path);
    for (const migration of MIGRATIONS) old.exec(migration.sql);
    old.pragma(`user_version = ${SCHEMA_VERSION}`);
    new RunsRepository(old).insert(newRun('run-00000003'));
    old.close();
    const db = await openLibrary(path);
    expect(db.pragma('application_id', { simple: true })).toBe(LIMITLAB_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(new RunsRepository(db).count()).toBe(1);
    db.close();
  });

  it.each([
    ['with a table of its own', (db: Database.Database) => db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)')],
    ['with a runs table', (db: Database.Database) => db.exec('CREATE TABLE runs (id TEXT); INSERT INTO runs VALUES (1)')],
    ['with its own application id', (db: Database.Database) => db.pragma('application_id = 42')],
    ['with a user version but none of the library tables', (db: Database.Database) => db.pragma('user_version = 2')],
  ])('refuses another application\'s SQLite database %s and leaves its bytes unchanged', async (_label, setup) => {
    const path = tempDb();
    const other = new Database(path);
    setup(other);
    other.close();
    const before = sha256(path);
    const listing = readdirSync(dirname(path));
    await expect(openLibrary(path)).rejects.toThrow(new RegExp(`${escape(path)} is not a Limitlab library \\(an SQLite database of another application\\)`));
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dirname(path))).toEqual(listing);
  });

  it('refuses a file that is not an SQLite database and leaves it unchanged', async () => {
    const path = tempDb();
    writeFileSync(path, 'name,value\n'.repeat(40));
    const before = sha256(path);
    await expect(openLibrary(path)).rejects.toThrow(/is not a Limitlab library \(not an SQLite database\)/);
    expect(sha256(path)).toBe(before);
  });

  it('opens an empty file as a new library', async () => {
    const path = tempDb();
    writeFileSync(path, '');
    const db = await openLibrary(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('creates a missing folder by default and refuses it when asked to, naming the file and creating nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'limitlab-lib-'));
    const refused = join(root, 'missing', 'library.sqlite');
    const error = await openLibrary(refused, { createFolder: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryFileError);
    expect((error as Error).message).toContain(refused);
    expect(existsSync(join(root, 'missing'))).toBe(false);
    (await openLibrary(join(root, 'made', 'library.sqlite'))).close();
    expect(existsSync(join(root, 'made', 'library.sqlite'))).toBe(true);
  });

  it('backs the file up before migrating an existing library, and keeps its rows', async () => {
    const path = tempDb();
    const first = await openLibrary(path, { migrations: MIGRATIONS });
    new RunsRepository(first).insert(newRun('run-00000001'));
    first.close();
    const next = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER);' }];
    const db = await openLibrary(path, { migrations: next });
    expect(existsSync(`${path}.v${SCHEMA_VERSION}.bak`)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(new RunsRepository(db).count()).toBe(1);
    db.close();
  });

  it('rolls a failing migration back entirely', async () => {
    const path = tempDb();
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE ok (x); THIS IS NOT SQL;' }];
    await expect(openLibrary(path, { migrations: broken })).rejects.toThrow();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    raw.close();
  });
});

describe('series blobs', () => {
  it('round-trip every double bit for bit, including NaN, ±0, ±Infinity and subnormals', () => {
    const values = new Float64Array([0, -0, 1, -1.5, Math.PI, Number.MIN_VALUE, Number.MAX_VALUE, NaN, Infinity, -Infinity, 1e-310]);
    const back = decodeFloat64(encodeFloat64(values));
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(values.buffer));
  });

  it('are little-endian on disk', () => {
    expect([...encodeFloat64(new Float64Array([1]))]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  });

  it('reject a blob whose length is not a multiple of 8', () => {
    expect(() => decodeFloat64(new Uint8Array(7))).toThrow(/multiple of 8/);
  });
});

describe('runs repository', () => {
  it('stores a finished run with its series, scalars and tags', async () => {
    const db = await openLibrary(tempDb());
    const repo = new RunsRepository(db);
    repo.insert(newRun('run-00000002'));
    repo.markRunning('run-00000002', new Date().toISOString());
    repo.complete(
      'run-00000002',
      {
        series: [
          { name: 'risk', source: 'theory', x: new Float64Array([0, 1]), y: new Float64Array([1, 0.5]), xLabel: 't', yLabel: 'risk' },
          {
            name: 'risk', source: 'simulation', replica: 1, seed: 9, x: new Float64Array([0, 1]), y: new Float64Array([1.1, 0.4]),
            xLabel: 't', yLabel: 'risk', band: { kind: 'quantile', lo: new Float64Array([1, 0.3]), hi: new Float64Array([1.2, 0.6]) },
          },
        ],
        scalars: { final: 0.5, weird: NaN },
        notes: ['a note'],
      },
      new Date().toISOString(),
      12,
    );
    const detail = repo.detail('run-00000002')!;
    expect(detail.status).toBe('done');
    expect(detail.tags.sort()).toEqual(['a', 'b']);
    expect(detail.result!.series).toHaveLength(2);
    expect(Array.from(detail.result!.series[1]!.band!.hi)).toEqual([1.2, 0.6]);
    expect(detail.result!.series[1]!.replica).toBe(1);
    expect(detail.result!.scalars['final']).toBe(0.5);
    expect(detail.result!.notes).toEqual(['a note']);
    db.close();
  });

  it('marks runs left running by a process that is gone as failed, and leaves live ones alone', async () => {
    const db = await openLibrary(tempDb());
    const repo = new RunsRepository(db);
    repo.insert(newRun('run-dead0001', 111));
    repo.insert(newRun('run-live0001', 222));
    repo.markRunning('run-dead0001', new Date().toISOString());
    const marked = repo.recoverInterrupted((pid) => pid === 222, new Date().toISOString());
    expect(marked).toBe(1);
    expect(repo.summary('run-dead0001')!.status).toBe('failed');
    expect(repo.summary('run-dead0001')!.error).toMatch(/interrupted/);
    expect(repo.summary('run-live0001')!.status).toBe('queued');
    db.close();
  });

  it('never overwrites a final status when a late failure arrives', async () => {
    const db = await openLibrary(tempDb());
    const repo = new RunsRepository(db);
    repo.insert(newRun('run-final001'));
    repo.finish('run-final001', 'cancelled', new Date().toISOString(), 5, null);
    repo.finish('run-final001', 'failed', new Date().toISOString(), 5, 'late');
    expect(repo.summary('run-final001')!.status).toBe('cancelled');
    db.close();
  });
});
