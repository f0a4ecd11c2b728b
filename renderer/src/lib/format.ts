/** Display formatting of times and durations (local time zone). */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "2025-11-28 14:03:07" in local time; '' for missing or invalid input. */
export function formatLocalTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A short local time for tables: "14:03:07" today, "11-28 14:03" this year, "2024-11-28" before.
 */
export function formatShortTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()) {
    return `${time}:${pad(d.getSeconds())}`;
  }
  if (d.getFullYear() === now.getFullYear()) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "850 ms", "12.3 s", "2 min 05 s", "1 h 02 min"; '' for null. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
  const totalS = Math.round(s);
  const m = Math.floor(totalS / 60);
  if (m < 60) return `${m} min ${pad(totalS % 60)} s`;
  return `${Math.floor(m / 60)} h ${pad(m % 60)} min`;
}

/** Duration of a run: the recorded one, or the time elapsed so far while it runs. */
export function runDuration(
  run: { durationMs: number | null; startedAt: string | null; status: string },
  now: number,
): number | null {
  if (run.durationMs !== null) return run.durationMs;
  if (run.status === 'running' && run.startedAt) {
    const t = new Date(run.startedAt).getTime();
    if (Number.isFinite(t)) return Math.max(0, now - t);
  }
  return null;
}
