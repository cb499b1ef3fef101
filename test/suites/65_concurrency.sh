#!/usr/bin/env bash
# Concurrency: pgbench clients insert responses for a fixed time, each
# transaction also merging its summary into an incremental rollup by upsert
# and queueing it for a rollup worker; two worker clients drain the queue
# into a second rollup by upsert; one client refreshes the daily
# materialized view CONCURRENTLY in a loop.  Afterwards the raw row count
# equals what pgbench committed (nothing lost), and for every day and
# metric the view and both rollups hold exactly the raw counts (nothing
# counted twice).  Then the isolation specs in test/isolation run.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

SECONDS_LOAD=${CX_CONCURRENCY_SECONDS:-10}
work=$(cx_mktemp_dir concurrency)
trap 'cx_stop_server; rm -rf "$work"' EXIT
cx_start_server contrib_regression || { cx_result fail "concurrency: server starts"; exit 0; }
db=concurrency
"$PG_BINDIR/createdb" "$db"
cx_psql -d "$db" -f test/concurrency/schema.sql || { cx_result fail "concurrency: schema loads"; exit 0; }

pgbench() { "$PG_BINDIR/pgbench" -n -d "$db" -T "$SECONDS_LOAD" "$@"; }
c=test/concurrency
pgbench -c 4 -j 2 --max-tries=10 -f "$c/insert_batch.sql@3" -f "$c/insert_one.sql@1" \
	>"$work/insert.log" 2>&1 &
insert_pid=$!
pgbench -c 2 -j 1 --max-tries=10 -f "$c/drain.sql" >"$work/drain.log" 2>&1 &
drain_pid=$!
pgbench -c 1 -f "$c/refresh.sql" >"$work/refresh.log" 2>&1 &
refresh_pid=$!
ok=1
for p in insert:$insert_pid drain:$drain_pid refresh:$refresh_pid; do
	if ! wait "${p#*:}"; then
		ok=0
		cat "$work/${p%%:*}.log"
	fi
	failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/${p%%:*}.log")
	[ "${failed:-x}" = 0 ] || { ok=0; echo "${p%%:*}: failed transactions: ${failed:-?}"; }
done
if [ $ok = 1 ]; then
	cx_result pass "concurrency: pgbench clients (4 inserting, 2 rollup workers, 1 refreshing) ran ${SECONDS_LOAD} s without a failed transaction"
else
	cx_result fail "concurrency: a pgbench client failed"
fi

# committed transactions per script: " - 1234 transactions (75.0% of total, ...)"
mapfile -t per_script < <(sed -n 's/^ - \([0-9]*\) transactions (.*/\1/p' "$work/insert.log")
if [ ${#per_script[@]} -ne 2 ]; then
	cat "$work/insert.log"
	cx_result fail "concurrency: cannot read per-script transaction counts from pgbench"
	exit 0
fi
expected_rows=$((3 * per_script[0] + per_script[1]))
echo "   committed: ${per_script[0]} three-row and ${per_script[1]} one-row transactions = $expected_rows responses"
grep -E '^(number of transactions actually processed|number of transactions retried|tps)' "$work"/*.log | sed 's/^/   /'

out=$(cx_psql -d "$db" -f "$c/check.sql" 2>&1) || { echo "$out"; cx_result fail "concurrency: final check ran"; exit 0; }
while IFS='|' read -r name verdict detail; do
	[ -n "$name" ] || continue
	if [ "$name" = rows ]; then
		if [ "$detail" = "$expected_rows" ] && [ "$detail" -gt 0 ]; then
			cx_result pass "concurrency: raw table holds every committed response ($detail)"
		else
			cx_result fail "concurrency: raw table holds $detail responses, pgbench committed $expected_rows"
		fi
	elif [ "$verdict" = t ]; then
		cx_result pass "concurrency: $name ($detail)"
	else
		cx_result fail "concurrency: $name ($detail)"
	fi
done <<<"$out"

# ---------------------------------------------------------------- isolation
# pg_isolation_regress drives interleavings step by step; its database gets
# the extension in each spec's setup
iso_out=$work/isolation
mkdir -p "$iso_out"
chmod 777 "$iso_out"
specs=$(cd test/isolation/specs && ls *.spec | sed 's/\.spec$//')
# shellcheck disable=SC2086
"$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/isolation/pg_isolation_regress" \
	--inputdir=test/isolation --outputdir="$iso_out" --bindir="$PG_BINDIR" \
	--dbname=cx_isolation $specs >"$iso_out/log" 2>&1
while read -r line; do
	name=$(sed -E 's/^(test +)?//; s/ +\.\.\..*//' <<<"$line")
	if grep -qE '\.\.\. +ok' <<<"$line"; then cx_result pass "concurrency: isolation spec $name"
	else cx_result fail "concurrency: isolation spec $name"; fi
done < <(grep -E '^(test +)?[a-z0-9_]+ +\.\.\. ' "$iso_out/log" | sed -E 's/^ +//')
if grep -q FAILED "$iso_out/log" || ! grep -q 'tests passed' "$iso_out/log"; then
	cat "$iso_out/log"
	[ -f "$iso_out/regression.diffs" ] && head -100 "$iso_out/regression.diffs"
fi
exit 0
