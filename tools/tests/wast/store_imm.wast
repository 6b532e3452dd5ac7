;; A constant stored goes into the store's immediate (ops_mem.c,
;; lb_store_op): every width, the bytes a narrow store keeps, an i64 that
;; fits a sign-extended imm32 and ones that do not, constant and pinned
;; addresses, and the last bytes of the memory.

(module
  (memory 1)
  (func (export "widths") (param i32) (result i64)
    local.get 0 i64.const 0 i64.store
    local.get 0 i32.const 0x1234 i32.store8 offset=1
    local.get 0 i32.const 0x12345678 i32.store16 offset=2
    local.get 0 i64.const 0x123456789a i64.store32 offset=4
    local.get 0 i64.const -2 i64.store8
    local.get 0 i64.load)
  (func (export "i64s") (param i32) (result i64)
    local.get 0 i64.const -1 i64.store
    local.get 0 i64.const 0x7fffffff i64.store offset=8
    local.get 0 i64.const 0x80000000 i64.store offset=16
    local.get 0 i64.const -0x80000000 i64.store offset=24
    local.get 0 i64.const 0x123456789abcdef0 i64.store offset=32
    local.get 0 i64.load
    local.get 0 i64.load offset=8 i64.xor
    local.get 0 i64.load offset=16 i64.xor
    local.get 0 i64.load offset=24 i64.xor
    local.get 0 i64.load offset=32 i64.xor)
  (func (export "i32s") (param i32) (result i32)
    local.get 0 i32.const -1 i32.store
    local.get 0 i32.const 0x80000000 i32.store offset=4
    local.get 0 i64.const 0xffffffff00000007 i64.store16 offset=8
    local.get 0 i32.load
    local.get 0 i32.load offset=4 i32.add
    local.get 0 i32.load offset=8 i32.add)
  (func (export "const_addr") (result i32)
    i32.const 65532 i32.const 0x01020304 i32.store
    i32.const 65532 i32.load)
  (func (export "floats") (param i32) (result f64)
    local.get 0 f64.const 1.5 f64.store
    local.get 0 f32.const 2 f32.store offset=8
    local.get 0 f64.load
    local.get 0 f32.load offset=8 f64.promote_f32 f64.add)
  ;; a trapping store writes nothing
  (func (export "last8") (param i32)
    local.get 0 i64.const 0x0102030405060708 i64.store)
  (func (export "last1") (param i32)
    local.get 0 i32.const 0xab i32.store8)
  (func (export "peek") (param i32) (result i64)
    local.get 0 i64.load)
)

(assert_return (invoke "widths" (i32.const 0)) (i64.const 0x3456789a567834fe))
(assert_return (invoke "widths" (i32.const 65528)) (i64.const 0x3456789a567834fe))
(assert_trap (invoke "widths" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "i64s" (i32.const 100))
  (i64.const 0x123456781abcdef0))
(assert_return (invoke "i32s" (i32.const 200)) (i32.const 0x80000006))
(assert_return (invoke "const_addr") (i32.const 0x01020304))
(assert_return (invoke "floats" (i32.const 300)) (f64.const 3.5))
(assert_return (invoke "last8" (i32.const 65528)))
(assert_return (invoke "peek" (i32.const 65528)) (i64.const 0x0102030405060708))
(assert_trap (invoke "last8" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65528)) (i64.const 0x0102030405060708))
(assert_return (invoke "last1" (i32.const 65535)))
(assert_return (invoke "peek" (i32.const 65528)) (i64.const 0xab02030405060708))
(assert_trap (invoke "last1" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "last1" (i32.const -1)) "out of bounds memory access")
