#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench (see Documentation/bench.rst): run by tools/bench/bench.mk
# once everything is built.  Writes OUT/results.txt (and prints it) and
# OUT/results.png.  Fails (non-zero) when a program returns a wrong
# checksum, a driver fails, a real module is rejected without a clear
# "unsupported feature" error, or the kernel benchmark fails.
#
# usage: run-bench.sh OUT_DIR
# env: BENCH_REPS, BENCH_COMPILE_ROUNDS, BENCH_ONLY, BENCH_VM, BENCH_NPM,
#      BENCH_NODE
set -u

out=${1:?usage: $0 OUT_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(cd "$out" && pwd)
progs_dir=$root/tools/bench/progs
reps=${BENCH_REPS:-5}
compile_rounds=${BENCH_COMPILE_ROUNDS:-3}
only=${BENCH_ONLY:-}
node=${BENCH_NODE:-node}
js=$root/tools/bench/bench.js
lb=$out/lb-bench
liftoff=("$node" --liftoff-only --no-wasm-lazy-compilation --single-threaded)
turbofan=("$node" --no-liftoff --no-wasm-lazy-compilation)
# Size of each generated adversarial module, and repetitions for them:
# lightbeam loads each as often as each real module (its best load is
# compared with theirs: fewer loads would count more of this host's
# noise against it); Liftoff takes 20 s for some (see "locals"), so it
# gets one.
bomb_size=$((4 << 20))
bomb_reps=$((compile_rounds * reps))

# The real-world modules: npm package@version, then the .wasm files
# inside its tarball to measure.
npm_modules=(
	"sql.js@1.16.0 package/dist/sql-wasm.wasm"
	"esbuild-wasm@0.28.2 package/esbuild.wasm"
	"@swc/wasm@1.16.18 package/wasm_bg.wasm"
	"@jsquash/avif@2.1.1 package/codec/enc/avif_enc.wasm package/codec/enc/avif_enc_mt.wasm"
	"@ffmpeg/core@0.12.10 package/dist/umd/ffmpeg-core.wasm"
)
npm_cache=$out/npm-cache

raw=$out/raw-progs.txt
results=$out/results.txt
failures=$out/failures.txt
: >"$raw"
: >"$failures"
export LC_ALL=C

fail() {
	echo "FAILED: $*" | tee -a "$failures" >&2
}

command -v "$node" >/dev/null || {
	echo "bench: node not found (set BENCH_NODE)" >&2
	exit 1
}

# --- 1. the programs ----------------------------------------------------

progs=()
for f in "$progs_dir"/*.c; do
	p=$(basename "$f" .c)
	[ "$p" = libc ] && continue
	if [ -n "$only" ] && ! [[ " $only " == *" $p "* ]]; then
		continue
	fi
	progs+=("$p")
done

# "n expect" from the program's "bench:" line
spec_of() {
	sed -n 's/.*bench: n=\([0-9]*\) expect=\(0x[0-9a-f]*\).*/\1 \2/p' \
		"$progs_dir/$1.c"
}

run_engine() {
	local engine=$1 p=$2 n=$3 w=$out/wasm/$2.wasm
	case $engine in
	lightbeam) "$lb" run "$w" "$n" ;;
	liftoff) "${liftoff[@]}" "$js" run "$w" "$n" ;;
	turbofan) "${turbofan[@]}" "$js" run "$w" "$n" ;;
	native) "$out/native/$p" "$n" ;;
	esac
}

engines=(lightbeam liftoff turbofan native)
echo "bench: ${#progs[@]} programs x ${#engines[@]} engines x $reps repetitions"
for ((r = 1; r <= reps; r++)); do
	for p in "${progs[@]}"; do
		read -r n expect <<<"$(spec_of "$p")"
		if [ -z "$expect" ]; then
			fail "$p: no 'bench: n=N expect=0x...' line"
			continue
		fi
		for e in "${engines[@]}"; do
			res=$(run_engine "$e" "$p" "$n" 2>"$out/err.txt")
			st=$?
			read -r sum run_ns compile_ns <<<"$res"
			if [ $st -ne 0 ] || [ "${sum:-}" != "$expect" ]; then
				fail "$p on $e: status $st, checksum '${sum:-}', expected $expect $(head -c 300 "$out/err.txt")"
				continue
			fi
			echo "$p $e $r $run_ns $compile_ns" >>"$raw"
		done
	done
	echo "bench: repetition $r of $reps done"
done

# Medians per program and engine, then the table.
awk -v progs="${progs[*]}" '
function median(key,    n, i, j, t, a) {
	n = cnt[key]
	if (!n)
		return -1
	for (i = 1; i <= n; i++)
		a[i] = val[key, i]
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return a[int((n + 1) / 2)]
}
function cmedian(key,    n, i, j, t, a) {
	n = cnt[key]
	for (i = 1; i <= n; i++)
		a[i] = cval[key, i]
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return a[int((n + 1) / 2)]
}
{
	key = $1 SUBSEP $2
	cnt[key]++
	val[key, cnt[key]] = $4
	cval[key, cnt[key]] = $5
}
END {
	np = split(progs, P, " ")
	split("lightbeam liftoff turbofan native", E, " ")
	printf "run time in ms (median; only the call is timed)\n\n"
	printf "%-10s %10s %10s %10s %10s %11s %11s %10s\n", "program",
	       "lightbeam", "Liftoff", "TurboFan", "native", "lb/Liftoff",
	       "lb/TurboFan", "lb/native"
	g1 = g2 = g3 = 0; ng = 0
	for (i = 1; i <= np; i++) {
		p = P[i]
		for (k = 1; k <= 4; k++)
			m[k] = median(p SUBSEP E[k])
		if (m[1] <= 0 || m[2] <= 0 || m[3] <= 0 || m[4] <= 0) {
			printf "%-10s (failed)\n", p
			continue
		}
		r1 = m[1] / m[2]; r2 = m[1] / m[3]; r3 = m[1] / m[4]
		printf "%-10s %10.1f %10.1f %10.1f %10.1f %11.2f %11.2f %10.2f\n",
		       p, m[1] / 1e6, m[2] / 1e6, m[3] / 1e6, m[4] / 1e6,
		       r1, r2, r3
		g1 += log(r1); g2 += log(r2); g3 += log(r3); ng++
		# for the chart: time relative to native
		printf "%s %.4f %.4f %.4f\n", p, m[1] / m[4], m[2] / m[4],
		       m[3] / m[4] > "/dev/stderr"
	}
	if (ng) {
		printf "%-10s %10s %10s %10s %10s %11.2f %11.2f %10.2f\n",
		       "geomean", "", "", "", "", exp(g1 / ng), exp(g2 / ng),
		       exp(g3 / ng)
		printf "geomean %.4f %.4f %.4f\n", exp(g3 / ng),
		       exp((g3 - g1) / ng), exp((g3 - g2) / ng) > "/dev/stderr"
	}
	printf "\ncompile time in us (median, whole module: validate + compile)\n\n"
	printf "%-10s %10s %10s %11s\n", "program", "lightbeam", "Liftoff",
	       "lb/Liftoff"
	for (i = 1; i <= np; i++) {
		p = P[i]
		if (!cnt[p SUBSEP "lightbeam"] || !cnt[p SUBSEP "liftoff"])
			continue
		c1 = cmedian(p SUBSEP "lightbeam")
		c2 = cmedian(p SUBSEP "liftoff")
		printf "%-10s %10.1f %10.1f %11.2f\n", p, c1 / 1e3, c2 / 1e3,
		       (c2 > 0 ? c1 / c2 : 0)
	}
}' "$raw" >"$out/table-progs.txt" 2>"$out/chart.dat"

# --- 2. compile throughput on real modules ----------------------------------

# MB/s of code section from "bytes ns"
mbps() {
	awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.1f", (ns > 0 ? b / ns * 1e3 : 0) }'
}

# Both compilers on module $1, alternating for $compile_rounds rounds of
# $reps loads each: the best load of each side (the host's noise moves
# either by 10% from one round to the next).  Sets lbs, lbrest (lb-bench's
# line, its minimum the best), vmin (node's best, or "rejected:").
compile_rounds() {
	local r l lt vt
	lbs=
	vmin=
	for r in $(seq "$compile_rounds"); do
		l=$("$lb" compile "$1" "$reps")
		read -r vt _ <<<"$("${liftoff[@]}" "$js" compile "$1" "$reps")"
		read -r _ _ _ _ lt _ <<<"$l"
		if [ -z "$lbs" ] || { [ "${l%% *}" = ok ] &&
			[ "$lt" -lt "$(awk '{ print $4 }' <<<"$lbrest")" ]; }; then
			read -r lbs lbrest <<<"$l"
		fi
		if [ -z "$vmin" ] || { [ "$vt" != rejected: ] &&
			awk -v a="$vt" -v b="$vmin" 'BEGIN { exit !(a < b) }'; }; then
			vmin=$vt
		fi
		[ "$lbs" = ok ] || break	# a rejection is the same each time
	done
}

real_table=$out/table-real.txt
: >"$real_table"
real_pb=$out/real-per-byte.txt	# lightbeam ns per module byte, each module
: >"$real_pb"
if [ "${BENCH_NPM:-1}" != 0 ]; then
	mkdir -p "$npm_cache"
	{
		echo "compile throughput on real modules (one thread; MB/s of code section,"
		echo "best load of $compile_rounds rounds of $reps, the two alternating round by round;"
		echo "lightbeam: lb_module_load = validate + compile + link;"
		echo "Liftoff: new WebAssembly.Module, --liftoff-only --single-threaded, eager)"
		echo
		printf "%-28s %9s %10s %10s %8s %9s %9s %s\n" module "code MB" \
			"lightbeam" "Liftoff" "lb/Lift" "peak MB" "out MB" status
	} >>"$real_table"
	for entry in "${npm_modules[@]}"; do
		read -r pkg files <<<"$entry"
		dir=$npm_cache/${pkg//\//_}
		for f in $files; do
			w=$dir/$(basename "$f")
			if [ ! -s "$w" ]; then
				mkdir -p "$dir"
				tgz=$(cd "$dir" && npm pack --silent "$pkg" 2>/dev/null | tail -n 1)
				if [ -z "$tgz" ] || ! tar -xzf "$dir/$tgz" -C "$dir" \
					--strip-components="$(($(tr -cd / <<<"$f" | wc -c)))" "$f"; then
					fail "npm: cannot fetch $pkg ($f)"
					continue
				fi
				rm -f "$dir/$tgz"
			fi
			name="${pkg%@*}/$(basename "$f")"
			compile_rounds "$w"
			if [ "$vmin" = "rejected:" ]; then
				vrate="rejected"
			else
				vrate=
			fi
			case $lbs in
			ok)
				read -r fbytes cbytes obytes tmin tmed peak rss <<<"$lbrest"
				[ -z "$vrate" ] && vrate=$(mbps "$cbytes" "$vmin")
				lrate=$(mbps "$cbytes" "$tmin")
				ratio=$(awk -v a="$lrate" -v b="$vrate" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else printf "-" }')
				printf "%-28s %9.1f %10s %10s %8s %9.1f %9.1f ok\n" \
					"$name" "$(awk -v b="$cbytes" 'BEGIN { print b / 1e6 }')" \
					"$lrate" "$vrate" "$ratio" \
					"$(awk -v b="$peak" 'BEGIN { print b / 1048576 }')" \
					"$(awk -v b="$obytes" 'BEGIN { print b / 1048576 }')" >>"$real_table"
				echo "$name $(awk -v ns="$tmin" -v b="$fbytes" 'BEGIN { printf "%.2f", ns / b }')" >>"$real_pb"
				;;
			rejected)
				read -r errno_name offset msg <<<"$lbrest"
				cbytes=${msg##* }
				msg=${msg% *}
				[ -z "$vrate" ] && vrate=$(mbps "$cbytes" "$vmin")
				printf "%-28s %9.1f %10s %10s %8s %9s %9s rejected: %s %s %s\n" \
					"$name" "$(awk -v b="$cbytes" 'BEGIN { print b / 1e6 }')" \
					- "$vrate" - - - "$errno_name" "$offset" "$msg" >>"$real_table"
				if [ "$errno_name" != EOPNOTSUPP ]; then
					fail "$name rejected with $errno_name ($msg), not as an unsupported feature (EOPNOTSUPP naming it)"
				fi
				;;
			*)
				fail "$name: lb-bench compile failed"
				;;
			esac
		done
	done
fi

# --- 3. compiler bombs ------------------------------------------------------

bomb_table=$out/table-bombs.txt
bombs=$out/bombs
rm -rf "$bombs"
mkdir -p "$bombs"
ref_pb=$(sort -n -k2 "$real_pb" | awk '{ v[NR] = $2 } END { if (NR) print v[int((NR + 1) / 2)] }')
if ! "$lb" bombs "$bombs" "$bomb_size"; then
	fail "generating the bombs"
fi
{
	echo "compiler bombs (ns per input byte; lightbeam: best of $bomb_reps, Liftoff: one run;"
	echo "ratio: lightbeam's to its median over the real modules above, ${ref_pb:-?} ns/byte,"
	echo "or to normal.wasm's without them; a Liftoff 'rejected' is one of V8's limits,"
	echo "'failed' node dying, out of memory)"
	echo
	printf "%-14s %9s %11s %9s %11s  %s\n" module "bytes" "lightbeam" ratio \
		"Liftoff" "what"
} >"$bomb_table"
normal_pb=
for w in "$bombs"/normal.wasm "$bombs"/*.wasm; do
	name=$(basename "$w" .wasm)
	[ "$name" = normal ] && [ -n "$normal_pb" ] && continue
	read -r st fbytes _ _ tmin _ <<<"$("$lb" compile "$w" "$bomb_reps")"
	read -r vmin _ <<<"$("${liftoff[@]}" "$js" compile "$w" 1)"
	if [ "$st" != ok ]; then
		fail "bomb $name does not load"
		continue
	fi
	pb=$(awk -v ns="$tmin" -v b="$fbytes" 'BEGIN { printf "%.2f", ns / b }')
	[ "$name" = normal ] && normal_pb=$pb
	ref=${ref_pb:-$normal_pb}
	what=$(grep -o "{ \"$name\", \"[^\"]*\"" "$root/tools/bench/bombs.c" | sed 's/.*", "//; s/"$//')
	[ "$name" = normal ] && what="shaped like compiled C (the test's yardstick)"
	if [ "$vmin" = "rejected:" ]; then
		vpb=rejected
	elif ! [[ $vmin =~ ^[0-9]+$ ]]; then
		vpb=failed	# node died (out of memory)
	else
		vpb=$(awk -v ns="$vmin" -v b="$fbytes" 'BEGIN { printf "%.2f", ns / b }')
	fi
	printf "%-14s %9d %11s %9s %11s  %s\n" "$name" "$fbytes" "$pb" \
		"$(awk -v a="$pb" -v b="$ref" 'BEGIN { printf "%.2fx", a / b }')" \
		"$vpb" "$what" >>"$bomb_table"
done

# --- 4. in-kernel invoke overhead ---------------------------------------------

kern_table=$out/table-kernel.txt
: >"$kern_table"
if [ "${BENCH_VM:-1}" != 0 ]; then
	echo "bench: booting the VM for the invoke benchmark"
	if "$root/tools/vm/run" --file "$out/invoke_bench" -- \
		"$out/invoke_bench" >"$out/vm.txt" 2>&1 &&
		grep -q 'invoke/nop ratio' "$out/vm.txt"; then
		{
			echo "in-kernel invoke overhead (QEMU TCG; the ratio is the figure)"
			echo
			grep -E '^(invoke|nop|invoke/nop)' "$out/vm.txt"
		} >>"$kern_table"
	else
		tail -n 30 "$out/vm.txt"
		fail "the in-kernel invoke benchmark (see $out/vm.txt)"
	fi
fi

# --- results ------------------------------------------------------------------

{
	echo "lightbeam benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs;" \
		"node $("$node" --version); $(gcc --version | head -n 1);" \
		"$(clang --version | head -n 1)"
	echo "Liftoff: node --liftoff-only --no-wasm-lazy-compilation --single-threaded"
	echo "TurboFan: node --no-liftoff --no-wasm-lazy-compilation; native: gcc -O2"
	echo
	cat "$out/table-progs.txt"
	for t in "$real_table" "$bomb_table" "$kern_table"; do
		if [ -s "$t" ]; then
			echo
			cat "$t"
		fi
	done
	if [ -s "$failures" ]; then
		echo
		echo "FAILURES:"
		cat "$failures"
	fi
} >"$results"
cat "$results"

# The chart: each program's time relative to native, per engine.
if command -v gnuplot >/dev/null && [ -s "$out/chart.dat" ]; then
	gnuplot <<EOF || fail "gnuplot"
set terminal pngcairo size 1100,520 font "sans,10"
set output "$out/results.png"
set title "lightbeam vs V8 (node $("$node" --version)): run time relative to gcc -O2 (lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top left
set grid ytics
set yrange [0:*]
set ylabel "time / native"
set xtics rotate by -30 scale 0
plot "$out/chart.dat" using 2:xtic(1) title "lightbeam" lc rgb "#d62728", \
     "" using 3 title "Liftoff" lc rgb "#1f77b4", \
     "" using 4 title "TurboFan" lc rgb "#7f7f7f"
EOF
	echo "chart: $out/results.png"
fi
echo "results: $results"
[ ! -s "$failures" ]
