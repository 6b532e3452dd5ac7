;; i64.extend_i32_u; i64.const C; i64.add; i32.wrap_i64 is compiled as
;; one i32.add of C's low half (ops_int.c, lb_fuse_add_wrap): the sum
;; wraps at 2^32, every constant size (a 10-byte one, which could be
;; malformed, is compiled opcode by opcode), padded encodings, an address
;; near the memory's end, a pinned local written with it, unreachable
;; code, and sequences that only look alike.

(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (data (i32.const 65528) "\f8\f9\fa\fb\fc\fd\fe\ff")
  (func (export "c8") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 8 i64.add i32.wrap_i64)
  (func (export "cneg") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const -8 i64.add i32.wrap_i64)
  (func (export "c0") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 0 i64.add i32.wrap_i64)
  ;; 5 bytes: the high half is dropped
  (func (export "cbig") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 0x100000005 i64.add
    i32.wrap_i64)
  ;; 9 bytes: the largest fused constant, 2^62 - 1
  (func (export "c9") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 0x3fffffffffffffff i64.add
    i32.wrap_i64)
  ;; 10 bytes: 2^62 + 3, and -2^63
  (func (export "c10") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 0x4000000000000003 i64.add
    i32.wrap_i64)
  (func (export "cmin") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 0x8000000000000000 i64.add
    i32.wrap_i64)
  ;; a computed operand, not a local
  (func (export "temp") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.xor
    i64.extend_i32_u i64.const 0xfffffff0 i64.add i32.wrap_i64)
  ;; a constant operand folds
  (func (export "const") (result i32)
    i32.const -1 i64.extend_i32_u i64.const 2 i64.add i32.wrap_i64)

  ;; as addresses, through a pinned local and through a temporary
  (func (export "load") (param i32) (result i64)
    local.get 0 i64.extend_i32_u i64.const 8 i64.add i32.wrap_i64
    i64.load)
  (func (export "load_neg") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const -4 i64.add i32.wrap_i64
    i32.load8_u offset=1)
  (func (export "load_temp") (param i32) (result i64)
    local.get 0 i32.const 0 i32.or
    i64.extend_i32_u i64.const 8 i64.add i32.wrap_i64
    i64.load)
  (func (export "store") (param i32 i64) (result i64)
    local.get 0 i64.extend_i32_u i64.const 16 i64.add i32.wrap_i64
    local.get 1 i64.store
    local.get 0 i64.extend_i32_u i64.const 16 i64.add i32.wrap_i64
    i64.load)

  ;; x = x + C, then read; and a tee keeps the value on the stack
  (func (export "set") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 24 i64.add i32.wrap_i64
    local.set 0
    local.get 0)
  (func (export "tee") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const -24 i64.add i32.wrap_i64
    local.tee 0
    local.get 0 i32.add)

  ;; the pattern in unreachable code validates
  (func (export "dead") (param i32) (result i32)
    block (result i32)
      local.get 0
      br 0
      i64.extend_i32_u i64.const 1 i64.add i32.wrap_i64
    end)
  (func (export "dead_empty") (result i32)
    unreachable
    i64.extend_i32_u i64.const 1 i64.add i32.wrap_i64)

  ;; alike, but not the pattern: no wrap, a sub, an extend_s
  (func (export "no_wrap") (param i32) (result i64)
    local.get 0 i64.extend_i32_u i64.const 8 i64.add)
  (func (export "sub") (param i32) (result i32)
    local.get 0 i64.extend_i32_u i64.const 8 i64.sub i32.wrap_i64)
  (func (export "signed") (param i32) (result i64)
    local.get 0 i64.extend_i32_s i64.const 8 i64.add
    i64.const 32 i64.shr_u)
)

(assert_return (invoke "c8" (i32.const 0)) (i32.const 8))
(assert_return (invoke "c8" (i32.const 0xfffffff8)) (i32.const 0))
(assert_return (invoke "c8" (i32.const 0xfffffffc)) (i32.const 4))
(assert_return (invoke "cneg" (i32.const 8)) (i32.const 0))
(assert_return (invoke "cneg" (i32.const 0)) (i32.const 0xfffffff8))
(assert_return (invoke "c0" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "cbig" (i32.const 0xfffffffb)) (i32.const 0))
(assert_return (invoke "cbig" (i32.const 7)) (i32.const 12))
(assert_return (invoke "c9" (i32.const 1)) (i32.const 0))
(assert_return (invoke "c9" (i32.const 0)) (i32.const -1))
(assert_return (invoke "c10" (i32.const 1)) (i32.const 4))
(assert_return (invoke "c10" (i32.const 0xfffffffd)) (i32.const 0))
(assert_return (invoke "cmin" (i32.const 0x12345678)) (i32.const 0x12345678))
(assert_return (invoke "temp" (i32.const 0x10) (i32.const 0x01)) (i32.const 1))
(assert_return (invoke "temp" (i32.const 0) (i32.const 0)) (i32.const 0xfffffff0))
(assert_return (invoke "const") (i32.const 1))

(assert_return (invoke "load" (i32.const 0)) (i64.const 0x100f0e0d0c0b0a09))
(assert_return (invoke "load" (i32.const 65520)) (i64.const 0xfffefdfcfbfaf9f8))
(assert_trap (invoke "load" (i32.const 65521)) "out of bounds memory access")
(assert_trap (invoke "load" (i32.const 0xfffffff7)) "out of bounds memory access")
;; wraps to 0
(assert_return (invoke "load" (i32.const 0xfffffff8)) (i64.const 0x0807060504030201))
(assert_return (invoke "load_neg" (i32.const 4)) (i32.const 2))
(assert_return (invoke "load_neg" (i32.const 65538)) (i32.const 0xff))
(assert_trap (invoke "load_neg" (i32.const 65539)) "out of bounds memory access")
;; 0 - 4 + 1 wraps past 2^32: out of bounds
(assert_trap (invoke "load_neg" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "load_temp" (i32.const 65520)) (i64.const 0xfffefdfcfbfaf9f8))
(assert_trap (invoke "load_temp" (i32.const 65521)) "out of bounds memory access")
(assert_return (invoke "store" (i32.const 32) (i64.const -2)) (i64.const -2))
(assert_return (invoke "store" (i32.const 65512) (i64.const 7)) (i64.const 7))
(assert_trap (invoke "store" (i32.const 65513) (i64.const 7)) "out of bounds memory access")

(assert_return (invoke "set" (i32.const 1)) (i32.const 25))
(assert_return (invoke "set" (i32.const 0xfffffff0)) (i32.const 8))
(assert_return (invoke "tee" (i32.const 25)) (i32.const 2))
(assert_return (invoke "tee" (i32.const 0)) (i32.const 0xffffffd0))
(assert_return (invoke "dead" (i32.const 5)) (i32.const 5))
(assert_trap (invoke "dead_empty") "unreachable")
(assert_return (invoke "no_wrap" (i32.const 0xfffffff8)) (i64.const 0x100000000))
(assert_return (invoke "sub" (i32.const 4)) (i32.const 0xfffffffc))
(assert_return (invoke "signed" (i32.const -1)) (i64.const 0))
(assert_return (invoke "signed" (i32.const -9)) (i64.const 0xffffffff))

;; padded constants: 8 in 9 bytes (fused) and in 10 bytes (not)
(module binary
  "\00\61\73\6d\01\00\00\00\01\06\01\60\01\7f\01\7f\03\03\02\00\00\07\10"
  "\02\04\70\61\64\39\00\00\05\70\61\64\31\30\00\01\0a\26\02\11\00\20\00"
  "\ad\42\88\80\80\80\80\80\80\80\00\7c\a7\0b\12\00\20\00\ad\42\88\80\80"
  "\80\80\80\80\80\80\00\7c\a7\0b")
(assert_return (invoke "pad9" (i32.const 0xfffffff9)) (i32.const 1))
(assert_return (invoke "pad10" (i32.const 0xfffffff9)) (i32.const 1))

;; a 10-byte constant whose last byte is malformed: the const's error
(assert_malformed
  (module binary
    "\00\61\73\6d\01\00\00\00\01\06\01\60\01\7f\01\7f\03\02\01\00\0a\14"
    "\01\12\00\20\00\ad\42\88\80\80\80\80\80\80\80\80\02\7c\a7\0b")
  "integer too large")

;; an i64 operand: the extend's type error
(assert_invalid
  (module (func (param i64) (result i32)
    local.get 0 i64.extend_i32_u i64.const 8 i64.add i32.wrap_i64))
  "type mismatch")
(assert_invalid
  (module (func (result i32)
    i64.extend_i32_u i64.const 8 i64.add i32.wrap_i64))
  "type mismatch")

;; bodies that end inside the pattern: never read past them
(assert_malformed
  (module binary
    "\00\61\73\6d\01\00\00\00\01\06\01\60\01\7f\01\7f\03\02\01\00\0a\0a"
    "\01\08\00\20\00\ad\42\08\7c\a7")
  "unexpected end")
(assert_malformed
  (module binary
    "\00\61\73\6d\01\00\00\00\01\06\01\60\01\7f\01\7f\03\02\01\00\0a\09"
    "\01\07\00\20\00\ad\42\08\7c")
  "unexpected end")
(assert_malformed
  (module binary
    "\00\61\73\6d\01\00\00\00\01\06\01\60\01\7f\01\7f\03\02\01\00\0a\08"
    "\01\06\00\20\00\ad\42\08")
  "unexpected end")
(assert_malformed
  (module binary
    "\00\61\73\6d\01\00\00\00\01\06\01\60\01\7f\01\7f\03\02\01\00\0a\08"
    "\01\06\00\20\00\ad\42\88")
  "unexpected end")
