import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  type ExpressionNode,
  MAX_EXPRESSION_DEPTH,
  compileExpression,
  parseExpression,
  univariate,
} from '../../../core/numerics/expression/index.js';
import { seeded } from '../../support/seeded.js';

function errorOf(source: string, variables: string[] = ['r']): ExpressionError {
  try {
    parseExpression(source, variables);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`"${source}" parsed`);
}

describe('expression values', () => {
  const at = (src: string, r = 0.3) => univariate(src)(r);

  it('follows the usual precedence: ^ over unary minus over * / over + -, ^ right-associative', () => {
    expect(at('1 + 2 * 3')).toBe(7);
    expect(at('(1 + 2) * 3')).toBe(9);
    expect(at('-2^2')).toBe(-4);
    expect(at('(-2)^2')).toBe(4);
    expect(at('2^3^2')).toBe(512);
    expect(at('2^-1')).toBe(0.5);
    expect(at('2**3')).toBe(8);
    expect(at('8 / 4 / 2')).toBe(1);
    expect(at('1 - 2 - 3')).toBe(-4);
    expect(at('--3')).toBe(3);
    expect(at('+r', 5)).toBe(5);
  });

  it('reads numbers in every written form', () => {
    expect(at('.5')).toBe(0.5);
    expect(at('2.')).toBe(2);
    expect(at('1e-3')).toBe(0.001);
    expect(at('2.5E+2')).toBe(250);
  });

  it('evaluates functions, constants and the variable', () => {
    const r = 0.37;
    expect(at('exp(-r^2) * sin(2*pi*r) + 0.5*cos(6*r)', r)).toBe(Math.exp(-(r ** 2)) * Math.sin(2 * Math.PI * r) + 0.5 * Math.cos(6 * r));
    expect(at('sqrt(r) + log(r) + abs(-r) + tanh(r) + atan(r)', r)).toBe(Math.sqrt(r) + Math.log(r) + Math.abs(-r) + Math.tanh(r) + Math.atan(r));
    expect(at('min(r, 0.2, 1) + max(r, 2) + pow(r, 3)', r)).toBe(0.2 + 2 + r ** 3);
    expect(at('e', 0)).toBe(Math.E);
    expect(at('max(0, r - 0.5)^2 * min(1, 2)', 0.9)).toBeCloseTo(0.16, 15);
  });

  it('evaluates several variables by position', () => {
    const f = compileExpression('x * y + z', ['x', 'y', 'z']);
    expect(f.evaluate([2, 3, 4])).toBe(10);
  });

  it('gives IEEE results for poles and domains (the caller decides what to refuse)', () => {
    expect(at('1/r', 0)).toBe(Infinity);
    expect(Number.isNaN(at('log(r)', -1))).toBe(true);
  });
});

describe('malformed expressions are refused with the position of the first error', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['r +', 3, /ends where a value is expected/],
    ['(r + 1', 6, /missing "\)" to close the parenthesis opened at character 1/],
    ['r + 1)', 5, /unmatched "\)"/],
    ['exp(r', 5, /missing "\)"/],
    ['2 r', 2, /unexpected "r" \(an operator is missing\?\)/],
    ['2r', 1, /after the number 2/],
    ['r $ 2', 2, /unexpected character "\$"/],
    ['foo(r)', 0, /unknown function "foo"/],
    ['x + 1', 0, /unknown name "x"/],
    ['exp', 3, /needs its arguments/],
    ['pow(r)', 0, /pow takes 2 arguments, got 1/],
    ['max(r)', 0, /at least 2/],
    ['sin(r, 2)', 0, /sin takes 1 argument, got 2/],
    ['1e', 2, /malformed exponent/],
    ['1e+', 3, /malformed exponent/],
    ['1.2.3', 3, /after the number/],
    ['r * * 2', 4, /expected a value/],
    ['(,)', 1, /expected a value/],
    ['max(1 2)', 6, /expected "," or "\)"/],
    ['1e999', 0, /too large/],
    ['constructor', 0, /unknown name/],
    ['__proto__(1)', 0, /unknown function/],
    ['toString(r)', 0, /unknown function/],
  ];
  it.each(cases)('%j at %i', (source, position, reason) => {
    const e = errorOf(source);
    expect(e.position).toBe(position);
    expect(e.message).toMatch(reason);
    expect(e.message.startsWith(`character ${position + 1}: `)).toBe(true);
    expect(e.message).not.toContain('\n');
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '('.repeat(MAX_EXPRESSION_DEPTH + 1) + 'r' + ')'.repeat(MAX_EXPRESSION_DEPTH + 1);
    expect(errorOf(deep).reason).toMatch(/nested more than/);
    expect(errorOf('-'.repeat(5000) + 'r').reason).toMatch(/longer than|nested more than/);
    const ok = '('.repeat(50) + 'r' + ')'.repeat(50);
    expect(univariate(ok)(2)).toBe(2);
  });
});

/** A random syntax tree, printed fully parenthesised, and its value by an evaluator independent of the parser's. */
function randomTree(rand: () => number, depth: number): ExpressionNode {
  const u = rand();
  if (depth <= 0 || u < 0.25) {
    return rand() < 0.5 ? { type: 'variable', index: 0, name: 'r' } : { type: 'number', value: Math.round(rand() * 1000) / 100 };
  }
  if (u < 0.35) return { type: 'unary', op: '-', arg: randomTree(rand, depth - 1) };
  if (u < 0.8) {
    const ops = ['+', '-', '*', '/', '^'] as const;
    return { type: 'binary', op: ops[Math.floor(rand() * ops.length)]!, left: randomTree(rand, depth - 1), right: randomTree(rand, depth - 1) };
  }
  const fns = ['exp', 'sin', 'cos', 'abs', 'sqrt', 'min', 'max', 'pow'];
  const name = fns[Math.floor(rand() * fns.length)]!;
  const arity = name === 'min' || name === 'max' ? 2 + Math.floor(rand() * 2) : name === 'pow' ? 2 : 1;
  return { type: 'call', name, args: Array.from({ length: arity }, () => randomTree(rand, depth - 1)) };
}

function print(n: ExpressionNode): string {
  switch (n.type) {
    case 'number':
      return String(n.value);
    case 'variable':
      return n.name;
    case 'unary':
      return `(-${print(n.arg)})`;
    case 'binary':
      return `(${print(n.left)} ${n.op} ${print(n.right)})`;
    case 'call':
      return `${n.name}(${n.args.map(print).join(', ')})`;
  }
}

function reference(n: ExpressionNode, r: number): number {
  switch (n.type) {
    case 'number':
      return n.value;
    case 'variable':
      return r;
    case 'unary':
      return -reference(n.arg, r);
    case 'binary': {
      const a = reference(n.left, r);
      const b = reference(n.right, r);
      return n.op === '+' ? a + b : n.op === '-' ? a - b : n.op === '*' ? a * b : n.op === '/' ? a / b : a ** b;
    }
    case 'call': {
      const v = n.args.map((x) => reference(x, r));
      const table: Record<string, (...x: number[]) => number> = { exp: Math.exp, sin: Math.sin, cos: Math.cos, abs: Math.abs, sqrt: Math.sqrt, min: Math.min, max: Math.max, pow: Math.pow };
      return table[n.name]!(...v);
    }
  }
}

describe('fuzzing', () => {
  it('random well-formed expressions evaluate as an independent tree walk does', () => {
    const rand = seeded(20251203);
    for (let i = 0; i < 2000; i++) {
      const tree = randomTree(rand, 5);
      const f = univariate(print(tree));
      for (const r of [0.1, 0.7, 2.3]) expect(Object.is(f(r), reference(tree, r)) || f(r) === reference(tree, r), print(tree)).toBe(true);
    }
  });

  it('random garbage either parses or is refused by an ExpressionError at a position inside the source', () => {
    const rand = seeded(77);
    const alphabet = 'r0123456789.eE+-*/^(),  sincoxpmaqlgtbw_$#@!\t\n"\'`{}[]<>=;:?~|&%\\éπ\u0000';
    let refused = 0;
    for (let i = 0; i < 20000; i++) {
      const len = 1 + Math.floor(rand() * 24);
      let src = '';
      for (let k = 0; k < len; k++) src += alphabet[Math.floor(rand() * alphabet.length)];
      try {
        const f = univariate(src);
        expect(typeof f(0.5)).toBe('number');
      } catch (e) {
        expect(e, JSON.stringify(src)).toBeInstanceOf(ExpressionError);
        const { position } = e as ExpressionError;
        expect(position >= 0 && position <= src.length, JSON.stringify(src)).toBe(true);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(10000);
  });

  it('mutated well-formed expressions are refused or parsed, never anything else', () => {
    const rand = seeded(5);
    for (let i = 0; i < 3000; i++) {
      const src = print(randomTree(rand, 4));
      const at = Math.floor(rand() * src.length);
      const mutated = rand() < 0.5 ? src.slice(0, at) + src.slice(at + 1) : src.slice(0, at) + '()+,^x'[Math.floor(rand() * 6)] + src.slice(at);
      try {
        univariate(mutated);
      } catch (e) {
        expect(e, mutated).toBeInstanceOf(ExpressionError);
        expect((e as ExpressionError).position).toBeLessThanOrEqual(mutated.length);
      }
    }
  });
});
