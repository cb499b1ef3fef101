#!/usr/bin/env bash
# Build the libFuzzer harnesses of the pure C core with AddressSanitizer and
# UndefinedBehaviorSanitizer and run each for a bounded time.
#
#   bash test/fuzz/run.sh                       every target, 8 s each (make test: 15 s)
#   bash test/fuzz/run.sh --seconds 60 feedback_text summary_text
#   bash test/fuzz/run.sh --long 3600           the long campaign: 1 h per target,
#                                               corpus kept in $CX_FUZZ_HOME
#   bash test/fuzz/run.sh --long 3600 --jobs 4  ... with 4 fuzzing processes each
#
# Short runs fuzz a copy of the seed corpus in a temporary directory, so the
# repository is never modified; a crashing input is copied to
# $CX_FUZZ_HOME/crashes/<target>/ (default /var/tmp/cxsat-fuzz).  Long runs
# keep their growing corpus in $CX_FUZZ_HOME/corpus/<target>/ and write
# crashing inputs to $CX_FUZZ_HOME/long-<date>/<target>/.  To keep a crash
# as a regression test, copy it into test/fuzz/corpus/<target>/.
#
# Every target is one recorded result ("fuzz: <target>: N runs ..."); the
# script exits non-zero if any target fails to build or finds a fault.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

ALL_TARGETS=(feedback_text feedback_binary tally_text summary_text summary_binary summary_stored change_text)
seconds=${CX_FUZZ_SECONDS:-8}
long=0
jobs=1
targets=()
while [ $# -gt 0 ]; do
	case "$1" in
		--seconds) seconds=$2; shift 2 ;;
		--long) seconds=$2; long=1; shift 2 ;;
		--jobs) jobs=$2; shift 2 ;;
		-h|--help) sed -n '2,18p' "$0"; exit 0 ;;
		-*) echo "unknown option $1" >&2; exit 2 ;;
		*) targets+=("$1"); shift ;;
	esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")

CC=${CX_FUZZ_CC:-clang}
FLAGS="-std=c11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"

work=$(mktemp -d /tmp/cxsat-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
home=${CX_FUZZ_HOME:-/var/tmp/cxsat-fuzz}
campaign=$home/long-$(date +%Y%m%d-%H%M%S)
[ $long = 1 ] && mkdir -p "$campaign"

# the core once, instrumented for the fuzzer; each harness links against it
core_objs=()
for c in src/cx_*.c; do
	o=$work/$(basename "$c" .c).o
	# shellcheck disable=SC2086
	if ! $CC $FLAGS -fsanitize=fuzzer-no-link -c -Isrc -o "$o" "$c" >>"$work/core.cc.log" 2>&1; then
		cat "$work/core.cc.log"
		cx_result fail "fuzz: the core builds with the fuzzer's instrumentation"
		exit 1
	fi
	core_objs+=("$o")
done

failed=0
for target in "${targets[@]}"; do
	src=test/fuzz/fuzz_$target.c
	if [ ! -f "$src" ]; then
		cx_result fail "fuzz: $target: no harness $src"
		failed=1
		continue
	fi
	bin=$work/fuzz_$target
	# shellcheck disable=SC2086
	if ! $CC $FLAGS -Isrc -Itest/fuzz -o "$bin" "$src" "${core_objs[@]}" -lm \
		>"$work/$target.cc.log" 2>&1; then
		cat "$work/$target.cc.log"
		cx_result fail "fuzz: $target: harness builds"
		failed=1
		continue
	fi

	if [ $long = 1 ]; then
		corpus=$home/corpus/$target
		artifacts=$campaign/$target/
	else
		corpus=$work/corpus/$target
		artifacts=$work/artifacts/$target/
	fi
	mkdir -p "$corpus" "$artifacts"
	# the seeds, and every input an earlier campaign found worth keeping
	cp -n test/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true

	opts=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192
		-print_final_stats=1 -artifact_prefix="$artifacts")
	[ -f "test/fuzz/$target.dict" ] && opts+=(-dict="test/fuzz/$target.dict")
	log=$work/$target.log
	if [ "$jobs" -gt 1 ]; then
		opts+=(-fork="$jobs")
	fi
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$bin" "${opts[@]}" "$corpus" >"$log" 2>&1
	status=$?
	[ $long = 1 ] && cp "$log" "$campaign/$target.log"

	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
	[ -z "$runs" ] && runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	crashes=$(find "$artifacts" -type f | wc -l)
	ncorpus=$(find "$corpus" -type f | wc -l)
	if [ $status -eq 0 ] && [ "$crashes" -eq 0 ] && [ -n "$runs" ]; then
		cx_result pass "fuzz: $target: ${runs} runs in ${seconds} s, no fault (corpus $ncorpus inputs)"
	else
		grep -E -A25 'ERROR|property violated|runtime error' "$log" | head -60
		keep=$home/crashes/$target
		[ $long = 1 ] && keep=${artifacts%/}
		mkdir -p "$keep"
		for f in "$artifacts"*; do
			[ -f "$f" ] || continue
			[ $long = 1 ] || cp "$f" "$keep/"
			echo "crashing input $keep/$(basename "$f"):"
			head -c 300 "$f" | od -c | head -12
		done
		cx_result fail "fuzz: $target: fault found after ${runs:-?} runs (exit $status)"
		failed=1
	fi
done
[ $long = 1 ] && echo "corpora are in $home/corpus; logs and crashing inputs in $campaign"
exit $failed
