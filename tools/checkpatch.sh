#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh CHECKPATCH FILE...: run the kernel's checkpatch.pl on each
# source file (not a patch, so --no-tree -f), one process per CPU; any
# error or warning fails that file.  Ends with
# "checkpatch: N passed, M failed".
set -u
cp=$1
shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One result file per source: empty when clean, else checkpatch's report.
i=0
for f in "$@"; do
	printf '%s\0%s\0' "$f" "$out/$i"
	i=$((i + 1))
done | xargs -0 -n 2 -P "$(nproc)" sh -c \
	'"$0" --no-tree --terse --show-types -f "$1" >"$2" 2>&1 ||
		[ -s "$2" ] || echo "$1: checkpatch failed" >"$2"' "$cp"

pass=0
fail=0
for ((j = 0; j < $#; j++)); do
	if [ -s "$out/$j" ]; then
		fail=$((fail + 1))
		cat "$out/$j"
	else
		pass=$((pass + 1))
	fi
done
echo "checkpatch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
