#!/usr/bin/env bash
# The paired change statistics against an independent reference.  Generates
# a few hundred data sets of (before, after) pairs in SQL -- NPS, CSAT on
# one scale and on mixed scales, CES; 1 to 20000 customers; no effect,
# shifts up and down, strong effects with tiny p-values, nobody changing,
# everybody changing alike, NULL sides -- plus typed-in states of 10^6 to
# 10^12 pairs; computes change_agg and every function on it in SQL; hands
# the raw pairs, counted by a plain SQL GROUP BY (not by change_agg), to
# test/reference/paired_ref.py, which recomputes everything its own way and
# compares to 1e-9 relative.  One result per function family and kind of
# data, and one with the number of comparisons and the largest relative
# difference.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

work=$(cx_mktemp_dir paired)
trap 'cx_stop_server; rm -rf "$work"' EXIT

if ! python3 test/reference/paired_ref.py selftest >"$work/selftest.log" 2>&1; then
	cat "$work/selftest.log"
	cx_result fail "paired reference: the reference passes its own checks"
	exit 0
fi
cx_result pass "paired reference: the reference passes its own checks ($(grep -c '^ok' "$work/selftest.log") checks)"

cx_start_server paired_cron >/dev/null || { cx_result fail "paired reference: server starts"; exit 0; }
db=paired_reference
cx_psql -d postgres -c "CREATE DATABASE $db" >/dev/null
cx_psql -d "$db" >"$work/setup.log" 2>&1 <<'SQL' || { cat "$work/setup.log"; cx_result fail "paired reference: data set up"; exit 0; }
CREATE EXTENSION cxsat;

-- what each data set looks like
CREATE TABLE spec (ds serial PRIMARY KEY, metric text, n int, mode text, mixed bool, seed int);
INSERT INTO spec (metric, n, mode, mixed, seed)
SELECT m, n, mode, false, 1
FROM unnest(ARRAY['nps', 'csat']) m,
	 unnest(ARRAY[1, 2, 3, 4, 5, 8, 13, 30, 100, 317, 1000, 5000, 20000]) n,
	 unnest(ARRAY['random', 'up', 'down', 'strong', 'same_category', 'all_alike', 'nulls']) mode;
INSERT INTO spec (metric, n, mode, mixed, seed)
SELECT m, n, mode, false, 2
FROM unnest(ARRAY['nps', 'csat']) m,
	 unnest(ARRAY[2, 3, 5, 8, 13, 30, 100, 317, 1000, 5000, 20000]) n,
	 unnest(ARRAY['random', 'up', 'down']) mode;
INSERT INTO spec (metric, n, mode, mixed, seed)
SELECT 'csat', n, mode, true, 3
FROM unnest(ARRAY[2, 3, 5, 13, 30, 100, 1000, 5000]) n, unnest(ARRAY['random', 'up', 'strong', 'nulls']) mode;
INSERT INTO spec (metric, n, mode, mixed, seed)
SELECT 'ces', n, mode, true, 4
FROM unnest(ARRAY[1, 5, 30, 1000]) n, unnest(ARRAY['random', 'up']) mode;

-- one score on a scale from a hash: lo..hi
CREATE FUNCTION pick(h bigint, lo int, hi int) RETURNS int LANGUAGE sql IMMUTABLE
AS $$ SELECT lo + (h % (hi - lo + 1))::int $$;

-- the pair of customer i of a data set
CREATE FUNCTION gen_pair(s spec, i int, OUT b feedback, OUT a feedback) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	h1 bigint := abs(hashint8(s.ds * 1000003::int8 + i * 7 + s.seed));
	h2 bigint := abs(hashint8(s.ds * 2000003::int8 + i * 11 + s.seed));
	h3 bigint := abs(hashint8(s.ds * 3000017::int8 + i * 13 + s.seed));
	sb int;						-- scale before and after
	sa int;
	lo int := CASE WHEN s.metric = 'nps' THEN 0 ELSE 1 END;
	xb int;
	xa int;
BEGIN
	IF s.metric = 'nps' THEN
		sb := 10; sa := 10;
	ELSIF s.metric = 'csat' THEN
		sb := CASE WHEN s.mixed THEN (ARRAY[2, 3, 5, 7, 10])[1 + h3 % 5] ELSE 5 END;
		sa := CASE WHEN s.mixed THEN (ARRAY[2, 3, 5, 7, 10])[1 + (h3 / 5) % 5] ELSE 5 END;
	ELSE
		sb := CASE WHEN s.mixed THEN (ARRAY[5, 7])[1 + h3 % 2] ELSE 7 END;
		sa := CASE WHEN s.mixed THEN (ARRAY[5, 7])[1 + (h3 / 2) % 2] ELSE 7 END;
	END IF;
	xb := pick(h1, lo, sb);
	CASE s.mode
		WHEN 'random', 'nulls' THEN
			xa := pick(h2, lo, sa);
		WHEN 'up' THEN
			xa := least(sa, greatest(lo, xb * sa / sb) + (h2 % 4)::int);
		WHEN 'down' THEN
			xa := greatest(lo, xb * sa / sb - (h2 % 4)::int);
		WHEN 'strong' THEN
			-- mostly from the bottom to the top of the scale
			xb := CASE WHEN h1 % 10 < 8 THEN lo ELSE pick(h1 / 10, lo, sb) END;
			xa := CASE WHEN h2 % 10 < 8 THEN sa ELSE pick(h2 / 10, lo, sa) END;
		WHEN 'same_category' THEN
			-- another score of the same category (scale 10 or 5 here)
			sa := sb;
			xa := CASE WHEN s.metric = 'nps' THEN
						 CASE WHEN xb >= 9 THEN pick(h2, 9, 10) WHEN xb >= 7 THEN pick(h2, 7, 8) ELSE pick(h2, 0, 6) END
					   ELSE
						 CASE WHEN xb >= 4 THEN pick(h2, 4, 5) WHEN xb = 3 THEN 3 ELSE pick(h2, 1, 2) END
				  END;
		WHEN 'all_alike' THEN
			-- every customer from the negative category to the positive one
			sa := sb;
			IF s.metric = 'nps' THEN
				xb := pick(h1, 0, 6); xa := pick(h2, 9, 10);
			ELSE
				xb := pick(h1, 1, 2); xa := pick(h2, 4, 5);
			END IF;
	END CASE;
	b := feedback(s.metric, xb, sb);
	a := feedback(s.metric, xa, sa);
	IF s.mode = 'nulls' AND h3 % 10 = 0 THEN
		b := NULL;
	ELSIF s.mode = 'nulls' AND h3 % 10 = 1 THEN
		a := NULL;
	END IF;
END $$;

CREATE TABLE pairs AS
SELECT ds, i, (gen_pair(spec, i)).* FROM spec, generate_series(1, n) i;

CREATE TABLE states AS
SELECT ds, change_agg(b, a) AS c FROM pairs GROUP BY ds;

-- typed-in states far beyond what a test can aggregate row by row
CREATE TABLE typed (ds int PRIMARY KEY, metric text, c feedback_change, cells json);
INSERT INTO spec (metric, n, mode, mixed, seed)
SELECT m, 0, 'typed ' || k, false, 5 FROM unnest(ARRAY['nps', 'csat']) m, unnest(ARRAY[6, 9, 12]) k;
INSERT INTO typed
SELECT ds, metric, format('metric=%s pos>pos=%s pos>neu=%s pos>neg=%s neu>pos=%s neu>neu=%s neu>neg=%s neg>pos=%s neg>neu=%s neg>neg=%s',
						  metric, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9])::feedback_change,
	   json_build_array(json_build_array('pos', 'pos', v[1]::text), json_build_array('pos', 'neu', v[2]::text),
						json_build_array('pos', 'neg', v[3]::text), json_build_array('neu', 'pos', v[4]::text),
						json_build_array('neu', 'neu', v[5]::text), json_build_array('neu', 'neg', v[6]::text),
						json_build_array('neg', 'pos', v[7]::text), json_build_array('neg', 'neu', v[8]::text),
						json_build_array('neg', 'neg', v[9]::text))
FROM spec, LATERAL (SELECT (10::numeric ^ substr(mode, 7)::int)::int8 AS big,
						   (3 * 10::numeric ^ (substr(mode, 7)::int / 2.0))::int8 AS extra) b,
	 -- moves up and down balanced but for 3 sqrt(n) more passives turned
	 -- promoters: a change of a few standard errors, a p-value that means
	 -- something even at 10^12 pairs
	 LATERAL (SELECT ARRAY[big / 4, big / 10, big / 50, big / 10 + extra, big / 8, big / 40,
						   big / 50, big / 40, big / 5] AS v) vv
WHERE mode LIKE 'typed %';
INSERT INTO states SELECT ds, c FROM typed;

-- one function call: its value as text or the SQLSTATE it raised
CREATE FUNCTION ref_call(fn text, c feedback_change, conf float8, OUT got text, OUT err text)
LANGUAGE plpgsql AS $$
BEGIN
	got := CASE fn
		WHEN 'pairs' THEN pairs(c)::text
		WHEN 'moved_up' THEN moved_up(c)::text
		WHEN 'moved_down' THEN moved_down(c)::text
		WHEN 'unchanged' THEN unchanged(c)::text
		WHEN 'nps_change' THEN nps_change(c)::text
		WHEN 'nps_change_ci_lower' THEN nps_change_ci_lower(c, conf)::text
		WHEN 'nps_change_ci_upper' THEN nps_change_ci_upper(c, conf)::text
		WHEN 'nps_change_test' THEN nps_change_test(c)::text
		WHEN 'csat_change' THEN csat_change(c)::text
		WHEN 'csat_change_ci_lower' THEN csat_change_ci_lower(c, conf)::text
		WHEN 'csat_change_ci_upper' THEN csat_change_ci_upper(c, conf)::text
		WHEN 'csat_change_test' THEN csat_change_test(c)::text
	END;
EXCEPTION WHEN OTHERS THEN
	err := SQLSTATE;
END $$;

CREATE TABLE calls (fn text, conf float8);
INSERT INTO calls
SELECT fn, NULL FROM unnest(ARRAY['pairs', 'moved_up', 'moved_down', 'unchanged', 'nps_change', 'nps_change_test',
								  'csat_change', 'csat_change_test']) fn
UNION ALL
SELECT fn, conf FROM unnest(ARRAY['nps_change_ci_lower', 'nps_change_ci_upper', 'csat_change_ci_lower',
								  'csat_change_ci_upper']) fn, unnest(ARRAY[0.8, 0.95, 0.99]) conf;

CREATE TABLE results AS
SELECT s.ds, c.fn || coalesce('@' || c.conf, '') AS key, r.got, r.err
FROM states s CROSS JOIN calls c, LATERAL ref_call(c.fn, s.c, c.conf) r
-- a metric's own functions, and the other metric's (which must raise 22023)
-- on every fourth data set
WHERE c.fn IN ('pairs', 'moved_up', 'moved_down', 'unchanged')
   OR c.fn LIKE (SELECT metric FROM spec WHERE spec.ds = s.ds) || '\_%'
   OR s.ds % 4 = 0;
SQL
cx_check "paired reference: data set up" true

# the reference's input: one JSON object per data set
cx_psql -d "$db" -At >"$work/cases.jsonl" 2>"$work/cases.err" <<'SQL'
WITH raw AS (
	-- the pairs counted by plain SQL: both sides present (the documented rule)
	SELECT ds, json_agg(json_build_array(b::text, a::text, cnt) ORDER BY b, a) AS pairs
	FROM (SELECT ds, b, a, count(*) AS cnt FROM pairs WHERE b IS NOT NULL AND a IS NOT NULL GROUP BY ds, b, a) g
	GROUP BY ds
), got AS (
	SELECT ds, json_object_agg(key, got) AS got,
		   json_object_agg(key, err) FILTER (WHERE err IS NOT NULL) AS err
	FROM results GROUP BY ds
)
SELECT json_build_object(
		'ds', spec.ds, 'metric', spec.metric,
		'group', spec.metric || CASE WHEN spec.mixed AND spec.metric = 'csat' THEN ' mixed scales' ELSE '' END
				 || ' / ' || CASE WHEN spec.mode LIKE 'typed %' THEN 'typed 10^6..10^12 pairs'
								  WHEN spec.mode IN ('same_category', 'all_alike', 'nulls', 'strong') THEN spec.mode
								  WHEN spec.n <= 5 THEN 'tiny n' WHEN spec.n >= 1000 THEN 'large n'
								  ELSE 'small n' END,
		'pairs', CASE WHEN typed.ds IS NULL THEN coalesce(raw.pairs, '[]'::json) END,
		'cells', typed.cells,
		'got', got.got, 'error', coalesce(got.err, '{}'::json))
FROM spec JOIN got USING (ds) LEFT JOIN raw USING (ds) LEFT JOIN typed USING (ds)
ORDER BY spec.ds;
SQL
if [ ! -s "$work/cases.jsonl" ]; then
	cat "$work/cases.err"
	cx_result fail "paired reference: statistics computed in SQL"
	exit 0
fi
cx_result pass "paired reference: $(wc -l <"$work/cases.jsonl") data sets computed in SQL"

[ -n "${CX_PAIRED_KEEP:-}" ] && cp "$work/cases.jsonl" "$CX_PAIRED_KEEP"
python3 test/reference/paired_ref.py <"$work/cases.jsonl" >"$work/compare.log" 2>&1
status=$?
while IFS= read -r line; do
	case "$line" in
		"ok "*) cx_result pass "paired reference: ${line#ok }" ;;
		"FAIL "*) cx_result fail "paired reference: ${line#FAIL }" ;;
		"#   "*) echo "$line" ;;
		"# compared "*) compared=${line#\# compared } ;;
		"# largest "*) largest=${line#\# largest relative difference } ;;
	esac
done <"$work/compare.log"
if [ $status -ne 0 ] && ! grep -q '^FAIL ' "$work/compare.log"; then
	tail -30 "$work/compare.log"
	cx_result fail "paired reference: the comparison ran"
elif [ $status -eq 0 ]; then
	cx_result pass "paired reference: ${compared:-?}; largest relative difference ${largest:-?}"
fi
exit 0
