;; ceil, floor, trunc and nearest of values computed in registers.  On a
;; CPU without SSE4.1 (LB_CPU_FEATURES=0, make vm-test-nosse41) they go
;; to lb_rt_fround(), which once read an f32's register as 64 bits: what
;; f32.demote_f64 left in the upper half made f32.nearest(1.5) zero.
(module
  (func (export "f32_round") (param f64 i32) (result i32)
    (local f32)
    (local.set 2 (f32.demote_f64 (local.get 0)))
    (i32.reinterpret_f32
      (block (result f32)
        (drop (br_if 0 (f32.ceil (local.get 2)) (i32.eq (local.get 1) (i32.const 0))))
        (drop (br_if 0 (f32.floor (local.get 2)) (i32.eq (local.get 1) (i32.const 1))))
        (drop (br_if 0 (f32.trunc (local.get 2)) (i32.eq (local.get 1) (i32.const 2))))
        (f32.nearest (local.get 2)))))
  (func (export "f32_nearest_demoted") (param f64) (result f32)
    (f32.nearest (f32.demote_f64 (local.get 0))))
  (func (export "f64_round") (param f64 i32) (result f64)
    (block (result f64)
      (drop (br_if 0 (f64.ceil (local.get 0)) (i32.eq (local.get 1) (i32.const 0))))
      (drop (br_if 0 (f64.floor (local.get 0)) (i32.eq (local.get 1) (i32.const 1))))
      (drop (br_if 0 (f64.trunc (local.get 0)) (i32.eq (local.get 1) (i32.const 2))))
      (f64.nearest (local.get 0)))))

(assert_return (invoke "f32_nearest_demoted" (f64.const 1.5)) (f32.const 2))
(assert_return (invoke "f32_nearest_demoted" (f64.const 2.5)) (f32.const 2))
(assert_return (invoke "f32_nearest_demoted" (f64.const -0.5)) (f32.const -0))
(assert_return (invoke "f32_nearest_demoted" (f64.const 3.7e10)) (f32.const 3.7e10))
(assert_return (invoke "f32_round" (f64.const 1.5) (i32.const 0)) (i32.const 0x40000000))
(assert_return (invoke "f32_round" (f64.const 1.5) (i32.const 1)) (i32.const 0x3f800000))
(assert_return (invoke "f32_round" (f64.const -1.5) (i32.const 2)) (i32.const 0xbf800000))
(assert_return (invoke "f32_round" (f64.const 2.5) (i32.const 3)) (i32.const 0x40000000))
(assert_return (invoke "f32_round" (f64.const -2.75) (i32.const 0)) (i32.const 0xc0000000))
(assert_return (invoke "f64_round" (f64.const 1.5) (i32.const 0)) (f64.const 2))
(assert_return (invoke "f64_round" (f64.const -1.5) (i32.const 1)) (f64.const -2))
(assert_return (invoke "f64_round" (f64.const 2.5) (i32.const 3)) (f64.const 2))
(assert_return (invoke "f64_round" (f64.const -2.75) (i32.const 2)) (f64.const -2))
