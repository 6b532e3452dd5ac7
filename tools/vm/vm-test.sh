#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vm-test.sh SPEC_DIR: what `make vm-test` runs inside the VM (busybox sh):
#
#   1. the selftests (/selftests/run.sh);
#   2. the spec suite and our own scripts (tools/tests/wast, as lb_*)
#      through /dev/lightbeam: `lbctl wast --kernel` on each
#      wast2json output in SPEC_DIR, one process per file, with the policy
#      of `make user-test` (tools/tests/run-user-tests.sh): in the files
#      of $LB_SPEC_REQUIRED every assertion counts; any other file (the
#      simd_* ones) counts as one pass when it runs without crashing, one
#      failure when it crashes or times out.
#
# Ends with "vm: N passed, M failed" (or "LABEL: ..." with LB_VM_LABEL).
# env: LB_SPEC_REQUIRED, LB_SPEC_ONLY (names without .wast),
#      LB_SPEC_TIMEOUT_MS (per invocation, default 20000),
#      LB_VM_SELFTESTS (0: skip the selftests),
#      LB_VM_NO_CPU_FLAG (a /proc/cpuinfo flag the CPU must not have, e.g.
#      sse4_1, so that the engine's fallbacks are what runs; one failure
#      if it has it),
#      LB_VM_LABEL (the summary's label, default "vm")
spec=$1
required=${LB_SPEC_REQUIRED:-}
only=${LB_SPEC_ONLY:-}
timeout_ms=${LB_SPEC_TIMEOUT_MS:-20000}
label=${LB_VM_LABEL:-vm}
out=/tmp/vm-test.out

# Seconds since boot, to the hundredth (busybox date has no %N).
now() {
	cut -d ' ' -f 1 /proc/uptime
}

elapsed() {
	awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
}

# "all" names every file of the core suite: the simd_* files stay
# "other" (run, reported, only a crash counts) until SIMD is supported
is_in() {
	if [ "$2" = all ]; then
		case $1 in simd_*) return 1 ;; esac
		return 0
	fi
	case " $2 " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

pass=0
fail=0
if [ -n "${LB_VM_NO_CPU_FLAG:-}" ]; then
	flags=$(grep -m 1 '^flags' /proc/cpuinfo)
	case " ${flags#*:} " in
	*" $LB_VM_NO_CPU_FLAG "*)
		echo "cpu: has $LB_VM_NO_CPU_FLAG, the fallbacks would not run"
		fail=$((fail + 1)) ;;
	*)
		echo "cpu: no $LB_VM_NO_CPU_FLAG ($(grep -m 1 '^model name' /proc/cpuinfo | sed 's/.*: //'))"
		pass=$((pass + 1)) ;;
	esac
fi

if [ "${LB_VM_SELFTESTS:-1}" != 0 ]; then
	t0=$(now)
	sh /selftests/run.sh 2>&1 | tee $out
	set -- $(sed -n 's/^selftests: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' $out)
	pass=$((pass + ${1:-0}))
	fail=$((fail + ${2:-1}))
	echo "selftests took $(elapsed "$t0") s"
fi

rp=0 rf=0 rn=0 on=0 oc=0
t0=$(now)
for f in "$spec"/*.json; do
	name=$(basename "$f" .json)
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
echo "spec (kernel) took $(elapsed "$t0") s"
pass=$((pass + rp + on - oc))
fail=$((fail + rf + oc))
echo "$label: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
