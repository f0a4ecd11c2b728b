/**
 * Forward-only schema migrations, applied in order on `PRAGMA user_version`.
 * Never edit a shipped migration: append a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs-series-tags',
    sql: `
      CREATE TABLE runs (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        name          TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','cancelled')),
        params_json   TEXT NOT NULL,
        params_hash   TEXT NOT NULL,
        seed          INTEGER NOT NULL,
        replicas      INTEGER NOT NULL,
        rng           TEXT NOT NULL,
        solver_json   TEXT NOT NULL DEFAULT '{}',
        app_version   TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        started_at    TEXT,
        finished_at   TEXT,
        duration_ms   REAL,
        error         TEXT,
        notes         TEXT NOT NULL DEFAULT '',
        scalars_json  TEXT NOT NULL DEFAULT '{}',
        result_notes_json TEXT NOT NULL DEFAULT '[]',
        owner_pid     INTEGER
      );
      CREATE INDEX runs_by_created ON runs (created_at DESC, id DESC);
      CREATE INDEX runs_by_kind ON runs (kind, created_at DESC);
      CREATE INDEX runs_by_status ON runs (status);
      CREATE INDEX runs_by_hash ON runs (params_hash);

      CREATE TABLE run_tags (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        tag    TEXT NOT NULL,
        PRIMARY KEY (run_id, tag)
      );

      CREATE TABLE series (
        run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx       INTEGER NOT NULL,
        name      TEXT NOT NULL,
        source    TEXT NOT NULL,
        label     TEXT,
        seed      INTEGER,
        replica   INTEGER,
        x_label   TEXT NOT NULL,
        y_label   TEXT NOT NULL,
        n         INTEGER NOT NULL,
        x         BLOB NOT NULL,
        y         BLOB NOT NULL,
        band_kind TEXT,
        band_lo   BLOB,
        band_hi   BLOB,
        PRIMARY KEY (run_id, idx)
      );

      CREATE TABLE images (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx    INTEGER NOT NULL,
        name   TEXT NOT NULL,
        width  INTEGER NOT NULL,
        height INTEGER NOT NULL,
        data   BLOB NOT NULL,
        PRIMARY KEY (run_id, idx)
      );
    `,
  },
  {
    version: 2,
    name: 'search-trash-sweeps',
    sql: `
      ALTER TABLE runs ADD COLUMN deleted_at TEXT;
      ALTER TABLE runs ADD COLUMN sweep_id TEXT;
      ALTER TABLE runs ADD COLUMN sweep_point_json TEXT;
      CREATE INDEX runs_by_sweep ON runs (sweep_id);
      CREATE INDEX runs_live_by_created ON runs (deleted_at, created_at DESC, id DESC);

      CREATE TABLE sweeps (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        spec_json   TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );

      -- Full-text index over a run's name, notes and tags; kept in step by the repository.
      CREATE VIRTUAL TABLE runs_fts USING fts5 (run_id UNINDEXED, name, notes, tags, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO runs_fts (run_id, name, notes, tags)
        SELECT r.id, r.name, r.notes, coalesce((SELECT group_concat(tag, ' ') FROM run_tags t WHERE t.run_id = r.id), '') FROM runs r;
    `,
  },
  {
    version: 3,
    name: 'run-parts',
    sql: `
      -- How many parts a run has (set when it starts), and each finished part's result until the
      -- run is stored whole: what a run interrupted by a crash resumes from.
      ALTER TABLE runs ADD COLUMN parts_total INTEGER;
      CREATE TABLE run_parts (
        run_id   TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx      INTEGER NOT NULL,
        key_json TEXT NOT NULL,
        result   BLOB NOT NULL,
        PRIMARY KEY (run_id, idx)
      );
    `,
  },
  {
    version: 4,
    name: 'image-channels-range',
    sql: `
      -- An image's channels (1 grey, 3 RGB, interleaved in data) and the value range mapped to
      -- black..white; images stored before keep 1 channel and no range.
      ALTER TABLE images ADD COLUMN channels INTEGER NOT NULL DEFAULT 1 CHECK (channels IN (1, 3));
      ALTER TABLE images ADD COLUMN range_lo REAL;
      ALTER TABLE images ADD COLUMN range_hi REAL;
    `,
  },
  {
    version: 5,
    name: 'artifacts',
    sql: `
      -- Trained models kept by runs, named by the SHA-256 of (format, canonical config, data).
      -- The same content kept by two runs is one id with two rows.
      CREATE TABLE artifacts (
        run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        id          TEXT NOT NULL,
        format      TEXT NOT NULL,
        config_json TEXT NOT NULL,
        data        BLOB NOT NULL,
        PRIMARY KEY (run_id, name)
      );
      CREATE INDEX artifacts_by_id ON artifacts (id);
    `,
  },
  {
    version: 6,
    name: 'image-grids',
    sql: `
      -- A result's images laid out in a table with row and column labels: cells_json is an array
      -- of rows, each an array of image names (or null for an empty cell).
      CREATE TABLE image_grids (
        run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx          INTEGER NOT NULL,
        name         TEXT NOT NULL,
        title        TEXT,
        rows_json    TEXT NOT NULL,
        columns_json TEXT NOT NULL,
        cells_json   TEXT NOT NULL,
        PRIMARY KEY (run_id, idx)
      );
    `,
  },
  {
    version: 7,
    name: 'image-metrics',
    sql: `
      -- An image's own measures (e.g. PSNR and SSIM against the clean image) as a JSON object of
      -- finite numbers by name; images stored before have none.
      ALTER TABLE images ADD COLUMN metrics_json TEXT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
