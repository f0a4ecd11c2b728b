// Building blocks of the WebAssembly text templates (NAME.wat.mjs beside this file), which
// scripts/build-wasm.mjs runs to write ../NAME.wat: S-expressions printed within a line width, the
// memory map's header, and element-wise kernels whose body is written once and rendered twice, on
// f64x2 pairs in the loop and on one f64 for an odd last component.

const WIDTH = 110;
const ALIGN = { i32: 4, f64: 8, f64x2: 16 };

/** An S-expression: a head (e.g. "f64x2.add") and its children (S-expressions or text). */
export const sx = (head, ...children) => ({ head, children });

const flat = (node) => (typeof node === 'string' ? node : `(${[node.head, ...node.children.map(flat)].join(' ')})`);

/**
 * The text of `node` at `indent` spaces: on one line when it fits, else with its leading plain
 * words (names, labels) and its first operand, if that fits, on the head's line, and each further
 * child on a line of its own.
 */
export function print(node, indent = 0) {
  const pad = ' '.repeat(indent);
  const one = flat(node);
  if (typeof node === 'string' || pad.length + one.length <= WIDTH) return pad + one;
  let k = 0;
  while (k < node.children.length && typeof node.children[k] === 'string' && !node.children[k].startsWith('(')) k++;
  const words = [node.head, ...node.children.slice(0, k)];
  if (k < node.children.length - 1 && pad.length + 1 + [...words, flat(node.children[k])].join(' ').length <= WIDTH) k++;
  const head = `${pad}(${[node.head, ...node.children.slice(0, k).map(flat)].join(' ')}`;
  const rest = node.children.slice(k).map((c) => print(c, indent + 2));
  return rest.length ? `${head}\n${rest.join('\n')})` : `${head})`;
}

/** Lines of text at `indent`, each node printed by `print`. */
export const lines = (nodes, indent) => nodes.map((n) => print(n, indent)).join('\n');

/** Byte offsets of a memory map's regions, by name; throws if the map is not well formed. */
export function offsets(map) {
  const at = {};
  let end = 0;
  for (const r of map.regions) {
    if (r.type && !ALIGN[r.type]) throw new Error(`memory map: unknown type ${r.type} of ${r.name}`);
    if (r.offset % (ALIGN[r.type] ?? 16)) throw new Error(`memory map: ${r.name} at ${r.offset} is not aligned for ${r.type ?? 'f64x2'}`);
    if (r.offset < end) throw new Error(`memory map: ${r.name} at ${r.offset} overlaps the region before it (which ends at ${end})`);
    end = r.length === undefined ? Infinity : r.offset + r.length * (ALIGN[r.type] ?? 0);
    at[r.name] = r.offset;
  }
  return at;
}

/** Element counts of a memory map's bounded regions, by name. */
export const lengths = (map) => Object.fromEntries(map.regions.filter((r) => r.length !== undefined).map((r) => [r.name, r.length]));

/** The memory map as comment lines for a module's header. */
export function mapHeader(map, indent = 2) {
  const pad = ' '.repeat(indent);
  const rows = map.regions.map((r) => [r.name.toUpperCase(), String(r.offset), r.type ? (r.length === 1 ? r.type : `${r.type}[${r.length}]`) : '', r.doc]);
  const w = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c].length)));
  return [
    `${pad};; Memory map (bytes), from memory-map.json, which layout.ts carries too:`,
    ...rows.map((row) => `${pad};;   ${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2].padEnd(w[2])}  ${row[3]}`.trimEnd()),
  ].join('\n');
}

/**
 * The operations of an element-wise body for one element type: f64x2 (a pair of components, in
 * the loop) or f64 (one component, the odd last one). Arrays are the f64 arrays at the byte
 * offsets in the i32 locals of those names, read and written at the byte index $i (or where
 * `address` says); coefficients are f64 parameters (splatted into v128 locals NAMEx2 for the
 * loop); temporaries are locals of the element type (NAMEx2 for pairs); `accumulate`, if given,
 * renders "sum += value".
 */
export function elementOps(vector, { address = (array) => sx('i32.add', `(local.get $${array})`, '(local.get $i)'), accumulate } = {}) {
  const t = vector ? 'f64x2' : 'f64';
  const at = address;
  const ops = {
    vector,
    accumulate: (sum, value) => accumulate(sum, value),
    load: (array) => sx(vector ? 'v128.load' : 'f64.load', at(array)),
    store: (array, value) => sx(vector ? 'v128.store' : 'f64.store', at(array), value),
    coef: (name) => `(local.get $${name}${vector ? 'x2' : ''})`,
    get: (temp) => `(local.get $${temp}${vector ? 'x2' : ''})`,
    set: (temp, value) => sx('local.set', `$${temp}${vector ? 'x2' : ''}`, value),
    add: (a, b) => sx(`${t}.add`, a, b),
    sub: (a, b) => sx(`${t}.sub`, a, b),
    mul: (a, b) => sx(`${t}.mul`, a, b),
    div: (a, b) => sx(`${t}.div`, a, b),
    abs: (a) => sx(`${t}.abs`, a),
    /** first + c1 v1 + c2 v2 + ..., added left to right. */
    terms: (first, pairs) => pairs.reduce((acc, [c, v]) => ops.add(acc, ops.mul(ops.coef(c), v)), first),
    /**
     * max(|a|, |b|) as Math.max computes it for operands that are both NaN or both not: on pairs
     * f64x2.pmax(|b|, |a|) (= |b| < |a| ? |a| : |b|, one instruction, where f64x2.max is a long
     * sequence for NaN and signed zeros), on one component f64.max(|a|, |b|).
     */
    maxAbs: (a, b) => (vector ? sx('f64x2.pmax', ops.abs(b), ops.abs(a)) : sx('f64.max', ops.abs(a), ops.abs(b))),
    /** sum += temp^2, lane 0 then lane 1 on pairs (temp is squared in place). */
    addSquare: (sum, temp) =>
      vector
        ? [
            ops.set(temp, ops.mul(ops.get(temp), ops.get(temp))),
            sx('local.set', `$${sum}`, sx('f64.add', sx('f64.add', `(local.get $${sum})`, sx('f64x2.extract_lane', '0', ops.get(temp))), sx('f64x2.extract_lane', '1', ops.get(temp)))),
          ]
        : [sx('local.set', `$${sum}`, sx('f64.add', `(local.get $${sum})`, ops.mul(ops.get(temp), ops.get(temp))))],
  };
  return ops;
}

/**
 * An exported element-wise kernel over `count` components: `body(ops)` returns its statements for
 * one element, and runs on each whole pair (f64x2) and then on an odd last component (f64), so
 * both compute the same expression in the same order.
 *   params   "$name type" in order (arrays i32, coefficients f64, the count i32)
 *   coefs    the f64 parameters the body reads as coefficients
 *   temps    the body's temporaries
 *   locals   further "$name type" locals (after the temporaries)
 *   result   the value returned, if any: [type, expression]
 */
export function elementwise({ name, doc = [], params, count = 'n', coefs = [], temps = [], locals = [], body, result }) {
  const v = elementOps(true);
  const s = elementOps(false);
  const decl = [
    '$i i32', '$end i32',
    ...coefs.map((c) => `$${c}x2 v128`), ...temps.map((t) => `$${t}x2 v128`), ...temps.map((t) => `$${t} f64`), ...locals,
  ];
  const head = [`(func (export "${name}")`, ...params.map((p) => `(param ${p})`), ...(result ? [`(result ${result[0]})`] : [])];
  const signature = wrapWords(head, 2, 4);
  const statements = [
    ...coefs.map((c) => sx('local.set', `$${c}x2`, sx('f64x2.splat', `(local.get $${c})`))),
    sx('local.set', '$end', sx('call', '$pair_bytes', `(local.get $${count})`)),
    sx('if', '(local.get $end)', sx('then', sx('loop', '$pair', ...body(v),
      sx('local.set', '$i', sx('i32.add', '(local.get $i)', '(i32.const 16)')),
      sx('br_if', '$pair', sx('i32.lt_u', '(local.get $i)', '(local.get $end)'))))),
    sx('if', sx('i32.and', `(local.get $${count})`, '(i32.const 1)'), sx('then', ...body(s))),
    ...(result ? [result[1]] : []),
  ];
  return [
    ...doc.map((d) => `  ;; ${d}`.trimEnd()),
    signature,
    wrapWords(decl.map((l) => `(local ${l})`), 4, 4),
    lines(statements, 4) + ')',
  ].join('\n');
}

/** Words joined by spaces into lines of at most the width, the first at `first`, the rest at `rest` spaces. */
export function wrapWords(words, first, rest) {
  const out = [];
  let line = ' '.repeat(first);
  let fresh = true;
  for (const w of words) {
    if (!fresh && line.length + 1 + w.length > WIDTH) {
      out.push(line);
      line = ' '.repeat(rest);
      fresh = true;
    }
    line += (fresh ? '' : ' ') + w;
    fresh = false;
  }
  out.push(line);
  return out.join('\n');
}
