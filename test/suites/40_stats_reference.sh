#!/usr/bin/env bash
# Statistics against an independent reference.  Generates survey responses
# in SQL (tiny to large samples, one response, all promoters, all
# detractors, all passives, skewed, weighted, zero weights, CES on two
# scales) plus summaries of 10^6..10^12 responses written in the text form;
# computes every statistic in SQL; hands the same responses, counted by plain
# SQL GROUP BY (not by the summary code), to test/reference/stats_ref.py,
# which recomputes everything separately and compares to 1e-9 relative.
# One result per function family and kind of data.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$CX_ROOT"

work=$(cx_mktemp_dir stats)
trap 'cx_stop_server; rm -rf "$work"' EXIT

if ! python3 test/reference/stats_ref.py selftest >"$work/selftest.log" 2>&1; then
	cat "$work/selftest.log"
	cx_result fail "stats reference: the reference passes its own checks"
	exit 0
fi
cx_result pass "stats reference: the reference passes its own checks"

cx_start_server stats_cron >/dev/null || { cx_result fail "stats reference: server starts"; exit 0; }
db=stats_reference
cx_psql -d postgres -c "CREATE DATABASE $db" >/dev/null
cx_psql -d "$db" >"$work/setup.log" 2>&1 <<'SQL' || { cat "$work/setup.log"; cx_result fail "stats reference: data set up"; exit 0; }
CREATE EXTENSION cxsat;

-- what each group of responses looks like
CREATE TABLE spec (grp serial PRIMARY KEY, mode text, n int, weighted bool, ces_scale int);
INSERT INTO spec (mode, n, weighted, ces_scale)
SELECT 'random', n, w, CASE WHEN n % 2 = 0 THEN 5 ELSE 7 END
FROM unnest(ARRAY[1, 2, 3, 4, 5, 7, 10, 13, 30, 100, 317, 1000, 20000]) n, unnest(ARRAY[false, true]) w;
INSERT INTO spec (mode, n, weighted, ces_scale)
SELECT 'skewed', n, w, 7 FROM unnest(ARRAY[10, 100, 1000]) n, unnest(ARRAY[false, true]) w;
INSERT INTO spec (mode, n, weighted, ces_scale)
SELECT m, n, w, 5 FROM unnest(ARRAY['all_pos', 'all_neg', 'all_mid']) m,
	unnest(ARRAY[1, 2, 50]) n, unnest(ARRAY[false, true]) w;
INSERT INTO spec (mode, n, weighted, ces_scale)
VALUES ('zero_weights', 3, true, 7), ('zero_weights', 30, true, 5), ('mixed_ces', 10, false, 7);

CREATE TABLE resp (grp int, fb feedback, w float8);
INSERT INTO resp
SELECT grp, fb, CASE WHEN NOT weighted THEN 1
					 WHEN mode = 'zero_weights' AND h % 3 = 0 THEN 0
					 ELSE 0.25 + ((h / 17) % 1000) / 250.0 END
FROM spec, generate_series(1, n) i,
	 LATERAL (SELECT abs(hashint8(grp * 1000003::int8 + i)) AS h) hh,
	 LATERAL (
		SELECT feedback('nps', CASE mode WHEN 'all_pos' THEN 9 + i % 2 WHEN 'all_neg' THEN i % 7
								 WHEN 'all_mid' THEN 7 + i % 2
								 WHEN 'skewed' THEN CASE WHEN h % 100 < 95 THEN 9 + h % 2 ELSE h % 9 END
								 ELSE h % 11 END) AS fb
		UNION ALL
		SELECT feedback('csat', CASE mode WHEN 'all_pos' THEN cs WHEN 'all_neg' THEN 1
								  WHEN 'all_mid' THEN (cs + 1) / 2
								  WHEN 'skewed' THEN CASE WHEN h % 100 < 90 THEN cs ELSE 1 END
								  ELSE 1 + (h / 7) % cs END, cs)
		FROM (SELECT CASE WHEN mode IN ('random', 'zero_weights') THEN (ARRAY[2, 3, 5, 7, 10])[1 + (h / 11) % 5]
						  WHEN mode LIKE 'all%' THEN (ARRAY[3, 5, 7])[1 + (h / 11) % 3]
						  ELSE 5 END AS cs) c
		UNION ALL
		SELECT feedback('ces', CASE mode WHEN 'all_pos' THEN es WHEN 'all_neg' THEN 1
								 WHEN 'all_mid' THEN (es + 1) / 2
								 WHEN 'skewed' THEN CASE WHEN h % 100 < 90 THEN es ELSE 1 + h % es END
								 ELSE 1 + (h / 13) % es END, es)
		FROM (SELECT CASE WHEN mode = 'mixed_ces' THEN 5 + 2 * (i % 2) ELSE ces_scale END AS es) e
	 ) f;

-- the responses counted by plain SQL: the reference's input
CREATE TABLE points (grp int, bucket text, score int, cnt int8, wsum float8, wsq float8);
INSERT INTO points
SELECT grp, metric(fb) || CASE WHEN metric(fb) = 'nps' THEN '' ELSE '/' || scale(fb) END,
	   score(fb), count(*), sum(w), sum(w * w)
FROM resp GROUP BY 1, 2, 3;

CREATE TABLE sums AS
SELECT grp, CASE WHEN weighted THEN feedback_agg(fb, w) ELSE feedback_agg(fb) END AS s
FROM resp JOIN spec USING (grp) GROUP BY grp, weighted;

-- huge samples, written in the summary's text form
CREATE TABLE bucket_range (bucket text, lo int, hi int);
INSERT INTO bucket_range VALUES ('nps', 0, 10), ('csat/2', 1, 2), ('csat/3', 1, 3), ('csat/5', 1, 5),
	('csat/7', 1, 7), ('csat/10', 1, 10), ('ces/5', 1, 5), ('ces/7', 1, 7);
INSERT INTO spec (mode, n, weighted, ces_scale)
SELECT 'huge', scale_n, w, 7 FROM unnest(ARRAY[1000000, 1000000000]) scale_n, unnest(ARRAY[false, true]) w;
INSERT INTO spec (mode, n, weighted, ces_scale) VALUES ('huge', 0, false, 7);
-- counts: NPS 50/30/20 % spread over points, CSAT 70 % satisfied, CES
-- leaning easy; n = 10^6, 10^9 and (the last) 10^12; weights 1.3 on
-- average with n_eff = n / 1.5
INSERT INTO points
SELECT grp, bucket, score, cnt,
	   CASE WHEN weighted THEN cnt * 1.3 ELSE cnt END,
	   CASE WHEN weighted THEN cnt * 1.3 * 1.3 * 1.5 ELSE cnt END
FROM spec,
	 LATERAL (SELECT CASE WHEN n = 0 THEN 1000000000000::int8 ELSE n END AS big) b,
	 LATERAL (VALUES
		('nps', 10, big / 4), ('nps', 9, big / 4), ('nps', 8, big / 5), ('nps', 7, big / 10),
		('nps', 3, big / 10), ('nps', 0, big / 10),
		('csat/5', 5, big / 2), ('csat/5', 4, big / 5), ('csat/5', 2, big / 10),
		('csat/5', 1, big / 5),
		('ces/7', 7, big / 2), ('ces/7', 6, big / 4), ('ces/7', 2, big / 8), ('ces/7', 1, big / 8)
	 ) v(bucket, score, cnt)
WHERE mode = 'huge';
INSERT INTO sums
SELECT grp, ('{' || string_agg(
		'"' || r.bucket || '":' ||
		CASE WHEN weighted THEN '{"counts":[' ELSE '[' END ||
		(SELECT string_agg(coalesce(p.cnt, 0)::text, ',' ORDER BY sc) FROM generate_series(r.lo, r.hi) sc
			LEFT JOIN points p ON p.grp = spec.grp AND p.bucket = r.bucket AND p.score = sc) || ']' ||
		CASE WHEN weighted THEN
			',"weights":[' ||
			(SELECT string_agg(coalesce(p.wsum, 0)::text, ',' ORDER BY sc) FROM generate_series(r.lo, r.hi) sc
				LEFT JOIN points p ON p.grp = spec.grp AND p.bucket = r.bucket AND p.score = sc) ||
			'],"squared_weights":' ||
			(SELECT sum(p.wsq)::text FROM points p WHERE p.grp = spec.grp AND p.bucket = r.bucket) || '}'
		ELSE '' END, ',') || '}')::feedback_summary
FROM spec JOIN bucket_range r ON EXISTS (SELECT 1 FROM points p WHERE p.grp = spec.grp AND p.bucket = r.bucket)
WHERE mode = 'huge'
GROUP BY grp, weighted;

-- companies for subtraction and the tests against the rest (0.2.0): every
-- four consecutive groups of raw responses form one company, whose summary
-- is built from the raw rows (weighted if any of its groups is; the rows
-- of an unweighted group have weight 1) and whose points the reference
-- reads from a plain GROUP BY, like every other summary's
CREATE TABLE company AS
SELECT grp, 1000 + (grp - 1) / 4 AS company FROM spec WHERE mode <> 'huge';
INSERT INTO spec (grp, mode, n, weighted, ces_scale)
SELECT company, 'company', count(*), bool_or(weighted), 7
FROM company JOIN spec USING (grp) GROUP BY company;
INSERT INTO points
SELECT m.company, metric(fb) || CASE WHEN metric(fb) = 'nps' THEN '' ELSE '/' || scale(fb) END,
	   score(fb), count(*), sum(w), sum(w * w)
FROM resp JOIN company m USING (grp) GROUP BY 1, 2, 3;
INSERT INTO sums
SELECT m.company, CASE WHEN bool_or(s.weighted) THEN feedback_agg(fb, w) ELSE feedback_agg(fb) END
FROM resp JOIN company m USING (grp) JOIN spec s USING (grp) GROUP BY m.company;

-- one statistic, its value as text or the SQLSTATE it raised
CREATE FUNCTION ref_call(fn text, sa feedback_summary, sb feedback_summary, conf float8, method text,
						 OUT got text, OUT err text) LANGUAGE plpgsql AS $$
BEGIN
	got := CASE fn
		WHEN 'nps_stderr' THEN nps_stderr(sa)
		WHEN 'nps_ci_lower' THEN nps_ci_lower(sa, conf, method)
		WHEN 'nps_ci_upper' THEN nps_ci_upper(sa, conf, method)
		WHEN 'nps_test' THEN nps_test(sa, sb)
		WHEN 'nps_diff_ci_lower' THEN nps_diff_ci_lower(sa, sb, conf)
		WHEN 'nps_diff_ci_upper' THEN nps_diff_ci_upper(sa, sb, conf)
		WHEN 'csat_stderr' THEN csat_stderr(sa)
		WHEN 'csat_ci_lower' THEN csat_ci_lower(sa, conf, method)
		WHEN 'csat_ci_upper' THEN csat_ci_upper(sa, conf, method)
		WHEN 'csat_test' THEN csat_test(sa, sb)
		WHEN 'ces_stderr' THEN ces_stderr(sa)
		WHEN 'ces_ci_lower' THEN ces_ci_lower(sa, conf)
		WHEN 'ces_ci_upper' THEN ces_ci_upper(sa, conf)
		WHEN 'ces_test' THEN ces_test(sa, sb)
		WHEN 'csat_diff_ci_lower' THEN csat_diff_ci_lower(sa, sb, conf)
		WHEN 'csat_diff_ci_upper' THEN csat_diff_ci_upper(sa, sb, conf)
		WHEN 'ces_diff_ci_lower' THEN ces_diff_ci_lower(sa, sb, conf)
		WHEN 'ces_diff_ci_upper' THEN ces_diff_ci_upper(sa, sb, conf)
		WHEN 'nps_test_vs_rest' THEN nps_test_vs_rest(sa, sb)
		WHEN 'csat_test_vs_rest' THEN csat_test_vs_rest(sa, sb)
		WHEN 'ces_test_vs_rest' THEN ces_test_vs_rest(sa, sb)
		WHEN 'nps_margin' THEN nps_margin(sa, conf)
		WHEN 'csat_margin' THEN csat_margin(sa, conf)
	END::text;
	IF fn = 'subtract' THEN
		got := subtract(sa, sb)::text;
	ELSIF fn = 'summary_jsonb' THEN
		got := summary_jsonb(sa)::text;
	END IF;
EXCEPTION WHEN OTHERS THEN
	err := SQLSTATE;
END $$;

-- every call: one-sample statistics on every group, tests on neighbouring
-- groups and on chosen pairs
CREATE TABLE calls (fn text, a int, b int, conf float8, method text);
INSERT INTO calls
SELECT fn, grp, NULL::int, NULL::float8, NULL::text FROM spec, unnest(ARRAY['nps_stderr', 'csat_stderr', 'ces_stderr']) fn
UNION ALL
SELECT fn, grp, NULL, conf::float8, m FROM spec, unnest(ARRAY['nps_ci_lower', 'nps_ci_upper']) fn,
	unnest(ARRAY['wald', 'adjusted_wald', 'score']) m, unnest(ARRAY[0.8, 0.95, 0.99]) conf
UNION ALL
SELECT fn, grp, NULL, conf, m FROM spec, unnest(ARRAY['csat_ci_lower', 'csat_ci_upper']) fn,
	unnest(ARRAY['wilson', 'wald']) m, unnest(ARRAY[0.8, 0.95, 0.99]) conf
UNION ALL
SELECT fn, grp, NULL, conf, NULL FROM spec, unnest(ARRAY['ces_ci_lower', 'ces_ci_upper']) fn,
	unnest(ARRAY[0.5, 0.95, 0.999]) conf;
CREATE TABLE pairs AS
SELECT x.grp AS a, y.grp AS b FROM spec x JOIN spec y ON y.grp = x.grp + 1
UNION ALL
SELECT x.grp, y.grp FROM spec x, spec y
WHERE (x.mode, y.mode) IN (('all_pos', 'all_pos'), ('all_pos', 'all_neg'), ('all_mid', 'all_pos'),
						   ('huge', 'random'), ('random', 'huge'))
  AND x.n IN (1, 50, 1000000) AND y.n IN (1, 50, 1000);
INSERT INTO calls
SELECT fn, a, b, NULL::float8, NULL::text FROM pairs, unnest(ARRAY['nps_test', 'csat_test', 'ces_test']) fn
UNION ALL
SELECT fn, a, b, conf, NULL FROM pairs, unnest(ARRAY['nps_diff_ci_lower', 'nps_diff_ci_upper']) fn,
	unnest(ARRAY[0.9, 0.95]) conf;

-- 0.2.0: difference intervals on the same pairs; margins and the report on
-- every group; each group against its company and the company less the
-- group (and, not contained, the group less its company)
INSERT INTO calls
SELECT fn, a, b, conf, NULL FROM pairs,
	unnest(ARRAY['csat_diff_ci_lower', 'csat_diff_ci_upper', 'ces_diff_ci_lower', 'ces_diff_ci_upper']) fn,
	unnest(ARRAY[0.9, 0.95]) conf
UNION ALL
SELECT fn, grp, NULL, conf, NULL FROM spec, unnest(ARRAY['nps_margin', 'csat_margin']) fn,
	unnest(ARRAY[0.8, 0.95, 0.99]) conf
UNION ALL
SELECT 'summary_jsonb', grp, NULL, NULL, NULL FROM spec
UNION ALL
SELECT fn, grp, company, NULL, NULL FROM company,
	unnest(ARRAY['nps_test_vs_rest', 'csat_test_vs_rest', 'ces_test_vs_rest']) fn
UNION ALL
SELECT 'subtract', company, grp, NULL, NULL FROM company
UNION ALL
SELECT 'subtract', grp, company, NULL, NULL FROM company WHERE grp % 3 = 0;

-- sample sizes: from planned shares on a grid (and some out of range) and
-- from every group's own shares
CREATE TABLE plan (fn text, margin float8, p1 float8, p2 float8, conf float8, grp int);
INSERT INTO plan
SELECT 'nps_sample_size', m, p / 10.0, d / 10.0, conf, NULL::int
FROM generate_series(0, 10) p, generate_series(0, 10) d, unnest(ARRAY[1, 3.5, 5, 10]) m,
	 unnest(ARRAY[0.9, 0.95]) conf
WHERE p + d <= 11 AND (p + d + m::int) % 2 = 0
UNION ALL
SELECT 'csat_sample_size', m, p / 20.0, NULL, conf, NULL
FROM generate_series(0, 21) p, unnest(ARRAY[0.5, 2, 5, 10]) m, unnest(ARRAY[0.8, 0.95, 0.99]) conf
UNION ALL
SELECT 'nps_sample_size', m, 0.5, 0.2, conf, NULL
FROM unnest(ARRAY[0, -1, 'NaN', 'Infinity', 1e-300]::float8[]) m, unnest(ARRAY[0.95, 1.0]) conf
UNION ALL
SELECT fn, m, NULL, NULL, 0.95, grp FROM spec, unnest(ARRAY['nps_sample_size', 'csat_sample_size']) fn,
	unnest(ARRAY[2, 5]) m;
CREATE FUNCTION ref_plan(fn text, margin float8, p1 float8, p2 float8, conf float8, s feedback_summary,
						 OUT got text, OUT err text) LANGUAGE plpgsql AS $$
BEGIN
	got := CASE
		WHEN s IS NOT NULL AND fn = 'nps_sample_size' THEN nps_sample_size(margin, s, conf)
		WHEN s IS NOT NULL THEN csat_sample_size(margin, s, conf)
		WHEN fn = 'nps_sample_size' THEN nps_sample_size(margin, p1, p2, conf)
		ELSE csat_sample_size(margin, p1, conf) END::text;
EXCEPTION WHEN OTHERS THEN
	err := SQLSTATE;
END $$;

-- response rates: counts from none to 10^12, some invalid
CREATE TABLE rate (fn text, x int8, n int8, conf float8);
INSERT INTO rate
SELECT fn, x, n, conf
FROM (SELECT n, unnest(ARRAY[0, 1, n / 3, n / 2, n - 1, n, n + 1]) AS x
	  FROM unnest(ARRAY[0, 1, 2, 3, 10, 117, 1000, 1000000, 1000000000000]::int8[]) n) v,
	 unnest(ARRAY['response_rate', 'response_rate_ci_lower', 'response_rate_ci_upper']) fn,
	 unnest(ARRAY[0.9, 0.95]) conf
WHERE x >= 0 AND (fn <> 'response_rate' OR conf = 0.95)
UNION ALL
SELECT 'response_rate', -1, 5, 0.95 UNION ALL SELECT 'response_rate', 0, -5, 0.95
UNION ALL SELECT 'response_rate_ci_upper', 1, 5, 1.5;
CREATE FUNCTION ref_rate(fn text, x int8, n int8, conf float8, OUT got text, OUT err text)
LANGUAGE plpgsql AS $$
BEGIN
	got := CASE fn WHEN 'response_rate' THEN response_rate(x, n)
				   WHEN 'response_rate_ci_lower' THEN response_rate_ci_lower(x, n, conf)
				   ELSE response_rate_ci_upper(x, n, conf) END::text;
EXCEPTION WHEN OTHERS THEN
	err := SQLSTATE;
END $$;

-- p-value families: sizes 1..60, ties, NULLs, 0 and 1, tiny values, and
-- two families with a value outside [0, 1] or NaN
CREATE TABLE famp (fam int, k int, p float8);
INSERT INTO famp
SELECT fam, k, CASE WHEN h % 13 = 0 THEN NULL
					WHEN fam % 5 = 0 THEN round((h % 1000) / 1000.0, 2)	-- ties
					WHEN fam % 7 = 0 THEN (h % 3) / 2.0			-- 0, 0.5, 1
					ELSE (h % 100003) / 100003.0 * 10.0 ^ (-(h % 4) * 2) END
FROM generate_series(1, 30) fam, generate_series(1, 1 + (fam * 7) % 60) k,
	 LATERAL (SELECT abs(hashint4(fam * 1000 + k)) AS h) x;
INSERT INTO famp VALUES (31, 1, 0.2), (31, 2, 1.5), (32, 1, 'NaN'), (32, 2, 0.1);
CREATE FUNCTION ref_padjust(fn text, family int, OUT ps text, OUT got text, OUT err text)
LANGUAGE plpgsql AS $$
BEGIN
	SELECT json_agg(p ORDER BY k) INTO ps FROM famp WHERE fam = family;
	IF fn = 'p_adjust_holm' THEN
		SELECT json_agg(a ORDER BY k) INTO got
		FROM (SELECT k, p_adjust_holm(p) OVER () AS a FROM famp WHERE fam = family) x;
	ELSE
		SELECT json_agg(a ORDER BY k) INTO got
		FROM (SELECT k, p_adjust_bh(p) OVER (ORDER BY k DESC) AS a FROM famp WHERE fam = family) x;
	END IF;
EXCEPTION WHEN OTHERS THEN
	err := SQLSTATE;
END $$;
SQL
cx_check "stats reference: data set up" true

# the reference's input: one JSON object per call
cx_psql -d "$db" -At >"$work/cases.jsonl" 2>"$work/cases.err" <<'SQL'
WITH summary_json AS (
	SELECT grp, json_build_object(
			'weighted', weighted,
			'points', json_object_agg(bucket, pts),
			'wsq', json_object_agg(bucket, wsq)) AS j
	FROM (SELECT grp, bucket, json_agg(json_build_array(score, cnt, wsum::text) ORDER BY score) AS pts,
				 sum(wsq)::text AS wsq
		  FROM points GROUP BY grp, bucket) b
	JOIN spec USING (grp)
	GROUP BY grp, weighted
),
kind AS (
	SELECT grp, CASE WHEN mode = 'huge' THEN 'huge n'
					 WHEN mode = 'company' THEN 'company'
					 WHEN mode IN ('all_pos', 'all_neg', 'all_mid') THEN 'one category'
					 WHEN mode = 'zero_weights' THEN 'zero weights'
					 WHEN mode = 'mixed_ces' THEN 'two CES scales'
					 WHEN n <= 5 THEN 'tiny n' WHEN n >= 1000 THEN 'large n' ELSE 'small n' END ||
				CASE WHEN weighted THEN ', weighted' ELSE '' END AS kind
	FROM spec
)
SELECT json_build_object(
		'group', regexp_replace(c.fn, '_(lower|upper)$', '') ||
				 coalesce(' ' || c.method, '') || ' / ' || k.kind,
		'fn', c.fn, 'conf', c.conf, 'method', c.method,
		'a', ja.j, 'b', jb.j, 'got', r.got, 'error', r.err)
FROM calls c
JOIN kind k ON k.grp = c.a
JOIN summary_json ja ON ja.grp = c.a
LEFT JOIN summary_json jb ON jb.grp = c.b
JOIN sums sa ON sa.grp = c.a
LEFT JOIN sums sb ON sb.grp = c.b,
LATERAL ref_call(c.fn, sa.s, sb.s, c.conf, c.method) r
ORDER BY c.fn, c.method, c.a, c.b, c.conf;
SQL
# ... and the 0.2.0 cases with arguments of their own
cx_psql -d "$db" -At >>"$work/cases.jsonl" 2>>"$work/cases.err" <<'SQL'
WITH summary_json AS (
	SELECT grp, json_build_object(
			'weighted', weighted,
			'points', json_object_agg(bucket, pts),
			'wsq', json_object_agg(bucket, wsq)) AS j
	FROM (SELECT grp, bucket, json_agg(json_build_array(score, cnt, wsum::text) ORDER BY score) AS pts,
				 sum(wsq)::text AS wsq
		  FROM points GROUP BY grp, bucket) b
	JOIN spec USING (grp)
	GROUP BY grp, weighted
)
SELECT json_build_object(
		'group', p.fn || CASE WHEN p.grp IS NULL THEN ' / planned shares' ELSE ' / a summary''s shares' END,
		'fn', p.fn, 'margin', p.margin, 'promoters', p.p1, 'detractors', p.p2, 'satisfied', p.p1,
		'conf', p.conf, 'a', j.j, 'got', r.got, 'error', r.err)
FROM plan p LEFT JOIN summary_json j ON j.grp = p.grp LEFT JOIN sums s ON s.grp = p.grp,
	 LATERAL ref_plan(p.fn, p.margin, p.p1, p.p2, p.conf, s.s) r
UNION ALL
SELECT json_build_object(
		'group', regexp_replace(fn, '_(lower|upper)$', ''),
		'fn', fn, 'responses', x, 'invitations', n, 'conf', conf, 'got', r.got, 'error', r.err)
FROM rate, LATERAL ref_rate(fn, x, n, conf) r
UNION ALL
SELECT json_build_object('group', fn, 'fn', fn, 'ps', r.ps::json, 'got', r.got::json, 'error', r.err)
FROM (SELECT DISTINCT fam FROM famp) f, unnest(ARRAY['p_adjust_holm', 'p_adjust_bh']) fn,
	 LATERAL ref_padjust(fn, fam) r;
SQL
if [ ! -s "$work/cases.jsonl" ]; then
	cat "$work/cases.err"
	cx_result fail "stats reference: statistics computed in SQL"
	exit 0
fi
cx_result pass "stats reference: $(wc -l <"$work/cases.jsonl") statistics computed in SQL"

python3 test/reference/stats_ref.py <"$work/cases.jsonl" >"$work/compare.log" 2>&1
status=$?
while IFS= read -r line; do
	case "$line" in
		"ok "*) cx_result pass "stats reference: ${line#ok }" ;;
		"FAIL "*) cx_result fail "stats reference: ${line#FAIL }" ;;
		"#"*) echo "$line" ;;
	esac
done <"$work/compare.log"
if [ $status -ne 0 ] && ! grep -q '^FAIL ' "$work/compare.log"; then
	tail -30 "$work/compare.log"
	cx_result fail "stats reference: the comparison ran"
fi
