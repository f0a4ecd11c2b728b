/**
 * The main window's size, position and maximised state, remembered between sessions in
 * `window-state.json` in the user-data folder. Pure parsing and validation here; main.ts reads and
 * writes the file.
 */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
const MIN = { width: 960, height: 600 };
const MAX_SIDE = 100_000;

/** The stored state if the text is a sane one, else null (first start, corrupt file). */
export function parseWindowState(text: string | null): WindowState | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < MAX_SIDE;
  if (!finite(r['width']) || !finite(r['height'])) return null;
  const state: WindowState = {
    width: Math.max(MIN.width, Math.round(r['width'])),
    height: Math.max(MIN.height, Math.round(r['height'])),
    maximized: r['maximized'] === true,
  };
  if (finite(r['x']) && finite(r['y'])) {
    state.x = Math.round(r['x']);
    state.y = Math.round(r['y']);
  }
  return state;
}

export function serializeWindowState(bounds: { x: number; y: number; width: number; height: number }, maximized: boolean): string {
  return JSON.stringify({ ...bounds, maximized });
}
