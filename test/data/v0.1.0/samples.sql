-- The 0.1.0 sample values (see README.md).  Run on a server where
-- CREATE EXTENSION cxsat VERSION '0.1.0' has just been done.
CREATE TABLE s_feedback (id int4 PRIMARY KEY, fb feedback);
CREATE TABLE s_tally (id int4 PRIMARY KEY, t feedback_tally);
CREATE TABLE s_summary (id int4 PRIMARY KEY, s feedback_summary);

-- every valid feedback value (all 50 score points of the 8 scales), a NULL
INSERT INTO s_feedback
SELECT row_number() OVER (ORDER BY m, sc, score), feedback(m, score, sc)
FROM (SELECT 'nps' AS m, 10 AS sc UNION ALL
	  SELECT 'csat', x FROM unnest(ARRAY[2, 3, 5, 7, 10]) x UNION ALL
	  SELECT 'ces', x FROM unnest(ARRAY[5, 7]) x) b,
	 LATERAL generate_series(CASE WHEN m = 'nps' THEN 0 ELSE 1 END, sc) score;
INSERT INTO s_feedback VALUES (0, NULL);

-- tallies: the states nps_agg, csat_agg and ces_agg build, folded with the
-- 0.1.0 transition functions, and hand-typed edge cases
CREATE AGGREGATE pg_temp.fold_nps(feedback) (SFUNC = feedback_tally_add, STYPE = feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0');
CREATE AGGREGATE pg_temp.fold_csat(feedback) (SFUNC = feedback_tally_add, STYPE = feedback_tally,
	INITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0');
CREATE AGGREGATE pg_temp.fold_ces(feedback) (SFUNC = feedback_tally_add, STYPE = feedback_tally,
	INITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0');
INSERT INTO s_tally VALUES
	(1, 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0'),
	(2, 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0'),
	(3, 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0'),
	(4, (SELECT pg_temp.fold_nps(fb) FROM s_feedback WHERE metric(fb) = 'nps')),
	(5, (SELECT pg_temp.fold_csat(fb) FROM s_feedback WHERE fb::text LIKE 'csat:%/5')),
	(6, (SELECT pg_temp.fold_csat(fb) FROM s_feedback WHERE metric(fb) = 'csat')),
	(7, (SELECT pg_temp.fold_ces(fb) FROM s_feedback WHERE fb::text LIKE 'ces:%/7')),
	(8, (SELECT pg_temp.fold_ces(fb) FROM s_feedback WHERE fb::text LIKE 'ces:%/5')),
	-- big counts: every count at its limit (the total fits in int64)
	(9, 'metric=nps scale=10 positive=0 neutral=0 negative=9223372036854775807 score_sum=0'),
	(10, 'metric=nps scale=10 positive=3074457345618258602 neutral=3074457345618258602 negative=3074457345618258603 score_sum=0'),
	-- the score sum at its limit, 2^56 - 1
	(11, 'metric=ces scale=7 positive=11000000000000000 neutral=0 negative=0 score_sum=72057594037927935'),
	(12, 'metric=csat scale=mixed positive=1 neutral=1 negative=1 score_sum=14'),
	(13, NULL);

-- summaries
INSERT INTO s_summary VALUES
	(1, '{}'),
	(2, (SELECT feedback_agg(fb) FROM s_feedback WHERE metric(fb) = 'nps')),
	-- every metric and scale
	(3, (SELECT feedback_agg(fb) FROM s_feedback)),
	(4, (SELECT feedback_agg(fb) FROM s_feedback, generate_series(1, id % 7 + 1) g)),
	-- every count width (1, 2, 4 and 8 bytes) of the compact form
	(5, '{"nps":[1,255,256,65535,65536,4294967295,4294967296,0,0,0,7],"ces/7":[0,0,0,0,0,0,1]}'),
	-- the largest total
	(6, '{"nps":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}'),
	(7, '{"csat/2":[4611686018427387903,4611686018427387904]}'),
	-- weighted: one metric, every metric, zero, tiny and huge weights
	(8, (SELECT feedback_agg(fb, (id % 5) * 0.37 + 0.1) FROM s_feedback WHERE metric(fb) = 'nps')),
	(9, (SELECT feedback_agg(fb, CASE id % 4 WHEN 0 THEN 0 WHEN 1 THEN 1e-300 WHEN 2 THEN 1e150 ELSE 1.0 / 3 END)
		 FROM s_feedback)),
	(10, (SELECT feedback_agg(fb, 0) FROM s_feedback WHERE fb::text LIKE 'csat:%/3')),
	-- weighted merged with unweighted (the unweighted side has weight 1)
	(11, (SELECT feedback_agg(fb, 2.5) FROM s_feedback WHERE metric(fb) = 'ces')
		 + (SELECT feedback_agg(fb) FROM s_feedback WHERE metric(fb) = 'csat')),
	-- CES on both scales, and a rollup of rollups
	(12, (SELECT feedback_agg(fb) FROM s_feedback WHERE metric(fb) = 'ces')),
	(13, (SELECT feedback_agg(s) FROM (SELECT feedback_agg(fb) AS s FROM s_feedback GROUP BY id % 3) r)),
	(14, NULL);

-- one table with a column of each type, for the on-disk sample
CREATE TABLE s_disk (id int4, fb feedback, t feedback_tally, s feedback_summary);
INSERT INTO s_disk
SELECT id, f.fb, t.t, s.s
FROM s_feedback f FULL JOIN s_tally t USING (id) FULL JOIN s_summary s USING (id)
ORDER BY id;

-- The raw layouts of feedback_summary (the in-place aggregate states) reach
-- disk too: a user aggregate over the 0.1.0 transition functions without
-- the final function returns its state as it is.  0.1.0 reads them back,
-- so every later version must.
CREATE AGGREGATE pg_temp.raw_agg(feedback) (SFUNC = feedback_summary_add, STYPE = feedback_summary);
CREATE AGGREGATE pg_temp.raw_agg(feedback, float8) (SFUNC = feedback_summary_add_weighted,
	STYPE = feedback_summary);
CREATE TABLE s_raw (id int4, s feedback_summary);
INSERT INTO s_raw VALUES
	-- single-scale raw: one scale, unweighted
	(1, (SELECT pg_temp.raw_agg(fb) FROM s_feedback WHERE metric(fb) = 'nps')),
	(2, (SELECT pg_temp.raw_agg(fb) FROM s_feedback, generate_series(1, id) g WHERE fb::text LIKE 'ces:%/7')),
	-- raw: several scales, unweighted and weighted
	(3, (SELECT pg_temp.raw_agg(fb) FROM s_feedback)),
	(4, (SELECT pg_temp.raw_agg(fb, id * 0.25) FROM s_feedback)),
	(5, (SELECT pg_temp.raw_agg(fb, 0.1) FROM s_feedback WHERE metric(fb) = 'csat'));
