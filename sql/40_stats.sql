--
-- Statistics on feedback_summary: standard errors, confidence intervals,
-- tests.  Every number is checked against the formula written out in plain
-- SQL over the raw responses (count(*) FILTER, sum(w), stddev_samp), or,
-- where SQL has no normal or t distribution, against a constant worked out
-- by hand at 40 digits (stated in the comment next to it).  Values are shown
-- rounded to 10 decimals; "ok" columns compare to 1e-9.
--
CREATE TABLE stats_resp (grp text, fb feedback, w float8 DEFAULT 1);

INSERT INTO stats_resp (grp, fb)
SELECT g, f::feedback
FROM (VALUES
	-- a: 5 promoters, 3 passives, 2 detractors
	('a', 'nps:10'), ('a', 'nps:10'), ('a', 'nps:10'), ('a', 'nps:9'), ('a', 'nps:9'),
	('a', 'nps:8'), ('a', 'nps:7'), ('a', 'nps:8'), ('a', 'nps:0'), ('a', 'nps:6'),
	-- b: 2 promoters, 3 passives, 5 detractors
	('b', 'nps:9'), ('b', 'nps:10'), ('b', 'nps:7'), ('b', 'nps:7'), ('b', 'nps:8'),
	('b', 'nps:1'), ('b', 'nps:2'), ('b', 'nps:3'), ('b', 'nps:5'), ('b', 'nps:6'),
	('one_promoter', 'nps:10'),
	('one_passive', 'nps:7'),
	-- CES on the 7-point scale: 1, 4, 4, 7 and 6, 6, 7, 7
	('ces_a', 'ces:1/7'), ('ces_a', 'ces:4/7'), ('ces_a', 'ces:4/7'), ('ces_a', 'ces:7/7'),
	('ces_b', 'ces:6/7'), ('ces_b', 'ces:6/7'), ('ces_b', 'ces:7/7'), ('ces_b', 'ces:7/7'),
	('ces_one', 'ces:5/7'),
	('ces_flat', 'ces:5/7'), ('ces_flat', 'ces:5/7'), ('ces_flat', 'ces:5/7'),
	('ces_five', 'ces:1/5'), ('ces_five', 'ces:5/5'),
	('ces_mixed', 'ces:1/5'), ('ces_mixed', 'ces:5/7')
) v(g, f);

-- larger groups
INSERT INTO stats_resp (grp, fb)
SELECT 'all_promoters', 'nps:9'::feedback FROM generate_series(1, 100)
UNION ALL SELECT 'all_detractors', 'nps:4'::feedback FROM generate_series(1, 7)
UNION ALL SELECT 'all_passives', 'nps:8'::feedback FROM generate_series(1, 10)
-- 7 of 10 satisfied on the 5-point scale (4 and 5 are satisfied)
UNION ALL SELECT 'csat', feedback('csat', (ARRAY[5, 5, 5, 5, 4, 4, 4, 3, 3, 1])[i], 5)
	FROM generate_series(1, 10) i
-- the same plus 3 of 10 satisfied on a 10-point scale (8..10 satisfied)
UNION ALL SELECT 'csat_mixed', feedback('csat', (ARRAY[5, 5, 5, 5, 4, 4, 4, 3, 3, 1])[i], 5)
	FROM generate_series(1, 10) i
UNION ALL SELECT 'csat_mixed', feedback('csat', (ARRAY[10, 8, 8, 7, 7, 7, 7, 7, 7, 7])[i], 10)
	FROM generate_series(1, 10) i
-- 45 of 100 and 30 of 100 satisfied
UNION ALL SELECT 'csat45', feedback('csat', CASE WHEN i <= 45 THEN 5 ELSE 2 END, 5)
	FROM generate_series(1, 100) i
UNION ALL SELECT 'csat30', feedback('csat', CASE WHEN i <= 30 THEN 7 ELSE 3 END, 7)
	FROM generate_series(1, 100) i
UNION ALL SELECT 'csat_all', 'csat:5/5'::feedback FROM generate_series(1, 3)
UNION ALL SELECT 'csat_all2', 'csat:3/3'::feedback FROM generate_series(1, 8)
UNION ALL SELECT 'csat_one', 'csat:2/2'::feedback;

-- weighted: promoters of weight 1 and 2, a detractor of weight 1;
-- CES 2 (weight 1) and 5 (weight 3) on the 5-point scale
INSERT INTO stats_resp VALUES
	('w', 'nps:9', 1), ('w', 'nps:10', 2), ('w', 'nps:0', 1),
	('w', 'ces:2/5', 1), ('w', 'ces:5/5', 3),
	('w_one_ces', 'ces:2/5', 2.5),
	('w_zero', 'nps:9', 0), ('w_zero', 'ces:3/5', 4), ('w_zero', 'ces:4/5', 0);

CREATE TABLE stats_sum AS
SELECT grp,
	   CASE WHEN grp LIKE 'w%' THEN feedback_agg(fb, w) ELSE feedback_agg(fb) END AS s
FROM stats_resp GROUP BY grp;

-- plain-SQL counts and weight sums per group and metric
CREATE VIEW stats_plain AS
SELECT grp,
	   count(*) FILTER (WHERE metric(fb) = 'nps') AS nps_n,
	   sum(w) FILTER (WHERE metric(fb) = 'nps') AS nps_w,
	   sum(w * w) FILTER (WHERE metric(fb) = 'nps') AS nps_w2,
	   coalesce(sum(w) FILTER (WHERE metric(fb) = 'nps' AND score(fb) >= 9), 0) AS pro_w,
	   coalesce(sum(w) FILTER (WHERE metric(fb) = 'nps' AND score(fb) <= 6), 0) AS det_w,
	   count(*) FILTER (WHERE metric(fb) = 'csat') AS csat_n,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND category(fb) = 'satisfied') AS sat_n,
	   count(*) FILTER (WHERE metric(fb) = 'ces') AS ces_n,
	   avg(score(fb)) FILTER (WHERE metric(fb) = 'ces') AS ces_mean,
	   stddev_samp(score(fb)) FILTER (WHERE metric(fb) = 'ces') AS ces_sd
FROM stats_resp GROUP BY grp;

-- ---------------------------------------------------------------------
-- NPS standard error: 100 sqrt((p+ + p- - (p+ - p-)^2) / n)
-- a: sqrt(.61 / 10) = 24.6981780705; b: the same by symmetry;
-- all one category: 0
-- ---------------------------------------------------------------------
SELECT grp, nps_n,
	   round(nps_stderr(s)::numeric, 10) AS nps_stderr,
	   abs(nps_stderr(s) - 100 * sqrt((pro_w + det_w - ((pro_w - det_w) / nps_w) ^ 2 * nps_w) / nps_w / nps_w)) < 1e-9 AS ok
FROM stats_sum JOIN stats_plain USING (grp)
WHERE grp IN ('a', 'b', 'one_promoter', 'one_passive', 'all_promoters', 'all_detractors', 'all_passives')
ORDER BY grp;

-- ---------------------------------------------------------------------
-- NPS intervals.  z = 1.959963984540054 for 95 %.
-- Wald, a: 30 -+ z * 24.698178... = -18.4075395019 .. 78.4075395019
-- adjusted Wald, a: 5.75 / 4.5 / 2.75 of 13: 100 (3/13 -+ z sqrt((8.5/13 -
--   (3/13)^2) / 13)) = -19.0506153764 .. 65.2044615302
-- score, a (solved at 50 digits): -21.659219749 .. 67.5277887988
-- ---------------------------------------------------------------------
SELECT m AS method,
	   round(nps_ci_lower(s, 0.95, m)::numeric, 10) AS lower,
	   round(nps_ci_upper(s, 0.95, m)::numeric, 10) AS upper
FROM stats_sum, unnest(ARRAY['wald', 'adjusted_wald', 'score']) m
WHERE grp = 'a';

-- Wald against its formula in SQL, at several confidence levels
-- (z for 0.9 / 0.99: 1.6448536269514722 / 2.5758293035489004)
SELECT grp, conf,
	   abs(nps_ci_lower(s, conf) - (100 * (pro_w - det_w) / nps_w - z * nps_stderr(s))) < 1e-9
	   AND abs(nps_ci_upper(s, conf) - (100 * (pro_w - det_w) / nps_w + z * nps_stderr(s))) < 1e-9 AS ok
FROM stats_sum JOIN stats_plain USING (grp),
	 (VALUES (0.9, 1.6448536269514722), (0.95, 1.959963984540054), (0.99, 2.5758293035489004)) c(conf, z)
WHERE grp IN ('a', 'b', 'w')
ORDER BY grp, conf;

-- defaults are 0.95 and 'wald'; method names ignore case
SELECT nps_ci_lower(s) = nps_ci_lower(s, 0.95, 'wald') AS default_wald,
	   nps_ci_upper(s, 0.95) = nps_ci_upper(s, 0.95, 'WALD') AS any_case,
	   nps_ci_lower(s, 0.95, 'Score') = nps_ci_lower(s, 0.95, 'score') AS score_any_case
FROM stats_sum WHERE grp = 'a';

-- ---------------------------------------------------------------------
-- Degenerate samples.  All promoters: Wald is the point 100; the score
-- interval's lower end solves n (1 - D)^2 = z^2 (1 - D^2), i.e.
-- D = (n - z^2) / (n + z^2): n = 1 -> -58.6901371246, n = 100 ->
-- 92.6013003586.  All passives (n = 10): |D| <= z^2 / (n + z^2) =
-- 27.7532799863.  All detractors mirror the promoters.
-- ---------------------------------------------------------------------
SELECT grp, m AS method,
	   round(nps_ci_lower(s, 0.95, m)::numeric, 10) AS lower,
	   round(nps_ci_upper(s, 0.95, m)::numeric, 10) AS upper
FROM stats_sum, unnest(ARRAY['wald', 'score']) m
WHERE grp IN ('one_promoter', 'all_promoters', 'all_passives', 'all_detractors', 'one_passive')
ORDER BY grp, m;

SELECT grp,
	   abs(nps_ci_lower(s, 0.95, 'score') - 100 * (n - z * z) / (n + z * z)) < 1e-9 AS score_lower_ok
FROM stats_sum JOIN (SELECT grp, nps_n AS n FROM stats_plain) p USING (grp),
	 (VALUES (1.959963984540054)) c(z)
WHERE grp IN ('one_promoter', 'all_promoters')
ORDER BY grp;

-- ---------------------------------------------------------------------
-- Two samples, a against b: difference 60 points, var .061 + .061.
-- z = .6 / sqrt(.122) = 1.7177950029; p = erfc(z / sqrt 2) = 0.0858340133
-- interval 60 -+ 1.959963984540054 * 100 sqrt(.122) = -8.4585988846 .. 128.4585988846
-- ---------------------------------------------------------------------
SELECT round(nps_test(a.s, b.s)::numeric, 10) AS p,
	   round(nps_diff_ci_lower(a.s, b.s)::numeric, 10) AS diff_lower,
	   round(nps_diff_ci_upper(a.s, b.s)::numeric, 10) AS diff_upper,
	   round(nps_diff_ci_upper(b.s, a.s, 0.95)::numeric, 10) AS b_minus_a_upper,
	   nps_test(a.s, b.s) = nps_test(b.s, a.s) AS symmetric,
	   nps_test(a.s, a.s) AS same_sample
FROM stats_sum a, stats_sum b WHERE a.grp = 'a' AND b.grp = 'b';

SELECT abs(nps_diff_ci_upper(a.s, b.s, 0.9) - (60 + 1.6448536269514722 * 100 * sqrt(0.122))) < 1e-9 AS diff_90_ok
FROM stats_sum a, stats_sum b WHERE a.grp = 'a' AND b.grp = 'b';

-- zero standard error: all promoters against all detractors has no test
-- (NULL), and its difference interval is the point 200
SELECT nps_test(p.s, d.s) AS p, nps_diff_ci_lower(p.s, d.s) AS lower, nps_diff_ci_upper(p.s, d.s) AS upper
FROM stats_sum p, stats_sum d WHERE p.grp = 'all_promoters' AND d.grp = 'all_detractors';

-- ---------------------------------------------------------------------
-- Weighted NPS: W = 4, sum w^2 = 6, n_eff = 16/6; p+ = .75, p- = .25,
-- stderr = 100 sqrt(.75 / (16/6)) = 53.0330085889
-- ---------------------------------------------------------------------
SELECT round(nps_stderr(s)::numeric, 10) AS nps_stderr,
	   abs(nps_stderr(s) - 100 * sqrt(((pro_w + det_w) / nps_w - ((pro_w - det_w) / nps_w) ^ 2)
									 / (nps_w ^ 2 / nps_w2))) < 1e-9 AS kish_ok,
	   round(((nps_ci_lower(s) + nps_ci_upper(s)) / 2)::numeric, 10) AS wald_centre
FROM stats_sum JOIN stats_plain USING (grp) WHERE grp = 'w';

-- ---------------------------------------------------------------------
-- CSAT.  7 of 10: stderr 100 sqrt(.21 / 10) = 14.4913767462;
-- Wilson 39.6778147461 .. 89.2208732594; Wald 41.5974234911 .. 98.4025765089
-- Pooled scales (csat_mixed): 10 of 20 satisfied, stderr 11.1803398875
-- ---------------------------------------------------------------------
SELECT grp, csat_n, sat_n,
	   round(csat_stderr(s)::numeric, 10) AS stderr,
	   round(csat_ci_lower(s)::numeric, 10) AS wilson_lower,
	   round(csat_ci_upper(s)::numeric, 10) AS wilson_upper,
	   round(csat_ci_lower(s, 0.95, 'wald')::numeric, 10) AS wald_lower,
	   round(csat_ci_upper(s, 0.95, 'wald')::numeric, 10) AS wald_upper
FROM stats_sum JOIN stats_plain USING (grp)
WHERE grp IN ('csat', 'csat_mixed', 'csat_one', 'csat_all')
ORDER BY grp;

-- Wilson against its formula in SQL
SELECT grp, conf,
	   abs(csat_ci_upper(s, conf) -
		   100 * ((p + z * z / (2 * n)) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)) < 1e-9
	   AND abs(csat_ci_lower(s, conf, 'wilson') -
		   100 * ((p + z * z / (2 * n)) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)) < 1e-9 AS ok
FROM stats_sum
	 JOIN (SELECT grp, csat_n::float8 AS n, sat_n::float8 / csat_n AS p FROM stats_plain WHERE csat_n > 0) q USING (grp),
	 (VALUES (0.9, 1.6448536269514722), (0.95, 1.959963984540054), (0.99, 2.5758293035489004)) c(conf, z)
ORDER BY grp, conf;

-- test: 45/100 against 30/100, pooled .375:
-- z = .15 / sqrt(.375 * .625 * .02) = 2.1908902300, p = 0.0284597369
SELECT round(csat_test(a.s, b.s)::numeric, 10) AS p,
	   csat_test(a.s, b.s) = csat_test(b.s, a.s) AS symmetric
FROM stats_sum a, stats_sum b WHERE a.grp = 'csat45' AND b.grp = 'csat30';

-- everybody satisfied in both samples: pooled share 1, no test
SELECT csat_test(a.s, b.s) AS p
FROM stats_sum a, stats_sum b WHERE a.grp = 'csat_all' AND b.grp = 'csat_all2';

-- ---------------------------------------------------------------------
-- CES.  1, 4, 4, 7: mean 4, s^2 = 6, stderr sqrt(1.5) = 1.2247448714;
-- interval 4 -+ t(.975, 3) sqrt(1.5), t(.975, 3) = 3.18244630528371:
-- 0.1023152091 .. 7.8976847909.  Standard errors against stddev_samp.
-- ---------------------------------------------------------------------
SELECT grp, ces_n,
	   round(ces_stderr(s)::numeric, 10) AS stderr,
	   abs(ces_stderr(s) - ces_sd / sqrt(ces_n)) < 1e-9 AS stddev_samp_ok,
	   round(ces_ci_lower(s)::numeric, 10) AS lower,
	   round(ces_ci_upper(s, 0.95)::numeric, 10) AS upper
FROM stats_sum JOIN stats_plain USING (grp)
WHERE grp IN ('ces_a', 'ces_b', 'ces_flat', 'ces_five')
ORDER BY grp;

SELECT abs(ces_ci_upper(s) - (ces_mean + 3.18244630528371 * ces_sd / sqrt(ces_n))) < 1e-9 AS t3_ok,
	   -- t(.95, 3) = 2.35336343480183, from the same 40-digit computation
	   abs(ces_ci_lower(s, 0.9) - (ces_mean - 2.35336343480183 * ces_sd / sqrt(ces_n))) < 1e-9 AS t3_90_ok
FROM stats_sum JOIN stats_plain USING (grp) WHERE grp = 'ces_a';

-- Welch, ces_a against ces_b: t = -2.5 / sqrt(1.5 + 1/12) = -1.9867985356,
-- df = 1083/325 = 3.3323076923, p = 0.1319290957
SELECT round(ces_test(a.s, b.s)::numeric, 10) AS p,
	   ces_test(a.s, b.s) = ces_test(b.s, a.s) AS symmetric
FROM stats_sum a, stats_sum b WHERE a.grp = 'ces_a' AND b.grp = 'ces_b';

-- one constant sample: Welch's df becomes the other's n - 1 = 3,
-- t = 1 / sqrt(1.5), p = 0.4740213885; two constant samples: NULL
SELECT round(ces_test(f.s, a.s)::numeric, 10) AS p_flat_vs_a,
	   ces_test(f.s, f.s) AS p_flat_vs_flat
FROM stats_sum f, stats_sum a WHERE f.grp = 'ces_flat' AND a.grp = 'ces_a';

-- weighted CES: W = 4, mean 4.25, sum w (x - mean)^2 = 6.75, n_eff = 1.6,
-- s^2 = 6.75 / 4 * 1.6 / 0.6 = 4.5, stderr sqrt(4.5 / 1.6) = 1.6770509831
SELECT round(ces_stderr(s)::numeric, 10) AS stderr,
	   ces_ci_lower(s) < 4.25 AND ces_ci_upper(s) > 4.25 AS interval_around_mean
FROM stats_sum WHERE grp = 'w';

-- ---------------------------------------------------------------------
-- NULL: no response of the metric, too few for a variance, zero weight,
-- NULL arguments (the functions are strict)
-- ---------------------------------------------------------------------
SELECT nps_stderr('{}') IS NULL AS empty_stderr,
	   nps_ci_lower('{}', 0.95, 'score') IS NULL AS empty_ci,
	   nps_stderr(c.s) IS NULL AND nps_test(c.s, a.s) IS NULL AS no_nps,
	   csat_ci_upper(a.s) IS NULL AND csat_stderr(a.s) IS NULL AND csat_test(c.s, a.s) IS NULL AS no_csat,
	   ces_stderr(a.s) IS NULL AND ces_ci_lower(a.s) IS NULL AND ces_test(a.s, a.s) IS NULL AS no_ces
FROM stats_sum c, stats_sum a WHERE c.grp = 'csat' AND a.grp = 'a';

SELECT ces_stderr(s) IS NULL AS one_ces_stderr,
	   ces_ci_lower(s) IS NULL AS one_ces_ci,
	   ces_test(s, s) IS NULL AS one_ces_test
FROM stats_sum WHERE grp = 'ces_one';

SELECT ces_stderr(s) IS NULL AS weighted_one_ces,
	   nps_test(s, s) IS NULL AS weighted_nps_all_one_category
FROM stats_sum WHERE grp = 'w_one_ces';

-- weights of zero: the NPS response has no weight at all (NULL), the CES
-- responses have n_eff = 1 (NULL)
SELECT nps_stderr(s) AS nps_stderr, ces_stderr(s) AS ces_stderr
FROM stats_sum WHERE grp = 'w_zero';

-- n = 1 for proportions: the plug-in variance is 0, so Wald is a point
SELECT nps_stderr(s) AS stderr, nps_ci_lower(s) AS wald_lower, nps_ci_upper(s) AS wald_upper
FROM stats_sum WHERE grp = 'one_passive';

SELECT nps_stderr(NULL) IS NULL AS a, nps_ci_lower(NULL) IS NULL AS b,
	   nps_ci_lower('{}', NULL) IS NULL AS c, nps_ci_lower('{}', 0.95, NULL) IS NULL AS d,
	   nps_test(NULL, '{}') IS NULL AS e, ces_test('{}', NULL) IS NULL AS f,
	   csat_ci_upper('{}', NULL, 'wald') IS NULL AS g, nps_diff_ci_lower('{}', '{}', NULL) IS NULL AS h;

-- ---------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------
SELECT nps_ci_lower(s, 1.5) FROM stats_sum WHERE grp = 'a';
SELECT nps_ci_lower(s, 0.95, 'wilson') FROM stats_sum WHERE grp = 'a';
SELECT csat_ci_upper(s, 0.95, 'score') FROM stats_sum WHERE grp = 'csat';
SELECT ces_stderr(s) FROM stats_sum WHERE grp = 'ces_mixed';
SELECT ces_test(a.s, b.s) FROM stats_sum a, stats_sum b WHERE a.grp = 'ces_a' AND b.grp = 'ces_five';

-- every error with its SQLSTATE; argument errors do not depend on the data
CREATE FUNCTION pg_temp.sqlstate_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END $$;

SELECT q, pg_temp.sqlstate_of(q) AS outcome
FROM unnest(ARRAY[
	$q$SELECT nps_ci_lower('{}', 0)$q$,
	$q$SELECT nps_ci_upper('{}', 1)$q$,
	$q$SELECT nps_ci_upper('{}', -0.5)$q$,
	$q$SELECT nps_ci_upper('{}', 95)$q$,
	$q$SELECT nps_ci_upper('{}', 'NaN')$q$,
	$q$SELECT nps_ci_upper('{}', 'Infinity')$q$,
	$q$SELECT nps_ci_lower('{}', 0.95, 'wilson')$q$,
	$q$SELECT nps_ci_lower('{}', 0.95, '')$q$,
	$q$SELECT nps_diff_ci_lower('{}', '{}', 1)$q$,
	$q$SELECT nps_diff_ci_upper('{}', '{}', 0)$q$,
	$q$SELECT csat_ci_lower('{}', 0.95, 'adjusted_wald')$q$,
	$q$SELECT csat_ci_upper('{}', 2)$q$,
	$q$SELECT ces_ci_lower('{}', 1)$q$,
	$q$SELECT ces_ci_upper('{}', 0)$q$,
	$q$SELECT ces_stderr('{"ces/5":[1,0,0,0,1],"ces/7":[0,0,0,0,0,0,1]}')$q$,
	$q$SELECT ces_ci_lower('{"ces/5":[1,0,0,0,1],"ces/7":[0,0,0,0,0,0,1]}')$q$,
	$q$SELECT ces_test('{"ces/5":[1,0,0,0,1],"ces/7":[0,0,0,0,0,0,1]}', '{}')$q$,
	$q$SELECT ces_test('{"ces/5":[1,0,0,0,1]}', '{"ces/7":[1,0,0,0,0,0,1]}')$q$,
	$q$SELECT nps_ci_lower('{"nps":[1,0,0,0,0,0,0,0,0,0,1]}', 0.999999)$q$
]) q;

-- ---------------------------------------------------------------------
-- Large n from the text form: 10^12 responses, 50 % / 30 % / 20 %;
-- stderr 100 sqrt(.61 / 1e12) = 7.81024968e-05; score and Wald agree
-- ---------------------------------------------------------------------
SELECT round((nps_stderr(s) * 1e5)::numeric, 8) AS stderr_times_1e5,
	   abs(nps_ci_lower(s, 0.95, 'score') - nps_ci_lower(s)) < 1e-6 AS score_near_wald
FROM (SELECT '{"nps":[200000000000,0,0,0,0,0,0,0,300000000000,0,500000000000]}'::feedback_summary AS s) x;

-- ---------------------------------------------------------------------
-- The README's worked example: NPS by month with its 95 % interval and a
-- flag for a significant change from the previous month.
-- ---------------------------------------------------------------------
CREATE TABLE stats_survey (answered_at timestamptz, response feedback);
INSERT INTO stats_survey
SELECT timestamptz '2024-01-01' + (m - 1) * interval '1 month' + (i % 28) * interval '1 day',
	   feedback('nps', CASE WHEN i % 10 < pro THEN 10 WHEN i % 10 < pro + pas THEN 8 ELSE 3 END)
FROM (VALUES (1, 4, 3, 400), (2, 5, 2, 420), (3, 7, 1, 380), (4, 7, 1, 60)) AS plan(m, pro, pas, n),
	 generate_series(1, n) i;

WITH monthly AS (
	SELECT date_trunc('month', answered_at) AS month,
		   feedback_agg(response) AS s
	FROM stats_survey
	GROUP BY 1
)
SELECT to_char(month, 'YYYY-MM') AS month,
	   responses(s, 'nps') AS n,
	   round(nps(s)::numeric, 1) AS nps,
	   round(nps_ci_lower(s, 0.95, 'score')::numeric, 1) AS ci_low,
	   round(nps_ci_upper(s, 0.95, 'score')::numeric, 1) AS ci_high,
	   round((nps(s) - lag(nps(s)) OVER w)::numeric, 1) AS change,
	   nps_test(lag(s) OVER w, s) < 0.05 AS significant_change
FROM monthly
WINDOW w AS (ORDER BY month)
ORDER BY month;

-- The flags by hand.  Shares (promoters, detractors): month 1 .4/.3
-- (NPS 10, v = .69), month 2 .5/.3 (NPS 20, v = .76), month 3 .7/.2
-- (NPS 50, v = .65), month 4 as month 3 with n = 60.
-- 2 vs 1: z = .1 / sqrt(.69/400 + .76/420) = 1.6820, p = 0.0926: no.
-- 3 vs 2: z = .3 / sqrt(.76/420 + .65/380) = 5.0565: yes.
-- 4 vs 3: change 0, p = 1: no.
SELECT round(nps_test(a, b)::numeric, 4) AS p_2_vs_1
FROM (SELECT feedback_agg(response) FILTER (WHERE answered_at < '2024-02-01') AS a,
			 feedback_agg(response) FILTER (WHERE answered_at >= '2024-02-01' AND answered_at < '2024-03-01') AS b
	  FROM stats_survey) x;

DROP TABLE stats_survey;
DROP VIEW stats_plain;
DROP TABLE stats_sum;
DROP TABLE stats_resp;

-- a hand-typed weighted summary whose squared-weight sum is impossibly small
-- (Kish n_eff would be about 1e300): n_eff is capped at the 4 responses, so
-- it gets the same error bars as 4 unit weights.  By hand: p+ = 3/4,
-- p- = 1/4, var = (1 - 0.5^2) / 4 = 0.1875, stderr = 100 * sqrt(0.1875) = 43.30
SELECT round(nps_stderr(s)::numeric, 6) AS stderr_capped,
	   round(nps_stderr(t)::numeric, 6) AS stderr_unit_weights,
	   nps_ci_lower(s) = nps_ci_lower(t) AND nps_ci_upper(s) = nps_ci_upper(t) AS same_interval
FROM (SELECT '{"nps":{"counts":[1,0,0,0,0,0,0,0,0,2,1],"weights":[1,0,0,0,0,0,0,0,0,2,1],"squared_weights":1e-300}}'::feedback_summary AS s,
			 '{"nps":{"counts":[1,0,0,0,0,0,0,0,0,2,1],"weights":[1,0,0,0,0,0,0,0,0,2,1],"squared_weights":4}}'::feedback_summary AS t) q;
