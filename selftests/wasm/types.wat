;; SPDX-License-Identifier: GPL-2.0
;; Every value type across the invoke ABI, multiple results, a global.
(module
  (global (export "answer") i32 (i32.const 42))
  (func (export "add_i64") (param i64 i64) (result i64)
    (i64.add (local.get 0) (local.get 1)))
  (func (export "mul_f64") (param f64 f64) (result f64)
    (f64.mul (local.get 0) (local.get 1)))
  (func (export "neg_f32") (param f32) (result f32)
    (f32.neg (local.get 0)))
  (func (export "split") (param i64) (result i32 i32)
    (i32.wrap_i64 (local.get 0))
    (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32))))
  (func (export "mix") (param i32 i64 f32 f64) (result f64)
    (f64.add
      (f64.add (f64.convert_i32_s (local.get 0))
               (f64.convert_i64_s (local.get 1)))
      (f64.add (f64.promote_f32 (local.get 2)) (local.get 3)))))
