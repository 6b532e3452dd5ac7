;; SPDX-License-Identifier: GPL-2.0
;; Imports "exp" "add" with the wrong type: an incompatible import.
(module
  (import "exp" "add" (func (param i32) (result i32))))
