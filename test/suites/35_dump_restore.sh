#!/usr/bin/env bash
# pg_dump -Fc and pg_restore of a database with feedback and feedback_summary
# columns (weighted ones too), a rollup table and a materialized view with a
# unique index: the restored database holds identical data, byte for byte in
# the binary wire form, and its view still refreshes concurrently.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"
work=$(cx_mktemp_dir dump)
trap 'cx_stop_server; rm -rf "$work"' EXIT

cx_start_server contrib_regression || { cx_result fail "dump: server starts"; exit 0; }
cx_psql -d postgres -c "CREATE DATABASE cx_dump_src" -c "CREATE DATABASE cx_dump_dst" ||
	{ cx_result fail "dump: databases created"; exit 0; }

cx_psql -d cx_dump_src <<'SQL' || { cx_result fail "dump: source database loaded"; exit 0; }
CREATE EXTENSION cxsat;
CREATE TABLE responses (
	id int PRIMARY KEY,
	day date NOT NULL,
	segment text NOT NULL,
	fb feedback,
	w float8
);
INSERT INTO responses
SELECT g, date '2024-01-01' + g % 60, (ARRAY['retail', 'business'])[1 + g % 2],
	   CASE WHEN g % 50 = 0 THEN NULL
			WHEN g % 3 = 0 THEN feedback('nps', (g * 7) % 11)
			WHEN g % 3 = 1 THEN feedback('csat', (g * 7) % 10 + 1, 10)
			ELSE feedback('ces', (g * 3) % 5 + 1, 5) END,
	   (g % 9) / 3.0
FROM generate_series(1, 5000) g;
CREATE TABLE rollup (
	month date,
	segment text,
	s feedback_summary NOT NULL,
	weighted feedback_summary,
	PRIMARY KEY (month, segment)
);
INSERT INTO rollup
SELECT date_trunc('month', day), segment, feedback_agg(fb), feedback_agg(fb, w)
FROM responses GROUP BY 1, 2;
INSERT INTO rollup VALUES ('1999-01-01', 'none', '{}', NULL);
CREATE MATERIALIZED VIEW daily AS
SELECT day, segment, feedback_agg(fb) AS s, nps(feedback_agg(fb)) AS nps
FROM responses GROUP BY 1, 2;
CREATE UNIQUE INDEX daily_key ON daily (day, segment);
SQL

"$PG_BINDIR/pg_dump" -Fc -f "$work/src.dump" cx_dump_src 2>"$work/dump.log"
cx_check "dump: pg_dump -Fc succeeds" test -s "$work/src.dump"
"$PG_BINDIR/pg_restore" --exit-on-error -d cx_dump_dst "$work/src.dump" 2>"$work/restore.log"
status=$?
[ $status -ne 0 ] && cat "$work/dump.log" "$work/restore.log"
cx_check "dump: pg_restore succeeds" test $status -eq 0

# One line per relation: row count and md5 of the rows' text, in order,
# plus md5 of the binary wire form of every summary and feedback value.
fingerprint() {
	cx_psql -d "$1" -At <<'SQL'
SELECT 'responses', count(*), md5(string_agg(t::text, E'\n' ORDER BY id)),
	   md5(string_agg(coalesce(encode(feedback_send(fb), 'hex'), '-'), ',' ORDER BY id))
FROM responses t;
SELECT 'rollup', count(*), md5(string_agg(t::text, E'\n' ORDER BY month, segment)),
	   md5(string_agg(encode(feedback_summary_send(s), 'hex') || '/' ||
					  coalesce(encode(feedback_summary_send(weighted), 'hex'), '-'), ',' ORDER BY month, segment))
FROM rollup t;
SELECT 'daily', count(*), md5(string_agg(t::text, E'\n' ORDER BY day, segment)),
	   md5(string_agg(encode(feedback_summary_send(s), 'hex'), ',' ORDER BY day, segment))
FROM daily t;
SELECT 'metrics', nps_agg(s), csat_agg(s), ces_agg(s), sum(responses(s)) FROM daily;
SELECT 'weighted', nps_agg(weighted), csat_agg(weighted), ces_agg(weighted) FROM rollup;
SQL
}
fingerprint cx_dump_src >"$work/src.txt"
fingerprint cx_dump_dst >"$work/dst.txt"
if ! diff "$work/src.txt" "$work/dst.txt"; then
	cx_result fail "dump: restored data identical"
else
	cx_result pass "dump: restored data identical"
fi
cx_check "dump: fingerprints cover 5 relations with rows" \
	test "$(grep -c '|' "$work/src.txt")" -eq 5

# the restored rows equal a fresh aggregation, and the view refreshes
# concurrently without rewriting anything
out=$(cx_psql -d cx_dump_dst -At <<'SQL'
CREATE TEMP TABLE before AS SELECT day, segment, ctid AS tid FROM daily;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
SELECT count(*) = count(*) FILTER (WHERE d.ctid = b.tid) FROM daily d JOIN before b USING (day, segment);
SELECT count(*) = 0 FROM (SELECT month, segment, s FROM rollup WHERE segment <> 'none'
						  EXCEPT SELECT date_trunc('month', day), segment, feedback_agg(fb)
								 FROM responses GROUP BY 1, 2) d;
SELECT count(*) = 0 FROM (SELECT date_trunc('month', day), segment, feedback_agg(fb)
						  FROM responses GROUP BY 1, 2
						  EXCEPT SELECT month, segment, s FROM rollup) d;
SQL
)
cx_check "dump: restored view refreshes concurrently, rollup equals raw rows" \
	test "$out" = "$(printf 't\nt\nt')"
exit 0
