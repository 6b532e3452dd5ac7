;; SPDX-License-Identifier: GPL-2.0
;; A bit of everything the MVP integer subset has, for the streaming test:
;; memory with data, globals, a start function, calls, loops, br_table.
;; Every export without parameters is invoked and its result compared.
(module
  (memory 1 2)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08lightbeam")
  (global $counter (mut i32) (i32.const 7))
  (global $big (mut i64) (i64.const 0x123456789abcdef0))
  (global $k i32 (i32.const 42))

  (func $start
    (i32.store (i32.const 0) (i32.const 0xdeadbeef))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
  (start $start)

  (func $sum_bytes (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $s))

  (func $classify (param $x i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get $x)))
      (return (i32.const 100)))
      (return (i32.const 200)))
      (return (i32.const 300)))
    (i32.const -1))

  (func $gcd (param $a i64) (param $b i64) (result i64)
    (local $t i64)
    (loop $l
      (if (i64.ne (local.get $b) (i64.const 0))
        (then
          (local.set $t (i64.rem_u (local.get $a) (local.get $b)))
          (local.set $a (local.get $b))
          (local.set $b (local.get $t))
          (br $l))))
    (local.get $a))

  (func (export "data_sum") (result i32)
    (call $sum_bytes (i32.const 16) (i32.const 17)))
  (func (export "start_ran") (result i32)
    (i32.load (i32.const 0)))
  (func (export "counter") (result i32)
    (global.get $counter))
  (func (export "bump") (result i32)
    (global.set $counter (i32.mul (global.get $counter) (i32.const 3)))
    (global.get $counter))
  (func (export "classify_all") (result i32)
    (i32.add
      (i32.add (call $classify (i32.const 0)) (call $classify (i32.const 1)))
      (i32.add (call $classify (i32.const 2)) (call $classify (i32.const 9)))))
  (func (export "gcd") (result i64)
    (call $gcd (i64.const 1071) (i64.const 462)))
  (func (export "big") (result i64)
    (i64.rotl (global.get $big) (i64.const 12)))
  (func (export "const") (result i32) (global.get $k))
  (func (export "bits") (result i32)
    (i32.add (i32.popcnt (i32.const 0xf0f0))
      (i32.add (i32.clz (i32.const 0x00100000)) (i32.ctz (i32.const 0x80)))))
  (func (export "bits64") (result i64)
    (i64.add (i64.popcnt (i64.const -1))
      (i64.add (i64.clz (i64.const 1)) (i64.ctz (i64.const 0x100000000)))))
  (func (export "grow") (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.add (memory.size) (i32.mul (memory.grow (i32.const 1)) (i32.const 10))))
  (func (export "oob") (result i32)
    (i32.load (i32.const 0x7fffffff)))
  (func (export "div0") (result i32)
    (i32.div_s (i32.const 1) (i32.sub (global.get $counter) (global.get $counter))))
  (func (export "multi") (result i32 i64 i32)
    (i32.const 1) (i64.const -2) (i32.const 3))
  (func (export "spin") (result i32)
    (loop $forever (br $forever))
    (i32.const 0))
  (func (export "unreachable")
    (unreachable))
)
