;; SPDX-License-Identifier: GPL-2.0
;; Imports from the built-in "spectest" module.
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "memory" (memory 1))
  (func (export "get") (result i32)
    (call $print (global.get $g))
    (global.get $g))
  (func (export "size") (result i32) (memory.size)))
