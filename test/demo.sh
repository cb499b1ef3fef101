#!/usr/bin/env bash
# make demo: install what is missing, build and install cxsat, start a
# throwaway PostgreSQL 15 on a private Unix socket, load a year of CRM survey
# responses (test/data/crm.sql) and print NPS, CSAT and CES by region and by
# month, a rollup kept in a materialized view refreshed by pg_cron, and a
# cross-check against plain SQL.  The server and its directory are removed on
# exit, whether the demo succeeds or not.
#
#   CXSAT_DEMO_RESPONSES=50000 make demo     # a smaller or larger data set
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$CX_ROOT"

DEMO_DB=cxsat_demo
# months are calendar months in UTC, whatever the time zone of this machine
export PGTZ=UTC
RESPONSES=${CXSAT_DEMO_RESPONSES:-300000}
case $RESPONSES in
'' | *[!0-9]* | 0)
	echo "cxsat demo: CXSAT_DEMO_RESPONSES must be a positive integer, not '$RESPONSES'" >&2
	exit 2 ;;
esac

CURRENT_STEP="starting"
DEMO_T0=${EPOCHREALTIME/./}

on_exit() {
	local status=$?
	trap - EXIT INT TERM
	local pgdir=${CX_PGDIR:-}
	if [ -n "$pgdir" ]; then
		cx_stop_server
		# also when initdb failed and there is no server to stop
		rm -rf "$pgdir"
	fi
	if [ "$status" -ne 0 ]; then
		echo >&2
		echo "cxsat demo: FAILED while $CURRENT_STEP (exit status $status); the server was stopped and its directory removed" >&2
	fi
	exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# seconds since $1 (microseconds) with one decimal
elapsed_since() {
	local us=$((${EPOCHREALTIME/./} - $1))
	printf '%d.%d s' $((us / 1000000)) $((us / 100000 % 10))
}

step() {
	CURRENT_STEP=$1
	STEP_T0=${EPOCHREALTIME/./}
}

done_step() {
	printf '  %-68s %7s\n' "$1" "$(elapsed_since "$STEP_T0")"
}

demo_psql() {
	cx_psql -d "$DEMO_DB" "$@"
}

echo "cxsat demo"
echo

step "installing missing packages"
cx_ensure_packages
done_step "PostgreSQL 15, its build files and a C compiler are installed"

step "building and installing the extension"
cx_build_install
done_step "built and installed cxsat"

step "starting a throwaway PostgreSQL server"
cx_start_server "$DEMO_DB"
done_step "started PostgreSQL 15 on a Unix socket in $CX_PGDIR"

step "creating the database and the extensions"
cx_psql -d postgres -c "CREATE DATABASE $DEMO_DB"
# sessions without PGTZ, such as the pg_cron refresh, count days in UTC too
cx_psql -d postgres -c "ALTER DATABASE $DEMO_DB SET timezone TO 'UTC'"
demo_psql -c "CREATE EXTENSION cxsat" -c "CREATE EXTENSION pg_cron"
done_step "created database $DEMO_DB with extensions cxsat and pg_cron"

step "generating the CRM data set (test/data/crm.sql)"
demo_psql -v responses="$RESPONSES" -f test/data/crm.sql
loaded=$(demo_psql -At -c "SELECT pg_catalog.format('%s survey responses from %s customers',
		pg_catalog.to_char((SELECT count(*) FROM survey_responses), 'FM999,999,999'),
		pg_catalog.to_char((SELECT count(DISTINCT customer_id) FROM survey_responses), 'FM999,999,999'))")
done_step "loaded $loaded"

step "building the daily rollup and scheduling its refresh"
demo_psql <<'SQL'
CREATE MATERIALIZED VIEW daily_scores AS
SELECT (r.responded_at AT TIME ZONE 'UTC')::date AS day, c.region, r.channel,
	count(*) AS responses, feedback_agg(r.fb) AS summary
FROM survey_responses AS r
JOIN customers AS c USING (customer_id)
GROUP BY 1, 2, 3;

-- REFRESH ... CONCURRENTLY needs a unique index
CREATE UNIQUE INDEX daily_scores_key ON daily_scores (day, region, channel);

SELECT cron.schedule('refresh-daily-scores', '15 * * * *',
	'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_scores') \g /dev/null
SQL
rollup_rows=$(demo_psql -At -c "SELECT pg_catalog.to_char(count(*), 'FM999,999') FROM daily_scores")
done_step "built daily_scores ($rollup_rows day x region x channel rows)"

has_ci=$(demo_psql -At -c "SELECT count(*) = 2 FROM pg_catalog.pg_proc
	WHERE proname IN ('nps_ci_lower', 'nps_ci_upper')")

step "printing the results"
echo
demo_psql -v has_ci="$has_ci" <<'SQL'
\pset footer off
\pset null '-'

\pset title 'NPS, CSAT and CES by region'
SELECT coalesce(c.region, 'all') AS region,
	pg_catalog.lpad(pg_catalog.to_char(count(*), 'FM999,999,999'), 9) AS responses,
	round(nps_agg(r.fb)::numeric, 1) AS nps,
	round(csat_agg(r.fb)::numeric, 1) AS "csat %",
	round(ces_agg(r.fb)::numeric, 2) AS "ces (1-7)"
FROM survey_responses AS r
JOIN customers AS c USING (customer_id)
GROUP BY ROLLUP (c.region)
ORDER BY grouping(c.region), c.region;

\pset title 'NPS, CSAT and CES by month'
SELECT coalesce(pg_catalog.to_char(date_trunc('month', responded_at), 'YYYY-MM'), 'all') AS month,
	pg_catalog.lpad(pg_catalog.to_char(count(*), 'FM999,999,999'), 9) AS responses,
	round(nps_agg(fb)::numeric, 1) AS nps,
	round(csat_agg(fb)::numeric, 1) AS "csat %",
	round(ces_agg(fb)::numeric, 2) AS "ces (1-7)"
FROM survey_responses
GROUP BY ROLLUP (date_trunc('month', responded_at))
ORDER BY grouping(date_trunc('month', responded_at)), date_trunc('month', responded_at);

\pset title 'pg_cron job that keeps daily_scores fresh'
SELECT jobid, jobname, schedule, command FROM cron.job ORDER BY jobid;

\if :has_ci
\pset title 'Monthly NPS with a 95% confidence interval, merged from the daily rollup'
SELECT pg_catalog.to_char(date_trunc('month', day), 'YYYY-MM') AS month,
	pg_catalog.lpad(pg_catalog.to_char(responses(feedback_agg(summary), 'nps'), 'FM999,999,999'), 13)
		AS "nps responses",
	round(nps(feedback_agg(summary))::numeric, 1) AS nps,
	round(nps_ci_lower(feedback_agg(summary), 0.95)::numeric, 1) AS "95% ci low",
	round(nps_ci_upper(feedback_agg(summary), 0.95)::numeric, 1) AS "95% ci high"
FROM daily_scores
GROUP BY 1
ORDER BY 1;
\else
\echo '(monthly NPS confidence intervals skipped: this build of cxsat has no nps_ci_lower/nps_ci_upper)'
\echo
\endif
SQL

# The extension against arithmetic written out by hand over the plain
# metric/score/scale columns, and the daily rollup against the raw rows.
CURRENT_STEP="cross-checking the results against plain SQL"
check=$(demo_psql -At -F ' ' <<'SQL'
WITH ext AS (
	SELECT nps_agg(fb) AS nps, csat_agg(fb) AS csat, ces_agg(fb) AS ces
	FROM survey_responses
), plain AS (
	SELECT
		100.0 * (count(*) FILTER (WHERE metric = 'nps' AND score >= 9)
				 - count(*) FILTER (WHERE metric = 'nps' AND score <= 6))
			/ count(*) FILTER (WHERE metric = 'nps' AND score IS NOT NULL) AS nps,
		100.0 * count(*) FILTER (WHERE metric = 'csat' AND (scale = 5 AND score >= 4
															 OR scale = 2 AND score = 2))
			/ count(*) FILTER (WHERE metric = 'csat' AND score IS NOT NULL) AS csat,
		avg(score) FILTER (WHERE metric = 'ces') AS ces
	FROM survey_responses
), monthly_raw AS (
	SELECT date_trunc('month', responded_at) AS month, nps_agg(fb) AS nps
	FROM survey_responses GROUP BY 1
), monthly_rollup AS (
	SELECT date_trunc('month', day) AS month, nps(feedback_agg(summary)) AS nps
	FROM daily_scores GROUP BY 1
)
SELECT round(ext.nps::numeric, 6), round(plain.nps, 6), abs(ext.nps - plain.nps) < 1e-9,
	round(ext.csat::numeric, 6), round(plain.csat, 6), abs(ext.csat - plain.csat) < 1e-9,
	round(ext.ces::numeric, 6), round(plain.ces, 6), abs(ext.ces - plain.ces::float8) < 1e-9,
	(SELECT count(*) FROM monthly_raw JOIN monthly_rollup USING (month)
	 WHERE abs(monthly_raw.nps - monthly_rollup.nps) < 1e-9),
	(SELECT count(*) FROM monthly_raw)
FROM ext, plain
SQL
)
read -r ext_nps plain_nps same_nps ext_csat plain_csat same_csat ext_ces plain_ces same_ces \
	months_same months <<<"$check"
verdict() { if [ "$1" = t ]; then echo ok; else echo DIFFERENT; fi; }
echo "Cross-check against plain SQL over the metric, score and scale columns:"
printf '  %-13s %11s   %-28s %11s   %s\n' \
	"nps_agg(fb)" "$ext_nps" "plain SQL, count(*) FILTER" "$plain_nps" "$(verdict "$same_nps")" \
	"csat_agg(fb)" "$ext_csat" "plain SQL, count(*) FILTER" "$plain_csat" "$(verdict "$same_csat")" \
	"ces_agg(fb)" "$ext_ces" "plain SQL, avg(score)" "$plain_ces" "$(verdict "$same_ces")"
printf '  monthly NPS merged from daily_scores = nps_agg over the raw rows: %s of %s months\n' \
	"$months_same" "$months"
if [ "$same_nps$same_csat$same_ces" != ttt ] || [ "$months_same" != "$months" ]; then
	echo "cxsat demo: the extension's results differ from the plain SQL computation" >&2
	exit 1
fi
echo

step "stopping the server"
cx_stop_server
done_step "stopped the server and removed its directory"
echo
echo "cxsat demo finished in $(elapsed_since "$DEMO_T0")"
