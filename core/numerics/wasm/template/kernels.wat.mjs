// The template of kernels.wat (scripts/build-wasm.mjs writes ../kernels.wat from it). The SGD
// pass's per-coordinate work is written once (passElement) and rendered on f64x2 pairs in the
// chunk kernels and on the odd last f64 in the drivers; each variant of the pass differs only in
// the sums it adds up (SUMS). Offsets come from memory-map.json.
import { elementOps, lines, mapHeader, offsets, lengths, sx, wrapWords } from './wat.mjs';

/** Normals drawn into SCRATCH per chunk of a pass (read back from the nearest cache). */
const CHUNK = 2048;

/**
 * The sums a pass can add up, in the order of their slots in PAIRS and of the results (the first
 * three in SUMS, the others in ORACLE), each the sum of a product over the coordinates: with x the
 * new data x', e the updated error, th = theta*, le = lambda e and lle = lambda le,
 *   r = <x', e'>, q = <x', x'>, s = <x', theta*>,
 *   P = sum lambda e^2, C = sum lambda e th, P2 = sum lambda^2 e^2, C2 = sum lambda^2 e th.
 */
const SUMS = { r: ['x', 'e'], q: ['x', 'x'], s: ['x', 'th'], P: ['le', 'e'], C: ['le', 'th'], P2: ['lle', 'e'], C2: ['lle', 'th'] };
const NAMES = Object.keys(SUMS);
const ORACLE = ['r', 'q', 's', 'P', 'C', 'P2', 'C2'];

/**
 * One coordinate of a pass on `E` (pairs or one f64): e -= kappa x; x' = sq z (stored in xn); each
 * sum += its product. The oracle's sums also read lambda (lam), and theta* three times.
 */
function passElement(E, sums) {
  const oracle = sums.includes('P');
  const operand = { x: E.get('xi'), e: E.get('ei'), th: oracle ? E.get('ti') : E.load('th'), le: E.get('le'), lle: E.get('lle') };
  return [
    E.set('ei', E.sub(E.load('e'), E.mul(E.coef('kappa'), E.load('x')))),
    E.store('e', E.get('ei')),
    E.set('xi', E.mul(E.load('sq'), E.load('z'))),
    E.store('xn', E.get('xi')),
    ...(oracle
      ? [E.set('ti', E.load('th')), E.set('li', E.load('lam')), E.set('le', E.mul(E.get('li'), E.get('ei'))), E.set('lle', E.mul(E.get('li'), E.get('le')))]
      : []),
    ...sums.map((sum) => E.accumulate(sum, E.mul(operand[SUMS[sum][0]], operand[SUMS[sum][1]]))),
  ];
}

const temps = (sums) => (sums.includes('P') ? ['ei', 'xi', 'ti', 'li', 'le', 'lle'] : ['ei', 'xi']);
/** The chunk kernel's name for a set of sums. */
const chunkName = (sums) => `$pairs_${sums.includes('P') ? 'oracle' : sums.join('')}`;
const arrays = (sums) => (sums.includes('P') ? ['e', 'x', 'xn', 'sq', 'th', 'lam'] : ['e', 'x', 'xn', 'sq', 'th']);

/**
 * The chunk kernel $pairs_<sums>: passElement over the whole pairs of a chunk ($end bytes), the
 * sums kept as even/odd lanes in PAIRS (lane 0 the even, lane 1 the odd coordinates). One kernel
 * per set of sums keeps each loop free of branches.
 */
function chunkKernel(at, sums) {
  const E = elementOps(true, {
    address: (array) => sx('i32.add', `(local.get $${array})`, '(local.get $off)'),
    accumulate: (sum, value) => sx('local.set', `$sum_${sum}`, sx('f64x2.add', `(local.get $sum_${sum})`, value)),
  });
  const slot = (sum) => `(i32.const ${at.pairs + 16 * NAMES.indexOf(sum)})`;
  const params = ['e', 'x', 'z', 'xn', 'sq', 'th', ...(sums.includes('P') ? ['lam'] : [])].map((p) => `(param $${p} i32)`);
  const locals = ['$off i32', ...temps(sums).map((t) => `$${t}x2 v128`), ...sums.map((s) => `$sum_${s} v128`)].map((l) => `(local ${l})`);
  return [
    wrapWords([`(func ${chunkName(sums)}`, ...params, '(param $end i32)', '(param $kappax2 v128)'], 2, 4),
    wrapWords(locals, 4, 4),
    lines(
      [
        ...sums.map((s) => sx('local.set', `$sum_${s}`, sx('v128.load', slot(s)))),
        sx('if', sx('i32.gt_u', '(local.get $end)', '(i32.const 0)'), sx('then', sx('loop', '$pair', ...passElement(E, sums),
          sx('local.set', '$off', sx('i32.add', '(local.get $off)', '(i32.const 16)')),
          sx('br_if', '$pair', sx('i32.lt_u', '(local.get $off)', '(local.get $end)'))))),
        ...sums.map((s) => sx('v128.store', slot(s), `(local.get $sum_${s})`)),
      ],
      4,
    ) + ')',
  ].join('\n');
}

/**
 * The pieces of a driver: zeroing the lanes of its sums, the odd last coordinate of a chunk (at
 * byte $at of the arrays, $bytes of SCRATCH) into lane 0 of each sum, `gate(sum, statement)`
 * choosing which run, and the results, each the sum of its two lanes.
 */
function driverParts(at, sums, gate = (_, statement) => statement) {
  const pair = (sum) => at.pairs + 16 * NAMES.indexOf(sum);
  const result = (sum) => (NAMES.indexOf(sum) < 3 ? at.sums + 8 * NAMES.indexOf(sum) : at.oracle + 8 * (NAMES.indexOf(sum) - 3));
  const E = elementOps(false, {
    address: (array) => (array === 'z' ? sx('i32.add', `(i32.const ${at.scratch})`, '(local.get $bytes)') : sx('i32.add', `(local.get $${array})`, '(local.get $at)')),
    accumulate: (sum, value) => gate(sum, sx('f64.store', `(i32.const ${pair(sum)})`, sx('f64.add', sx('f64.load', `(i32.const ${pair(sum)})`), value))),
  });
  return {
    zero: lines(sums.map((s) => sx('v128.store', `(i32.const ${pair(s)})`, '(v128.const i64x2 0 0)')), 4),
    odd: lines(passElement(E, sums), 12),
    results: lines(
      sums.map((s) => sx('f64.store', `(i32.const ${result(s)})`, sx('f64.add', sx('f64.load', `(i32.const ${pair(s)})`), sx('f64.load', `(i32.const ${pair(s) + 8})`)))),
      4,
    ),
    locals: wrapWords(['$kappax2 v128', '$done i32', '$count i32', '$bytes i32', '$at i32', ...temps(sums).map((t) => `$${t} f64`)].map((l) => `(local ${l})`), 4, 4),
  };
}

/** The chunk loop of a driver around `pass` (the call of the chunk kernel on $at and $bytes). */
function chunks(at, pass, odd) {
  return `    (block $chunks_done
      (loop $chunk
        (local.set $count (i32.sub (local.get $n) (local.get $done)))
        (br_if $chunks_done (i32.eqz (local.get $count)))
        (if (i32.gt_u (local.get $count) (i32.const ${CHUNK})) (then (local.set $count (i32.const ${CHUNK}))))
        (call $fill_normal (i32.const ${at.scratch}) (local.get $count))
        (local.set $at (i32.shl (local.get $done) (i32.const 3)))
        (local.set $bytes (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
${pass}
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            ;; the odd last coordinate, into lane 0 of each sum
            (local.set $at (i32.add (local.get $at) (local.get $bytes)))
${odd}))
        (local.set $done (i32.add (local.get $done) (local.get $count)))
        (br $chunk)))`;
}

/** The call of the chunk kernel for `sums` on the current chunk (at byte $at of the arrays). */
function callChunk(at, sums, indent) {
  const args = arrays(sums).map((a) => sx('i32.add', `(local.get $${a})`, '(local.get $at)'));
  args.splice(2, 0, `(i32.const ${at.scratch})`);
  return lines([sx('call', chunkName(sums), ...args, '(local.get $bytes)', '(local.get $kappax2)')], indent);
}

function sgdPass(at) {
  const all = ['r', 'q', 's'];
  const gate = (sum, statement) =>
    sum === 'q' ? sx('if', '(local.get $mode)', sx('then', statement)) : sum === 's' ? sx('if', sx('i32.eq', '(local.get $mode)', '(i32.const 2)'), sx('then', statement)) : statement;
  const parts = driverParts(at, all, gate);
  const dispatch = `        (if (i32.eqz (local.get $mode))
          (then
${callChunk(at, ['r'], 12)})
          (else
            (if (i32.eq (local.get $mode) (i32.const 1))
              (then
${callChunk(at, ['r', 'q'], 16)})
              (else
${callChunk(at, all, 16)}))))`;
  return `  ;; One pass of eigenbasis SGD over n coordinates (f64 arrays at byte offsets):
  ;;   z <- the next n normals;  e[i] -= kappa x[i];  xn[i] = sq[i] z[i];
  ;;   SUMS[0] = <xn, e>, with $mode >= 1 SUMS[1] = <xn, xn>, with $mode = 2 SUMS[2] = <xn, th>.
  ;; The normals are drawn a chunk of ${CHUNK} at a time into SCRATCH (so they are read back from the
  ;; nearest cache), and each chunk is then applied. Each sum keeps one accumulator for even and
  ;; one for odd i, added at the end, as the JavaScript loop it replaces (chunks start at even i;
  ;; an odd last coordinate goes to the even accumulator).
  (func (export "sgd_pass")
    (param $e i32) (param $x i32) (param $xn i32) (param $sq i32) (param $th i32)
    (param $n i32) (param $kappa f64) (param $mode i32)
${parts.locals}
    (local.set $kappax2 (f64x2.splat (local.get $kappa)))
${parts.zero}
${chunks(at, dispatch, parts.odd)}
${parts.results})`;
}

function sgdPassOracle(at) {
  const parts = driverParts(at, ORACLE);
  return `  ;; sgd_pass with the oracle's moments (line search, Polyak): SUMS[0..2] = <xn, e>, <xn, xn>,
  ;; <xn, th> and ORACLE = P, C, P2, C2 of the updated e, each from its even and odd partial sums.
  (func (export "sgd_pass_oracle")
    (param $e i32) (param $x i32) (param $xn i32) (param $sq i32) (param $th i32) (param $lam i32)
    (param $n i32) (param $kappa f64)
${parts.locals}
    (local.set $kappax2 (f64x2.splat (local.get $kappa)))
${parts.zero}
${chunks(at, callChunk(at, ORACLE, 8), parts.odd)}
${parts.results})`;
}

/** Checks that the map holds what the template stores. */
function checkMap(map) {
  const n = lengths(map);
  if (n.sums !== 3 || n.oracle !== NAMES.length - 3 || n.pairs !== NAMES.length) throw new Error('memory map: SUMS, ORACLE and PAIRS must hold the sums of kernels.wat');
  if (n.scratch < CHUNK) throw new Error(`memory map: SCRATCH must hold a chunk of ${CHUNK} normals`);
  if (n.state !== 4) throw new Error('memory map: STATE holds the four xoshiro128** words');
}

/** kernels.wat for the memory map `map` (memory-map.json's "kernels"). */
export default function kernelsWat(map) {
  checkMap(map);
  const at = offsets(map);
  const S = at.state;
  const loadState = `(local.set $s0 (i32.load (i32.const ${S})))
      (local.set $s1 (i32.load (i32.const ${S + 4})))
      (local.set $s2 (i32.load (i32.const ${S + 8})))
      (local.set $s3 (i32.load (i32.const ${S + 12})))`;
  const storeState = `(i32.store (i32.const ${S}) (local.get $s0))
      (i32.store (i32.const ${S + 4}) (local.get $s1))
      (i32.store (i32.const ${S + 8}) (local.get $s2))
      (i32.store (i32.const ${S + 12}) (local.get $s3))`;
  return `;; Hot loops of Limitlab's simulations, in WebAssembly (assembled by scripts/build-wasm.mjs into
;; kernels-binary.ts; see kernels.ts for the JavaScript side and layout.ts for the memory map).
;; Generated by scripts/build-wasm.mjs from template/kernels.wat.mjs and memory-map.json; do not
;; edit.
;;
;; Every function here reproduces, bit for bit, the JavaScript reference it stands in for:
;;   - the normal sampler of core/numerics/rng.ts (xoshiro128** 1.1 on 32-bit words, 256-layer
;;     ziggurat with one 32-bit draw per attempt, slow path of core/numerics/ziggurat.ts);
;;   - the SGD pass of core/models/sgd-glm/sgd-pass.ts (update of step k, data and inner products
;;     of step k + 1), with the same two-accumulator summation order.
;; Math.log (tail) and Math.exp (wedge, only when a cheap bracket cannot decide) are imported, so
;; the slow paths round exactly as in JavaScript. The generator state lives in memory at STATE
;; (four i32 words) between calls; the hot loops keep it in locals, and leave the loop to resolve
;; a draw that misses the fast path, so the loops hold no call.
(module
  (import "math" "exp" (func $exp (param f64) (result f64)))
  (import "math" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 1)

${mapHeader(map)}

  ;; ---------------------------------------------------------------------------------------
  ;; Generator on the state in memory (slow path only).
  (func $next (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $m i32) (local $t i32)
    ${loadState.replace(/\n {6}/g, '\n    ')}
    (local.set $m (i32.mul (local.get $s1) (i32.const 5)))
    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (i32.store (i32.const ${S + 4}) (i32.xor (local.get $s1) (local.get $s2)))
    (i32.store (i32.const ${S}) (i32.xor (local.get $s0) (local.get $s3)))
    (i32.store (i32.const ${S + 8}) (i32.xor (local.get $s2) (local.get $t)))
    (i32.store (i32.const ${S + 12}) (i32.rotl (local.get $s3) (i32.const 11)))
    (i32.mul (i32.rotl (local.get $m) (i32.const 7)) (i32.const 9)))

  ;; Uniform double in [0, 1) with 53 bits: (a >>> 5) * 2^26 + (b >>> 6), over 2^53.
  (func $uniform (result f64)
    (local $a f64)
    (local.set $a (f64.convert_i32_u (i32.shr_u (call $next) (i32.const 5))))
    (f64.div
      (f64.add (f64.mul (local.get $a) (f64.const 67108864)) (f64.convert_i32_u (i32.shr_u (call $next) (i32.const 6))))
      (f64.const 9007199254740992)))

  ;; y < Math.exp(z) for z in [-8, 0], decided without calling out in all but about 1e-7 of the
  ;; cases: p = 2^k q(r), z = k ln2 + r, |r| <= ln2 / 2, q the degree-8 Taylor polynomial of exp,
  ;; approximates exp(z) to a relative 1e-9 (truncation r^9/9! < 1.1e-9 plus rounding), so outside
  ;; p (1 -+ 1e-7) the comparison with any faithfully rounded exp(z) has the same outcome; inside
  ;; that band Math.exp itself decides.
  (func $below_exp (export "below_exp") (param $y f64) (param $z f64) (result i32)
    (local $k f64) (local $r f64) (local $p f64)
    (local.set $k (f64.nearest (f64.mul (local.get $z) (f64.const 1.4426950408889634))))
    (local.set $r
      (f64.sub (f64.sub (local.get $z) (f64.mul (local.get $k) (f64.const 0.6931471803691238)))
               (f64.mul (local.get $k) (f64.const 1.9082149292705877e-10))))
    (local.set $p
      (f64.add (f64.const 1) (f64.mul (local.get $r)
      (f64.add (f64.const 1) (f64.mul (local.get $r)
      (f64.add (f64.const 0.5) (f64.mul (local.get $r)
      (f64.add (f64.const 0.16666666666666666) (f64.mul (local.get $r)
      (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $r)
      (f64.add (f64.const 0.008333333333333333) (f64.mul (local.get $r)
      (f64.add (f64.const 0.001388888888888889) (f64.mul (local.get $r)
      (f64.add (f64.const 1.984126984126984e-4) (f64.mul (local.get $r)
               (f64.const 2.48015873015873e-5))))))))))))))))))
    (local.set $p
      (f64.mul (local.get $p)
               (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))
    (if (f64.lt (local.get $y) (f64.mul (local.get $p) (f64.const 0.9999999))) (then (return (i32.const 1))))
    (if (f64.gt (local.get $y) (f64.mul (local.get $p) (f64.const 1.0000001))) (then (return (i32.const 0))))
    (f64.lt (local.get $y) (call $exp (local.get $z))))

  ;; The wedge or tail of a draw b that failed the fast test (zigguratSlow): the signed value, or
  ;; NaN when the attempt is rejected.
  (func $slow_once (param $b i32) (result f64)
    (local $i i32) (local $ax f64) (local $r f64) (local $a f64) (local $e f64) (local $y f64) (local $v f64)
    (local.set $i (i32.and (local.get $b) (i32.const 255)))
    (local.set $ax
      (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $b) (i32.const 9)))
               (f64.div (f64.load offset=${at.zx} (i32.shl (local.get $i) (i32.const 3))) (f64.const 8388608))))
    (if (i32.eqz (local.get $i))
      (then
        (local.set $r (f64.load (i32.const ${at.tail})))
        (if (f64.lt (local.get $ax) (local.get $r))
          (then (local.set $v (local.get $ax)))
          (else
            ;; Tail beyond r (Marsaglia 1964): r + a, a ~ Exp(r), accepted when 2e >= a^2.
            (loop $tail
              (local.set $a (f64.div (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform)))) (local.get $r)))
              (local.set $e (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform)))))
              (br_if $tail (i32.eqz (f64.ge (f64.add (local.get $e) (local.get $e)) (f64.mul (local.get $a) (local.get $a))))))
            (local.set $v (f64.add (local.get $r) (local.get $a))))))
      (else
        (local.set $y
          (f64.add (f64.load offset=${at.zf} (i32.shl (local.get $i) (i32.const 3)))
                   (f64.mul (call $uniform)
                            (f64.sub (f64.load offset=${at.zf + 8} (i32.shl (local.get $i) (i32.const 3)))
                                     (f64.load offset=${at.zf} (i32.shl (local.get $i) (i32.const 3)))))))
        (if (call $below_exp (local.get $y) (f64.mul (f64.mul (f64.const -0.5) (local.get $ax)) (local.get $ax)))
          (then (local.set $v (local.get $ax)))
          (else (return (f64.const nan))))))
    (select (f64.neg (local.get $v)) (local.get $v) (i32.and (local.get $b) (i32.const 256))))

  ;; The normal that a failed fast draw b resolves to: its slow value, else fresh draws as in
  ;; Rng.normal().
  (func $normal_after_miss (param $b i32) (result f64)
    (local $x f64) (local $u i32)
    (loop $again (result f64)
      (local.set $x (call $slow_once (local.get $b)))
      (if (f64.eq (local.get $x) (local.get $x)) (then (return (local.get $x))))
      (local.set $b (call $next))
      (local.set $u (i32.shr_u (local.get $b) (i32.const 9)))
      (if (i32.lt_u (local.get $u) (i32.load offset=${at.zk} (i32.shl (i32.and (local.get $b) (i32.const 255)) (i32.const 2))))
        (then
          (return
            (f64.mul (f64.convert_i32_u (local.get $u))
                     (f64.load offset=${at.zw} (i32.shl (i32.and (local.get $b) (i32.const 511)) (i32.const 3)))))))
      (br $again)))

  ;; ---------------------------------------------------------------------------------------
  ;; n standard normals into the f64 array at byte offset $out. The inner loop holds the fast path
  ;; only (no call, so the engine may unroll it); a draw that misses leaves it, is resolved by
  ;; $normal_after_miss on the state in memory, and the loop resumes.
  (func $fill_normal (export "fill_normal") (param $out i32) (param $n i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $m i32) (local $t i32)
    (local $b i32) (local $u i32) (local $p i32) (local $end i32)
    (local.set $p (local.get $out))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (loop $resume
      ${loadState}
      (block $miss
        (block $finished
          (br_if $finished (i32.ge_u (local.get $p) (local.get $end)))
          (loop $each
            (local.set $m (i32.mul (local.get $s1) (i32.const 5)))
            (local.set $b (i32.mul (i32.rotl (local.get $m) (i32.const 7)) (i32.const 9)))
            (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
            (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
            (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
            (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
            (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
            (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
            (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
            (local.set $u (i32.shr_u (local.get $b) (i32.const 9)))
            (if (i32.lt_u (local.get $u) (i32.load offset=${at.zk} (i32.shl (i32.and (local.get $b) (i32.const 255)) (i32.const 2))))
              (then
                (f64.store (local.get $p)
                  (f64.mul (f64.convert_i32_u (local.get $u))
                           (f64.load offset=${at.zw} (i32.shl (i32.and (local.get $b) (i32.const 511)) (i32.const 3))))))
              (else (br $miss)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br_if $each (i32.lt_u (local.get $p) (local.get $end)))))
        ${storeState.replace(/\n {6}/g, '\n        ')}
        (return))
      ${storeState}
      (f64.store (local.get $p) (call $normal_after_miss (local.get $b)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $resume)))

  ;; ---------------------------------------------------------------------------------------
  ;; The SGD pass. Each chunk kernel below runs one chunk on an even number of coordinates ($end
  ;; bytes): e -= kappa x, xn = sq * z, and the lane sums in PAIRS (lane 0 the even, lane 1 the odd
  ;; coordinates) of <xn, e> and, in the wider variants, <xn, xn>, <xn, th> and the oracle's
  ;; moments of the updated e: P = sum lambda e^2, C = sum lambda e th, P2 = sum lambda^2 e^2 and
  ;; C2 = sum lambda^2 e th, with le = lambda e and the lambda^2 terms formed as (lambda le) e and
  ;; (lambda le) th. One loop per set of sums keeps each loop free of branches.

${[['r'], ['r', 'q'], ['r', 'q', 's']].map((sums) => chunkKernel(at, sums)).join('\n\n')}

${sgdPass(at)}

${chunkKernel(at, ORACLE)}

${sgdPassOracle(at)}
)
`;
}
