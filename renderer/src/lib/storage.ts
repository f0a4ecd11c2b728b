/**
 * Remembered UI state in localStorage (theme, panel sizes, table columns and sorting, export
 * settings): read with defaults and type checks, so a damaged or old entry never breaks the page.
 */

const PREFIX = 'limitlab.ui.';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function store(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored value merged over the defaults; fields of the wrong type keep their default. */
export function readPrefs<T extends Record<string, unknown>>(key: string, defaults: T, from: KeyValueStore | null = store()): T {
  let raw: unknown;
  try {
    const text = from?.getItem(PREFIX + key);
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...defaults };
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, def] of Object.entries(defaults)) {
    const v = (raw as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (Array.isArray(def) ? Array.isArray(v) : typeof v === typeof def && (v !== null || def === null)) out[k] = v;
  }
  return out as T;
}

export function writePrefs(key: string, value: unknown, to: KeyValueStore | null = store()): void {
  try {
    to?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the UI keeps working with its current state.
  }
}
