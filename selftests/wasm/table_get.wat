;; SPDX-License-Identifier: GPL-2.0
;; table.get past the end of a 2-slot table (reference types).
(module
  (table 2 funcref)
  (func (export "ok") (result i32) (i32.const 1))
  (func (export "table_get") (param i32) (result funcref)
    (table.get 0 (local.get 0))))
