;; Operators that read a pinned local's register directly (pin.c's
;; lb_pin_take) and the pin table's full size.

(module
  (func (export "add_const") (param i32) (result i32)
    local.get 0 i32.const 5 i32.add)
  (func (export "sub_min") (param i32) (result i32)
    local.get 0 i32.const 0x80000000 i32.sub)
  (func (export "sub_const64") (param i64) (result i64)
    local.get 0 i64.const 7 i64.sub)
  (func (export "add_big64") (param i64) (result i64)
    local.get 0 i64.const 0x100000000 i64.add)
  (func (export "mul_const") (param i32) (result i32)
    local.get 0 i32.const -3 i32.mul)
  (func (export "xor_pin") (param i32 i32) (result i32)
    local.get 0 i32.const 1 i32.add local.get 1 i32.xor)
  (func (export "lt_const") (param i32) (result i32)
    local.get 0 i32.const 10 i32.lt_s)
  (func (export "const_gt") (param i32) (result i32)
    i32.const 10 local.get 0 i32.gt_u)
  (func (export "eqz") (param i64) (result i32)
    local.get 0 i64.eqz)
  ;; the local changes between the copy and its use: no take
  (func (export "tee_between") (param i32) (result i32)
    local.get 0 i32.const 9 local.set 0 local.get 0 i32.add)
  ;; a dropped i32 copy in rax must not stand for an f64 in xmm0
  (func (export "class") (param i32 f64) (result f64)
    local.get 1 f64.const 1 f64.add
    local.get 0 drop
    f64.const 2 f64.mul)
  (func (export "class_cmp") (param i32 f64) (result i32)
    local.get 1 f64.const 1 f64.add
    local.get 0 drop
    f64.const 2.5 f64.gt)
  (func (export "fsub_pin") (param f64 f64) (result f64)
    local.get 0 f64.const 1 f64.add local.get 1 f64.sub)
  (func (export "fcopysign") (param f64 f64) (result f64)
    local.get 0 local.get 1 f64.copysign local.get 1 f64.add)
  (func (export "fcmp") (param f64) (result i32)
    local.get 0 f64.const 4 f64.gt)
  (func (export "feq") (param f64 f64) (result i32)
    local.get 0 local.get 1 f64.eq)
  (memory 1)
  (func (export "mem") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.store offset=4
    local.get 0 i32.load offset=4)
  (func (export "mem_oob") (param i32) (result i32)
    local.get 0 i32.load offset=65532)
  (func (export "store8_pin") (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32)
    i32.const 7 local.set 6
    local.get 0 local.get 6 i32.store8
    local.get 0 i32.load8_u)
  ;; seven integer and ten float pins, live across a loop and a call
  (func $id (param i32) (result i32) local.get 0)
  (func (export "many") (param i32) (result f64)
    (local i32 i32 i32 i32 i32 i32 i32 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    (loop
      local.get 1 i32.const 1 i32.add local.set 1
      local.get 7 local.get 1 i32.add local.set 7
      local.get 8 f64.const 1 f64.add local.set 8
      local.get 17 local.get 8 f64.add local.set 17
      local.get 18 f64.const 0.5 f64.add local.set 18
      local.get 1 call $id local.get 0 i32.lt_s br_if 0)
    local.get 17 local.get 18 f64.add local.get 7 f64.convert_i32_s f64.add)
)

(assert_return (invoke "add_const" (i32.const -1)) (i32.const 4))
(assert_return (invoke "add_const" (i32.const 0x7ffffffe)) (i32.const 0x80000003))
(assert_return (invoke "sub_min" (i32.const 1)) (i32.const 0x80000001))
(assert_return (invoke "sub_const64" (i64.const 3)) (i64.const -4))
(assert_return (invoke "add_big64" (i64.const 1)) (i64.const 0x100000001))
(assert_return (invoke "mul_const" (i32.const 5)) (i32.const -15))
(assert_return (invoke "xor_pin" (i32.const 1) (i32.const 3)) (i32.const 1))
(assert_return (invoke "lt_const" (i32.const -5)) (i32.const 1))
(assert_return (invoke "lt_const" (i32.const 10)) (i32.const 0))
(assert_return (invoke "const_gt" (i32.const 3)) (i32.const 1))
(assert_return (invoke "const_gt" (i32.const -1)) (i32.const 0))
(assert_return (invoke "eqz" (i64.const 0)) (i32.const 1))
(assert_return (invoke "eqz" (i64.const 0x100000000)) (i32.const 0))
(assert_return (invoke "tee_between" (i32.const 1)) (i32.const 10))
(assert_return (invoke "class" (i32.const 5) (f64.const 2)) (f64.const 6))
(assert_return (invoke "class_cmp" (i32.const 0) (f64.const 2)) (i32.const 1))
(assert_return (invoke "class_cmp" (i32.const 0) (f64.const 1)) (i32.const 0))
(assert_return (invoke "fsub_pin" (f64.const 2) (f64.const 0.5)) (f64.const 2.5))
(assert_return (invoke "fcopysign" (f64.const 2) (f64.const -1)) (f64.const -3))
(assert_return (invoke "fcmp" (f64.const 5)) (i32.const 1))
(assert_return (invoke "fcmp" (f64.const nan)) (i32.const 0))
(assert_return (invoke "feq" (f64.const 1) (f64.const 1)) (i32.const 1))
(assert_return (invoke "feq" (f64.const nan) (f64.const nan)) (i32.const 0))
(assert_return (invoke "mem" (i32.const 8) (i32.const 42)) (i32.const 42))
(assert_trap (invoke "mem" (i32.const 65532) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "mem_oob" (i32.const 0)) (i32.const 0))
(assert_trap (invoke "mem_oob" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "mem_oob" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "store8_pin" (i32.const 100) (i32.const 0)) (i32.const 7))
(assert_return (invoke "many" (i32.const 4)) (f64.const 22))

;; local.set from another local's local.get: one move into the pin, one
;; store from it, or one load into it (pin.c, compile.c)
(module
  (func (export "moves") (param i32 i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i32 i32 f64 f64)
    local.get 0 local.set 66		;; pin to slot
    local.get 1 local.set 0		;; pin to pin
    local.get 66 local.set 1		;; slot to pin
    local.get 1 local.set 1		;; itself
    local.get 66 local.set 67		;; slot to slot
    local.get 67 i32.const 1 i32.add local.set 0
    local.get 66 local.set 1 local.get 1 i32.const 3 i32.add local.set 1
    local.get 0 i32.const 100 i32.mul local.get 1 i32.add)
  (func (export "fmoves") (param f64 f64) (result f64)
    (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    local.get 0 local.set 12		;; xmm pin to slot
    local.get 1 local.set 0		;; xmm pin to xmm pin
    local.get 12 local.set 1
    local.get 0 f64.const 10 f64.mul local.get 1 f64.add))

(assert_return (invoke "moves" (i32.const 7) (i32.const 9)) (i32.const 810))
(assert_return (invoke "fmoves" (f64.const 2) (f64.const 5)) (f64.const 52))

;; local.get right after local.set of a slot local reuses the register it
;; was stored from -- but not across a label, where another path arrives
(module
  (func (export "set_get") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i32 f64)
    local.get 0 i32.const 5 i32.add local.set 9
    local.get 9 local.get 9 i32.mul)
  (func (export "set_get_f") (param f64) (result f64)
    (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    local.get 0 f64.const 1.5 f64.add local.set 11
    local.get 11 local.get 11 f64.add)
  (func (export "label") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i32)
    i32.const 100 local.set 9
    block
      local.get 0 br_if 0
      local.get 0 i32.const 7 i32.add local.set 9
    end
    local.get 9)
  (func (export "if_else") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i32)
    i32.const 100 local.set 9
    local.get 0
    if
      local.get 0 i32.const 7 i32.add local.set 9
    else
      local.get 0 i32.const 9 i32.add local.set 9
    end
    local.get 9)
  (func (export "loop") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i32)
    local.get 0 local.set 9
    loop
      local.get 9 i32.const 1 i32.sub local.set 9
      local.get 9 br_if 0
    end
    local.get 9 i32.const 42 i32.add))

(assert_return (invoke "set_get" (i32.const 4)) (i32.const 81))
(assert_return (invoke "set_get_f" (f64.const 1)) (f64.const 5))
(assert_return (invoke "label" (i32.const 1)) (i32.const 100))
(assert_return (invoke "label" (i32.const 0)) (i32.const 7))
(assert_return (invoke "if_else" (i32.const 1)) (i32.const 8))
(assert_return (invoke "if_else" (i32.const 0)) (i32.const 9))
(assert_return (invoke "loop" (i32.const 5)) (i32.const 42))

;; i32.wrap_i64 of a pinned i64 local's copy becomes a 32-bit move from
;; the pin: the local keeps its upper half, the result has none.
(module
  (memory 1)
  (func (export "wrap_keep") (param i64) (result i64)
    local.get 0 i32.wrap_i64
    i64.extend_i32_u
    local.get 0 i64.add)
  (func (export "wrap_addr") (param i64) (result i32)
    (i32.store offset=4 (i32.const 0) (i32.const 0x1234))
    local.get 0 i32.wrap_i64 i32.load offset=4)
  (func (export "wrap_then_copy") (param i64) (result i64)
    local.get 0 i32.wrap_i64 drop
    local.get 0))

(assert_return (invoke "wrap_keep" (i64.const 0x1_0000_0002)) (i64.const 0x1_0000_0004))
(assert_return (invoke "wrap_addr" (i64.const 0x7_0000_0000)) (i32.const 0x1234))
(assert_trap (invoke "wrap_addr" (i64.const 0x10000)) "out of bounds memory access")
(assert_return (invoke "wrap_then_copy" (i64.const -1)) (i64.const -1))
