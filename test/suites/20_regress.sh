#!/usr/bin/env bash
# pg_regress: sql/NN_*.sql against expected/NN_*.out on a throwaway server.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
log=$(mktemp /tmp/cxsat-regress.XXXXXX)
trap 'cx_stop_server; rm -f "$log"' EXIT

cx_start_server contrib_regression || { cx_result fail "regress: server starts"; exit 0; }
rm -rf results regression.diffs regression.out
make -s installcheck PG_CONFIG="$PG_CONFIG" >"$log" 2>&1
status=$?
# pg_regress prints one line per test: "test NAME ... ok 12 ms" or "... FAILED"
tests=0
while read -r line; do
	name=$(sed -E 's/^(test +)?//; s/ +\.\.\..*//' <<<"$line")
	tests=$((tests + 1))
	if grep -qE '\.\.\. +ok' <<<"$line"; then cx_result pass "regress: $name"
	else cx_result fail "regress: $name"; fi
done < <(grep -E '^(test +)?[0-9][0-9]_[a-z0-9_]+ +\.\.\. ' "$log" | sed -E 's/^ +//')
if [ $status -ne 0 ] || [ $tests -eq 0 ]; then
	cat "$log"
	[ -f regression.diffs ] && head -300 regression.diffs
	[ $tests -eq 0 ] && cx_result fail "regress: pg_regress ran no test"
fi
exit 0
