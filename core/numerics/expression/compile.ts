/**
 * Turns a syntax tree (./parse.ts) into nested closures: no code is generated or evaluated from
 * text. Arithmetic follows IEEE doubles (1/0 = Infinity, log(-1) = NaN; callers decide what to
 * refuse).
 */
import { FUNCTIONS } from './functions.js';
import { type ExpressionNode, parseExpression } from './parse.js';

type Evaluator = (vars: ArrayLike<number>) => number;

function build(node: ExpressionNode): Evaluator {
  switch (node.type) {
    case 'number': {
      const v = node.value;
      return () => v;
    }
    case 'variable': {
      const i = node.index;
      return (vars) => vars[i]!;
    }
    case 'unary': {
      const a = build(node.arg);
      return (vars) => -a(vars);
    }
    case 'binary': {
      const l = build(node.left);
      const r = build(node.right);
      switch (node.op) {
        case '+':
          return (vars) => l(vars) + r(vars);
        case '-':
          return (vars) => l(vars) - r(vars);
        case '*':
          return (vars) => l(vars) * r(vars);
        case '/':
          return (vars) => l(vars) / r(vars);
        case '^':
          return (vars) => Math.pow(l(vars), r(vars));
      }
      break;
    }
    case 'call': {
      const spec = FUNCTIONS[node.name]!;
      const args = node.args.map(build);
      const values = new Float64Array(args.length);
      const n = args.length;
      // A node never occurs inside its own arguments, so one buffer per call node is safe.
      return (vars) => {
        for (let i = 0; i < n; i++) values[i] = args[i]!(vars);
        return spec.apply(values, n);
      };
    }
  }
  throw new Error('unreachable');
}

/** A compiled expression: evaluate(values) with values[i] the i-th variable. */
export interface CompiledExpression {
  readonly source: string;
  readonly variables: readonly string[];
  readonly tree: ExpressionNode;
  evaluate(values: ArrayLike<number>): number;
}

/** Parses and compiles `source` in `variables`; throws ExpressionError if malformed. */
export function compileExpression(source: string, variables: readonly string[]): CompiledExpression {
  const tree = parseExpression(source, variables);
  const evaluate = build(tree);
  return { source, variables: [...variables], tree, evaluate };
}

/** `source` as a function of one variable (named `name`, default r). */
export function univariate(source: string, name = 'r'): (x: number) => number {
  const evaluate = build(parseExpression(source, [name]));
  const slot = new Float64Array(1);
  return (x) => {
    slot[0] = x;
    return evaluate(slot);
  };
}
