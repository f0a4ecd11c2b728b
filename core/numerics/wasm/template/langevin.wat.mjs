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

/** Pairs per call of $erfdM in the forward pass (4: faster than 1 or 2 at d = 64, P = N = 256). */
const ERFD = 4;

/** Activations: the codes of `act` (LANGEVIN_ACT in ../langevin.ts). */
const ACT = { linear: 0, erf: 1, relu: 2, square: 3 };

/**
 * $erfdM: erf(h) and (2/sqrt(pi)) e^{-h^2} of M pairs (h0, h1, ..., stored at $phi, $dphi + 0, 16,
 * 32, ...), erfExp of core/models/kit/simulators/langevin-activations.ts on each lane with no
 * branch: every range's numerator and denominator computed on all lanes (a range no lane of the
 * M pairs is in skipped), the lane's own selected before the one division; e^{-h^2} from h^2 =
 * hi + lo split exactly, 2^k as two factors. The M pairs' operations are interleaved, step by
 * step, so that their dependency chains (the Horner sums) overlap.
 */
function erfdM(M) {
  const ns = [...Array(M).keys()];
  const L = (name, n) => `(local.get $${name}${n})`;
  const all = (fn) => ns.map(fn).join('\n');
  const set = (name, fn) => all((n) => `    (local.set $${name}${n} ${fn(n)})`);
  /** Interleaved Horner: $name_n = c0 + t_n (c1 + t_n (...)), step by step over the M pairs. */
  const horner = (name, t, cs) =>
    [set(name, () => v(cs[cs.length - 1])), ...cs.slice(0, -1).reverse().map((c) => set(name, (n) => `(f64x2.add ${v(c)} (f64x2.mul ${t(n)} ${L(name, n)}))`))].join('\n');
  const any = (name) => `(v128.any_true ${ns.slice(1).reduce((acc, n) => `(v128.or ${acc} ${L(name, n)})`, L(name, 0))})`;
  const names = ['x', 'ax', 'xc', 'cs', 'xh', 'xl', 'hi', 'lo', 'k', 'r', 'k1', 'k2', 'e', 'm0', 'm1', 'mt', 'num', 'den', 'p', 's', 'ia', 'near', 'q', 'res', 'far'];
  return `
  (func $erfd${M} ${ns.map((n) => `(param $x${n} v128)`).join(' ')} (param $phi i32) (param $dphi i32)
    ${names.slice(1).map((nm) => ns.map((n) => `(local $${nm}${n} v128)`).join(' ')).join('\n    ')}
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
${set('m0', (n) => `(f64x2.lt ${L('ax', n)} ${v(0.84375)})`)}
${set('mt', (n) => `(v128.not (f64x2.lt ${L('ax', n)} ${v(1.25)}))`)}
${set('m1', (n) => `(v128.not (v128.or ${L('m0', n)} ${L('mt', n)}))`)}
${horner('num', (n) => L('hi', n), PP)}
${horner('den', (n) => L('hi', n), QQ)}
    (if ${any('m1')}
      (then
${set('s', (n) => `(f64x2.sub ${L('ax', n)} ${v(1)})`)}
${horner('p', (n) => L('s', n), PA)}
${set('num', (n) => `(v128.bitselect ${L('p', n)} ${L('num', n)} ${L('m1', n)})`)}
${horner('p', (n) => L('s', n), QA)}
${set('den', (n) => `(v128.bitselect ${L('p', n)} ${L('den', n)} ${L('m1', n)})`)}))
    (if ${any('mt')}
      (then
${set('ia', (n) => `(f64x2.div ${v(1)} ${L('ax', n)})`)}
${set('s', (n) => `(f64x2.mul ${L('ia', n)} ${L('ia', n)})`)}
${set('near', (n) => `(v128.and ${L('mt', n)} (f64x2.lt ${L('ax', n)} ${v(2.857142857142857)}))`)}
${set('far', (n) => `(v128.andnot ${L('mt', n)} ${L('near', n)})`)}
        (if ${any('near')}
          (then
${horner('p', (n) => L('s', n), RA)}
${set('num', (n) => `(v128.bitselect ${L('p', n)} ${L('num', n)} ${L('near', n)})`)}
${horner('p', (n) => L('s', n), SA)}
${set('den', (n) => `(v128.bitselect ${L('p', n)} ${L('den', n)} ${L('near', n)})`)}))
        (if ${any('far')}
          (then
${horner('p', (n) => L('s', n), RB)}
${set('num', (n) => `(v128.bitselect ${L('p', n)} ${L('num', n)} ${L('far', n)})`)}
${horner('p', (n) => L('s', n), SB)}
${set('den', (n) => `(v128.bitselect ${L('p', n)} ${L('den', n)} ${L('far', n)})`)}))))
${set('q', (n) => `(f64x2.div ${L('num', n)} ${L('den', n)})`)}
${set('res', (n) => `(v128.bitselect (f64x2.add ${L('ax', n)} (f64x2.mul ${L('ax', n)} ${L('q', n)})) (f64x2.add ${v(8.45062911510467529297e-1)} ${L('q', n)}) ${L('m0', n)})`)}
    (if ${any('mt')}
      (then
${set('s', (n) => `(f64x2.add ${L('q', n)} ${v(Math.LN2 - 0.5625)})`)}
${horner('p', (n) => L('s', n), EXP_TAYLOR.slice(0, 11))}
${set('res', (n) => `(v128.bitselect (f64x2.sub ${v(1)} (f64x2.mul (f64x2.mul (f64x2.mul ${v(0.5)} ${L('e', n)}) ${L('p', n)}) ${L('ia', n)})) ${L('res', n)} ${L('mt', n)})`)}))
${all((n) => `    (v128.store offset=${16 * n} (local.get $phi) (v128.or ${L('res', n)} (v128.and ${L('x', n)} (v128.const i64x2 0x8000000000000000 0x8000000000000000))))`)})`;
}

/**
 * $fwdR: the pre-activations h = w_i . x_mu of R neurons (i, i + 1, ...) over all inputs, blocks
 * of 8 inputs (four f64x2 per neuron; R = 2 holds 8 accumulators), each sum over k in order
 * (as matmulRowsT); then phi(h) and phi'(h) stored, and f += a_i phi (neurons in order).
 */
function forwardRows(R) {
  const rs = [...Array(R).keys()];
  const js = [0, 1, 2, 3];
  const acc = (r, j) => `$h${r}${j}`;
  return `
  (func $fwd${R} (param $W i32) (param $XT i32) (param $a i32) (param $phi i32) (param $dphi i32) (param $f i32)
    (param $i i32) (param $d i32) (param $Pp i32) (param $act i32)
    (local $mu i32) (local $xp i32) (local $wk i32) (local $dbytes i32) (local $pbytes i32) (local $m i32) (local $h f64)
    (local $fv v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
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
      js
        .filter((j) => j % ERFD === 0)
        .map(
          (j) => `          (call $erfd${ERFD} ${js.slice(j, j + ERFD).map((jj) => `(local.get ${acc(r, jj)})`).join(' ')}
            (i32.add (local.get $phi) (i32.add (local.get $prow${r}) (i32.add (local.get $mu) (i32.const ${16 * j}))))
            (i32.add (local.get $dphi) (i32.add (local.get $prow${r}) (i32.add (local.get $mu) (i32.const ${16 * j})))))`,
        )
        .join('\n'),
  )
  .join('\n')})
        (else
${rs
  .map((r) =>
    js
      .map(
        (j) => `          (call $activate (local.get ${acc(r, j)}) (i32.add (local.get $phi) (i32.add (local.get $prow${r}) (i32.add (local.get $mu) (i32.const ${16 * j}))))
            (i32.add (local.get $dphi) (i32.add (local.get $prow${r}) (i32.add (local.get $mu) (i32.const ${16 * j})))) (local.get $act))`,
      )
      .join('\n'),
  )
  .join('\n')}))
${js
  .map(
    (j) => `      (local.set $fv (v128.load offset=${16 * j} (i32.add (local.get $f) (local.get $mu))))
${rs.map((r) => `      (local.set $fv (f64x2.add (local.get $fv) (f64x2.mul (local.get $a${r}) (v128.load offset=${16 * j} (i32.add (local.get $phi) (i32.add (local.get $prow${r}) (local.get $mu)))))))`).join('\n')}
      (v128.store offset=${16 * j} (i32.add (local.get $f) (local.get $mu)) (local.get $fv))`,
  )
  .join('\n')}
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
  ;; activateAll (erf is $erfdM's): linear h, 1; relu (h > 0 ? h : 0),
  ;; (h > 0 ? 1 : 0); square h h, 2 h.
  (func $activate (param $h v128) (param $phi i32) (param $dphi i32) (param $act i32)
    (local $m v128) (local $x f64)
    (if (i32.eq (local.get $act) (i32.const ${ACT.relu}))
      (then
        (local.set $m (f64x2.gt (local.get $h) (v128.const i64x2 0 0)))
        (v128.store (local.get $phi) (v128.and (local.get $h) (local.get $m)))
        (v128.store (local.get $dphi) (v128.and (local.get $m) (f64x2.splat (f64.const 1))))
        (return)))
    (if (i32.eq (local.get $act) (i32.const ${ACT.square}))
      (then
        (v128.store (local.get $phi) (f64x2.mul (local.get $h) (local.get $h)))
        (v128.store (local.get $dphi) (f64x2.mul (f64x2.splat (f64.const 2)) (local.get $h)))
        (return)))
    (v128.store (local.get $phi) (local.get $h))
    (v128.store (local.get $dphi) (f64x2.splat (f64.const 1))))
${erfdM(ERFD)}
${forwardRows(2)}
${forwardRows(1)}

  ;; The forward pass over Pp inputs (a multiple of 8; the inputs XT d x Pp, column mu the input
  ;; x_mu): phi and phi' (N x Pp, row i the neuron) and f = sum_i a_i phi_i (neurons in order).
  (func (export "forward") (param $W i32) (param $XT i32) (param $a i32) (param $phi i32) (param $dphi i32) (param $f i32)
    (param $N i32) (param $d i32) (param $Pp i32) (param $act i32)
    (local $i i32) (local $m i32)
    (loop $zero
      (v128.store (i32.add (local.get $f) (local.get $m)) (v128.const i64x2 0 0))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $m) (i32.shl (local.get $Pp) (i32.const 3)))))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $N)))
        (call $fwd2 (local.get $W) (local.get $XT) (local.get $a) (local.get $phi) (local.get $dphi) (local.get $f)
          (local.get $i) (local.get $d) (local.get $Pp) (local.get $act))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $N))
      (then
        (call $fwd1 (local.get $W) (local.get $XT) (local.get $a) (local.get $phi) (local.get $dphi) (local.get $f)
          (local.get $i) (local.get $d) (local.get $Pp) (local.get $act)))))

  ;; The readout's gradient and update and the back-propagated residuals, neuron by neuron (rows of
  ;; phi, phi' and delta have stride Pp, the first P entries used), with r the scaled residuals:
  ;;   s = sum_mu r_mu phi_i,mu (in order), delta_i,mu = r_mu a_i phi'_i,mu,
  ;;   g = s + precA a_i,  a_i <- a_i + (-stepA g + sA xi_i).
  (func (export "readout") (param $phi i32) (param $dphi i32) (param $r i32) (param $a i32) (param $delta i32) (param $xi i32)
    (param $N i32) (param $P i32) (param $Pp i32) (param $precA f64) (param $stepA f64) (param $sA f64)
    (local $i i32) (local $m i32) (local $row i32) (local $pend i32) (local $ai f64) (local $rm f64) (local $s f64) (local $g f64)
    (local.set $pend (i32.shl (local.get $P) (i32.const 3)))
    (block $done
      (loop $neuron
        (br_if $done (i32.ge_s (local.get $i) (local.get $N)))
        (local.set $ai (f64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $row (i32.shl (i32.mul (local.get $i) (local.get $Pp)) (i32.const 3)))
        (local.set $s (f64.const 0))
        (local.set $m (i32.const 0))
        (if (local.get $pend)
          (then
            (loop $input
              (local.set $rm (f64.load (i32.add (local.get $r) (local.get $m))))
              (local.set $s (f64.add (local.get $s) (f64.mul (local.get $rm) (f64.load (i32.add (local.get $phi) (i32.add (local.get $row) (local.get $m)))))))
              (f64.store (i32.add (local.get $delta) (i32.add (local.get $row) (local.get $m)))
                (f64.mul (f64.mul (local.get $rm) (local.get $ai)) (f64.load (i32.add (local.get $dphi) (i32.add (local.get $row) (local.get $m))))))
              (local.set $m (i32.add (local.get $m) (i32.const 8)))
              (br_if $input (i32.lt_u (local.get $m) (local.get $pend))))))
        (local.set $g (f64.add (local.get $s) (f64.mul (local.get $precA) (local.get $ai))))
        (f64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))
          (f64.add (local.get $ai)
            (f64.add (f64.mul (f64.neg (local.get $stepA)) (local.get $g))
              (f64.mul (local.get $sA) (f64.load (i32.add (local.get $xi) (i32.shl (local.get $i) (i32.const 3))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $neuron))))
${weightRows(2)}
${weightRows(1)}

  ;; The input weights' step: G = delta X (N x dp, X the inputs P x dp), then for k < d
  ;;   g = G_ik + precW W_ik,  W_ik <- W_ik + (-stepW g + sW xi_ik)   (W and xi N x d).
  (func (export "weights") (param $delta i32) (param $X i32) (param $G i32) (param $W i32) (param $xi i32)
    (param $N i32) (param $d i32) (param $dp i32) (param $P i32) (param $Pp i32) (param $precW f64) (param $stepW f64) (param $sW f64)
    (local $i i32) (local $k i32) (local $w i32) (local $grow i32) (local $wik f64) (local $g f64)
    (if (i32.eqz (local.get $P)) (then (return)))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $N)))
        (call $wgrad2 (local.get $delta) (local.get $X) (local.get $G) (local.get $i) (local.get $P) (local.get $Pp) (local.get $dp))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $N))
      (then (call $wgrad1 (local.get $delta) (local.get $X) (local.get $G) (local.get $i) (local.get $P) (local.get $Pp) (local.get $dp))))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $N)))
        (local.set $grow (i32.add (local.get $G) (i32.shl (i32.mul (local.get $i) (local.get $dp)) (i32.const 3))))
        (local.set $k (i32.const 0))
        (loop $col
          (local.set $w (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $k)) (i32.const 3)))
          (local.set $wik (f64.load (i32.add (local.get $W) (local.get $w))))
          (local.set $g (f64.add (f64.load (i32.add (local.get $grow) (i32.shl (local.get $k) (i32.const 3))))
            (f64.mul (local.get $precW) (local.get $wik))))
          (f64.store (i32.add (local.get $W) (local.get $w))
            (f64.add (local.get $wik)
              (f64.add (f64.mul (f64.neg (local.get $stepW)) (local.get $g))
                (f64.mul (local.get $sW) (f64.load (i32.add (local.get $xi) (local.get $w)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $col (i32.lt_s (local.get $k) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))
)
`;
}
