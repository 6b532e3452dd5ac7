;; Accesses through a pinned local checked in place (ops_mem.c's
;; lb_addr_pinned): a later access at most as far through the same value
;; needs no check, a larger one or one after a write or a merge does, and
;; an explicit i32.add still wraps.

(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  (data (i32.const 65528) "\f8\f9\fa\fb\fc\fd\fe\ff")
  (func $nop)

  ;; i32 at p, then a byte at p + 3 (covered) and at p + 4 (not)
  (func (export "cover") (param i32 i32) (result i32)
    local.get 0
    i32.load
    drop
    local.get 0
    i32.const 3
    i32.add
    i32.load8_u
    local.get 1
    if (result i32)
      local.get 0
      i32.const 4
      i32.add
      i32.load8_u
    else
      i32.const 0
    end
    i32.add)

  ;; a byte at p (passes near the end), then an i32 at p: checked again
  (func (export "narrow_then_wide") (param i32) (result i32)
    local.get 0
    i32.load8_u
    local.get 0
    i32.load
    i32.add)

  ;; memarg offsets within what was checked, and past it
  (func (export "offsets") (param i32) (result i64)
    local.get 0
    i64.load
    local.get 0
    i64.load32_u offset=4
    i64.add
    local.get 0
    i64.load8_u offset=8
    i64.add)

  ;; p + 8 after an 8-byte access at p: derived, still checked
  (func (export "derived") (param i32) (result i64)
    local.get 0
    i64.load
    local.get 0
    i32.const 8
    i32.add
    i64.load
    i64.add)

  ;; p + 3 wraps to a small address; p itself is out of bounds
  (func (export "wrap") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.add
    i32.load8_u
    local.get 0
    i32.load8_u
    i32.add)

  ;; the local changes after its check
  (func (export "rewritten") (param i32) (result i32)
    local.get 0
    i32.load8_u
    local.get 0
    i32.const 65536
    i32.add
    local.set 0
    local.get 0
    i32.load8_u
    i32.add)

  ;; checked in one arm only: the merge forgets it
  (func (export "merge") (param i32 i32) (result i32)
    local.get 1
    if
      local.get 0
      i32.load8_u
      drop
    end
    local.get 0
    i32.load8_u)

  ;; a call in between: the check still holds (memory only grows)
  (func (export "call_between") (param i32) (result i32)
    local.get 0
    i32.load
    call $nop
    local.get 0
    i32.load8_u offset=2
    i32.add)

  ;; a field read, modified and written back: the store needs no check;
  ;; then a field below it (covered) and one above (checked)
  (func (export "field_rmw") (param i32 i32) (result i32)
    local.get 0
    local.get 0
    i32.load offset=8
    i32.const 1
    i32.add
    i32.store offset=8
    local.get 0
    i32.load16_u offset=2
    local.get 1
    if (result i32)
      local.get 0
      i32.load8_u offset=12
    else
      i32.const 0
    end
    i32.add
    local.get 0
    i32.load offset=8
    i32.add)

  ;; an offset larger than the declared minimum memory: checked in a copy
  (func (export "far") (param i32) (result i32)
    local.get 0
    i32.load8_u offset=70000
    local.get 0
    i32.load8_u offset=69999
    i32.add)

  ;; store then load through the same local, tee'd into another pinned one
  (func (export "tee_store") (param i32 i32) (result i32)
    (local i32)
    local.get 0
    i32.const 4
    i32.add
    local.tee 2
    local.get 1
    i32.store
    local.get 2
    i32.load
    local.get 2
    i32.const 2
    i32.add
    i32.load16_u
    i32.add)
)

(assert_return (invoke "cover" (i32.const 0) (i32.const 1)) (i32.const 9))
(assert_return (invoke "cover" (i32.const 65532) (i32.const 0)) (i32.const 0xff))
(assert_trap (invoke "cover" (i32.const 65532) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "cover" (i32.const 65533) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "narrow_then_wide" (i32.const 65532)) (i32.const 0xfffefef8))
(assert_trap (invoke "narrow_then_wide" (i32.const 65535)) "out of bounds memory access")
(assert_return (invoke "offsets" (i32.const 0)) (i64.const 0x080706050c0a0806))
(assert_trap (invoke "offsets" (i32.const 65528)) "out of bounds memory access")
(assert_return (invoke "derived" (i32.const 65520)) (i64.const 0xfffefdfcfbfaf9f8))
(assert_trap (invoke "derived" (i32.const 65528)) "out of bounds memory access")
(assert_trap (invoke "wrap" (i32.const -2)) "out of bounds memory access")
(assert_return (invoke "wrap" (i32.const 1)) (i32.const 7))
(assert_trap (invoke "rewritten" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "merge" (i32.const 65536) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "merge" (i32.const 7) (i32.const 1)) (i32.const 8))
(assert_return (invoke "call_between" (i32.const 65532)) (i32.const 0xfffefefa))
(assert_trap (invoke "call_between" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "tee_store" (i32.const 0) (i32.const 0x12345678)) (i32.const 0x123468ac))
(assert_trap (invoke "tee_store" (i32.const 65530) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "field_rmw" (i32.const 0) (i32.const 1)) (i32.const 0x0404))
(assert_return (invoke "field_rmw" (i32.const 65524) (i32.const 0)) (i32.const 0xfffefdfd))
(assert_trap (invoke "field_rmw" (i32.const 65524) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "field_rmw" (i32.const 65525) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "far" (i32.const 0)) "out of bounds memory access")
