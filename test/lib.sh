#!/usr/bin/env bash
# Shared set-up for the demo, the test suites and the benchmark: install what
# is missing, build and install the extension, and run a throwaway PostgreSQL
# server on a Unix socket in a private temporary directory.
#
# Source it; it defines functions and sets nothing else in motion.

CX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The target server is the one PG_CONFIG names; without it, Debian 12's 15.
# (Debian's /usr/bin/pg_config is a wrapper that picks the newest installed
# dev package, which is not necessarily the server the suites start.)
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export PG_CONFIG
# Both are read from pg_config once it exists (see cx_ensure_packages).
PG_MAJOR=15
PG_BINDIR=/usr/lib/postgresql/15/bin
cx_read_pg_config() {
	if [ -x "$PG_CONFIG" ] || command -v "$PG_CONFIG" >/dev/null 2>&1; then
		PG_BINDIR=$("$PG_CONFIG" --bindir)
		PG_MAJOR=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	fi
}
cx_read_pg_config

# Run a command as root: directly when we are root, else through sudo.
cx_as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root, so as root the server and everything
# that starts one (initdb, pg_ctl, TAP tests) runs as the postgres account.
cx_as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# What every command needs, then what the target server needs: Debian's own
# 15 comes with its packages (pg_cron, contrib, the TAP framework, Debian's
# packaging tools); any other PG_CONFIG is a source build (test/versions),
# which needs bison, flex and zlib to build.
cx_packages() {
	echo make gcc clang libclang-rt-14-dev python3 perl libipc-run-perl
	if [ "$PG_CONFIG" = /usr/lib/postgresql/15/bin/pg_config ]; then
		echo postgresql-15 postgresql-server-dev-15 postgresql-15-cron \
			postgresql-contrib debhelper dpkg-dev postgresql-server-dev-all
	else
		echo bison flex zlib1g-dev xz-utils
	fi
}

cx_ensure_packages() {
	local missing=() p
	for p in $(cx_packages); do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$p")
		fi
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "cxsat: installing ${missing[*]}"
		cx_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		cx_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "${missing[@]}" >/dev/null
	fi
	# Debian's package starts a cluster of its own on port 5432; ours never
	# touches it (private socket directory), so it is left alone.
	cx_read_pg_config
}

# Build and install the extension into the server's directories.
# A tree last built for another server (the Makefile's .cxsat-target) is
# cleaned first: the Makefile refuses to mix them.
cx_build_install() {
	local target
	target="$("$PG_CONFIG" --version) in $("$PG_CONFIG" --pkglibdir)"
	if [ -f "$CX_ROOT/.cxsat-target" ] && [ "$(cat "$CX_ROOT/.cxsat-target")" != "$target" ]; then
		make -C "$CX_ROOT" -s PG_CONFIG="$PG_CONFIG" clean >/dev/null
	fi
	make -C "$CX_ROOT" -s PG_CONFIG="$PG_CONFIG" >/dev/null
	cx_as_root make -C "$CX_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# A directory the postgres account can read and write.
cx_mktemp_dir() {
	local d
	d=$(mktemp -d "${TMPDIR:-/tmp}/cxsat.$1.XXXXXX")
	chmod 755 "$d"
	if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$d"; fi
	echo "$d"
}

# cx_start_server CRON_DATABASE [extra postgresql.conf lines...]
# Starts a server and exports PGHOST, PGPORT, PGUSER for psql and friends.
cx_start_server() {
	local cron_db=$1; shift
	CX_PGDIR=$(cx_mktemp_dir pg)
	cx_as_pg "$PG_BINDIR/initdb" -D "$CX_PGDIR/data" -U postgres -A trust \
		-E UTF8 --no-sync >"$CX_PGDIR/initdb.log" 2>&1 || {
		cat "$CX_PGDIR/initdb.log" >&2; return 1; }
	cx_as_pg tee -a "$CX_PGDIR/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = ''
unix_socket_directories = '$CX_PGDIR'
port = 5432
fsync = off
shared_preload_libraries = 'pg_cron'
cron.database_name = '$cron_db'
cron.use_background_workers = on
max_worker_processes = 16
max_parallel_workers_per_gather = 2
log_min_messages = warning
CONF
	local line
	for line in "$@"; do
		echo "$line" | cx_as_pg tee -a "$CX_PGDIR/data/postgresql.conf" >/dev/null
	done
	cx_as_pg "$PG_BINDIR/pg_ctl" -D "$CX_PGDIR/data" -l "$CX_PGDIR/server.log" \
		-w -s start || { cat "$CX_PGDIR/server.log" >&2; return 1; }
	export PGHOST=$CX_PGDIR PGPORT=5432 PGUSER=postgres
}

cx_stop_server() {
	if [ -n "${CX_PGDIR:-}" ] && [ -d "$CX_PGDIR/data" ]; then
		cx_as_pg "$PG_BINDIR/pg_ctl" -D "$CX_PGDIR/data" -m fast -w -s stop || true
		rm -rf "$CX_PGDIR"
	fi
	CX_PGDIR=
}

cx_psql() {
	"$PG_BINDIR/psql" -X -v ON_ERROR_STOP=1 -q "$@"
}

# Record one test outcome for the closing "N passed, N failed" line.
# CX_RESULTS names the file run-all.sh counts; standalone runs print only.
cx_result() {
	local outcome=$1; shift
	if [ "$outcome" = pass ]; then echo "ok   - $*"; else echo "FAIL - $*"; fi
	if [ -n "${CX_RESULTS:-}" ]; then echo "$outcome $*" >>"$CX_RESULTS"; fi
}

# cx_check NAME COMMAND...: run COMMAND, record its exit status as a test.
cx_check() {
	local name=$1; shift
	if "$@"; then cx_result pass "$name"; else cx_result fail "$name"; fi
}
