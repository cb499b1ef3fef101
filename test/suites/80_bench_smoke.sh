#!/usr/bin/env bash
# The benchmark (make bench) at a tiny size and one round, so that it cannot
# rot: it must finish, its cross-checks of answers (fast path against
# baseline, parallel against serial, window with and without the inverse
# function, rollup against raw rows) must hold, and it must print every line
# of its table.  Nothing is asserted about timings or ratios: at 100,000 rows
# and one round they mean nothing.
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
if [ "$checks" -ge 8 ] && [ -z "$failed_checks" ]; then
	cx_result pass "bench smoke: $checks cross-checks of answers hold"
else
	echo "$failed_checks"
	cx_result fail "bench smoke: cross-checks of answers ($checks printed)"
fi

# "| section | measurement | candidate | baseline | ratio | target | holds |"
expected=(
	'serial \| nps_agg\(score\) \| .* \| count\(score\): '
	'serial \| nps_agg\(score\) \| .* \| FILTER arithmetic: '
	'serial \| csat_agg\(csat\) \| .* \| count\(csat\): '
	'serial \| csat_agg\(csat\) \| .* \| FILTER arithmetic: '
	'serial \| ces_agg\(ces\) \| .* \| count\(ces\): '
	'serial \| ces_agg\(ces\) \| .* \| avg\(ces\): '
	'serial \| nps_agg\(fb\), feedback column \| .* \| count\(fb\): '
	'serial \| nps_agg\(fb\), feedback column \| .* \| FILTER arithmetic: '
	'grouped \| GROUP BY 1,000 segments, sort \| '
	'grouped \| GROUP BY 1,000 segments, hash \| '
	'grouped \| GROUP BY [0-9,]+ customers, hash \| '
	'grouped \| GROUP BY [0-9,]+ customers, hash: avg\(score\) \| '
	'grouped \| hash memory per group, [0-9,]+ customers \| [0-9,]+ B/group'
	'parallel \| nps_agg\(score\), 2 workers \| '
	'window \| 30-row frame, [0-9,]+ rows \| .* \| no inverse function: '
	'window \| 30-row frame, [0-9,]+ rows \| .* \| count\(score\) frame: '
	'rollup \| monthly NPS from .* daily summaries \| [0-9.,]+ ms \| '
	'build \| feedback_agg\(fb\) \| [0-9.,]+ ms \| '
	'build \| feedback_agg\(fb\) per day and segment \| [0-9.,]+ ms \| '
)
missing=()
for row in "${expected[@]}"; do
	grep -qE "^\| $row.*\| (yes|NO|-) \|$" "$out" || missing+=("$row")
done
if [ ${#missing[@]} -eq 0 ]; then
	cx_result pass "bench smoke: the table has all ${#expected[@]} lines, each with a measurement and a verdict"
else
	printf 'missing table line: %s\n' "${missing[@]}"
	grep -E '^\|' "$out"
	cx_result fail "bench smoke: ${#missing[@]} of ${#expected[@]} table lines missing"
fi
exit 0
