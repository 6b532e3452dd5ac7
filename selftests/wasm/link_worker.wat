;; SPDX-License-Identifier: GPL-2.0
;; For the concurrency selftest: imports only numeric functions and the
;; memory of "exp" (link_exporter.wat).  work(n) bumps the exporter's
;; counter n times, keeps a count of its own in the shared memory at
;; the address it is given, and grows the memory every 64th round.
(module
  (import "exp" "bump" (func $bump (result i32)))
  (import "exp" "grow" (func $grow (param i32) (result i32)))
  (import "exp" "mem" (memory 1))
  (func (export "work") (param $n i32) (param $at i32) (result i32)
    (local $i i32) (local $grown i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (call $bump))
        (i32.store (local.get $at)
          (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 63)))
          (then
            (if (i32.ge_s (call $grow (i32.const 1)) (i32.const 0))
              (then (local.set $grown
                      (i32.add (local.get $grown) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $grown)))
