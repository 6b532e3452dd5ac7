;; SPDX-License-Identifier: GPL-2.0
;; fib(n) with one recursive call per step, as in the issue: fib 20 = 10946.
(module
  (func $fib (export "fib") (param $p0 i32) (result i32)
    (local $l1 i32)
    (local.set $l1 (i32.const 1))
    (block $B0
      (br_if $B0 (i32.lt_u (local.get $p0) (i32.const 2)))
      (local.set $l1 (i32.const 1))
      (loop $L1
        (local.set $l1
          (i32.add (call $fib (i32.add (local.get $p0) (i32.const -1)))
                   (local.get $l1)))
        (br_if $L1
          (i32.gt_u (local.tee $p0 (i32.add (local.get $p0) (i32.const -2)))
                    (i32.const 1)))))
    (local.get $l1)))
