;; SPDX-License-Identifier: GPL-2.0
;; Imports a name "exp" (link_exporter.wat) does not export.
(module
  (import "exp" "nothing" (func)))
