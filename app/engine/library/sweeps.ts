/** The sweeps table: a sweep's specification; its runs carry its id. */
import type { RunStatus, SweepSpec, SweepSummary } from '../../api.js';
import type { Db } from './db.js';

interface SweepRow {
  id: string;
  kind: string;
  name: string;
  spec_json: string;
  created_at: string;
}

export class SweepsRepository {
  constructor(private readonly db: Db) {}

  insert(sweep: { id: string; kind: string; name: string; spec: SweepSpec; createdAt: string }): void {
    this.db
      .prepare('INSERT INTO sweeps (id, kind, name, spec_json, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(sweep.id, sweep.kind, sweep.name, JSON.stringify(sweep.spec), sweep.createdAt);
  }

  get(id: string): SweepSummary | null {
    const row = this.db.prepare('SELECT * FROM sweeps WHERE id = ?').get(id) as SweepRow | undefined;
    return row ? this.summary(row) : null;
  }

  list(): SweepSummary[] {
    return (this.db.prepare('SELECT * FROM sweeps ORDER BY created_at DESC').all() as SweepRow[]).map((r) => this.summary(r));
  }

  private summary(row: SweepRow): SweepSummary {
    const counts: Record<RunStatus, number> = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
    const rows = this.db
      .prepare('SELECT status, count(*) AS n FROM runs WHERE sweep_id = ? AND deleted_at IS NULL GROUP BY status')
      .all(row.id) as { status: RunStatus; n: number }[];
    for (const r of rows) counts[r.status] = r.n;
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      createdAt: row.created_at,
      spec: JSON.parse(row.spec_json) as SweepSpec,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
    };
  }
}
