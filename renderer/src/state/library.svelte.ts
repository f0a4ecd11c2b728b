/**
 * The run library as the UI sees it: the list of run summaries, live progress, and the selection.
 * Kept current from 'run:status' / 'run:progress' / 'library:changed' events, with a re-list after
 * each change (debounced) and after the event stream reconnects.
 */
import type { RunStatus, RunSummary } from '../../../app/api.js';
import type { AppApi, ConnectionState } from '../api/index.js';

export interface Progress {
  fraction: number;
  note?: string;
}

const LIST_LIMIT = 500;

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

function byCreatedDesc(a: RunSummary, b: RunSummary): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

export class LibraryState {
  runs = $state<RunSummary[]>([]);
  progress = $state<Record<string, Progress>>({});
  loaded = $state(false);
  error = $state<string | null>(null);
  connection = $state<ConnectionState>('connecting');
  /** Bumped per run id when the library reports a change (rename, notes, tags...), so views reload. */
  touched = $state<Record<string, number>>({});

  #api: AppApi;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #listSeq = 0;

  constructor(api: AppApi) {
    this.#api = api;
  }

  get(id: string | null): RunSummary | undefined {
    return id ? this.runs.find((r) => r.id === id) : undefined;
  }

  /** Fetch the list again (latest answer wins). */
  async refresh(): Promise<void> {
    const seq = ++this.#listSeq;
    try {
      const list = await this.#api.call('runs:list', { limit: LIST_LIMIT });
      if (seq !== this.#listSeq) return;
      this.runs = [...list].sort(byCreatedDesc);
      for (const r of list) {
        if (r.progress !== null && isActive(r.status) && !this.progress[r.id]) {
          this.progress[r.id] = { fraction: r.progress };
        }
      }
      this.error = null;
    } catch (err) {
      if (seq !== this.#listSeq) return;
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (seq === this.#listSeq) this.loaded = true;
    }
  }

  scheduleRefresh(delayMs = 300): void {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.refresh();
    }, delayMs);
  }

  /** Insert or replace a summary (from an event or a start call). */
  upsert(summary: RunSummary): void {
    const i = this.runs.findIndex((r) => r.id === summary.id);
    if (i >= 0) this.runs[i] = summary;
    else this.runs = [summary, ...this.runs].sort(byCreatedDesc);
    if (!isActive(summary.status)) delete this.progress[summary.id];
    else if (summary.progress !== null && summary.progress > (this.progress[summary.id]?.fraction ?? -1)) {
      this.progress[summary.id] = { fraction: summary.progress };
    }
  }

  /** Subscribe to engine events; returns the unsubscribe function. */
  connect(): () => void {
    const offStatus = this.#api.on('run:status', (summary) => {
      this.upsert(summary);
      this.scheduleRefresh();
    });
    const offProgress = this.#api.on('run:progress', ({ id, fraction, note }) => {
      const run = this.get(id);
      if (run && !isActive(run.status)) return;
      this.progress[id] = { fraction: Math.min(1, Math.max(0, fraction)), ...(note ? { note } : {}) };
    });
    const offChanged = this.#api.on('library:changed', ({ ids }) => {
      for (const id of ids) this.touched[id] = (this.touched[id] ?? 0) + 1;
      this.scheduleRefresh(100);
    });
    let first = true;
    const offConn = this.#api.onConnection((state) => {
      this.connection = state;
      // Events may have been missed while the stream was down.
      if (state === 'open' && !first) void this.refresh();
      if (state === 'open') first = false;
    });
    return () => {
      offStatus();
      offProgress();
      offChanged();
      offConn();
      if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    };
  }
}
