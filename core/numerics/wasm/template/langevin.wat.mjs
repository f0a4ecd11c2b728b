// The template of langevin.wat (scripts/build-wasm.mjs writes ../langevin.wat from it): the step
// of a Langevin chain of a two-layer network (core/models/kit/simulators/langevin.ts), with the
// register-blocked matrix products written once for one or two neurons at a time, and the
// activations' special functions ported from their JavaScript references (constants written as
// exact hexadecimal floats, taken from the numbers JavaScript parses).
import { mapHeader } from './wat.mjs';

/** The exact hexadecimal float literal of a finite double. */
function hex(x) {
  if (x === 0) return Object.is(x, -0) ? '-0x0p+0' : '0x0p+0';
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const bits = b.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & ((1n << 52n) - 1n);
  const frac = m.toString(16).padStart(13, '0');
  return e === 0 ? `${sign}0x0.${frac}p-1022` : `${sign}0x1.${frac}p${e - 1023}`;
}

/** A pair of the double x (a v128 constant: cheaper than a splat of an f64 constant in V8). */
const v = (x) => `(v128.const f64x2 ${hex(x)} ${hex(x)})`;

// The erf and e^{-h^2} of core/models/kit/simulators/langevin-activations.ts (its constants and
// operations, in its order; FreeBSD s_erf.c's rational approximations).
const PP = [1.28379167095512558561e-1, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442, -0.000023763016656650163];
const QQ = [1, 0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164, -0.000003960228278775368];
const PA = [-2.36211856075265944077e-3, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175, -0.11089469428239668, 0.035478304325618236, -0.002166375594868791];
const QA = [1, 0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164, 0.01363708391202905, 0.011984499846799107];
const RA = [-9.86494403484714822705e-3, -0.6938585727071818, -10.558626225323291, -62.375332450326006, -162.39666946257347, -184.60509290671104, -81.2874355063066, -9.814329344169145];
const SA = [1, 19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679, 429.00814002756783, 108.63500554177944, 6.570249770319282, -0.0604244152148581];
const RB = [-9.86494292470009928597e-3, -0.799283237680523, -17.757954917754752, -160.63638485582192, -637.5664433683896, -1025.0951316110772, -483.5191916086514];
const SB = [1, 30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955, 2553.0504064331644, 474.52854120695537, -22.44095244658582];
const factorial = (n) => {
  let p = 1;
  for (let i = 2; i <= n; i++) p *= i;
  return p;
};
const EXP_TAYLOR = Array.from({ length: 14 }, (_, n) => 1 / factorial(n));
/** 2^k of a pair of integers k in [-600, 600] held as doubles. */
const pow2 = (k) => `(i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero ${k})) (v128.const i64x2 1023 1023)) (i32.const 52))`;

/** Pairs per call of the erf kernels (4: their Horner chains overlap; faster than 1 or 2). */
const ERF_PAIRS = 4;

/** Activations: the codes of `act` (LANGEVIN_ACT in ../langevin.ts). */
const ACT = { linear: 0, erf: 1, relu: 2, square: 3 };

/** The sign bit of both lanes. */
const SIGN = '(v128.const i64x2 0x8000000000000000 0x8000000000000000)';

/**
 * Helpers for kernels over M pairs whose operations are interleaved step by step, so that the M
 * dependency chains (the Horner sums) overlap: `set(name, fn)` sets $name0..$name{M-1}, `horner`
 * evaluates c0 + t (c1 + t (...)) on every pair.
 */
function pairs(M) {
  const ns = [...Array(M).keys()];
  const L = (name, n) => `(local.get $${name}${n})`;
  const all = (fn) => ns.map(fn).join('\n');
  const set = (name, fn) => all((n) => `    (local.set $${name}${n} ${fn(n)})`);
  const horner = (name, t, cs) =>
    [set(name, () => v(cs[cs.length - 1])), ...cs.slice(0, -1).reverse().map((c) => set(name, (n) => `(f64x2.add ${v(c)} (f64x2.mul ${t(n)} ${L(name, n)}))`))].join('\n');
  const any = (name) => `(v128.any_true ${ns.slice(1).reduce((acc, n) => `(v128.or ${acc} ${L(name, n)})`, L(name, 0))})`;
  const locals = (names) => names.map((nm) => ns.map((n) => `(local $${nm}${n} v128)`).join(' ')).join('\n    ');
  return { ns, L, all, set, horner, any, locals };
}

/**
 * $erfHeadM: the first pass of erf(h) and phi'(h) = (2/sqrt(pi)) e^{-h^2} on M pairs (h0, h1, ...
 * stored at $phi, $dphi, $e + 0, 16, 32, ...), erfExp of core/models/kit/simulators/
 * langevin-activations.ts on each lane: e^{-h^2} (from h^2 = hi + lo split exactly, 2^k as two
 * factors) into $dphi (times 2/sqrt(pi)) and into $e; erf of the lanes with |h| < 0.84375 into $phi.
 * The other lanes keep h in $phi and their byte offsets ($off + 0, 8, 16, ...) go to list 1
 * (0.84375 <= |h| < 1.25) or list 2 (the rest, NaN included), which $erfMid and $erfTail finish:
 * each lane then meets only its own range's rational function.
 */
function erfHeadM(M) {
  const { ns, L, all, set, horner, locals } = pairs(M);
  const names = ['ax', 'xc', 'cs', 'xh', 'xl', 'hi', 'lo', 'k', 'r', 'k1', 'k2', 'e', 'm0', 'm1', 'mt', 'num', 'den', 'q', 'res'];
  const append = (list, n, lane, mask) => `      (i32.store (i32.add (local.get $${list}) (i32.shl (local.get $n${list}) (i32.const 2))) (i32.add (local.get $off) (i32.const ${16 * n + 8 * lane})))
      (local.set $n${list} (i32.add (local.get $n${list}) ${lane === 0 ? `(i32.and (local.get $${mask}) (i32.const 1))` : `(i32.shr_u (local.get $${mask}) (i32.const 1))`}))`;
  return `
  (func $erfHead${M} ${ns.map((n) => `(param $x${n} v128)`).join(' ')} (param $phi i32) (param $dphi i32) (param $e i32) (param $off i32)
    ${locals(names)}
    (local $b1 i32) (local $b2 i32) (local $l1 i32) (local $l2 i32) (local $nl1 i32) (local $nl2 i32)
${set('ax', (n) => `(f64x2.abs ${L('x', n)})`)}
${set('xc', (n) => `(f64x2.min ${L('ax', n)} ${v(28)})`)}
${set('cs', (n) => `(f64x2.mul ${v(134217729)} ${L('xc', n)})`)}
${set('xh', (n) => `(f64x2.sub ${L('cs', n)} (f64x2.sub ${L('cs', n)} ${L('xc', n)}))`)}
${set('xl', (n) => `(f64x2.sub ${L('xc', n)} ${L('xh', n)})`)}
${set('hi', (n) => `(f64x2.mul ${L('xc', n)} ${L('xc', n)})`)}
${set('lo', (n) => `(f64x2.add (f64x2.add (f64x2.sub (f64x2.mul ${L('xh', n)} ${L('xh', n)}) ${L('hi', n)}) (f64x2.mul (f64x2.mul ${v(2)} ${L('xh', n)}) ${L('xl', n)})) (f64x2.mul ${L('xl', n)} ${L('xl', n)}))`)}
${set('k', (n) => `(f64x2.sub (f64x2.add (f64x2.mul ${L('hi', n)} ${v(-1.442695040888963387)}) ${v(6755399441055744)}) ${v(6755399441055744)})`)}
${set('r', (n) => `(f64x2.sub (f64x2.sub (f64x2.neg ${L('hi', n)}) (f64x2.mul ${L('k', n)} ${v(6.9314718036912381649e-1)})) (f64x2.add ${L('lo', n)} (f64x2.mul ${L('k', n)} ${v(1.90821492927058770002e-10)})))`)}
${set('k1', (n) => `(f64x2.trunc (f64x2.mul ${L('k', n)} ${v(0.5)}))`)}
${set('k2', (n) => `(f64x2.sub ${L('k', n)} ${L('k1', n)})`)}
${horner('e', (n) => L('r', n), EXP_TAYLOR)}
${set('e', (n) => `(f64x2.mul (f64x2.mul ${L('e', n)} ${pow2(L('k1', n))}) ${pow2(L('k2', n))})`)}
${all((n) => `    (v128.store offset=${16 * n} (local.get $dphi) (f64x2.mul ${v(2 / Math.sqrt(Math.PI))} ${L('e', n)}))`)}
${all((n) => `    (v128.store offset=${16 * n} (local.get $e) ${L('e', n)})`)}
${set('m0', (n) => `(f64x2.lt ${L('ax', n)} ${v(0.84375)})`)}
${set('mt', (n) => `(v128.not (f64x2.lt ${L('ax', n)} ${v(1.25)}))`)}
${set('m1', (n) => `(v128.not (v128.or ${L('m0', n)} ${L('mt', n)}))`)}
${horner('num', (n) => L('hi', n), PP)}
${horner('den', (n) => L('hi', n), QQ)}
${set('q', (n) => `(f64x2.div ${L('num', n)} ${L('den', n)})`)}
${set('res', (n) => `(f64x2.add ${L('ax', n)} (f64x2.mul ${L('ax', n)} ${L('q', n)}))`)}
${all((n) => `    (v128.store offset=${16 * n} (local.get $phi) (v128.bitselect (v128.or ${L('res', n)} (v128.and ${L('x', n)} ${SIGN})) ${L('x', n)} ${L('m0', n)}))`)}
    (if (v128.any_true ${ns.slice(1).reduce((acc, n) => `(v128.or ${acc} (v128.not ${L('m0', n)}))`, `(v128.not ${L('m0', 0)})`)})
      (then
      (local.set $l1 (global.get $l1))
      (local.set $l2 (global.get $l2))
      (local.set $nl1 (global.get $nl1))
      (local.set $nl2 (global.get $nl2))
${ns
  .map(
    (n) => `      (local.set $b1 (i64x2.bitmask ${L('m1', n)}))
      (local.set $b2 (i64x2.bitmask ${L('mt', n)}))
${append('l1', n, 0, 'b1')}
${append('l1', n, 1, 'b1')}
${append('l2', n, 0, 'b2')}
${append('l2', n, 1, 'b2')}`,
  )
  .join('\n')}
      (global.set $nl1 (local.get $nl1))
      (global.set $nl2 (local.get $nl2)))))`;
}

/**
 * The byte offsets of entries t + 0 .. t + 2M - 1 of a list and the pairs of h they point to
 * (lane 0 the even entry), for $erfMid and $erfTail; `extra` gathers a second array likewise.
 */
function gather(M, list, extra) {
  const { all, set } = pairs(M);
  return `${all((n) => `    (local.set $oa${n} (i32.load offset=${8 * n} (local.get $at)))
    (local.set $ob${n} (i32.load offset=${8 * n + 4} (local.get $at)))`)}
${set('x', (n) => `(v128.load64_lane 1 (i32.add (local.get $phi) (local.get $ob${n})) (v128.load64_zero (i32.add (local.get $phi) (local.get $oa${n}))))`)}${
    extra ? `\n${set(extra, (n) => `(v128.load64_lane 1 (i32.add (local.get $${extra}base) (local.get $ob${n})) (v128.load64_zero (i32.add (local.get $${extra}base) (local.get $oa${n}))))`)}` : ''
  }`;
}

/** Stores the pairs $out0.. back to the places they were gathered from (signs of h restored). */
function scatter(M) {
  const { all, L } = pairs(M);
  return all(
    (n) => `    (local.set $out${n} (v128.or ${L('res', n)} (v128.and ${L('x', n)} ${SIGN})))
    (v128.store64_lane 0 (i32.add (local.get $phi) (local.get $oa${n})) (local.get $out${n}))
    (v128.store64_lane 1 (i32.add (local.get $phi) (local.get $ob${n})) (local.get $out${n}))`,
  );
}

/**
 * A loop over a list of $count byte offsets (its length padded to a multiple of 2M with copies of
 * its last entry, which the last group gathers before it stores), M pairs at a time.
 */
function listLoop(M, name, params, locals, body) {
  const { ns } = pairs(M);
  return `
  (func $${name} (param $list i32) (param $count i32) (param $phi i32) ${params}
    (local $at i32) (local $end i32) (local $last i32)
    ${ns.map((n) => `(local $oa${n} i32) (local $ob${n} i32) (local $x${n} v128) (local $out${n} v128)`).join(' ')}
    ${locals}
    (if (i32.eqz (local.get $count)) (then (return)))
    (local.set $at (local.get $list))
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $last (i32.load offset=0 (i32.sub (local.get $end) (i32.const 4))))
    (block $padded
      (loop $pad
        (br_if $padded (i32.eqz (i32.and (i32.sub (local.get $end) (local.get $list)) (i32.const ${8 * M - 1}))))
        (i32.store (local.get $end) (local.get $last))
        (local.set $end (i32.add (local.get $end) (i32.const 4)))
        (br $pad)))
    (loop $group
${body}
      (local.set $at (i32.add (local.get $at) (i32.const ${8 * M})))
      (br_if $group (i32.lt_u (local.get $at) (local.get $end)))))`;
}

/** $erfMidM: erf on the lanes of list 1 (0.84375 <= |h| < 1.25): erx + P(|h| - 1)/Q(|h| - 1). */
function erfMidM(M) {
  const { set, horner, L, locals } = pairs(M);
  return listLoop(
    M,
    `erfMid${M}`,
    '',
    locals(['ax', 's', 'num', 'den', 'q', 'res']),
    `${gather(M, 'l1')}
${set('ax', (n) => `(f64x2.abs ${L('x', n)})`)}
${set('s', (n) => `(f64x2.sub ${L('ax', n)} ${v(1)})`)}
${horner('num', (n) => L('s', n), PA)}
${horner('den', (n) => L('s', n), QA)}
${set('q', (n) => `(f64x2.div ${L('num', n)} ${L('den', n)})`)}
${set('res', (n) => `(f64x2.add ${v(8.45062911510467529297e-1)} ${L('q', n)})`)}
${scatter(M)}`,
  );
}

/**
 * $erfTailM: erf on the lanes of list 2 (|h| >= 1.25, NaN): 1 - e^{-h^2} e^{R/S - 0.5625} / |h|,
 * R/S of s = 1/h^2 on [1.25, 1/0.35) or beyond, e^{-h^2} gathered from the head's $e.
 */
function erfTailM(M) {
  const { set, horner, L, any, locals } = pairs(M);
  return listLoop(
    M,
    `erfTail${M}`,
    '(param $ebase i32)',
    locals(['e', 'ax', 'ia', 's', 'near', 'far', 'p', 'num', 'den', 'q', 'res']),
    `${gather(M, 'l2', 'e')}
${set('ax', (n) => `(f64x2.abs ${L('x', n)})`)}
${set('ia', (n) => `(f64x2.div ${v(1)} ${L('ax', n)})`)}
${set('s', (n) => `(f64x2.mul ${L('ia', n)} ${L('ia', n)})`)}
${set('near', (n) => `(f64x2.lt ${L('ax', n)} ${v(2.857142857142857)})`)}
${set('far', (n) => `(v128.not ${L('near', n)})`)}
      (if ${any('near')}
        (then
${horner('num', (n) => L('s', n), RA)}
${horner('den', (n) => L('s', n), SA)}))
      (if ${any('far')}
        (then
${horner('p', (n) => L('s', n), RB)}
${set('num', (n) => `(v128.bitselect ${L('p', n)} ${L('num', n)} ${L('far', n)})`)}
${horner('p', (n) => L('s', n), SB)}
${set('den', (n) => `(v128.bitselect ${L('p', n)} ${L('den', n)} ${L('far', n)})`)}))
${set('q', (n) => `(f64x2.div ${L('num', n)} ${L('den', n)})`)}
${set('s', (n) => `(f64x2.add ${L('q', n)} ${v(Math.LN2 - 0.5625)})`)}
${horner('p', (n) => L('s', n), EXP_TAYLOR.slice(0, 11))}
${set('res', (n) => `(f64x2.sub ${v(1)} (f64x2.mul (f64x2.mul (f64x2.mul ${v(0.5)} ${L('e', n)}) ${L('p', n)}) ${L('ia', n)}))`)}
${scatter(M)}`,
  );
}

/**
 * $fwdR: the pre-activations h = w_i . x_mu of R neurons (i, i + 1, ...) over all inputs, blocks
 * of 8 inputs (four f64x2 per neuron; R = 2 holds 8 accumulators), each sum over k in order
 * (as matmulRowsT); then phi(h) and phi'(h) stored, and f += a_i phi (neurons in order). For
 * erf only $erfHead runs here (the lanes it leaves to its lists, and f, follow all rows).
 */
function forwardRows(R) {
  const rs = [...Array(R).keys()];
  const js = [0, 1, 2, 3];
  const acc = (r, j) => `$h${r}${j}`;
  return `
  (func $fwd${R} (param $W i32) (param $XT i32) (param $a i32) (param $phi i32) (param $dphi i32) (param $f i32) (param $E i32)
    (param $i i32) (param $d i32) (param $Pp i32) (param $act i32)
    (local $mu i32) (local $xp i32) (local $wk i32) (local $dbytes i32) (local $pbytes i32) (local $o i32)
    (local $fv v128) (local $m v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    ${rs.map((r) => `(local $w${r} v128) (local $row${r} i32) (local $prow${r} i32) (local $a${r} v128)`).join(' ')}
    ${rs.map((r) => js.map((j) => `(local ${acc(r, j)} v128)`).join(' ')).join('\n    ')}
    (local.set $dbytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pbytes (i32.shl (local.get $Pp) (i32.const 3)))
${rs
  .map(
    (r) => `    (local.set $row${r} (i32.add (local.get $W) (i32.mul (i32.add (local.get $i) (i32.const ${r})) (local.get $dbytes))))
    (local.set $prow${r} (i32.mul (i32.add (local.get $i) (i32.const ${r})) (local.get $pbytes)))
    (local.set $a${r} (v128.load64_splat (i32.add (local.get $a) (i32.shl (i32.add (local.get $i) (i32.const ${r})) (i32.const 3)))))`,
  )
  .join('\n')}
    (loop $block
${rs.map((r) => js.map((j) => `      (local.set ${acc(r, j)} (v128.const i64x2 0 0))`).join('\n')).join('\n')}
      (local.set $xp (i32.add (local.get $XT) (local.get $mu)))
      (local.set $wk (i32.const 0))
      (loop $dot
${rs.map((r) => `        (local.set $w${r} (v128.load64_splat (i32.add (local.get $row${r}) (local.get $wk))))`).join('\n')}
${js.map((j) => `        (local.set $x${j} (v128.load offset=${16 * j} (local.get $xp)))`).join('\n')}
${rs.map((r) => js.map((j) => `        (local.set ${acc(r, j)} (f64x2.add (local.get ${acc(r, j)}) (f64x2.mul (local.get $w${r}) (local.get $x${j}))))`).join('\n')).join('\n')}
        (local.set $xp (i32.add (local.get $xp) (local.get $pbytes)))
        (local.set $wk (i32.add (local.get $wk) (i32.const 8)))
        (br_if $dot (i32.lt_u (local.get $wk) (local.get $dbytes))))
      (if (i32.eq (local.get $act) (i32.const ${ACT.erf}))
        (then
${rs
  .map(
    (r) =>
      `          (local.set $o (i32.add (local.get $prow${r}) (local.get $mu)))
          (call $erfHead${ERF_PAIRS} ${js.map((j) => `(local.get ${acc(r, j)})`).join(' ')}
            (i32.add (local.get $phi) (local.get $o)) (i32.add (local.get $dphi) (local.get $o)) (i32.add (local.get $E) (local.get $o)) (local.get $o))`,
  )
  .join('\n')})
        (else
          (if (i32.eq (local.get $act) (i32.const ${ACT.relu}))
            (then
${rs
  .map((r) =>
    js
      .map(
        (j) => `              (local.set $m (f64x2.gt (local.get ${acc(r, j)}) (v128.const i64x2 0 0)))
              (v128.store offset=${16 * j} (i32.add (local.get $phi) (i32.add (local.get $prow${r}) (local.get $mu))) (v128.and (local.get ${acc(r, j)}) (local.get $m)))`,
      )
      .join('\n'),
  )
  .join('\n')})
            (else
${rs
  .map((r) =>
    js
      .map(
        (j) => `              (call $activate (local.get ${acc(r, j)}) (i32.add (local.get $phi) (i32.add (local.get $prow${r}) (i32.add (local.get $mu) (i32.const ${16 * j}))))
                (i32.add (local.get $dphi) (i32.add (local.get $prow${r}) (i32.add (local.get $mu) (i32.const ${16 * j})))) (local.get $act))`,
      )
      .join('\n'),
  )
  .join('\n')}))
${js
  .map(
    (j) => `          (local.set $fv (v128.load offset=${16 * j} (i32.add (local.get $f) (local.get $mu))))
${rs.map((r) => `          (local.set $fv (f64x2.add (local.get $fv) (f64x2.mul (local.get $a${r}) (v128.load offset=${16 * j} (i32.add (local.get $phi) (i32.add (local.get $prow${r}) (local.get $mu)))))))`).join('\n')}
          (v128.store offset=${16 * j} (i32.add (local.get $f) (local.get $mu)) (local.get $fv))`,
  )
  .join('\n')}))
      (local.set $mu (i32.add (local.get $mu) (i32.const 64)))
      (br_if $block (i32.lt_u (local.get $mu) (local.get $pbytes)))))`;
}

/**
 * $wgradR: the data part of the input weights' gradient, G_i = sum_mu delta_i,mu x_mu for R
 * neurons, blocks of 8 input coordinates (X padded to dp columns), each sum over mu in order.
 */
function weightRows(R) {
  const rs = [...Array(R).keys()];
  const js = [0, 1, 2, 3];
  const acc = (r, j) => `$g${r}${j}`;
  return `
  (func $wgrad${R} (param $delta i32) (param $X i32) (param $G i32) (param $i i32) (param $P i32) (param $Pp i32) (param $dp i32)
    (local $kb i32) (local $xp i32) (local $m i32) (local $dpb i32) (local $pend i32) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    ${rs.map((r) => `(local $c${r} v128) (local $drow${r} i32) (local $grow${r} i32)`).join(' ')}
    ${rs.map((r) => js.map((j) => `(local ${acc(r, j)} v128)`).join(' ')).join('\n    ')}
    (local.set $dpb (i32.shl (local.get $dp) (i32.const 3)))
    (local.set $pend (i32.shl (local.get $P) (i32.const 3)))
${rs
  .map(
    (r) => `    (local.set $drow${r} (i32.add (local.get $delta) (i32.shl (i32.mul (i32.add (local.get $i) (i32.const ${r})) (local.get $Pp)) (i32.const 3))))
    (local.set $grow${r} (i32.add (local.get $G) (i32.mul (i32.add (local.get $i) (i32.const ${r})) (local.get $dpb))))`,
  )
  .join('\n')}
    (loop $block
${rs.map((r) => js.map((j) => `      (local.set ${acc(r, j)} (v128.const i64x2 0 0))`).join('\n')).join('\n')}
      (local.set $xp (i32.add (local.get $X) (local.get $kb)))
      (local.set $m (i32.const 0))
      (loop $sum
${rs.map((r) => `        (local.set $c${r} (v128.load64_splat (i32.add (local.get $drow${r}) (local.get $m))))`).join('\n')}
${js.map((j) => `        (local.set $x${j} (v128.load offset=${16 * j} (local.get $xp)))`).join('\n')}
${rs.map((r) => js.map((j) => `        (local.set ${acc(r, j)} (f64x2.add (local.get ${acc(r, j)}) (f64x2.mul (local.get $c${r}) (local.get $x${j}))))`).join('\n')).join('\n')}
        (local.set $xp (i32.add (local.get $xp) (local.get $dpb)))
        (local.set $m (i32.add (local.get $m) (i32.const 8)))
        (br_if $sum (i32.lt_u (local.get $m) (local.get $pend))))
${rs.map((r) => js.map((j) => `      (v128.store offset=${16 * j} (i32.add (local.get $grow${r}) (local.get $kb)) (local.get ${acc(r, j)}))`).join('\n')).join('\n')}
      (local.set $kb (i32.add (local.get $kb) (i32.const 64)))
      (br_if $block (i32.lt_u (local.get $kb) (local.get $dpb)))))`;
}

/** Chunks of four inputs whose subset-sum tables weightsRelu holds at a time. */
const RELU_TILE = 16;

/**
 * $reluSumJ: one block of 2J input coordinates (from byte $kb) of neuron i's masked sum, over the
 * chunks of one tile: S_i += sum over the tile's chunks c (in order) of T_c[m_ic], T_c[m] the
 * subset sum of the z_mu = r_mu x_mu of chunk c (mu = 4c .. 4c + 3) selected by the 4-bit mask
 * m_ic of the neuron's active inputs (bytes $masks, one per chunk of the tile); S_i read from and
 * written back to $grow (the tile's tables, 16 J bytes a row, stay in the first-level cache).
 */
function reluSum(J) {
  const js = [...Array(J).keys()];
  return `
  (func $reluSum${J} (param $T i32) (param $masks i32) (param $chunks i32) (param $grow i32) (param $kb i32) (param $dpb i32)
    (local $c i32) (local $t i32) (local $tstride i32) (local $p i32)
    ${js.map((j) => `(local $g${j} v128)`).join(' ')}
${js.map((j) => `    (local.set $g${j} (v128.load offset=${16 * j} (local.get $grow)))`).join('\n')}
    (local.set $tstride (i32.shl (local.get $dpb) (i32.const 4)))
    (local.set $t (i32.add (local.get $T) (local.get $kb)))
    (block $done
      (loop $chunk
        (br_if $done (i32.ge_u (local.get $c) (local.get $chunks)))
        (local.set $p (i32.add (local.get $t) (i32.mul (i32.load8_u (i32.add (local.get $masks) (local.get $c))) (local.get $dpb))))
${js.map((j) => `        (local.set $g${j} (f64x2.add (local.get $g${j}) (v128.load offset=${16 * j} (local.get $p))))`).join('\n')}
        (local.set $t (i32.add (local.get $t) (local.get $tstride)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $chunk)))
${js.map((j) => `    (v128.store offset=${16 * j} (local.get $grow) (local.get $g${j}))`).join('\n')})`;
}

export default function template(map) {
  return `;; The Langevin step of a two-layer network f(x) = sum_i a_i phi(w_i . x) over P inputs, in
;; WebAssembly (assembled by scripts/build-wasm.mjs into langevin-binary.ts; ./langevin.ts is the
;; JavaScript side, core/models/kit/simulators/langevin.ts the simulator and its JavaScript
;; reference loops). Generated by scripts/build-wasm.mjs from template/langevin.wat.mjs and
;; memory-map.json; do not edit.
;;
;; Every function reproduces, bit for bit, the JavaScript it stands in for: the products sum in the
;; same order (over k for h = W x, over mu for the gradient), vectorised across outputs only; erf
;; and phi' of erf are erfExp of langevin-activations.ts, its operations in its order on each lane.
;; Arrays are f64 at byte offsets chosen
;; by ./langevin.ts; the forward pass runs over P padded to a multiple of 8 (zero inputs), the
;; weight gradient over d padded to a multiple of 8 (zero columns).
(module
  (memory (export "memory") 1)

${mapHeader(map)}

  ;; phi(h) and phi'(h) of a pair of pre-activations into the f64 pairs at $phi and $dphi, as
  ;; activateAll: linear h, 1; square h h, 2 h. (ReLU is inlined in $fwdR, which stores its phi
  ;; only: its phi' is 1 exactly where phi > 0; erf is $erfHead's and its lists'.)
  (func $activate (param $h v128) (param $phi i32) (param $dphi i32) (param $act i32)
    (if (i32.eq (local.get $act) (i32.const ${ACT.square}))
      (then
        (v128.store (local.get $phi) (f64x2.mul (local.get $h) (local.get $h)))
        (v128.store (local.get $dphi) (f64x2.mul (f64x2.splat (f64.const 2)) (local.get $h)))
        (return)))
    (v128.store (local.get $phi) (local.get $h))
    (v128.store (local.get $dphi) (f64x2.splat (f64.const 1))))

  ;; The lists of erf lanes left by $erfHead (byte offsets from the phi base): their bases and lengths.
  (global $l1 (mut i32) (i32.const 0))
  (global $l2 (mut i32) (i32.const 0))
  (global $nl1 (mut i32) (i32.const 0))
  (global $nl2 (mut i32) (i32.const 0))
${erfHeadM(ERF_PAIRS)}
${erfMidM(ERF_PAIRS)}
${erfTailM(ERF_PAIRS)}

  ;; f = sum_i a_i phi_i over Pp inputs (neurons in order; rows of phi of stride Pp).
  (func $outputs (param $phi i32) (param $a i32) (param $f i32) (param $N i32) (param $Pp i32)
    (local $i i32) (local $m i32) (local $row i32) (local $pbytes i32) (local $ai v128)
    (local.set $pbytes (i32.shl (local.get $Pp) (i32.const 3)))
    (block $done
      (loop $neuron
        (br_if $done (i32.ge_s (local.get $i) (local.get $N)))
        (local.set $ai (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $row (i32.add (local.get $phi) (i32.mul (local.get $i) (local.get $pbytes))))
        (local.set $m (i32.const 0))
        (loop $input
${[0, 1, 2, 3]
  .map(
    (j) => `          (v128.store offset=${16 * j} (i32.add (local.get $f) (local.get $m))
            (f64x2.add (v128.load offset=${16 * j} (i32.add (local.get $f) (local.get $m)))
              (f64x2.mul (local.get $ai) (v128.load offset=${16 * j} (i32.add (local.get $row) (local.get $m))))))`,
  )
  .join('\n')}
          (local.set $m (i32.add (local.get $m) (i32.const 64)))
          (br_if $input (i32.lt_u (local.get $m) (local.get $pbytes))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $neuron))))
${forwardRows(2)}
${forwardRows(1)}

  ;; The forward pass over Pp inputs (a multiple of 8; the inputs XT d x Pp, column mu the input
  ;; x_mu): phi and phi' (N x Pp, row i the neuron) and f = sum_i a_i phi_i (neurons in order).
  ;; $scratch: room for erf's e^{-h^2} (N x Pp f64) and its two lists (N Pp + 16 i32 each).
  (func (export "forward") (param $W i32) (param $XT i32) (param $a i32) (param $phi i32) (param $dphi i32) (param $f i32)
    (param $N i32) (param $d i32) (param $Pp i32) (param $act i32) (param $scratch i32)
    (local $i i32) (local $m i32) (local $cells i32)
    (loop $zero
      (v128.store (i32.add (local.get $f) (local.get $m)) (v128.const i64x2 0 0))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $m) (i32.shl (local.get $Pp) (i32.const 3)))))
    (local.set $cells (i32.mul (local.get $N) (local.get $Pp)))
    (global.set $l1 (i32.add (local.get $scratch) (i32.shl (local.get $cells) (i32.const 3))))
    (global.set $l2 (i32.add (global.get $l1) (i32.shl (i32.add (local.get $cells) (i32.const 16)) (i32.const 2))))
    (global.set $nl1 (i32.const 0))
    (global.set $nl2 (i32.const 0))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $N)))
        (call $fwd2 (local.get $W) (local.get $XT) (local.get $a) (local.get $phi) (local.get $dphi) (local.get $f) (local.get $scratch)
          (local.get $i) (local.get $d) (local.get $Pp) (local.get $act))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $N))
      (then
        (call $fwd1 (local.get $W) (local.get $XT) (local.get $a) (local.get $phi) (local.get $dphi) (local.get $f) (local.get $scratch)
          (local.get $i) (local.get $d) (local.get $Pp) (local.get $act))))
    (if (i32.eq (local.get $act) (i32.const ${ACT.erf}))
      (then
        (call $erfMid${ERF_PAIRS} (global.get $l1) (global.get $nl1) (local.get $phi))
        (call $erfTail${ERF_PAIRS} (global.get $l2) (global.get $nl2) (local.get $phi) (local.get $scratch))
        (call $outputs (local.get $phi) (local.get $a) (local.get $f) (local.get $N) (local.get $Pp)))))

  ;; The back-propagated residuals delta_i,mu = (r_mu a_i) phi'_i,mu of neuron i (pairs over Pp,
  ;; a_i before its update).
  (func $residuals (param $dphi i32) (param $r i32) (param $delta i32) (param $ai v128) (param $Pp i32)
    (local $m i32)
    (if (i32.eqz (local.get $Pp)) (then (return)))
    (loop $input
      (v128.store (i32.add (local.get $delta) (local.get $m))
        (f64x2.mul (f64x2.mul (v128.load (i32.add (local.get $r) (local.get $m))) (local.get $ai))
          (v128.load (i32.add (local.get $dphi) (local.get $m)))))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $input (i32.lt_u (local.get $m) (i32.shl (local.get $Pp) (i32.const 3))))))

  ;; a_i <- a_i + (-stepA g + sA xi_i) with g = s + precA a_i.
  (func $readoutUpdate (param $a i32) (param $xi i32) (param $i i32) (param $s f64) (param $precA f64) (param $stepA f64) (param $sA f64)
    (local $at i32) (local $ai f64)
    (local.set $at (i32.shl (local.get $i) (i32.const 3)))
    (local.set $ai (f64.load (i32.add (local.get $a) (local.get $at))))
    (f64.store (i32.add (local.get $a) (local.get $at))
      (f64.add (local.get $ai)
        (f64.add (f64.mul (f64.neg (local.get $stepA)) (f64.add (local.get $s) (f64.mul (local.get $precA) (local.get $ai))))
          (f64.mul (local.get $sA) (f64.load (i32.add (local.get $xi) (local.get $at))))))))

  ;; The readout's gradient and update and the back-propagated residuals (rows of phi, phi' and
  ;; delta have stride Pp, the first P entries used), with r the scaled residuals (zero past P):
  ;;   delta_i,mu = r_mu a_i phi'_i,mu (all neurons first, with the old a; not for ReLU),
  ;;   s = sum_mu r_mu phi_i,mu (in order; four neurons at a time on two f64x2, the lanes neurons),
  ;;   g = s + precA a_i,  a_i <- a_i + (-stepA g + sA xi_i).
  ;; With $relu, no delta: a is copied to $aOld instead (for "weightsRelu").
  (func (export "readout") (param $phi i32) (param $dphi i32) (param $r i32) (param $a i32) (param $delta i32) (param $xi i32)
    (param $N i32) (param $P i32) (param $Pp i32) (param $precA f64) (param $stepA f64) (param $sA f64) (param $aOld i32) (param $relu i32)
    (local $i i32) (local $m i32) (local $row i32) (local $pend i32) (local $pbytes i32) (local $rm v128) (local $s f64)
    (local $s01 v128) (local $s23 v128) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $pend (i32.shl (local.get $P) (i32.const 3)))
    (local.set $pbytes (i32.shl (local.get $Pp) (i32.const 3)))
    (if (local.get $relu)
      (then (memory.copy (local.get $aOld) (local.get $a) (i32.shl (local.get $N) (i32.const 3))))
      (else
        (block $deltas
          (loop $neuron
            (br_if $deltas (i32.ge_s (local.get $i) (local.get $N)))
            (local.set $row (i32.mul (local.get $i) (local.get $pbytes)))
            (call $residuals (i32.add (local.get $dphi) (local.get $row)) (local.get $r) (i32.add (local.get $delta) (local.get $row))
              (v128.load64_splat (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))) (local.get $Pp))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $neuron)))))
    (local.set $i (i32.const 0))
    (block $quads
      (loop $quad
        (br_if $quads (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $N)))
        (local.set $r0 (i32.add (local.get $phi) (i32.mul (local.get $i) (local.get $pbytes))))
        (local.set $r1 (i32.add (local.get $r0) (local.get $pbytes)))
        (local.set $r2 (i32.add (local.get $r1) (local.get $pbytes)))
        (local.set $r3 (i32.add (local.get $r2) (local.get $pbytes)))
        (local.set $s01 (v128.const i64x2 0 0))
        (local.set $s23 (v128.const i64x2 0 0))
        (local.set $m (i32.const 0))
        (block $sums
          (loop $input
            (br_if $sums (i32.ge_u (local.get $m) (local.get $pend)))
            (local.set $rm (v128.load64_splat (i32.add (local.get $r) (local.get $m))))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $rm)
              (v128.load64_lane 1 (i32.add (local.get $r1) (local.get $m)) (v128.load64_zero (i32.add (local.get $r0) (local.get $m)))))))
            (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (local.get $rm)
              (v128.load64_lane 1 (i32.add (local.get $r3) (local.get $m)) (v128.load64_zero (i32.add (local.get $r2) (local.get $m)))))))
            (local.set $m (i32.add (local.get $m) (i32.const 8)))
            (br $input)))
        (call $readoutUpdate (local.get $a) (local.get $xi) (local.get $i) (f64x2.extract_lane 0 (local.get $s01)) (local.get $precA) (local.get $stepA) (local.get $sA))
        (call $readoutUpdate (local.get $a) (local.get $xi) (i32.add (local.get $i) (i32.const 1)) (f64x2.extract_lane 1 (local.get $s01))
          (local.get $precA) (local.get $stepA) (local.get $sA))
        (call $readoutUpdate (local.get $a) (local.get $xi) (i32.add (local.get $i) (i32.const 2)) (f64x2.extract_lane 0 (local.get $s23))
          (local.get $precA) (local.get $stepA) (local.get $sA))
        (call $readoutUpdate (local.get $a) (local.get $xi) (i32.add (local.get $i) (i32.const 3)) (f64x2.extract_lane 1 (local.get $s23))
          (local.get $precA) (local.get $stepA) (local.get $sA))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quad)))
    (block $done
      (loop $single
        (br_if $done (i32.ge_s (local.get $i) (local.get $N)))
        (local.set $r0 (i32.add (local.get $phi) (i32.mul (local.get $i) (local.get $pbytes))))
        (local.set $s (f64.const 0))
        (local.set $m (i32.const 0))
        (block $sum
          (loop $input1
            (br_if $sum (i32.ge_u (local.get $m) (local.get $pend)))
            (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $r) (local.get $m))) (f64.load (i32.add (local.get $r0) (local.get $m))))))
            (local.set $m (i32.add (local.get $m) (i32.const 8)))
            (br $input1)))
        (call $readoutUpdate (local.get $a) (local.get $xi) (local.get $i) (local.get $s) (local.get $precA) (local.get $stepA) (local.get $sA))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $single))))
${weightRows(2)}
${weightRows(1)}

  ;; G = delta X, two neurons at a time (each sum over all mu in order).
  (func $dense (param $delta i32) (param $X i32) (param $G i32) (param $N i32) (param $P i32) (param $Pp i32) (param $dp i32)
    (local $i i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $N)))
        (call $wgrad2 (local.get $delta) (local.get $X) (local.get $G) (local.get $i) (local.get $P) (local.get $Pp) (local.get $dp))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $N))
      (then (call $wgrad1 (local.get $delta) (local.get $X) (local.get $G) (local.get $i) (local.get $P) (local.get $Pp) (local.get $dp)))))
${reluSum(8)}
${reluSum(4)}

  ;; The input weights' update: for k < d
  ;;   g = G_ik + precW W_ik,  W_ik <- W_ik + (-stepW g + sW xi_ik)   (W and xi N x d, G N x dp).
  (func $weightUpdate (param $G i32) (param $W i32) (param $xi i32) (param $N i32) (param $d i32) (param $dp i32)
    (param $precW f64) (param $stepW f64) (param $sW f64)
    (local $i i32) (local $k i32) (local $w i32) (local $grow i32) (local $wik f64) (local $g f64) (local $wv v128)
    (local $pw v128) (local $nsw v128) (local $sv v128) (local $pairs i32)
    (local.set $pw (f64x2.splat (local.get $precW)))
    (local.set $nsw (f64x2.splat (f64.neg (local.get $stepW))))
    (local.set $sv (f64x2.splat (local.get $sW)))
    (local.set $pairs (i32.and (local.get $d) (i32.const -2)))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $N)))
        (local.set $grow (i32.add (local.get $G) (i32.shl (i32.mul (local.get $i) (local.get $dp)) (i32.const 3))))
        (local.set $k (i32.const 0))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.ge_s (local.get $k) (local.get $pairs)))
            (local.set $w (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $k)) (i32.const 3)))
            (local.set $wv (v128.load (i32.add (local.get $W) (local.get $w))))
            (v128.store (i32.add (local.get $W) (local.get $w))
              (f64x2.add (local.get $wv)
                (f64x2.add
                  (f64x2.mul (local.get $nsw)
                    (f64x2.add (v128.load (i32.add (local.get $grow) (i32.shl (local.get $k) (i32.const 3)))) (f64x2.mul (local.get $pw) (local.get $wv))))
                  (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $xi) (local.get $w)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 2)))
            (br $pair)))
        (if (i32.lt_s (local.get $k) (local.get $d))
          (then
            (local.set $w (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $k)) (i32.const 3)))
            (local.set $wik (f64.load (i32.add (local.get $W) (local.get $w))))
            (local.set $g (f64.add (f64.load (i32.add (local.get $grow) (i32.shl (local.get $k) (i32.const 3))))
              (f64.mul (local.get $precW) (local.get $wik))))
            (f64.store (i32.add (local.get $W) (local.get $w))
              (f64.add (local.get $wik)
                (f64.add (f64.mul (f64.neg (local.get $stepW)) (local.get $g))
                  (f64.mul (local.get $sW) (f64.load (i32.add (local.get $xi) (local.get $w)))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  ;; The input weights' step: G = delta X (N x dp, X the inputs P x dp), then their update.
  (func (export "weights") (param $delta i32) (param $X i32) (param $G i32) (param $W i32) (param $xi i32)
    (param $N i32) (param $d i32) (param $dp i32) (param $P i32) (param $Pp i32) (param $precW f64) (param $stepW f64) (param $sW f64)
    (if (i32.eqz (local.get $P)) (then (return)))
    (call $dense (local.get $delta) (local.get $X) (local.get $G) (local.get $N) (local.get $P) (local.get $Pp) (local.get $dp))
    (call $weightUpdate (local.get $G) (local.get $W) (local.get $xi) (local.get $N) (local.get $d) (local.get $dp)
      (local.get $precW) (local.get $stepW) (local.get $sW)))

  ;; The input weights' step of a ReLU network, whose phi' is 0 or 1: G_i = a_i sum over the
  ;; active inputs of z_mu, z_mu = r_mu x_mu (a the readout before its update, $aOld), summed over
  ;; chunks of four inputs in order, each chunk's part from the table of its 16 subset sums
  ;; (T_c[m] = T_c[m without its highest bit] + z of that bit's input; T_c[0] = 0); an input is
  ;; active where phi > 0 (phi' = 1). The tables are built ${RELU_TILE} chunks at a time, and every
  ;; neuron's sums carried on through them in G. $work holds Z (Pp x dp), one tile's tables
  ;; (${RELU_TILE} x 16 x dp) and the masks (N x Pp/4 bytes): langevinReluWork bytes.
  (func (export "weightsRelu") (param $phi i32) (param $r i32) (param $aOld i32) (param $X i32) (param $work i32) (param $G i32) (param $W i32) (param $xi i32)
    (param $N i32) (param $d i32) (param $dp i32) (param $P i32) (param $Pp i32) (param $precW f64) (param $stepW f64) (param $sW f64)
    (local $dpb i32) (local $Z i32) (local $T i32) (local $masks i32) (local $chunks i32) (local $m i32) (local $k i32) (local $rm v128)
    (local $c i32) (local $sub i32) (local $hb i32) (local $dst i32) (local $src i32) (local $zr i32) (local $i i32) (local $row i32)
    (local $kb i32) (local $grow i32) (local $c0 i32) (local $tile i32) (local $mrow i32) (local $ai v128)
    (if (i32.eqz (local.get $P)) (then (return)))
    (local.set $dpb (i32.shl (local.get $dp) (i32.const 3)))
    (local.set $chunks (i32.shr_u (local.get $Pp) (i32.const 2)))
    (local.set $Z (local.get $work))
    (local.set $T (i32.add (local.get $Z) (i32.mul (local.get $Pp) (local.get $dpb))))
    (local.set $masks (i32.add (local.get $T) (i32.mul (i32.const ${RELU_TILE * 16}) (local.get $dpb))))
    ;; Z: rows mu < P are r_mu x_mu, the rest zero
    (memory.fill (local.get $Z) (i32.const 0) (i32.mul (local.get $Pp) (local.get $dpb)))
    (block $zdone
      (loop $zrow
        (br_if $zdone (i32.ge_u (local.get $m) (local.get $P)))
        (local.set $rm (v128.load64_splat (i32.add (local.get $r) (i32.shl (local.get $m) (i32.const 3)))))
        (local.set $row (i32.mul (local.get $m) (local.get $dpb)))
        (local.set $k (i32.const 0))
        (loop $zcol
          (v128.store (i32.add (local.get $Z) (i32.add (local.get $row) (local.get $k)))
            (f64x2.mul (local.get $rm) (v128.load (i32.add (local.get $X) (i32.add (local.get $row) (local.get $k))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $zcol (i32.lt_u (local.get $k) (local.get $dpb))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $zrow)))
    ;; the masks: neuron i's chunk c at $masks + i chunks + c (phi > 0, rows of phi of stride Pp)
    (local.set $row (local.get $phi))
    (local.set $dst (local.get $masks))
    (local.set $i (i32.const 0))
    (block $mdone
      (loop $mneuron
        (br_if $mdone (i32.ge_u (local.get $i) (local.get $N)))
        (local.set $c (i32.const 0))
        (loop $mask
          (i32.store8 (local.get $dst)
            (i32.or
              (i64x2.bitmask (v128.not (f64x2.eq (v128.load (local.get $row)) (v128.const i64x2 0 0))))
              (i32.shl (i64x2.bitmask (v128.not (f64x2.eq (v128.load offset=16 (local.get $row)) (v128.const i64x2 0 0)))) (i32.const 2))))
          (local.set $row (i32.add (local.get $row) (i32.const 32)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $mask (i32.lt_u (local.get $c) (local.get $chunks))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $mneuron)))
    (memory.fill (local.get $G) (i32.const 0) (i32.mul (local.get $N) (local.get $dpb)))
    (block $tiles_done
      (loop $tiles
        (br_if $tiles_done (i32.ge_u (local.get $c0) (local.get $chunks)))
        (local.set $tile (select (i32.sub (local.get $chunks) (local.get $c0)) (i32.const ${RELU_TILE})
          (i32.lt_u (i32.sub (local.get $chunks) (local.get $c0)) (i32.const ${RELU_TILE}))))
        ;; the tile's tables
        (local.set $c (i32.const 0))
        (loop $tchunk
          (local.set $dst (i32.add (local.get $T) (i32.mul (i32.shl (local.get $c) (i32.const 4)) (local.get $dpb))))
          (memory.fill (local.get $dst) (i32.const 0) (local.get $dpb))
          (local.set $sub (i32.const 1))
          (loop $subset
            (local.set $hb (i32.sub (i32.const 31) (i32.clz (local.get $sub))))
            (local.set $src (i32.add (local.get $T) (i32.mul (i32.add (i32.shl (local.get $c) (i32.const 4)) (i32.xor (local.get $sub) (i32.shl (i32.const 1) (local.get $hb)))) (local.get $dpb))))
            (local.set $zr (i32.add (local.get $Z) (i32.mul (i32.add (i32.shl (i32.add (local.get $c0) (local.get $c)) (i32.const 2)) (local.get $hb)) (local.get $dpb))))
            (local.set $dst (i32.add (local.get $T) (i32.mul (i32.add (i32.shl (local.get $c) (i32.const 4)) (local.get $sub)) (local.get $dpb))))
            (local.set $k (i32.const 0))
            (loop $tcol
              (v128.store (i32.add (local.get $dst) (local.get $k))
                (f64x2.add (v128.load (i32.add (local.get $src) (local.get $k))) (v128.load (i32.add (local.get $zr) (local.get $k)))))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $tcol (i32.lt_u (local.get $k) (local.get $dpb))))
            (local.set $sub (i32.add (local.get $sub) (i32.const 1)))
            (br_if $subset (i32.lt_u (local.get $sub) (i32.const 16))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $tchunk (i32.lt_u (local.get $c) (local.get $tile))))
        ;; every neuron's sums through the tile, a block of coordinates at a time
        (local.set $kb (i32.const 0))
        (block $blocks_done
          (loop $blocks
            (br_if $blocks_done (i32.ge_u (local.get $kb) (local.get $dpb)))
            (local.set $i (i32.const 0))
            (local.set $mrow (i32.add (local.get $masks) (local.get $c0)))
            (local.set $grow (i32.add (local.get $G) (local.get $kb)))
            (block $neurons_done
              (loop $neuron
                (br_if $neurons_done (i32.ge_u (local.get $i) (local.get $N)))
                (if (i32.le_u (i32.add (local.get $kb) (i32.const 128)) (local.get $dpb))
                  (then (call $reluSum8 (local.get $T) (local.get $mrow) (local.get $tile) (local.get $grow) (local.get $kb) (local.get $dpb)))
                  (else (call $reluSum4 (local.get $T) (local.get $mrow) (local.get $tile) (local.get $grow) (local.get $kb) (local.get $dpb))))
                (local.set $mrow (i32.add (local.get $mrow) (local.get $chunks)))
                (local.set $grow (i32.add (local.get $grow) (local.get $dpb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $neuron)))
            (local.set $kb (i32.add (local.get $kb) (select (i32.const 128) (i32.const 64) (i32.le_u (i32.add (local.get $kb) (i32.const 128)) (local.get $dpb)))))
            (br $blocks)))
        (local.set $c0 (i32.add (local.get $c0) (i32.const ${RELU_TILE})))
        (br $tiles)))
    ;; G_i = a_i S_i
    (local.set $i (i32.const 0))
    (local.set $grow (local.get $G))
    (block $scaled
      (loop $scale
        (br_if $scaled (i32.ge_u (local.get $i) (local.get $N)))
        (local.set $ai (v128.load64_splat (i32.add (local.get $aOld) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $k (i32.const 0))
        (loop $scol
          (v128.store (i32.add (local.get $grow) (local.get $k)) (f64x2.mul (local.get $ai) (v128.load (i32.add (local.get $grow) (local.get $k)))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $scol (i32.lt_u (local.get $k) (local.get $dpb))))
        (local.set $grow (i32.add (local.get $grow) (local.get $dpb)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scale)))
    (call $weightUpdate (local.get $G) (local.get $W) (local.get $xi) (local.get $N) (local.get $d) (local.get $dp)
      (local.get $precW) (local.get $stepW) (local.get $sW)))

  ;; A linear network (phi(h) = h), whose outputs are f = X v with v = W^T a: its forward pass, v,
  ;; and its fused step. Each reproduces, bit for bit, the simulator's linear loops (readoutDirection,
  ;; forward and linearStep of langevin.ts): every sum in their order, vectorised across outputs.

  ;; f_mu = sum_k x_mu,k v_k (in k order) over Pp inputs (XT d x Pp; eight inputs at a time).
  (func (export "linearForward") (param $XT i32) (param $v i32) (param $f i32) (param $d i32) (param $Pp i32)
    (local $mu i32) (local $k i32) (local $xp i32) (local $pbytes i32) (local $vk v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $pbytes (i32.shl (local.get $Pp) (i32.const 3)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $mu) (local.get $pbytes)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $xp (i32.add (local.get $XT) (local.get $mu)))
        (local.set $k (i32.const 0))
        (block $dot_done
          (loop $dot
            (br_if $dot_done (i32.ge_u (local.get $k) (local.get $d)))
            (local.set $vk (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=0 (local.get $xp)) (local.get $vk))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $xp)) (local.get $vk))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=32 (local.get $xp)) (local.get $vk))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=48 (local.get $xp)) (local.get $vk))))
            (local.set $xp (i32.add (local.get $xp) (local.get $pbytes)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $dot)))
        (v128.store offset=0 (i32.add (local.get $f) (local.get $mu)) (local.get $s0))
        (v128.store offset=16 (i32.add (local.get $f) (local.get $mu)) (local.get $s1))
        (v128.store offset=32 (i32.add (local.get $f) (local.get $mu)) (local.get $s2))
        (v128.store offset=48 (i32.add (local.get $f) (local.get $mu)) (local.get $s3))
        (local.set $mu (i32.add (local.get $mu) (i32.const 64)))
        (br $block))))

  ;; v += c w over d entries (pairs, then an odd last one).
  (func $axpy (param $v i32) (param $w i32) (param $c f64) (param $d i32)
    (local $k i32) (local $end i32) (local $cv v128)
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $end (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (v128.store (i32.add (local.get $v) (local.get $k))
          (f64x2.add (v128.load (i32.add (local.get $v) (local.get $k))) (f64x2.mul (local.get $cv) (v128.load (i32.add (local.get $w) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $d) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $v) (local.get $k))
          (f64.add (f64.load (i32.add (local.get $v) (local.get $k))) (f64.mul (local.get $c) (f64.load (i32.add (local.get $w) (local.get $k)))))))))

  ;; v = sum_i a_i w_i (neurons in order; W N x d).
  (func (export "linearDirection") (param $W i32) (param $a i32) (param $v i32) (param $N i32) (param $d i32)
    (local $i i32)
    (memory.fill (local.get $v) (i32.const 0) (i32.shl (local.get $d) (i32.const 3)))
    (block $done
      (loop $neuron
        (br_if $done (i32.ge_u (local.get $i) (local.get $N)))
        (call $axpy (local.get $v) (i32.add (local.get $W) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3)))
          (f64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))) (local.get $d))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $neuron))))

  ;; w <- (keepW w - c g) + sW xi over d entries of one neuron's row (pairs, then an odd last one).
  (func $linearRow (param $w i32) (param $g i32) (param $xi i32) (param $d i32) (param $keepW f64) (param $c f64) (param $sW f64)
    (local $k i32) (local $end i32) (local $kv v128) (local $cv v128) (local $sv v128)
    (local.set $kv (f64x2.splat (local.get $keepW)))
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $sv (f64x2.splat (local.get $sW)))
    (local.set $end (i32.shl (i32.and (local.get $d) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (v128.store (i32.add (local.get $w) (local.get $k))
          (f64x2.add
            (f64x2.sub (f64x2.mul (local.get $kv) (v128.load (i32.add (local.get $w) (local.get $k))))
              (f64x2.mul (local.get $cv) (v128.load (i32.add (local.get $g) (local.get $k)))))
            (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $xi) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $d) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $w) (local.get $k))
          (f64.add
            (f64.sub (f64.mul (local.get $keepW) (f64.load (i32.add (local.get $w) (local.get $k))))
              (f64.mul (local.get $c) (f64.load (i32.add (local.get $g) (local.get $k)))))
            (f64.mul (local.get $sW) (f64.load (i32.add (local.get $xi) (local.get $k)))))))))

  ;; a_i <- (a_i - stepA (s + precA a_i)) + sA xi_i; returns the new a_i.
  (func $linearReadout (param $a i32) (param $xi i32) (param $i i32) (param $s f64) (param $precA f64) (param $stepA f64) (param $sA f64) (result f64)
    (local $at i32) (local $ai f64) (local $an f64)
    (local.set $at (i32.shl (local.get $i) (i32.const 3)))
    (local.set $ai (f64.load (i32.add (local.get $a) (local.get $at))))
    (local.set $an
      (f64.add (f64.sub (local.get $ai) (f64.mul (local.get $stepA) (f64.add (local.get $s) (f64.mul (local.get $precA) (local.get $ai)))))
        (f64.mul (local.get $sA) (f64.load (i32.add (local.get $xi) (local.get $at))))))
    (f64.store (i32.add (local.get $a) (local.get $at)) (local.get $an))
    (local.get $an))

  ;; One fused step of a linear network, as linearStep: g = X^T r (sums over mu in order; X P x dp,
  ;; g dp), then neuron by neuron s_i = w_i . g (in k order, at the old w_i; two neurons at a time,
  ;; one per lane), the updates of w_i (with c = stepW a_i, a_i the old value) and of a_i, and
  ;; v = sum_i a_i w_i from the new values.
  (func (export "linearStep") (param $X i32) (param $r i32) (param $g i32) (param $W i32) (param $a i32) (param $v i32)
    (param $xiW i32) (param $xiA i32) (param $N i32) (param $d i32) (param $dp i32) (param $P i32)
    (param $keepW f64) (param $stepW f64) (param $sW f64) (param $precA f64) (param $stepA f64) (param $sA f64)
    (local $m i32) (local $k i32) (local $row i32) (local $dpb i32) (local $dbytes i32) (local $rm v128) (local $i i32)
    (local $w0 i32) (local $w1 i32) (local $s v128) (local $a0 f64) (local $a1 f64) (local $n0 f64) (local $n1 f64) (local $sc f64)
    (local.set $dpb (i32.shl (local.get $dp) (i32.const 3)))
    (local.set $dbytes (i32.shl (local.get $d) (i32.const 3)))
    ;; g = X^T r
    (memory.fill (local.get $g) (i32.const 0) (local.get $dpb))
    (block $gdone
      (loop $grow
        (br_if $gdone (i32.ge_u (local.get $m) (local.get $P)))
        (local.set $rm (v128.load64_splat (i32.add (local.get $r) (i32.shl (local.get $m) (i32.const 3)))))
        (local.set $row (i32.add (local.get $X) (i32.mul (local.get $m) (local.get $dpb))))
        (local.set $k (i32.const 0))
        (loop $gcol
          (v128.store (i32.add (local.get $g) (local.get $k))
            (f64x2.add (v128.load (i32.add (local.get $g) (local.get $k))) (f64x2.mul (local.get $rm) (v128.load (i32.add (local.get $row) (local.get $k))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $gcol (i32.lt_u (local.get $k) (local.get $dpb))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $grow)))
    (memory.fill (local.get $v) (i32.const 0) (local.get $dbytes))
    ;; two neurons at a time
    (block $pairs_done
      (loop $pair
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $N)))
        (local.set $w0 (i32.add (local.get $W) (i32.mul (local.get $i) (local.get $dbytes))))
        (local.set $w1 (i32.add (local.get $w0) (local.get $dbytes)))
        (local.set $s (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $dot_done
          (loop $dot
            (br_if $dot_done (i32.ge_u (local.get $k) (local.get $dbytes)))
            (local.set $s (f64x2.add (local.get $s)
              (f64x2.mul (v128.load64_lane 1 (i32.add (local.get $w1) (local.get $k)) (v128.load64_zero (i32.add (local.get $w0) (local.get $k))))
                (v128.load64_splat (i32.add (local.get $g) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br $dot)))
        (local.set $a0 (f64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $a1 (f64.load offset=8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $n0 (call $linearReadout (local.get $a) (local.get $xiA) (local.get $i) (f64x2.extract_lane 0 (local.get $s))
          (local.get $precA) (local.get $stepA) (local.get $sA)))
        (local.set $n1 (call $linearReadout (local.get $a) (local.get $xiA) (i32.add (local.get $i) (i32.const 1)) (f64x2.extract_lane 1 (local.get $s))
          (local.get $precA) (local.get $stepA) (local.get $sA)))
        (call $linearRow (local.get $w0) (local.get $g) (i32.add (local.get $xiW) (i32.sub (local.get $w0) (local.get $W))) (local.get $d)
          (local.get $keepW) (f64.mul (local.get $stepW) (local.get $a0)) (local.get $sW))
        (call $axpy (local.get $v) (local.get $w0) (local.get $n0) (local.get $d))
        (call $linearRow (local.get $w1) (local.get $g) (i32.add (local.get $xiW) (i32.sub (local.get $w1) (local.get $W))) (local.get $d)
          (local.get $keepW) (f64.mul (local.get $stepW) (local.get $a1)) (local.get $sW))
        (call $axpy (local.get $v) (local.get $w1) (local.get $n1) (local.get $d))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pair)))
    ;; an odd last neuron
    (if (i32.lt_u (local.get $i) (local.get $N))
      (then
        (local.set $w0 (i32.add (local.get $W) (i32.mul (local.get $i) (local.get $dbytes))))
        (local.set $sc (f64.const 0))
        (local.set $k (i32.const 0))
        (block $dot1_done
          (loop $dot1
            (br_if $dot1_done (i32.ge_u (local.get $k) (local.get $dbytes)))
            (local.set $sc (f64.add (local.get $sc) (f64.mul (f64.load (i32.add (local.get $w0) (local.get $k))) (f64.load (i32.add (local.get $g) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br $dot1)))
        (local.set $a0 (f64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $n0 (call $linearReadout (local.get $a) (local.get $xiA) (local.get $i) (local.get $sc) (local.get $precA) (local.get $stepA) (local.get $sA)))
        (call $linearRow (local.get $w0) (local.get $g) (i32.add (local.get $xiW) (i32.sub (local.get $w0) (local.get $W))) (local.get $d)
          (local.get $keepW) (f64.mul (local.get $stepW) (local.get $a0)) (local.get $sW))
        (call $axpy (local.get $v) (local.get $w0) (local.get $n0) (local.get $d)))))
)
`;
}
