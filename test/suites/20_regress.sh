#!/usr/bin/env bash
# pg_regress: sql/NN_*.sql against expected/NN_*.out on a throwaway server.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
trap cx_stop_server EXIT

cx_start_server contrib_regression || { cx_result fail "regress: server starts"; exit 0; }
rm -rf results regression.diffs regression.out
make -s installcheck PG_CONFIG="$PG_CONFIG" >/tmp/cxsat-regress.log 2>&1
status=$?
# pg_regress prints one line per test: "test NAME ... ok" or "... FAILED"
grep -E '^(test| ) ' regression.out 2>/dev/null | grep -E '\.\.\. ' |
while read -r line; do
	name=$(sed -E 's/^(test +|  +)//; s/ +\.\.\..*//' <<<"$line")
	if grep -qE '\.\.\. +ok' <<<"$line"; then cx_result pass "regress: $name"
	else cx_result fail "regress: $name"; fi
done
if [ $status -ne 0 ]; then
	[ -f regression.diffs ] && head -200 regression.diffs
	grep -q 'FAILED' regression.out 2>/dev/null || { cat /tmp/cxsat-regress.log; cx_result fail "regress: pg_regress ran"; }
fi
