;; Active data segments as compilers emit them by the hundred thousand
;; (sections.c, decode_data_seg): offsets and lengths of 1 to 5 bytes,
;; padded encodings, segments that overlap or touch the memory's end, other
;; kinds in between, and the errors.

(module binary
  "\00asm" "\01\00\00\00"
  "\01\06\01\60\01\7f\01\7f"              ;; type 0: (i32) -> i32
  "\03\02\01\00"                          ;; func 0: type 0
  "\05\03\01\00\01"                       ;; memory: 1 page
  "\07\08\01\04load\00\00"                ;; export "load"
  "\0a\09\01\07\00\20\00\2d\00\00\0b"     ;; i32.load8_u (local.get 0)
  "\0b\3b\07"                             ;; data: 7 segments
  "\00\41\05\0b\02\aa\bb"                 ;; 5: aa bb
  "\00\41\90\ce\00\0b\01\cc"             ;; 10000: cc
  "\00\41\94\80\80\00\0b\81\80\80\00\dd"  ;; 20 (4 bytes): dd (length in 4)
  "\00\41\9e\80\80\80\00\0b\01\ee"        ;; 30 (5 bytes): ee
  "\00\41\ff\ff\03\0b\01\ff"              ;; 65535: ff, the last byte
  "\00\41\80\80\04\0b\00"                 ;; 65536: empty, at the end
  "\00\41\06\0b\01\11"                    ;; 6: 11 over bb (in order)
)
(assert_return (invoke "load" (i32.const 4)) (i32.const 0))
(assert_return (invoke "load" (i32.const 5)) (i32.const 0xaa))
(assert_return (invoke "load" (i32.const 6)) (i32.const 0x11))
(assert_return (invoke "load" (i32.const 7)) (i32.const 0))
(assert_return (invoke "load" (i32.const 10000)) (i32.const 0xcc))
(assert_return (invoke "load" (i32.const 20)) (i32.const 0xdd))
(assert_return (invoke "load" (i32.const 21)) (i32.const 0))
(assert_return (invoke "load" (i32.const 30)) (i32.const 0xee))
(assert_return (invoke "load" (i32.const 65535)) (i32.const 0xff))

;; A passive segment and one with an explicit memory index between two
;; quick ones: each gets its own bytes.
(module binary
  "\00asm" "\01\00\00\00"
  "\01\06\01\60\01\7f\01\7f"
  "\03\02\01\00"
  "\05\03\01\00\01"
  "\07\08\01\04load\00\00"
  "\0a\09\01\07\00\20\00\2d\00\00\0b"
  "\0b\18\04"
  "\00\41\01\0b\01\a1"                    ;; 1: a1
  "\01\02\b0\b1"                          ;; passive: b0 b1
  "\02\00\41\02\0b\01\a2"                 ;; memory 0, 2: a2
  "\00\41\03\0b\01\a3"                    ;; 3: a3
)
(assert_return (invoke "load" (i32.const 1)) (i32.const 0xa1))
(assert_return (invoke "load" (i32.const 2)) (i32.const 0xa2))
(assert_return (invoke "load" (i32.const 3)) (i32.const 0xa3))
(assert_return (invoke "load" (i32.const 4)) (i32.const 0))

;; Negative offsets of 1 and 4 bytes are 2^32 - n: out of bounds.
(assert_trap
  (module binary
    "\00asm" "\01\00\00\00"
    "\05\03\01\00\01"
    "\0b\07\01\00\41\7f\0b\01\00")        ;; i32.const -1
  "out of bounds memory access")
(assert_trap
  (module binary
    "\00asm" "\01\00\00\00"
    "\05\03\01\00\01"
    "\0b\0a\01\00\41\ff\ff\ff\7f\0b\01\00")  ;; -1 in 4 bytes
  "out of bounds memory access")
;; One byte past the end.
(assert_trap
  (module binary
    "\00asm" "\01\00\00\00"
    "\05\03\01\00\01"
    "\0b\0a\01\00\41\ff\ff\03\0b\02\00\00")  ;; 65535, 2 bytes
  "out of bounds memory access")

;; A length past the section's end.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\05\03\01\00\01"
    "\0b\07\01\00\41\00\0b\05\00")
  "unexpected end")
;; An offset cut short by the section's end.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\05\03\01\00\01"
    "\0b\05\01\00\41\80\80")
  "unexpected end")
;; No memory: the general path names it.
(assert_invalid
  (module binary
    "\00asm" "\01\00\00\00"
    "\0b\07\01\00\41\00\0b\01\00")
  "unknown memory")
;; An offset that is not an i32.const ... end.
(assert_invalid
  (module binary
    "\00asm" "\01\00\00\00"
    "\05\03\01\00\01"
    "\0b\07\01\00\42\00\0b\01\00")        ;; i64.const 0
  "type mismatch")
