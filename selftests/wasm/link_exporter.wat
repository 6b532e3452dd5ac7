;; SPDX-License-Identifier: GPL-2.0
;; What the linking selftests import from (registered as "exp"): a memory,
;; a mutable counter, a table of [] -> i32 functions (slot 0: $seven),
;; immutable globals of each type, and functions that use all of them.
(module
  (type $v_i (func (result i32)))
  (memory (export "mem") 1 64)
  (table (export "tab") 4 funcref)
  (elem (i32.const 0) $seven)
  (global $counter (export "counter") (mut i32) (i32.const 100))
  (global (export "g_i64") i64 (i64.const -2))
  (global (export "g_f32") f32 (f32.const 1.5))
  (global (export "g_f64") f64 (f64.const -0.25))
  (global (export "g_ref") funcref (ref.func $seven))
  (func $seven (type $v_i) (i32.const 7))
  (func (export "which") (result i32) (i32.const 1))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  ;; counter += 1, the new value; not atomic: racing callers lose counts
  (func (export "bump") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "get_counter") (result i32) (global.get $counter))
  (func (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "store") (param i32 i32)
    (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "call_slot") (param i32) (result i32)
    (call_indirect (type $v_i) (local.get 0)))
  (func (export "trap") (result i32) (unreachable)))
