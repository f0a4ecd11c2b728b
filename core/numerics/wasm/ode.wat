;; Vector kernels of the ODE solver, in WebAssembly (assembled by scripts/build-wasm.mjs into
;; ode-binary.ts; see ode.ts for the JavaScript side and ../ode/workspace.ts for the memory they
;; work on).
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
;; All arrays are f64 at byte offsets, n counts components. Each loop walks one byte index $i over
;; all its arrays, two neighbouring components (one f64x2) at a time; an odd last component is
;; then done alone with the same expression.
(module
  (memory (export "memory") 1)

  ;; Memory map (bytes); keep in step with ODE_LAYOUT in ode.ts.
  ;;   RESULTS  0   f64[2]  <w, x> and <w, z> of dot2
  ;;   VECTORS  64  the workspace's vectors, each at a multiple of 16 bytes (../ode/workspace.ts)

  ;; Bytes covered by the whole pairs of n components.
  (func $pair_bytes (param $n i32) (result i32)
    (i32.shl (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 4)))

  ;; ---------------------------------------------------------------------------------------
  ;; out = y + c1 k1 + ... + cm km, left to right: the inputs of DOPRI5's stages 2 to 5 and the
  ;; terms of its dense output (out may be y).

  (func (export "comb1") (param $out i32) (param $y i32) (param $k1 i32) (param $n i32) (param $c1 f64)
    (local $i i32) (local $end i32) (local $v1 v128)
    (local.set $v1 (f64x2.splat (local.get $c1)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (v128.store (i32.add (local.get $out) (local.get $i))
            (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
                       (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $k1) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $out) (local.get $i))
          (f64.add (f64.load (i32.add (local.get $y) (local.get $i)))
                   (f64.mul (local.get $c1) (f64.load (i32.add (local.get $k1) (local.get $i)))))))))

  (func (export "comb2") (param $out i32) (param $y i32) (param $k1 i32) (param $k2 i32) (param $n i32)
    (param $c1 f64) (param $c2 f64)
    (local $i i32) (local $end i32) (local $v1 v128) (local $v2 v128)
    (local.set $v1 (f64x2.splat (local.get $c1)))
    (local.set $v2 (f64x2.splat (local.get $c2)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (v128.store (i32.add (local.get $out) (local.get $i))
            (f64x2.add
              (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
                         (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $k1) (local.get $i)))))
              (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $k2) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $out) (local.get $i))
          (f64.add
            (f64.add (f64.load (i32.add (local.get $y) (local.get $i)))
                     (f64.mul (local.get $c1) (f64.load (i32.add (local.get $k1) (local.get $i)))))
            (f64.mul (local.get $c2) (f64.load (i32.add (local.get $k2) (local.get $i)))))))))

  (func (export "comb3") (param $out i32) (param $y i32) (param $k1 i32) (param $k2 i32) (param $k3 i32) (param $n i32)
    (param $c1 f64) (param $c2 f64) (param $c3 f64)
    (local $i i32) (local $end i32) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $v1 (f64x2.splat (local.get $c1)))
    (local.set $v2 (f64x2.splat (local.get $c2)))
    (local.set $v3 (f64x2.splat (local.get $c3)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (v128.store (i32.add (local.get $out) (local.get $i))
            (f64x2.add
              (f64x2.add
                (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
                           (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $k1) (local.get $i)))))
                (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $k2) (local.get $i)))))
              (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $k3) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $out) (local.get $i))
          (f64.add
            (f64.add
              (f64.add (f64.load (i32.add (local.get $y) (local.get $i)))
                       (f64.mul (local.get $c1) (f64.load (i32.add (local.get $k1) (local.get $i)))))
              (f64.mul (local.get $c2) (f64.load (i32.add (local.get $k2) (local.get $i)))))
            (f64.mul (local.get $c3) (f64.load (i32.add (local.get $k3) (local.get $i)))))))))

  (func (export "comb4") (param $out i32) (param $y i32) (param $k1 i32) (param $k2 i32) (param $k3 i32) (param $k4 i32)
    (param $n i32) (param $c1 f64) (param $c2 f64) (param $c3 f64) (param $c4 f64)
    (local $i i32) (local $end i32) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128)
    (local.set $v1 (f64x2.splat (local.get $c1)))
    (local.set $v2 (f64x2.splat (local.get $c2)))
    (local.set $v3 (f64x2.splat (local.get $c3)))
    (local.set $v4 (f64x2.splat (local.get $c4)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (v128.store (i32.add (local.get $out) (local.get $i))
            (f64x2.add
              (f64x2.add
                (f64x2.add
                  (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
                             (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $k1) (local.get $i)))))
                  (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $k2) (local.get $i)))))
                (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $k3) (local.get $i)))))
              (f64x2.mul (local.get $v4) (v128.load (i32.add (local.get $k4) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $out) (local.get $i))
          (f64.add
            (f64.add
              (f64.add
                (f64.add (f64.load (i32.add (local.get $y) (local.get $i)))
                         (f64.mul (local.get $c1) (f64.load (i32.add (local.get $k1) (local.get $i)))))
                (f64.mul (local.get $c2) (f64.load (i32.add (local.get $k2) (local.get $i)))))
              (f64.mul (local.get $c3) (f64.load (i32.add (local.get $k3) (local.get $i)))))
            (f64.mul (local.get $c4) (f64.load (i32.add (local.get $k4) (local.get $i)))))))))

  ;; ---------------------------------------------------------------------------------------
  ;; The pass that needs k1..k5 three times: the input of stage 6,
  ;;   out  = y + a1 k1 + a2 k2 + a3 k3 + a4 k4 + a5 k5,
  ;; and the terms of y_new and of the error estimate that do not need k6 and k7 (b2 = e2 = 0),
  ;;   ynew = y + b1 k1 + b3 k3 + b4 k4 + b5 k5,   err = e1 k1 + e3 k3 + e4 k4 + e5 k5.
  (func (export "stage6")
    (param $out i32) (param $ynew i32) (param $err i32) (param $y i32)
    (param $k1 i32) (param $k2 i32) (param $k3 i32) (param $k4 i32) (param $k5 i32) (param $n i32)
    (param $a1 f64) (param $a2 f64) (param $a3 f64) (param $a4 f64) (param $a5 f64)
    (param $b1 f64) (param $b3 f64) (param $b4 f64) (param $b5 f64)
    (param $e1 f64) (param $e3 f64) (param $e4 f64) (param $e5 f64)
    (local $i i32) (local $end i32)
    (local $va1 v128) (local $va2 v128) (local $va3 v128) (local $va4 v128) (local $va5 v128)
    (local $vb1 v128) (local $vb3 v128) (local $vb4 v128) (local $vb5 v128)
    (local $ve1 v128) (local $ve3 v128) (local $ve4 v128) (local $ve5 v128)
    (local $yi v128) (local $d1 v128) (local $d3 v128) (local $d4 v128) (local $d5 v128)
    (local $si f64) (local $s1 f64) (local $s3 f64) (local $s4 f64) (local $s5 f64)
    (local.set $va1 (f64x2.splat (local.get $a1)))
    (local.set $va2 (f64x2.splat (local.get $a2)))
    (local.set $va3 (f64x2.splat (local.get $a3)))
    (local.set $va4 (f64x2.splat (local.get $a4)))
    (local.set $va5 (f64x2.splat (local.get $a5)))
    (local.set $vb1 (f64x2.splat (local.get $b1)))
    (local.set $vb3 (f64x2.splat (local.get $b3)))
    (local.set $vb4 (f64x2.splat (local.get $b4)))
    (local.set $vb5 (f64x2.splat (local.get $b5)))
    (local.set $ve1 (f64x2.splat (local.get $e1)))
    (local.set $ve3 (f64x2.splat (local.get $e3)))
    (local.set $ve4 (f64x2.splat (local.get $e4)))
    (local.set $ve5 (f64x2.splat (local.get $e5)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (local.set $yi (v128.load (i32.add (local.get $y) (local.get $i))))
          (local.set $d1 (v128.load (i32.add (local.get $k1) (local.get $i))))
          (local.set $d3 (v128.load (i32.add (local.get $k3) (local.get $i))))
          (local.set $d4 (v128.load (i32.add (local.get $k4) (local.get $i))))
          (local.set $d5 (v128.load (i32.add (local.get $k5) (local.get $i))))
          (v128.store (i32.add (local.get $out) (local.get $i))
            (f64x2.add
              (f64x2.add
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (local.get $yi) (f64x2.mul (local.get $va1) (local.get $d1)))
                    (f64x2.mul (local.get $va2) (v128.load (i32.add (local.get $k2) (local.get $i)))))
                  (f64x2.mul (local.get $va3) (local.get $d3)))
                (f64x2.mul (local.get $va4) (local.get $d4)))
              (f64x2.mul (local.get $va5) (local.get $d5))))
          (v128.store (i32.add (local.get $ynew) (local.get $i))
            (f64x2.add
              (f64x2.add
                (f64x2.add
                  (f64x2.add (local.get $yi) (f64x2.mul (local.get $vb1) (local.get $d1)))
                  (f64x2.mul (local.get $vb3) (local.get $d3)))
                (f64x2.mul (local.get $vb4) (local.get $d4)))
              (f64x2.mul (local.get $vb5) (local.get $d5))))
          (v128.store (i32.add (local.get $err) (local.get $i))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $ve1) (local.get $d1)) (f64x2.mul (local.get $ve3) (local.get $d3)))
                (f64x2.mul (local.get $ve4) (local.get $d4)))
              (f64x2.mul (local.get $ve5) (local.get $d5))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $si (f64.load (i32.add (local.get $y) (local.get $i))))
        (local.set $s1 (f64.load (i32.add (local.get $k1) (local.get $i))))
        (local.set $s3 (f64.load (i32.add (local.get $k3) (local.get $i))))
        (local.set $s4 (f64.load (i32.add (local.get $k4) (local.get $i))))
        (local.set $s5 (f64.load (i32.add (local.get $k5) (local.get $i))))
        (f64.store (i32.add (local.get $out) (local.get $i))
          (f64.add
            (f64.add
              (f64.add
                (f64.add
                  (f64.add (local.get $si) (f64.mul (local.get $a1) (local.get $s1)))
                  (f64.mul (local.get $a2) (f64.load (i32.add (local.get $k2) (local.get $i)))))
                (f64.mul (local.get $a3) (local.get $s3)))
              (f64.mul (local.get $a4) (local.get $s4)))
            (f64.mul (local.get $a5) (local.get $s5))))
        (f64.store (i32.add (local.get $ynew) (local.get $i))
          (f64.add
            (f64.add
              (f64.add
                (f64.add (local.get $si) (f64.mul (local.get $b1) (local.get $s1)))
                (f64.mul (local.get $b3) (local.get $s3)))
              (f64.mul (local.get $b4) (local.get $s4)))
            (f64.mul (local.get $b5) (local.get $s5))))
        (f64.store (i32.add (local.get $err) (local.get $i))
          (f64.add
            (f64.add
              (f64.add (f64.mul (local.get $e1) (local.get $s1)) (f64.mul (local.get $e3) (local.get $s3)))
              (f64.mul (local.get $e4) (local.get $s4)))
            (f64.mul (local.get $e5) (local.get $s5)))))))

  ;; After stage 6: ynew += b6 k6, err += e6 k6 (in place).
  (func (export "stage7") (param $ynew i32) (param $err i32) (param $k6 i32) (param $n i32) (param $b6 f64) (param $e6 f64)
    (local $i i32) (local $end i32) (local $vb6 v128) (local $ve6 v128) (local $d6 v128) (local $s6 f64)
    (local.set $vb6 (f64x2.splat (local.get $b6)))
    (local.set $ve6 (f64x2.splat (local.get $e6)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (local.set $d6 (v128.load (i32.add (local.get $k6) (local.get $i))))
          (v128.store (i32.add (local.get $ynew) (local.get $i))
            (f64x2.add (v128.load (i32.add (local.get $ynew) (local.get $i))) (f64x2.mul (local.get $vb6) (local.get $d6))))
          (v128.store (i32.add (local.get $err) (local.get $i))
            (f64x2.add (v128.load (i32.add (local.get $err) (local.get $i))) (f64x2.mul (local.get $ve6) (local.get $d6))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $s6 (f64.load (i32.add (local.get $k6) (local.get $i))))
        (f64.store (i32.add (local.get $ynew) (local.get $i))
          (f64.add (f64.load (i32.add (local.get $ynew) (local.get $i))) (f64.mul (local.get $b6) (local.get $s6))))
        (f64.store (i32.add (local.get $err) (local.get $i))
          (f64.add (f64.load (i32.add (local.get $err) (local.get $i))) (f64.mul (local.get $e6) (local.get $s6)))))))

  ;; ---------------------------------------------------------------------------------------
  ;; The error norm's sum of squares (the caller takes sqrt(sum / n)): with the FSAL term added,
  ;;   r_i = (err_i + e7 k7_i) / (atol_i + rtol max(|y_i|, |ynew_i|)),   sum = r_0^2 + r_1^2 + ...,
  ;; added strictly in the order of i (lane 0, then lane 1 of each pair).
  ;;
  ;; The maximum is f64x2.pmax(|ynew|, |y|) = |ynew| < |y| ? |y| : |ynew|, a single machine
  ;; instruction where f64x2.max costs a long sequence for its NaN and signed-zero rules. Here it
  ;; equals Math.max(|y|, |ynew|) but for the payload of a NaN: both operands are absolute values
  ;; (no -0), and ynew_i = y_i + ... is NaN whenever y_i is, so the result is NaN exactly when
  ;; either operand is (pmax returns its first operand when the comparison is unordered).

  ;; One absolute tolerance for all components.
  (func (export "error_norm")
    (param $err i32) (param $y i32) (param $ynew i32) (param $k7 i32) (param $n i32)
    (param $e7 f64) (param $rtol f64) (param $atol f64) (result f64)
    (local $i i32) (local $end i32) (local $ve7 v128) (local $vrtol v128) (local $vatol v128) (local $r v128)
    (local $x f64) (local $sum f64)
    (local.set $ve7 (f64x2.splat (local.get $e7)))
    (local.set $vrtol (f64x2.splat (local.get $rtol)))
    (local.set $vatol (f64x2.splat (local.get $atol)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (local.set $r
            (f64x2.div
              (f64x2.add (v128.load (i32.add (local.get $err) (local.get $i)))
                         (f64x2.mul (local.get $ve7) (v128.load (i32.add (local.get $k7) (local.get $i)))))
              (f64x2.add (local.get $vatol)
                (f64x2.mul (local.get $vrtol)
                  (f64x2.pmax (f64x2.abs (v128.load (i32.add (local.get $ynew) (local.get $i))))
                              (f64x2.abs (v128.load (i32.add (local.get $y) (local.get $i)))))))))
          (local.set $r (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $sum
            (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $r))) (f64x2.extract_lane 1 (local.get $r))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x
          (f64.div
            (f64.add (f64.load (i32.add (local.get $err) (local.get $i)))
                     (f64.mul (local.get $e7) (f64.load (i32.add (local.get $k7) (local.get $i)))))
            (f64.add (local.get $atol)
              (f64.mul (local.get $rtol)
                (f64.max (f64.abs (f64.load (i32.add (local.get $y) (local.get $i))))
                         (f64.abs (f64.load (i32.add (local.get $ynew) (local.get $i)))))))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))))
    (local.get $sum))

  ;; One absolute tolerance per component, the f64 array at $atol.
  (func (export "error_norm_atol")
    (param $err i32) (param $y i32) (param $ynew i32) (param $k7 i32) (param $atol i32) (param $n i32)
    (param $e7 f64) (param $rtol f64) (result f64)
    (local $i i32) (local $end i32) (local $ve7 v128) (local $vrtol v128) (local $r v128) (local $x f64) (local $sum f64)
    (local.set $ve7 (f64x2.splat (local.get $e7)))
    (local.set $vrtol (f64x2.splat (local.get $rtol)))
    (local.set $end (call $pair_bytes (local.get $n)))
    (if (local.get $end)
      (then
        (loop $pair
          (local.set $r
            (f64x2.div
              (f64x2.add (v128.load (i32.add (local.get $err) (local.get $i)))
                         (f64x2.mul (local.get $ve7) (v128.load (i32.add (local.get $k7) (local.get $i)))))
              (f64x2.add (v128.load (i32.add (local.get $atol) (local.get $i)))
                (f64x2.mul (local.get $vrtol)
                  (f64x2.pmax (f64x2.abs (v128.load (i32.add (local.get $ynew) (local.get $i))))
                              (f64x2.abs (v128.load (i32.add (local.get $y) (local.get $i)))))))))
          (local.set $r (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $sum
            (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $r))) (f64x2.extract_lane 1 (local.get $r))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x
          (f64.div
            (f64.add (f64.load (i32.add (local.get $err) (local.get $i)))
                     (f64.mul (local.get $e7) (f64.load (i32.add (local.get $k7) (local.get $i)))))
            (f64.add (f64.load (i32.add (local.get $atol) (local.get $i)))
              (f64.mul (local.get $rtol)
                (f64.max (f64.abs (f64.load (i32.add (local.get $y) (local.get $i))))
                         (f64.abs (f64.load (i32.add (local.get $ynew) (local.get $i)))))))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $x) (local.get $x))))))
    (local.get $sum))

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
    (f64.store (i32.const 0) (f64.add (f64x2.extract_lane 0 (local.get $xa)) (f64x2.extract_lane 1 (local.get $xa))))
    (f64.store (i32.const 8) (f64.add (f64x2.extract_lane 0 (local.get $za)) (f64x2.extract_lane 1 (local.get $za)))))

  ;; ---------------------------------------------------------------------------------------
  ;; The per-mode map of the Stein-form GLM ODE (core/models/sgd-glm/stein-modes.ts,
  ;; steinMapJs), with the coefficients p = -g exx, q = -g s, r = -2 g exx, u = -2 g s and the
  ;; forcing f = g^2 I formed by the caller: for j < m,
  ;;   dE_j = lambda_j (p E_j + q V22_j),   dD_j = lambda_j ((r D_j + u E_j) + f).
  (func (export "stein_map")
    (param $lambda i32) (param $v22 i32) (param $e i32) (param $d i32) (param $de i32) (param $dd i32) (param $m i32)
    (param $p f64) (param $q f64) (param $r f64) (param $u f64) (param $f f64)
    (local $i i32) (local $end i32)
    (local $vp v128) (local $vq v128) (local $vr v128) (local $vu v128) (local $vf v128) (local $l v128) (local $ev v128)
    (local $sl f64) (local $se f64)
    (local.set $vp (f64x2.splat (local.get $p)))
    (local.set $vq (f64x2.splat (local.get $q)))
    (local.set $vr (f64x2.splat (local.get $r)))
    (local.set $vu (f64x2.splat (local.get $u)))
    (local.set $vf (f64x2.splat (local.get $f)))
    (local.set $end (call $pair_bytes (local.get $m)))
    (if (local.get $end)
      (then
        (loop $pair
          (local.set $l (v128.load (i32.add (local.get $lambda) (local.get $i))))
          (local.set $ev (v128.load (i32.add (local.get $e) (local.get $i))))
          (v128.store (i32.add (local.get $de) (local.get $i))
            (f64x2.mul (local.get $l)
              (f64x2.add (f64x2.mul (local.get $vp) (local.get $ev))
                         (f64x2.mul (local.get $vq) (v128.load (i32.add (local.get $v22) (local.get $i)))))))
          (v128.store (i32.add (local.get $dd) (local.get $i))
            (f64x2.mul (local.get $l)
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $vr) (v128.load (i32.add (local.get $d) (local.get $i))))
                           (f64x2.mul (local.get $vu) (local.get $ev)))
                (local.get $vf))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $m) (i32.const 1))
      (then
        (local.set $sl (f64.load (i32.add (local.get $lambda) (local.get $i))))
        (local.set $se (f64.load (i32.add (local.get $e) (local.get $i))))
        (f64.store (i32.add (local.get $de) (local.get $i))
          (f64.mul (local.get $sl)
            (f64.add (f64.mul (local.get $p) (local.get $se))
                     (f64.mul (local.get $q) (f64.load (i32.add (local.get $v22) (local.get $i)))))))
        (f64.store (i32.add (local.get $dd) (local.get $i))
          (f64.mul (local.get $sl)
            (f64.add
              (f64.add (f64.mul (local.get $r) (f64.load (i32.add (local.get $d) (local.get $i))))
                       (f64.mul (local.get $u) (local.get $se)))
              (local.get $f)))))))

  ;; The same map when s = e_xx + e_x* = 0 (least squares), where the V22 and cross terms vanish:
  ;;   dE_j = lambda_j (p E_j),   dD_j = lambda_j (r D_j + f)   (steinMapS0Js).
  (func (export "stein_map_s0")
    (param $lambda i32) (param $e i32) (param $d i32) (param $de i32) (param $dd i32) (param $m i32)
    (param $p f64) (param $r f64) (param $f f64)
    (local $i i32) (local $end i32) (local $vp v128) (local $vr v128) (local $vf v128) (local $l v128) (local $sl f64)
    (local.set $vp (f64x2.splat (local.get $p)))
    (local.set $vr (f64x2.splat (local.get $r)))
    (local.set $vf (f64x2.splat (local.get $f)))
    (local.set $end (call $pair_bytes (local.get $m)))
    (if (local.get $end)
      (then
        (loop $pair
          (local.set $l (v128.load (i32.add (local.get $lambda) (local.get $i))))
          (v128.store (i32.add (local.get $de) (local.get $i))
            (f64x2.mul (local.get $l) (f64x2.mul (local.get $vp) (v128.load (i32.add (local.get $e) (local.get $i))))))
          (v128.store (i32.add (local.get $dd) (local.get $i))
            (f64x2.mul (local.get $l)
              (f64x2.add (f64x2.mul (local.get $vr) (v128.load (i32.add (local.get $d) (local.get $i)))) (local.get $vf))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $end))))))
    (if (i32.and (local.get $m) (i32.const 1))
      (then
        (local.set $sl (f64.load (i32.add (local.get $lambda) (local.get $i))))
        (f64.store (i32.add (local.get $de) (local.get $i))
          (f64.mul (local.get $sl) (f64.mul (local.get $p) (f64.load (i32.add (local.get $e) (local.get $i))))))
        (f64.store (i32.add (local.get $dd) (local.get $i))
          (f64.mul (local.get $sl)
            (f64.add (f64.mul (local.get $r) (f64.load (i32.add (local.get $d) (local.get $i)))) (local.get $f)))))))
)
