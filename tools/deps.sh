#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what lightbeam needs to build and test on Debian 12.  Idempotent:
# asks dpkg first and only runs apt-get (update + install) when a package
# is missing, so a second run costs a few dpkg look-ups.  Runs apt-get
# through sudo when not root.
set -euo pipefail

pkgs=(
	build-essential make gcc clang lld binutils	# compilers, wasm32 target
	wabt						# wat2wasm, wast2json, oracle
	python3						# the differential fuzzer
	qemu-system-x86 busybox-static cpio		# the test VM
	xz-utils file					# kernel source, checks
	linux-headers-cloud-amd64 linux-source-6.1	# module build, checkpatch
	libjansson-dev					# lbctl's spec runner
	gnuplot-nox					# benchmark plots
)

missing=()
for p in "${pkgs[@]}"; do
	# dpkg -s also lists "deinstall" leftovers: require "install ok installed".
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
