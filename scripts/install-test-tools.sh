#!/usr/bin/env bash
# Installs the servers the integration tests start, pinned, into .tools/bin:
# versitygw (S3) and Mailpit (SMTP). Checks that PostgreSQL server binaries
# exist, and installs them with apt-get when run as root on Debian.
# Idempotent: a tool is reinstalled only when missing or pinned differently.
set -euo pipefail

VERSITYGW_VERSION=v1.8.0
MAILPIT_VERSION=v1.33.1
MIN_PG_MAJOR=15

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"

# install_tool NAME PACKAGE VERSION
install_tool() {
	local name=$1 package=$2 version=$3
	local stamp="$bin/.$name.version"
	if [[ -x "$bin/$name" && -f "$stamp" && "$(<"$stamp")" == "$version" ]]; then
		return
	fi
	echo "install-test-tools: installing $name $version into $bin" >&2
	rm -f "$stamp"
	GOBIN="$bin" go install "$package@$version"
	echo "$version" >"$stamp"
}

# have_postgres succeeds when the search of pgcluster.FindBinaries finds
# initdb and pg_ctl.
have_postgres() {
	local dir
	if [[ -n "${INNSYN_PG_BIN:-}" ]]; then
		[[ -x "$INNSYN_PG_BIN/initdb" && -x "$INNSYN_PG_BIN/pg_ctl" ]]
		return
	fi
	if command -v initdb >/dev/null; then
		return 0
	fi
	for dir in /usr/lib/postgresql/*/bin; do
		local major=${dir#/usr/lib/postgresql/}
		major=${major%/bin}
		if [[ $major =~ ^[0-9]+$ ]] && ((major >= MIN_PG_MAJOR)) && [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
			return 0
		fi
	done
	return 1
}

install_tool versitygw github.com/versity/versitygw/cmd/versitygw "$VERSITYGW_VERSION"
install_tool mailpit github.com/axllent/mailpit "$MAILPIT_VERSION"

if ! have_postgres; then
	if [[ $EUID -eq 0 && -z "${INNSYN_PG_BIN:-}" ]] && command -v apt-get >/dev/null; then
		echo "install-test-tools: installing PostgreSQL server binaries with apt-get" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y --no-install-recommends postgresql </dev/null ||
			{ apt-get update && apt-get install -y --no-install-recommends postgresql </dev/null; }
	fi
	if ! have_postgres; then
		echo "install-test-tools: PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL" \
			"$MIN_PG_MAJOR or newer (Debian: apt-get install postgresql) or set INNSYN_PG_BIN to their directory" >&2
		exit 1
	fi
fi

# wrk, for the end-to-end test of `innsyn bench` (it skips without wrk).
bash "$root/scripts/install-bench-tools.sh" ||
	echo "install-test-tools: without wrk the bench end-to-end test is skipped" >&2
