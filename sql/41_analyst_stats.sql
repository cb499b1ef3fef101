--
-- Analyst statistics (0.2.0): summary subtraction, CSAT and CES difference
-- intervals, segment-against-rest tests, Holm and Benjamini-Hochberg as
-- window functions, margins and sample sizes, response rates, the jsonb
-- report.  Expected values are worked by hand in the comments, or computed
-- independently in plain SQL (GROUP BY over the raw rows, the formulas
-- written out, Holm and BH with ordinary window functions).  Values are
-- shown rounded to 10 decimals; "ok" columns compare to 1e-9.
--
CREATE TABLE an_resp (seg text, fb feedback, w float8);
-- four segments of 300 responses each, NPS, CSAT and CES mixed, the scores
-- pseudo-random (hashint4) and shifted per segment; weights 0.5..2
INSERT INTO an_resp
SELECT seg, CASE i % 3
		   WHEN 0 THEN feedback('nps', least(10, greatest(0, h % 11 + shift)))
		   WHEN 1 THEN feedback('csat', least(5, greatest(1, 1 + h % 5 + shift)), 5)
		   ELSE feedback('ces', least(7, greatest(1, 1 + h % 7 + shift)), 7) END,
	   0.5 + ((h / 7) % 4) * 0.5
FROM generate_series(1, 1200) i,
	 LATERAL (SELECT (ARRAY['north', 'south', 'east', 'west'])[1 + i % 4] AS seg,
					 (ARRAY[0, 1, -1, 0])[1 + i % 4] AS shift,
					 abs(hashint4(i)) AS h) x;

CREATE TABLE an_seg AS
SELECT seg, feedback_agg(fb) AS s, feedback_agg(fb, w) AS ws FROM an_resp GROUP BY seg;
CREATE TABLE an_total AS
SELECT feedback_agg(fb) AS s, feedback_agg(fb, w) AS ws FROM an_resp;

-- ---- subtraction ----------------------------------------------------
-- hand-worked: {0: 1, 7: 2, 8: 1, 9: 3, 10: 3} - {0: 1, 9: 1}
SELECT '{"nps":[1,0,0,0,0,0,0,2,1,3,3]}'::feedback_summary - '{"nps":[1,0,0,0,0,0,0,0,0,1,0]}' AS rest;
SELECT subtract('{"nps":[0,0,0,0,0,0,0,0,0,0,2],"csat/5":[1,0,0,0,4]}', '{"csat/5":[0,0,0,0,4]}');
SELECT '{"nps":[0,0,0,0,0,0,0,0,0,0,2]}'::feedback_summary - '{}' AS minus_empty,
	   '{"nps":[0,0,0,0,0,0,0,0,0,0,2]}'::feedback_summary - '{"nps":[0,0,0,0,0,0,0,0,0,0,2]}' AS minus_itself,
	   subtract(NULL, '{}') IS NULL AS strict;
-- the rest of the company equals the summary of the other segments' rows,
-- counted from the raw rows, exactly
SELECT seg, t.s - a.s = (SELECT feedback_agg(fb) FROM an_resp r WHERE r.seg <> a.seg) AS exact
FROM an_seg a, an_total t ORDER BY seg;
-- and a segment plus the rest gives back the total
SELECT bool_and((t.s - a.s) + a.s = t.s) AS round_trip FROM an_seg a, an_total t;
-- weighted: counts exact; weights to round-off of the other segments' sums
SELECT seg, is_weighted(t.ws - a.ws) AS weighted,
	   responses(t.ws - a.ws) = (SELECT count(*) FROM an_resp r WHERE r.seg <> a.seg) AS counts_exact,
	   abs(nps(t.ws - a.ws) - (SELECT 100 * (sum(w) FILTER (WHERE score(fb) >= 9)
										  - sum(w) FILTER (WHERE score(fb) <= 6)) / sum(w)
								FROM an_resp r WHERE r.seg <> a.seg AND metric(fb) = 'nps')) < 1e-9 AS nps_ok,
	   abs(total_weight(t.ws - a.ws, 'csat') - (SELECT sum(w) FROM an_resp r
											   WHERE r.seg <> a.seg AND metric(fb) = 'csat')) < 1e-9 AS weight_ok
FROM an_seg a, an_total t ORDER BY seg;
-- weighted total less an unweighted part: weight 1 per response taken
SELECT '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,3],"weights":[0,0,0,0,0,0,0,0,0,0,6],"squared_weights":14}}'::feedback_summary
	   - '{"nps":[0,0,0,0,0,0,0,0,0,0,1]}' AS weighted_rest;
-- errors: not contained
SELECT '{"nps":[1,0,0,0,0,0,0,0,0,0,0]}'::feedback_summary - '{"nps":[2,0,0,0,0,0,0,0,0,0,0]}';
SELECT '{"nps":[1,0,0,0,0,0,0,0,0,0,0]}'::feedback_summary - '{"csat/7":[0,0,0,0,0,0,1]}';
SELECT a.s - t.s FROM an_seg a, an_total t WHERE seg = 'north';
SELECT '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,2],"weights":[0,0,0,0,0,0,0,0,0,0,2],"squared_weights":2}}'::feedback_summary
	   - '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[0,0,0,0,0,0,0,0,0,0,2.5],"squared_weights":6.25}}';
SELECT '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[0,0,0,0,0,0,0,0,0,0,2],"squared_weights":4}}'::feedback_summary
	   - '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[0,0,0,0,0,0,0,0,0,0,1],"squared_weights":1}}';

-- ---- difference intervals -------------------------------------------
-- CSAT hand-worked: a 3 of 4 satisfied, b 1 of 4: 50 +/- 100 z sqrt(0.09375),
-- z = 1.959963984540054: 50 +/- 60.0118865749...
SELECT round(csat_diff_ci_lower('{"csat/5":[1,0,0,0,3]}', '{"csat/5":[0,0,3,1,0]}')::numeric, 10) AS lower,
	   round(csat_diff_ci_upper('{"csat/5":[1,0,0,0,3]}', '{"csat/5":[0,0,3,1,0]}')::numeric, 10) AS upper,
	   round((100 * 1.959963984540054 * sqrt(0.09375))::numeric, 10) AS half_by_hand;
-- CES hand-worked: {1, 3} - {2, 4}: -1 +/- t(0.975, 2 df) sqrt(2),
-- t = 0.95 / sqrt(2 * 0.975 * 0.025) = 4.3026527299...
SELECT round(ces_diff_ci_lower('{"ces/5":[1,0,1,0,0]}', '{"ces/5":[0,1,0,1,0]}')::numeric, 10) AS lower,
	   round(ces_diff_ci_upper('{"ces/5":[1,0,1,0,0]}', '{"ces/5":[0,1,0,1,0]}')::numeric, 10) AS upper,
	   round((0.95 / sqrt(2 * 0.975 * 0.025) * sqrt(2))::numeric, 10) AS half_by_hand;
-- segments against the rest, the CSAT Wald formula written out in SQL
SELECT seg, abs(csat_diff_ci_upper(a.s, t.s - a.s, 0.9) - csat_diff_ci_lower(a.s, t.s - a.s, 0.9)
		- 2 * 1.6448536269514722 * 100 * sqrt(x.pa * (1 - x.pa) / x.na + x.pb * (1 - x.pb) / x.nb)) < 1e-9 AS width_ok,
	   abs((csat_diff_ci_upper(a.s, t.s - a.s, 0.9) + csat_diff_ci_lower(a.s, t.s - a.s, 0.9)) / 2
		- 100 * (x.pa - x.pb)) < 1e-9 AS centre_ok
FROM an_seg a, an_total t,
	 LATERAL (SELECT avg((score(fb) >= 4)::int) FILTER (WHERE r.seg = a.seg) AS pa,
					 count(*) FILTER (WHERE r.seg = a.seg) AS na,
					 avg((score(fb) >= 4)::int) FILTER (WHERE r.seg <> a.seg) AS pb,
					 count(*) FILTER (WHERE r.seg <> a.seg) AS nb
			  FROM an_resp r WHERE metric(fb) = 'csat') x
ORDER BY seg;
-- NULL and errors
SELECT csat_diff_ci_lower('{"nps":[1,0,0,0,0,0,0,0,0,0,0]}', '{"csat/5":[0,0,3,1,0]}') IS NULL AS no_csat,
	   ces_diff_ci_lower('{"ces/5":[0,0,2,0,0]}', '{"ces/5":[0,0,0,3,0]}') IS NULL AS both_constant,
	   ces_diff_ci_upper('{"ces/5":[0,0,1,0,0]}', '{"ces/5":[0,1,0,3,0]}') IS NULL AS one_response;
SELECT csat_diff_ci_lower('{"csat/5":[1,0,0,0,3]}', '{"csat/5":[0,0,3,1,0]}', 1.0);
SELECT ces_diff_ci_lower('{"ces/5":[1,0,1,0,0]}', '{"ces/7":[0,1,0,1,0,0,0]}');

-- ---- segment against the rest ---------------------------------------
-- each equals the two-sample test against the other segments' rows
SELECT seg,
	   nps_test_vs_rest(a.s, t.s) = nps_test(a.s, (SELECT feedback_agg(fb) FROM an_resp r WHERE r.seg <> a.seg)) AS nps_ok,
	   csat_test_vs_rest(a.s, t.s) = csat_test(a.s, (SELECT feedback_agg(fb) FROM an_resp r WHERE r.seg <> a.seg)) AS csat_ok,
	   ces_test_vs_rest(a.s, t.s) = ces_test(a.s, (SELECT feedback_agg(fb) FROM an_resp r WHERE r.seg <> a.seg)) AS ces_ok,
	   round(nps_test_vs_rest(a.s, t.s)::numeric, 10) AS nps_p
FROM an_seg a, an_total t ORDER BY seg;
SELECT nps_test_vs_rest(t.s, t.s) IS NULL AS whole_vs_nothing FROM an_total t;
SELECT nps_test_vs_rest(t.s, a.s) FROM an_seg a, an_total t WHERE seg = 'east';

-- ---- multiple comparisons -------------------------------------------
-- hand-worked, p = .01 .04 .03 .005 (sorted .005 .01 .03 .04):
--   Holm x 4 3 2 1 = .02 .03 .06 .04, running max -> .02 .03 .06 .06
--   BH   x 4/1 4/2 4/3 4/4 = .02 .02 .04 .04, running min from the top
-- (BH's 4/3 * 0.03 is 0.039999999999999994 in double, as in R)
SELECT k, p, p_adjust_holm(p) OVER () AS holm, round(p_adjust_bh(p) OVER ()::numeric, 15) AS bh
FROM (VALUES (1, 0.01), (2, 0.04), (3, 0.03), (4, 0.005), (5, NULL)) v(k, p) ORDER BY k;
-- partitions are separate families; NULLs are not counted in m
SELECT fam, k, p, p_adjust_holm(p) OVER w AS holm, p_adjust_bh(p) OVER w AS bh
FROM (VALUES ('a', 1, 0.02), ('a', 2, 0.5), ('a', 3, 0.02), ('b', 1, 0.2), ('b', 2, NULL),
			 ('c', 1, NULL), ('d', 1, 0.6), ('d', 2, 0.5)) v(fam, k, p)
WINDOW w AS (PARTITION BY fam ORDER BY k) ORDER BY fam, k;
-- 400 p-values in 7 families against Holm and BH in plain SQL
-- (row_number over the sorted p-values, then a running max / min)
CREATE TABLE an_p AS
SELECT i % 7 AS fam, i, CASE WHEN i % 11 = 0 THEN NULL
							 ELSE ((i * 7919) % 10007) / 10007.0 * (CASE WHEN i % 5 = 0 THEN 0.01 ELSE 1 END) END::float8 AS p
FROM generate_series(1, 400) i;
WITH ranked AS (
	SELECT fam, i, p, row_number() OVER (PARTITION BY fam ORDER BY p, i) AS r,
		   count(p) OVER (PARTITION BY fam) AS m
	FROM an_p WHERE p IS NOT NULL
), plain AS (
	SELECT fam, i,
		   max(least(1, (m - r + 1) * p)) OVER (PARTITION BY fam ORDER BY r) AS holm,
		   min(least(1, m::float8 / r * p)) OVER (PARTITION BY fam ORDER BY r DESC) AS bh
	FROM ranked
)
SELECT count(*) AS compared,
	   count(*) FILTER (WHERE abs(x.holm - plain.holm) <= 1e-15 AND abs(x.bh - plain.bh) <= 1e-15) AS agree,
	   count(*) FILTER (WHERE x.p IS NULL AND x.holm IS NULL AND x.bh IS NULL) AS null_kept_null
FROM (SELECT fam, i, p, p_adjust_holm(p) OVER (PARTITION BY fam) AS holm,
			 p_adjust_bh(p) OVER (PARTITION BY fam ORDER BY i DESC) AS bh FROM an_p) x
LEFT JOIN plain USING (fam, i);
-- errors
SELECT p_adjust_holm(p) OVER () FROM (VALUES (0.5), (1.5)) v(p);
SELECT p_adjust_bh(p) OVER () FROM (VALUES (-0.1)) v(p);
SELECT p_adjust_bh(p) OVER () FROM (VALUES ('NaN'::float8)) v(p);
SELECT p_adjust_holm(0.5);

-- ---- margins and sample sizes ---------------------------------------
-- hand-worked (MeasuringU): 50 % promoters, 20 % detractors, +/-5 points:
-- s^2 = 0.5 + 0.2 - 0.3^2 = 0.61; 1.959963984540054^2 * 0.61 / 0.05^2 - 3
-- = 3.8414588207 * 244 - 3 = 934.32 -> 935
SELECT nps_sample_size(5, 0.5, 0.2) AS nps_5_points,
	   nps_sample_size(5, 0.5, 0.2, 0.9) AS at_90,
	   nps_sample_size(10, 0.5, 0.2) AS nps_10_points,
	   nps_sample_size(5, 1, 0) AS no_variance;
-- CSAT at 80 % satisfied, +/-5 points: z^2 (0.16 / 0.0025 - 1) = 63 z^2 =
-- 242.01 -> 243
SELECT csat_sample_size(5, 0.8) AS csat_5_points, csat_sample_size(3, 0.5, 0.99) AS csat_3_at_99;
-- from a summary's own shares: 6 promoters, 3 passives, 1 detractor:
-- s^2 = 0.7 - 0.25 = 0.45; 180 z^2 - 3 = 688.46 -> 689
SELECT nps_sample_size(5, '{"nps":[1,0,0,0,0,0,0,0,3,6,0]}'::feedback_summary) AS from_summary,
	   csat_sample_size(5, '{"csat/5":[1,0,0,2,5]}'::feedback_summary) AS csat_from_summary,
	   csat_sample_size(5, 0.875) AS same_share;
-- the NPS margin is half the adjusted-Wald interval; hand-worked for
-- 6/3/1: 100 z sqrt(85.5 / 169 / 13) = 38.6648313260...
SELECT round(nps_margin(s)::numeric, 10) AS margin,
	   abs(nps_margin(s, 0.9) - (nps_ci_upper(s, 0.9, 'adjusted_wald') - nps_ci_lower(s, 0.9, 'adjusted_wald')) / 2) < 1e-12 AS half_adjusted_wald,
	   round((100 * 1.959963984540054 * sqrt(85.5 / 169 / 13))::numeric, 10) AS by_hand
FROM (SELECT '{"nps":[1,0,0,0,0,0,0,0,3,6,0]}'::feedback_summary AS s) x;
-- CSAT margin: Agresti-Coull, 7 of 8: n~ = 8 + z^2, p~ = (7 + z^2/2) / n~;
-- never smaller than the Wilson half width
SELECT round(csat_margin(s)::numeric, 10) AS margin,
	   round((100 * z * sqrt((7 + z * z / 2) * (1 + z * z / 2) / (8 + z * z) ^ 3))::numeric, 10) AS by_hand,
	   csat_margin(s) >= (csat_ci_upper(s) - csat_ci_lower(s)) / 2 AS covers_wilson
FROM (SELECT '{"csat/5":[1,0,0,2,5]}'::feedback_summary AS s, 1.959963984540054::float8 AS z) x;
-- planning closes the loop: at the planned size and shares the margin is
-- 5 points, up to the pseudo-observations moving the shares a little
SELECT round(nps_margin(feedback_agg(f))::numeric, 4) AS margin_at_935
FROM (SELECT 'nps:10'::feedback AS f FROM generate_series(1, 468)
	  UNION ALL SELECT 'nps:8' FROM generate_series(1, 280)
	  UNION ALL SELECT 'nps:2' FROM generate_series(1, 187)) x;	-- 935 at 50/30/20 %
SELECT nps_margin('{"csat/5":[0,0,0,0,1]}') IS NULL AS no_nps, csat_margin('{}') IS NULL AS empty;
-- errors
SELECT nps_sample_size(0, 0.5, 0.2);
SELECT nps_sample_size(5, 0.7, 0.4);
SELECT csat_sample_size(5, 1.5);
SELECT nps_sample_size(5, 0.5, 0.2, 1);
SELECT nps_margin('{"nps":[1,0,0,0,0,0,0,0,3,6,0]}', 0);
SELECT nps_sample_size(1e-200, 0.5, 0.2);

-- ---- response rates -------------------------------------------------
-- 30 of 120 = 25 %; Wilson by hand: (p + z^2/240 +/- z sqrt(p q / 120 +
-- z^2 / 57600)) / (1 + z^2/120)
SELECT response_rate(30, 120) AS rate,
	   round(response_rate_ci_lower(30, 120)::numeric, 10) AS lower,
	   round(response_rate_ci_upper(30, 120)::numeric, 10) AS upper,
	   round((100 * (0.25 + z * z / 240 - z * sqrt(0.1875 / 120 + z * z / 57600)) / (1 + z * z / 120))::numeric, 10) AS lower_by_hand
FROM (SELECT 1.959963984540054::float8 AS z) x;
-- a summary counts every response of every metric: 10 + 2 of 50
SELECT response_rate(s, 50) AS of_summary, responses(s)
FROM (SELECT '{"nps":[1,0,0,0,0,0,0,0,3,6,0],"csat/5":[0,0,0,0,2]}'::feedback_summary AS s) x;
SELECT response_rate(0, 0) IS NULL AS none_invited, response_rate(0, 10) AS none_answered,
	   response_rate_ci_lower(0, 10) AS lower_at_0, response_rate_ci_upper(10, 10) AS upper_at_all,
	   response_rate_ci_lower(0, 0) IS NULL AS ci_none_invited;
SELECT response_rate(11, 10);
SELECT response_rate(1, -1);
SELECT response_rate_ci_upper(5, 10, 1.5);

-- ---- jsonb ----------------------------------------------------------
SELECT jsonb_pretty(summary_jsonb('{"nps":[1,0,0,0,0,0,0,2,1,3,3],"csat/5":[1,0,0,2,5],"ces/7":[0,0,0,1,0,2,3]}'));
SELECT '{}'::feedback_summary::jsonb AS empty;
SELECT '{"ces/5":[1,0,0,0,0],"ces/7":[0,0,0,0,0,0,1]}'::feedback_summary::jsonb -> 'ces' AS mixed_ces;
SELECT '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,0,2],"weights":[0,0,0,0,0,0,0,0,0,0,3],"squared_weights":5}}'::feedback_summary::jsonb AS weighted;
-- a BI tool reads the headline numbers; they equal the functions
SELECT seg, (a.s::jsonb -> 'nps' ->> 'score')::float8 = nps(a.s) AS nps_ok,
	   (a.s::jsonb -> 'csat' ->> 'stderr')::float8 = csat_stderr(a.s) AS csat_se_ok,
	   (a.ws::jsonb -> 'ces' ->> 'score')::float8 = ces(a.ws) AS weighted_ces_ok,
	   (a.s::jsonb ->> 'responses')::int8 = responses(a.s) AS responses_ok,
	   (a.s::jsonb -> 'nps' -> 'counts' -> '10') = (SELECT jsonb_agg(responses ORDER BY score) FROM distribution(a.s, 'nps')) AS counts_ok
FROM an_seg a ORDER BY seg;
-- the cast is explicit, not on assignment
CREATE TEMP TABLE an_json (j jsonb);
INSERT INTO an_json SELECT s FROM an_total;
INSERT INTO an_json SELECT s::jsonb FROM an_total;
SELECT count(*) FROM an_json;

-- ---- recipe: which segments differ from the rest of the company -----
SELECT seg, round(nps(s)::numeric, 1) AS nps,
	   round(nps(total - s)::numeric, 1) AS rest,
	   round(nps_test_vs_rest(s, total)::numeric, 6) AS p,
	   round(p_adjust_holm(nps_test_vs_rest(s, total)) OVER ()::numeric, 6) AS p_holm
FROM an_seg, LATERAL (SELECT feedback_agg(s) AS total FROM an_seg) t
ORDER BY seg;

-- ---- catalog: every new function is PARALLEL SAFE and commented ------
SELECT p.oid::regprocedure AS function, p.proparallel, p.provolatile, p.proisstrict, p.prokind
FROM pg_proc p
WHERE p.proname IN ('subtract', 'csat_diff_ci_lower', 'csat_diff_ci_upper', 'ces_diff_ci_lower',
					'ces_diff_ci_upper', 'nps_test_vs_rest', 'csat_test_vs_rest', 'ces_test_vs_rest',
					'p_adjust_holm', 'p_adjust_bh', 'nps_margin', 'nps_sample_size', 'csat_margin',
					'csat_sample_size', 'response_rate', 'response_rate_ci_lower',
					'response_rate_ci_upper', 'summary_jsonb')
  AND (p.proparallel <> 's' OR obj_description(p.oid, 'pg_proc') IS NULL
	   OR (p.prokind = 'f' AND NOT p.proisstrict));
SELECT count(*) AS new_functions FROM pg_proc
WHERE proname IN ('subtract', 'csat_diff_ci_lower', 'csat_diff_ci_upper', 'ces_diff_ci_lower',
				  'ces_diff_ci_upper', 'nps_test_vs_rest', 'csat_test_vs_rest', 'ces_test_vs_rest',
				  'p_adjust_holm', 'p_adjust_bh', 'nps_margin', 'nps_sample_size', 'csat_margin',
				  'csat_sample_size', 'response_rate', 'response_rate_ci_lower',
				  'response_rate_ci_upper', 'summary_jsonb');
SELECT obj_description(o.oid, 'pg_operator') IS NOT NULL AS minus_commented
FROM pg_operator o WHERE oprname = '-' AND oprleft = 'feedback_summary'::regtype;
