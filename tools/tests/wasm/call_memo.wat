;; SPDX-License-Identifier: GPL-2.0
;; 200 calls back to back, each taking and returning 15 values: every
;; call after the first is a copy of the one before (ops_call.c's call
;; memo), and the code outgrows the staging buffer's first size while
;; being copied (lb_asm_reserve), also when that allocation fails.
(module
  (type $w (func
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (func $id (type $w)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 local.get 5
    local.get 6 local.get 7 local.get 8 local.get 9 local.get 10 local.get 11
    local.get 12 local.get 13 local.get 14)
  (func (export "chain") (result i32)
    i32.const 1 i32.const 2 i32.const 3 i32.const 4 i32.const 5 i32.const 6
    i32.const 7 i32.const 8 i32.const 9 i32.const 10 i32.const 11
    i32.const 12 i32.const 13 i32.const 14 i32.const 15
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    call $id call $id call $id call $id call $id
    i32.add i32.add i32.add i32.add i32.add i32.add i32.add i32.add i32.add
    i32.add i32.add i32.add i32.add i32.add))
