;; Runs of empty blocks (control.c, lb_op_block: after a block, the next
;; empty ones only push their frames): Go's dispatch, a br_table over 71
;; blocks opened in a row; values live across a run; a typed block, a
;; loop and an if around or after one; a run in unreachable code.

(module
  (func (export "dispatch") (param i32) (result i32)
    (block $out (result i32)
      block
      block block block block block block block block block block
      block block block block block block block block block block
      block block block block block block block block block block
      block block block block block block block block block block
      block block block block block block block block block block
      block block block block block block block block block block
      block block block block block block block block block block
        local.get 0
        br_table 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70
      end i32.const 1 br $out
      end i32.const 4 br $out
      end i32.const 7 br $out
      end i32.const 10 br $out
      end i32.const 13 br $out
      end i32.const 16 br $out
      end i32.const 19 br $out
      end i32.const 22 br $out
      end i32.const 25 br $out
      end i32.const 28 br $out
      end i32.const 31 br $out
      end i32.const 34 br $out
      end i32.const 37 br $out
      end i32.const 40 br $out
      end i32.const 43 br $out
      end i32.const 46 br $out
      end i32.const 49 br $out
      end i32.const 52 br $out
      end i32.const 55 br $out
      end i32.const 58 br $out
      end i32.const 61 br $out
      end i32.const 64 br $out
      end i32.const 67 br $out
      end i32.const 70 br $out
      end i32.const 73 br $out
      end i32.const 76 br $out
      end i32.const 79 br $out
      end i32.const 82 br $out
      end i32.const 85 br $out
      end i32.const 88 br $out
      end i32.const 91 br $out
      end i32.const 94 br $out
      end i32.const 97 br $out
      end i32.const 100 br $out
      end i32.const 103 br $out
      end i32.const 106 br $out
      end i32.const 109 br $out
      end i32.const 112 br $out
      end i32.const 115 br $out
      end i32.const 118 br $out
      end i32.const 121 br $out
      end i32.const 124 br $out
      end i32.const 127 br $out
      end i32.const 130 br $out
      end i32.const 133 br $out
      end i32.const 136 br $out
      end i32.const 139 br $out
      end i32.const 142 br $out
      end i32.const 145 br $out
      end i32.const 148 br $out
      end i32.const 151 br $out
      end i32.const 154 br $out
      end i32.const 157 br $out
      end i32.const 160 br $out
      end i32.const 163 br $out
      end i32.const 166 br $out
      end i32.const 169 br $out
      end i32.const 172 br $out
      end i32.const 175 br $out
      end i32.const 178 br $out
      end i32.const 181 br $out
      end i32.const 184 br $out
      end i32.const 187 br $out
      end i32.const 190 br $out
      end i32.const 193 br $out
      end i32.const 196 br $out
      end i32.const 199 br $out
      end i32.const 202 br $out
      end i32.const 205 br $out
      end i32.const 208 br $out
      end
      i32.const -1))
  ;; a value in a register before the run, and one after each merge
  (func (export "values") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add
    block block block
      local.get 0 br_if 1
      local.get 1 br_if 2
    end end end
    i32.const 1 i32.add)
  (func (export "typed") (param i32) (result i32)
    block (result i32)
      block block block
        i32.const 7
        local.get 0
        br_if 3
        drop
      end end end
      i32.const 9
    end)
  (func (export "loop") (param i32) (result i32) (local i32)
    block block
      loop
        local.get 1 i32.const 1 i32.add local.set 1
        local.get 0 i32.const -1 i32.add local.tee 0
        br_if 0
      end
    end end
    local.get 1)
  (func (export "in_if") (param i32) (result i32)
    local.get 0
    if (result i32)
      block block block
        i32.const 5 local.get 0 i32.add
        br 3
      end end end
      i32.const 0
    else
      i32.const 6
    end)
  (func (export "dead") (result i32)
    unreachable
    block block block end end end
    i32.const 1)
)
(assert_return (invoke "dispatch" (i32.const 0)) (i32.const 1))
(assert_return (invoke "dispatch" (i32.const 1)) (i32.const 4))
(assert_return (invoke "dispatch" (i32.const 35)) (i32.const 106))
(assert_return (invoke "dispatch" (i32.const 69)) (i32.const 208))
(assert_return (invoke "dispatch" (i32.const 70)) (i32.const -1))
(assert_return (invoke "dispatch" (i32.const -1)) (i32.const -1))
(assert_return (invoke "values" (i32.const 0) (i32.const 0)) (i32.const 1))
(assert_return (invoke "values" (i32.const 2) (i32.const 3)) (i32.const 6))
(assert_return (invoke "values" (i32.const 0) (i32.const 3)) (i32.const 4))
(assert_return (invoke "typed" (i32.const 0)) (i32.const 9))
(assert_return (invoke "typed" (i32.const 1)) (i32.const 7))
(assert_return (invoke "loop" (i32.const 5)) (i32.const 5))
(assert_return (invoke "in_if" (i32.const 0)) (i32.const 6))
(assert_return (invoke "in_if" (i32.const 2)) (i32.const 7))
(assert_trap (invoke "dead") "unreachable")

(assert_invalid
  (module (func (result i32)
    block block block i32.const 1 end end end))
  "type mismatch")
