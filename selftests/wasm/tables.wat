;; SPDX-License-Identifier: GPL-2.0
;; The call_indirect traps: slot 0 holds a [] -> i32 function, slot 1 is
;; null, the table has 2 slots.
(module
  (type $v_i (func (result i32)))
  (type $v_v (func))
  (table 2 funcref)
  (elem (i32.const 0) $seven)
  (func $seven (type $v_i) (i32.const 7))
  (func (export "ok") (result i32) (i32.const 1))
  (func (export "call_slot") (param i32) (result i32)
    (call_indirect (type $v_i) (local.get 0)))
  (func (export "call_slot_wrong_type") (param i32)
    (call_indirect (type $v_v) (local.get 0))))
