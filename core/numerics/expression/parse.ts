/**
 * A recursive-descent parser for arithmetic expressions in named variables: numbers (1, 2.5, .5,
 * 1e-3), variables, the constants pi and e, + - * / and ^ (also written **; right-associative,
 * binding tighter than a unary minus, so -r^2 = -(r^2) and 2^-1 = 0.5), parentheses, and calls of
 * the functions in ./functions.ts (exp, log, sqrt, sin, cos, tan, sinh, cosh, tanh, atan, abs, sign,
 * floor, pow(x, y), min(a, b, ...), max(a, b, ...)). Nothing is evaluated as code: the source becomes
 * a syntax tree, which ./compile.ts turns into closures. A malformed source throws an
 * ExpressionError naming the first offending character.
 *
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary (('^' | '**') unary)?
 *   primary := number | constant | variable | function '(' sum (',' sum)* ')' | '(' sum ')'
 */
import { ExpressionError } from './errors.js';
import { CONSTANTS, FUNCTIONS, isConstantName, isFunctionName } from './functions.js';

export type ExpressionNode =
  | { type: 'number'; value: number }
  | { type: 'variable'; index: number; name: string }
  | { type: 'unary'; op: '-'; arg: ExpressionNode }
  | { type: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: ExpressionNode; right: ExpressionNode }
  | { type: 'call'; name: string; args: ExpressionNode[] };

/** Longest source accepted, and deepest nesting (parentheses, calls, unary signs, powers). */
export const MAX_EXPRESSION_LENGTH = 2000;
export const MAX_EXPRESSION_DEPTH = 100;

type Token =
  | { kind: 'number'; value: number; at: number; text: string }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/' | '^' | '(' | ')' | ','; at: number; text: string }
  | { kind: 'end'; at: number };

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && i + 1 < src.length && isDigit(src[i + 1]!))) {
      const start = i;
      while (i < src.length && isDigit(src[i]!)) i++;
      if (src[i] === '.') {
        i++;
        while (i < src.length && isDigit(src[i]!)) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (j < src.length && isDigit(src[j]!)) {
          while (j < src.length && isDigit(src[j]!)) j++;
          i = j;
        } else {
          throw new ExpressionError('malformed exponent in number', j < src.length ? j : src.length);
        }
      }
      const text = src.slice(start, i);
      if (i < src.length && (isNameStart(src[i]!) || src[i] === '.')) {
        throw new ExpressionError(`unexpected "${src[i]}" after the number ${text}`, i);
      }
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ExpressionError(`number ${text} is too large`, start);
      out.push({ kind: 'number', value, at: start, text });
      continue;
    }
    if (isNameStart(c)) {
      const start = i;
      while (i < src.length && isNamePart(src[i]!)) i++;
      out.push({ kind: 'name', name: src.slice(start, i), at: start });
      continue;
    }
    if (c === '*' && src[i + 1] === '*') {
      out.push({ kind: 'op', op: '^', at: i, text: '**' });
      i += 2;
      continue;
    }
    if (c === '+' || c === '-' || c === '*' || c === '/' || c === '^' || c === '(' || c === ')' || c === ',') {
      out.push({ kind: 'op', op: c, at: i, text: c });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character "${printable(c)}"`, i);
  }
  out.push({ kind: 'end', at: src.length });
  return out;
}

function printable(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 32 || code === 127 ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of expression';
    case 'number':
      return `number ${t.text}`;
    case 'name':
      return `"${t.name}"`;
    case 'op':
      return `"${t.text}"`;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly variables: readonly string[],
  ) {}

  parse(): ExpressionNode {
    const node = this.sum();
    const t = this.peek();
    if (t.kind !== 'end') {
      throw new ExpressionError(t.kind === 'op' && t.op === ')' ? 'unmatched ")"' : `unexpected ${describe(t)} (an operator is missing?)`, t.at);
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.op === op;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(`nested more than ${MAX_EXPRESSION_DEPTH} deep`, at);
  }

  private sum(): ExpressionNode {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.pos++] as { op: '+' | '-' }).op;
      left = { type: 'binary', op, left, right: this.product() };
    }
    return left;
  }

  private product(): ExpressionNode {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.tokens[this.pos++] as { op: '*' | '/' }).op;
      left = { type: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.op === '-' || t.op === '+')) {
      this.enter(t.at);
      this.pos++;
      const arg = this.unary();
      this.depth--;
      return t.op === '-' ? { type: 'unary', op: '-', arg } : arg;
    }
    return this.power();
  }

  private power(): ExpressionNode {
    const base = this.primary();
    if (this.isOp('^')) {
      const t = this.tokens[this.pos++]!;
      this.enter(t.at);
      const exponent = this.unary();
      this.depth--;
      return { type: 'binary', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private primary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'number') {
      this.pos++;
      return { type: 'number', value: t.value };
    }
    if (t.kind === 'name') {
      this.pos++;
      if (this.isOp('(')) return this.call(t.name, t.at);
      if (isFunctionName(t.name)) throw new ExpressionError(`function ${t.name} needs its arguments in parentheses`, this.peek().at);
      const index = this.variables.indexOf(t.name);
      if (index >= 0) return { type: 'variable', index, name: t.name };
      if (isConstantName(t.name)) return { type: 'number', value: CONSTANTS[t.name]! };
      const known = this.variables.length > 0 ? `variables: ${this.variables.join(', ')}; ` : '';
      throw new ExpressionError(`unknown name "${t.name}" (${known}constants: pi, e)`, t.at);
    }
    if (t.kind === 'op' && t.op === '(') {
      this.enter(t.at);
      this.pos++;
      const inner = this.sum();
      this.expectClose(t.at, 'parenthesis');
      this.depth--;
      return inner;
    }
    throw new ExpressionError(t.kind === 'end' ? 'expression ends where a value is expected' : `expected a value, found ${describe(t)}`, t.at);
  }

  private call(name: string, at: number): ExpressionNode {
    const spec = FUNCTIONS[name];
    if (!spec || !isFunctionName(name)) throw new ExpressionError(`unknown function "${name}" (known: ${Object.keys(FUNCTIONS).join(', ')})`, at);
    const open = this.tokens[this.pos++]!;
    this.enter(open.at);
    const args: ExpressionNode[] = [this.sum()];
    while (this.isOp(',')) {
      this.pos++;
      args.push(this.sum());
    }
    this.expectClose(open.at, `arguments of ${name}`);
    this.depth--;
    if (args.length < spec.min || args.length > spec.max) {
      const want = spec.max === Infinity ? `at least ${spec.min}` : spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
      throw new ExpressionError(`${name} takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`, at);
    }
    return { type: 'call', name, args };
  }

  private expectClose(openedAt: number, what: string): void {
    const t = this.peek();
    if (t.kind === 'op' && t.op === ')') {
      this.pos++;
      return;
    }
    const reason = t.kind === 'end' ? `missing ")" to close the ${what} opened at character ${openedAt + 1}` : `expected "," or ")" in the ${what}, found ${describe(t)}`;
    throw new ExpressionError(reason, t.at);
  }
}

/** The syntax tree of `source` in the given variables; throws ExpressionError if malformed. */
export function parseExpression(source: string, variables: readonly string[]): ExpressionNode {
  if (typeof source !== 'string') throw new ExpressionError('expression must be text', 0);
  if (source.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  for (const v of variables) {
    if (isFunctionName(v) || isConstantName(v)) throw new RangeError(`variable name "${v}" is taken by a function or constant`);
  }
  const tokens = tokenize(source);
  if (tokens.length === 1) throw new ExpressionError('expression is empty', 0);
  return new Parser(tokens, variables).parse();
}
