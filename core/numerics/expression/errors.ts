/** A malformed expression: where (0-based index into the source; shown 1-based) and what is wrong, as "character 7: missing ...". */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** 0-based index of the offending character (the source's length for an unexpected end). */
  readonly position: number;
  readonly reason: string;

  constructor(reason: string, position: number) {
    super(`character ${position + 1}: ${reason}`);
    this.reason = reason;
    this.position = position;
  }
}

export function isExpressionError(e: unknown): e is ExpressionError {
  return e instanceof ExpressionError;
}
