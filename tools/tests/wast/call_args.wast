;; Calls: integer arguments in registers (ops_call.c, lb_arg_reg()),
;; the rest in the caller's fixed outgoing area; the parallel move of
;; the register arguments, the entry stub and call_indirect.

(module
  (type $mix (func (param i32 f64 i64 f32 i32 i64 i32 i64 i32 f64 i32)
                   (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $mix $six)
  (memory 1)
  ;; every parameter weighs in differently: a swapped pair shows
  (func $mix (type $mix)
    local.get 0 i64.extend_i32_u
    local.get 1 i64.trunc_f64_s i64.const 3 i64.mul i64.add
    local.get 2 i64.const 5 i64.mul i64.add
    local.get 3 i64.trunc_f32_s i64.const 7 i64.mul i64.add
    local.get 4 i64.extend_i32_u i64.const 11 i64.mul i64.add
    local.get 5 i64.const 13 i64.mul i64.add
    local.get 6 i64.extend_i32_u i64.const 17 i64.mul i64.add
    local.get 7 i64.const 19 i64.mul i64.add
    local.get 8 i64.extend_i32_u i64.const 23 i64.mul i64.add
    local.get 9 i64.trunc_f64_s i64.const 29 i64.mul i64.add
    local.get 10 i64.extend_i32_u i64.const 31 i64.mul i64.add)
  (func (export "mix") (type $mix)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4
    local.get 5 local.get 6 local.get 7 local.get 8 local.get 9
    local.get 10 call $mix)
  (func (export "mix_indirect") (type $mix)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4
    local.get 5 local.get 6 local.get 7 local.get 8 local.get 9
    local.get 10 i32.const 0 call_indirect (type $mix))
  ;; constants, a 64-bit one and values from slots as arguments
  (func (export "mix_consts") (result i64)
    i32.const 1 f64.const 2 i64.const 0x100000000 f32.const 4
    i32.const 5 i64.const -6 i32.const 7 i64.const 8 i32.const 9
    f64.const 10 i32.const 11 call $mix)
  (func (export "mix_slots") (param i32) (result i64)
    (local i32 i32 i32 i32 i32 i32 i32 i32)
    (local.set 8 (i32.const 100))
    local.get 8
    block (param i32) (result i32 f64 i64)
      f64.const 2 i64.const 3
    end
    f32.const 4 local.get 0 i64.const 6
    block (result i32 i64 i32)
      i32.const 7 i64.const 8 i32.const 9
    end
    f64.const 10 local.get 8 call $mix)
  ;; a memory: the callee keeps parameters 3-5 in r10, r9, r8 and rsi
  ;; holds the bound
  (func $six (param i32 i32 i32 i32 i32 i32) (result i32)
    (i32.store (i32.const 0) (local.get 5))
    local.get 0
    local.get 1 i32.const 10 i32.mul i32.add
    local.get 2 i32.const 100 i32.mul i32.add
    local.get 3 i32.const 1000 i32.mul i32.add
    local.get 4 i32.const 10000 i32.mul i32.add
    (i32.load (i32.const 0)) i32.const 100000 i32.mul i32.add)
  (func (export "six") (param i32 i32 i32 i32 i32 i32) (result i32)
    local.get 5 local.get 4 local.get 3 local.get 2 local.get 1
    local.get 0 call $six)
  (func (export "six_indirect") (param i32 i32 i32 i32 i32 i32) (result i32)
    local.get 5 local.get 4 local.get 3 local.get 2 local.get 1
    local.get 0 i32.const 1 call_indirect (param i32 i32 i32 i32 i32 i32)
                                          (result i32))
  ;; results beyond the first come back through the outgoing area
  (func $multi (param i32 i64 i32) (result i64 i32 i64)
    local.get 1 local.get 0 local.get 2 i32.add local.get 1 i64.const 1
    i64.add)
  (func (export "multi") (param i32 i64 i32) (result i64)
    (local i64)
    local.get 0 local.get 1 local.get 2 call $multi
    local.set 3 i64.extend_i32_u i64.add local.get 3 i64.add)
  ;; recursion: arguments in registers across many frames
  (func $sum (export "sum") (param i32 i64) (result i64)
    local.get 0 i32.eqz
    if (result i64)
      local.get 1
    else
      local.get 0 i32.const 1 i32.sub
      local.get 1 local.get 0 i64.extend_i32_u i64.add
      call $sum
    end)
  ;; i32 arguments must arrive zero-extended
  (func $ext (param i32 i64) (result i64)
    local.get 0 i64.extend_i32_u local.get 1 i64.add)
  (func (export "ext") (param i64) (result i64)
    local.get 0 i32.wrap_i64 local.get 0 i64.const 32 i64.shr_u
    call $ext))

(assert_return (invoke "mix" (i32.const 1) (f64.const 2) (i64.const 3)
  (f32.const 4) (i32.const 5) (i64.const 6) (i32.const 7) (i64.const 8)
  (i32.const 9) (f64.const 10) (i32.const 11)) (i64.const 1292))
(assert_return (invoke "mix_indirect" (i32.const 1) (f64.const 2)
  (i64.const 3) (f32.const 4) (i32.const 5) (i64.const 6) (i32.const 7)
  (i64.const 8) (i32.const 9) (f64.const 10) (i32.const 11))
  (i64.const 1292))
(assert_return (invoke "mix" (i32.const -1) (f64.const 0) (i64.const -1)
  (f32.const 0) (i32.const 0) (i64.const 0) (i32.const 0) (i64.const 0)
  (i32.const 0) (f64.const 0) (i32.const 0)) (i64.const 0xfffffffa))
(assert_return (invoke "mix_consts") (i64.const 21474837601))
(assert_return (invoke "mix_slots" (i32.const 5)) (i64.const 4150))
(assert_return (invoke "six" (i32.const 1) (i32.const 2) (i32.const 3)
  (i32.const 4) (i32.const 5) (i32.const 6)) (i32.const 123456))
(assert_return (invoke "six_indirect" (i32.const 1) (i32.const 2)
  (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6))
  (i32.const 123456))
(assert_return (invoke "multi" (i32.const 3) (i64.const 40) (i32.const 500))
  (i64.const 584))
(assert_return (invoke "sum" (i32.const 1000) (i64.const 7))
  (i64.const 500507))
(assert_return (invoke "ext" (i64.const 0x5ffffffff)) (i64.const 0x100000004))

;; a parameter past the pinned locals that still travels in a register
(module
  (func $far (param f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64
                    f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64
                    f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64
                    f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64
                    f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 i32 i64)
              (result i64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32
           i32 i32)
    local.get 66 i64.extend_i32_u local.get 67 i64.add
    local.get 0 i64.trunc_f64_s i64.add)
  (func (export "far") (param i32 i64) (result i64)
    f64.const 1 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0 f64.const 0
    local.get 0 local.get 1 call $far))

(assert_return (invoke "far" (i32.const 20) (i64.const 300)) (i64.const 321))

;; across instances: an imported function and a table entry of another
;; instance get their arguments in registers too
(module $callee
  (memory 1)
  (func (export "f") (param i32 i64 i32) (result i64)
    (i64.store (i32.const 8) (local.get 1))
    local.get 0 i64.extend_i32_u (i64.load (i32.const 8)) i64.add
    local.get 2 i64.extend_i32_u i64.const 100 i64.mul i64.add)
  (table (export "t") 1 funcref)
  (elem (i32.const 0) 0))
(register "callee" $callee)
(module
  (import "callee" "f" (func $f (param i32 i64 i32) (result i64)))
  (import "callee" "t" (table 1 funcref))
  (func (export "imp") (param i32 i64 i32) (result i64)
    local.get 2 local.get 1 local.get 0 call $f)
  (func (export "ind") (param i32 i64 i32) (result i64)
    local.get 2 local.get 1 local.get 0 i32.const 0
    call_indirect (param i32 i64 i32) (result i64)))

(assert_return (invoke "imp" (i32.const 1) (i64.const 20) (i32.const 3))
  (i64.const 123))
(assert_return (invoke "ind" (i32.const 1) (i64.const 20) (i32.const 3))
  (i64.const 123))

;; a loop whose own body calls: its branches back after the call skip the
;; header's poll check (the callee's prologue polls), those before it and
;; those from a block inside do not
(module
  (func $inc (param i64) (result i64) local.get 0 i64.const 1 i64.add)
  (func (export "loops") (param i32) (result i64)
    (local i64 i32)
    loop $l
      ;; odd counts skip the call: a back edge before it
      local.get 0 i32.const -1 i32.add local.tee 0
      i32.const 1 i32.and
      local.get 0 i32.const 0 i32.gt_s i32.and br_if $l
      local.get 1 call $inc local.set 1
      block $b
        local.get 0 i32.const 3 i32.rem_u br_if $b
        local.get 2 i32.const 1 i32.add local.set 2
        local.get 0 i32.const 0 i32.gt_s br_if $l
      end
      local.get 0 i32.const 0 i32.gt_s br_if $l
    end
    local.get 1 i64.const 1000 i64.mul local.get 2 i64.extend_i32_u i64.add))

(assert_return (invoke "loops" (i32.const 100)) (i64.const 50017))

;; the memory base stays current across calls whose callees grow the
;; memory (it moves): a direct callee returns it current, a call through
;; a funcref reloads it
(module $grower
  (memory (export "mem") 1)
  (func $grow (param i32) (result i32) local.get 0 memory.grow)
  (func $grow_deep (param i32) (result i32) local.get 0 call $grow)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "grow_then_access") (result i32)
    (i32.store (i32.const 100) (i32.const 42))
    (drop (call $grow_deep (i32.const 10)))
    (i32.store (i32.const 655360) (i32.const 7))
    (i32.add (i32.load (i32.const 100)) (i32.load (i32.const 655360)))))
(register "grower" $grower)
(module
  (import "grower" "mem" (memory 1))
  (import "grower" "grow" (func $grow (param i32) (result i32)))
  (func $via (param i32) (result i32) local.get 0 call $grow)
  (func (export "imported_grow") (result i32)
    (i32.store (i32.const 200) (i32.const 5))
    (drop (call $via (i32.const 20)))
    (i32.store (i32.const 1966080) (i32.const 6))
    (i32.add (i32.load (i32.const 200)) (i32.load (i32.const 1966080)))))

(assert_return (invoke $grower "grow_then_access") (i32.const 49))
(assert_return (invoke "imported_grow") (i32.const 11))

;; an instance with a memory of its own: after calling it, ours again
(module $own
  (memory 1)
  (func (export "poke") (param i32) (result i32)
    (i32.store (i32.const 300) (local.get 0))
    (i32.load (i32.const 300))))
(register "own" $own)
(module
  (import "own" "poke" (func $poke (param i32) (result i32)))
  (memory 1)
  (func (export "mine") (result i32)
    (i32.store (i32.const 300) (i32.const 1000))
    (drop (call $poke (i32.const 5)))
    (i32.load (i32.const 300))))

(assert_return (invoke "mine") (i32.const 1000))

;; generated: register arguments computed in every order, so that their
;; moves chain and cycle (the divisions move values between registers)
(module
  (func $g3 (param i32 i32 i32) (result i32)
    local.get 0 i32.const 1000003 i32.mul local.get 1 i32.const 1009 i32.mul i32.add local.get 2 i32.add)
  (func (export "f0") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 0 local.get 2 local.get 1 i32.sub i32.shl local.get 3 i32.shl local.get 1 local.get 3 i32.rem_u local.get 0 local.get 1 i32.xor i32.xor local.get 0 local.get 3 local.get 3 i32.add i32.shl i32.shl
    call $g3)
  (func (export "f1") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_u local.get 3 local.get 2 i32.add i32.rem_u local.get 3 local.get 1 i32.shl local.get 0 local.get 2 i32.xor i32.sub i32.shl local.get 0 local.get 1 i32.shl local.get 2 local.get 2 i32.shl i32.xor local.get 3 i32.xor local.get 0 local.get 3 local.get 0 local.get 0 i32.div_u i32.rem_u i32.sub
    call $g3)
  (func (export "f2") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 2 local.get 3 i32.add local.get 0 i32.add i32.add local.get 2 local.get 1 i32.xor local.get 3 local.get 0 i32.xor i32.add local.get 2 i32.xor local.get 0 local.get 2 i32.rem_u local.get 3 local.get 2 i32.rem_u i32.sub local.get 0 i32.xor
    call $g3)
  (func (export "f3") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 2 local.get 2 local.get 2 i32.sub i32.xor i32.shl local.get 3 local.get 1 i32.div_u local.get 3 i32.sub local.get 1 local.get 0 i32.sub local.get 2 local.get 2 i32.xor i32.shl i32.xor local.get 1 local.get 1 i32.add local.get 3 local.get 0 i32.div_u local.get 2 i32.sub i32.div_u
    call $g3)
  (func (export "f4") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 2 i32.xor local.get 0 local.get 3 i32.div_u i32.shl local.get 3 i32.xor local.get 0 local.get 0 local.get 0 i32.add local.get 3 local.get 2 i32.xor i32.rem_u local.get 1 local.get 0 i32.div_u i32.xor
    call $g3)
  (func (export "f5") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.shl local.get 3 local.get 3 local.get 0 i32.shl i32.sub local.get 1 local.get 3 i32.sub local.get 3 local.get 1 i32.shl i32.rem_u i32.sub local.get 3 local.get 1 local.get 1 i32.sub local.get 1 i32.xor i32.rem_u
    call $g3)
  (func (export "f6") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 1 i32.sub local.get 3 local.get 3 i32.add i32.add local.get 2 i32.xor local.get 3 local.get 1 local.get 3 i32.shl local.get 0 local.get 3 i32.xor i32.xor local.get 0 local.get 3 i32.sub local.get 0 local.get 1 i32.rem_u i32.div_u i32.rem_u
    call $g3)
  (func (export "f7") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 0 local.get 0 local.get 0 local.get 2 i32.sub i32.add
    call $g3)
  (func (export "f8") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 3 local.get 0 i32.sub i32.add local.get 3 i32.shl local.get 3 local.get 2 i32.add local.get 2 i32.shl local.get 2 local.get 0 i32.xor local.get 0 local.get 3 i32.add i32.add local.get 1 local.get 1 i32.xor local.get 3 i32.div_u i32.add
    call $g3)
  (func (export "f9") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 3 local.get 3 i32.rem_u local.get 0 local.get 0 i32.rem_u i32.shl local.get 3 local.get 2 i32.xor local.get 2 i32.shl i32.xor local.get 2 local.get 2 i32.rem_u
    call $g3)
  (func (export "f10") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 2 local.get 1 i32.add i32.sub local.get 1 local.get 3 i32.shl i32.shl local.get 0 local.get 0 local.get 3 i32.div_u local.get 0 local.get 0 i32.sub i32.sub i32.xor local.get 0
    call $g3)
  (func (export "f11") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 3 i32.sub local.get 3 local.get 3 local.get 2 local.get 1 i32.shl i32.sub local.get 3 local.get 2 i32.sub local.get 1 i32.sub i32.shl
    call $g3)
  (func (export "f12") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 3 local.get 0 i32.div_u i32.sub local.get 1 local.get 0 i32.add local.get 3 local.get 3 i32.div_u i32.xor i32.xor local.get 1 local.get 2 local.get 2 i32.div_u i32.add local.get 0 i32.xor local.get 0 local.get 0 local.get 2 i32.xor i32.rem_u
    call $g3)
  (func (export "f13") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 3 i32.shl local.get 0 i32.shl local.get 0 i32.sub local.get 2 local.get 3 i32.div_u local.get 2 local.get 3 i32.xor local.get 0 local.get 2 i32.sub i32.xor local.get 1 local.get 0 i32.sub local.get 2 local.get 0 i32.sub i32.shl i32.xor
    call $g3)
  (func (export "f14") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.xor local.get 0 i32.add local.get 1 local.get 2 i32.add local.get 1 i32.sub i32.shl local.get 2 local.get 1 i32.sub local.get 3 local.get 3 i32.sub i32.xor local.get 0 local.get 1 i32.add local.get 1 local.get 2 i32.div_u i32.shl i32.xor local.get 1 local.get 3 i32.div_u local.get 3 i32.div_u
    call $g3)
  (func (export "f15") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 2 local.get 2 local.get 1 i32.xor i32.rem_u local.get 1 local.get 2 i32.shl local.get 2 local.get 0 i32.add i32.sub i32.sub local.get 0 local.get 0 i32.shl local.get 1 i32.add local.get 1 local.get 3 i32.div_u local.get 0 local.get 3 i32.add i32.rem_u i32.add
    call $g3)
  (func (export "f16") (param i32 i32 i32 i32) (result i32)
    local.get 3 local.get 2 i32.div_u local.get 3 i32.shl local.get 3 local.get 0 i32.div_u local.get 1 local.get 1 i32.xor i32.add i32.add local.get 1 local.get 2 i32.add local.get 0 i32.sub local.get 0 i32.xor local.get 3 local.get 2 i32.shl local.get 2 local.get 1 i32.rem_u i32.xor local.get 1 i32.sub
    call $g3)
  (func (export "f17") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 2 i32.shl local.get 0 i32.add local.get 2 local.get 0 i32.shl local.get 0 local.get 3 i32.shl i32.rem_u i32.sub local.get 2 local.get 0
    call $g3)
  (func (export "f18") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 2 local.get 2 local.get 2 local.get 2 local.get 3 i32.xor i32.sub i32.sub
    call $g3)
  (func (export "f19") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 2 local.get 2 local.get 1 i32.sub i32.rem_u local.get 0 local.get 0 i32.shl local.get 2 local.get 0 i32.shl i32.shl i32.add local.get 3
    call $g3)
  (func (export "f20") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 0 i32.sub local.get 2 local.get 3 i32.shl i32.div_u local.get 3 local.get 1 i32.div_u local.get 2 local.get 0 i32.div_u i32.xor i32.div_u local.get 1 local.get 0 i32.add local.get 2 i32.rem_u local.get 1 local.get 3 i32.xor local.get 0 local.get 3 i32.shl i32.xor i32.rem_u local.get 1
    call $g3)
  (func (export "f21") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 1 local.get 3 i32.sub local.get 3 i32.add local.get 3 i32.div_u local.get 2 local.get 0 i32.xor
    call $g3)
  (func (export "f22") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 2 local.get 3 i32.div_u local.get 2 local.get 1 i32.rem_u i32.sub i32.add local.get 0 local.get 0 local.get 1 i32.shl local.get 3 i32.shl i32.div_u local.get 1 local.get 1 i32.xor local.get 1 local.get 2 i32.add i32.add local.get 1 local.get 3 i32.shl local.get 3 i32.add i32.shl
    call $g3)
  (func (export "f23") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 2 local.get 3 local.get 1 i32.rem_u
    call $g3)
  (func (export "f24") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 3 i32.rem_u local.get 3 local.get 2 i32.rem_u i32.div_u local.get 1 local.get 0 i32.xor local.get 2 local.get 2 i32.shl i32.shl i32.rem_u local.get 3 local.get 2 i32.div_u local.get 1 local.get 1 i32.add i32.xor local.get 1 i32.sub local.get 3 local.get 1 i32.add local.get 1 local.get 3 i32.sub i32.add local.get 0 local.get 1 local.get 1 i32.xor i32.add i32.sub
    call $g3)
  (func (export "f25") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 3 local.get 2 i32.sub local.get 2 i32.shl local.get 0
    call $g3)
  (func (export "f26") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 1 local.get 0 local.get 1 i32.div_u local.get 3 local.get 2 i32.rem_u i32.add local.get 1 local.get 0 i32.rem_u local.get 1 local.get 2 i32.add i32.add i32.rem_u
    call $g3)
  (func (export "f27") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 local.get 2 i32.xor local.get 0 i32.xor i32.xor local.get 0 local.get 3 local.get 2 i32.sub local.get 0 i32.shl i32.rem_u local.get 3
    call $g3)
  (func (export "f28") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 3 local.get 2 i32.shl i32.add local.get 2 local.get 1 i32.div_u local.get 3 i32.sub i32.add local.get 1 local.get 0 i32.shl local.get 3 local.get 2 i32.rem_u local.get 3 local.get 1 i32.shl i32.shl i32.sub local.get 3 local.get 2 local.get 1 i32.div_u i32.div_u local.get 1 local.get 1 i32.shl local.get 0 local.get 0 i32.add i32.rem_u i32.sub
    call $g3)
  (func (export "f29") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 1 i32.div_u local.get 1 local.get 0 i32.xor local.get 0 local.get 3 i32.add i32.xor local.get 3 i32.shl local.get 3 local.get 3 i32.sub local.get 2 local.get 2 i32.div_u i32.add local.get 3 local.get 2 local.get 0 i32.rem_u i32.xor i32.sub
    call $g3)
  (func (export "f30") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 0 i32.div_u local.get 3 local.get 1 i32.rem_u i32.xor local.get 3 local.get 3 i32.xor i32.sub local.get 2 local.get 3 i32.sub local.get 1 i32.div_u local.get 1 i32.add local.get 3 local.get 3 i32.shl local.get 3 local.get 1 i32.shl i32.xor local.get 1 local.get 0 i32.xor local.get 0 i32.div_u i32.div_u
    call $g3)
  (func (export "f31") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 3 local.get 3 i32.rem_u local.get 1 local.get 3 i32.rem_u i32.add i32.div_u local.get 0 local.get 2 local.get 3 i32.add i32.div_u local.get 0 i32.xor local.get 0
    call $g3)
  (func (export "f32") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 local.get 3 i32.shl local.get 2 i32.add i32.add local.get 2 local.get 2 i32.div_u local.get 1 i32.add local.get 0 local.get 3 i32.xor local.get 3 local.get 2 i32.div_u i32.rem_u i32.rem_u local.get 1 local.get 3 local.get 2 local.get 1 i32.sub i32.xor i32.shl
    call $g3)
  (func (export "f33") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 0 local.get 2 i32.rem_u i32.div_u local.get 3 local.get 3 i32.div_u local.get 1 local.get 3 i32.sub i32.add local.get 1 i32.div_u local.get 1 local.get 2 local.get 0 i32.xor local.get 3 local.get 3 i32.add i32.sub i32.sub
    call $g3)
  (func (export "f34") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 0 local.get 2 local.get 2 local.get 0 i32.rem_u local.get 3 local.get 1 i32.div_u i32.add i32.rem_u
    call $g3)
  (func (export "f35") (param i32 i32 i32 i32) (result i32)
    local.get 3 local.get 0 i32.xor local.get 0 i32.div_u local.get 0 local.get 2 i32.add local.get 1 i32.rem_u i32.xor local.get 3 local.get 1
    call $g3)
  (func (export "f36") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.rem_u local.get 1 local.get 2 i32.sub i32.xor local.get 1 local.get 2 i32.sub local.get 0 local.get 1 i32.add i32.shl i32.add local.get 2 local.get 2 i32.rem_u local.get 2 local.get 2 i32.rem_u i32.sub local.get 3 i32.shl local.get 0 local.get 2 i32.rem_u local.get 2 i32.shl local.get 2 local.get 3 i32.sub local.get 3 local.get 1 i32.xor i32.div_u i32.shl
    call $g3)
  (func (export "f37") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 2 i32.rem_u local.get 2 local.get 0 i32.shl i32.sub local.get 3 local.get 0 i32.rem_u local.get 1 i32.rem_u i32.div_u local.get 2 local.get 2 local.get 2 i32.xor local.get 3 i32.sub i32.xor local.get 0 local.get 1 i32.rem_u local.get 0 local.get 2 i32.add i32.shl local.get 1 local.get 2 local.get 1 i32.rem_u i32.rem_u i32.sub
    call $g3)
  (func (export "f38") (param i32 i32 i32 i32) (result i32)
    local.get 1 local.get 2 i32.add local.get 2 local.get 3 i32.add i32.rem_u local.get 3 i32.div_u local.get 3 local.get 0 local.get 2 i32.shl local.get 0 local.get 0 i32.add i32.xor i32.sub local.get 0
    call $g3)
  (func (export "f39") (param i32 i32 i32 i32) (result i32)
    local.get 3 local.get 2 i32.xor local.get 2 local.get 3 i32.xor local.get 2 local.get 1 i32.rem_u i32.rem_u i32.sub local.get 1 local.get 0 i32.add local.get 1 i32.sub local.get 3 local.get 1 local.get 3 i32.sub local.get 3 local.get 0 i32.sub i32.shl i32.rem_u
    call $g3)
)
(assert_return (invoke "f0" (i32.const 732) (i32.const 808) (i32.const 944) (i32.const 438)) (i32.const 808002558))
(assert_return (invoke "f1" (i32.const 387) (i32.const 736) (i32.const 601) (i32.const 339)) (i32.const -1845283501))
(assert_return (invoke "f2" (i32.const 35) (i32.const 543) (i32.const 981) (i32.const 196)) (i32.const 1755364337))
(assert_return (invoke "f3" (i32.const 245) (i32.const 679) (i32.const 21) (i32.const 538)) (i32.const -271481068))
(assert_return (invoke "f4" (i32.const 957) (i32.const 567) (i32.const 63) (i32.const 564)) (i32.const 1328969942))
(assert_return (invoke "f5" (i32.const 151) (i32.const 600) (i32.const 528) (i32.const 323)) (i32.const -75450735))
(assert_return (invoke "f6" (i32.const 875) (i32.const 261) (i32.const 248) (i32.const 912)) (i32.const 2045031436))
(assert_return (invoke "f7" (i32.const 854) (i32.const 936) (i32.const 299) (i32.const 37)) (i32.const 299863992))
(assert_return (invoke "f8" (i32.const 127) (i32.const 111) (i32.const 955) (i32.const 574)) (i32.const -939522431))
(assert_return (invoke "f9" (i32.const 897) (i32.const 341) (i32.const 968) (i32.const 414)) (i32.const 1122468696))
(assert_return (invoke "f10" (i32.const 407) (i32.const 506) (i32.const 28) (i32.const 931)) (i32.const 550061502))
(assert_return (invoke "f11" (i32.const 520) (i32.const 738) (i32.const 771) (i32.const 621)) (i32.const 149996511))
(assert_return (invoke "f12" (i32.const 991) (i32.const 214) (i32.const 226) (i32.const 872)) (i32.const 1122786512))
(assert_return (invoke "f13" (i32.const 350) (i32.const 355) (i32.const 197) (i32.const 497)) (i32.const -350000237))
(assert_return (invoke "f14" (i32.const 760) (i32.const 202) (i32.const 765) (i32.const 801)) (i32.const -1073240351))
(assert_return (invoke "f15" (i32.const 190) (i32.const 245) (i32.const 14) (i32.const 284)) (i32.const -1712502295))
(assert_return (invoke "f16" (i32.const 853) (i32.const 561) (i32.const 105) (i32.const 418)) (i32.const 11196524))
(assert_return (invoke "f17" (i32.const 381) (i32.const 35) (i32.const 528) (i32.const 499)) (i32.const 635879492))
(assert_return (invoke "f18" (i32.const 583) (i32.const 418) (i32.const 476) (i32.const 551)) (i32.const 418482557))
(assert_return (invoke "f19" (i32.const 394) (i32.const 217) (i32.const 77) (i32.const 376)) (i32.const 624165824))
(assert_return (invoke "f20" (i32.const 912) (i32.const 315) (i32.const 294) (i32.const 566)) (i32.const 3051783))
(assert_return (invoke "f21" (i32.const 66) (i32.const 453) (i32.const 899) (i32.const 772)) (i32.const 453002320))
(assert_return (invoke "f22" (i32.const 879) (i32.const 320) (i32.const 645) (i32.const 199)) (i32.const 877126151))
(assert_return (invoke "f23" (i32.const 252) (i32.const 495) (i32.const 717) (i32.const 215)) (i32.const 717725819))
(assert_return (invoke "f24" (i32.const 518) (i32.const 682) (i32.const 172) (i32.const 123)) (i32.const 688984))
(assert_return (invoke "f25" (i32.const 489) (i32.const 381) (i32.const 445) (i32.const 152)) (i32.const 2099614692))
(assert_return (invoke "f26" (i32.const 922) (i32.const 892) (i32.const 452) (i32.const 763)) (i32.const 892903016))
(assert_return (invoke "f27" (i32.const 175) (i32.const 7) (i32.const 34) (i32.const 345)) (i32.const 37177031))
(assert_return (invoke "f28" (i32.const 512) (i32.const 70) (i32.const 492) (i32.const 822)) (i32.const -1077524170))
(assert_return (invoke "f29" (i32.const 667) (i32.const 269) (i32.const 762) (i32.const 491)) (i32.const -557858672))
(assert_return (invoke "f30" (i32.const 837) (i32.const 142) (i32.const 406) (i32.const 796)) (i32.const -520866491))
(assert_return (invoke "f31" (i32.const 212) (i32.const 910) (i32.const 399) (i32.const 250)) (i32.const 5214135))
(assert_return (invoke "f32" (i32.const 257) (i32.const 766) (i32.const 128) (i32.const 623)) (i32.const 965700276))
(assert_return (invoke "f33" (i32.const 549) (i32.const 463) (i32.const 11) (i32.const 484)) (i32.const 770940767))
(assert_return (invoke "f34" (i32.const 110) (i32.const 657) (i32.const 774) (i32.const 515)) (i32.const 774113314))
(assert_return (invoke "f35" (i32.const 335) (i32.const 722) (i32.const 456) (i32.const 762)) (i32.const 71769793))
(assert_return (invoke "f36" (i32.const 868) (i32.const 805) (i32.const 306) (i32.const 90)) (i32.const -1682161052))
(assert_return (invoke "f37" (i32.const 488) (i32.const 728) (i32.const 522) (i32.const 650)) (i32.const -1305791370))
(assert_return (invoke "f38" (i32.const 418) (i32.const 762) (i32.const 46) (i32.const 406)) (i32.const 1679352532))
(assert_return (invoke "f39" (i32.const 212) (i32.const 387) (i32.const 669) (i32.const 109)) (i32.const 564215709))

;; Kept pins (pin.c, lb_pin_claim) shift the later parameters' pins up,
;; onto the argument registers of the parameters after them: the moves
;; must go from the last parameter down.  Five i32 parameters and more
;; integer locals than pins, in a module with a memory (six pins).
(module
  (memory 1)
  (func $weigh (param i32 i32 i32 i32 i32) (result i32)
    (local i32 i32 i32 i32)
    ;; the locals, written in a loop with computed values, claim pins
    (loop $l
      local.get 0 local.get 1 i32.add local.tee 5
      local.get 2 i32.add local.tee 6
      local.get 3 i32.add local.tee 7
      local.get 4 i32.add local.tee 8
      i32.const 0 i32.lt_s br_if $l)
    local.get 0
    local.get 1 i32.const 10 i32.mul i32.add
    local.get 2 i32.const 100 i32.mul i32.add
    local.get 3 i32.const 1000 i32.mul i32.add
    local.get 4 i32.const 10000 i32.mul i32.add
    local.get 8 i32.const 100000 i32.mul i32.add)
  (func (export "weigh") (param i32 i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4
    call $weigh)
  (func (export "weigh_direct") (result i32)
    i32.const 1 i32.const 2 i32.const 3 i32.const 4 i32.const 5
    call $weigh)
  (export "weigh_entry" (func $weigh)))

(assert_return (invoke "weigh" (i32.const 1) (i32.const 2) (i32.const 3)
                               (i32.const 4) (i32.const 5))
               (i32.const 1554321))
(assert_return (invoke "weigh_direct") (i32.const 1554321))
(assert_return (invoke "weigh_entry" (i32.const 5) (i32.const 4)
                                     (i32.const 3) (i32.const 2)
                                     (i32.const 1))
               (i32.const 1512345))
