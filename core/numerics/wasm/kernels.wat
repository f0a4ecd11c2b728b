;; Hot loops of Limitlab's simulations, in WebAssembly (assembled by scripts/build-wasm.mjs into
;; kernels-binary.ts; see kernels.ts for the JavaScript side and layout.ts for the memory map).
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

  ;; Memory map (bytes); keep in step with layout.ts.
  ;;   ZK     0     i32[256]  fast-path thresholds on the 23-bit abscissa
  ;;   ZW     1024  f64[512]  signed abscissa scales x[i] / 2^23 (index b & 511)
  ;;   ZX     5120  f64[257]  layer edges x[0..256]
  ;;   ZF     7184  f64[257]  exp(-x[i]^2 / 2)
  ;;   STATE  9248  i32[4]    xoshiro128** words
  ;;   TAIL   9264  f64       start of the tail r
  ;;   SUMS   9272  f64[3]    results of sgd_pass: <x', e'>, <x', x'>, <x', theta*>
  ;;   PAIRS  9296  f64x2[7]  the even/odd partial sums behind SUMS and ORACLE
  ;;   ORACLE 9408  f64[4]    results of sgd_pass_oracle: P, C, P2, C2 of the updated e
  ;;   SCRATCH 16384 f64[6144] normals drawn for a chunk (sgd_pass) or for JavaScript (fillNormal)
  ;;   ARENA  65536  simulation arrays, handed out by kernels.ts

  ;; ---------------------------------------------------------------------------------------
  ;; Generator on the state in memory (slow path only).
  (func $next (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $m i32) (local $t i32)
    (local.set $s0 (i32.load (i32.const 9248)))
    (local.set $s1 (i32.load (i32.const 9252)))
    (local.set $s2 (i32.load (i32.const 9256)))
    (local.set $s3 (i32.load (i32.const 9260)))
    (local.set $m (i32.mul (local.get $s1) (i32.const 5)))
    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (i32.store (i32.const 9252) (i32.xor (local.get $s1) (local.get $s2)))
    (i32.store (i32.const 9248) (i32.xor (local.get $s0) (local.get $s3)))
    (i32.store (i32.const 9256) (i32.xor (local.get $s2) (local.get $t)))
    (i32.store (i32.const 9260) (i32.rotl (local.get $s3) (i32.const 11)))
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
               (f64.div (f64.load offset=5120 (i32.shl (local.get $i) (i32.const 3))) (f64.const 8388608))))
    (if (i32.eqz (local.get $i))
      (then
        (local.set $r (f64.load (i32.const 9264)))
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
          (f64.add (f64.load offset=7184 (i32.shl (local.get $i) (i32.const 3)))
                   (f64.mul (call $uniform)
                            (f64.sub (f64.load offset=7192 (i32.shl (local.get $i) (i32.const 3)))
                                     (f64.load offset=7184 (i32.shl (local.get $i) (i32.const 3)))))))
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
      (if (i32.lt_u (local.get $u) (i32.load (i32.shl (i32.and (local.get $b) (i32.const 255)) (i32.const 2))))
        (then
          (return
            (f64.mul (f64.convert_i32_u (local.get $u))
                     (f64.load offset=1024 (i32.shl (i32.and (local.get $b) (i32.const 511)) (i32.const 3)))))))
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
      (local.set $s0 (i32.load (i32.const 9248)))
      (local.set $s1 (i32.load (i32.const 9252)))
      (local.set $s2 (i32.load (i32.const 9256)))
      (local.set $s3 (i32.load (i32.const 9260)))
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
            (if (i32.lt_u (local.get $u) (i32.load (i32.shl (i32.and (local.get $b) (i32.const 255)) (i32.const 2))))
              (then
                (f64.store (local.get $p)
                  (f64.mul (f64.convert_i32_u (local.get $u))
                           (f64.load offset=1024 (i32.shl (i32.and (local.get $b) (i32.const 511)) (i32.const 3))))))
              (else (br $miss)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br_if $each (i32.lt_u (local.get $p) (local.get $end)))))
        (i32.store (i32.const 9248) (local.get $s0))
        (i32.store (i32.const 9252) (local.get $s1))
        (i32.store (i32.const 9256) (local.get $s2))
        (i32.store (i32.const 9260) (local.get $s3))
        (return))
      (i32.store (i32.const 9248) (local.get $s0))
      (i32.store (i32.const 9252) (local.get $s1))
      (i32.store (i32.const 9256) (local.get $s2))
      (i32.store (i32.const 9260) (local.get $s3))
      (f64.store (local.get $p) (call $normal_after_miss (local.get $b)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $resume)))

;; One chunk of an SGD pass, on an even number of coordinates ($end bytes): e -= kappa x,
  ;; xn = sq * z, and the lane sums in PAIRS (lane 0 the even, lane 1 the odd coordinates) of
  ;; <xn, e> and, in the wider variants, <xn, xn> and <xn, th>. One loop per variant keeps each
  ;; loop free of branches.
  (func $pairs_r
    (param $e i32) (param $x i32) (param $z i32) (param $xn i32) (param $sq i32) (param $th i32) (param $end i32) (param $k2 v128)
    (local $off i32) (local $e2 v128) (local $x2 v128) (local $r2 v128)
    (local.set $r2 (v128.load (i32.const 9296)))
    (if (i32.gt_u (local.get $end) (i32.const 0))
      (then
        (loop $pair
          (local.set $e2
            (f64x2.sub (v128.load (i32.add (local.get $e) (local.get $off)))
                       (f64x2.mul (local.get $k2) (v128.load (i32.add (local.get $x) (local.get $off))))))
          (v128.store (i32.add (local.get $e) (local.get $off)) (local.get $e2))
          (local.set $x2
            (f64x2.mul (v128.load (i32.add (local.get $sq) (local.get $off)))
                       (v128.load (i32.add (local.get $z) (local.get $off)))))
          (v128.store (i32.add (local.get $xn) (local.get $off)) (local.get $x2))
          (local.set $r2 (f64x2.add (local.get $r2) (f64x2.mul (local.get $x2) (local.get $e2))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $off) (local.get $end))))))
    (v128.store (i32.const 9296) (local.get $r2)))

  (func $pairs_rq
    (param $e i32) (param $x i32) (param $z i32) (param $xn i32) (param $sq i32) (param $th i32) (param $end i32) (param $k2 v128)
    (local $off i32) (local $e2 v128) (local $x2 v128) (local $r2 v128) (local $q2 v128)
    (local.set $r2 (v128.load (i32.const 9296)))
    (local.set $q2 (v128.load (i32.const 9312)))
    (if (i32.gt_u (local.get $end) (i32.const 0))
      (then
        (loop $pair
          (local.set $e2
            (f64x2.sub (v128.load (i32.add (local.get $e) (local.get $off)))
                       (f64x2.mul (local.get $k2) (v128.load (i32.add (local.get $x) (local.get $off))))))
          (v128.store (i32.add (local.get $e) (local.get $off)) (local.get $e2))
          (local.set $x2
            (f64x2.mul (v128.load (i32.add (local.get $sq) (local.get $off)))
                       (v128.load (i32.add (local.get $z) (local.get $off)))))
          (v128.store (i32.add (local.get $xn) (local.get $off)) (local.get $x2))
          (local.set $r2 (f64x2.add (local.get $r2) (f64x2.mul (local.get $x2) (local.get $e2))))
          (local.set $q2 (f64x2.add (local.get $q2) (f64x2.mul (local.get $x2) (local.get $x2))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $off) (local.get $end))))))
    (v128.store (i32.const 9296) (local.get $r2))
    (v128.store (i32.const 9312) (local.get $q2)))

  (func $pairs_rqs
    (param $e i32) (param $x i32) (param $z i32) (param $xn i32) (param $sq i32) (param $th i32) (param $end i32) (param $k2 v128)
    (local $off i32) (local $e2 v128) (local $x2 v128) (local $r2 v128) (local $q2 v128) (local $s2 v128)
    (local.set $r2 (v128.load (i32.const 9296)))
    (local.set $q2 (v128.load (i32.const 9312)))
    (local.set $s2 (v128.load (i32.const 9328)))
    (if (i32.gt_u (local.get $end) (i32.const 0))
      (then
        (loop $pair
          (local.set $e2
            (f64x2.sub (v128.load (i32.add (local.get $e) (local.get $off)))
                       (f64x2.mul (local.get $k2) (v128.load (i32.add (local.get $x) (local.get $off))))))
          (v128.store (i32.add (local.get $e) (local.get $off)) (local.get $e2))
          (local.set $x2
            (f64x2.mul (v128.load (i32.add (local.get $sq) (local.get $off)))
                       (v128.load (i32.add (local.get $z) (local.get $off)))))
          (v128.store (i32.add (local.get $xn) (local.get $off)) (local.get $x2))
          (local.set $r2 (f64x2.add (local.get $r2) (f64x2.mul (local.get $x2) (local.get $e2))))
          (local.set $q2 (f64x2.add (local.get $q2) (f64x2.mul (local.get $x2) (local.get $x2))))
          (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x2) (v128.load (i32.add (local.get $th) (local.get $off))))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $off) (local.get $end))))))
    (v128.store (i32.const 9296) (local.get $r2))
    (v128.store (i32.const 9312) (local.get $q2))
    (v128.store (i32.const 9328) (local.get $s2)))

  ;; One pass of eigenbasis SGD over n coordinates (f64 arrays at byte offsets):
  ;;   z <- the next n normals;  e[i] -= kappa x[i];  xn[i] = sq[i] z[i];
  ;;   SUMS[0] = <xn, e>, with $mode >= 1 SUMS[1] = <xn, xn>, with $mode = 2 SUMS[2] = <xn, th>.
  ;; The normals are drawn a chunk of 2048 at a time into SCRATCH (so they are read back from the
  ;; nearest cache), and each chunk is then applied. Each sum keeps one accumulator for even and
  ;; one for odd i, added at the end, as the JavaScript loop it replaces (chunks start at even i;
  ;; an odd last coordinate goes to the even accumulator).
  (func (export "sgd_pass")
    (param $e i32) (param $x i32) (param $xn i32) (param $sq i32) (param $th i32)
    (param $n i32) (param $kappa f64) (param $mode i32)
    (local $k2 v128) (local $done i32) (local $count i32) (local $bytes i32)
    (local $pe i32) (local $px i32) (local $pxn i32) (local $psq i32) (local $pth i32)
    (local $ei f64) (local $xi f64) (local $zi f64)
    (local.set $k2 (f64x2.splat (local.get $kappa)))
    (v128.store (i32.const 9296) (v128.const i64x2 0 0))
    (v128.store (i32.const 9312) (v128.const i64x2 0 0))
    (v128.store (i32.const 9328) (v128.const i64x2 0 0))
    (block $chunks_done
      (loop $chunk
        (local.set $count (i32.sub (local.get $n) (local.get $done)))
        (br_if $chunks_done (i32.eqz (local.get $count)))
        (if (i32.gt_u (local.get $count) (i32.const 2048)) (then (local.set $count (i32.const 2048))))
        (call $fill_normal (i32.const 16384) (local.get $count))
        (local.set $pe (i32.add (local.get $e) (i32.shl (local.get $done) (i32.const 3))))
        (local.set $px (i32.add (local.get $x) (i32.shl (local.get $done) (i32.const 3))))
        (local.set $pxn (i32.add (local.get $xn) (i32.shl (local.get $done) (i32.const 3))))
        (local.set $psq (i32.add (local.get $sq) (i32.shl (local.get $done) (i32.const 3))))
        (local.set $pth (i32.add (local.get $th) (i32.shl (local.get $done) (i32.const 3))))
        (local.set $bytes (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
        (if (i32.eqz (local.get $mode))
          (then (call $pairs_r (local.get $pe) (local.get $px) (i32.const 16384) (local.get $pxn) (local.get $psq) (local.get $pth) (local.get $bytes) (local.get $k2)))
          (else
            (if (i32.eq (local.get $mode) (i32.const 1))
              (then (call $pairs_rq (local.get $pe) (local.get $px) (i32.const 16384) (local.get $pxn) (local.get $psq) (local.get $pth) (local.get $bytes) (local.get $k2)))
              (else (call $pairs_rqs (local.get $pe) (local.get $px) (i32.const 16384) (local.get $pxn) (local.get $psq) (local.get $pth) (local.get $bytes) (local.get $k2))))))
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            ;; the odd last coordinate, into lane 0 of each sum
            (local.set $pe (i32.add (local.get $pe) (local.get $bytes)))
            (local.set $px (i32.add (local.get $px) (local.get $bytes)))
            (local.set $pxn (i32.add (local.get $pxn) (local.get $bytes)))
            (local.set $psq (i32.add (local.get $psq) (local.get $bytes)))
            (local.set $pth (i32.add (local.get $pth) (local.get $bytes)))
            (local.set $zi (f64.load (i32.add (i32.const 16384) (local.get $bytes))))
            (local.set $ei (f64.sub (f64.load (local.get $pe)) (f64.mul (local.get $kappa) (f64.load (local.get $px)))))
            (f64.store (local.get $pe) (local.get $ei))
            (local.set $xi (f64.mul (f64.load (local.get $psq)) (local.get $zi)))
            (f64.store (local.get $pxn) (local.get $xi))
            (f64.store (i32.const 9296) (f64.add (f64.load (i32.const 9296)) (f64.mul (local.get $xi) (local.get $ei))))
            (if (local.get $mode)
              (then (f64.store (i32.const 9312) (f64.add (f64.load (i32.const 9312)) (f64.mul (local.get $xi) (local.get $xi))))))
            (if (i32.eq (local.get $mode) (i32.const 2))
              (then (f64.store (i32.const 9328) (f64.add (f64.load (i32.const 9328)) (f64.mul (local.get $xi) (f64.load (local.get $pth)))))))))
        (local.set $done (i32.add (local.get $done) (local.get $count)))
        (br $chunk)))
    (f64.store (i32.const 9272) (f64.add (f64.load (i32.const 9296)) (f64.load (i32.const 9304))))
    (f64.store (i32.const 9280) (f64.add (f64.load (i32.const 9312)) (f64.load (i32.const 9320))))
    (f64.store (i32.const 9288) (f64.add (f64.load (i32.const 9328)) (f64.load (i32.const 9336)))))

  ;; The oracle variant of a chunk (line search, Polyak): besides <xn, e>, <xn, xn> and <xn, th>,
  ;; the moments of the updated e that the oracle policies read, P = sum lambda e^2,
  ;; C = sum lambda e th, P2 = sum lambda^2 e^2 and C2 = sum lambda^2 e th, with le = lambda e and
  ;; the lambda^2 terms formed as (lambda le) e and (lambda le) th.
  (func $pairs_oracle
    (param $e i32) (param $x i32) (param $z i32) (param $xn i32) (param $sq i32) (param $th i32) (param $lam i32) (param $end i32) (param $k2 v128)
    (local $off i32) (local $e2 v128) (local $x2 v128) (local $t2 v128) (local $l2 v128) (local $le v128) (local $lle v128) (local $r2 v128) (local $q2 v128) (local $s2 v128) (local $p12 v128) (local $c12 v128) (local $p22 v128) (local $c22 v128)
    (local.set $r2 (v128.load (i32.const 9296)))
    (local.set $q2 (v128.load (i32.const 9312)))
    (local.set $s2 (v128.load (i32.const 9328)))
    (local.set $p12 (v128.load (i32.const 9344)))
    (local.set $c12 (v128.load (i32.const 9360)))
    (local.set $p22 (v128.load (i32.const 9376)))
    (local.set $c22 (v128.load (i32.const 9392)))
    (if (i32.gt_u (local.get $end) (i32.const 0))
      (then
        (loop $pair
          (local.set $e2
            (f64x2.sub (v128.load (i32.add (local.get $e) (local.get $off)))
                       (f64x2.mul (local.get $k2) (v128.load (i32.add (local.get $x) (local.get $off))))))
          (v128.store (i32.add (local.get $e) (local.get $off)) (local.get $e2))
          (local.set $x2
            (f64x2.mul (v128.load (i32.add (local.get $sq) (local.get $off)))
                       (v128.load (i32.add (local.get $z) (local.get $off)))))
          (v128.store (i32.add (local.get $xn) (local.get $off)) (local.get $x2))
          (local.set $t2 (v128.load (i32.add (local.get $th) (local.get $off))))
          (local.set $l2 (v128.load (i32.add (local.get $lam) (local.get $off))))
          (local.set $r2 (f64x2.add (local.get $r2) (f64x2.mul (local.get $x2) (local.get $e2))))
          (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x2) (local.get $t2))))
          (local.set $q2 (f64x2.add (local.get $q2) (f64x2.mul (local.get $x2) (local.get $x2))))
          (local.set $le (f64x2.mul (local.get $l2) (local.get $e2)))
          (local.set $lle (f64x2.mul (local.get $l2) (local.get $le)))
          (local.set $p12 (f64x2.add (local.get $p12) (f64x2.mul (local.get $le) (local.get $e2))))
          (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $le) (local.get $t2))))
          (local.set $p22 (f64x2.add (local.get $p22) (f64x2.mul (local.get $lle) (local.get $e2))))
          (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $lle) (local.get $t2))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $off) (local.get $end))))))
    (v128.store (i32.const 9296) (local.get $r2))
    (v128.store (i32.const 9312) (local.get $q2))
    (v128.store (i32.const 9328) (local.get $s2))
    (v128.store (i32.const 9344) (local.get $p12))
    (v128.store (i32.const 9360) (local.get $c12))
    (v128.store (i32.const 9376) (local.get $p22))
    (v128.store (i32.const 9392) (local.get $c22)))

  ;; sgd_pass with the oracle's moments (see $pairs_oracle): SUMS[0..2] = <xn, e>, <xn, xn>,
  ;; <xn, th> and ORACLE = P, C, P2, C2 of the updated e, each from its even and odd partial sums.
  (func (export "sgd_pass_oracle")
    (param $e i32) (param $x i32) (param $xn i32) (param $sq i32) (param $th i32) (param $lam i32)
    (param $n i32) (param $kappa f64)
    (local $k2 v128) (local $done i32) (local $count i32) (local $bytes i32) (local $at i32)
    (local $ei f64) (local $xi f64) (local $ti f64) (local $li f64) (local $le f64) (local $lle f64)
    (local.set $k2 (f64x2.splat (local.get $kappa)))
    (v128.store (i32.const 9296) (v128.const i64x2 0 0))
    (v128.store (i32.const 9312) (v128.const i64x2 0 0))
    (v128.store (i32.const 9328) (v128.const i64x2 0 0))
    (v128.store (i32.const 9344) (v128.const i64x2 0 0))
    (v128.store (i32.const 9360) (v128.const i64x2 0 0))
    (v128.store (i32.const 9376) (v128.const i64x2 0 0))
    (v128.store (i32.const 9392) (v128.const i64x2 0 0))
    (block $chunks_done
      (loop $chunk
        (local.set $count (i32.sub (local.get $n) (local.get $done)))
        (br_if $chunks_done (i32.eqz (local.get $count)))
        (if (i32.gt_u (local.get $count) (i32.const 2048)) (then (local.set $count (i32.const 2048))))
        (call $fill_normal (i32.const 16384) (local.get $count))
        (local.set $at (i32.shl (local.get $done) (i32.const 3)))
        (local.set $bytes (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
        (call $pairs_oracle
          (i32.add (local.get $e) (local.get $at)) (i32.add (local.get $x) (local.get $at)) (i32.const 16384)
          (i32.add (local.get $xn) (local.get $at)) (i32.add (local.get $sq) (local.get $at))
          (i32.add (local.get $th) (local.get $at)) (i32.add (local.get $lam) (local.get $at))
          (local.get $bytes) (local.get $k2))
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            ;; the odd last coordinate, into lane 0 of each sum
            (local.set $at (i32.add (local.get $at) (local.get $bytes)))
            (local.set $ei
              (f64.sub (f64.load (i32.add (local.get $e) (local.get $at)))
                       (f64.mul (local.get $kappa) (f64.load (i32.add (local.get $x) (local.get $at))))))
            (f64.store (i32.add (local.get $e) (local.get $at)) (local.get $ei))
            (local.set $xi
              (f64.mul (f64.load (i32.add (local.get $sq) (local.get $at))) (f64.load (i32.add (i32.const 16384) (local.get $bytes)))))
            (f64.store (i32.add (local.get $xn) (local.get $at)) (local.get $xi))
            (local.set $ti (f64.load (i32.add (local.get $th) (local.get $at))))
            (local.set $li (f64.load (i32.add (local.get $lam) (local.get $at))))
            (local.set $le (f64.mul (local.get $li) (local.get $ei)))
            (local.set $lle (f64.mul (local.get $li) (local.get $le)))
            (f64.store (i32.const 9296) (f64.add (f64.load (i32.const 9296)) (f64.mul (local.get $xi) (local.get $ei))))
            (f64.store (i32.const 9312) (f64.add (f64.load (i32.const 9312)) (f64.mul (local.get $xi) (local.get $xi))))
            (f64.store (i32.const 9328) (f64.add (f64.load (i32.const 9328)) (f64.mul (local.get $xi) (local.get $ti))))
            (f64.store (i32.const 9344) (f64.add (f64.load (i32.const 9344)) (f64.mul (local.get $le) (local.get $ei))))
            (f64.store (i32.const 9360) (f64.add (f64.load (i32.const 9360)) (f64.mul (local.get $le) (local.get $ti))))
            (f64.store (i32.const 9376) (f64.add (f64.load (i32.const 9376)) (f64.mul (local.get $lle) (local.get $ei))))
            (f64.store (i32.const 9392) (f64.add (f64.load (i32.const 9392)) (f64.mul (local.get $lle) (local.get $ti))))))
        (local.set $done (i32.add (local.get $done) (local.get $count)))
        (br $chunk)))
    (f64.store (i32.const 9272) (f64.add (f64.load (i32.const 9296)) (f64.load (i32.const 9304))))
    (f64.store (i32.const 9280) (f64.add (f64.load (i32.const 9312)) (f64.load (i32.const 9320))))
    (f64.store (i32.const 9288) (f64.add (f64.load (i32.const 9328)) (f64.load (i32.const 9336))))
    (f64.store (i32.const 9408) (f64.add (f64.load (i32.const 9344)) (f64.load (i32.const 9352))))
    (f64.store (i32.const 9416) (f64.add (f64.load (i32.const 9360)) (f64.load (i32.const 9368))))
    (f64.store (i32.const 9424) (f64.add (f64.load (i32.const 9376)) (f64.load (i32.const 9384))))
    (f64.store (i32.const 9432) (f64.add (f64.load (i32.const 9392)) (f64.load (i32.const 9400)))))
)
