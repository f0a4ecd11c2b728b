/**
 * The `{ ok, result } | { ok, error }` envelope every bridged call resolves to. Errors travel as
 * plain `ApiErrorShape` objects because Electron's IPC does not preserve Error subclasses.
 */
import type { ApiErrorCode, ApiErrorShape, ParamIssue } from '../api.js';

export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };

const ERROR_CODES: readonly ApiErrorCode[] = ['invalid_params', 'unknown_kind', 'not_found', 'bad_request', 'too_costly', 'internal'];

export function okEnvelope<T>(result: T): Envelope<T> {
  return { ok: true, result };
}

export function errorEnvelope(code: ApiErrorCode, message: string, issues?: ParamIssue[]): Envelope<never> {
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}) } };
}

/**
 * Turn anything thrown into an `ApiErrorShape`: an `ApiError` (or any object carrying a known code
 * and a message) keeps its code, message and issues; everything else becomes `internal`.
 */
export function toErrorShape(error: unknown): ApiErrorShape {
  if (error && typeof error === 'object') {
    const candidate = error as { code?: unknown; message?: unknown; issues?: unknown };
    const message = typeof candidate.message === 'string' ? candidate.message : String(error);
    if (typeof candidate.code === 'string' && (ERROR_CODES as readonly string[]).includes(candidate.code)) {
      const issues = Array.isArray(candidate.issues) ? (candidate.issues as ParamIssue[]) : undefined;
      return { code: candidate.code as ApiErrorCode, message, ...(issues ? { issues } : {}) };
    }
    return { code: 'internal', message };
  }
  return { code: 'internal', message: String(error) };
}

export function isEnvelope(value: unknown): value is Envelope {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'result' in v;
  if (v.ok === false) return !!v.error && typeof v.error === 'object';
  return false;
}
