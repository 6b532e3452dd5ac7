#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make user-test: the user-space engine tests, then the spec suite through
# `lbctl-asan wast --user`, one process per file so that a crash is pinned
# on its file.  Ends with one line "N passed, M failed":
#
#   - test programs: their own counts;
#   - required spec files ($LB_SPEC_REQUIRED): every command counts, a
#     crash, sanitizer report or timeout counts as one more failure;
#   - other spec files (the simd_* files while SIMD is not supported):
#     reported, but a file counts as one pass if it ran clean and one
#     failure if it crashed, hit a sanitizer report or timed out -- its
#     failed assertions do not count.
#
# usage: run-user-tests.sh BUILD_DIR
# env: LB_TESTSUITE, LB_SPEC_REQUIRED, LB_SPEC_ONLY, LB_SPEC_TIMEOUT_MS,
#      LB_FUZZ_SEEDS (differential fuzzing: seeds 1 to this, default 200)
set -u

build=${1:?usage: $0 BUILD_DIR}
tests=$build/tests
wasm=$tests/wasm
lbctl=$build/lbctl-asan
suite=${LB_TESTSUITE:-../shared/testsuite}
required=${LB_SPEC_REQUIRED:-}
only=${LB_SPEC_ONLY:-}
timeout_ms=${LB_SPEC_TIMEOUT_MS:-20000}
fuzz_seeds=${LB_FUZZ_SEEDS:-200}
# A whole file may not take longer than this (seconds).
file_timeout=600
# Lines of failures shown per required file.
show=60

# Sanitizer reports end the process with a status no test uses.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1:exitcode=99"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lb-user-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

# "N passed, M failed[, K skipped]" -> "N M K"
counts() {
	sed -n 's/^\(.*: \)\{0,1\}\([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\2 \3 \5/p' "$1" |
		tail -n 1
}

sanitizer_report() {
	grep -qE 'Sanitizer|runtime error:' "$1"
}

echo "== user-space engine tests"
# run_cmd LABEL COMMAND...: a program that ends with "N passed, M failed"
run_cmd() {
	name=$1
	shift
	timeout "$file_timeout" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	# shellcheck disable=SC2046 # split into the numbers on purpose
	set -- $(counts "$tmp/out")
	p=${1:-0}
	f=${2:-0}
	if [ $st -gt 1 ] || [ $# -lt 2 ] || sanitizer_report "$tmp/err"; then
		f=$((f + 1))
		echo "$name: CRASHED (status $st)"
		cat "$tmp/out" "$tmp/err" | tail -n 40
	elif [ "$f" -ne 0 ]; then
		grep -v 'passed, .* failed' "$tmp/out" | head -n "$show"
	fi
	echo "$name: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

run_prog() {
	name=$1
	shift
	run_cmd "$name" "$tests/$name" "$@"
}

run_prog test_platform
run_prog test_host_alloc
run_prog test_leb128
run_prog test_fib "$wasm/fib.wasm"
run_prog test_stream "$wasm"/*.wasm
run_prog test_bad_input "$wasm"/*.wasm
run_prog test_bombs
run_prog test_alloc_fail "$wasm"/*.wasm

echo "== our own scripts (tools/tests/wast)"
run_cmd "own scripts" "$lbctl" wast --user "$(dirname "$0")"/wast/*.wast

echo "== our own scripts and fuzzing, on the fallbacks (LB_CPU_FEATURES=0)"
run_cmd "own scripts, no CPU features" env LB_CPU_FEATURES=0 \
	"$lbctl" wast --user "$(dirname "$0")"/wast/*.wast

echo "== differential fuzzing against spectest-interp (seeds 1-$fuzz_seeds)"
run_cmd "diff fuzz" python3 "$(dirname "$0")"/diff_fuzz.py "$lbctl" 1 "$fuzz_seeds"
run_cmd "diff fuzz, no CPU features" env LB_CPU_FEATURES=0 \
	python3 "$(dirname "$0")"/diff_fuzz.py "$lbctl" $((fuzz_seeds + 1)) \
	$((fuzz_seeds + fuzz_seeds / 2))

echo "== spec suite (lbctl wast --user, $suite)"
if [ ! -d "$suite" ]; then
	echo "no spec suite at $suite (set LB_TESTSUITE)"
	failed=$((failed + 1))
	echo "$passed passed, $failed failed"
	exit 1
fi

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

rp=0 rf=0 rs=0 rn=0
op=0 of=0 os=0 on=0 oc=0
crashed=
for f in "$suite"/*.wast; do
	name=$(basename "$f" .wast)
	if [ -n "$only" ] && ! is_in "$name" "$only"; then
		continue
	fi
	if is_in "$name" "$required"; then
		kind=required
		quiet=
	else
		kind=other
		quiet=--quiet
	fi
	timeout "$file_timeout" "$lbctl" wast --user $quiet \
		--timeout "$timeout_ms" "$f" >"$tmp/out" 2>"$tmp/err"
	st=$?
	# shellcheck disable=SC2046 # split into the numbers on purpose
	set -- $(grep "^$name.wast: " "$tmp/out" | tail -n 1 |
		 sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
	p=${1:-0}
	fl=${2:-0}
	s=${3:-0}
	crash=
	if [ $st -gt 1 ] || [ $# -lt 3 ] || sanitizer_report "$tmp/err"; then
		crash="CRASHED (status $st)"
		[ $st -eq 124 ] && crash="TIMED OUT"
		crashed="$crashed $name"
	fi
	if [ $kind = required ]; then
		rn=$((rn + 1))
		rp=$((rp + p))
		rs=$((rs + s))
		rf=$((rf + fl))
		[ -n "$crash" ] && rf=$((rf + 1))
		if [ "$fl" -ne 0 ] || [ -n "$crash" ]; then
			grep -v "^$name.wast: [0-9]* passed" "$tmp/out" |
				grep -v ' passed, .* failed, .* skipped$' |
				head -n "$show"
		fi
		echo "required $name.wast: $p passed, $fl failed, $s skipped${crash:+ -- $crash}"
	else
		on=$((on + 1))
		op=$((op + p))
		of=$((of + fl))
		os=$((os + s))
		[ -n "$crash" ] && oc=$((oc + 1))
		echo "other    $name.wast: $p passed, $fl failed, $s skipped${crash:+ -- $crash}"
	fi
	if [ -n "$crash" ]; then
		tail -n 40 "$tmp/err"
	fi
done

echo "== summary"
echo "spec, required ($rn files, every assertion counts): $rp passed, $rf failed, $rs skipped"
echo "spec, other ($on files, informational; only crashes count): $op passed, $of failed, $os skipped, $oc crashed"
[ -n "$crashed" ] && echo "crashed or timed out:$crashed"
passed=$((passed + rp + on - oc))
failed=$((failed + rf + oc))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
