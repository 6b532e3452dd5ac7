#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vm-test.sh SPEC_DIR: what `make vm-test` runs inside the VM: the
# selftests, then the spec suite (wast2json output in SPEC_DIR) through
# /dev/lightbeam with `lbctl wast`.  Ends with "vm: N passed, M failed".
spec=$1
log=/tmp/vm-test.$$

# The last "N passed, M failed" of a log, as "N M"; "0 1" if none.
counts() {
	sed -n 's/^\(.*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2 \3/p' "$1" |
		tail -n 1 | grep . || echo "0 1"
}

sh /selftests/run.sh 2>&1 | tee "$log"
set -- $(counts "$log")
pass=$1
fail=$2

lbctl wast --kernel "$spec"/*.json 2>&1 | tee "$log"
set -- $(counts "$log")
echo "spec (kernel): $1 passed, $2 failed"
pass=$((pass + $1))
fail=$((fail + $2))

rm -f "$log"
echo "vm: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
