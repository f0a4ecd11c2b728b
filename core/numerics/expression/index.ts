/**
 * Safe arithmetic expressions typed by users (a kernel phi(r), a profile f(x)): a recursive-descent
 * parser to a syntax tree and closures over it, never code evaluation. A malformed source throws
 * `ExpressionError` with the 0-based `position` of the first offending character and a message
 * naming it 1-based ("character 12: missing ")" ...").
 *
 *   univariate('exp(-r^2) * sin(2*pi*r)')(0.5)
 *   compileExpression('x*y + 1', ['x', 'y']).evaluate([2, 3])   // 7
 */
export { ExpressionError, isExpressionError } from './errors.js';
export { CONSTANTS, FUNCTIONS } from './functions.js';
export { type ExpressionNode, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression } from './parse.js';
export { type CompiledExpression, compileExpression, univariate } from './compile.js';
