#!/usr/bin/env bash
# pg_upgrade.sh OLD_PG_CONFIG NEW_PG_CONFIG: pg_upgrade of a cluster holding
# cxsat data from one major to another (the issue asks for 15 -> 18), both
# with cxsat already installed (the version matrix installs it into each).
#
# The old cluster gets two databases loaded with test/upgrade/data.sql
# (btree and hash indexes, hash partitions, stored tallies, a matview with
# a unique index, a view): one on cxsat's default version, one still on
# 0.1.0.  After pg_upgrade --check and pg_upgrade, on the new server:
# every stored value and query answer is what it was (fingerprint.sql,
# index_queries.sql), the indexes are used, the matview refreshes
# concurrently without rewriting a row, and the 0.1.0 database then goes
# through ALTER EXTENSION cxsat UPDATE with its data unchanged.
#
# Prints one cx_result line per check (counted by run-all.sh or the matrix
# through CX_RESULTS); needs neither pg_cron nor contrib.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
[ $# -eq 2 ] || { echo "usage: $0 OLD_PG_CONFIG NEW_PG_CONFIG" >&2; exit 2; }
old_pgc=$1
old_bin=$("$1" --bindir) new_bin=$("$2" --bindir)
old_major=$("$1" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
new_major=$("$2" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
tag="pg_upgrade $old_major->$new_major"
started=$SECONDS
work=$(cx_mktemp_dir pg_upgrade)
stop_all() {
	for d in old new; do
		[ -f "$work/$d/postmaster.pid" ] &&
			cx_as_pg "$([ $d = old ] && echo "$old_bin" || echo "$new_bin")/pg_ctl" -D "$work/$d" -m fast -w -s stop
	done
	rm -rf "$work"
}
trap stop_all EXIT

# initdb BIN DIR: a cluster with checksums off on every major (18 turns them
# on by default; pg_upgrade wants both sides alike)
init_cluster() {
	local extra=()
	# (the help text is read whole first: grep -q stopping early would give
	# initdb a SIGPIPE, and under pipefail the test would fail at random)
	local help
	help=$("$1/initdb" --help)
	grep -q -- --no-data-checksums <<<"$help" && extra=(--no-data-checksums)
	cx_as_pg "$1/initdb" -D "$2" -U postgres -A trust -E UTF8 --no-sync "${extra[@]}" \
		>"$work/initdb-$(basename "$2").log" 2>&1 || { cat "$work/initdb-$(basename "$2").log"; return 1; }
	cx_as_pg tee -a "$2/postgresql.conf" >/dev/null <<CONF
listen_addresses = ''
unix_socket_directories = '$work'
fsync = off
log_min_messages = warning
CONF
}
start() { cx_as_pg "$1/pg_ctl" -D "$2" -l "$2.log" -o "-p $3" -w -s start; }
stop() { cx_as_pg "$1/pg_ctl" -D "$2" -m fast -w -s stop; }
q() { local bin=$1 port=$2 db=$3; shift 3; "$bin/psql" -X -q -v ON_ERROR_STOP=1 -At -h "$work" -p "$port" -U postgres -d "$db" "$@"; }

# Debian 12's 15.20 gives every column an attribute option pg_attver that
# the PostgreSQL sources in ../shared/pg-src (18.4 and the others) do not
# know, so their pg_upgrade fails on any table.  When that is the failure,
# this shows it is not cxsat's: two fresh clusters, one plain table, no
# cxsat, must fail the same way.  Then the option is removed from the user
# columns and the cxsat data goes through (a note in CX_UPGRADE_BLOCKED for
# the matrix summary says so).
control_without_cxsat() {
	local c=$work/control
	mkdir -p "$c" && chown postgres: "$c" 2>/dev/null
	init_cluster "$old_bin" "$c/old" && init_cluster "$new_bin" "$c/new" &&
		start "$old_bin" "$c/old" 5432 &&
		q "$old_bin" 5432 postgres -c "CREATE TABLE plain (id int, note text)" &&
		stop "$old_bin" "$c/old" || { cx_result fail "$tag: control clusters without cxsat"; return; }
	(cd "$c" && cx_as_pg "$new_bin/pg_upgrade" -b "$old_bin" -B "$new_bin" \
		-d "$c/old" -D "$c/new" -U postgres -p 5432 -P 5433 -s "$work") >"$c/pg_upgrade.log" 2>&1
	if grep -rqs 'unrecognized parameter "pg_attver"' "$c/new"; then
		cx_result pass "$tag: pg_upgrade fails on Debian's pg_attver column option with no cxsat in the cluster too"
	else
		cx_result fail "$tag: pg_upgrade fails with cxsat's data but not without it"
	fi
}

init_cluster "$old_bin" "$work/old" && init_cluster "$new_bin" "$work/new" ||
	{ cx_result fail "$tag: initdb of both clusters"; exit 0; }
start "$old_bin" "$work/old" 5432 || { cat "$work/old.log"; cx_result fail "$tag: old server starts"; exit 0; }
for db in cx_current cx_010; do "$old_bin/createdb" -h "$work" -p 5432 -U postgres "$db"; done
q "$old_bin" 5432 cx_current -c "CREATE EXTENSION cxsat" -f test/upgrade/data.sql &&
	q "$old_bin" 5432 cx_010 -c "CREATE EXTENSION cxsat VERSION '0.1.0'" -f test/upgrade/data.sql ||
	{ cx_result fail "$tag: data loaded into the old cluster"; exit 0; }
for db in cx_current cx_010; do
	q "$old_bin" 5432 "$db" -f test/upgrade/fingerprint.sql >"$work/$db.before" &&
		q "$old_bin" 5432 "$db" -f test/upgrade/index_queries.sql >>"$work/$db.before" ||
		cx_result fail "$tag: fingerprint of $db on the old server"
	q "$old_bin" 5432 "$db" -c "CREATE TABLE daily_ctid AS SELECT day, segment, ctid::text AS tid FROM daily"
done
version=$(q "$old_bin" 5432 cx_current -c "SELECT extversion FROM pg_extension WHERE extname = 'cxsat'")
stop "$old_bin" "$work/old"

# ---------------------------------------------------------------- pg_upgrade
# run_pg_upgrade: --check, then the upgrade; it writes its logs into the
# current directory (or the new data directory).  Fails with the logs shown.
run_pg_upgrade() {
	local mode
	for mode in --check ""; do
		# shellcheck disable=SC2086
		if ! (cd "$work" && cx_as_pg "$new_bin/pg_upgrade" -b "$old_bin" -B "$new_bin" \
			-d "$work/old" -D "$work/new" -U postgres -p 5432 -P 5433 -s "$work" $mode) \
			>"$work/pg_upgrade${mode}.log" 2>&1; then
			tail -30 "$work/pg_upgrade${mode}.log"
			find "$work/new" -path '*pg_upgrade_output.d*' -name '*.log' -newer "$work/old.log" \
				-exec grep -l -iE 'error|fatal' {} + 2>/dev/null | while read -r f; do grep -iE -B2 -A6 "error|fatal" "$f" | head -30; done
			return 1
		fi
	done
}

t0=$SECONDS
if ! run_pg_upgrade; then
	# Debian 12's 15.20 gives every column an attribute option pg_attver
	# that the PostgreSQL sources in ../shared/pg-src do not know: then any
	# table fails, cxsat or not
	grep -rqs 'unrecognized parameter "pg_attver"' "$work/new" ||
		{ cx_result fail "$tag: pg_upgrade failed"; exit 0; }
	control_without_cxsat
	# The failed run left the old cluster as it was (pg_upgrade stops in
	# the schema restore, before any file is copied).  The option cannot be
	# RESET (the server stamps it again), so it is removed from the user
	# columns in the catalog, the one change made to the old cluster, and
	# the same data goes through pg_upgrade to a fresh new cluster: what is
	# then checked is cxsat's part of the upgrade.
	tag="$tag (pg_attver removed)"
	start "$old_bin" "$work/old" 5432 || { cx_result fail "$tag: old server restarts"; exit 0; }
	for db in postgres template1 cx_current cx_010; do
		q "$old_bin" 5432 "$db" -c "UPDATE pg_catalog.pg_attribute
			SET attoptions = NULLIF(ARRAY(SELECT o FROM unnest(attoptions) o
										  WHERE o NOT LIKE 'pg\\_attver=%'), '{}')
			WHERE attrelid >= 16384 AND attoptions::text LIKE '%pg\\_attver=%'" ||
			{ cx_result fail "$tag: removing pg_attver in $db"; exit 0; }
	done
	stop "$old_bin" "$work/old"
	rm -rf "$work/new" "$work"/*.txt
	init_cluster "$new_bin" "$work/new" || { cx_result fail "$tag: initdb of the new cluster"; exit 0; }
	t0=$SECONDS
	run_pg_upgrade || { cx_result fail "$tag: pg_upgrade failed"; exit 0; }
	echo "(Debian's pg_attver column option removed first; without it even a plain table fails)" \
		>>"${CX_UPGRADE_BLOCKED:-/dev/null}"
fi
cx_result pass "$tag: pg_upgrade --check and pg_upgrade succeed with cxsat $version and 0.1.0 databases ($((SECONDS - t0)) s)"

start "$new_bin" "$work/new" 5433 || { cat "$work/new.log"; cx_result fail "$tag: new server starts"; exit 0; }
for db in cx_current cx_010; do
	# pg_upgrade carries no planner statistics before 18
	q "$new_bin" 5433 "$db" -c "ANALYZE"
	q "$new_bin" 5433 "$db" -f test/upgrade/fingerprint.sql >"$work/$db.after" &&
		q "$new_bin" 5433 "$db" -f test/upgrade/index_queries.sql >>"$work/$db.after"
	if [ -s "$work/$db.before" ] && diff "$work/$db.before" "$work/$db.after"; then
		cx_result pass "$tag: $db: stored values, views and index lookups answer as before ($(wc -l <"$work/$db.after") fingerprints)"
	else
		cx_result fail "$tag: $db: answers differ after pg_upgrade"
	fi
done

plan=$(q "$new_bin" 5433 cx_current -c "EXPLAIN (COSTS OFF) SELECT id FROM responses WHERE fb = 'ces:7/7'")
hplan=$(q "$new_bin" 5433 cx_current -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT count(*)
	FROM rollup WHERE s = '{}'")
found=$(q "$new_bin" 5433 cx_current -c "SET enable_seqscan = off" -c "SELECT count(*) = count(*) FILTER
	(WHERE (SELECT count(*) FROM rollup r2 WHERE r2.s = r.s) >= 1) FROM rollup r")
if grep -q responses_fb <<<"$plan" && grep -q rollup_s_hash <<<"$hplan" && [ "$found" = t ]; then
	cx_result pass "$tag: the btree index on feedback and the hash index on feedback_summary are used and find every row"
else
	printf '%s\n%s\n%s\n' "$plan" "$hplan" "$found"
	cx_result fail "$tag: indexes after pg_upgrade"
fi
out=$(q "$new_bin" 5433 cx_current <<'SQL' 2>&1
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
SELECT count(*) = count(*) FILTER (WHERE d.ctid::text = b.tid) AND count(*) > 0
FROM daily d JOIN daily_ctid b USING (day, segment);
INSERT INTO responses VALUES (900001, date '2024-03-01', 'late', 'nps:10', 1);
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
SELECT nps FROM daily WHERE segment = 'late';
SQL
)
if [ "$out" = "$(printf 't\n100')" ]; then
	cx_result pass "$tag: the matview refreshes concurrently (no row rewritten) and takes new rows"
else
	echo "$out"; cx_result fail "$tag: matview refresh after pg_upgrade"
fi
if q "$new_bin" 5433 cx_010 -c "ALTER EXTENSION cxsat UPDATE" &&
	[ "$(q "$new_bin" 5433 cx_010 -c "SELECT extversion FROM pg_extension WHERE extname = 'cxsat'")" = "$version" ] &&
	q "$new_bin" 5433 cx_010 -f test/upgrade/fingerprint.sql >"$work/cx_010.updated" &&
	q "$new_bin" 5433 cx_010 -f test/upgrade/index_queries.sql >>"$work/cx_010.updated" &&
	diff "$work/cx_010.before" "$work/cx_010.updated"; then
	cx_result pass "$tag: the 0.1.0 database updates to $version on the new major with its data unchanged"
else
	cx_result fail "$tag: ALTER EXTENSION cxsat UPDATE after pg_upgrade"
fi
echo "   $tag: $((SECONDS - started)) s"
exit 0
