;; A function saves the callee-saved registers it pins (rbx, r12, r13) and
;; must not use the others as temporaries either (pin.c lb_pin_locals):
;; its caller may keep pinned locals in them across the call, and facts
;; about them -- such as a checked bound, which once let a callee with
;; four live values turn the caller's next access into one outside the
;; memory.
(module
  (memory 1)
  (global $x (mut i32) (i32.const 0x40000000))
  ;; no integer locals: rbx, r12 and r13 are not pinned here
  (func $clobber (result i32)
    (global.get $x) (global.get $x) (global.get $x) (global.get $x)
    (global.get $x) (global.get $x) (global.get $x) (global.get $x)
    (global.get $x) (global.get $x) (global.get $x) (global.get $x)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add))
  ;; one integer local: rbx pinned and saved, r12 and r13 not
  (func $clobber1 (param f64) (result i32)
    (local i32)
    (local.set 1 (global.get $x))
    (call $clobber)
    (global.get $x) (global.get $x) (global.get $x) (global.get $x)
    (global.get $x) (global.get $x) (global.get $x) (global.get $x)
    (global.get $x) (global.get $x) (local.get 1)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add))
  (func (export "load_after_call") (param i32) (result i32)
    (i32.store (local.get 0) (i32.const 77))
    (drop (call $clobber))
    (i32.load (local.get 0)))
  (func (export "locals_after_call") (param i32 i32 i32) (result i32)
    (drop (call $clobber))
    (drop (call $clobber1 (f64.const 1)))
    (i32.add (i32.add (local.get 0) (i32.mul (local.get 1) (i32.const 10)))
             (i32.mul (local.get 2) (i32.const 100)))))

(assert_return (invoke "load_after_call" (i32.const 16)) (i32.const 77))
(assert_return (invoke "load_after_call" (i32.const 65532)) (i32.const 77))
(assert_trap (invoke "load_after_call" (i32.const 65533))
  "out of bounds memory access")
(assert_return (invoke "locals_after_call" (i32.const 1) (i32.const 2)
                 (i32.const 3))
  (i32.const 321))
