/**
 * The runs repository: rows of `runs`, their tags and their series. All writes go through here,
 * in short transactions, from the engine's single connection.
 */
import { insertArtifacts, resolveArtifact, runArtifacts, runArtifactsWithData } from './artifacts.js';
import type { RunDetail, RunQuery, RunStatus, RunSummary } from '../../api.js';
import { deserialize, serialize } from 'node:v8';
import type { ArtifactResult, ImageGrid, ImageResult, PartKey, RunResult, Series, SeriesSource, BandKind } from '../../../core/models/model-kind.js';
import { imagesProblem } from '../../../core/models/image-grid.js';
import type { Db } from './db.js';
import { readImages, writeImages } from './images.js';
import { decodeFloat64, encodeFloat64 } from './series-codec.js';
import { fieldSql, filterToSql, jsonPath, parseFilter, resolveField, sortField, type ResolvedField } from './filters.js';

/** Words of a search box as an FTS5 query: each word a quoted prefix term, all required. */
export function ftsQuery(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"*`)
    .join(' ');
}

/**
 * A LIKE pattern matching run ids that contain the search text, when the text could be (part of)
 * a run id: one word of 4 or more id characters (digits, lower-case letters, '-').
 */
export function idSearchPattern(text: string): string | null {
  const word = text.trim().toLowerCase();
  return /^[0-9a-z-]{4,64}$/.test(word) ? `%${word}%` : null;
}

export interface NewRun {
  id: string;
  kind: string;
  name: string;
  params: Record<string, unknown>;
  paramsJson: string;
  paramsHash: string;
  seed: number;
  replicas: number;
  rng: string;
  solver: Record<string, unknown>;
  appVersion: string;
  createdAt: string;
  ownerPid: number;
  tags?: string[];
  sweepId?: string | null;
  sweepPoint?: Record<string, unknown> | null;
}

export interface FinishedRun {
  id: string;
  kind: string;
  name: string;
  status: 'done' | 'failed' | 'cancelled';
  paramsJson: string;
  paramsHash: string;
  seed: number;
  replicas: number;
  rng: string;
  solver: Record<string, unknown>;
  appVersion: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
  notes: string;
  tags: string[];
  scalars: Record<string, number | string>;
  resultNotes: string[];
  series: Series[];
  /** The sweep the run belongs to and its point in it (runs collected from a Slurm job folder). */
  sweepId?: string | null;
  sweepPoint?: Record<string, unknown> | null;
  images?: ImageResult[];
  grids?: ImageGrid[];
  artifacts?: ArtifactResult[];
}

interface RunRow {
  id: string;
  kind: string;
  name: string;
  status: RunStatus;
  params_json: string;
  params_hash: string;
  seed: number;
  replicas: number;
  rng: string;
  solver_json: string;
  app_version: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  notes: string;
  scalars_json: string;
  result_notes_json: string;
  owner_pid: number | null;
  deleted_at: string | null;
  sweep_id: string | null;
  sweep_point_json: string | null;
  tags: string | null;
  parts_total: number | null;
  parts_done: number;
}

/** The error of a run whose process stopped before it finished; such a run can be resumed. */
export const INTERRUPTED_ERROR = 'interrupted: the process running it stopped before it finished';

/** A part stored while its run computed. */
export interface StoredPart {
  idx: number;
  key: PartKey;
  result: RunResult;
}

interface SeriesRow {
  idx: number;
  name: string;
  source: SeriesSource;
  label: string | null;
  seed: number | null;
  replica: number | null;
  x_label: string;
  y_label: string;
  x: Buffer;
  y: Buffer;
  band_kind: BandKind | null;
  band_lo: Buffer | null;
  band_hi: Buffer | null;
}

const SUMMARY_COLUMNS = `r.id, r.kind, r.name, r.status, r.params_json, r.params_hash, r.seed, r.replicas, r.rng,
  r.solver_json, r.app_version, r.created_at, r.started_at, r.finished_at, r.duration_ms, r.error, r.notes,
  r.scalars_json, r.result_notes_json, r.owner_pid, r.deleted_at, r.sweep_id, r.sweep_point_json, r.parts_total,
  (SELECT count(*) FROM run_parts p WHERE p.run_id = r.id) AS parts_done,
  (SELECT group_concat(tag, char(31)) FROM run_tags t WHERE t.run_id = r.id) AS tags`;

export class RunsRepository {
  constructor(private readonly db: Db) {}

  insert(run: NewRun): void {
    this.insertQueued([run]);
  }

  /**
   * Insert queued runs, all in one transaction (a savepoint when called inside another), with one
   * prepared statement each; `onRow(n)` hears the count after each row.
   */
  insertQueued(runs: readonly NewRun[], onRow?: (inserted: number) => void): void {
    const insertRun = this.db.prepare(
      `INSERT INTO runs (id, kind, name, status, params_json, params_hash, seed, replicas, rng, solver_json,
         app_version, created_at, owner_pid, sweep_id, sweep_point_json)
       VALUES (@id, @kind, @name, 'queued', @paramsJson, @paramsHash, @seed, @replicas, @rng, @solverJson,
         @appVersion, @createdAt, @ownerPid, @sweepId, @sweepPointJson)`,
    );
    const tag = this.db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
    const index = this.searchIndexer();
    const tx = this.db.transaction(() => {
      runs.forEach((run, i) => {
        insertRun.run({
          ...run,
          solverJson: JSON.stringify(run.solver),
          sweepId: run.sweepId ?? null,
          sweepPointJson: run.sweepPoint ? JSON.stringify(run.sweepPoint) : null,
        });
        for (const t of run.tags ?? []) tag.run(run.id, t);
        index(run.id);
        onRow?.(i + 1);
      });
    });
    tx();
  }

  /** Run `fn` in one write transaction: what it writes is committed together, or not at all when it throws. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id) !== undefined;
  }

  /** Insert finished runs from elsewhere (a bundle) exactly as they were, all in one transaction. */
  insertFinished(runs: FinishedRun[]): void {
    const insertRun = this.db.prepare(
      `INSERT INTO runs (id, kind, name, status, params_json, params_hash, seed, replicas, rng, solver_json, app_version,
         created_at, started_at, finished_at, duration_ms, error, notes, scalars_json, result_notes_json, owner_pid,
         sweep_id, sweep_point_json)
       VALUES (@id, @kind, @name, @status, @paramsJson, @paramsHash, @seed, @replicas, @rng, @solverJson, @appVersion,
         @createdAt, @startedAt, @finishedAt, @durationMs, @error, @notes, @scalarsJson, @resultNotesJson, NULL,
         @sweepId, @sweepPointJson)`,
    );
    const tag = this.db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
    const index = this.searchIndexer();
    const tx = this.db.transaction(() => {
      for (const run of runs) {
        insertRun.run({
          ...run,
          solverJson: JSON.stringify(run.solver),
          scalarsJson: JSON.stringify(run.scalars),
          resultNotesJson: JSON.stringify(run.resultNotes),
          sweepId: run.sweepId ?? null,
          sweepPointJson: run.sweepPoint ? JSON.stringify(run.sweepPoint) : null,
        });
        for (const t of run.tags) tag.run(run.id, t);
        this.insertSeries(run.id, run.series);
        writeImages(this.db, run.id, run.images ?? [], run.grids ?? []);
        insertArtifacts(this.db, run.id, run.artifacts ?? []);
        index(run.id);
      }
    });
    tx();
  }

  private insertSeries(id: string, series: Series[]): void {
    const insert = this.db.prepare(
      `INSERT INTO series (run_id, idx, name, source, label, seed, replica, x_label, y_label, n, x, y, band_kind, band_lo, band_hi)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    series.forEach((s, idx) => {
      if (s.x.length !== s.y.length) throw new Error(`series ${s.name}/${s.source}: x and y lengths differ`);
      insert.run(
        id, idx, s.name, s.source, s.label ?? null, s.seed ?? null, s.replica ?? null, s.xLabel, s.yLabel, s.x.length,
        encodeFloat64(s.x), encodeFloat64(s.y), s.band?.kind ?? null,
        s.band ? encodeFloat64(s.band.lo) : null, s.band ? encodeFloat64(s.band.hi) : null,
      );
    });
  }

  /** Remove a run for good, with its series, tags, images, parts and search entry (a Slurm task redoing a run it did not finish). */
  purge(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM runs_fts WHERE run_id = ?').run(id);
      this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
    })();
  }

  /** Rename, re-note or re-tag a run; the search index follows. */
  update(id: string, patch: { name?: string; notes?: string; tags?: string[] }): void {
    const tx = this.db.transaction(() => {
      if (patch.name !== undefined) this.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(patch.name, id);
      if (patch.notes !== undefined) this.db.prepare('UPDATE runs SET notes = ? WHERE id = ?').run(patch.notes, id);
      if (patch.tags !== undefined) {
        this.db.prepare('DELETE FROM run_tags WHERE run_id = ?').run(id);
        const tag = this.db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
        for (const t of patch.tags) tag.run(id, t);
      }
      this.refreshSearch(id);
    });
    tx();
  }

  /** Move runs to the trash (restorable); returns how many moved. */
  softDelete(ids: string[], at: string): number {
    const stmt = this.db.prepare('UPDATE runs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(at, id).changes, 0))();
  }

  restore(ids: string[]): number {
    const stmt = this.db.prepare('UPDATE runs SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0))();
  }

  private refreshSearch(id: string): void {
    this.db.prepare('DELETE FROM runs_fts WHERE run_id = ?').run(id);
    this.db
      .prepare(
        `INSERT INTO runs_fts (run_id, name, notes, tags)
         SELECT r.id, r.name, r.notes, coalesce((SELECT group_concat(tag, ' ') FROM run_tags t WHERE t.run_id = r.id), '')
         FROM runs r WHERE r.id = ?`,
      )
      .run(id);
  }

  /**
   * Adds a new run's row to the search index. Only for runs just inserted: unlike refreshSearch it
   * does not look for an old row first (runs_fts cannot look run_id up without reading every row).
   */
  private searchIndexer(): (id: string) => void {
    const insert = this.db.prepare(
      `INSERT INTO runs_fts (run_id, name, notes, tags)
       SELECT r.id, r.name, r.notes, coalesce((SELECT group_concat(tag, ' ') FROM run_tags t WHERE t.run_id = r.id), '')
       FROM runs r WHERE r.id = ?`,
    );
    return (id) => void insert.run(id);
  }

  markRunning(id: string, startedAt: string): void {
    this.db.prepare(`UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'`).run(startedAt, id);
  }

  /** How many parts the run has (its progress is stored parts of this many). */
  setPartsTotal(id: string, total: number): void {
    this.db.prepare('UPDATE runs SET parts_total = ? WHERE id = ?').run(total, id);
  }

  /**
   * Store one finished part of a running run (the result serialised whole, typed arrays bit for
   * bit), so that a run interrupted later resumes from it.
   */
  savePart(id: string, idx: number, key: PartKey, result: RunResult): void {
    this.db
      .prepare('INSERT OR REPLACE INTO run_parts (run_id, idx, key_json, result) VALUES (?, ?, ?, ?)')
      .run(id, idx, JSON.stringify(key), serialize(result));
  }

  /** The stored parts of a run, by index. */
  storedParts(id: string): StoredPart[] {
    const rows = this.db.prepare('SELECT idx, key_json, result FROM run_parts WHERE run_id = ? ORDER BY idx').all(id) as {
      idx: number; key_json: string; result: Buffer;
    }[];
    return rows.map((r) => ({ idx: r.idx, key: JSON.parse(r.key_json) as PartKey, result: deserialize(r.result) as RunResult }));
  }

  partCount(id: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM run_parts WHERE run_id = ?').get(id) as { n: number }).n;
  }

  /**
   * An interrupted run queued again under this process, keeping its stored parts; false when the
   * run is not an interrupted one.
   */
  reopenInterrupted(id: string, ownerPid: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE runs SET status = 'queued', finished_at = NULL, duration_ms = NULL, error = NULL, owner_pid = ?
           WHERE id = ? AND status = 'failed' AND error = ?`,
        )
        .run(ownerPid, id, INTERRUPTED_ERROR).changes === 1
    );
  }

  /** Store a finished run's result and mark it done, in one transaction; its stored parts go. */
  complete(id: string, result: RunResult, finishedAt: string, durationMs: number): void {
    const problem = imagesProblem(result);
    if (problem) throw new Error(`the result's images: ${problem}`);
    const tx = this.db.transaction(() => {
      this.db.prepare('DELETE FROM run_parts WHERE run_id = ?').run(id);
      this.db.prepare('DELETE FROM series WHERE run_id = ?').run(id);
      this.insertSeries(id, result.series);
      writeImages(this.db, id, result.images ?? [], result.grids ?? []);
      insertArtifacts(this.db, id, result.artifacts ?? []);
      this.db
        .prepare(
          `UPDATE runs SET status = 'done', finished_at = ?, duration_ms = ?, scalars_json = ?, result_notes_json = ?, error = NULL
           WHERE id = ?`,
        )
        .run(finishedAt, durationMs, JSON.stringify(finiteScalars(result.scalars)), JSON.stringify(result.notes ?? []), id);
    });
    tx();
  }

  /** A run that failed or was cancelled keeps no parts (only an interrupted one resumes). */
  finish(id: string, status: 'failed' | 'cancelled', finishedAt: string, durationMs: number | null, error: string | null): void {
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE runs SET status = ?, finished_at = ?, duration_ms = ?, error = ? WHERE id = ? AND status IN ('queued','running')`)
        .run(status, finishedAt, durationMs, error, id);
      this.db.prepare('DELETE FROM run_parts WHERE run_id = ?').run(id);
    })();
  }

  /** `finish` for many runs in one transaction; returns how many were still queued or running. */
  finishMany(ids: readonly string[], status: 'failed' | 'cancelled', finishedAt: string, error: string | null = null): number {
    const stmt = this.db.prepare(
      `UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status IN ('queued','running')`,
    );
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(status, finishedAt, error, id).changes, 0))();
  }

  /**
   * Runs left queued or running by a process that is gone are marked failed with INTERRUPTED_ERROR,
   * so a killed engine leaves a readable library; their stored parts stay for a resume.
   * `isAlive(pid)` decides whether the owner still runs.
   */
  recoverInterrupted(isAlive: (pid: number) => boolean, now: string): number {
    const rows = this.db
      .prepare(`SELECT id, owner_pid FROM runs WHERE status IN ('queued','running')`)
      .all() as { id: string; owner_pid: number | null }[];
    const stale = rows.filter((r) => r.owner_pid === null || !isAlive(r.owner_pid));
    const mark = this.db.prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`);
    const tx = this.db.transaction(() => stale.forEach((r) => mark.run(now, INTERRUPTED_ERROR, r.id)));
    tx();
    return stale.length;
  }

  list(query: RunQuery = {}): RunSummary[] {
    return this.query(query).items;
  }

  /** Every run of a sweep (not in the trash), in the order the sweep created them: no page limit. */
  sweepRuns(sweepId: string): RunSummary[] {
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs r WHERE r.sweep_id = ? AND r.deleted_at IS NULL ORDER BY r.rowid`)
      .all(sweepId) as RunRow[];
    return rows.map(toSummary);
  }

  /** A page of runs matching the query, newest first unless sorted otherwise, and the total count. */
  query(query: RunQuery = {}): { items: RunSummary[]; total: number } {
    const where: string[] = [query.deleted ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL'];
    const args: unknown[] = [];
    if (query.kind) {
      where.push('r.kind = ?');
      args.push(query.kind);
    }
    if (query.status) {
      where.push('r.status = ?');
      args.push(query.status);
    }
    if (query.tag) {
      where.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = ?)');
      args.push(query.tag);
    }
    if (query.sweepId) {
      where.push('r.sweep_id = ?');
      args.push(query.sweepId);
    }
    if (query.text && query.text.trim()) {
      const idPart = idSearchPattern(query.text);
      where.push(`(r.id IN (SELECT run_id FROM runs_fts WHERE runs_fts MATCH ?)${idPart ? ` OR r.id LIKE ?` : ''})`);
      args.push(ftsQuery(query.text));
      if (idPart) args.push(idPart);
    }
    for (const text of query.where ?? []) {
      const filter = parseFilter(text);
      const clause = filterToSql(filter, resolveField(filter.path, (field) => this.fieldType(field)));
      where.push(clause.sql);
      args.push(...clause.args);
    }
    const order = query.order === 'asc' ? 'ASC' : 'DESC';
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const sort = this.sortSql(query.sort ?? 'created', order);
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs r ${whereSql} ORDER BY ${sort.sql}, r.id ${order} LIMIT ? OFFSET ?`)
      .all(...args, ...sort.args, query.limit ?? 200, query.offset ?? 0) as RunRow[];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM runs r ${whereSql}`).get(...args) as { n: number }).n;
    return { items: rows.map(toSummary), total };
  }

  /** The JSON type of a field in the first run that has it (any run, trash included), or null when none has it. */
  private fieldType(field: ResolvedField): string | null {
    const column = field.source === 'params' ? 'params_json' : 'scalars_json';
    const row = this.db
      .prepare(`SELECT json_type(${column}, ?) AS type FROM runs WHERE json_type(${column}, ?) IS NOT NULL LIMIT 1`)
      .get(jsonPath(field), jsonPath(field)) as { type: string } | undefined;
    return row?.type ?? null;
  }

  /** ORDER BY for a column or a field (`params.<path>`, `scalars.<name>`); runs without the field come last. */
  private sortSql(sort: string, order: 'ASC' | 'DESC'): { sql: string; args: unknown[] } {
    const columns: Record<string, string> = {
      created: 'r.created_at', name: 'r.name COLLATE NOCASE', kind: 'r.kind', status: 'r.status', duration: 'r.duration_ms',
    };
    const column = columns[sort];
    if (column) return { sql: `${column} ${order}`, args: [] };
    const field = sortField(sort);
    if (!field) return { sql: `r.created_at ${order}`, args: [] };
    const expr = fieldSql(field);
    return { sql: `${expr.sql} IS NULL, ${expr.sql} ${order}`, args: [...expr.args, ...expr.args] };
  }

  /** Runs of the same kind and parameters (differing only in seed), with more than one member. */
  groups(kind?: string): { kind: string; paramsHash: string; name: string; runIds: string[]; seeds: number[] }[] {
    const rows = this.db
      .prepare(
        `SELECT kind, params_hash, min(name) AS name, group_concat(id, ',') AS ids, group_concat(seed, ',') AS seeds
         FROM (SELECT * FROM runs WHERE deleted_at IS NULL AND status = 'done' ${kind ? 'AND kind = ?' : ''} ORDER BY created_at)
         GROUP BY kind, params_hash HAVING count(*) > 1 ORDER BY max(created_at) DESC`,
      )
      .all(...(kind ? [kind] : [])) as { kind: string; params_hash: string; name: string; ids: string; seeds: string }[];
    return rows.map((r) => ({ kind: r.kind, paramsHash: r.params_hash, name: r.name, runIds: r.ids.split(','), seeds: r.seeds.split(',').map(Number) }));
  }

  summary(id: string): RunSummary | null {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs r WHERE r.id = ?`).get(id) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  detail(id: string): RunDetail | null {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs r WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!row) return null;
    const summary = toSummary(row);
    const result: RunResult | null = row.status === 'done' ? this.result(id, row) : null;
    const artifacts = row.status === 'done' ? runArtifacts(this.db, id) : [];
    return {
      ...summary,
      ...(artifacts.length ? { artifacts } : {}),
      params: JSON.parse(row.params_json) as Record<string, unknown>,
      rng: row.rng,
      appVersion: row.app_version,
      solver: JSON.parse(row.solver_json) as Record<string, unknown>,
      notes: row.notes,
      result,
    };
  }

  /** The full artifacts a bundle carries with a run: those it kept, and those it reused as `input.<name>`. */
  artifactsToCarry(run: RunDetail): ArtifactResult[] {
    const kept = runArtifactsWithData(this.db, run.id);
    const used: ArtifactResult[] = [];
    const inputs = Array.isArray(run.solver['inputs']) ? (run.solver['inputs'] as { name: string; kind: string; sha256: string }[]) : [];
    for (const input of inputs) {
      if (input.kind !== 'artifact') continue;
      const found = resolveArtifact(this.db, `artifact:${input.sha256}`);
      if ('artifact' in found) used.push({ name: `input.${input.name}`, format: found.artifact.format, config: { ...found.artifact.config }, data: found.artifact.data });
    }
    return [...kept, ...used.filter((u) => !kept.some((k) => k.name === u.name))];
  }

  /** The stored artifact a reference names (see artifacts.ts), or why none. */
  resolveArtifact(ref: string): ReturnType<typeof resolveArtifact> {
    return resolveArtifact(this.db, ref);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
  }

  private result(id: string, row: RunRow): RunResult {
    const seriesRows = this.db.prepare('SELECT * FROM series WHERE run_id = ? ORDER BY idx').all(id) as SeriesRow[];
    const series: Series[] = seriesRows.map((s) => ({
      name: s.name,
      source: s.source,
      ...(s.label !== null ? { label: s.label } : {}),
      ...(s.seed !== null ? { seed: s.seed } : {}),
      ...(s.replica !== null ? { replica: s.replica } : {}),
      x: decodeFloat64(s.x),
      y: decodeFloat64(s.y),
      xLabel: s.x_label,
      yLabel: s.y_label,
      ...(s.band_kind && s.band_lo && s.band_hi
        ? { band: { kind: s.band_kind, lo: decodeFloat64(s.band_lo), hi: decodeFloat64(s.band_hi) } }
        : {}),
    }));
    const { images, grids } = readImages(this.db, id);
    return {
      series,
      scalars: JSON.parse(row.scalars_json) as Record<string, number>,
      ...(images.length ? { images } : {}),
      ...(grids.length ? { grids } : {}),
      notes: JSON.parse(row.result_notes_json) as string[],
    };
  }
}

/** JSON has no NaN/Infinity: keep them as strings would break consumers, so store null-free finite values only. */
function finiteScalars(scalars: Record<string, number>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(scalars)) out[k] = Number.isFinite(v) ? v : String(v);
  return out;
}

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    seed: row.seed,
    replicas: row.replicas,
    paramsHash: row.params_hash,
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    tags: row.tags ? row.tags.split('\u001f') : [],
    error: row.error,
    progress: null,
    scalars: JSON.parse(row.scalars_json) as Record<string, number | string>,
    sweepId: row.sweep_id,
    sweepPoint: row.sweep_point_json ? (JSON.parse(row.sweep_point_json) as Record<string, unknown>) : null,
    deletedAt: row.deleted_at,
    ...(row.status === 'failed' && row.error === INTERRUPTED_ERROR
      ? { interrupted: { partsDone: row.parts_done, partsTotal: row.parts_total } }
      : {}),
  };
}
