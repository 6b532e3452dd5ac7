;; call_indirect with a signature too long to encode in its id (more than
;; 17 types): ids differ across modules and for other types, and
;; lb_rt_sig_equal() compares the types.  Its answer once went lost when
;; the funcref's register was rax (popped over it): the call then went
;; ahead whatever the callee's signature, and a callee with more
;; parameters and results than the call site read and wrote past the
;; caller's outgoing area, up its frame.
(module $m1
  (type $t9 (func (param i32 i64 i32 i64 i64 i32 i32 i32 i64)
                  (result i32 i64 i32 i64 i64 i32 i32 i32 i64)))
  (type $t20 (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
                          i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                   (result i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
                           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (table $tab (export "tab") 3 funcref)
  (elem (i32.const 0) $short $long9 $long20)
  (func $short (param i32 i32) (result i32 i32) (local.get 0) (local.get 1))
  (func $long9 (type $t9)
    (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
    (local.get 5) (local.get 6) (local.get 7) (i64.const 90))
  (func $long20 (type $t20)
    (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
    (local.get 5) (local.get 6) (local.get 7) (local.get 8) (local.get 9)
    (local.get 10) (local.get 11) (local.get 12) (local.get 13)
    (local.get 14) (local.get 15) (local.get 16) (local.get 17)
    (local.get 18) (local.get 19))
  ;; the first and the last result of entry i as a $t9; the arguments in
  ;; registers until the call, so that the funcref gets rax
  (func (export "call9") (param i32) (result i32 i64)
    (local i64)
    (i32.sub (local.get 0) (local.get 0)) (i64.const 2)
    (i32.add (local.get 0) (i32.const 3)) (i64.extend_i32_u (local.get 0))
    (i64.extend_i32_s (local.get 0)) (i32.mul (local.get 0) (i32.const 6))
    (i32.const 7) (i32.const 8) (i64.const 9)
    (call_indirect (type $t9) (i32.and (local.get 0) (i32.const 7)))
    (local.set 1)
    (drop) (drop) (drop) (drop) (drop) (drop) (drop)
    (local.get 1)))
(register "m1" $m1)

(assert_trap (invoke "call9" (i32.const 0)) "indirect call type mismatch")
(assert_return (invoke "call9" (i32.const 1)) (i32.const 0) (i64.const 90))
(assert_trap (invoke "call9" (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke "call9" (i32.const 3)) "undefined element")

;; The same signature from another module: equal after the comparison.
(module
  (type $t9 (func (param i32 i64 i32 i64 i64 i32 i32 i32 i64)
                  (result i32 i64 i32 i64 i64 i32 i32 i32 i64)))
  (import "m1" "tab" (table 3 funcref))
  (func (export "call9") (param i32) (result i32 i64)
    (local i64)
    (i32.const 11) (i64.const 2) (i32.const 3) (i64.const 4) (i64.const 5)
    (i32.const 6) (i32.const 7) (i32.const 8) (i64.const 9)
    (call_indirect (type $t9) (i32.and (local.get 0) (i32.const 7)))
    (local.set 1)
    (drop) (drop) (drop) (drop) (drop) (drop) (drop)
    (local.get 1)))

(assert_return (invoke "call9" (i32.const 1)) (i32.const 11) (i64.const 90))
(assert_trap (invoke "call9" (i32.const 2)) "indirect call type mismatch")
(assert_trap (invoke "call9" (i32.const 0)) "indirect call type mismatch")
