/**
 * Turning a `{ ok, result } | { ok: false, error }` envelope into a value or an ApiError.
 * Shared by the Electron and browser-host clients.
 */
import { ApiError, type ApiErrorCode, type ApiErrorShape, type ParamIssue } from '../../../app/api.js';

const CODES: readonly ApiErrorCode[] = ['invalid_params', 'unknown_kind', 'not_found', 'bad_request', 'too_costly', 'internal'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toIssues(value: unknown): ParamIssue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((issue) => ({
    path: typeof issue.path === 'string' ? issue.path : '',
    message: typeof issue.message === 'string' ? issue.message : String(issue.message ?? ''),
  }));
}

/** Build an ApiError from whatever error shape arrived (unknown codes become 'internal'). */
export function toApiError(shape: unknown): ApiError {
  if (shape instanceof ApiError) return shape;
  if (!isRecord(shape)) return new ApiError('internal', typeof shape === 'string' ? shape : 'unknown error');
  const code = CODES.includes(shape.code as ApiErrorCode) ? (shape.code as ApiErrorCode) : 'internal';
  const message = typeof shape.message === 'string' && shape.message ? shape.message : 'unknown error';
  return new ApiError(code, message, toIssues(shape.issues));
}

/** The result of an envelope, or throw its ApiError. A malformed envelope is an 'internal' error. */
export function unwrapEnvelope(envelope: unknown): unknown {
  if (!isRecord(envelope) || typeof envelope.ok !== 'boolean') {
    throw new ApiError('internal', 'malformed response from the engine');
  }
  if (envelope.ok) return envelope.result;
  throw toApiError(envelope.error as ApiErrorShape | undefined);
}
