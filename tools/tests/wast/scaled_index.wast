;; i32.shl by 1-3 and an add of a constant: one lea (ops_int.c,
;; lb_add_scaled), from a pinned local's register, a temporary or a slot.

(module
  (memory 1)
  (func (export "pin") (param i32) (result i32)
    local.get 0 i32.const 3 i32.shl i32.const 1024 i32.add)
  (func (export "pin_sub") (param i32) (result i32)
    local.get 0 i32.const 2 i32.shl i32.const 5 i32.sub)
  (func (export "pin1") (param i32) (result i32)
    local.get 0 i32.const 1 i32.shl i32.const -7 i32.add)
  (func (export "pin_only") (param i32) (result i32)
    local.get 0 i32.const 3 i32.shl)
  (func (export "const_first") (param i32) (result i32)
    i32.const 100 local.get 0 i32.const 2 i32.shl i32.add)
  (func (export "temp") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.xor i32.const 3 i32.shl i32.const 8 i32.add)
  ;; 70 locals: the last ones live in slots
  (func (export "slot") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i32)
    local.get 0 local.set 65
    local.get 65 i32.const 3 i32.shl i32.const -1 i32.add)
  ;; r13 as the source (third integer pin) and a wrap-around
  (func (export "r13") (param i32 i32 i32) (result i32)
    local.get 2 i32.const 3 i32.shl i32.const 0x7fffffff i32.add)
  ;; the local changes between the shift and the add: its old value counts
  (func (export "tee_between") (param i32) (result i32)
    local.get 0 i32.const 2 i32.shl
    i32.const 9 local.set 0
    i32.const 1 i32.add local.get 0 i32.add)
  ;; as a memory address, and i64 shifts stay shifts
  (func (export "store_load") (param i32 i64) (result i64)
    (i64.store (i32.add (i32.shl (local.get 0) (i32.const 3))
                        (i32.const 16)) (local.get 1))
    (i64.load (i32.add (i32.shl (local.get 0) (i32.const 3))
                       (i32.const 16))))
  (func (export "i64") (param i64) (result i64)
    local.get 0 i64.const 3 i64.shl i64.const 5 i64.add))

(assert_return (invoke "pin" (i32.const 5)) (i32.const 1064))
(assert_return (invoke "pin" (i32.const 0x30000000)) (i32.const 0x80000400))
(assert_return (invoke "pin_sub" (i32.const 0)) (i32.const -5))
(assert_return (invoke "pin1" (i32.const 0x80000003)) (i32.const -1))
(assert_return (invoke "pin_only" (i32.const 0x20000001)) (i32.const 8))
(assert_return (invoke "const_first" (i32.const 3)) (i32.const 112))
(assert_return (invoke "temp" (i32.const 6) (i32.const 3)) (i32.const 48))
(assert_return (invoke "slot" (i32.const 0x20000000)) (i32.const -1))
(assert_return (invoke "r13" (i32.const 0) (i32.const 0) (i32.const 0x20000001))
  (i32.const 0x80000007))
(assert_return (invoke "tee_between" (i32.const 10)) (i32.const 50))
(assert_return (invoke "store_load" (i32.const 100) (i64.const -3))
  (i64.const -3))
(assert_return (invoke "i64" (i64.const 0x2000000000000001)) (i64.const 13))
;; + a register: lea [y + x * 2^k], either order
(module
  (memory 1)
  (func (export "base_first") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.const 2 i32.shl i32.add)
  (func (export "shl_first") (param i32 i32) (result i32)
    local.get 1 i32.const 3 i32.shl local.get 0 i32.add)
  (func (export "temps") (param i32 i32 i32) (result i32)
    local.get 0 local.get 2 i32.add
    local.get 1 local.get 2 i32.xor i32.const 1 i32.shl i32.add)
  (func (export "wrap") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.const 3 i32.shl i32.add)
  ;; r13 and rbp-like encodings as the base
  (func (export "r13_base") (param i32 i32 i32) (result i32)
    local.get 2 i32.const 7 i32.add
    local.get 0 i32.const 2 i32.shl i32.add)
  (func (export "addr") (param i32 i32) (result i32)
    (i32.store (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))
               (i32.const 77))
    (i32.load (i32.const 24))))

(assert_return (invoke "base_first" (i32.const 100) (i32.const 5)) (i32.const 120))
(assert_return (invoke "shl_first" (i32.const 100) (i32.const 5)) (i32.const 140))
(assert_return (invoke "temps" (i32.const 1) (i32.const 6) (i32.const 3))
  (i32.const 14))
(assert_return (invoke "wrap" (i32.const 0xfffffff0) (i32.const 0x20000003))
  (i32.const 8))
(assert_return (invoke "r13_base" (i32.const 3) (i32.const 0) (i32.const 1))
  (i32.const 20))
(assert_return (invoke "addr" (i32.const 16) (i32.const 2)) (i32.const 77))
