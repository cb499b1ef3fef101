--
-- No silent traps (issue 12): the ordering operators on a column mixing
-- metrics, polarity, collision-free accessor names, feedback_or_null, and
-- a COMMENT on every object.  Every count is checked against plain SQL on
-- score()/metric() arithmetic; error_of() comes from 01_feedback.
--

-- 6,000 responses of 500 customers, 12 each in sequence: NPS, CSAT on
-- 5 points, CSAT good/bad (Zendesk) and CES on 7 points, in a pattern that
-- puts different metrics next to each other in every customer's history
CREATE TABLE trap_responses AS
SELECT i AS id, i % 500 AS customer, i / 500 AS seq,
	   CASE (i / 500 + i % 7) % 4
		   WHEN 0 THEN feedback('nps', abs(hashint4(i)) % 11)
		   WHEN 1 THEN feedback('csat', 1 + abs(hashint4(i)) % 5)
		   WHEN 2 THEN feedback('csat', 1 + abs(hashint4(i)) % 2, 2)
		   ELSE feedback('ces', 1 + abs(hashint4(i)) % 7) END AS fb
FROM generate_series(0, 5999) i;

-- the reference, in plain SQL on the parts (README category table)
CREATE TEMP VIEW reference AS
SELECT count(*) AS responses,
	   count(*) FILTER (WHERE metric(fb) = 'nps') AS nps,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) >= 9) AS promoters,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) <= 6) AS detractors,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND scale(fb) = 5 AND score(fb) <= 2) AS csat5_dissatisfied,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND scale(fb) = 2 AND score(fb) = 1) AS csat_bad,
	   count(*) FILTER (WHERE metric(fb) = 'ces' AND score(fb) <= 3) AS ces_difficult,
	   count(*) FILTER (WHERE (metric(fb) = 'nps' AND score(fb) >= 9) OR metric(fb) <> 'nps') AS old_ge_nps9,
	   count(*) FILTER (WHERE metric(fb) = 'nps' OR (metric(fb) = 'csat' AND scale(fb) < 5)
						OR (metric(fb) = 'csat' AND scale(fb) = 5 AND score(fb) < 3)) AS old_lt_csat3
FROM trap_responses;
SELECT * FROM reference;

-- ---------------------------------------------------------------------
-- Trap 1: fb >= 'nps:9' counted every CSAT and CES row (old_ge_nps9 above).
-- On a mixed column it is now an error; the spellings that mean
-- "promoters" agree with the reference.
-- ---------------------------------------------------------------------
SELECT error_of($$SELECT count(*) FILTER (WHERE fb >= 'nps:9') FROM trap_responses$$);
SELECT 'nps:9'::feedback >= 'csat:4/5';
SELECT count(*) FILTER (WHERE is_promoter(fb)) AS is_promoter,
	   count(*) FILTER (WHERE feedback_metric(fb) = 'nps' AND feedback_score(fb) >= 9) AS by_score,
	   count(*) FILTER (WHERE CASE WHEN feedback_metric(fb) = 'nps' THEN fb >= 'nps:9' END) AS case_guard,
	   (SELECT promoters FROM reference) AS reference
FROM trap_responses;
-- a guard in the same WHERE clause runs first (the operator costs more)
EXPLAIN (COSTS OFF) SELECT count(*) FROM trap_responses WHERE metric(fb) = 'nps' AND fb >= 'nps:9';
SELECT count(*) = (SELECT promoters FROM reference) AS guarded_ok
FROM trap_responses WHERE metric(fb) = 'nps' AND fb >= 'nps:9';
-- on rows of one metric the operator means what it says
SELECT count(*) FILTER (WHERE fb >= 'nps:9') AS ge_nps9,
	   count(*) FILTER (WHERE fb <= 'nps:6') AS le_nps6,
	   count(*) FILTER (WHERE fb BETWEEN 'nps:7' AND 'nps:8') AS passives,
	   (SELECT promoters FROM reference) AS promoters,
	   (SELECT detractors FROM reference) AS detractors,
	   (SELECT nps - promoters - detractors FROM reference) AS passives_ref
FROM (SELECT fb FROM trap_responses WHERE metric(fb) = 'nps' OFFSET 0) nps_only;

-- ---------------------------------------------------------------------
-- Trap 2: fb < 'csat:3' (csat:3/5) counted every NPS row.
-- ---------------------------------------------------------------------
SELECT error_of($$SELECT count(*) FILTER (WHERE fb < 'csat:3') FROM trap_responses$$);
-- on one metric but another scale it is an error too: 'csat:bad' is 1/2
SELECT error_of($$SELECT 'csat:bad'::feedback < 'csat:3'$$);
SELECT count(*) FILTER (WHERE is_negative(fb) AND feedback_metric(fb) = 'csat') AS unhappy_csat,
	   (SELECT csat5_dissatisfied + csat_bad FROM reference) AS reference,
	   count(*) FILTER (WHERE is_negative(fb)) AS unhappy_any_metric,
	   (SELECT detractors + csat5_dissatisfied + csat_bad + ces_difficult FROM reference) AS reference_any
FROM trap_responses;

-- ---------------------------------------------------------------------
-- Trap 3: lead(fb) > fb ("improved after follow-up") compared across
-- metrics.  Now an error; within one metric and scale it works.
-- ---------------------------------------------------------------------
SELECT error_of($$SELECT count(*) FILTER (WHERE nxt > fb)
				  FROM (SELECT fb, lead(fb) OVER (PARTITION BY customer ORDER BY seq) AS nxt
						FROM trap_responses) s$$);
SELECT count(*) FILTER (WHERE nxt > fb) AS improved,
	   count(*) FILTER (WHERE nxt_score > score) AS reference
FROM (SELECT fb, score(fb) AS score,
			 lead(fb) OVER w AS nxt, lead(score(fb)) OVER w AS nxt_score
	  FROM trap_responses
	  WINDOW w AS (PARTITION BY customer, feedback_metric(fb), feedback_scale(fb) ORDER BY seq)) s;
-- the next answer of any metric, compared only when it is comparable
SELECT count(*) FILTER (WHERE CASE WHEN feedback_metric(nxt) = feedback_metric(fb)
									AND feedback_scale(nxt) = feedback_scale(fb)
							   THEN nxt > fb END) AS improved_same_survey,
	   count(*) FILTER (WHERE metric(nxt) = metric(fb) AND scale(nxt) = scale(fb)
						AND score(nxt) > score(fb)) AS reference
FROM (SELECT fb, lead(fb) OVER (PARTITION BY customer ORDER BY seq) AS nxt FROM trap_responses) s;

-- ---------------------------------------------------------------------
-- Indexes, sorting, grouping, joins and statistics on the mixed column
-- keep the total order (metric, scale, score) of feedback_cmp.
-- ---------------------------------------------------------------------
CREATE INDEX responses_fb ON trap_responses (fb);
ANALYZE trap_responses;
-- the range operators are no index conditions: with an index scan forced
-- the comparison is a filter, with the same error as the sequential scan
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM trap_responses WHERE fb >= 'nps:9';
SELECT error_of($$SELECT count(*) FROM trap_responses WHERE fb >= 'nps:9'$$);
SELECT error_of($$SELECT count(*) FROM trap_responses WHERE fb < 'csat:3'$$);
SELECT count(*) = (SELECT promoters FROM reference) AS index_guarded_ok
FROM trap_responses WHERE metric(fb) = 'nps' AND fb >= 'nps:9';
-- equality still is an index condition
EXPLAIN (COSTS OFF) SELECT count(*) FROM trap_responses WHERE fb = 'nps:9';
SELECT count(*) = (SELECT count(*) FROM trap_responses WHERE metric(fb) = 'nps' AND score(fb) = 9) AS eq_ok
FROM trap_responses WHERE fb = 'nps:9';
-- the index itself is intact: the 0.1.0 total-order operator, now in
-- cxsat_internal, is an index condition and still gives the 0.1.0 count
EXPLAIN (COSTS OFF) SELECT count(*) FROM trap_responses WHERE fb OPERATOR(cxsat_internal.>=) 'nps:9';
SELECT count(*) = (SELECT old_ge_nps9 FROM reference) AS total_order_ok
FROM trap_responses WHERE fb OPERATOR(cxsat_internal.>=) 'nps:9';
RESET enable_bitmapscan;
RESET enable_seqscan;
SELECT error_of($$SELECT count(*) FROM trap_responses WHERE fb >= 'nps:9'$$) AS seqscan_error;

-- ORDER BY fb: by the index and by a sort, equal to the plain-SQL order
-- (metric code nps 1, csat 2, ces 3, then scale, then score)
CREATE TEMP VIEW plain_order AS
SELECT array_agg(fb ORDER BY array_position(ARRAY['nps', 'csat', 'ces'], metric(fb)),
				 scale(fb), score(fb)) AS a FROM trap_responses;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT fb FROM trap_responses ORDER BY fb;
SELECT array_agg(fb) = (SELECT a FROM plain_order) AS index_order_ok
FROM (SELECT fb FROM trap_responses ORDER BY fb) s;
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_indexonlyscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT fb FROM trap_responses ORDER BY fb;
SELECT array_agg(fb) = (SELECT a FROM plain_order) AS sort_order_ok,
	   (array_agg(fb))[1] AS first, (array_agg(fb))[6000] AS last
FROM (SELECT fb FROM trap_responses ORDER BY fb) s;
-- ORDER BY ... USING takes operator class members only: the checked <
-- is none, the total order's is (ORDER BY fb and DESC need neither)
SELECT error_of($$SELECT fb FROM trap_responses ORDER BY fb USING <$$);
SELECT array_agg(fb) = (SELECT a FROM plain_order) AS using_total_order_ok
FROM (SELECT fb FROM trap_responses ORDER BY fb USING OPERATOR(cxsat_internal.<)) s;
-- DISTINCT and GROUP BY by sorting
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT DISTINCT fb FROM trap_responses;
SELECT (SELECT count(*) FROM (SELECT DISTINCT fb FROM trap_responses) d) AS distinct_values,
	   (SELECT count(*) FROM (SELECT fb FROM trap_responses GROUP BY fb) g) AS groups,
	   count(DISTINCT (metric(fb), scale(fb), score(fb))) AS reference
FROM trap_responses;
RESET enable_hashagg;
-- a merge join on the analyzed mixed column plans (the planner calls the
-- operator class's < and <= on its statistics) and is right
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM trap_responses a JOIN trap_responses b ON a.fb = b.fb;
SELECT count(*) AS pairs,
	   (SELECT sum(n * n) FROM (SELECT count(*) AS n FROM trap_responses
								 GROUP BY metric(fb), scale(fb), score(fb)) g) AS reference
FROM trap_responses a JOIN trap_responses b ON a.fb = b.fb;
RESET enable_nestloop;
RESET enable_hashjoin;
RESET enable_indexscan;
RESET enable_indexonlyscan;
RESET enable_bitmapscan;
REINDEX INDEX responses_fb;

-- planner estimates on the analyzed mixed column: no error, and (all 25
-- values are common values, every row sampled) the exact counts
CREATE FUNCTION plan_rows(query text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END $$;
SELECT plan_rows($$SELECT * FROM trap_responses WHERE fb >= 'nps:9'$$) AS ge_nps9,
	   plan_rows($$SELECT * FROM trap_responses WHERE 'nps:9' <= fb$$) AS commuted,
	   plan_rows($$SELECT * FROM trap_responses WHERE fb < 'csat:3'$$) AS lt_csat3,
	   plan_rows($$SELECT * FROM trap_responses WHERE fb <= 'csat:bad'$$) AS le_bad,
	   plan_rows($$SELECT * FROM trap_responses WHERE fb > 'ces:3'$$) AS gt_ces3,
	   (SELECT promoters FROM reference) AS promoters,
	   (SELECT csat5_dissatisfied FROM reference) AS csat5_dissatisfied,
	   (SELECT csat_bad FROM reference) AS csat_bad,
	   (SELECT count(*) FROM trap_responses WHERE metric(fb) = 'ces' AND score(fb) > 3) AS ces_gt3;
-- a subquery of one metric over the mixed column plans and runs
SELECT count(*) = (SELECT promoters FROM reference) AS subquery_ok
FROM (SELECT fb FROM trap_responses WHERE metric(fb) = 'nps' OFFSET 0) s WHERE fb >= 'nps:9';
-- with a histogram (a statistics target of 3 keeps most values out of the
-- common-values list) the estimate stays within a factor of 3
ALTER TABLE trap_responses ALTER COLUMN fb SET STATISTICS 3;
ANALYZE trap_responses;
SELECT (SELECT count(*) FROM pg_stats WHERE tablename = 'trap_responses' AND attname = 'fb'
		AND histogram_bounds IS NOT NULL) AS has_histogram,
	   plan_rows($$SELECT * FROM trap_responses WHERE fb >= 'nps:9'$$)
		   BETWEEN (SELECT promoters FROM reference) / 3 AND (SELECT promoters FROM reference) * 3
		   AS ge_nps9_close,
	   plan_rows($$SELECT * FROM trap_responses WHERE fb <= 'ces:3'$$)
		   BETWEEN (SELECT ces_difficult FROM reference) / 3 AND (SELECT ces_difficult FROM reference) * 3
		   AS le_ces3_close;
ALTER TABLE trap_responses ALTER COLUMN fb SET STATISTICS -1;
-- the other operators and NULL
SELECT 'nps:9'::feedback > 'nps:8', 'nps:9'::feedback < 'nps:8',
	   'csat:good'::feedback >= 'csat:bad', 'ces:1'::feedback <= 'ces:1/7',
	   'nps:9'::feedback < NULL IS NULL AS strict;
SELECT error_of($$SELECT 'nps:9'::feedback < 'ces:1'$$),
	   error_of($$SELECT 'nps:9'::feedback <= 'ces:1'$$);
SELECT error_of($$SELECT 'nps:9'::feedback > 'csat:1/10'$$),
	   error_of($$SELECT 'ces:5/5'::feedback >= 'ces:5/7'$$);
-- what PostgreSQL builds on the operator class (greatest, least, array
-- comparison) keeps the total order, documented; a row constructor
-- comparison needs an operator class member and is refused (0A000)
SELECT greatest('nps:9'::feedback, 'csat:1'), least('nps:9'::feedback, 'nps:3'),
	   ARRAY['nps:9'::feedback] < ARRAY['csat:1'::feedback] AS array_lt;
SELECT error_of($$SELECT ('nps:9'::feedback, 1) < ('nps:8'::feedback, 2)$$);
-- = and <> compare every pair
SELECT 'nps:9'::feedback = 'csat:4', 'nps:9'::feedback <> 'csat:4';

-- ---------------------------------------------------------------------
-- polarity and the predicates, over every valid value, against the
-- README's category table
-- ---------------------------------------------------------------------
CREATE TEMP TABLE category_table (metric text, scale int, lo int, positive_from int, negative_to int);
INSERT INTO category_table VALUES
	('nps', 10, 0, 9, 6), ('csat', 2, 1, 2, 1), ('csat', 3, 1, 3, 1), ('csat', 5, 1, 4, 2),
	('csat', 7, 1, 6, 2), ('csat', 10, 1, 8, 3), ('ces', 5, 1, 4, 2), ('ces', 7, 1, 5, 3);
CREATE TEMP VIEW every_value AS
SELECT feedback(metric, s, scale) AS fb,
	   CASE WHEN s >= positive_from THEN 'positive' WHEN s <= negative_to THEN 'negative'
			ELSE 'neutral' END AS expected
FROM category_table, generate_series(lo, scale) s;
SELECT count(*) AS values,
	   count(*) FILTER (WHERE polarity(fb) = expected) AS polarity_ok,
	   count(*) FILTER (WHERE is_positive(fb) = (expected = 'positive')) AS is_positive_ok,
	   count(*) FILTER (WHERE is_negative(fb) = (expected = 'negative')) AS is_negative_ok,
	   count(*) FILTER (WHERE is_promoter(fb) = (metric(fb) = 'nps' AND score(fb) >= 9)) AS is_promoter_ok,
	   count(*) FILTER (WHERE is_detractor(fb) = (metric(fb) = 'nps' AND score(fb) <= 6)) AS is_detractor_ok
FROM every_value;
SELECT polarity(fb), count(*) FROM every_value GROUP BY 1 ORDER BY 1;
SELECT fb, category(fb), polarity(fb), is_promoter(fb), is_detractor(fb)
FROM (VALUES ('nps:10'::feedback), ('nps:0'), ('csat:good'), ('csat:bad'), ('ces:3/5'), ('ces:7')) t(fb);
-- one filter finds every unhappy customer, whatever the survey
SELECT count(DISTINCT customer) FILTER (WHERE is_negative(fb)) AS unhappy,
	   count(DISTINCT customer) FILTER (WHERE category(fb) IN ('detractor', 'dissatisfied', 'difficult')) AS reference
FROM trap_responses;
SELECT polarity(NULL::feedback) IS NULL AS null_in_null_out;

-- ---------------------------------------------------------------------
-- Accessor names without a pg_catalog namesake: untyped literals resolve.
-- The 0.1.0 names stay; scale('...') still meets pg_catalog.scale(numeric).
-- ---------------------------------------------------------------------
SELECT feedback_scale('csat:good'), feedback_score('csat:good'),
	   feedback_metric('ces:6'), feedback_category('nps:8');
SELECT metric('ces:6'), score('nps:9'::feedback), scale('csat:4'::feedback), category('nps:8');
SELECT error_of($$SELECT scale('csat:good')$$);
-- the extension's function names that a pg_catalog function shares on
-- this server: scale only (the 14..19 sources agree)
SELECT DISTINCT p.proname
FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cxsat'
WHERE EXISTS (SELECT FROM pg_proc c WHERE c.pronamespace = 'pg_catalog'::regnamespace AND c.proname = p.proname)
ORDER BY 1;
SELECT count(*) FILTER (WHERE feedback_metric(fb) = metric(fb) AND feedback_score(fb) = score(fb)
						AND feedback_scale(fb) = scale(fb) AND feedback_category(fb) = category(fb)) AS same,
	   count(*) AS values
FROM every_value;

-- ---------------------------------------------------------------------
-- feedback_or_null: a CRM import with bad rows, counted and skipped in
-- one query instead of failing it
-- ---------------------------------------------------------------------
CREATE TABLE crm_import (ticket int, rating text);
INSERT INTO crm_import VALUES
	(1, 'csat:good'), (2, 'csat:bad'), (3, 'CSAT: Good'), (4, 'nps:9'), (5, 'NPS : 10'),
	(6, 'nps:11'), (7, 'five stars'), (8, ''), (9, NULL), (10, 'csat:4/5'),
	(11, 'ces:8'), (12, 'nps:4'), (13, 'csat:4/6'), (14, 'nps:99999999999999999999'),
	(15, ' ces : 6 / 7 ');
SELECT count(*) AS rows,
	   count(rating) AS answered,
	   count(feedback_or_null(rating)) AS imported,
	   count(rating) - count(feedback_or_null(rating)) AS malformed,
	   nps_agg(feedback_or_null(rating)) AS nps,
	   csat_agg(feedback_or_null(rating)) AS csat
FROM crm_import;
SELECT ticket, rating FROM crm_import
WHERE rating IS NOT NULL AND feedback_or_null(rating) IS NULL ORDER BY ticket;
-- NULL exactly where the input function raises, the same value elsewhere
CREATE FUNCTION casts(t text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	PERFORM t::feedback;
	RETURN true;
EXCEPTION WHEN OTHERS THEN
	RETURN false;
END $$;
SELECT count(*) AS texts,
	   count(*) FILTER (WHERE (feedback_or_null(t) IS NOT NULL) = casts(t)) AS agree,
	   count(*) FILTER (WHERE casts(t) AND feedback_or_null(t) = t::feedback) AS same_value
FROM (SELECT rating FROM crm_import WHERE rating IS NOT NULL
	  UNION ALL SELECT fb::text FROM every_value
	  UNION ALL SELECT m || ':' || s || '/' || k
	  FROM unnest(ARRAY['nps', 'csat', 'ces', 'xyz']) m, generate_series(-1, 11) s,
		   generate_series(0, 11) k) x(t);
SELECT feedback_or_null(NULL) IS NULL AS null_in_null_out;

-- ---------------------------------------------------------------------
-- Every object of the extension a user calls has a COMMENT.  Expected
-- empty.  Support functions (type I/O, aggregate transition/combine/final,
-- operator and operator class functions, estimators) are listed apart and
-- commented too.
-- ---------------------------------------------------------------------
CREATE TEMP VIEW cxsat_members AS
SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS object,
	   (SELECT description FROM pg_description c
		WHERE c.objoid = d.objid AND c.classoid = d.classid AND c.objsubid = 0) AS comment
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND d.refclassid = 'pg_extension'::regclass
WHERE e.extname = 'cxsat' AND d.deptype = 'e';
CREATE TEMP VIEW cxsat_support AS
SELECT p.oid FROM pg_proc p
WHERE p.oid IN (SELECT typinput FROM pg_type UNION SELECT typoutput FROM pg_type
				UNION SELECT typreceive FROM pg_type UNION SELECT typsend FROM pg_type
				UNION SELECT aggtransfn FROM pg_aggregate UNION SELECT aggfinalfn FROM pg_aggregate
				UNION SELECT aggcombinefn FROM pg_aggregate UNION SELECT aggmtransfn FROM pg_aggregate
				UNION SELECT aggminvtransfn FROM pg_aggregate UNION SELECT aggmfinalfn FROM pg_aggregate
				UNION SELECT aggserialfn FROM pg_aggregate UNION SELECT aggdeserialfn FROM pg_aggregate
				UNION SELECT amproc FROM pg_amproc UNION SELECT oprcode FROM pg_operator
				UNION SELECT oprrest FROM pg_operator UNION SELECT oprjoin FROM pg_operator)
  AND NOT EXISTS (SELECT FROM pg_aggregate a WHERE a.aggfnoid = p.oid);
-- user-callable objects without a comment (functions, aggregates,
-- operators, types, casts, schemas): expected none.  Array types, which
-- newer majors (18) list as members too, are left out.
SELECT object FROM cxsat_members
WHERE comment IS NULL
  AND classid IN ('pg_proc'::regclass, 'pg_operator'::regclass, 'pg_type'::regclass,
				  'pg_cast'::regclass, 'pg_namespace'::regclass)
  AND NOT (classid = 'pg_proc'::regclass AND objid IN (SELECT oid FROM cxsat_support))
  AND NOT (classid = 'pg_type'::regclass AND objid IN (SELECT oid FROM pg_type WHERE typelem <> 0))
ORDER BY 1;
-- support functions and operator classes without one: expected none
SELECT object FROM cxsat_members
WHERE comment IS NULL
  AND (classid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass)
	   OR (classid = 'pg_proc'::regclass AND objid IN (SELECT oid FROM cxsat_support)))
ORDER BY 1;

DROP VIEW reference, plain_order, every_value, cxsat_members, cxsat_support;
DROP TABLE trap_responses, crm_import;
DROP FUNCTION plan_rows(text), casts(text);
