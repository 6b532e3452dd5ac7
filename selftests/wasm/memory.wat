;; SPDX-License-Identifier: GPL-2.0
;; A linear memory with data segments, for LB_IOC_MEM_READ/WRITE/INFO.
(module
  (memory (export "mem") 1 4)
  (data (i32.const 0) "lightbeam")
  (data (i32.const 65530) "\01\02\03\04\05\06")
  (func (export "load8") (param i32) (result i32)
    (i32.load8_u (local.get 0)))
  (func (export "store8") (param i32 i32)
    (i32.store8 (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0))))
