--
-- Every transition, inverse, combine and final function of the aggregates
-- is an ordinary SQL function that anyone may call with any argument.
-- Called outside an aggregate it must return a new value and leave its
-- argument alone: the argument may point straight into a shared buffer,
-- and writing there would corrupt the table for every session.  Wrong
-- calls (a score for another metric, removing what was never added) are
-- errors, NULLs are handled.
--
CREATE TABLE dc (
	id int PRIMARY KEY,
	t feedback_tally,
	s feedback_summary,
	ws feedback_summary
);
-- t: an NPS tally of a promoter (9), a passive (7) and a detractor (1)
INSERT INTO dc VALUES
	(1, 'metric=nps scale=10 positive=1 neutral=1 negative=1 score_sum=17',
	 '{"nps":[1,0,0,0,0,0,0,1,0,1,0]}',
	 '{"nps":{"counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,2.5,0],"squared_weights":6.25}}');
CREATE TEMP TABLE dc_before AS SELECT id, t::text AS t, s::text AS s, ws::text AS ws FROM dc;

-- the tally functions, each on the stored value, and the value after them
SELECT nps_tally_add_int2(t, 10::int2) AS add_10, nps_tally_add_int4(t, 0) AS add_0,
	   nps_tally_add_int8(t, 8) AS add_8, t AS stored
FROM dc;
SELECT nps_tally_remove_int4(t, 9) AS remove_9, feedback_tally_add(t, 'nps:5') AS add_5,
	   feedback_tally_combine(t, t) AS doubled, t AS stored
FROM dc;
SELECT nps_tally_remove_int2(t, 1::int2) AS remove_1, nps_tally_remove_int8(t, 7) AS remove_7, t AS stored
FROM dc;
-- a response of another metric: the feedback form skips it (nps_agg(feedback)
-- counts the NPS responses of a mixed column), the score forms refuse it;
-- removing a response the tally never held, combining different metrics
SELECT feedback_tally_add(t, 'csat:4/5') AS skipped FROM dc;
SELECT csat_tally_add_int4(t, 4) FROM dc;
SELECT nps_tally_remove_int4('metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0', 9);
SELECT feedback_tally_combine(t, 'metric=ces scale=7 positive=1 neutral=0 negative=0 score_sum=7') FROM dc;

-- the summary functions
SELECT feedback_summary_add(s, 'csat:4/5') AS add_csat, feedback_summary_add_score(s, 'nps', 10) AS add_10,
	   s AS stored
FROM dc;
SELECT feedback_summary_add_scaled(s, 'csat', 2, 2) AS add_good, feedback_summary_combine(s, s) AS doubled,
	   merge(s, s) AS merged, s AS stored
FROM dc;
SELECT feedback_summary_remove(s, 'nps:0') AS remove_0, feedback_summary_remove_score(s, 'nps', 9) AS remove_9,
	   feedback_summary_remove_scaled(s, 'nps', 7, 10) AS remove_7, s AS stored
FROM dc;
SELECT feedback_summary_uncombine(feedback_summary_combine(s, s), s) AS uncombined,
	   feedback_summary_final(s) AS final, s AS stored
FROM dc;
SELECT feedback_summary_add_weighted(ws, 'nps:10', 0.5) AS add_weighted,
	   nps_summary_add_weighted(ws, 0, 1.5) AS add_nps,
	   ws AS stored
FROM dc;
SELECT csat_summary_add_weighted(ws, 4, 5, 2) AS add_csat, ces_summary_add_weighted(ws, 6, 7, 1) AS add_ces,
	   feedback_summary_add_weighted(s, 'nps:9', 3) AS unweighted_becomes_weighted
FROM dc;
-- NULLs: a NULL state starts empty, a NULL response or weight is skipped
SELECT feedback_summary_add(NULL, 'nps:9') AS from_null, feedback_summary_add(s, NULL) AS null_response,
	   feedback_summary_combine(NULL, s) AS combine_null, feedback_summary_final(NULL) AS final_null,
	   feedback_summary_add_weighted(s, 'nps:9', NULL) AS null_weight
FROM dc;
-- removing what is not there, and bad weights
SELECT feedback_summary_remove(s, 'ces:1/7') FROM dc;
SELECT feedback_summary_uncombine(s, feedback_summary_combine(s, s)) FROM dc;
SELECT feedback_summary_add_weighted(ws, 'nps:9', -1) FROM dc;
SELECT feedback_summary_add_weighted(ws, 'nps:9', 'NaN') FROM dc;
SELECT feedback_summary_add_weighted(ws, 'nps:9', 'Infinity') FROM dc;

-- after all of it the stored values are what was inserted
SELECT b.t = d.t::text AS tally_unchanged, b.s = d.s::text AS summary_unchanged,
	   b.ws = d.ws::text AS weighted_unchanged
FROM dc d JOIN dc_before b USING (id);
DROP TABLE dc;
