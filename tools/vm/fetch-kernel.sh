#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernel.sh RELEASE OUT: put Debian's linux-image-RELEASE kernel at OUT.
# Downloads the package with apt-get (no root needed) and extracts only
# boot/vmlinuz-RELEASE from it; the .deb is removed again.
set -euo pipefail
rel=$1
out=$2
tmp=$(mktemp -d "${out%/*}/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# apt-get download writes into the current directory.  As root it would
# hand the download to the _apt user, who cannot write here.  A missing
# package usually means stale package lists: update once (as root or via
# sudo) and try again.
opts=(-q)
[ "$(id -u)" -ne 0 ] || opts+=(-o APT::Sandbox::User=root)
get() { (cd "$tmp" && apt-get download "${opts[@]}" "linux-image-$rel" 2>&1); }
if ! get; then
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	get
fi
deb=$(ls "$tmp"/linux-image-"$rel"_*.deb)
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "./boot/vmlinuz-$rel"
mv "$tmp/boot/vmlinuz-$rel" "$out"
