#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every lightbeam selftest binary beside this script (the VM's
# /selftests/) and turn the harness' "# Totals:" lines into one
# "selftests: N passed, M failed" line.  A binary that dies before its
# totals counts as one failure.  POSIX sh: it runs under busybox.
dir=$(dirname "$0")
pass=0
fail=0
skip=0
log=/tmp/selftest.$$
for t in "$dir"/lb_*; do
	[ -x "$t" ] || continue
	"$t" 2>&1 | tee "$log"
	totals=$(grep '^# Totals:' "$log" | tail -n 1)
	if [ -z "$totals" ]; then
		echo "selftests: $t ended without totals"
		fail=$((fail + 1))
		continue
	fi
	# "# Totals: pass:N fail:N xfail:N xpass:N skip:N error:N"
	for kv in ${totals#\# Totals: }; do
		v=${kv#*:}
		case $kv in
		pass:*|xfail:*) pass=$((pass + v)) ;;
		fail:*|xpass:*|error:*) fail=$((fail + v)) ;;
		skip:*) skip=$((skip + v)) ;;
		esac
	done
done
rm -f "$log"
echo "selftests: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
