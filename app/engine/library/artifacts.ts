/**
 * Trained models kept by runs (`RunResult.artifacts`): stored with the run's result, named by the
 * SHA-256 of their content (format, canonical configuration, little-endian data), and found again
 * by reference — `run:RUN_ID/NAME` (a run's model by its name) or `artifact:ID` (at least 8 hex
 * digits of the id) — when a later run reuses one.
 */
import { createHash } from 'node:crypto';
import type { ArtifactInfo } from '../../api.js';
import type { ArtifactDataset } from '../../../core/models/kit/dataset.js';
import type { ArtifactResult } from '../../../core/models/model-kind.js';
import { canonicalJson } from '../../../core/models/resolve-params.js';
import type { Db } from './db.js';
import { decodeFloat64, encodeFloat64 } from './series-codec.js';

/** The id of an artifact: the SHA-256 (hex) of what it is, so equal content has one id. */
export function artifactId(artifact: Pick<ArtifactResult, 'format' | 'config' | 'data'>): string {
  return createHash('sha256')
    .update('limitlab-artifact/1\0')
    .update(`${artifact.format}\0${canonicalJson(artifact.config)}\0`)
    .update(encodeFloat64(artifact.data))
    .digest('hex');
}

const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A message when a run's artifacts cannot be stored (bad or repeated names, non-finite data), else null. */
export function artifactsProblem(artifacts: readonly ArtifactResult[]): string | null {
  const seen = new Set<string>();
  for (const a of artifacts) {
    if (!ARTIFACT_NAME.test(a.name)) return `artifact name "${a.name.slice(0, 40)}" is not 1–64 letters, digits, "_", "." or "-"`;
    if (seen.has(a.name)) return `artifact "${a.name}" appears twice`;
    seen.add(a.name);
    if (!a.format) return `artifact "${a.name}" has no format`;
    if (!a.data.every(Number.isFinite)) return `artifact "${a.name}" holds values that are not finite`;
  }
  return null;
}

/** Store a finished run's artifacts (inside the caller's transaction). */
export function insertArtifacts(db: Db, runId: string, artifacts: readonly ArtifactResult[]): void {
  const problem = artifactsProblem(artifacts);
  if (problem) throw new Error(problem);
  const insert = db.prepare('INSERT INTO artifacts (run_id, name, id, format, config_json, data) VALUES (?, ?, ?, ?, ?, ?)');
  for (const a of artifacts) insert.run(runId, a.name, artifactId(a), a.format, canonicalJson(a.config), encodeFloat64(a.data));
}

interface ArtifactRow {
  run_id: string;
  name: string;
  id: string;
  format: string;
  config_json: string;
  data: Buffer;
}

/** What the app and `show` list of a run's artifacts (never the numbers). */
export function runArtifacts(db: Db, runId: string): ArtifactInfo[] {
  const rows = db.prepare('SELECT run_id, name, id, format, config_json, length(data) / 8 AS size FROM artifacts WHERE run_id = ? ORDER BY name').all(runId) as (Omit<ArtifactRow, 'data'> & { size: number })[];
  return rows.map((r) => ({ name: r.name, id: r.id, format: r.format, config: JSON.parse(r.config_json) as Record<string, unknown>, size: r.size, ref: `run:${r.run_id}/${r.name}` }));
}

/** The full artifacts of a run, numbers included (for bundles). */
export function runArtifactsWithData(db: Db, runId: string): ArtifactResult[] {
  const rows = db.prepare('SELECT run_id, name, id, format, config_json, data FROM artifacts WHERE run_id = ? ORDER BY name').all(runId) as ArtifactRow[];
  return rows.map((r) => ({ name: r.name, format: r.format, config: JSON.parse(r.config_json) as Record<string, unknown>, data: decodeFloat64(r.data) }));
}

/**
 * The artifact a reference names, or a one-line reason it names none: an unknown run or name, an id
 * prefix that is too short, unknown or matches several artifacts, a run in the trash.
 */
export function resolveArtifact(db: Db, ref: string): { artifact: ArtifactDataset } | { problem: string } {
  let row: ArtifactRow | undefined;
  if (ref.startsWith('run:')) {
    const body = ref.slice(4);
    const slash = body.lastIndexOf('/');
    if (slash <= 0 || slash === body.length - 1) return { problem: `${ref}: an artifact reference is run:RUN_ID/NAME or artifact:ID` };
    const runId = body.slice(0, slash);
    const name = body.slice(slash + 1);
    row = db.prepare('SELECT run_id, name, id, format, config_json, data FROM artifacts WHERE run_id = ? AND name = ?').get(runId, name) as ArtifactRow | undefined;
    if (!row) {
      const run = db.prepare('SELECT id FROM runs WHERE id = ?').get(runId);
      if (!run) return { problem: `${ref}: no run with id ${runId} in this library` };
      const names = (db.prepare('SELECT name FROM artifacts WHERE run_id = ? ORDER BY name').all(runId) as { name: string }[]).map((r) => r.name);
      return { problem: `${ref}: run ${runId} kept no artifact "${name}"${names.length ? ` (it kept ${names.join(', ')})` : ' (it kept none)'}` };
    }
  } else if (ref.startsWith('artifact:')) {
    const prefix = ref.slice(9).toLowerCase();
    if (!/^[0-9a-f]{8,64}$/.test(prefix)) return { problem: `${ref}: give at least 8 hex digits of the artifact's id` };
    const rows = db.prepare('SELECT DISTINCT id FROM artifacts WHERE id >= ? AND id < ? LIMIT 2').all(prefix, `${prefix}g`) as { id: string }[];
    if (rows.length === 0) return { problem: `${ref}: no artifact with that id in this library` };
    if (rows.length > 1) return { problem: `${ref}: several artifacts start with ${prefix}; give more digits` };
    row = db.prepare('SELECT run_id, name, id, format, config_json, data FROM artifacts WHERE id = ? LIMIT 1').get(rows[0]!.id) as ArtifactRow;
  } else {
    return { problem: `${ref}: an artifact reference is run:RUN_ID/NAME or artifact:ID` };
  }
  const data = decodeFloat64(row.data);
  return { artifact: { type: 'artifact', id: row.id, format: row.format, config: JSON.parse(row.config_json) as Record<string, unknown>, data } };
}
