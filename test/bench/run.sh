#!/usr/bin/env bash
# make bench: how much do cxsat's aggregates cost next to PostgreSQL's own
# count()?  Sets up like the demo (installs what is missing, builds and
# installs cxsat, starts a throwaway server on a private Unix socket), builds
# a deterministic data set (test/bench/data.sql), times every query pair in
# one session, interleaved (test/bench/bench.sql), and prints a Markdown
# table of medians and ratios with the target of each line.
#
# Every serial and grouped comparison is measured under three JIT settings:
# off; on at the server's defaults (jit_above_cost and friends as
# pg_settings reports their built-in values); and forced on (every cost
# threshold 0, so that even small queries are compiled, inlined and
# optimized).  A ratio is always candidate and baseline under the same
# setting.  A server built without LLVM is measured with JIT off only.
#
#   make bench                                    10 million rows, 5 rounds
#   CXSAT_BENCH_ROWS=1000000 CXSAT_BENCH_REPS=7 make bench
#   PG_CONFIG=/path/to/18/bin/pg_config make bench
#
# CXSAT_BENCH_ROWS       responses (default 10,000,000)
# CXSAT_BENCH_REPS       timed rounds after the warm-up (default 5)
# CXSAT_BENCH_CUSTOMERS  distinct customers (default ROWS / 10, so 1,000,000)
# PG_CONFIG              the PostgreSQL to build for and run (default
#                        Debian's 15); it needs pg_prewarm and pg_cron
#
# The exit status is 0 when every measurement ran and every cross-check of
# answers held (a target missed is reported in the table, not as a failure:
# timings depend on the machine).  The server and its directory are removed
# on exit.
set -euo pipefail
PG_CONFIG_GIVEN=${PG_CONFIG:-}	# for the command line the report shows
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

ROWS=${CXSAT_BENCH_ROWS:-10000000}
REPS=${CXSAT_BENCH_REPS:-5}
for v in ROWS REPS; do
	case ${!v} in
	'' | *[!0-9]* | 0*)
		echo "cxsat bench: CXSAT_BENCH_$v must be a positive integer, not '${!v}'" >&2
		exit 2 ;;
	esac
done
CUSTOMERS=${CXSAT_BENCH_CUSTOMERS:-$(( ROWS / 10 > 0 ? ROWS / 10 : 1 ))}
case $CUSTOMERS in
'' | *[!0-9]* | 0*)
	echo "cxsat bench: CXSAT_BENCH_CUSTOMERS must be a positive integer, not '$CUSTOMERS'" >&2
	exit 2 ;;
esac
WINDOW_ROWS=$(( ROWS < 1000000 ? ROWS : 1000000 ))
BENCH_DB=cxsat_bench
# the table, its key and the daily summaries must fit in shared buffers
SHARED_MB=$(( (ROWS * 128 >> 20) + 512 ))

T0=${EPOCHREALTIME/./}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed() {
	local us=$((${EPOCHREALTIME/./} - $1))
	printf '%d.%d s' $((us / 1000000)) $((us / 100000 % 10))
}
progress() { printf '  %-66s' "$1" >&2; STEP_T0=${EPOCHREALTIME/./}; }
progress_done() { printf '%10s\n' "$(elapsed "$STEP_T0")" >&2; }

trap 'cx_stop_server' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_psql() { cx_psql -d "$BENCH_DB" "$@"; }

echo "cxsat benchmark: $ROWS rows, $CUSTOMERS customers, $REPS rounds after a warm-up" >&2
progress "installing missing packages, building and installing cxsat"
cx_ensure_packages
# objects built for another PG_CONFIG must not be installed into this one
make -C "$CX_ROOT" -s PG_CONFIG="$PG_CONFIG" clean >/dev/null
cx_build_install
progress_done

progress "starting PostgreSQL $PG_MAJOR (shared_buffers ${SHARED_MB}MB)"
# Settings for repeatable timings: everything in memory (shared buffers for
# the data, work_mem for sorts and hash tables so that nothing spills), no
# checkpoints, autovacuum or I/O timing calls during the runs, and serial
# plans unless a measurement asks for workers.  JIT is off for the set-up;
# each timed query sets it for itself (bench.jit_modes).
cx_start_server "$BENCH_DB" \
	"shared_buffers = ${SHARED_MB}MB" \
	"work_mem = 1GB" \
	"hash_mem_multiplier = 2.0" \
	"maintenance_work_mem = 1GB" \
	"jit = off" \
	"track_io_timing = off" \
	"autovacuum = off" \
	"max_wal_size = 16GB" \
	"checkpoint_timeout = 1h" \
	"synchronous_commit = off" \
	"max_parallel_workers = 8" \
	"max_parallel_workers_per_gather = 0"
cx_psql -d postgres -c "CREATE DATABASE $BENCH_DB"
cx_psql -d postgres -c "ALTER DATABASE $BENCH_DB SET timezone TO 'UTC'"
bench_psql -c "CREATE EXTENSION cxsat" -c "CREATE EXTENSION pg_prewarm"
progress_done

progress "building the by-reference floor aggregate (test/bench/floor)"
# built for this server, loaded by path from the server's private directory:
# nothing is installed (see floor.c)
make -C "$CX_ROOT/test/bench/floor" -s PG_CONFIG="$PG_CONFIG" clean >/dev/null
make -C "$CX_ROOT/test/bench/floor" -s PG_CONFIG="$PG_CONFIG" >/dev/null
FLOOR_SO=$CX_PGDIR/cxsat_bench_floor.so
install -m 644 "$CX_ROOT/test/bench/floor/cxsat_bench_floor.so" "$FLOOR_SO"
make -C "$CX_ROOT/test/bench/floor" -s PG_CONFIG="$PG_CONFIG" clean >/dev/null
progress_done

progress "building $ROWS responses (test/bench/data.sql)"
bench_psql -v rows="$ROWS" -v customers="$CUSTOMERS" -f test/bench/data.sql
bench_psql -f test/bench/bench.sql
bench_psql -v floor_so="$FLOOR_SO" -f test/bench/floor.sql
progress_done

# --- JIT settings --------------------------------------------------------------
# pg_jit_available() is true only with jit on and a provider that loads.
JIT_AVAILABLE=$(bench_psql -At -c "SET jit = on" -c "SELECT pg_jit_available()")
BITCODE_INDEX=$("$PG_CONFIG" --pkglibdir)/bitcode/cxsat.index.bc
bench_psql -v jit_available="$JIT_AVAILABLE" >/dev/null <<'SQL'
INSERT INTO bench.jit_modes (mode, settings) VALUES ('off', '{jit,off}');
\if :jit_available
INSERT INTO bench.jit_modes (mode, settings)
SELECT 'default', ('{jit,on,' || string_agg(name || ',' || boot_val, ',' ORDER BY name) || '}')::text[]
FROM pg_catalog.pg_settings
WHERE name IN ('jit_above_cost', 'jit_inline_above_cost', 'jit_optimize_above_cost');
INSERT INTO bench.jit_modes (mode, settings)
VALUES ('forced', '{jit,on,jit_above_cost,0,jit_inline_above_cost,0,jit_optimize_above_cost,0}');
\endif
SQL
JIT_MODES=$(bench_psql -At -c "SELECT string_agg(mode, ' ' ORDER BY position) FROM bench.jit_modes")

HAS_SUMMARY=$(bench_psql -At -c "SELECT count(*) > 0 FROM pg_catalog.pg_proc
	WHERE proname = 'feedback_agg' AND pronamespace = 'public'::regnamespace")
if [ "$HAS_SUMMARY" = t ]; then
	progress "building a year of daily summaries for 1,000 segments"
	bench_psql <<'SQL'
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE bench_daily AS
SELECT (responded_at AT TIME ZONE 'UTC')::date AS day, segment_id,
	feedback_agg(fb) AS summary
FROM bench_responses
GROUP BY 1, 2;
VACUUM (FREEZE, ANALYZE) bench_daily;
SELECT pg_prewarm('bench_daily') \g /dev/null
SQL
	progress_done
fi

# --- the query sets ----------------------------------------------------------
SERIAL="{max_parallel_workers_per_gather,0}"
PARALLEL2="{max_parallel_workers_per_gather,2,parallel_setup_cost,0,parallel_tuple_cost,0,min_parallel_table_scan_size,0}"
NPS_FILTER="100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score)"
# the same over the feedback column, spelled with cxsat's predicates (the
# comparison operators would do as well: every value here is an NPS answer)
FB_FILTER="100.0 * (count(*) FILTER (WHERE is_promoter(fb)) - count(*) FILTER (WHERE is_detractor(fb))) / count(fb)"

add_query() {	# SET LABEL SETTINGS SQL [JIT-MODE]: one query, JIT off by default
	bench_psql -v set="$1" -v label="$2" -v settings="$3" -v sql="$4" \
		-v jit="${5:-off}" >/dev/null <<'SQL'
SELECT bench.add_query(:'set', :'label', :'sql', :'settings', :'jit');
SQL
}
add_jit_query() {	# SET LABEL SETTINGS SQL: the query under every JIT setting
	local mode
	for mode in $JIT_MODES; do
		add_query "$1" "$2" "$3" "$4" "$mode"
	done
}
group_by() {	# AGGREGATE GROUP-KEY [TABLE]
	echo "SELECT $2, $1 AS v FROM ${3:-bench_responses} GROUP BY $2"
}
grouped() {	# the same, every group's result consumed, one row: the groups
	echo "SELECT count(v IS NULL) FROM ($(group_by "$@")) AS g"
}

add_jit_query nps count "$SERIAL" "SELECT count(score) FROM bench_responses"
add_jit_query nps filter "$SERIAL" "SELECT $NPS_FILTER FROM bench_responses"
add_jit_query nps nps_agg "$SERIAL" "SELECT nps_agg(score) FROM bench_responses"
add_jit_query nps floor "$SERIAL" "SELECT bench.byref_floor(score) FROM bench_responses"
add_jit_query csat count "$SERIAL" "SELECT count(csat) FROM bench_responses"
add_jit_query csat filter "$SERIAL" "SELECT 100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat) FROM bench_responses"
add_jit_query csat csat_agg "$SERIAL" "SELECT csat_agg(csat) FROM bench_responses"
add_jit_query csat floor "$SERIAL" "SELECT bench.byref_floor(csat) FROM bench_responses"
add_jit_query ces count "$SERIAL" "SELECT count(ces) FROM bench_responses"
add_jit_query ces avg "$SERIAL" "SELECT avg(ces) FROM bench_responses"
add_jit_query ces ces_agg "$SERIAL" "SELECT ces_agg(ces) FROM bench_responses"
add_jit_query ces floor "$SERIAL" "SELECT bench.byref_floor(ces) FROM bench_responses"
add_jit_query fb count "$SERIAL" "SELECT count(fb) FROM bench_responses"
add_jit_query fb filter "$SERIAL" "SELECT $FB_FILTER FROM bench_responses"
add_jit_query fb filter_score "$SERIAL" "SELECT $NPS_FILTER FROM bench_responses"
add_jit_query fb nps_agg "$SERIAL" "SELECT nps_agg(fb) FROM bench_responses"
add_jit_query fb floor "$SERIAL" "SELECT bench.byref_floor(fb) FROM bench_responses"

add_jit_query seg_sort count "{max_parallel_workers_per_gather,0,enable_hashagg,off}" "$(grouped 'count(score)' segment_id)"
add_jit_query seg_sort nps_agg "{max_parallel_workers_per_gather,0,enable_hashagg,off}" "$(grouped 'nps_agg(score)' segment_id)"
add_jit_query seg_hash count "{max_parallel_workers_per_gather,0,enable_sort,off}" "$(grouped 'count(score)' segment_id)"
add_jit_query seg_hash nps_agg "{max_parallel_workers_per_gather,0,enable_sort,off}" "$(grouped 'nps_agg(score)' segment_id)"
add_jit_query cust_hash count "{max_parallel_workers_per_gather,0,enable_sort,off}" "$(grouped 'count(score)' customer_id)"
add_jit_query cust_hash nps_agg "{max_parallel_workers_per_gather,0,enable_sort,off}" "$(grouped 'nps_agg(score)' customer_id)"
add_jit_query cust_hash floor "{max_parallel_workers_per_gather,0,enable_sort,off}" "$(grouped 'bench.byref_floor(score)' customer_id)"
# PostgreSQL's own aggregate with a pass-by-reference state of the same size
# (avg(integer): an int8[2] array, 40 bytes), to show what such a state costs
add_jit_query cust_hash avg "{max_parallel_workers_per_gather,0,enable_sort,off}" "$(grouped 'avg(score)' customer_id)"

add_query parallel workers0 "$SERIAL" "SELECT nps_agg(score) FROM bench_responses"
add_query parallel workers2 "$PARALLEL2" "SELECT nps_agg(score) FROM bench_responses"

WINDOW_FRAME="OVER (ORDER BY response_id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)"
add_query window count "$SERIAL" "SELECT count(w) FROM (SELECT count(score) $WINDOW_FRAME AS w FROM bench_responses WHERE response_id <= $WINDOW_ROWS) AS f"
add_query window noinv "$SERIAL" "SELECT count(w) FROM (SELECT bench.nps_noinv(score) $WINDOW_FRAME AS w FROM bench_responses WHERE response_id <= $WINDOW_ROWS) AS f"
add_query window nps_agg "$SERIAL" "SELECT count(w) FROM (SELECT nps_agg(score) $WINDOW_FRAME AS w FROM bench_responses WHERE response_id <= $WINDOW_ROWS) AS f"

if [ "$HAS_SUMMARY" = t ]; then
	add_query rollup raw "$SERIAL" "$(grouped 'nps_agg(score)' "date_trunc('month', responded_at)")"
	add_query rollup summaries "$SERIAL" "$(grouped 'nps(feedback_agg(summary))' "date_trunc('month', day)" bench_daily)"
	add_query build nps_agg "$SERIAL" "SELECT nps_agg(fb) FROM bench_responses"
	add_query build feedback_agg "$SERIAL" "SELECT feedback_agg(fb) FROM bench_responses"
	add_query build_daily nps_agg "{max_parallel_workers_per_gather,0,enable_sort,off}" \
		"$(grouped 'nps_agg(fb)' "(responded_at AT TIME ZONE 'UTC')::date, segment_id")"
	add_query build_daily feedback_agg "{max_parallel_workers_per_gather,0,enable_sort,off}" \
		"$(grouped 'feedback_agg(fb)' "(responded_at AT TIME ZONE 'UTC')::date, segment_id")"
fi

measure() {	# SET DESCRIPTION
	progress "measuring $2"
	bench_psql -v set="$1" -v reps="$REPS" >/dev/null <<'SQL'
SELECT bench.measure(:'set', :reps);
SQL
	progress_done
}

JIT_NOTE=""
[ "$JIT_MODES" = off ] || JIT_NOTE=", JIT ${JIT_MODES// //}"
measure nps "serial nps_agg(score)$JIT_NOTE"
measure csat "serial csat_agg(csat)$JIT_NOTE"
measure ces "serial ces_agg(ces)$JIT_NOTE"
measure fb "serial nps_agg(fb) over a feedback column$JIT_NOTE"
measure seg_sort "GROUP BY 1,000 segments, sort plan$JIT_NOTE"
measure seg_hash "GROUP BY 1,000 segments, hash plan$JIT_NOTE"
measure cust_hash "GROUP BY $CUSTOMERS customers, hash plan$JIT_NOTE"
measure parallel "nps_agg(score) with 0 and 2 workers"
measure window "30-row sliding window over $WINDOW_ROWS rows"
if [ "$HAS_SUMMARY" = t ]; then
	measure rollup "monthly NPS from daily summaries and from raw rows"
	measure build "feedback_agg(fb) and nps_agg(fb)"
	measure build_daily "daily summaries per segment: feedback_agg and nps_agg"
fi

# --- answers: the fast path must give the baseline's result ----------------
progress "checking that compared queries give the same answers"
checks=$(bench_psql -v has_summary="$HAS_SUMMARY" -v window_rows="$WINDOW_ROWS" \
	-v jit_available="$JIT_AVAILABLE" 2>&1 <<'SQL'
SET max_parallel_workers_per_gather = 0;
SET client_min_messages = warning;
CREATE TEMP TABLE checks (name text, ok boolean);
INSERT INTO checks
SELECT 'nps_agg(score) equals the FILTER arithmetic',
	abs(bench.answer('nps', 'nps_agg')::float8 - bench.answer('nps', 'filter')::float8) < 1e-9
UNION ALL
SELECT 'csat_agg(csat) equals the FILTER arithmetic',
	abs(bench.answer('csat', 'csat_agg')::float8 - bench.answer('csat', 'filter')::float8) < 1e-9
UNION ALL
SELECT 'ces_agg(ces) equals avg(ces)',
	abs(bench.answer('ces', 'ces_agg')::float8 - bench.answer('ces', 'avg')::float8) < 1e-9
UNION ALL
SELECT 'nps_agg(fb) equals nps_agg(score)',
	bench.answer('fb', 'nps_agg') = bench.answer('nps', 'nps_agg')
UNION ALL
SELECT 'nps_agg(fb) equals the FILTER arithmetic over fb',
	abs(bench.answer('fb', 'nps_agg')::float8 - bench.answer('fb', 'filter')::float8) < 1e-9
UNION ALL
SELECT 'grouped queries return one row per group',
	bench.answer('seg_sort', 'count') = bench.answer('seg_sort', 'nps_agg')
	AND bench.answer('seg_hash', 'count') = bench.answer('seg_hash', 'nps_agg')
	AND bench.answer('cust_hash', 'count') = bench.answer('cust_hash', 'nps_agg')
UNION ALL
SELECT 'nps_agg(score) with 2 workers equals the serial result',
	bench.answer('parallel', 'workers2') = bench.answer('parallel', 'workers0');

-- every frame, not just the count of frames
INSERT INTO checks
SELECT 'sliding window: with and without the inverse function, same result in every frame',
	count(*) = 0
FROM (
	SELECT nps_agg(score) OVER w AS fast, bench.nps_noinv(score) OVER w AS slow
	FROM bench_responses
	WHERE response_id <= :window_rows
	WINDOW w AS (ORDER BY response_id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)
) AS f
WHERE fast IS DISTINCT FROM slow;

\if :has_summary
INSERT INTO checks
SELECT 'monthly NPS from daily summaries equals monthly NPS from raw rows', bool_and(same) AND count(*) = 12
FROM (
	SELECT abs(r.nps - s.nps) < 1e-9 AS same
	FROM (SELECT date_trunc('month', responded_at) AS month, nps_agg(score) AS nps
		  FROM bench_responses GROUP BY 1) AS r
	JOIN (SELECT date_trunc('month', day) AS month, nps(feedback_agg(summary)) AS nps
		  FROM bench_daily GROUP BY 1) AS s USING (month)
) AS m;
INSERT INTO checks
SELECT 'nps(feedback_agg(fb)) equals nps_agg(fb)',
	abs(nps(feedback_agg(fb)) - nps_agg(fb)) < 1e-9
FROM bench_responses;
\endif

-- JIT may change how a query runs, never what it returns; and every round
-- gave the warm-up's answer
INSERT INTO checks
SELECT 'every query gave the same answer in every round and under every JIT setting ('
		|| (SELECT string_agg(mode, ', ' ORDER BY position) FROM bench.jit_modes) || ')',
	NOT EXISTS (SELECT FROM bench.timings GROUP BY set_name, label
				HAVING count(DISTINCT coalesce(answer, '(null)')) <> 1)
	AND (SELECT count(DISTINCT jit) FROM bench.timings WHERE set_name = 'nps')
		= (SELECT count(*) FROM bench.jit_modes);

-- the JIT settings do what they say, on the headline query
\if :jit_available
INSERT INTO checks
SELECT 'JIT off compiles nothing; JIT forced compiles, inlines and optimizes nps_agg(score)',
	bench.jit_info(q_off.sql, q_off.settings) IS NULL
	AND (j.info->>'Functions')::int > 0
	AND (j.info->'Options'->>'Inlining')::boolean
	AND (j.info->'Options'->>'Optimization')::boolean
FROM bench.queries AS q_off, bench.queries AS q_forced,
	LATERAL (SELECT bench.jit_info(q_forced.sql, q_forced.settings) AS info) AS j
WHERE q_off.set_name = 'nps' AND q_off.label = 'nps_agg' AND q_off.jit = 'off'
	AND q_forced.set_name = 'nps' AND q_forced.label = 'nps_agg' AND q_forced.jit = 'forced';
\endif

-- the parallel plan really ran with two workers
INSERT INTO checks
SELECT 'the parallel measurement ran with 2 workers launched',
	jsonb_path_query_first(plan, 'strict $.**."Workers Launched"')::int = 2
FROM (SELECT plan FROM bench.explain(
	(SELECT sql FROM bench.queries WHERE set_name = 'parallel' AND label = 'workers2' AND jit = 'off'),
	(SELECT settings FROM bench.queries WHERE set_name = 'parallel' AND label = 'workers2' AND jit = 'off'))
	AS plan) AS p;

\pset footer off
SELECT CASE WHEN ok THEN 'ok' ELSE 'FAIL' END AS "  ", name AS "cross-check" FROM checks;
DO $$
BEGIN
	IF EXISTS (SELECT FROM checks WHERE ok IS NOT TRUE) THEN
		RAISE EXCEPTION 'a fast path gave a different answer from its baseline';
	END IF;
END
$$;
SQL
) || { echo "$checks"; exit 1; }
progress_done
echo
echo "$checks"

# --- the table ---------------------------------------------------------------
bench_psql -v has_summary="$HAS_SUMMARY" -v customers="$CUSTOMERS" \
	-v window_rows="$WINDOW_ROWS" \
	-v cust_count="$(group_by 'count(score)' customer_id)" \
	-v cust_nps="$(group_by 'nps_agg(score)' customer_id)" \
	-v cust_avg="$(group_by 'avg(score)' customer_id)" <<'SQL'
SET client_min_messages = warning;
\o /dev/null
SELECT to_char(:customers, 'FM999,999,999') AS customers_text,
	to_char(:window_rows, 'FM999,999,999') AS window_rows_text \gset

SELECT bench.compare('serial', 'nps_agg(score)', 'nps', 'nps_agg', 'count', 'count(score)', 1.05);
SELECT bench.compare('serial', 'nps_agg(score)', 'nps', 'nps_agg', 'filter', 'FILTER arithmetic', 0.85);
SELECT bench.compare('serial', 'nps_agg(score)', 'nps', 'nps_agg', 'floor', 'by-ref floor', 'infinity',
	'(reference: cxsat''s share)');
SELECT bench.compare('serial', 'csat_agg(csat)', 'csat', 'csat_agg', 'count', 'count(csat)', 1.05);
SELECT bench.compare('serial', 'csat_agg(csat)', 'csat', 'csat_agg', 'filter', 'FILTER arithmetic', 0.85);
SELECT bench.compare('serial', 'csat_agg(csat)', 'csat', 'csat_agg', 'floor', 'by-ref floor', 'infinity',
	'(reference: cxsat''s share)');
SELECT bench.compare('serial', 'ces_agg(ces)', 'ces', 'ces_agg', 'count', 'count(ces)', 1.05);
-- CES's hand-written form is avg(), itself an aggregate in C: no target
SELECT bench.compare('serial', 'ces_agg(ces)', 'ces', 'ces_agg', 'avg', 'avg(ces)', 'infinity', '(reference)');
SELECT bench.compare('serial', 'ces_agg(ces)', 'ces', 'ces_agg', 'floor', 'by-ref floor', 'infinity',
	'(reference: cxsat''s share)');
SELECT bench.compare('serial', 'nps_agg(fb), feedback column', 'fb', 'nps_agg', 'count', 'count(fb)', 1.05);
SELECT bench.compare('serial', 'nps_agg(fb), feedback column', 'fb', 'nps_agg', 'filter', 'FILTER arithmetic over fb', 0.85);
SELECT bench.compare('serial', 'nps_agg(fb), feedback column', 'fb', 'nps_agg', 'filter_score', 'FILTER arithmetic over score', 'infinity',
	'(reference: another column)');
SELECT bench.compare('serial', 'nps_agg(fb), feedback column', 'fb', 'nps_agg', 'floor', 'by-ref floor', 'infinity',
	'(reference: cxsat''s share)');
SELECT bench.compare('grouped', 'GROUP BY 1,000 segments, sort', 'seg_sort', 'nps_agg', 'count', 'count(score)', 1.10);
SELECT bench.compare('grouped', 'GROUP BY 1,000 segments, hash', 'seg_hash', 'nps_agg', 'count', 'count(score)', 1.10);
SELECT bench.compare('grouped', 'GROUP BY ' || :'customers_text' || ' customers, hash', 'cust_hash', 'nps_agg', 'count', 'count(score)', 1.10);
SELECT bench.compare('grouped', 'GROUP BY ' || :'customers_text' || ' customers, hash', 'cust_hash', 'nps_agg', 'floor', 'by-ref floor', 'infinity',
	'(reference: cxsat''s share)');
SELECT bench.compare('grouped', 'GROUP BY ' || :'customers_text' || ' customers, hash: avg(score)', 'cust_hash', 'avg', 'count', 'count(score)', 'infinity',
	'(reference: by-ref state)');

-- Memory: the hash table of the customer grouping with nps_agg against the
-- same with count(score), whose by-value state lives in the hash entry; the
-- difference per group is what the pass-by-reference state costs (avg's
-- 40-byte int8[2] state shown for comparison).
INSERT INTO bench.results (section, measurement, candidate, baseline, result, target, holds)
SELECT 'grouped', 'hash memory per group, ' || :'customers_text' || ' customers',
	to_char(n.peak_bytes::float8 / n.groups, 'FM9,990') || ' B/group'
		|| CASE WHEN n.batches > 1 THEN ' (spilled)' ELSE '' END,
	'count: ' || to_char(c.peak_bytes::float8 / c.groups, 'FM9,990') || ' B/group'
		|| CASE WHEN c.batches > 1 THEN ' (spilled)' ELSE '' END
		|| ', avg: ' || to_char(a.peak_bytes::float8 / a.groups, 'FM9,990') || ' B/group',
	'state ' || to_char((n.peak_bytes - c.peak_bytes)::float8 / n.groups, 'FM9,990')
		|| ' B/group (sizeof ' || (SELECT typlen FROM pg_type WHERE typname = 'feedback_tally') || ')',
	'<= 64 B',
	CASE WHEN (n.peak_bytes - c.peak_bytes)::float8 / n.groups <= 64 THEN 'yes' ELSE 'NO' END
FROM bench.hash_memory(:'cust_nps', '{enable_sort,off}') AS n,
	bench.hash_memory(:'cust_count', '{enable_sort,off}') AS c,
	bench.hash_memory(:'cust_avg', '{enable_sort,off}') AS a;

SELECT bench.compare('parallel', 'nps_agg(score), 2 workers', 'parallel', 'workers2', 'workers0', '0 workers', 1.00);
SELECT bench.compare('window', '30-row frame, ' || :'window_rows_text' || ' rows', 'window', 'nps_agg', 'noinv', 'no inverse function', 0.10,
	'<= 0.10 (10x)');
SELECT bench.compare('window', '30-row frame, ' || :'window_rows_text' || ' rows', 'window', 'nps_agg', 'count', 'count(score) frame', 'infinity',
	'(reference: the floor)');
\if :has_summary
SELECT bench.compare('rollup', 'monthly NPS from 1,000 segments x 365 daily summaries', 'rollup', 'summaries', 'raw', 'from raw rows', 0.01,
	'<= 0.01 (100x)');
SELECT bench.compare('build', 'feedback_agg(fb)', 'build', 'feedback_agg', 'nps_agg', 'nps_agg(fb)', 1.15);
SELECT bench.compare('build', 'feedback_agg(fb) per day and segment', 'build_daily', 'feedback_agg', 'nps_agg', 'nps_agg(fb)', 1.15);
\else
INSERT INTO bench.results (section, measurement, candidate, baseline, result, target, holds)
VALUES ('rollup', 'monthly NPS from daily summaries', '-', '-', 'not run: no feedback_agg in this build', '<= 0.01 (100x)', '-'),
	   ('build', 'feedback_agg(fb)', '-', '-', 'not run: no feedback_agg in this build', '<= 1.15', '-');
\endif
SQL

echo
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "## cxsat benchmark"
echo
echo "- command: \`${PG_CONFIG_GIVEN:+PG_CONFIG=$PG_CONFIG }CXSAT_BENCH_ROWS=$ROWS CXSAT_BENCH_REPS=$REPS${CXSAT_BENCH_CUSTOMERS:+ CXSAT_BENCH_CUSTOMERS=$CUSTOMERS} make bench\` ($CUSTOMERS customers)"
echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
	"$(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)," \
	"$(uname -sr), load average $LOAD_BEFORE when the run started, $LOAD_AFTER when it ended"
echo "- server: $(bench_psql -At -c 'SELECT version()' | sed 's/ on .*//'), shared_buffers ${SHARED_MB}MB, work_mem 1GB"
if [ "$JIT_AVAILABLE" = t ]; then
	if [ -f "$BITCODE_INDEX" ]; then bitcode="cxsat's bitcode installed ($BITCODE_INDEX), so JIT can inline its functions"
	else bitcode="no bitcode of cxsat ($BITCODE_INDEX missing), so JIT cannot inline its functions"; fi
	echo "- JIT: available; $bitcode; each serial and grouped line is measured under:"
	bench_psql -At <<'SQL'
SELECT '  - ' || mode || ': ' || (SELECT string_agg(s[i] || ' = ' || s[i + 1], ', ')
							  FROM generate_series(1, array_length(s, 1), 2) AS i)
FROM bench.jit_modes, LATERAL (SELECT settings AS s) AS x ORDER BY position;
SQL
else
	echo "- JIT: not available in this server (built without LLVM, or no llvmjit): everything runs with jit off"
fi
echo "- times are medians of $REPS rounds after a warm-up; the ratio is the median over rounds of candidate / baseline timed in the same round under the same JIT setting"
echo
bench_psql -At <<'SQL'
SELECT '| section | jit | measurement | candidate | baseline | ratio | target | holds |';
SELECT '|---|---|---|---:|---:|---:|---|---|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s |',
	section, jit, measurement, candidate, baseline, result, target, holds)
FROM bench.results ORDER BY position;
SQL
if [ "$JIT_AVAILABLE" = t ]; then
	# one EXPLAIN ANALYZE per query: what JIT did and what it cost, which the
	# timings above include
	echo
	echo "What JIT did in the serial NPS set (one EXPLAIN ANALYZE each; its time is part of the timings above):"
	echo
	bench_psql -At <<'SQL'
SELECT '| query | jit | functions | inlining | optimization | JIT time |';
SELECT '|---|---|---:|---|---|---:|';
SELECT format('| %s | %s | %s | %s | %s | %s |', q.label, q.jit,
	coalesce(j.info->>'Functions', '0 (not compiled)'),
	coalesce(j.info->'Options'->>'Inlining', '-'),
	coalesce(j.info->'Options'->>'Optimization', '-'),
	coalesce(bench.fmt_ms((j.info->'Timing'->>'Total')::float8), '-'))
FROM bench.queries AS q, LATERAL (SELECT bench.jit_info(q.sql, q.settings) AS info) AS j
WHERE q.set_name = 'nps' AND q.jit <> 'off'
ORDER BY q.position;
SQL
fi
echo
echo "cxsat benchmark finished in $(elapsed "$T0")" >&2
