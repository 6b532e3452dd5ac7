;; call_indirect across modules with a signature too long to encode in
;; its id (more than 17 value types): compared structurally at run time.
(module $A
  (type $long (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (func $f (export "f") (type $long) (i32.add (local.get 0) (local.get 19)))
  (table (export "t") 2 funcref)
  (elem (i32.const 0) $f))
(register "A" $A)
(module $B
  (type $long (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (type $other (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i64) (result i32)))
  (import "A" "t" (table 2 funcref))
  (func (export "call") (param i32) (result i32)
    (call_indirect (type $long) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12) (i32.const 13) (i32.const 14) (i32.const 15) (i32.const 16) (i32.const 17) (i32.const 18) (i32.const 19) (i32.const 20) (local.get 0)))
  (func (export "bad") (param i32) (result i32)
    (call_indirect (type $other) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12) (i32.const 13) (i32.const 14) (i32.const 15) (i32.const 16) (i32.const 17) (i32.const 18) (i32.const 19) (i64.const 20) (local.get 0))))
(assert_return (invoke $B "call" (i32.const 0)) (i32.const 21))
(assert_trap (invoke $B "bad" (i32.const 0)) "indirect call type mismatch")
(assert_trap (invoke $B "call" (i32.const 1)) "uninitialized element")
