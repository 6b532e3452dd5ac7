;; SPDX-License-Identifier: GPL-2.0
;; The start function never returns: only fuel or a time limit ends it.
(module
  (func $start (loop $l (br $l)))
  (start $start))
