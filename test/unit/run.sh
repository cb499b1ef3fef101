#!/usr/bin/env bash
# Build every test/unit/test_*.c against the pure C core (src/cx_*.c) with
# AddressSanitizer and UndefinedBehaviorSanitizer, run it, and record each
# "ok"/"not ok" line as a test.  No server headers are involved.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

out=$(mktemp -d /tmp/cxsat-unit.XXXXXX)
trap 'rm -rf "$out"' EXIT
CC=${CC:-clang}
command -v "$CC" >/dev/null || CC=gcc
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

for t in test/unit/test_*.c; do
	name=$(basename "$t" .c)
	if ! $CC -std=c11 -O1 -g -Wall -Wextra -Werror $SAN -Isrc -o "$out/$name" \
		"$t" src/cx_*.c -lm 2>"$out/$name.cc.log"; then
		cat "$out/$name.cc.log"
		cx_result fail "unit: $name compiles"
		continue
	fi
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$out/$name" >"$out/$name.log" 2>&1
	status=$?
	while IFS= read -r line; do
		case "$line" in
			"ok "*) cx_result pass "unit: $name: ${line#ok * - }" ;;
			"not ok "*) cx_result fail "unit: $name: ${line#not ok * - }" ;;
		esac
	done <"$out/$name.log"
	if [ $status -ne 0 ] && ! grep -q '^not ok' "$out/$name.log"; then
		cat "$out/$name.log"
		cx_result fail "unit: $name exited with status $status (sanitizer or crash)"
	fi
	grep -v -E '^(ok |1\.\.)' "$out/$name.log" | head -50
done

exit 0
