/**
 * Equations of a model kind arrive as plain text in a TeX-like notation ("theta_{k+1} = theta_k -
 * (gamma/d) ..."). `toTex` turns that into TeX for KaTeX: Greek names into letters, inner products
 * <a, b> into angle brackets, "~" into \sim, known functions upright, words as text, wide gaps as
 * quads. Text that already contains TeX commands is passed through unchanged.
 */

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

const REPLACE: Record<string, string> = {
  eps: '\\varepsilon',
  inf: '\\infty',
  infty: '\\infty',
  sum: '\\sum',
  prod: '\\prod',
  sqrt: '\\sqrt',
  nabla: '\\nabla',
  partial: '\\partial',
};

/** Functions with a TeX command of their own. */
const BUILTIN_FUNCTIONS = new Set(['exp', 'log', 'ln', 'min', 'max', 'sin', 'cos', 'tan', 'tanh', 'sup', 'inf', 'lim', 'det', 'arg', 'sign']);
/** Upright operator names without one. */
const OPERATORS = new Set(['tr', 'diag', 'mean', 'var', 'Var', 'Cov', 'erf', 'erfc', 'sgn', 'relu', 'ReLU', 'argmin', 'argmax', 'rank', 'softmax']);
/** English words between formulas. */
const WORDS = new Set(['for', 'and', 'or', 'if', 'with', 'where', 'when', 'else', 'otherwise', 'as', 'at', 'of', 'on', 'in', 'to', 'per', 'all', 'each', 'then', 'is', 'the', 'a']);

function word(w: string, next: string | undefined): string {
  if (GREEK.has(w)) return `\\${w} `;
  if (w in REPLACE && !(w === 'inf' && next === '_')) return `${REPLACE[w]} `;
  if (BUILTIN_FUNCTIONS.has(w)) return `\\${w} `;
  if (OPERATORS.has(w)) return `\\operatorname{${w}} `;
  if (WORDS.has(w)) return `\\text{ ${w} }`;
  // Longer names read as words (init, steps); one or two letters stay math (x, dD, dt).
  if (w.length >= 3) return `\\mathrm{${w}}`;
  return w;
}

export function toTex(text: string): string {
  if (/\\[A-Za-z]/.test(text)) return text;
  // Inner products: <a, b> with no space inside the brackets' ends.
  let s = text.replace(/<(\S[^<>]*?,[^<>]*?\S)>/g, '\u0001$1\u0002');
  s = s.replace(/\.\.\./g, '\u0003');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const m = /^[A-Za-z]+/.exec(s.slice(i));
    if (m) {
      // A name glued to digits or a subscript keeps its letters: lambda_1, x2.
      out += word(m[0], s[i + m[0].length]);
      i += m[0].length;
      if (s[i] === '*') {
        out += '^{*}';
        i++;
      }
      continue;
    }
    if (c === ' ') {
      const run = /^ +/.exec(s.slice(i))![0];
      out += run.length >= 2 ? '\\quad ' : ' ';
      i += run.length;
      continue;
    }
    switch (c) {
      case '\u0001':
        out += '\\langle ';
        break;
      case '\u0002':
        out += '\\rangle ';
        break;
      case '\u0003':
        out += '\\ldots ';
        break;
      case '~':
        out += '\\sim ';
        break;
      case '*':
        out += '\\cdot ';
        break;
      case '<':
        out += s[i + 1] === '=' ? '\\le ' : '<';
        if (s[i + 1] === '=') i++;
        break;
      case '>':
        out += s[i + 1] === '=' ? '\\ge ' : '>';
        if (s[i + 1] === '=') i++;
        break;
      case '%':
      case '&':
      case '#':
      case '$':
        out += `\\${c}`;
        break;
      case ';':
        out += ';';
        break;
      default:
        out += c;
    }
    i++;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
