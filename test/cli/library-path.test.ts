/**
 * `--db` at anything but an empty file or a Limitlab library: the command exits 2 with one line
 * naming the file, and the file and its folder are left exactly as they were. When the tests run as
 * root, the command runs as an unprivileged user so that permissions are real.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITLAB_APPLICATION_ID } from '../../app/engine/library/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../app/engine/library/migrations/index.js';

const BIN = resolve('bin/limitlab.js');
/** An unprivileged user to run as when the tests run as root (root ignores file permissions). */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let root: string;

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
  root = mkdtempSync(join(tmpdir(), 'limitlab-dbpath-'));
  chmodSync(root, 0o777);
});

/** A fresh folder for one case, writable by the user the command runs as. */
function caseDir(): string {
  const dir = mkdtempSync(join(root, 'case-'));
  chmodSync(dir, 0o777);
  return dir;
}

/** An SQLite file made by `setup`, writable by the user the command runs as. */
function sqlite(path: string, setup: (db: Database.Database) => void): void {
  const db = new Database(path);
  setup(db);
  db.close();
  chmodSync(path, 0o666);
}

/** A file with `content`, writable by the user the command runs as; returns its path. */
function file(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  chmodSync(path, 0o666);
  return path;
}

function limitlabLibrary(path: string, version: number): void {
  sqlite(path, (db) => {
    for (const migration of MIGRATIONS) db.exec(migration.sql);
    db.pragma(`user_version = ${version}`);
  });
}

/** Each case prepares its folder and returns the `--db` value; what the message must say. */
const CASES: [label: string, prepare: (dir: string) => string, says: RegExp][] = [
  ['a folder', (dir) => dir, /is a folder/],
  ['a folder written with a trailing slash', (dir) => `${dir}/`, /is a folder/],
  ['a symbolic link to a folder', (dir) => (mkdirSync(join(dir, 'target')), symlinkSync(join(dir, 'target'), join(dir, 'link')), join(dir, 'link')), /is a folder/],
  ['a path whose folder is missing', (dir) => join(dir, 'missing', 'library.sqlite'), /folder .* does not exist/],
  ['a path two missing folders deep', (dir) => join(dir, 'a', 'b', 'library.sqlite'), /does not exist/],
  ['a path under a file', (dir) => (writeFileSync(join(dir, 'file'), 'x'), join(dir, 'file', 'library.sqlite')), /is a file, not a folder/],
  ['a path two levels under a file', (dir) => (writeFileSync(join(dir, 'file'), 'x'), join(dir, 'file', 'sub', 'library.sqlite')), /is a file, not a folder/],
  ['a character device', () => '/dev/null', /not a regular file/],
  ['a file name too long for the file system', (dir) => join(dir, 'l'.repeat(5000)), /path is too long/],
  ['an unreadable library', (dir) => {
    const path = join(dir, 'library.sqlite');
    limitlabLibrary(path, SCHEMA_VERSION);
    chmodSync(path, 0o000);
    return path;
  }, /cannot read .*permission denied/],
  ['a read-only library', (dir) => {
    const path = join(dir, 'library.sqlite');
    limitlabLibrary(path, SCHEMA_VERSION);
    chmodSync(path, 0o444);
    return path;
  }, /read-only/],
  ['a library in a read-only folder', (dir) => {
    const path = join(dir, 'library.sqlite');
    limitlabLibrary(path, SCHEMA_VERSION);
    chmodSync(dir, 0o555);
    return path;
  }, /folder is read-only/],
  ['a new library in a read-only folder', (dir) => (chmodSync(dir, 0o555), join(dir, 'library.sqlite')), /read-only/],
  ['a text file', (dir) => file(join(dir, 'notes.txt'), 'not a database\n'.repeat(20)), /not an SQLite database/],
  ['a short binary file', (dir) => file(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 255])), /not an SQLite database/],
  ['an SQLite header followed by garbage', (dir) => file(join(dir, 'broken.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0xab)])), /is not a Limitlab library/],
  ['an SQLite header followed by zeros', (dir) => file(join(dir, 'broken.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0)])), /cannot open the library .*: /],
  ['another application\'s database', (dir) => {
    const path = join(dir, 'other.db');
    sqlite(path, (db) => db.exec(`CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('keep')`));
    return path;
  }, /not a Limitlab library \(an SQLite database of another application\)/],
  ['another application\'s database with a runs table', (dir) => {
    const path = join(dir, 'other.db');
    sqlite(path, (db) => db.exec(`CREATE TABLE runs (id TEXT); INSERT INTO runs VALUES ('keep')`));
    return path;
  }, /another application/],
  ['another application\'s database with its own application id', (dir) => {
    const path = join(dir, 'other.db');
    sqlite(path, (db) => (db.pragma('application_id = 1129270354'), db.exec('CREATE TABLE t (x)')));
    return path;
  }, /another application/],
  ['another application\'s database in WAL mode', (dir) => {
    const path = join(dir, 'other.db');
    sqlite(path, (db) => (db.pragma('journal_mode = WAL'), db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')));
    return path;
  }, /another application/],
  ['an SQLite database with a user version and no tables', (dir) => {
    const path = join(dir, 'other.db');
    sqlite(path, (db) => db.pragma('user_version = 7'));
    return path;
  }, /another application/],
  ['a library from a newer Limitlab', (dir) => {
    const path = join(dir, 'library.sqlite');
    sqlite(path, (db) => (db.pragma(`application_id = ${LIMITLAB_APPLICATION_ID}`), db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)));
    return path;
  }, /schema version \d+, newer than this Limitlab knows/],
  ['a library from a newer Limitlab without the application id', (dir) => {
    const path = join(dir, 'library.sqlite');
    limitlabLibrary(path, SCHEMA_VERSION + 3);
    return path;
  }, /newer than this Limitlab knows/],
];

/** Everything in a folder with the hash of every file (empty when the folder cannot be read). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      out[name] = statSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'folder';
    } catch {
      out[name] = 'unreadable';
    }
  }
  return out;
}

function limitlab(args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LIMITLAB_DB: '' },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const COMMANDS: [name: string, args: string[]][] = [
  ['run', ['run', 'sgd-glm', '--set', 'd=50', '--set', 'T=1']],
  ['list', ['list', '--json']],
];

describe('limitlab --db at an unusable path', () => {
  it.each(CASES)('refuses %s with status 2, one line naming the file, and changes nothing', (_label, prepare, says) => {
    const dir = caseDir();
    const db = prepare(dir);
    // The folder the file is in (or would be): for /dev/null only its own case folder is watched.
    const watched = db.startsWith(dir) ? dir : null;
    for (const [, args] of COMMANDS) {
      const before = watched ? snapshot(watched) : {};
      const parentBefore = snapshot(dirname(db));
      const res = limitlab([...args, '--db', db]);
      expect(res.code, res.stderr).toBe(2);
      const lines = res.stderr.trim().split('\n');
      expect(lines, res.stderr).toHaveLength(1);
      expect(lines[0]!.length).toBeLessThan(600);
      expect(res.stderr).toMatch(says);
      expect(res.stderr).toContain(resolve(db).slice(0, 40));
      expect(res.stdout).toBe('');
      if (watched) expect(snapshot(watched)).toEqual(before);
      expect(snapshot(dirname(db))).toEqual(parentBefore);
    }
  });

  it('says that --db needs a path when it is given empty', () => {
    const res = limitlab(['list', '--db', '']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--db needs the path of a library file/);
  });

  it('opens an empty file and a library from before the application id, as a check that the cases above fail for their reason', () => {
    const dir = caseDir();
    const empty = file(join(dir, 'empty.sqlite'), '');
    const old = join(dir, 'old.sqlite');
    limitlabLibrary(old, SCHEMA_VERSION);
    for (const db of [empty, old]) {
      const res = limitlab(['list', '--json', '--db', db]);
      expect(res.code, res.stderr).toBe(0);
      expect(readFileSync(db).readUInt32BE(68)).toBe(LIMITLAB_APPLICATION_ID);
    }
  });
});
