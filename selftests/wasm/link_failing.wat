;; SPDX-License-Identifier: GPL-2.0
;; Puts its $forty_three into slot 2 of the table of "exp", then traps in
;; its start function: the instance fails, the table keeps the function.
(module
  (type $v_i (func (result i32)))
  (import "exp" "tab" (table 3 funcref))
  (elem (i32.const 2) $forty_three)
  (func $forty_three (type $v_i) (i32.const 43))
  (func $start (unreachable))
  (start $start))
