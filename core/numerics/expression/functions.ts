/** The functions and constants an expression may use, with their arities. */

export interface FunctionSpec {
  /** Fewest and most arguments (max Infinity: variadic). */
  min: number;
  max: number;
  apply: (args: Float64Array, count: number) => number;
}

const unary = (f: (x: number) => number): FunctionSpec => ({ min: 1, max: 1, apply: (a) => f(a[0]) });

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze({
  exp: unary(Math.exp),
  log: unary(Math.log),
  sqrt: unary(Math.sqrt),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  sinh: unary(Math.sinh),
  cosh: unary(Math.cosh),
  tanh: unary(Math.tanh),
  atan: unary(Math.atan),
  abs: unary(Math.abs),
  sign: unary(Math.sign),
  floor: unary(Math.floor),
  pow: { min: 2, max: 2, apply: (a) => Math.pow(a[0], a[1]) },
  min: {
    min: 2,
    max: Infinity,
    apply: (a, n) => {
      let m = a[0];
      for (let i = 1; i < n; i++) m = Math.min(m, a[i]);
      return m;
    },
  },
  max: {
    min: 2,
    max: Infinity,
    apply: (a, n) => {
      let m = a[0];
      for (let i = 1; i < n; i++) m = Math.max(m, a[i]);
      return m;
    },
  },
});

export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze({ pi: Math.PI, e: Math.E });

export function isFunctionName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export function isConstantName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONSTANTS, name);
}
