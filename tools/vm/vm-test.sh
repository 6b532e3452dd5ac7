#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vm-test.sh SPEC_DIR: what `make vm-test` runs inside the VM (busybox sh):
#
#   1. the selftests (/selftests/run.sh);
#   2. the spec suite through /dev/lightbeam: `lbctl wast --kernel` on each
#      wast2json output in SPEC_DIR, one process per file, with the policy
#      of `make user-test` (tools/tests/run-user-tests.sh): in the files
#      of $LB_SPEC_REQUIRED every assertion counts; any other non-SIMD
#      file counts as one pass when it runs without crashing, one failure
#      when it crashes or times out.
#
# Ends with "vm: N passed, M failed".
# env: LB_SPEC_REQUIRED, LB_SPEC_ONLY (names without .wast),
#      LB_SPEC_TIMEOUT_MS (per invocation, default 20000)
spec=$1
required=${LB_SPEC_REQUIRED:-}
only=${LB_SPEC_ONLY:-}
timeout_ms=${LB_SPEC_TIMEOUT_MS:-20000}
out=/tmp/vm-test.out

# "all" names every file
is_in() {
	[ "$2" = all ] && return 0
	case " $2 " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

sh /selftests/run.sh 2>&1 | tee $out
set -- $(sed -n 's/^selftests: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' $out)
pass=${1:-0}
fail=${2:-1}

rp=0 rf=0 rn=0 on=0 oc=0
for f in "$spec"/*.json; do
	name=$(basename "$f" .json)
	case $name in simd_*) continue ;; esac
	if [ -n "$only" ] && ! is_in "$name" "$only"; then
		continue
	fi
	quiet=--quiet
	is_in "$name" "$required" && quiet=
	timeout 600 lbctl wast --kernel $quiet --timeout "$timeout_ms" "$f" \
		>$out 2>&1
	st=$?
	set -- $(sed -n "s/^$name.wast: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p" $out)
	crash=
	if [ $st -gt 1 ] || [ $# -lt 2 ]; then
		crash=" -- CRASHED (status $st)"
		[ $st -eq 124 ] || [ $st -eq 143 ] && crash=" -- TIMED OUT"
		tail -n 20 $out
	fi
	if [ -z "$quiet" ]; then
		rn=$((rn + 1))
		rp=$((rp + ${1:-0}))
		rf=$((rf + ${2:-0}))
		[ -n "$crash" ] && rf=$((rf + 1))
		[ "${2:-0}" -ne 0 ] && grep -v "^$name.wast: " $out | head -n 40
		echo "required $name.wast: ${1:-0} passed, ${2:-0} failed$crash"
	else
		on=$((on + 1))
		[ -n "$crash" ] && oc=$((oc + 1))
		echo "other    $name.wast: ${1:-0} passed, ${2:-0} failed$crash"
	fi
done
rm -f $out

echo "spec (kernel), required ($rn files, every assertion counts): $rp passed, $rf failed"
echo "spec (kernel), other ($on files, only crashes count): $((on - oc)) ran, $oc crashed"
pass=$((pass + rp + on - oc))
fail=$((fail + rf + oc))
echo "vm: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
