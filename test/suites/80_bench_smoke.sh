#!/usr/bin/env bash
# The benchmark (make bench) at a tiny size and one round, so that it cannot
# rot: it must finish, its cross-checks of answers (fast path against
# baseline, parallel against serial, window with and without the inverse
# function, rollup against raw rows, every query's answer the same in every
# round and under every JIT setting) must hold, and it must print every line
# of its table: each serial and grouped line once per JIT setting (off, the
# server's defaults, forced on) when the server has JIT, which Debian's 15
# does.  Nothing is asserted about timings or ratios: at 100,000 rows and
# one round they mean nothing.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

out=$(mktemp /tmp/cxsat-bench-smoke.XXXXXX)
trap 'rm -f "$out"' EXIT

CXSAT_BENCH_ROWS=100000 CXSAT_BENCH_REPS=1 bash test/bench/run.sh >"$out" 2>&1
status=$?
if [ $status -eq 0 ]; then
	cx_result pass "bench smoke: run.sh finished (100,000 rows, 1 round)"
else
	tail -40 "$out"
	cx_result fail "bench smoke: run.sh finished (exit status $status)"
fi

# every cross-check line the run printed says ok
checks=$(grep -cE '^ (ok|FAIL) +\| ' "$out")
failed_checks=$(grep -E '^ FAIL +\| ' "$out")
# the JIT cross-checks must be among them when the server has a JIT provider
jit_modes=(off)
if [ -f "$("$PG_CONFIG" --pkglibdir)/llvmjit.so" ]; then
	jit_modes=(off default forced)
	grep -qE '^ ok +\| every query gave the same answer in every round and under every JIT setting \(off, default, forced\)$' "$out" &&
		grep -qE '^ ok +\| JIT off compiles nothing; JIT forced compiles, inlines and optimizes' "$out" ||
		failed_checks="${failed_checks}the JIT cross-checks are missing"
fi
if [ "$checks" -ge 10 ] && [ -z "$failed_checks" ]; then
	cx_result pass "bench smoke: $checks cross-checks of answers hold"
else
	echo "$failed_checks"
	cx_result fail "bench smoke: cross-checks of answers ($checks printed)"
fi

# "| section | jit | measurement | candidate | baseline | ratio | target | holds |"
# lines measured under every JIT setting
per_jit=(
	'serial \| JIT \| nps_agg\(score\) \| [0-9.,]+ ms \| count\(score\): '
	'serial \| JIT \| nps_agg\(score\) \| [0-9.,]+ ms \| FILTER arithmetic: '
	'serial \| JIT \| csat_agg\(csat\) \| [0-9.,]+ ms \| count\(csat\): '
	'serial \| JIT \| csat_agg\(csat\) \| [0-9.,]+ ms \| FILTER arithmetic: '
	'serial \| JIT \| ces_agg\(ces\) \| [0-9.,]+ ms \| count\(ces\): '
	'serial \| JIT \| ces_agg\(ces\) \| [0-9.,]+ ms \| avg\(ces\): '
	'serial \| JIT \| nps_agg\(fb\), feedback column \| [0-9.,]+ ms \| count\(fb\): '
	'serial \| JIT \| nps_agg\(fb\), feedback column \| [0-9.,]+ ms \| FILTER arithmetic over fb: '
	'serial \| JIT \| nps_agg\(fb\), feedback column \| [0-9.,]+ ms \| FILTER arithmetic over score: '
	'serial \| JIT \| nps_agg\(score\) \| [0-9.,]+ ms \| by-ref floor: '
	'serial \| JIT \| csat_agg\(csat\) \| [0-9.,]+ ms \| by-ref floor: '
	'serial \| JIT \| ces_agg\(ces\) \| [0-9.,]+ ms \| by-ref floor: '
	'serial \| JIT \| nps_agg\(fb\), feedback column \| [0-9.,]+ ms \| by-ref floor: '
	'grouped \| JIT \| GROUP BY [0-9,]+ customers, hash \| [0-9.,]+ ms \| by-ref floor: '
	'grouped \| JIT \| GROUP BY 1,000 segments, sort \| '
	'grouped \| JIT \| GROUP BY 1,000 segments, hash \| '
	'grouped \| JIT \| GROUP BY [0-9,]+ customers, hash \| '
	'grouped \| JIT \| GROUP BY [0-9,]+ customers, hash: avg\(score\) \| '
)
# lines measured with JIT off only
off_only=(
	'grouped \| off \| hash memory per group, [0-9,]+ customers \| [0-9,]+ B/group'
	'parallel \| off \| nps_agg\(score\), 2 workers \| '
	'window \| off \| 30-row frame, [0-9,]+ rows \| .* \| no inverse function: '
	'window \| off \| 30-row frame, [0-9,]+ rows \| .* \| count\(score\) frame: '
	'rollup \| off \| monthly NPS from .* daily summaries \| [0-9.,]+ ms \| '
	'build \| off \| feedback_agg\(fb\) \| [0-9.,]+ ms \| '
	'build \| off \| feedback_agg\(fb\) per day and segment \| [0-9.,]+ ms \| '
)
expected=("${off_only[@]}")
for row in "${per_jit[@]}"; do
	for mode in "${jit_modes[@]}"; do
		expected+=("${row/JIT/$mode}")
	done
done
missing=()
for row in "${expected[@]}"; do
	grep -qE "^\| $row.*\| ((yes|NO)( \(floor [0-9.]+\))?|-) \|$" "$out" || missing+=("$row")
done
# and no line under a JIT setting the run should not have measured
lines=$(grep -cE '^\| (serial|grouped|parallel|window|rollup|build) \| ' "$out")
if [ "$lines" -ne ${#expected[@]} ]; then
	missing+=("exactly ${#expected[@]} table lines (the table has $lines)")
fi
if [ ${#missing[@]} -eq 0 ]; then
	cx_result pass "bench smoke: the table has all ${#expected[@]} lines, each with a measurement and a verdict"
else
	printf 'missing table line: %s\n' "${missing[@]}"
	grep -E '^\|' "$out"
	cx_result fail "bench smoke: ${#missing[@]} of ${#expected[@]} table lines missing"
fi
exit 0
