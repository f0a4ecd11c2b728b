/**
 * The run library as the UI sees it: one page of the runs table (the engine filters, sorts and
 * pages, so a library of any size loads one page at a time), live status and progress of runs,
 * and the selection used by compare, aggregate and export. Kept current from 'run:status' /
 * 'run:progress' / 'library:changed' events, with a re-query after each change (debounced) and
 * after the event stream reconnects.
 */
import { SvelteMap } from 'svelte/reactivity';
import { ApiError, type RunStatus, type RunSummary } from '../../../app/api.js';
import type { AppApi, ConnectionState } from '../api/index.js';
import { buildQuery, EMPTY_FILTERS, type LibraryFilters, type SortKey } from '../lib/query.js';
import type { Prefs } from './prefs.svelte.js';
import type { PartialResult } from '../../../core/models/model-kind.js';

/** Least time between two redraws of a running run's live curves. */
const LIVE_EVERY_MS = 250;

export interface Progress {
  fraction: number;
  note?: string;
}

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

export const STATUS_RANK: Record<RunStatus, number> = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };

/** Typing in these boxes re-queries after a pause. */
const TYPING_DELAY_MS: Partial<Record<keyof LibraryFilters, number>> = { text: 200, where: 400, tag: 250 };

export class LibraryState {
  /** The rows of the current page. */
  items = $state<RunSummary[]>([]);
  /** Runs matching the filters (all pages). */
  total = $state(0);
  filters = $state<LibraryFilters>({ ...EMPTY_FILTERS });
  offset = $state(0);
  /** Showing the trash instead of the live runs. */
  trash = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** The engine's message about the parameter filter, shown beside it. */
  whereError = $state<string | null>(null);
  /** Time of the last query, for the status line. */
  queryMs = $state<number | null>(null);
  progress = $state<Record<string, Progress>>({});
  /**
   * What the parts of active runs computed so far, by run id then part name (display only: never
   * stored; dropped when the run ends). Published at most every LIVE_EVERY_MS so charts redraw calmly.
   */
  partials = $state.raw<Record<string, Record<string, PartialResult>>>({});
  connection = $state<ConnectionState>('connecting');
  /** Bumped per run id when the library reports a change (rename, notes, tags...), so views reload. */
  touched = $state<Record<string, number>>({});
  /** The freshest summary seen of every run this page has met (page rows, events, opened runs). */
  known = $state<Record<string, RunSummary>>({});
  /** Selected runs, in the order they were picked. */
  readonly selection = new SvelteMap<string, RunSummary>();

  #api: AppApi;
  #prefs: Prefs;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #listSeq = 0;
  #pendingPartials: Record<string, Record<string, PartialResult>> | null = null;
  #partialsTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: AppApi, prefs: Prefs) {
    this.#api = api;
    this.#prefs = prefs;
  }

  get(id: string | null): RunSummary | undefined {
    return id ? this.known[id] : undefined;
  }

  get pageSize(): number {
    return this.#prefs.pageSize;
  }

  get sort(): SortKey {
    return this.#prefs.sort;
  }

  get order(): 'asc' | 'desc' {
    return this.#prefs.order;
  }

  get selectedIds(): string[] {
    return [...this.selection.keys()];
  }

  /** Fetch the current page again (latest answer wins). */
  async refresh(): Promise<void> {
    if (this.#refreshTimer !== null) {
      clearTimeout(this.#refreshTimer);
      this.#refreshTimer = null;
    }
    const seq = ++this.#listSeq;
    const limit = this.#prefs.pageSize;
    const query = buildQuery(this.filters, { sort: this.#prefs.sort, order: this.#prefs.order, offset: this.offset, limit, trash: this.trash });
    const started = performance.now();
    try {
      const page = await this.#api.call('runs:query', query);
      if (seq !== this.#listSeq) return;
      if (page.items.length === 0 && page.total > 0 && this.offset > 0) {
        // The page emptied (runs deleted or filtered away): show the last page there is.
        this.offset = Math.floor((page.total - 1) / limit) * limit;
        return this.refresh();
      }
      this.queryMs = performance.now() - started;
      this.items = page.items;
      this.total = page.total;
      for (const r of page.items) this.remember(r);
      this.error = null;
      this.whereError = null;
    } catch (err) {
      if (seq !== this.#listSeq) return;
      const message = err instanceof Error ? err.message : String(err);
      if (query.where && err instanceof ApiError && err.code === 'bad_request' && /filter|where|field/i.test(message)) {
        this.whereError = message;
        this.error = null;
      } else {
        this.error = message;
      }
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

  setFilter<K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]): void {
    if (this.filters[key] === value) return;
    this.filters[key] = value;
    this.offset = 0;
    if (key === 'where' && value === '') this.whereError = null;
    this.scheduleRefresh(TYPING_DELAY_MS[key] ?? 0);
  }

  clearFilters(): void {
    this.filters = { ...EMPTY_FILTERS };
    this.whereError = null;
    this.offset = 0;
    void this.refresh();
  }

  /** Sort by a column; the same column again flips the order. */
  sortBy(key: SortKey): void {
    if (this.#prefs.sort === key) this.#prefs.order = this.#prefs.order === 'asc' ? 'desc' : 'asc';
    else {
      this.#prefs.sort = key;
      this.#prefs.order = key === 'created' || key === 'duration' ? 'desc' : 'asc';
    }
    this.offset = 0;
    void this.refresh();
  }

  setPageSize(size: number): void {
    this.#prefs.pageSize = size;
    this.offset = 0;
    void this.refresh();
  }

  goToOffset(offset: number): void {
    const max = Math.max(0, Math.floor((this.total - 1) / this.#prefs.pageSize) * this.#prefs.pageSize);
    const next = Math.max(0, Math.min(max, offset));
    if (next === this.offset) return;
    this.offset = next;
    void this.refresh();
  }

  showTrash(trash: boolean): void {
    if (this.trash === trash) return;
    this.trash = trash;
    this.offset = 0;
    this.selection.clear();
    this.items = [];
    this.loaded = false;
    void this.refresh();
  }

  /** Keep the freshest summary of a run (a late answer never moves a run back in its lifecycle). */
  private remember(summary: RunSummary): void {
    const known = this.known[summary.id];
    if (known && STATUS_RANK[summary.status] < STATUS_RANK[known.status]) return;
    this.known[summary.id] = summary;
    if (this.selection.has(summary.id)) this.selection.set(summary.id, summary);
    if (summary.progress !== null && isActive(summary.status) && summary.progress > (this.progress[summary.id]?.fraction ?? -1)) {
      this.progress[summary.id] = { fraction: summary.progress };
    }
    if (!isActive(summary.status)) {
      delete this.progress[summary.id];
      this.dropPartials(summary.id);
    }
  }

  /** Keep a part's latest partial result; published on the next tick of the live timer. */
  private notePartial(id: string, part: string, partial: PartialResult): void {
    const next = this.#pendingPartials ?? { ...this.partials };
    next[id] = { ...(next[id] ?? {}), [part]: partial };
    this.#pendingPartials = next;
    this.#partialsTimer ??= setTimeout(() => {
      this.#partialsTimer = null;
      if (this.#pendingPartials) this.partials = this.#pendingPartials;
      this.#pendingPartials = null;
    }, LIVE_EVERY_MS);
  }

  private dropPartials(id: string): void {
    if (this.#pendingPartials?.[id]) delete this.#pendingPartials[id];
    if (!(id in this.partials)) return;
    const { [id]: _gone, ...rest } = this.partials;
    this.partials = rest;
  }

  /** Insert or replace a summary (from an event, a start call or an opened run). */
  upsert(summary: RunSummary): void {
    this.remember(summary);
    const fresh = this.known[summary.id];
    const i = this.items.findIndex((r) => r.id === summary.id);
    if (i >= 0 && fresh) this.items[i] = fresh;
  }

  // Selection ---------------------------------------------------------------------------------

  isSelected(id: string): boolean {
    return this.selection.has(id);
  }

  toggle(summary: RunSummary, on?: boolean): void {
    const next = on ?? !this.selection.has(summary.id);
    if (next) this.selection.set(summary.id, summary);
    else this.selection.delete(summary.id);
  }

  selectMany(summaries: readonly RunSummary[], on = true): void {
    for (const s of summaries) this.toggle(s, on);
  }

  clearSelection(): void {
    this.selection.clear();
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.selection.delete(id);
  }

  /** Subscribe to engine events; returns the unsubscribe function. */
  connect(): () => void {
    const offStatus = this.#api.on('run:status', (summary) => {
      this.upsert(summary);
      this.scheduleRefresh();
    });
    const offProgress = this.#api.on('run:progress', ({ id, fraction, note, partial }) => {
      const run = this.get(id);
      if (run && !isActive(run.status)) return;
      if (partial) {
        const { part, ...result } = partial;
        this.notePartial(id, part, result);
      }
      const previous = this.progress[id];
      this.progress[id] = { fraction: Math.min(1, Math.max(0, fraction)), ...(note ? { note } : partial && previous?.note ? { note: previous.note } : {}) };
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
      if (this.#partialsTimer !== null) clearTimeout(this.#partialsTimer);
    };
  }
}
