--
-- Paired change: change_agg(before, after) over one row per customer, the
-- feedback_change state, category moves and the paired t statistics.
-- Hand-worked cases (the t statistic computed in the comments), checks
-- against plain SQL over the per-customer differences, parallel and
-- partitionwise plans (the combine function), window frames (the inverse),
-- text and binary round trips, and every error with its SQLSTATE.
-- error_of(query) comes from 01_feedback.
--

-- A. Four NPS customers, surveyed before and after a follow-up:
--   0 -> 10  detractor -> promoter   d = +2
--   8 -> 9   passive   -> promoter   d = +1
--   9 -> 9   promoter  -> promoter   d =  0
--  10 -> 3   promoter  -> detractor  d = -2
-- NPS before (2 promoters, 1 passive, 1 detractor) = 25; after (3, 0, 1) = 50:
-- change +25 = 100 * mean(d) = 100 * 1/4.
-- Deviations from 0.25: 1.75, 0.75, -0.25, -2.25; squares 3.0625 + 0.5625
-- + 0.0625 + 5.0625 = 8.75; s^2 = 8.75 / 3 = 2.91667, s = 1.70783;
-- standard error s / sqrt(4) = 0.853913; t = 0.25 / 0.853913 = 0.292770 on
-- 3 df.  With 3 df, P(|T| <= t) = (2/pi)(theta + sin(theta) cos(theta)),
-- theta = atan(t / sqrt(3)) (A&S 26.7.3), so p = 0.788780; the 95 % interval
-- is 25 +/- 100 * 3.1824463052837096 (t(0.975, 3), the root of that
-- closed form) * 0.853913
-- = [-246.753, 296.753].
CREATE TABLE survey_a (customer int, before feedback, after feedback);
INSERT INTO survey_a VALUES (1, 'nps:0', 'nps:10'), (2, 'nps:8', 'nps:9'),
	(3, 'nps:9', 'nps:9'), (4, 'nps:10', 'nps:3');
SELECT change_agg(before, after) FROM survey_a;
SELECT pairs(c), moved_up(c), moved_down(c), unchanged(c), nps_change(c),
	   (SELECT nps_agg(after) - nps_agg(before) FROM survey_a) AS nps_after_minus_before
FROM (SELECT change_agg(before, after) AS c FROM survey_a) s;
WITH s AS (SELECT change_agg(before, after) AS c FROM survey_a),
	 h AS (SELECT 0.25 / sqrt(8.75 / 3 / 4) AS t, sqrt(8.75 / 3 / 4) AS se)
SELECT round(nps_change_test(c)::numeric, 12) AS p,
	   round((1 - (2 / pi()) * (atan(t / sqrt(3)) + sin(atan(t / sqrt(3))) * cos(atan(t / sqrt(3)))))::numeric, 12)
		   AS p_by_hand,
	   round(nps_change_ci_lower(c)::numeric, 10) AS lower,
	   round((100 * (0.25 - 3.1824463052837096 * se))::numeric, 10) AS lower_by_hand,
	   round(nps_change_ci_upper(c)::numeric, 10) AS upper,
	   round((100 * (0.25 + 3.1824463052837096 * se))::numeric, 10) AS upper_by_hand
FROM s, h;
-- 90 %: t(0.95, 3) = 2.353363434801823
SELECT round(nps_change_ci_lower(c, 0.9)::numeric, 10) AS lower90,
	   round((100 * (0.25 - 2.353363434801823 * sqrt(8.75 / 12)))::numeric, 10) AS by_hand
FROM (SELECT change_agg(before, after) AS c FROM survey_a) s;

-- B. Five CSAT customers (5-point scale: 4 and 5 satisfied):
--   2 -> 5 (d = +1), 3 -> 4 (+1), 4 -> 5 (0), 5 -> 1 (-1), 1 -> 2 (0)
-- CSAT before 2/5 = 40 %, after 3/5 = 60 %: change +20 = 100 * mean(d).
-- Deviations from 0.2: 0.8, 0.8, -0.2, -1.2, -0.2; squares sum 2.8;
-- s^2 = 0.7; standard error sqrt(0.7 / 5) = 0.374166; t = 0.534522 on 4 df.
-- With 4 df, P(|T| <= t) = sin(theta) (1 + cos(theta)^2 / 2),
-- theta = atan(t / 2) (A&S 26.7.4): p = 0.621308.  95 %: t(0.975, 4) =
-- 2.776445105197793, interval 20 +/- 100 * 2.776445 * 0.374166 = [-83.885, 123.885].
CREATE TABLE survey_b (customer int, before feedback, after feedback);
INSERT INTO survey_b VALUES (1, 'csat:2', 'csat:5'), (2, 'csat:3', 'csat:4'),
	(3, 'csat:4', 'csat:5'), (4, 'csat:5', 'csat:1'), (5, 'csat:1', 'csat:2');
SELECT change_agg(before, after) FROM survey_b;
WITH s AS (SELECT change_agg(before, after) AS c FROM survey_b),
	 h AS (SELECT 0.2 / sqrt(0.7 / 5) AS t, sqrt(0.7 / 5) AS se)
SELECT pairs(c), moved_up(c), moved_down(c), unchanged(c),
	   round(csat_change(c)::numeric, 12) AS change,
	   round(csat_change_test(c)::numeric, 12) AS p,
	   round((1 - sin(atan(t / 2)) * (1 + cos(atan(t / 2)) ^ 2 / 2))::numeric, 12) AS p_by_hand,
	   round(csat_change_ci_lower(c)::numeric, 10) AS lower,
	   round((100 * (0.2 - 2.776445105197793 * se))::numeric, 10) AS lower_by_hand,
	   round(csat_change_ci_upper(c)::numeric, 10) AS upper,
	   round((100 * (0.2 + 2.776445105197793 * se))::numeric, 10) AS upper_by_hand
FROM s, h;

-- C. Edge cases.
-- A pair with a NULL side is not counted; no pair at all is the empty state
-- (pairs 0, every statistic NULL).
SELECT pairs(change_agg(b, a)), nps_change(change_agg(b, a))
FROM (VALUES ('nps:0'::feedback, NULL::feedback), (NULL, 'nps:9'), ('nps:3', 'nps:10')) t(b, a);
SELECT change_agg(b, a) AS state, pairs(change_agg(b, a)), nps_change(change_agg(b, a)),
	   nps_change_ci_lower(change_agg(b, a)), nps_change_test(change_agg(b, a)),
	   csat_change(change_agg(b, a))
FROM (VALUES (NULL::feedback, NULL::feedback)) t(b, a);
SELECT pairs(change_agg(b, a)) FROM (SELECT 'nps:1'::feedback, 'nps:2'::feedback WHERE false) t(b, a);
-- one pair: a change (+200: detractor to promoter), no interval, no test
SELECT nps_change(c), nps_change_ci_lower(c), nps_change_ci_upper(c), nps_change_test(c)
FROM (SELECT change_agg('nps:2', 'nps:10') AS c) s;
-- everybody moved alike: s = 0, the interval is one point, no t test
SELECT nps_change(c), nps_change_ci_lower(c), nps_change_ci_upper(c), nps_change_test(c)
FROM (SELECT change_agg(b, a) AS c
	  FROM (VALUES ('nps:7'::feedback, 'nps:9'::feedback), ('nps:8', 'nps:10')) t(b, a)) s;
-- nobody moved (categories unchanged even where scores changed): p = 1
SELECT nps_change(c), nps_change_ci_lower(c), nps_change_ci_upper(c), nps_change_test(c)
FROM (SELECT change_agg(b, a) AS c
	  FROM (VALUES ('nps:0'::feedback, 'nps:6'::feedback), ('nps:9', 'nps:10'), ('nps:7', 'nps:7')) t(b, a)) s;
-- CSAT: dissatisfied -> neutral is a move up but no CSAT change (codes 0 and 0)
SELECT moved_up(c), moved_down(c), csat_change(c), csat_change_test(c)
FROM (SELECT change_agg(b, a) AS c
	  FROM (VALUES ('csat:1'::feedback, 'csat:3'::feedback), ('csat:3', 'csat:2')) t(b, a)) s;
-- each response is categorized on its own scale: 3/5 neutral -> 6/7 satisfied,
-- good -> bad, 10/10 satisfied -> 4/5 satisfied
SELECT change_agg(b, a), csat_change(change_agg(b, a))
FROM (VALUES ('csat:3/5'::feedback, 'csat:6/7'::feedback), ('csat:good', 'csat:bad'),
			 ('csat:10/10', 'csat:4/5')) t(b, a);
-- CES pairs are counted (moves mean something: difficult -> easy is up),
-- across CES scales too
SELECT change_agg(b, a), moved_up(change_agg(b, a)), moved_down(change_agg(b, a))
FROM (VALUES ('ces:2/7'::feedback, 'ces:6/7'::feedback), ('ces:4/5', 'ces:1/5'),
			 ('ces:3/5', 'ces:4/7')) t(b, a);

-- D. Against plain SQL on 40 groups of 31 customers each (df = 30).  The
-- reference: d per customer from category(feedback) (a different code path
-- from the state's), the change as 100 * avg(d), the interval's half width
-- divided by 100 * stddev_samp(d) / sqrt(31) must be t(0.975, 30) =
-- 2.042272456301238 (t table), and the p-value is A&S 26.7.4 for even
-- df = 30:  p = 1 - sin(theta) * sum_{k=0..14} b_k cos(theta)^(2k),
-- b_0 = 1, b_k = b_{k-1} (2k - 1) / (2k), theta = atan(|t| / sqrt(30)).
CREATE TABLE resurvey AS
SELECT g, c, b, a
FROM generate_series(1, 40) g, generate_series(1, 31) c,
	 LATERAL (SELECT abs(hashint4(g * 1000 + c)) AS h) hh,
	 LATERAL (SELECT feedback(m, sb, sc) AS b, feedback(m, sa, sc) AS a
			  FROM (SELECT CASE WHEN g % 2 = 0 THEN 'nps' ELSE 'csat' END AS m,
						   CASE WHEN g % 2 = 0 THEN 10 ELSE 5 END AS sc) mm,
				   LATERAL (SELECT CASE WHEN m = 'nps' THEN h % 11 ELSE 1 + h % 5 END AS sb) x,
				   LATERAL (SELECT least(CASE WHEN m = 'nps' THEN 10 ELSE 5 END,
										 greatest(CASE WHEN m = 'nps' THEN 0 ELSE 1 END,
												  sb + (h / 11) % 5 - 2 + (g % 5) / 3)) AS sa) y) f;
CREATE FUNCTION code_of(fb feedback) RETURNS int LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE category(fb) WHEN 'promoter' THEN 1 WHEN 'detractor' THEN -1
						   WHEN 'satisfied' THEN 1 ELSE 0 END
$$;
CREATE TABLE bk AS
WITH RECURSIVE r(k, b) AS (SELECT 0, 1::float8 UNION ALL SELECT k + 1, b * (2 * k + 1) / (2 * k + 2) FROM r WHERE k < 14)
SELECT * FROM r;
WITH per AS (
	SELECT g, metric(b) AS m, change_agg(b, a) AS c,
		   avg(code_of(a) - code_of(b)) AS mean_d, stddev_samp(code_of(a) - code_of(b)) AS sd_d,
		   count(*) AS n
	FROM resurvey GROUP BY g, metric(b)
), got AS (
	SELECT g, m, n, mean_d, sd_d,
		   CASE m WHEN 'nps' THEN nps_change(c) ELSE csat_change(c) END AS change,
		   CASE m WHEN 'nps' THEN nps_change_ci_lower(c) ELSE csat_change_ci_lower(c) END AS lo,
		   CASE m WHEN 'nps' THEN nps_change_ci_upper(c) ELSE csat_change_ci_upper(c) END AS hi,
		   CASE m WHEN 'nps' THEN nps_change_test(c) ELSE csat_change_test(c) END AS p,
		   atan(abs(mean_d / (sd_d / sqrt(31)))::float8 / sqrt(30)) AS theta
	FROM per
), ref AS (
	SELECT g, 1 - sin(theta) * (SELECT sum(b * cos(theta) ^ (2 * k)) FROM bk) AS p_ref
	FROM got
)
SELECT count(*) AS groups, sum(n) AS customers,
	   count(*) FILTER (WHERE m = 'nps') AS nps_groups,
	   count(*) FILTER (WHERE abs(change - 100 * mean_d) > 1e-9) AS change_bad,
	   count(*) FILTER (WHERE abs((lo + hi) / 2 - change) > 1e-9) AS centre_bad,
	   count(*) FILTER (WHERE abs((hi - lo) / 2 / (100 * sd_d / sqrt(31)) - 2.042272456301238) > 1e-9) AS t_quantile_bad,
	   count(*) FILTER (WHERE abs(p - p_ref) > 1e-9 * greatest(p_ref, 1e-6)) AS p_bad,
	   round(min(p)::numeric, 6) AS smallest_p, round(max(p)::numeric, 6) AS largest_p
FROM got JOIN ref USING (g);
-- moves against plain SQL: the rank of each category, best first
CREATE FUNCTION rank_of(fb feedback) RETURNS int LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN category(fb) IN ('promoter', 'satisfied', 'easy') THEN 2
				WHEN category(fb) IN ('passive', 'neutral') THEN 1 ELSE 0 END
$$;
SELECT count(*) FILTER (WHERE moved_up(c) <> up OR moved_down(c) <> down OR unchanged(c) <> same) AS moves_bad,
	   sum(up) AS up, sum(down) AS down, sum(same) AS same
FROM (SELECT g, change_agg(b, a) AS c,
			 count(*) FILTER (WHERE rank_of(a) > rank_of(b)) AS up,
			 count(*) FILTER (WHERE rank_of(a) < rank_of(b)) AS down,
			 count(*) FILTER (WHERE rank_of(a) = rank_of(b)) AS same
	  FROM resurvey GROUP BY g) s;

-- E. Parallel plans: partial states combined under Gather equal the serial ones.
-- plan_has(query, pattern): does the plan of query mention pattern?  (The
-- plans' exact shape varies between majors; the partial step must be there.)
CREATE FUNCTION plan_has(query text, pattern text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
		IF line LIKE '%' || pattern || '%' THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END $$;
CREATE TABLE big_resurvey AS
SELECT i, i % 50 AS grp,
	   CASE WHEN i % 97 = 0 THEN NULL ELSE feedback('nps', ((i::bigint * 7919) % 11)::int) END AS b,
	   feedback('nps', ((i::bigint * 104729 + i / 3) % 11)::int) AS a
FROM generate_series(1, 60000) i;
ANALYZE big_resurvey;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_change AS
SELECT grp, change_agg(b, a)::text AS c FROM big_resurvey GROUP BY grp;
CREATE TEMP TABLE serial_total AS SELECT change_agg(b, a)::text AS c FROM big_resurvey;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT plan_has('SELECT change_agg(b, a) FROM big_resurvey', 'Partial Aggregate') AS partial,
	   plan_has('SELECT change_agg(b, a) FROM big_resurvey', 'Gather') AS gathered;
SELECT (SELECT c FROM serial_total) = change_agg(b, a)::text AS parallel_equals_serial,
	   pairs(change_agg(b, a)) AS pairs, count(*) FILTER (WHERE b IS NOT NULL) AS non_null_pairs
FROM big_resurvey;
SELECT plan_has('SELECT grp, change_agg(b, a) FROM big_resurvey GROUP BY grp', 'Partial') AS partial,
	   plan_has('SELECT grp, change_agg(b, a) FROM big_resurvey GROUP BY grp', 'Gather') AS gathered;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.c IS DISTINCT FROM p.c) AS mismatches
FROM serial_change s FULL JOIN (SELECT grp, change_agg(b, a)::text AS c FROM big_resurvey GROUP BY grp) p USING (grp);
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;

-- F. The combine function: partitionwise aggregation (one partial state per
-- partition, combined by the Finalize step) and direct calls on the states of
-- two halves; and the aggregate over a UNION ALL of parts, and ROLLUP totals,
-- equal to the aggregate over the whole.
CREATE TABLE part_resurvey (i int, grp int, region text, b feedback, a feedback) PARTITION BY LIST (region);
CREATE TABLE part_north PARTITION OF part_resurvey FOR VALUES IN ('north');
CREATE TABLE part_south PARTITION OF part_resurvey FOR VALUES IN ('south');
CREATE TABLE part_east PARTITION OF part_resurvey FOR VALUES IN ('east');
INSERT INTO part_resurvey
SELECT i, grp, (ARRAY['north', 'south', 'east'])[1 + i % 3], b, a FROM big_resurvey;
ANALYZE part_resurvey;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SELECT plan_has('SELECT grp, change_agg(b, a) FROM part_resurvey GROUP BY grp', 'Partial') AS partial_per_partition,
	   plan_has('SELECT grp, change_agg(b, a) FROM part_resurvey GROUP BY grp', 'Finalize') AS finalized;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.c IS DISTINCT FROM p.c) AS mismatches
FROM serial_change s
FULL JOIN (SELECT grp, change_agg(b, a)::text AS c FROM part_resurvey GROUP BY grp) p USING (grp);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
SELECT change_agg(b, a)::text = (SELECT c FROM serial_total) AS union_all_equals_whole
FROM (SELECT b, a FROM big_resurvey WHERE i <= 20000
	  UNION ALL SELECT b, a FROM big_resurvey WHERE i > 20000) u;
SELECT feedback_change_combine(x, y)::text = (SELECT c FROM serial_total) AS direct_combine_equals_whole,
	   feedback_change_combine(x, 'metric=none pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0')::text
		   = x::text AS empty_is_neutral
FROM (SELECT change_agg(b, a) FILTER (WHERE i % 2 = 0) AS x, change_agg(b, a) FILTER (WHERE i % 2 = 1) AS y
	  FROM big_resurvey) s;
SELECT coalesce(region, 'total') AS region, pairs(change_agg(b, a)), moved_up(change_agg(b, a)),
	   round(nps_change(change_agg(b, a))::numeric, 6) AS nps_change
FROM part_resurvey GROUP BY ROLLUP (region) ORDER BY region NULLS LAST;
SELECT sum(pairs) = (SELECT pairs(change_agg(b, a)) FROM part_resurvey) AS rollup_adds_up
FROM (SELECT region, pairs(change_agg(b, a)) FROM part_resurvey GROUP BY region) r;
-- sort and hash grouping agree
SET enable_hashagg = off;
CREATE TEMP TABLE sorted_change AS SELECT grp, change_agg(b, a)::text AS c FROM big_resurvey GROUP BY grp;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) FILTER (WHERE s.c IS DISTINCT FROM h.c) AS sort_hash_mismatches
FROM sorted_change s FULL JOIN (SELECT grp, change_agg(b, a)::text AS c FROM big_resurvey GROUP BY grp) h USING (grp);
RESET enable_sort;

-- G. Window frames: the moving aggregate (inverse transition) against a
-- recomputation of every frame.
CREATE TEMP TABLE daily_pairs AS
SELECT d, CASE WHEN d % 13 = 0 THEN NULL ELSE feedback('nps', (d * 37) % 11) END AS b,
	   feedback('nps', (d * 5 + d / 3) % 11) AS a
FROM generate_series(1, 300) d;
WITH w AS (
	SELECT d, change_agg(b, a) OVER (ORDER BY d ROWS BETWEEN 19 PRECEDING AND CURRENT ROW) AS c
	FROM daily_pairs
), r AS (
	SELECT o.d, (SELECT change_agg(i.b, i.a) FROM daily_pairs i WHERE i.d BETWEEN o.d - 19 AND o.d) AS c
	FROM daily_pairs o
)
SELECT count(*) AS frames,
	   count(*) FILTER (WHERE w.c::text <> r.c::text) AS state_bad,
	   count(*) FILTER (WHERE nps_change_test(w.c) IS DISTINCT FROM nps_change_test(r.c)) AS p_bad,
	   min(pairs(w.c)) AS fewest_pairs, max(pairs(w.c)) AS most_pairs
FROM w JOIN r USING (d);
-- a frame that empties out (only NULL pairs) and refills with another metric
SELECT d, change_agg(b, a) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 'nps:0'::feedback, 'nps:9'::feedback), (2, 'nps:9', 'nps:9'), (3, NULL, 'nps:9'),
			 (4, 'csat:1', NULL), (5, 'csat:1', 'csat:5'), (6, 'csat:5', 'csat:5')) t(d, b, a);
-- a frame holding two metrics at once is an error, as recomputing it would be
SELECT error_of($q$SELECT change_agg(b, a) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
	FROM (VALUES (1, 'nps:0'::feedback, 'nps:9'::feedback), (2, 'csat:1', 'csat:5')) t(d, b, a)$q$);
-- RANGE frames over partitions
SELECT grp, d, change_agg(b, a) OVER (PARTITION BY grp ORDER BY d RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)::text
FROM (VALUES (1, 1, 'nps:0'::feedback, 'nps:10'::feedback), (1, 2, 'nps:8', 'nps:8'), (1, 4, 'nps:9', 'nps:1'),
			 (2, 1, 'csat:1', 'csat:5'), (2, 2, NULL, 'csat:5'), (2, 3, 'csat:4', 'csat:2')) t(grp, d, b, a)
ORDER BY grp, d;

-- H. Text and binary forms.
SELECT v::feedback_change AS canonical
FROM (VALUES ('metric=nps pos>pos=5 pos>neu=1 pos>neg=0 neu>pos=2 neu>neu=3 neu>neg=1 neg>pos=0 neg>neu=1 neg>neg=4'),
			 ('  metric=CSAT  pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0 '),
			 ('metric=ces pos>pos=9223372036854775807 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0')) t(v);
-- the state's own functions read a typed-in state
SELECT pairs(c), moved_up(c), moved_down(c), unchanged(c), nps_change(c)
FROM (SELECT 'metric=nps pos>pos=5 pos>neu=1 pos>neg=0 neu>pos=2 neu>neu=3 neu>neg=1 neg>pos=0 neg>neu=1 neg>neg=4'::feedback_change AS c) s;
-- wire form: version 1, metric 1 (nps), nine big-endian int8 counts
SELECT feedback_change_send('metric=nps pos>pos=5 pos>neu=1 pos>neg=0 neu>pos=2 neu>neu=3 neu>neg=1 neg>pos=0 neg>neu=1 neg>neg=258');
-- COPY (FORMAT binary) out and back in, and the text round trip
CREATE TABLE changes AS
SELECT grp, change_agg(b, a) AS c FROM big_resurvey GROUP BY grp
UNION ALL SELECT -1, change_agg(before, after) FROM survey_b
UNION ALL SELECT -2, change_agg(b, a) FROM (VALUES ('ces:1/7'::feedback, 'ces:7/7'::feedback)) t(b, a)
UNION ALL SELECT -3, change_agg(before, after) FROM survey_a WHERE false;
CREATE TABLE changes_back (LIKE changes);
COPY changes TO '/tmp/cxsat_regress_change.bin' WITH (FORMAT binary);
COPY changes_back FROM '/tmp/cxsat_regress_change.bin' WITH (FORMAT binary);
SELECT count(*) AS copied,
	   count(*) FILTER (WHERE x.c::text IS DISTINCT FROM y.c::text) AS binary_mismatches,
	   count(*) FILTER (WHERE x.c::text::feedback_change::text <> x.c::text) AS text_mismatches
FROM changes x FULL JOIN changes_back y USING (grp);
-- malformed binary input is 22P03: a bytea column has the same COPY binary
-- layout as a feedback_change column
CREATE TABLE change_raw (b bytea);
CREATE TABLE change_in (c feedback_change);
CREATE FUNCTION change_copy_error(bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE change_raw;
	INSERT INTO change_raw VALUES (bytes);
	EXECUTE format('COPY change_raw TO %L WITH (FORMAT binary)', '/tmp/cxsat_regress_change_raw.bin');
	RETURN error_of(format('COPY change_in FROM %L WITH (FORMAT binary)', '/tmp/cxsat_regress_change_raw.bin'));
END $$;
SELECT what, change_copy_error(b)
FROM (VALUES
	('valid', '\x0101' || repeat('0000000000000001', 9)),
	('too short', '\x0101' || repeat('0000000000000001', 8)),
	('too long', '\x0101' || repeat('0000000000000001', 9) || '00'),
	('version 2', '\x0201' || repeat('0000000000000001', 9)),
	('metric 4', '\x0104' || repeat('0000000000000001', 9)),
	('pairs without metric', '\x0100' || repeat('0000000000000001', 9)),
	('metric without pairs', '\x0102' || repeat('0000000000000000', 9)),
	('negative count', '\x0101' || 'ffffffffffffffff' || repeat('0000000000000001', 8)),
	('total beyond int8', '\x0101' || repeat('4000000000000000', 9))
) t(what, hex), LATERAL (SELECT hex::bytea AS b) bb;
SELECT count(*) AS accepted, min(pairs(c)) FROM change_in;

-- I. Errors, with their SQLSTATEs.
-- text input
SELECT what, error_of(format('SELECT %L::feedback_change', v))
FROM (VALUES ('empty', ''), ('no counts', 'metric=nps'), ('another form', 'nps: 5 pairs'),
			 ('a count missing', 'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0'),
			 ('keys out of order', 'metric=nps pos>neu=0 pos>pos=1 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('negative count', 'metric=nps pos>pos=-1 pos>neu=2 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('leading zero', 'metric=nps pos>pos=01 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('trailing text', 'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0 extra'),
			 ('unknown metric', 'metric=xyz pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('pairs, no metric', 'metric=none pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('metric, no pairs', 'metric=nps pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('count 2^63', 'metric=nps pos>pos=9223372036854775808 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('total 2^63', 'metric=nps pos>pos=9223372036854775807 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=1')
	) t(what, v);
-- the detail and hint say what is wrong and what to do
CREATE FUNCTION detail_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	d text;
	h text;
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || d || ' | ' || h;
END $$;
SELECT detail_of($q$SELECT 'metric=nps pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'::feedback_change$q$);
SELECT detail_of($q$SELECT 'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=x neg>neg=0'::feedback_change$q$);
SELECT detail_of($q$SELECT change_agg(b, a) FROM (VALUES ('nps:3'::feedback, 'csat:5'::feedback)) t(b, a)$q$);
SELECT detail_of($q$SELECT change_agg(b, a) FROM (VALUES ('ces:3'::feedback, 'ces:5'::feedback), ('nps:1', 'nps:1')) t(b, a)$q$);
SELECT detail_of($q$SELECT nps_change(change_agg(b, a)) FROM (VALUES ('csat:3'::feedback, 'csat:5'::feedback)) t(b, a)$q$);
-- the two responses of a pair measure different metrics
SELECT error_of($q$SELECT change_agg(b, a) FROM (VALUES ('nps:3'::feedback, 'csat:5'::feedback)) t(b, a)$q$);
-- a group mixes metrics
SELECT error_of($q$SELECT change_agg(b, a) FROM (VALUES ('nps:3'::feedback, 'nps:9'::feedback),
	('csat:1', 'csat:5')) t(b, a)$q$);
-- partial states of two metrics
SELECT error_of($q$SELECT feedback_change_combine(
	'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0',
	'metric=ces pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0')$q$);
-- combined total beyond int8
SELECT error_of($q$SELECT feedback_change_combine(
	'metric=nps pos>pos=9223372036854775807 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0',
	'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0')$q$);
-- one pair more than int8 holds
SELECT error_of($q$SELECT feedback_change_add(
	'metric=nps pos>pos=9223372036854775807 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0',
	'nps:1', 'nps:1')$q$);
-- the inverse taking back a pair the state does not hold
SELECT error_of($q$SELECT feedback_change_remove(
	'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0',
	'nps:1', 'nps:1')$q$);
-- statistics of the wrong metric
SELECT fn, error_of(format('SELECT %s(%L::feedback_change)', fn, s))
FROM (VALUES ('csat_change', 'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('csat_change_test', 'metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('nps_change', 'metric=csat pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('nps_change_ci_lower', 'metric=ces pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0'),
			 ('csat_change_ci_upper', 'metric=ces pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0')
	) t(fn, s);
-- the confidence level, checked before the data (even an empty state)
SELECT conf, error_of(format('SELECT nps_change_ci_lower(change_agg(before, after), %s) FROM survey_a', conf)),
	   error_of(format('SELECT csat_change_ci_upper(change_agg(before, after), %s) FROM survey_a WHERE false', conf))
FROM (VALUES ('0'), ('1'), ('-0.5'), ('''NaN''::float8')) t(conf);
SELECT nps_change_ci_lower(change_agg(before, after), NULL) AS null_confidence FROM survey_a;

-- J. A direct call of the transition functions does not change its argument
-- (4, 5, 4, 5, 3, 4: a state changed in place would count on from 5).
WITH s AS (SELECT change_agg(before, after) AS c FROM survey_a)
SELECT pairs(c) AS first, pairs(feedback_change_add(c, 'nps:1', 'nps:9')) AS added,
	   pairs(c) AS again, pairs(feedback_change_add(c, 'nps:1', 'nps:9')) AS added_again,
	   pairs(feedback_change_remove(c, 'nps:0', 'nps:10')) AS removed, pairs(c) AS last
FROM s;
