#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test, in order, each part's output shown and kept in
# build/check/PART.log, and one "N passed, M failed" line at the end
# (non-zero exit when anything failed).  A part counts what its last
# "[label: ]N passed, M failed" line says; a part that fails without such
# a line, or exits non-zero with no failure counted, adds one failure.
#
#   deps        tools/deps.sh
#   module      lightbeam.ko rebuilt from clean with W=1: any warning fails
#   checkpatch  scripts/checkpatch.pl on every .c/.h: any warning fails
#   user-test   the engine's tests and the spec suite in user space (ASan)
#   vm          selftests, the spec suite through /dev/lightbeam, rmmod and
#               a clean kernel log, in QEMU
#   vm-nosse41  the float-heavy spec files again, on a CPU without SSE4.1
set -u
cd "$(dirname "$0")/.."
logs=build/check
mkdir -p "$logs"
jobs=$(nproc)
total_pass=0
total_fail=0
summary=()

# part NAME COMMAND...: run, log, count.
part() {
	local name=$1 start st line p f secs
	shift
	echo "===== $name: $*"
	start=$(date +%s)
	"$@" 2>&1 | tee "$logs/$name.log"
	st=${PIPESTATUS[0]}
	secs=$(($(date +%s) - start))
	line=$(grep -E '^([A-Za-z0-9 ()_.-]+: )?[0-9]+ passed, [0-9]+ failed' \
		"$logs/$name.log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\(.*: \)\{0,1\}\([0-9]*\) passed.*/\2/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	if [ -z "$line" ]; then
		p=$((st == 0))
		f=$((st != 0))
	elif [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-11s %5d passed, %4d failed  (%ds, exit %d)' \
		"$name" "$p" "$f" "$secs" "$st")")
}

# The module, from clean, so that every warning shows up again.
module() {
	make -s --no-print-directory module-clean
	make --no-print-directory -j"$jobs" module 2>&1 |
		tee "$logs/module.build"
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	if grep -iE 'warning:|error:' "$logs/module.build"; then
		echo "module: W=1 build has warnings"
		return 1
	fi
}

t0=$(date +%s)
part deps make --no-print-directory deps
part module module
part checkpatch make --no-print-directory checkpatch
part user-test make --no-print-directory -j"$jobs" user-test
part vm make --no-print-directory -j"$jobs" vm-test
part vm-nosse41 make --no-print-directory vm-test-nosse41

echo "===== summary ($(($(date +%s) - t0))s; logs in $logs/)"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
