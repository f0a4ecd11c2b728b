// The template of ode.wat (scripts/build-wasm.mjs writes ../ode.wat from it). The element-wise
// kernels are written once, as bodies that wat.mjs renders on f64x2 pairs and on the odd last
// f64; the offsets come from memory-map.json.
import { elementwise, mapHeader, offsets } from './wat.mjs';

/** DOPRI5's comb kernels: out = y + c1 k1 + ... + cm km, left to right. */
function comb(m) {
  const ks = Array.from({ length: m }, (_, j) => `k${j + 1}`);
  const cs = Array.from({ length: m }, (_, j) => `c${j + 1}`);
  return elementwise({
    name: `comb${m}`,
    params: ['$out i32', '$y i32', ...ks.map((k) => `$${k} i32`), '$n i32', ...cs.map((c) => `$${c} f64`)],
    coefs: cs,
    body: (E) => [E.store('out', E.terms(E.load('y'), cs.map((c, j) => [c, E.load(ks[j])])))],
  });
}

const stage6 = elementwise({
  name: 'stage6',
  doc: [
    'The pass that needs k1..k5 three times: the input of stage 6,',
    '  out  = y + a1 k1 + a2 k2 + a3 k3 + a4 k4 + a5 k5,',
    'and the terms of y_new and of the error estimate that do not need k6 and k7 (b2 = e2 = 0),',
    '  ynew = y + b1 k1 + b3 k3 + b4 k4 + b5 k5,   err = e1 k1 + e3 k3 + e4 k4 + e5 k5.',
  ],
  params: [
    '$out i32', '$ynew i32', '$err i32', '$y i32', '$k1 i32', '$k2 i32', '$k3 i32', '$k4 i32', '$k5 i32', '$n i32',
    ...['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b3', 'b4', 'b5', 'e1', 'e3', 'e4', 'e5'].map((c) => `$${c} f64`),
  ],
  coefs: ['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b3', 'b4', 'b5', 'e1', 'e3', 'e4', 'e5'],
  temps: ['yi', 'k1i', 'k3i', 'k4i', 'k5i'],
  body: (E) => {
    const [y, k1, k3, k4, k5] = ['yi', 'k1i', 'k3i', 'k4i', 'k5i'].map((t) => E.get(t));
    return [
      E.set('yi', E.load('y')),
      E.set('k1i', E.load('k1')),
      E.set('k3i', E.load('k3')),
      E.set('k4i', E.load('k4')),
      E.set('k5i', E.load('k5')),
      E.store('out', E.terms(y, [['a1', k1], ['a2', E.load('k2')], ['a3', k3], ['a4', k4], ['a5', k5]])),
      E.store('ynew', E.terms(y, [['b1', k1], ['b3', k3], ['b4', k4], ['b5', k5]])),
      E.store('err', E.terms(E.mul(E.coef('e1'), k1), [['e3', k3], ['e4', k4], ['e5', k5]])),
    ];
  },
});

const stage7 = elementwise({
  name: 'stage7',
  doc: ['After stage 6: ynew += b6 k6, err += e6 k6 (in place).'],
  params: ['$ynew i32', '$err i32', '$k6 i32', '$n i32', '$b6 f64', '$e6 f64'],
  coefs: ['b6', 'e6'],
  temps: ['k6i'],
  body: (E) => [
    E.set('k6i', E.load('k6')),
    E.store('ynew', E.terms(E.load('ynew'), [['b6', E.get('k6i')]])),
    E.store('err', E.terms(E.load('err'), [['e6', E.get('k6i')]])),
  ],
});

/** The error norm's sum of squares, with one absolute tolerance (a coefficient) or one per component (an array). */
function errorNorm(perComponent) {
  return elementwise({
    name: perComponent ? 'error_norm_atol' : 'error_norm',
    doc: perComponent ? ['One absolute tolerance per component, the f64 array at $atol.'] : ['One absolute tolerance for all components.'],
    params: perComponent
      ? ['$err i32', '$y i32', '$ynew i32', '$k7 i32', '$atol i32', '$n i32', '$e7 f64', '$rtol f64']
      : ['$err i32', '$y i32', '$ynew i32', '$k7 i32', '$n i32', '$e7 f64', '$rtol f64', '$atol f64'],
    coefs: perComponent ? ['e7', 'rtol'] : ['e7', 'rtol', 'atol'],
    temps: ['r'],
    locals: ['$sum f64'],
    result: ['f64', '(local.get $sum)'],
    body: (E) => [
      E.set(
        'r',
        E.div(
          E.terms(E.load('err'), [['e7', E.load('k7')]]),
          E.terms(perComponent ? E.load('atol') : E.coef('atol'), [['rtol', E.maxAbs(E.load('y'), E.load('ynew'))]]),
        ),
      ),
      ...E.addSquare('sum', 'r'),
    ],
  });
}

const steinMap = elementwise({
  name: 'stein_map',
  doc: [
    'The per-mode map of the Stein-form GLM ODE (core/models/sgd-glm/stein-modes.ts,',
    'steinMapJs), with the coefficients p = -g exx, q = -g s, r = -2 g exx, u = -2 g s and the',
    'forcing f = g^2 I formed by the caller: for j < m,',
    '  dE_j = lambda_j (p E_j + q V22_j),   dD_j = lambda_j ((r D_j + u E_j) + f).',
  ],
  params: ['$lambda i32', '$v22 i32', '$e i32', '$d i32', '$de i32', '$dd i32', '$m i32', '$p f64', '$q f64', '$r f64', '$u f64', '$f f64'],
  count: 'm',
  coefs: ['p', 'q', 'r', 'u', 'f'],
  temps: ['l', 'ei'],
  body: (E) => [
    E.set('l', E.load('lambda')),
    E.set('ei', E.load('e')),
    E.store('de', E.mul(E.get('l'), E.terms(E.mul(E.coef('p'), E.get('ei')), [['q', E.load('v22')]]))),
    E.store('dd', E.mul(E.get('l'), E.add(E.terms(E.mul(E.coef('r'), E.load('d')), [['u', E.get('ei')]]), E.coef('f')))),
  ],
});

const steinMapS0 = elementwise({
  name: 'stein_map_s0',
  doc: [
    'The same map when s = e_xx + e_x* = 0 (least squares), where the V22 and cross terms vanish:',
    '  dE_j = lambda_j (p E_j),   dD_j = lambda_j (r D_j + f)   (steinMapS0Js).',
  ],
  params: ['$lambda i32', '$e i32', '$d i32', '$de i32', '$dd i32', '$m i32', '$p f64', '$r f64', '$f f64'],
  count: 'm',
  coefs: ['p', 'r', 'f'],
  temps: ['l'],
  body: (E) => [
    E.set('l', E.load('lambda')),
    E.store('de', E.mul(E.get('l'), E.mul(E.coef('p'), E.load('e')))),
    E.store('dd', E.mul(E.get('l'), E.add(E.mul(E.coef('r'), E.load('d')), E.coef('f')))),
  ],
});

/** ode.wat for the memory map `map` (memory-map.json's "ode"). */
export default function odeWat(map) {
  const at = offsets(map);
  return `;; Vector kernels of the ODE solver, in WebAssembly (assembled by scripts/build-wasm.mjs into
;; ode-binary.ts; see ode.ts for the JavaScript side and ../ode/workspace.ts for the memory they
;; work on). Generated by scripts/build-wasm.mjs from template/ode.wat.mjs and memory-map.json;
;; do not edit.
;;
;; Every kernel reproduces, bit for bit, the JavaScript reference it stands in for:
;;   - the stage inputs, y_new, the error estimate and its norm of the fused DOPRI5 step
;;     (../ode/dopri5-step.ts; Dormand & Prince 1980, Hairer–Nørsett–Wanner I, Table II.5.2):
;;     each component is summed term by term in the same order with the same coefficients, and
;;     the squares of the error norm are added one component after the other;
;;   - the continuous extension of ../ode/dense-output.ts, y_old plus its nonzero terms in order,
;;     up to four per pass of the comb kernels;
;;   - the inner products and the per-mode maps of a right-hand side, whose JavaScript references
;;     live with their callers (dotQuad in ../ode/workspace.ts, steinMapJs and steinMapS0Js in
;;     core/models/sgd-glm/stein-modes.ts). An inner product keeps four accumulators s0..s3, one
;;     for each class of j mod 4 over the whole quadruples; a remaining pair goes to s0 and s1, an
;;     odd last term to s0, and the result is (s0 + s2) + (s1 + s3).
;; WebAssembly has no fused multiply-add, so a * b + c rounds twice, as in JavaScript.
;;
;; All arrays are f64 at byte offsets, n counts components. Each element-wise kernel walks one byte
;; index $i over all its arrays, two neighbouring components (one f64x2) at a time; an odd last
;; component is then done alone with the same expression (the template writes it once).
(module
  (memory (export "memory") 1)

${mapHeader(map)}

  ;; Bytes covered by the whole pairs of n components.
  (func $pair_bytes (param $n i32) (result i32)
    (i32.shl (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 4)))

  ;; ---------------------------------------------------------------------------------------
  ;; out = y + c1 k1 + ... + cm km, left to right: the inputs of DOPRI5's stages 2 to 5 and the
  ;; terms of its dense output (out may be y).

${[1, 2, 3, 4].map(comb).join('\n\n')}

  ;; ---------------------------------------------------------------------------------------
${stage6}

${stage7}

  ;; ---------------------------------------------------------------------------------------
  ;; The error norm's sum of squares (the caller takes sqrt(sum / n)): with the FSAL term added,
  ;;   r_i = (err_i + e7 k7_i) / (atol_i + rtol max(|y_i|, |ynew_i|)),   sum = r_0^2 + r_1^2 + ...,
  ;; added strictly in the order of i (lane 0, then lane 1 of each pair).
  ;;
  ;; On pairs the maximum is f64x2.pmax(|ynew|, |y|) = |ynew| < |y| ? |y| : |ynew|, a single machine
  ;; instruction where f64x2.max costs a long sequence for its NaN and signed-zero rules. Here it
  ;; equals Math.max(|y|, |ynew|) but for the payload of a NaN: both operands are absolute values
  ;; (no -0), and ynew_i = y_i + ... is NaN whenever y_i is, so the result is NaN exactly when
  ;; either operand is (pmax returns its first operand when the comparison is unordered).

${errorNorm(false)}

${errorNorm(true)}

  ;; ---------------------------------------------------------------------------------------
  ;; Inner products for right-hand sides, on four accumulators (see the header): A holds the
  ;; classes j = 0, 1 (mod 4) and B the classes j = 2, 3, so each loop carries two independent
  ;; chains of additions instead of one.

  ;; <a, b> over n components.
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $sa v128) (local $sb v128) (local $even f64)
    (local.set $end (i32.shl (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 5)))
    (if (local.get $end)
      (then
        (loop $quad
          (local.set $sa
            (f64x2.add (local.get $sa)
              (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i))))))
          (local.set $sb
            (f64x2.add (local.get $sb)
              (f64x2.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $i)))
                         (v128.load offset=16 (i32.add (local.get $b) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 32)))
          (br_if $quad (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $sa
          (f64x2.add (local.get $sa)
            (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))))
    (local.set $even (f64x2.extract_lane 0 (local.get $sa)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $even
          (f64.add (local.get $even)
            (f64.mul (f64.load (i32.add (local.get $a) (local.get $i))) (f64.load (i32.add (local.get $b) (local.get $i))))))))
    (local.set $sa (f64x2.replace_lane 0 (local.get $sa) (local.get $even)))
    (local.set $sa (f64x2.add (local.get $sa) (local.get $sb)))
    (f64.add (f64x2.extract_lane 0 (local.get $sa)) (f64x2.extract_lane 1 (local.get $sa))))

  ;; <w, x> and <w, z> over n components, in one pass over w, into RESULTS[0] and RESULTS[1].
  (func (export "dot2") (param $w i32) (param $x i32) (param $z i32) (param $n i32)
    (local $i i32) (local $end i32) (local $wv v128)
    (local $xa v128) (local $xb v128) (local $za v128) (local $zb v128) (local $ws f64)
    (local.set $end (i32.shl (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 5)))
    (if (local.get $end)
      (then
        (loop $quad
          (local.set $wv (v128.load (i32.add (local.get $w) (local.get $i))))
          (local.set $xa (f64x2.add (local.get $xa) (f64x2.mul (local.get $wv) (v128.load (i32.add (local.get $x) (local.get $i))))))
          (local.set $za (f64x2.add (local.get $za) (f64x2.mul (local.get $wv) (v128.load (i32.add (local.get $z) (local.get $i))))))
          (local.set $wv (v128.load offset=16 (i32.add (local.get $w) (local.get $i))))
          (local.set $xb (f64x2.add (local.get $xb) (f64x2.mul (local.get $wv) (v128.load offset=16 (i32.add (local.get $x) (local.get $i))))))
          (local.set $zb (f64x2.add (local.get $zb) (f64x2.mul (local.get $wv) (v128.load offset=16 (i32.add (local.get $z) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 32)))
          (br_if $quad (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $wv (v128.load (i32.add (local.get $w) (local.get $i))))
        (local.set $xa (f64x2.add (local.get $xa) (f64x2.mul (local.get $wv) (v128.load (i32.add (local.get $x) (local.get $i))))))
        (local.set $za (f64x2.add (local.get $za) (f64x2.mul (local.get $wv) (v128.load (i32.add (local.get $z) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $ws (f64.load (i32.add (local.get $w) (local.get $i))))
        (local.set $xa
          (f64x2.replace_lane 0 (local.get $xa)
            (f64.add (f64x2.extract_lane 0 (local.get $xa)) (f64.mul (local.get $ws) (f64.load (i32.add (local.get $x) (local.get $i)))))))
        (local.set $za
          (f64x2.replace_lane 0 (local.get $za)
            (f64.add (f64x2.extract_lane 0 (local.get $za)) (f64.mul (local.get $ws) (f64.load (i32.add (local.get $z) (local.get $i)))))))))
    (local.set $xa (f64x2.add (local.get $xa) (local.get $xb)))
    (local.set $za (f64x2.add (local.get $za) (local.get $zb)))
    (f64.store (i32.const ${at.results}) (f64.add (f64x2.extract_lane 0 (local.get $xa)) (f64x2.extract_lane 1 (local.get $xa))))
    (f64.store (i32.const ${at.results + 8}) (f64.add (f64x2.extract_lane 0 (local.get $za)) (f64x2.extract_lane 1 (local.get $za)))))

  ;; ---------------------------------------------------------------------------------------
${steinMap}

${steinMapS0}
)
`;
}
