#!/usr/bin/env bash
# Installs what `innsyn bench` needs besides the test tools: the HTTP load
# generator wrk, pinned to Debian 12's package. Installs it with apt-get
# when it is missing and this runs as root on Debian; otherwise says what
# to install. Idempotent: an installed wrk is left alone (and its version
# reported when it is not the pinned one). PostgreSQL comes from
# scripts/install-test-tools.sh.
set -euo pipefail

WRK_PACKAGE_VERSION=4.1.0-3+b2

installed_version() {
	dpkg-query -W -f='${Version}' wrk 2>/dev/null || true
}

if command -v wrk >/dev/null; then
	have="$(installed_version)"
	if [[ -n "$have" && "$have" != "$WRK_PACKAGE_VERSION" ]]; then
		echo "install-bench-tools: wrk $have is installed; the figures in BENCHMARKS.md were taken with $WRK_PACKAGE_VERSION" >&2
	fi
	exit 0
fi

if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
	echo "install-bench-tools: installing wrk=$WRK_PACKAGE_VERSION with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y --no-install-recommends "wrk=$WRK_PACKAGE_VERSION" </dev/null ||
		{ apt-get update && apt-get install -y --no-install-recommends "wrk=$WRK_PACKAGE_VERSION" </dev/null; }
fi

if ! command -v wrk >/dev/null; then
	echo "install-bench-tools: wrk not found: install it (Debian 12: sudo apt-get install wrk=$WRK_PACKAGE_VERSION;" \
		"elsewhere: your system's wrk package, or build it from its source release 4.1.0) and run again" >&2
	exit 1
fi
