/**
 * Errors a model kind may throw. `CancelledError` marks a run stopped on request (the host maps it
 * to the `cancelled` status rather than `failed`). Across a worker boundary `instanceof` is lost,
 * so hosts should test with `isCancelledError`, which also accepts the plain-object form
 * `{ name: 'CancelledError' }`.
 */
export class CancelledError extends Error {
  readonly code = 'cancelled' as const;

  constructor(message = 'run cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function isCancelledError(e: unknown): boolean {
  return (
    e instanceof CancelledError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'CancelledError')
  );
}
