--
-- Survey weights: feedback_agg(feedback, weight), the weighted one-step
-- aggregates, weighted summaries (text form, merging, rollups, parallel
-- plans), and every weight error with its SQLSTATE.  The weights below are
-- multiples of 1/4, so every sum is exact in double precision whatever the
-- order of addition, and results can be compared for equality with the
-- plain-SQL formulas.
--

CREATE TABLE wt_raw AS
SELECT g AS id, g % 4 AS grp,
	   sm_hash(g, 21) % 11 AS nps_score,
	   sm_hash(g, 22) % 5 + 1 AS csat_score,
	   sm_hash(g, 23) % 7 + 1 AS ces_score,
	   CASE WHEN g % 89 = 0 THEN NULL ELSE (sm_hash(g, 24) % 13) * 0.25 END AS w
FROM generate_series(1, 6000) g;

-- the reference: weighted category sums in plain SQL
CREATE VIEW wt_reference AS
SELECT grp,
	   sum(w) FILTER (WHERE nps_score >= 9) AS promoter_w,
	   sum(w) FILTER (WHERE nps_score <= 6) AS detractor_w,
	   sum(w) AS total_w,
	   sum(w * w) AS total_w2,
	   sum(w) FILTER (WHERE csat_score >= 4) AS satisfied_w,
	   sum(w * ces_score) AS ces_wsum,
	   count(w) AS n
FROM wt_raw GROUP BY grp;
SELECT * FROM wt_reference ORDER BY grp;

SELECT grp, nps_agg(nps_score, w) AS nps, csat_agg(csat_score, 5, w) AS csat,
	   ces_agg(ces_score, 7, w) AS ces
FROM wt_raw GROUP BY grp ORDER BY grp;
SELECT r.grp,
	   nps = 100::float8 * (promoter_w - detractor_w) / total_w AS nps_ok,
	   csat = 100::float8 * satisfied_w / total_w AS csat_ok,
	   ces = ces_wsum / total_w AS ces_ok
FROM (SELECT grp, nps_agg(nps_score, w) AS nps, csat_agg(csat_score, 5, w) AS csat,
			 ces_agg(ces_score, 7, w) AS ces
	  FROM wt_raw GROUP BY grp) a JOIN wt_reference r USING (grp) ORDER BY grp;

-- the same through feedback values and through weighted summaries
CREATE TABLE wt_fb AS
SELECT id, grp, w, fb
FROM wt_raw, LATERAL (VALUES (feedback('nps', nps_score)), (feedback('csat', csat_score)),
							 (feedback('ces', ces_score))) v(fb);
SELECT a.grp,
	   a.nps = b.nps AND a.nps = nps(s) AS nps_same,
	   a.csat = b.csat AND a.csat = csat(s) AS csat_same,
	   a.ces = b.ces AND a.ces = ces(s) AS ces_same,
	   is_weighted(s), responses(s, 'nps') = r.n AS nps_responses_ok,
	   total_weight(s, 'nps') = r.total_w AS nps_weight_ok,
	   (s::text::jsonb -> 'nps' ->> 'squared_weights')::float8 = r.total_w2 AS nps_squares_ok,
	   total_weight(s, 'csat') = r.total_w AND total_weight(s, 'ces') = r.total_w AS other_weights_ok
FROM (SELECT grp, nps_agg(fb, w) AS nps, csat_agg(fb, w) AS csat, ces_agg(fb, w) AS ces,
			 feedback_agg(fb, w) AS s
	  FROM wt_fb GROUP BY grp) a
JOIN (SELECT grp, nps_agg(nps_score, w) AS nps, csat_agg(csat_score, 5, w) AS csat,
			 ces_agg(ces_score, 7, w) AS ces
	  FROM wt_raw GROUP BY grp) b USING (grp)
JOIN wt_reference r USING (grp) ORDER BY 1;

-- the text form of a weighted summary, checked by hand: weights 2 and 0.5
-- on score 9, 1 on score 0; squares 4 + 0.25 + 1
SELECT feedback_agg(fb, w) FROM (VALUES ('nps:9'::feedback, 2.0), ('nps:9', 0.5), ('nps:0', 1)) t(fb, w);
SELECT nps(s), total_weight(s, 'nps'), responses(s, 'nps'), promoters(s), detractors(s)
FROM (SELECT feedback_agg(fb, w) AS s FROM (VALUES ('nps:9'::feedback, 2.0), ('nps:9', 0.5), ('nps:0', 1)) t(fb, w)) x;
-- 100 * (2.5 - 1) / 3.5
SELECT 100 * (2.5 - 1) / 3.5 AS by_hand;
-- weights that are not binary fractions print with up to 17 digits and read back exactly
SELECT s, s::text::feedback_summary = s AS round_trip
FROM (SELECT feedback_agg(fb, w) AS s
	  FROM (VALUES ('csat:2/2'::feedback, 0.1::float8), ('csat:2/2', 0.2), ('csat:1/2', 1.0 / 3)) t(fb, w)) x;
SELECT count(*) FILTER (WHERE s::text::feedback_summary <> s OR s::text::feedback_summary::text <> s::text)
	   AS text_mismatches
FROM (SELECT grp, feedback_agg(fb, w / 3) AS s FROM wt_fb GROUP BY grp) x;
-- weighted text input: every bucket has counts, weights and squared_weights
SELECT '{"ces/5":{"counts":[1,0,0,0,1],"weights":[3,0,0,0,1],"squared_weights":10}}'::feedback_summary AS s,
	   ces('{"ces/5":{"counts":[1,0,0,0,1],"weights":[3,0,0,0,1],"squared_weights":10}}') AS ces;	-- (3*1 + 1*5) / 4
SELECT v, error_detail_of(format('SELECT %L::feedback_summary', v))
FROM (VALUES ('{"csat/2":{"counts":[1,1],"weights":[1,1]}}'),
			 ('{"csat/2":{"counts":[1,1],"weights":[1,-1],"squared_weights":2}}'),
			 ('{"csat/2":{"counts":[1,1],"weights":[1,1e999],"squared_weights":2}}'),
			 ('{"csat/2":{"counts":[1,0],"weights":[1,1],"squared_weights":2}}'),
			 ('{"csat/2":{"counts":[1,1],"weights":[1,NaN],"squared_weights":2}}'),
			 ('{"csat/2":[1,1],"csat/3":{"counts":[1,1,1],"weights":[1,1,1],"squared_weights":3}}')) t(v);

-- every weight 1 gives exactly the unweighted results
SELECT nps_agg(nps_score, 1) = nps_agg(nps_score) AS nps_eq,
	   csat_agg(csat_score, 5, 1) = csat_agg(csat_score) AS csat_eq,
	   ces_agg(ces_score, 7, 1) = ces_agg(ces_score) AS ces_eq
FROM wt_raw;

-- NULL score, scale or weight skips the row; no rows give NULL; a total
-- weight of 0 gives NULL although the responses are counted
-- promoters 1 + 3, detractor 1: 100 * (4 - 1) / 5 = 60
SELECT nps_agg(s, w) FROM (VALUES (10, 1.0), (NULL, 1.0), (0, NULL), (9, 3.0), (3, 1.0)) t(s, w);
-- a NULL scale skips its row: CSAT satisfied 1 of 2 = 50; CES (7 + 3) / 2 = 5
SELECT csat_agg(s, scale, w) AS csat, ces_agg(s + 2, scale + 2, w) AS ces
FROM (VALUES (5, 5, 1.0), (1, NULL, 5.0), (1, 5, 1.0)) t(s, scale, w);
SELECT nps_agg(s, w) AS no_rows, feedback_agg(fb, w) AS no_rows_summary
FROM (VALUES (1, 1.0, 'nps:1'::feedback)) t(s, w, fb) WHERE false;
SELECT nps(s) AS nps, responses(s) AS responses, total_weight(s, 'nps') AS weight, is_weighted(s)
FROM (SELECT feedback_agg(fb, 0) AS s FROM (VALUES ('nps:10'::feedback), ('nps:3')) t(fb)) x;
SELECT feedback_agg(fb, w) AS nulls_skipped
FROM (VALUES ('nps:10'::feedback, NULL::float8), (NULL, 1), ('nps:0', 1)) t(fb, w);

-- errors: negative, NaN and infinite weights are 22023; a weight whose
-- square overflows is 22003; scores, scales and CES scale mixing as usual
SELECT error_detail_of($$SELECT nps_agg(9, -1.0)$$);
SELECT error_of($$SELECT nps_agg(9, 'NaN')$$), error_of($$SELECT nps_agg(9, 'Infinity')$$),
	   error_of($$SELECT nps_agg(9, '-Infinity')$$), error_of($$SELECT feedback_agg('nps:9'::feedback, -0.25)$$);
SELECT nps_agg(9, -1.0);
SELECT error_of($$SELECT nps_agg(9, 1e200)$$) AS square_overflow,
	   error_of($$SELECT feedback_agg(fb, 1e300) FROM (VALUES ('nps:1'::feedback), ('nps:1')) t(fb)$$) AS sum_overflow;
-- -0.0 is not negative: it is a zero weight, stored as 0
SELECT feedback_agg('nps:9'::feedback, '-0'::float8) AS negative_zero;
SELECT error_of($$SELECT nps_agg(11, 1)$$), error_of($$SELECT csat_agg(4, 4, 1)$$),
	   error_of($$SELECT csat_agg(6, 5, 1)$$), error_of($$SELECT ces_agg(6, 5, 1)$$),
	   error_of($$SELECT ces_agg(1, 6, 1)$$);
SELECT error_of($$SELECT ces_agg(fb, 1) FROM (VALUES ('ces:1/5'::feedback), ('ces:1/7')) t(fb)$$) AS ces_mixed,
	   csat_agg(fb, 1) AS csat_mixed_is_fine
FROM (VALUES ('csat:2/2'::feedback), ('csat:1/5'), ('csat:5/5')) t(fb);

-- merging: an unweighted summary joins a weighted one with weight 1 per
-- response; sums of weights and of squares add exactly
SELECT '{"nps":[0,0,0,0,0,0,0,0,0,1,0]}'::feedback_summary
	   + '{"nps":{"counts":[1,0,0,0,0,0,0,0,0,1,0],"weights":[0.5,0,0,0,0,0,0,0,0,2,0],"squared_weights":4.25}}' AS merged;
SELECT (SELECT feedback_agg(s) FROM (SELECT grp, feedback_agg(fb, w) AS s FROM wt_fb GROUP BY grp) d)
	   = (SELECT feedback_agg(fb, w) FROM wt_fb) AS rollup_exact,
	   (SELECT nps_agg(s) FROM (SELECT id % 50 AS k, feedback_agg(fb, w) AS s FROM wt_fb GROUP BY 1) d)
	   = (SELECT nps_agg(nps_score, w) FROM wt_raw) AS nps_from_rollup;

-- parallel plans give the serial results
CREATE TEMP TABLE wt_serial AS
SELECT grp, feedback_agg(fb, w) AS s, nps_agg(fb, w) AS nps FROM wt_fb GROUP BY grp;
CREATE TEMP TABLE wt_serial_scores AS
SELECT nps_agg(nps_score, w) AS nps, csat_agg(csat_score, 5, w) AS csat, ces_agg(ces_score, 7, w) AS ces FROM wt_raw;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT nps_agg(nps_score, w), csat_agg(csat_score, 5, w), ces_agg(ces_score, 7, w) FROM wt_raw;
SELECT p.nps = s.nps AND p.csat = s.csat AND p.ces = s.ces AS scores_eq
FROM (SELECT nps_agg(nps_score, w) AS nps, csat_agg(csat_score, 5, w) AS csat,
			 ces_agg(ces_score, 7, w) AS ces FROM wt_raw) p, wt_serial_scores s;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = wt_serial.s AND p.nps = wt_serial.nps) AS equal
FROM wt_serial JOIN (SELECT grp, feedback_agg(fb, w) AS s, nps_agg(fb, w) AS nps FROM wt_fb GROUP BY grp) p USING (grp);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
