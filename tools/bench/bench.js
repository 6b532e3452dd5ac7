// SPDX-License-Identifier: GPL-2.0
/*
 * The V8 side of `make bench`, run by node with the flags that pick the
 * tier (see run-bench.sh):
 *
 *   node FLAGS bench.js run FILE.wasm N
 *	compile and instantiate FILE (no imports), call run(N) once and
 *	print "CHECKSUM RUN_NS COMPILE_NS" (the call alone is timed)
 *   node FLAGS bench.js compile FILE.wasm REPS
 *	time `new WebAssembly.Module(bytes)` REPS times and print
 *	"MIN_NS MEDIAN_NS", or "rejected: MESSAGE"
 */
'use strict';

const fs = require('fs');

function now() {
	return process.hrtime.bigint();
}

function median(v) {
	const s = [...v].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

	return s[s.length >> 1];
}

function runOne(file, n) {
	const bytes = fs.readFileSync(file);
	const t0 = now();
	const mod = new WebAssembly.Module(bytes);
	const t1 = now();
	const inst = new WebAssembly.Instance(mod, {});
	const run = inst.exports.run;
	const t2 = now();
	const r = run(n);
	const t3 = now();
	const sum = BigInt.asUintN(64, BigInt(r));

	console.log(`0x${sum.toString(16).padStart(16, '0')} ${t3 - t2} ${t1 - t0}`);
}

/*
 * The bytes plus a custom section named after `i`: V8 caches compiled
 * modules by their bytes, so compiling the same bytes twice in one
 * process would time a cache hit.
 */
function distinct(bytes, i) {
	const name = Buffer.from(`lb-bench-${i}`);
	const custom = Buffer.from([0, name.length + 1, name.length]);

	return Buffer.concat([bytes, custom, name]);
}

function compile(file, reps) {
	const bytes = fs.readFileSync(file);
	const times = [];

	for (let i = 0; i < reps; i++) {
		const b = distinct(bytes, i);
		const t0 = now();

		try {
			new WebAssembly.Module(b);
		} catch (e) {
			console.log(`rejected: ${e.message}`);
			return;
		}
		times.push(now() - t0);
	}
	const min = times.reduce((a, b) => (a < b ? a : b));

	console.log(`${min} ${median(times)}`);
}

const [mode, file, arg] = process.argv.slice(2);

if (mode === 'run' && file && arg) {
	runOne(file, Number(arg) >>> 0);
} else if (mode === 'compile' && file) {
	compile(file, Number(arg || 5));
} else {
	console.error('usage: bench.js run FILE.wasm N | compile FILE.wasm [REPS]');
	process.exit(2);
}
