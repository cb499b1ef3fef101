
-- ---------------------------------------------------------------------
-- COMMENT ON every object of the extension that 0.1.0 left without one,
-- and on the objects of 10_feedback.sql.  (Parts that come later in the
-- assembled script comment their own objects.)  psql's \df+, \do+ and
-- \dT+ and every BI tool's catalogue browser show these.
-- ---------------------------------------------------------------------

-- feedback: accessors

COMMENT ON FUNCTION @extschema@.metric(@extschema@.feedback) IS
	'metric of a response: nps, csat or ces (also feedback_metric, which an untyped literal reaches)';
COMMENT ON FUNCTION @extschema@.score(@extschema@.feedback) IS
	'score of a response on its own scale: 0..10 for NPS, 1..scale for CSAT and CES (also feedback_score)';
COMMENT ON FUNCTION @extschema@.scale(@extschema@.feedback) IS
	'highest score of the response''s scale: 10 for NPS, 2/3/5/7/10 for CSAT, 5/7 for CES; an untyped literal needs feedback_scale (scale(numeric) exists)';
COMMENT ON FUNCTION @extschema@.feedback_metric(@extschema@.feedback) IS
	'metric of a response: nps, csat or ces; the same as metric(), with a name no built-in shares';
COMMENT ON FUNCTION @extschema@.feedback_score(@extschema@.feedback) IS
	'score of a response on its own scale; the same as score(), with a name no built-in shares';
COMMENT ON FUNCTION @extschema@.feedback_scale(@extschema@.feedback) IS
	'highest score of the response''s scale; the same as scale(), which meets pg_catalog.scale(numeric) for an untyped literal';
COMMENT ON FUNCTION @extschema@.feedback_category(@extschema@.feedback) IS
	'the same as category(): promoter/passive/detractor, satisfied/neutral/dissatisfied or easy/neutral/difficult';

-- feedback: polarity

COMMENT ON FUNCTION @extschema@.polarity(@extschema@.feedback) IS
	'positive (promoter, satisfied, easy), neutral, or negative (detractor, dissatisfied, difficult), for every metric';
COMMENT ON FUNCTION @extschema@.is_positive(@extschema@.feedback) IS
	'true for promoters, satisfied and easy responses: polarity(fb) = ''positive''';
COMMENT ON FUNCTION @extschema@.is_negative(@extschema@.feedback) IS
	'true for detractors, dissatisfied and difficult responses: every unhappy customer in one filter';
COMMENT ON FUNCTION @extschema@.is_promoter(@extschema@.feedback) IS
	'true for an NPS response of 9 or 10; false for CSAT and CES';
COMMENT ON FUNCTION @extschema@.is_detractor(@extschema@.feedback) IS
	'true for an NPS response of 0 to 6; false for CSAT and CES';

-- feedback: input

COMMENT ON FUNCTION @extschema@.feedback_or_null(pg_catalog.text) IS
	'the text as feedback, or NULL if it is not valid feedback (never an error): for imports that skip or count bad rows';
COMMENT ON FUNCTION @extschema@.feedback_in(pg_catalog.cstring) IS
	'text input of feedback: metric:score or metric:score/scale, csat:good and csat:bad';
COMMENT ON FUNCTION @extschema@.feedback_out(@extschema@.feedback) IS
	'text output of feedback: nps:9, csat:4/5, ces:6/7';
COMMENT ON FUNCTION @extschema@.feedback_recv(pg_catalog.internal) IS
	'binary input of feedback: three bytes, metric code, scale, score';
COMMENT ON FUNCTION @extschema@.feedback_send(@extschema@.feedback) IS
	'binary output of feedback: three bytes, metric code, scale, score';

-- feedback: comparison

COMMENT ON OPERATOR @extschema@.= (@extschema@.feedback, @extschema@.feedback) IS
	'equal: same metric, scale and score (any two values may be compared)';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.feedback, @extschema@.feedback) IS
	'not equal (any two values may be compared)';
COMMENT ON OPERATOR @extschema@.< (@extschema@.feedback, @extschema@.feedback) IS
	'lower score, within one metric and scale; error 22023 for values of different metrics or scales';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.feedback, @extschema@.feedback) IS
	'lower or equal score, within one metric and scale; error 22023 for values of different metrics or scales';
COMMENT ON OPERATOR @extschema@.> (@extschema@.feedback, @extschema@.feedback) IS
	'higher score, within one metric and scale; error 22023 for values of different metrics or scales';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.feedback, @extschema@.feedback) IS
	'higher or equal score, within one metric and scale; error 22023 for values of different metrics or scales';
COMMENT ON FUNCTION @extschema@.feedback_lt(@extschema@.feedback, @extschema@.feedback) IS
	'implements < on feedback: within one metric and scale only (22023 otherwise)';
COMMENT ON FUNCTION @extschema@.feedback_le(@extschema@.feedback, @extschema@.feedback) IS
	'implements <= on feedback: within one metric and scale only (22023 otherwise)';
COMMENT ON FUNCTION @extschema@.feedback_gt(@extschema@.feedback, @extschema@.feedback) IS
	'implements > on feedback: within one metric and scale only (22023 otherwise)';
COMMENT ON FUNCTION @extschema@.feedback_ge(@extschema@.feedback, @extschema@.feedback) IS
	'implements >= on feedback: within one metric and scale only (22023 otherwise)';
COMMENT ON FUNCTION @extschema@.feedback_ltsel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4) IS
	'restriction selectivity of < on feedback, from statistics, without comparing values of different metrics';
COMMENT ON FUNCTION @extschema@.feedback_lesel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4) IS
	'restriction selectivity of <= on feedback, from statistics, without comparing values of different metrics';
COMMENT ON FUNCTION @extschema@.feedback_gtsel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4) IS
	'restriction selectivity of > on feedback, from statistics, without comparing values of different metrics';
COMMENT ON FUNCTION @extschema@.feedback_gesel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4) IS
	'restriction selectivity of >= on feedback, from statistics, without comparing values of different metrics';
COMMENT ON FUNCTION @extschema@.feedback_cmp(@extschema@.feedback, @extschema@.feedback) IS
	'total order of feedback for btree indexes and sorting: -1, 0 or 1 by metric (nps, csat, ces), then scale, then score';
COMMENT ON FUNCTION @extschema@.feedback_eq(@extschema@.feedback, @extschema@.feedback) IS
	'implements = on feedback';
COMMENT ON FUNCTION @extschema@.feedback_ne(@extschema@.feedback, @extschema@.feedback) IS
	'implements <> on feedback';
COMMENT ON FUNCTION @extschema@.feedback_hash(@extschema@.feedback) IS
	'hash of a feedback value, for hash indexes, hash joins and hash aggregation';
COMMENT ON FUNCTION @extschema@.feedback_hash_extended(@extschema@.feedback, pg_catalog.int8) IS
	'seeded 64-bit hash of a feedback value, for hash partitioning';
COMMENT ON OPERATOR CLASS @extschema@.feedback_ops USING btree IS
	'btree order of feedback: metric (nps, csat, ces), then scale, then score; used by ORDER BY, DISTINCT, merge joins and indexes';
COMMENT ON OPERATOR FAMILY @extschema@.feedback_ops USING btree IS
	'btree order of feedback: metric (nps, csat, ces), then scale, then score';
COMMENT ON OPERATOR CLASS @extschema@.feedback_hash_ops USING hash IS
	'hashing of feedback, for hash indexes, joins and aggregation';
COMMENT ON OPERATOR FAMILY @extschema@.feedback_hash_ops USING hash IS
	'hashing of feedback';

-- the total order, kept for the btree operator class

COMMENT ON OPERATOR cxsat_internal.< (@extschema@.feedback, @extschema@.feedback) IS
	'total order of feedback (metric, scale, score), strategy 1 of feedback_ops; not the analyst''s comparison';
COMMENT ON OPERATOR cxsat_internal.<= (@extschema@.feedback, @extschema@.feedback) IS
	'total order of feedback (metric, scale, score), strategy 2 of feedback_ops; not the analyst''s comparison';
COMMENT ON OPERATOR cxsat_internal.>= (@extschema@.feedback, @extschema@.feedback) IS
	'total order of feedback (metric, scale, score), strategy 4 of feedback_ops; not the analyst''s comparison';
COMMENT ON OPERATOR cxsat_internal.> (@extschema@.feedback, @extschema@.feedback) IS
	'total order of feedback (metric, scale, score), strategy 5 of feedback_ops; not the analyst''s comparison';
COMMENT ON FUNCTION cxsat_internal.feedback_lt(@extschema@.feedback, @extschema@.feedback) IS
	'implements cxsat_internal.< (total order of feedback, as in 0.1.0)';
COMMENT ON FUNCTION cxsat_internal.feedback_le(@extschema@.feedback, @extschema@.feedback) IS
	'implements cxsat_internal.<= (total order of feedback, as in 0.1.0)';
COMMENT ON FUNCTION cxsat_internal.feedback_gt(@extschema@.feedback, @extschema@.feedback) IS
	'implements cxsat_internal.> (total order of feedback, as in 0.1.0)';
COMMENT ON FUNCTION cxsat_internal.feedback_ge(@extschema@.feedback, @extschema@.feedback) IS
	'implements cxsat_internal.>= (total order of feedback, as in 0.1.0)';

-- feedback_tally: the state of nps_agg, csat_agg and ces_agg

COMMENT ON FUNCTION @extschema@.feedback_tally_in(pg_catalog.cstring) IS
	'text input of feedback_tally: metric=... scale=... positive=... neutral=... negative=... score_sum=...';
COMMENT ON FUNCTION @extschema@.feedback_tally_out(@extschema@.feedback_tally) IS
	'text output of feedback_tally';
COMMENT ON FUNCTION @extschema@.feedback_tally_recv(pg_catalog.internal) IS
	'binary input of feedback_tally';
COMMENT ON FUNCTION @extschema@.feedback_tally_send(@extschema@.feedback_tally) IS
	'binary output of feedback_tally';
COMMENT ON FUNCTION @extschema@.nps_tally_add_int2(@extschema@.feedback_tally, pg_catalog.int2) IS
	'transition function of nps_agg(smallint): count one score 0..10';
COMMENT ON FUNCTION @extschema@.nps_tally_add_int4(@extschema@.feedback_tally, pg_catalog.int4) IS
	'transition function of nps_agg(integer): count one score 0..10';
COMMENT ON FUNCTION @extschema@.nps_tally_add_int8(@extschema@.feedback_tally, pg_catalog.int8) IS
	'transition function of nps_agg(bigint): count one score 0..10';
COMMENT ON FUNCTION @extschema@.nps_tally_remove_int2(@extschema@.feedback_tally, pg_catalog.int2) IS
	'inverse transition function of nps_agg(smallint) in moving window frames';
COMMENT ON FUNCTION @extschema@.nps_tally_remove_int4(@extschema@.feedback_tally, pg_catalog.int4) IS
	'inverse transition function of nps_agg(integer) in moving window frames';
COMMENT ON FUNCTION @extschema@.nps_tally_remove_int8(@extschema@.feedback_tally, pg_catalog.int8) IS
	'inverse transition function of nps_agg(bigint) in moving window frames';
COMMENT ON FUNCTION @extschema@.csat_tally_add_int4(@extschema@.feedback_tally, pg_catalog.int4) IS
	'transition function of csat_agg(integer): count one score 1..5';
COMMENT ON FUNCTION @extschema@.csat_tally_remove_int4(@extschema@.feedback_tally, pg_catalog.int4) IS
	'inverse transition function of csat_agg(integer) in moving window frames';
COMMENT ON FUNCTION @extschema@.ces_tally_add_int4(@extschema@.feedback_tally, pg_catalog.int4) IS
	'transition function of ces_agg(integer): count one score 1..7';
COMMENT ON FUNCTION @extschema@.ces_tally_remove_int4(@extschema@.feedback_tally, pg_catalog.int4) IS
	'inverse transition function of ces_agg(integer) in moving window frames';
COMMENT ON FUNCTION @extschema@.csat_tally_add_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of csat_agg(score, scale)';
COMMENT ON FUNCTION @extschema@.csat_tally_remove_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4) IS
	'inverse transition function of csat_agg(score, scale) in moving window frames';
COMMENT ON FUNCTION @extschema@.ces_tally_add_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of ces_agg(score, scale)';
COMMENT ON FUNCTION @extschema@.ces_tally_remove_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4) IS
	'inverse transition function of ces_agg(score, scale) in moving window frames';
COMMENT ON FUNCTION @extschema@.feedback_tally_add(@extschema@.feedback_tally, @extschema@.feedback) IS
	'transition function of nps_agg, csat_agg and ces_agg over feedback: count a response of the aggregate''s metric';
COMMENT ON FUNCTION @extschema@.feedback_tally_remove(@extschema@.feedback_tally, @extschema@.feedback) IS
	'inverse transition function of nps_agg, csat_agg and ces_agg over feedback in moving window frames';
COMMENT ON FUNCTION @extschema@.feedback_tally_combine(@extschema@.feedback_tally, @extschema@.feedback_tally) IS
	'combine function of nps_agg, csat_agg and ces_agg: the sum of two partial tallies (parallel and partial aggregation)';
COMMENT ON FUNCTION @extschema@.feedback_tally_nps(@extschema@.feedback_tally) IS
	'final function of nps_agg: the NPS of a tally, NULL without responses';
COMMENT ON FUNCTION @extschema@.feedback_tally_csat(@extschema@.feedback_tally) IS
	'final function of csat_agg: the CSAT percentage of a tally, NULL without responses';
COMMENT ON FUNCTION @extschema@.feedback_tally_ces(@extschema@.feedback_tally) IS
	'final function of ces_agg: the mean CES score of a tally, NULL without responses';

-- feedback_summary

COMMENT ON FUNCTION @extschema@.feedback_summary_in(pg_catalog.cstring) IS
	'text input of feedback_summary: {"nps":[c0,...,c10],"csat/5":[c1,...,c5],...}';
COMMENT ON FUNCTION @extschema@.feedback_summary_out(@extschema@.feedback_summary) IS
	'text output of feedback_summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_recv(pg_catalog.internal) IS
	'binary input of feedback_summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_send(@extschema@.feedback_summary) IS
	'binary output of feedback_summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_eq(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'implements = on feedback_summary: the same counts (and weights) per score point';
COMMENT ON FUNCTION @extschema@.feedback_summary_ne(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'implements <> on feedback_summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_hash(@extschema@.feedback_summary) IS
	'hash of a feedback_summary, for DISTINCT, GROUP BY, UNION and hash joins';
COMMENT ON FUNCTION @extschema@.feedback_summary_hash_extended(@extschema@.feedback_summary, pg_catalog.int8) IS
	'seeded 64-bit hash of a feedback_summary, for hash partitioning';
COMMENT ON OPERATOR @extschema@.= (@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'equal: the same counts (and weights) per score point';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'not equal';
COMMENT ON OPERATOR @extschema@.+ (@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'merge: the summary of the responses of both (the same as merge(a, b))';
COMMENT ON OPERATOR CLASS @extschema@.feedback_summary_hash_ops USING hash IS
	'hashing of feedback_summary, for DISTINCT, GROUP BY and UNION (summaries have no order)';
COMMENT ON OPERATOR FAMILY @extschema@.feedback_summary_hash_ops USING hash IS
	'hashing of feedback_summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_add(@extschema@.feedback_summary, @extschema@.feedback) IS
	'transition function of feedback_agg(feedback): count one response';
COMMENT ON FUNCTION @extschema@.feedback_summary_add_score(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4) IS
	'transition function of feedback_agg(metric, score): count one score on the metric''s default scale';
COMMENT ON FUNCTION @extschema@.feedback_summary_add_scaled(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of feedback_agg(metric, score, scale): count one score on the given scale';
COMMENT ON FUNCTION @extschema@.feedback_summary_combine(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'combine function of the summary aggregates and transition function of the rollups: the sum of two summaries';
COMMENT ON FUNCTION @extschema@.feedback_summary_remove(@extschema@.feedback_summary, @extschema@.feedback) IS
	'inverse transition function of feedback_agg(feedback) in moving window frames';
COMMENT ON FUNCTION @extschema@.feedback_summary_remove_score(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4) IS
	'inverse transition function of feedback_agg(metric, score) in moving window frames';
COMMENT ON FUNCTION @extschema@.feedback_summary_remove_scaled(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
	'inverse transition function of feedback_agg(metric, score, scale) in moving window frames';
COMMENT ON FUNCTION @extschema@.feedback_summary_uncombine(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'inverse transition function of the rollups in moving window frames: subtract a summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_final(@extschema@.feedback_summary) IS
	'final function of the summary aggregates: the compact, canonical form of a running summary';
COMMENT ON FUNCTION @extschema@.feedback_summary_add_weighted(@extschema@.feedback_summary, @extschema@.feedback, pg_catalog.float8) IS
	'transition function of the weighted feedback aggregates: add one response with its survey weight';
COMMENT ON FUNCTION @extschema@.nps_summary_add_weighted(@extschema@.feedback_summary, pg_catalog.int4, pg_catalog.float8) IS
	'transition function of nps_agg(score, weight)';
COMMENT ON FUNCTION @extschema@.csat_summary_add_weighted(@extschema@.feedback_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
	'transition function of csat_agg(score, scale, weight)';
COMMENT ON FUNCTION @extschema@.ces_summary_add_weighted(@extschema@.feedback_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
	'transition function of ces_agg(score, scale, weight)';
