/**
 * Preferences remembered between sessions in localStorage: theme, the library panel's width, tab,
 * columns, sorting and page size, and the last figure-export settings.
 */
import type { FigureRequest } from '../../../app/api.js';
import { LEGEND_PLACEMENTS, type LegendPlacement } from '../../../view/figure-options.js';
import { readPrefs, writePrefs } from '../lib/storage.js';
import type { SortKey, SortOrder } from '../lib/query.js';
import { cleanFieldColumns, isFieldColumn, type FieldColumn } from '../lib/field-columns.js';

export type Theme = 'light' | 'dark';
export type LibraryTab = 'runs' | 'trash' | 'sweeps' | 'groups';

/** Optional columns of the runs table (the selection box, name and status are always shown). */
export const OPTIONAL_COLUMNS = ['kind', 'tags', 'created', 'duration', 'seed', 'replicas'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export interface ExportSettings {
  format: FigureRequest['format'];
  widthMm: number;
  heightMm: number;
  fontSize: number;
  scale: number;
  theme: Theme;
  /** Where the legend goes. */
  legend: LegendPlacement;
}

const UI_DEFAULTS = {
  theme: '' as string,
  sidebarWidth: 560,
  tab: 'runs' as string,
  columns: ['kind', 'tags', 'created', 'duration'] as string[],
  fieldColumns: [] as string[],
  sort: 'created' as string,
  order: 'desc' as string,
  pageSize: 50,
  filtersOpen: false,
};

const EXPORT_DEFAULTS: ExportSettings = { format: 'svg', widthMm: 120, heightMm: 80, fontSize: 9, scale: 2, theme: 'light', legend: 'auto' };

function systemTheme(): Theme {
  try {
    return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

const SORTS: SortKey[] = ['created', 'name', 'kind', 'status', 'duration'];
const TABS: LibraryTab[] = ['runs', 'trash', 'sweeps', 'groups'];

export class Prefs {
  theme = $state<Theme>('light');
  sidebarWidth = $state(560);
  tab = $state<LibraryTab>('runs');
  columns = $state<OptionalColumn[]>([]);
  /** Parameter and scalar columns (`params.<path>`, `scalars.<name>`), in the order chosen. */
  fieldColumns = $state<FieldColumn[]>([]);
  sort = $state<SortKey>('created');
  order = $state<SortOrder>('desc');
  pageSize = $state(50);
  filtersOpen = $state(false);
  exportSettings = $state<ExportSettings>({ ...EXPORT_DEFAULTS });

  constructor() {
    const ui = readPrefs('state', UI_DEFAULTS);
    this.theme = ui.theme === 'dark' || ui.theme === 'light' ? ui.theme : systemTheme();
    this.sidebarWidth = Math.min(1200, Math.max(320, ui.sidebarWidth));
    this.tab = (TABS as string[]).includes(ui.tab) ? (ui.tab as LibraryTab) : 'runs';
    this.columns = OPTIONAL_COLUMNS.filter((c) => ui.columns.includes(c));
    this.fieldColumns = cleanFieldColumns(ui.fieldColumns);
    this.sort = (SORTS as string[]).includes(ui.sort) || isFieldColumn(ui.sort) ? (ui.sort as SortKey) : 'created';
    this.order = ui.order === 'asc' ? 'asc' : 'desc';
    this.pageSize = [25, 50, 100, 200].includes(ui.pageSize) ? ui.pageSize : 50;
    this.filtersOpen = ui.filtersOpen;
    const ex = readPrefs('export', { ...EXPORT_DEFAULTS } as unknown as Record<string, unknown>) as unknown as ExportSettings;
    this.exportSettings = {
      format: ['svg', 'pdf', 'png'].includes(ex.format) ? ex.format : 'svg',
      widthMm: clamp(ex.widthMm, 20, 500, EXPORT_DEFAULTS.widthMm),
      heightMm: clamp(ex.heightMm, 20, 500, EXPORT_DEFAULTS.heightMm),
      fontSize: clamp(ex.fontSize, 4, 32, EXPORT_DEFAULTS.fontSize),
      scale: clamp(ex.scale, 1, 3, EXPORT_DEFAULTS.scale),
      theme: ex.theme === 'dark' ? 'dark' : 'light',
      legend: (LEGEND_PLACEMENTS as readonly string[]).includes(ex.legend) ? ex.legend : 'auto',
    };
  }

  /** Write the current state (call from an effect that reads every field). */
  save(): void {
    writePrefs('state', {
      theme: this.theme,
      sidebarWidth: Math.round(this.sidebarWidth),
      tab: this.tab,
      columns: [...this.columns],
      fieldColumns: [...this.fieldColumns],
      sort: this.sort,
      order: this.order,
      pageSize: this.pageSize,
      filtersOpen: this.filtersOpen,
    });
    writePrefs('export', { ...this.exportSettings });
  }

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
  }

  toggleColumn(column: OptionalColumn): void {
    this.columns = this.columns.includes(column)
      ? this.columns.filter((c) => c !== column)
      : OPTIONAL_COLUMNS.filter((c) => c === column || this.columns.includes(c));
  }
}

function clamp(v: unknown, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

/** The one instance of the page. */
export const prefs = new Prefs();
