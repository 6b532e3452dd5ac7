;; Pins kept for a loop's temporaries (pin.c's lb_pin_claim): a function
;; with more integer locals than pins keeps callee-saved registers free
;; and gives them to locals at their first access: outside loops, or
;; written inside a loop with a computed value (not a constant).

(module
  (memory 1)
  (func $id (param i32) (result i32) local.get 0)
  (func $id64 (param i64) (result i64) local.get 0)

  ;; 11 integer locals: l7, l8, l9 get the kept pins in the loop, and keep
  ;; their values across a call; l2 carries the sum across iterations.
  (func (export "carry") (param $n i32) (result i64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i64 i64)
    loop $l
      local.get $n
      i32.const 1
      i32.add
      local.tee 7		;; claims
      local.get 7
      i32.add
      local.set 1
      local.get 2
      i32.const 3
      i32.add
      local.tee 8		;; claims
      call $id
      local.get 1
      i32.add
      local.get 8
      i32.add
      local.set 2
      local.get 2
      i64.extend_i32_u
      i64.const 5
      i64.add
      local.tee 9		;; an i64 claim
      call $id64
      drop
      local.get 9
      i64.const 1000
      i64.mul
      local.get 7
      i64.extend_i32_u
      i64.add
      local.set 10		;; no pin left
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $l
    end
    local.get 10)

  ;; an early return before any claim restores the kept registers; the
  ;; caller's own claimed locals survive the call
  (func $early (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    i32.eqz
    if
      i32.const 77
      return
    end
    loop
      local.get 0
      i32.const 2
      i32.mul
      local.tee 9
      local.get 9
      i32.add
      local.set 1
    end
    local.get 1)
  (func (export "outer") (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32)
    loop
      local.get 0
      i32.const 10
      i32.add
      local.tee 8
      call $early
      local.get 8
      i32.add
      local.tee 9
      call $early
      local.get 9
      i32.add
      local.get 8
      i32.add
      local.set 1
    end
    local.get 1)

  ;; outside any loop: claims at once (l8, then l7 read as 0)
  (func (export "no_loop") (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32)
    local.get 0
    i32.const 1
    i32.add
    local.tee 8
    local.get 8
    i32.mul
    local.get 7
    i32.add)

  ;; nested loops: a constant set in the outer loop stays in its slot
  ;; (l6), the inner loop's computed set claims (l7)
  (func (export "nested") (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32)
    loop $o
      i32.const 3
      local.set 6
      loop $i
        local.get 6
        local.get 0
        i32.add
        local.set 7
        local.get 8
        local.get 7
        i32.add
        local.set 8
        local.get 6
        i32.const 1
        i32.sub
        local.tee 6
        br_if $i
      end
      local.get 0
      i32.const 1
      i32.sub
      local.tee 0
      br_if $o
    end
    local.get 8)

  ;; three loops deep: the innermost loop's counter, set to a constant
  ;; in the middle loop, claims (l6) and survives the call; the middle
  ;; loop's, set in the outer loop, stays in its slot (l5)
  (func (export "nested3") (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32)
    loop $a
      i32.const 2
      local.set 5
      loop $b
        i32.const 3
        local.set 6
        loop $c
          local.get 8
          local.get 6
          call $id
          i32.add
          local.get 5
          i32.add
          local.set 8
          local.get 6
          i32.const 1
          i32.sub
          local.tee 6
          br_if $c
        end
        local.get 5
        i32.const 1
        i32.sub
        local.tee 5
        br_if $b
      end
      local.get 0
      i32.const 1
      i32.sub
      local.tee 0
      br_if $a
    end
    local.get 8
    local.get 6
    i32.add)

  ;; local.set of a pinned local plus a constant: one lea into the
  ;; target's register (pin.c), also from another local and for i64
  (func (export "step") (param i32 i64) (result i64)
    (local i32)
    local.get 0
    i32.const 5
    i32.add
    local.set 0
    local.get 0
    i32.const -7
    i32.add
    local.set 2
    local.get 0
    i32.const 3
    i32.sub
    local.set 0
    local.get 1
    i64.const 0x7fffffff
    i64.add
    local.set 1
    local.get 1
    local.get 0
    i64.extend_i32_u
    i64.const 32
    i64.shl
    i64.add
    local.get 2
    i64.extend_i32_u
    i64.add)

  ;; an i32 sum zero-extended (no code) into an i64 local still wraps
  (func (export "step_extend") (param i32) (result i64)
    (local i64)
    local.get 0
    i32.const 1
    i32.add
    i64.extend_i32_u
    local.set 1
    local.get 1)

  ;; local.get of pinned locals with every temporary register taken
  (func (export "no_reg") (param i32 i32 i32 i32 i32) (result i32)
    local.get 0 i32.const 1 i32.add
    local.get 1 i32.const 2 i32.add
    local.get 2 i32.const 3 i32.add
    local.get 3 i32.const 4 i32.add
    local.get 0 i32.const 5 i32.add
    local.get 1 i32.const 6 i32.add
    local.get 2 i32.const 7 i32.add
    local.get 4
    i32.const 1000 local.set 4	;; the copy keeps the old value
    i32.or
    i32.add i32.add i32.add i32.add i32.add i32.add
    local.get 4 i32.add)
  (func (export "no_xmm") (param f64 f64) (result f64)
    local.get 0 f64.const 1 f64.add
    local.get 0 f64.const 2 f64.add
    local.get 0 f64.const 3 f64.add
    local.get 0 f64.const 4 f64.add
    local.get 0 f64.const 5 f64.add
    local.get 1
    f64.const 100 local.set 1
    f64.mul
    f64.add f64.add f64.add f64.add
    local.get 1 f64.add)

  ;; a memory access through a claimed local, checked as usual
  (func (export "store_at") (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32)
    loop
      local.get 0
      i32.const 4
      i32.add
      local.tee 8
      local.get 1
      i32.store
    end
    local.get 8
    i32.load)
)

(assert_return (invoke "carry" (i32.const 4)) (i64.const 223002))
(assert_return (invoke "carry" (i32.const 1)) (i64.const 15002))
(assert_return (invoke "outer" (i32.const 0)) (i32.const 260))
(assert_return (invoke "outer" (i32.const -10)) (i32.const 385))
(assert_return (invoke "no_loop" (i32.const 4)) (i32.const 25))
(assert_return (invoke "step" (i32.const 1) (i64.const 1)) (i64.const 0x4_7fff_ffff))
(assert_return (invoke "step_extend" (i32.const -1)) (i64.const 0))
(assert_return (invoke "no_reg" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 16)) (i32.const 1060))
(assert_return (invoke "no_xmm" (f64.const 1) (f64.const 2)) (f64.const 126))
(assert_return (invoke "step_extend" (i32.const 41)) (i64.const 42))
(assert_return (invoke "step" (i32.const -3) (i64.const -1)) (i64.const 0x7fff_fff9))
(assert_return (invoke "nested" (i32.const 2)) (i32.const 21))
(assert_return (invoke "nested3" (i32.const 2)) (i32.const 42))
(assert_return (invoke "nested3" (i32.const 1)) (i32.const 21))
(assert_return (invoke "store_at" (i32.const 8) (i32.const 99)) (i32.const 99))
(assert_trap (invoke "store_at" (i32.const 65532) (i32.const 1))
	     "out of bounds memory access")
