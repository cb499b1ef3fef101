--
-- feedback_summary: text form, equality and hashing, merge, the accessors,
-- feedback_agg, NULL handling, and every error with its SQLSTATE.
-- Reference values come from plain SQL over the same rows (count(*)
-- FILTER on score ranges), never from the functions under test.
--

-- deterministic pseudo-random integers in [0, 1000003) without random()
CREATE FUNCTION sm_hash(g int, k int) RETURNS int
LANGUAGE sql IMMUTABLE AS
$$ SELECT ((pg_catalog.hashint4(g * 31 + k)::int8 + 2147483648) % 1000003)::int $$;

-- error_detail_of(query): SQLSTATE, message and detail of a failing query
CREATE FUNCTION error_detail_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' / ' || nullif(detail, ''), '');
END $$;

-- text form: canonical output in bucket order, empty buckets left out,
-- white space and bucket order free on input
SELECT v::feedback_summary AS s
FROM (VALUES ('{}'), (' { } '),
			 ('{"nps":[1,0,0,0,0,0,0,0,0,0,2]}'),
			 ('{ "ces/7" : [0,0,0,0,0,0,5] ,' || E'\n' || ' "nps":[0,0,0,0,0,0,0,0,0,0,1] }'),
			 ('{"csat/2":[0,0],"csat/3":[1,2,3]}'),
			 ('{"nps":[0,0,0,0,0,0,0,0,0,0,0]}'),
			 ('{"csat/10":[1,2,3,4,5,6,7,8,9,10],"csat/7":[1,0,0,0,0,0,1],"csat/5":[0,0,0,0,9223372036854775000]}'),
			 ('{"ces/5":[5,4,3,2,1]}')) t(v);

-- malformed text is 22P02; a count out of range (negative, beyond bigint,
-- or a total beyond bigint) is 22003
SELECT v, error_detail_of(format('SELECT %L::feedback_summary', v))
FROM (VALUES (''), ('nps'), ('{'), ('{}}'), ('[]'), ('{"nps"}'), ('{"nps":}'),
			 ('{"nps":[1,2,3]}'), ('{"nps":[0,0,0,0,0,0,0,0,0,0,0,0]}'),
			 ('{"nps":[0,0,0,0,0,0,0,0,0,0,]}'), ('{"nps":[0,0,0,0,0,0,0,0,0,0,1.5]}'),
			 ('{"csat":[1,2,3,4,5]}'), ('{"NPS":[0,0,0,0,0,0,0,0,0,0,1]}'), ('{"csat/4":[1,2,3,4]}'),
			 ('{"csat/2":[1,1],"csat/2":[1,1]}'), ('{"csat/2":[1,1],}'), ('{"csat/2":[1,1]} x'),
			 ('{nps:[0,0,0,0,0,0,0,0,0,0,1]}'),
			 ('{"nps":[0,0,0,0,0,0,0,0,0,0,-1]}'),
			 ('{"nps":[0,0,0,0,0,0,0,0,0,0,9223372036854775808]}'),
			 ('{"nps":[0,0,0,0,0,0,0,0,0,1,9223372036854775807]}')) t(v);
-- the full report of one of each
SELECT '{"nps":[1,2,3]}'::feedback_summary;
SELECT '{"nps":[0,0,0,0,0,0,0,0,0,0,-1]}'::feedback_summary;
SELECT '{"csat":[1,2,3,4,5]}'::feedback_summary;

-- a sample of responses: NPS, CSAT on the 5- and 10-point scales, CES on 7,
-- and some NULLs
CREATE TABLE sm_raw AS
SELECT g AS id, g % 3 AS grp,
	   CASE WHEN g % 97 = 0 THEN NULL
			WHEN g % 4 = 0 THEN feedback('nps', sm_hash(g, 1) % 11)
			WHEN g % 4 = 1 THEN feedback('csat', sm_hash(g, 2) % 5 + 1)
			WHEN g % 4 = 2 THEN feedback('csat', sm_hash(g, 3) % 10 + 1, 10)
			ELSE feedback('ces', sm_hash(g, 4) % 7 + 1) END AS fb
FROM generate_series(1, 3000) g;

-- the reference: categories by score range, in plain SQL
CREATE VIEW sm_reference AS
SELECT grp,
	   count(*) FILTER (WHERE metric(fb) = 'nps') AS nps_n,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) >= 9) AS promoters,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) BETWEEN 7 AND 8) AS passives,
	   count(*) FILTER (WHERE metric(fb) = 'nps' AND score(fb) <= 6) AS detractors,
	   count(*) FILTER (WHERE metric(fb) = 'csat') AS csat_n,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND ((scale(fb) = 5 AND score(fb) >= 4) OR
														(scale(fb) = 10 AND score(fb) >= 8))) AS satisfied,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND ((scale(fb) = 5 AND score(fb) = 3) OR
														(scale(fb) = 10 AND score(fb) BETWEEN 4 AND 7))) AS csat_neutral,
	   count(*) FILTER (WHERE metric(fb) = 'csat' AND ((scale(fb) = 5 AND score(fb) <= 2) OR
														(scale(fb) = 10 AND score(fb) <= 3))) AS dissatisfied,
	   count(*) FILTER (WHERE metric(fb) = 'ces') AS ces_n,
	   count(*) FILTER (WHERE metric(fb) = 'ces' AND score(fb) >= 5) AS easy,
	   count(*) FILTER (WHERE metric(fb) = 'ces' AND score(fb) = 4) AS ces_neutral,
	   count(*) FILTER (WHERE metric(fb) = 'ces' AND score(fb) <= 3) AS difficult,
	   sum(score(fb)) FILTER (WHERE metric(fb) = 'ces') AS ces_sum,
	   count(*) FILTER (WHERE fb IS NOT NULL) AS total
FROM sm_raw GROUP BY grp;

CREATE TABLE sm_summary AS SELECT grp, feedback_agg(fb) AS s FROM sm_raw GROUP BY grp;

-- the reference figures, shown so that the numbers below can be read against them
SELECT * FROM sm_reference ORDER BY grp;

-- every accessor against the reference
SELECT grp, responses(s) AS total, responses(s, 'nps') AS nps_n, promoters(s), passives(s),
	   detractors(s), neutral(s, 'NPS') AS nps_neutral,
	   responses(s, 'csat') AS csat_n, satisfied(s), neutral(s, 'csat') AS csat_neutral,
	   dissatisfied(s), responses(s, 'Ces') AS ces_n, easy(s), neutral(s, 'ces') AS ces_neutral,
	   difficult(s)
FROM sm_summary ORDER BY grp;
SELECT r.grp,
	   (responses(s), responses(s, 'nps'), promoters(s), passives(s), detractors(s),
		responses(s, 'csat'), satisfied(s), neutral(s, 'csat'), dissatisfied(s),
		responses(s, 'ces'), easy(s), neutral(s, 'ces'), difficult(s), neutral(s, 'nps'))
	   = (total, nps_n, promoters, passives, detractors, csat_n, satisfied, csat_neutral,
		  dissatisfied, ces_n, easy, ces_neutral, difficult, passives) AS counts_match
FROM sm_summary s JOIN sm_reference r USING (grp) ORDER BY grp;

-- the metrics: the same arithmetic in SQL, and the one-step aggregates
SELECT grp, nps(s), csat(s), ces(s) FROM sm_summary ORDER BY grp;
SELECT r.grp,
	   nps(s) = 100::float8 * (promoters - detractors)::float8 / nps_n::float8 AS nps_ok,
	   csat(s) = 100::float8 * satisfied::float8 / csat_n::float8 AS csat_ok,
	   ces(s) = ces_sum::float8 / ces_n::float8 AS ces_ok
FROM sm_summary s JOIN sm_reference r USING (grp) ORDER BY grp;
SELECT a.grp, nps(s) = a.nps AS nps_eq, csat(s) = a.csat AS csat_eq, ces(s) = a.ces AS ces_eq
FROM sm_summary JOIN (SELECT grp, nps_agg(fb) AS nps, csat_agg(fb) AS csat, ces_agg(fb) AS ces
					  FROM sm_raw GROUP BY grp) a USING (grp) ORDER BY grp;

-- distribution: one row per score point, zeros included
SELECT d.* FROM sm_summary, distribution(s, 'nps') d WHERE grp = 0;
SELECT score(fb) AS score, count(*) FROM sm_raw WHERE metric(fb) = 'nps' AND grp = 0 GROUP BY 1 ORDER BY 1;
-- every metric and scale of every group against GROUP BY score
SELECT count(*) AS rows_compared,
	   count(*) FILTER (WHERE d.responses IS DISTINCT FROM coalesce(r.n, 0)) AS mismatches
FROM sm_summary
CROSS JOIN (VALUES ('nps', 10), ('csat', 5), ('csat', 10), ('ces', 7)) m(metric, scale)
CROSS JOIN LATERAL distribution(s, m.metric, m.scale) d
LEFT JOIN (SELECT grp, metric(fb) AS metric, scale(fb) AS scale, score(fb) AS score, count(*) AS n
		   FROM sm_raw WHERE fb IS NOT NULL GROUP BY 1, 2, 3, 4) r
  ON r.grp = sm_summary.grp AND r.metric = m.metric AND r.scale = m.scale AND r.score = d.score;
-- without a scale: the only scale present, else the default one (all zeros)
SELECT * FROM distribution('{"csat/3":[1,2,3]}', 'csat');
SELECT * FROM distribution('{"nps":[0,0,0,0,0,0,0,0,0,0,1]}', 'ces');
SELECT * FROM distribution('{}', 'csat', 2);
-- several scales need the scale named (22023); a bad scale is 22003
SELECT error_of($$SELECT * FROM distribution('{"csat/2":[1,1],"csat/3":[1,2,3]}', 'csat')$$);
SELECT error_of($$SELECT * FROM distribution('{}', 'csat', 4)$$),
	   error_of($$SELECT * FROM distribution('{}', 'nps', 5)$$),
	   error_of($$SELECT * FROM distribution('{}', 'stars')$$);
SELECT * FROM distribution('{"csat/2":[1,1],"csat/3":[1,2,3]}', 'csat');

-- unknown metric names are 22023
SELECT error_of($$SELECT responses('{}', 'stars')$$), error_of($$SELECT neutral('{}', '')$$),
	   error_of($$SELECT total_weight('{}', 'npsx')$$);

-- results without responses are NULL; counts are 0
SELECT nps('{}'), csat('{}'), ces('{}'), responses('{}'), responses('{}', 'nps'), promoters('{}'),
	   nps('{"csat/5":[1,0,0,0,0]}') AS nps_of_csat_only;
-- CES over two scales cannot be averaged (22023), like ces_agg
SELECT ces('{"ces/5":[1,0,0,0,0],"ces/7":[0,0,0,0,0,0,1]}');
SELECT ces('{"ces/5":[1,0,0,0,1]}') AS ces5, ces('{"ces/7":[1,0,0,0,0,0,1]}') AS ces7;

-- NULL: strict functions give NULL, aggregates skip NULL rows
SELECT nps(NULL) IS NULL AS nps, responses(NULL) IS NULL AS responses,
	   responses('{}', NULL) IS NULL AS responses_metric, merge(NULL, '{}') IS NULL AS merge_null,
	   ('{}'::feedback_summary + NULL) IS NULL AS plus_null, neutral(NULL, 'nps') IS NULL AS neutral;
SELECT count(*) AS rows_for_null_summary FROM distribution(NULL, 'nps');
SELECT count(*) AS rows_for_null_metric FROM distribution('{}', NULL);
-- no rows, or only NULLs: the empty summary (like count()), and NULL metrics
SELECT feedback_agg(fb) AS no_rows, nps_agg(s) AS nps_no_rows, feedback_agg(s) AS rollup_no_rows
FROM (SELECT NULL::feedback AS fb, NULL::feedback_summary AS s) t WHERE false;
SELECT feedback_agg(fb) AS only_nulls, feedback_agg(s) AS rollup_only_nulls, nps_agg(s),
	   csat_agg(s), ces_agg(s)
FROM (VALUES (NULL::feedback, NULL::feedback_summary)) t(fb, s);
SELECT feedback_agg(m, sc) AS skips_null_metric_or_score
FROM (VALUES (NULL, 9), ('nps', NULL), ('nps', 10)) t(m, sc);
SELECT feedback_agg(m, sc, scl) AS null_scale_is_default
FROM (VALUES ('csat', 4, NULL), ('csat', 4, 5), ('csat', 2, 2), ('ces', 7, NULL), ('nps', 0, NULL)) t(m, sc, scl);

-- feedback_agg from plain integer scores equals feedback_agg of feedback values
SELECT feedback_agg('nps', sm_hash(g, 1) % 11) = feedback_agg(feedback('nps', sm_hash(g, 1) % 11)) AS nps_same,
	   feedback_agg('csat', sm_hash(g, 2) % 5 + 1) = feedback_agg(feedback('csat', sm_hash(g, 2) % 5 + 1)) AS csat_same,
	   feedback_agg('CSAT', sm_hash(g, 3) % 7 + 1, 7) = feedback_agg(feedback('csat', sm_hash(g, 3) % 7 + 1, 7)) AS csat7_same,
	   feedback_agg('ces', sm_hash(g, 4) % 5 + 1, 5) = feedback_agg(feedback('ces', sm_hash(g, 4) % 5 + 1, 5)) AS ces5_same
FROM generate_series(1, 2000) g;
-- a metric column rather than a constant
SELECT feedback_agg(m, sc) FROM (VALUES ('nps', 9), ('csat', 5), ('nps', 9), ('ces', 1), ('CSAT', 1)) t(m, sc);
-- the metric as a parameter of a generic plan, and in a window frame
SET plan_cache_mode = force_generic_plan;
PREPARE sm_by_metric(text) AS SELECT feedback_agg($1, g % 5 + 1) FROM generate_series(1, 10) g;
EXECUTE sm_by_metric('csat');	-- scores 2,3,4,5,1 twice
EXECUTE sm_by_metric('CES');
DEALLOCATE sm_by_metric;
RESET plan_cache_mode;
SELECT g, feedback_agg('csat', g + 1) OVER (ORDER BY g ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM generate_series(1, 4) g;
-- several constant metrics in one query, and ordered / DISTINCT aggregates
SELECT feedback_agg('nps', g % 11) AS nps, feedback_agg('ces', g % 7 + 1) AS ces,
	   feedback_agg('csat', g % 5 + 1 ORDER BY g DESC) AS ordered,
	   feedback_agg(DISTINCT feedback('csat', g % 3 + 1, 3)) AS distinct_values
FROM generate_series(0, 21) g;
-- scores and scales out of range are 22003, unknown metrics 22023
SELECT error_of($$SELECT feedback_agg('nps', 11)$$), error_of($$SELECT feedback_agg('nps', -1)$$),
	   error_of($$SELECT feedback_agg('csat', 0)$$), error_of($$SELECT feedback_agg('csat', 6)$$),
	   error_of($$SELECT feedback_agg('ces', 8)$$);
SELECT error_of($$SELECT feedback_agg('csat', 3, 4)$$), error_of($$SELECT feedback_agg('nps', 3, 7)$$),
	   error_of($$SELECT feedback_agg('ces', 6, 5)$$), error_of($$SELECT feedback_agg('stars', 3)$$);
SELECT feedback_agg('csat', 6);

-- merge and +: exact sums, commutative, {} is the identity
SELECT merge('{"nps":[1,0,0,0,0,0,0,0,0,0,2]}', '{"nps":[0,0,0,0,0,0,0,0,0,3,4],"ces/5":[1,0,0,0,0]}');
SELECT '{"csat/5":[1,2,3,4,5]}'::feedback_summary + '{"csat/5":[5,4,3,2,1]}' AS plus;
SELECT (SELECT s FROM sm_summary WHERE grp = 0) + (SELECT s FROM sm_summary WHERE grp = 1)
	 = (SELECT s FROM sm_summary WHERE grp = 1) + (SELECT s FROM sm_summary WHERE grp = 0) AS commutative,
	   (SELECT s + '{}' FROM sm_summary WHERE grp = 2) = (SELECT s FROM sm_summary WHERE grp = 2) AS identity,
	   (SELECT feedback_agg(s) FROM sm_summary) = (SELECT feedback_agg(fb) FROM sm_raw) AS rollup_exact;
-- counts are 64-bit and merging checks for overflow (22003)
SELECT '{"nps":[9223372036854775806,0,0,0,0,0,0,0,0,0,0]}'::feedback_summary + '{"nps":[1,0,0,0,0,0,0,0,0,0,0]}' AS at_the_limit;
SELECT '{"nps":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'::feedback_summary + '{"nps":[1,0,0,0,0,0,0,0,0,0,0]}';
SELECT error_of($$SELECT '{"nps":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'::feedback_summary + '{"csat/2":[0,1]}'$$) AS total_overflow,
	   error_of($$SELECT feedback_agg(s) FROM (VALUES ('{"ces/7":[0,0,0,0,0,0,9223372036854775807]}'::feedback_summary), ('{"ces/7":[0,0,0,0,0,0,1]}')) t(s)$$) AS rollup_overflow;
-- a CES mean whose score sum passes bigint is 22003, like ces_agg
SELECT error_of($$SELECT ces('{"ces/7":[0,0,0,0,0,0,9223372036854775807]}')$$);
-- ces_agg over summaries refuses two CES scales (22023)
SELECT error_of($$SELECT ces_agg(s) FROM (VALUES ('{"ces/5":[1,0,0,0,0]}'::feedback_summary), ('{"ces/7":[1,0,0,0,0,0,0]}')) t(s)$$);

-- equality, DISTINCT, GROUP BY and UNION (hashing: summaries have no order)
SELECT '{}'::feedback_summary = '{}' AS empty_eq,
	   '{"nps":[0,0,0,0,0,0,0,0,0,0,1]}'::feedback_summary = ' { "nps" : [0,0,0,0,0,0,0,0,0,0,1] } ' AS spaces_eq,
	   '{"nps":[0,0,0,0,0,0,0,0,0,0,1]}'::feedback_summary <> '{"nps":[0,0,0,0,0,0,0,0,0,1,0]}' AS ne,
	   '{"csat/2":[1,1]}'::feedback_summary = '{"csat/3":[1,0,1]}' AS other_scale;
CREATE TABLE sm_many AS
SELECT g, feedback_agg(feedback('csat', sm_hash(g, k) % 2 + 1, 2)) AS s
FROM generate_series(1, 60) g, generate_series(1, 3) k GROUP BY g;
SELECT count(*) AS distinct_summaries FROM (SELECT DISTINCT s FROM sm_many) d;
-- the same count by hand: summaries of 3 two-point responses differ only in the number of 2s
SELECT count(DISTINCT n2) AS by_hand
FROM (SELECT g, count(*) FILTER (WHERE sm_hash(g, k) % 2 = 1) AS n2
	  FROM generate_series(1, 60) g, generate_series(1, 3) k GROUP BY g) t;
SELECT s, count(*) AS n FROM sm_many GROUP BY s ORDER BY s::text;
SELECT g, count(*) FILTER (WHERE sm_hash(g, k) % 2 = 1) AS twos
FROM generate_series(1, 60) g, generate_series(1, 3) k GROUP BY g
HAVING g <= 3 ORDER BY g;
SELECT s FROM sm_many WHERE g <= 3 ORDER BY g;
SELECT count(*) AS union_rows FROM (SELECT s FROM sm_many UNION SELECT s FROM sm_many) u;
SELECT count(*) AS joined FROM sm_many a JOIN sm_many b ON a.s = b.s;
SELECT sum(n * n) AS joined_by_hand FROM (SELECT count(*) AS n FROM sm_many GROUP BY s::text) t;

-- text round trip of every summary, and the compact on-disk size:
-- a summary of NPS responses alone stays well under 128 bytes
SELECT count(*) FILTER (WHERE s::text::feedback_summary <> s OR s::text::feedback_summary::text <> s::text)
	   AS text_mismatches FROM sm_summary;
SELECT pg_column_size(feedback_agg(feedback('nps', g % 11))) AS nps_3000,
	   pg_column_size(feedback_agg(feedback('nps', g % 11)) FILTER (WHERE g <= 200)) AS nps_200,
	   pg_column_size('{"nps":[1000000000000,1,1,1,1,1,1,1,1,1,1]}'::feedback_summary) AS nps_huge,
	   pg_column_size('{}'::feedback_summary) AS empty
FROM generate_series(1, 3000) g;
CREATE TABLE sm_stored AS SELECT feedback_agg(feedback('nps', g % 11)) AS s FROM generate_series(1, 3000) g;
SELECT pg_column_size(s) AS stored_size FROM sm_stored;

-- the transition functions called directly leave their argument alone and
-- return the compact layout
SELECT feedback_summary_add(NULL, 'nps:9') AS from_null,
	   feedback_summary_add('{"nps":[0,0,0,0,0,0,0,0,0,1,0]}', 'nps:9') AS added,
	   feedback_summary_add('{"nps":[0,0,0,0,0,0,0,0,0,1,0]}', NULL) AS skipped,
	   feedback_summary_combine(NULL, NULL) IS NULL AS combine_nulls,
	   feedback_summary_final(NULL) AS final_null;
SELECT feedback_summary_add_score(s, 'ces', 2) = s + '{"ces/7":[0,1,0,0,0,0,0]}' AS added
FROM sm_stored;
SELECT responses(s) AS still_3000 FROM sm_stored;
WITH t(s) AS (SELECT '{"csat/5":[1,0,0,0,0]}'::feedback_summary)
SELECT feedback_summary_add_scaled(s, 'csat', 2, 2) AS added, s AS unchanged FROM t;
