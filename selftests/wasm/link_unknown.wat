;; SPDX-License-Identifier: GPL-2.0
;; Imports from a module nobody registered: an unknown import.
(module
  (import "nosuch" "thing" (func)))
