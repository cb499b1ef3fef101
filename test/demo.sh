#!/usr/bin/env bash
# make demo: install what is missing, build and install cxsat, start a
# throwaway PostgreSQL server on a private Unix socket, load a CRM data set
# (test/data/crm.sql: customers, agents, products, tickets, survey
# invitations and about 290,000 answers over 15 months), build a daily
# rollup in a materialized view (test/data/demo_setup.sql), and show the
# four uses of cxsat, each as one query with its result
# (test/data/demo_[1-4]_*.sql, the same queries as the README's recipes):
#
#   1. follow-up            last week's unhappy customers, worst first
#   2. find problems early  channels, agents, products vs the rest (Holm)
#   3. close the loop       detractors re-surveyed after a call (paired test)
#   4. decide with data     monthly NPS, CSAT, CES with intervals and flags
#
# Then the headline figures are checked against plain SQL.  The server is
# removed on exit, unless KEEP=1 (make demo KEEP=1): then it keeps running
# and the demo prints how to connect and how to stop it.
#
#   KEEP=1                  keep the server (also as `make demo KEEP=1`)
#   CXSAT_DEMO_SCALE=4      a data set four times as large
#   CXSAT_DEMO_ENV=FILE     with KEEP=1: write PGHOST/PGPORT/PGDATABASE and
#                           the server's directory to FILE (for the tests)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$CX_ROOT"

DEMO_DB=cxsat_demo
# days and months are in UTC, whatever the time zone of this machine
export PGTZ=UTC
KEEP=${KEEP:-0}
SCALE=${CXSAT_DEMO_SCALE:-1}
case $SCALE in
'' | *[!0-9]* | 0)
	echo "cxsat demo: CXSAT_DEMO_SCALE must be a positive integer, not '$SCALE'" >&2
	exit 2 ;;
esac
case $KEEP in
0 | 1) ;;
*) echo "cxsat demo: KEEP must be 0 or 1, not '$KEEP'" >&2; exit 2 ;;
esac

CURRENT_STEP="starting"
DEMO_T0=${EPOCHREALTIME/./}

on_exit() {
	local status=$?
	trap - EXIT INT TERM
	local pgdir=${CX_PGDIR:-}
	if [ -n "$pgdir" ] && { [ "$status" -ne 0 ] || [ "$KEEP" != 1 ]; }; then
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

# title FILE: the heading of a query file, its leading comment lines
show_query() {
	local file=$1
	echo
	sed -n '/^--/!q; s/^-- \{0,1\}//p' "$file"
	echo
	demo_psql -P footer=off -f "$file"
}

echo "cxsat demo"
echo

step "installing missing packages"
cx_ensure_packages
done_step "PostgreSQL $PG_MAJOR, its build files and a C compiler are installed"

step "building and installing the extension"
cx_build_install
done_step "built and installed cxsat"

step "starting a throwaway PostgreSQL server"
cx_start_server "$DEMO_DB"
done_step "started PostgreSQL $PG_MAJOR on a Unix socket in $CX_PGDIR"

step "creating the database and the extensions"
cx_psql -d postgres -c "CREATE DATABASE $DEMO_DB"
# sessions without PGTZ, such as pg_cron's jobs or your psql, count days in UTC too
cx_psql -d postgres -c "ALTER DATABASE $DEMO_DB SET timezone TO 'UTC'"
demo_psql -c "CREATE EXTENSION cxsat" -c "CREATE EXTENSION pg_cron"
version=$(demo_psql -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cxsat'")
done_step "created database $DEMO_DB with cxsat $version and pg_cron"

step "generating the CRM data set (test/data/crm.sql)"
demo_psql -v scale="$SCALE" -f test/data/crm.sql
loaded=$(demo_psql -At -c "SELECT pg_catalog.format('%s answers to %s surveys sent to %s customers',
		pg_catalog.to_char((SELECT count(*) FROM survey_responses), 'FM999,999,999'),
		pg_catalog.to_char((SELECT count(*) FROM invitations), 'FM999,999,999'),
		pg_catalog.to_char((SELECT count(*) FROM customers), 'FM999,999,999'))")
done_step "loaded $loaded"

step "building the daily rollup and scheduling its refresh"
demo_psql -f test/data/demo_setup.sql
rollup_rows=$(demo_psql -At -c "SELECT pg_catalog.to_char(count(*), 'FM999,999') FROM daily_feedback")
done_step "built daily_feedback ($rollup_rows days), refreshed nightly by pg_cron"

step "printing the results"
echo
echo "Surveys sent and answered (a ticket survey asks CSAT, and CES on 70% of them):"
echo
demo_psql -P footer=off <<'SQL'
SELECT i.survey,
       count(*) AS sent,
       count(r.invitation_id) AS answered,
       round(response_rate(count(r.invitation_id), count(*))::numeric, 1) AS "response rate %",
       round(response_rate_ci_lower(count(r.invitation_id), count(*))::numeric, 1) || '..' ||
           round(response_rate_ci_upper(count(r.invitation_id), count(*))::numeric, 1) AS "95% ci"
FROM invitations AS i
LEFT JOIN (SELECT DISTINCT invitation_id FROM survey_responses) AS r USING (invitation_id)
GROUP BY i.survey
ORDER BY sent DESC;
SQL
for q in test/data/demo_[1-4]_*.sql; do
	CURRENT_STEP="running $q"
	show_query "$q"
done

# The headline figures again, by arithmetic written out over the plain
# metric/score/scale columns and independent of the extension.
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
	SELECT date_trunc('month', responded_at) AS month,
		100.0 * (count(*) FILTER (WHERE metric = 'nps' AND score >= 9)
				 - count(*) FILTER (WHERE metric = 'nps' AND score <= 6))
			/ count(*) FILTER (WHERE metric = 'nps' AND score IS NOT NULL) AS nps,
		count(*) FILTER (WHERE metric = 'nps' AND score IS NOT NULL) AS n
	FROM survey_responses GROUP BY 1
), monthly_rollup AS (
	SELECT date_trunc('month', day) AS month, nps(feedback_agg(summary)) AS nps,
		responses(feedback_agg(summary), 'nps') AS n
	FROM daily_feedback GROUP BY 1
), last_week AS (
	SELECT count(*) FILTER (WHERE polarity(fb) = 'negative') AS ext,
		count(*) FILTER (WHERE metric = 'nps' AND score <= 6
						 OR metric = 'csat' AND (scale = 5 AND score <= 2 OR scale = 2 AND score = 1)) AS plain
	FROM survey_responses
	WHERE responded_at >= date '2026-12-01' - 7 AND responded_at < date '2026-12-01'
	  AND metric IN ('nps', 'csat')
), pairs AS (
	-- each customer's category before and after: -1, 0, +1
	SELECT f.response_id IS NOT NULL AS called,
		CASE WHEN b.score >= 9 THEN 1 WHEN b.score >= 7 THEN 0 ELSE -1 END AS before,
		CASE WHEN a.score >= 9 THEN 1 WHEN a.score >= 7 THEN 0 ELSE -1 END AS after,
		a.fb AS a_fb, b.fb AS b_fb
	FROM invitations AS i
	JOIN survey_responses AS a USING (invitation_id)
	JOIN survey_responses AS b ON b.response_id = i.resurvey_of
	LEFT JOIN follow_ups AS f ON f.response_id = i.resurvey_of
	WHERE i.survey = 'resurvey'
), phone AS (
	-- the phone line against the rest over the last six weeks, by hand and by subtraction
	SELECT 100.0 * count(*) FILTER (WHERE t.channel = 'phone' AND r.metric = 'csat'
									 AND (r.scale = 5 AND r.score >= 4 OR r.scale = 2 AND r.score = 2))
			/ count(*) FILTER (WHERE t.channel = 'phone' AND r.metric = 'csat') AS plain_phone,
		100.0 * count(*) FILTER (WHERE t.channel <> 'phone' AND r.metric = 'csat'
								 AND (r.scale = 5 AND r.score >= 4 OR r.scale = 2 AND r.score = 2))
			/ count(*) FILTER (WHERE t.channel <> 'phone' AND r.metric = 'csat') AS plain_rest,
		csat(feedback_agg(r.fb) FILTER (WHERE t.channel = 'phone')) AS ext_phone,
		csat(feedback_agg(r.fb) - feedback_agg(r.fb) FILTER (WHERE t.channel = 'phone')) AS ext_rest
	FROM survey_responses AS r
	JOIN tickets AS t USING (ticket_id)
	WHERE r.responded_at >= date '2026-12-01' - 42 AND r.responded_at < date '2026-12-01'
), loop AS (
	SELECT called,
		count(*) FILTER (WHERE after > before) AS up_plain,
		100.0 * avg(after - before) AS change_plain,
		moved_up(change_agg(b_fb, a_fb)) AS up_ext,
		nps_change(change_agg(b_fb, a_fb)) AS change_ext
	FROM pairs GROUP BY called
)
SELECT round(ext.nps::numeric, 6), round(plain.nps, 6), abs(ext.nps - plain.nps) < 1e-9,
	round(ext.csat::numeric, 6), round(plain.csat, 6), abs(ext.csat - plain.csat) < 1e-9,
	round(ext.ces::numeric, 6), round(plain.ces, 6), abs(ext.ces - plain.ces::float8) < 1e-9,
	(SELECT count(*) FROM monthly_raw JOIN monthly_rollup USING (month)
	 WHERE abs(monthly_raw.nps - monthly_rollup.nps) < 1e-9 AND monthly_raw.n = monthly_rollup.n),
	(SELECT count(*) FROM monthly_raw),
	(SELECT ext FROM last_week), (SELECT plain FROM last_week),
	(SELECT up_ext FROM loop WHERE called), (SELECT up_plain FROM loop WHERE called),
	(SELECT round(change_ext::numeric, 6) FROM loop WHERE called),
	(SELECT round(change_plain, 6) FROM loop WHERE called),
	(SELECT bool_and(up_ext = up_plain AND abs(change_ext - change_plain::float8) < 1e-9) FROM loop),
	round(phone.ext_rest::numeric, 6), round(phone.plain_rest, 6),
	abs(phone.ext_phone - phone.plain_phone::float8) < 1e-9 AND abs(phone.ext_rest - phone.plain_rest::float8) < 1e-9
FROM ext, plain, phone
SQL
)
read -r ext_nps plain_nps same_nps ext_csat plain_csat same_csat ext_ces plain_ces same_ces \
	months_same months neg_ext neg_plain up_ext up_plain ch_ext ch_plain same_loop \
	rest_ext rest_plain same_phone <<<"$check"

# Holm's adjustment written out: sort the p-values, multiply the k-th
# smallest of m by (m - k + 1), keep the running maximum, cap at 1.
holm=$(demo_psql -At -F ' ' <<'SQL'
WITH recent AS (
	SELECT r.fb, t.channel, a.name AS agent, p.name AS product
	FROM survey_responses AS r
	JOIN tickets AS t USING (ticket_id)
	JOIN agents AS a USING (agent_id)
	JOIN products AS p USING (product_id)
	WHERE r.responded_at >= date '2026-12-01' - 42 AND r.responded_at < date '2026-12-01'
), groups AS (
	SELECT 'channel' AS kind, channel AS name, feedback_agg(fb) AS s FROM recent GROUP BY channel
	UNION ALL SELECT 'agent', agent, feedback_agg(fb) FROM recent GROUP BY agent
	UNION ALL SELECT 'product', product, feedback_agg(fb) FROM recent GROUP BY product
), tested AS (
	SELECT g.kind, g.name, csat_test_vs_rest(g.s, c.total) AS p,
		csat_test(g.s, c.total - g.s) AS p_two_sample
	FROM groups AS g CROSS JOIN (SELECT feedback_agg(fb) AS total FROM recent) AS c
), ranked AS (
	SELECT p, p_two_sample, p_adjust_holm(p) OVER () AS holm_ext,
		(count(*) OVER () - row_number() OVER (ORDER BY p) + 1) * p AS scaled
	FROM tested
), adjusted AS (
	SELECT p, p_two_sample, holm_ext,
		least(1.0, max(scaled) OVER (ORDER BY p ROWS UNBOUNDED PRECEDING)) AS holm_plain
	FROM ranked
)
SELECT count(*) FILTER (WHERE abs(holm_ext - holm_plain) <= 1e-12 * greatest(holm_plain, 1e-300)
						AND p = p_two_sample),
	count(*),
	count(*) FILTER (WHERE holm_ext < 0.05)
FROM adjusted
SQL
)
read -r holm_same holm_total holm_flagged <<<"$holm"

verdict() { if [ "$1" = t ]; then echo ok; else echo DIFFERENT; fi; }
same() { if [ "$1" = "$2" ]; then echo ok; else echo DIFFERENT; fi; }
echo
echo "Cross-check against plain SQL over the metric, score and scale columns:"
printf '  %-22s %11s   %-30s %11s   %s\n' \
	"nps_agg(fb)" "$ext_nps" "plain SQL, count(*) FILTER" "$plain_nps" "$(verdict "$same_nps")" \
	"csat_agg(fb)" "$ext_csat" "plain SQL, count(*) FILTER" "$plain_csat" "$(verdict "$same_csat")" \
	"ces_agg(fb)" "$ext_ces" "plain SQL, avg(score)" "$plain_ces" "$(verdict "$same_ces")" \
	"last week, negative" "$neg_ext" "plain SQL, score thresholds" "$neg_plain" "$(same "$neg_ext" "$neg_plain")" \
	"called, moved_up(c)" "$up_ext" "plain SQL, category after >" "$up_plain" "$(same "$up_ext" "$up_plain")" \
	"called, nps_change(c)" "$ch_ext" "plain SQL, avg(after - before)" "$ch_plain" "$(verdict "$same_loop")" \
	"csat(total - phone)" "$rest_ext" "plain SQL, channel <> 'phone'" "$rest_plain" "$(verdict "$same_phone")"
printf '  monthly NPS and NPS count from daily_feedback = plain SQL over the raw rows: %s of %s months\n' \
	"$months_same" "$months"
printf '  p_adjust_holm = Holm written out in SQL, test_vs_rest = csat_test(s, total - s): %s of %s (%s flagged)\n' \
	"$holm_same" "$holm_total" "$holm_flagged"
if [ "$same_nps$same_csat$same_ces$same_loop$same_phone" != ttttt ] || [ "$months_same" != "$months" ] ||
	[ "$neg_ext" != "$neg_plain" ] || [ "$up_ext" != "$up_plain" ] || [ "$holm_same" != "$holm_total" ]; then
	echo "cxsat demo: the extension's results differ from the plain SQL computation" >&2
	exit 1
fi
echo "  every figure above agrees with plain SQL"
echo

if [ "$KEEP" = 1 ]; then
	if [ -n "${CXSAT_DEMO_ENV:-}" ]; then
		printf 'PGHOST=%q\nPGPORT=%q\nPGUSER=postgres\nPGDATABASE=%q\nCX_PGDIR=%q\n' \
			"$CX_PGDIR" "$PGPORT" "$DEMO_DB" "$CX_PGDIR" >"$CXSAT_DEMO_ENV"
	fi
	if [ "$(id -u)" = 0 ]; then stop_as="runuser -u postgres -- "; else stop_as=""; fi
	cat <<EOF
The server keeps running (KEEP=1). Connect with:

  $PG_BINDIR/psql -h $CX_PGDIR -p $PGPORT -U postgres -d $DEMO_DB

or set PGHOST=$CX_PGDIR PGPORT=$PGPORT PGUSER=postgres PGDATABASE=$DEMO_DB for any client.
The README's examples run there as shown. Stop it and remove its files with:

  ${stop_as}$PG_BINDIR/pg_ctl -D $CX_PGDIR/data -m fast stop && rm -rf $CX_PGDIR

cxsat demo finished in $(elapsed_since "$DEMO_T0")
EOF
	exit 0
fi

step "stopping the server"
cx_stop_server
done_step "stopped the server and removed its directory"
echo
echo "cxsat demo finished in $(elapsed_since "$DEMO_T0")"
