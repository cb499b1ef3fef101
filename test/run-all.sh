#!/usr/bin/env bash
# make test: install what is missing, build, start a throwaway server, run
# every suite, and end with one line "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$CX_ROOT"

CX_RESULTS=$(mktemp /tmp/cxsat-results.XXXXXX)
export CX_RESULTS
trap 'cx_stop_server; rm -f "$CX_RESULTS"' EXIT

cx_ensure_packages

section() { printf '\n== %s ==\n' "$1"; }

section "build (-Wall -Wextra)"
make -s PG_CONFIG="$PG_CONFIG" clean >/dev/null 2>&1
build_log=$(make PG_CONFIG="$PG_CONFIG" PG_CFLAGS="-Wall -Wextra" 2>&1)
if [ $? -ne 0 ]; then
	echo "$build_log"
	cx_result fail "build: extension compiles"
	echo "0 passed, 1 failed"
	exit 1
fi
warnings=$(grep -c 'warning:' <<<"$build_log")
if [ "$warnings" = 0 ]; then cx_result pass "build: no compiler warnings"
else grep 'warning:' <<<"$build_log"; cx_result fail "build: $warnings compiler warnings"; fi
cx_as_root make -s PG_CONFIG="$PG_CONFIG" install >/dev/null

for suite in test/suites/*.sh; do
	section "$(basename "$suite" .sh)"
	bash "$suite" || cx_result fail "$(basename "$suite" .sh): suite script exited with an error"
done

passed=$(grep -c '^pass ' "$CX_RESULTS")
failed=$(grep -c '^fail ' "$CX_RESULTS")
if [ "$failed" -gt 0 ]; then
	printf '\nfailed:\n'
	sed -n 's/^fail /  /p' "$CX_RESULTS"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
