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
# pg_regress prints one line per test.  14 and 15: "test NAME ... ok 12 ms"
# (or "... FAILED"); 16 and later, TAP style: "ok 3 - NAME 12 ms" or
# "not ok 3 - NAME" ("+" instead of "-" inside a parallel group).
tests=0
while read -r outcome name; do
	tests=$((tests + 1))
	cx_result "$outcome" "regress: $name"
done < <(sed -nE \
	-e 's/^ *(test +)?([0-9][0-9]_[a-z0-9_]+) +\.\.\. +ok.*/pass \2/p' \
	-e 's/^ *(test +)?([0-9][0-9]_[a-z0-9_]+) +\.\.\. +(FAILED|failed).*/fail \2/p' \
	-e 's/^ok +[0-9]+ +[-+] +([0-9][0-9]_[a-z0-9_]+)( .*)?$/pass \1/p' \
	-e 's/^not ok +[0-9]+ +[-+] +([0-9][0-9]_[a-z0-9_]+)( .*)?$/fail \1/p' \
	"$log")
if [ $status -ne 0 ] || [ $tests -eq 0 ]; then
	cat "$log"
	[ -f regression.diffs ] && head -300 regression.diffs
	[ $tests -eq 0 ] && cx_result fail "regress: pg_regress ran no test"
	[ $status -ne 0 ] && cx_result fail "regress: pg_regress exited with status $status"
fi
exit 0
