;; SPDX-License-Identifier: GPL-2.0
;; The start function traps: instantiation fails with ECANCELED.
(module
  (func $start (unreachable))
  (start $start))
