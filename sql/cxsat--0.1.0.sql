/*
 * cxsat 0.1.0: customer-experience metrics (NPS, CSAT, CES) for PostgreSQL.
 *
 * Safe in a hostile schema: every reference to the extension's own objects
 * is qualified with @extschema@ and every built-in with pg_catalog, and no
 * function depends on the caller's search_path.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION cxsat" to load this file. \quit

-- ---------------------------------------------------------------------
-- feedback: one survey response
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.feedback;

CREATE FUNCTION @extschema@.feedback_in(pg_catalog.cstring)
RETURNS @extschema@.feedback
AS 'MODULE_PATHNAME', 'feedback_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_out(@extschema@.feedback)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'feedback_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_recv(pg_catalog.internal)
RETURNS @extschema@.feedback
AS 'MODULE_PATHNAME', 'feedback_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_send(@extschema@.feedback)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'feedback_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.feedback (
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain,
	INPUT = @extschema@.feedback_in,
	OUTPUT = @extschema@.feedback_out,
	RECEIVE = @extschema@.feedback_recv,
	SEND = @extschema@.feedback_send
);

COMMENT ON TYPE @extschema@.feedback IS
	'one survey response: metric (nps, csat, ces), score and scale, e.g. ''nps:9'', ''csat:4/5''';

CREATE FUNCTION @extschema@.feedback(metric pg_catalog.text, score pg_catalog.int4,
									  scale pg_catalog.int4 DEFAULT NULL)
RETURNS @extschema@.feedback
AS 'MODULE_PATHNAME', 'feedback_make'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.feedback(pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
	'build a feedback value; a NULL scale means the metric''s default (NPS 10, CSAT 5, CES 7)';

CREATE FUNCTION @extschema@.metric(@extschema@.feedback)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'feedback_metric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.score(@extschema@.feedback)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'feedback_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.scale(@extschema@.feedback)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'feedback_scale'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.category(@extschema@.feedback)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'feedback_category'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.category(@extschema@.feedback) IS
	'promoter/passive/detractor (NPS), satisfied/neutral/dissatisfied (CSAT), easy/neutral/difficult (CES)';

-- comparison: by metric, then scale, then score

CREATE FUNCTION @extschema@.feedback_cmp(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.int4 AS 'MODULE_PATHNAME', 'feedback_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_eq(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_ne(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_lt(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_le(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_gt(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_ge(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_hash(@extschema@.feedback)
RETURNS pg_catalog.int4 AS 'MODULE_PATHNAME', 'feedback_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.feedback_hash_extended(@extschema@.feedback, pg_catalog.int8)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.feedback_ops
	DEFAULT FOR TYPE @extschema@.feedback USING btree AS
		OPERATOR 1 @extschema@.<,
		OPERATOR 2 @extschema@.<=,
		OPERATOR 3 @extschema@.=,
		OPERATOR 4 @extschema@.>=,
		OPERATOR 5 @extschema@.>,
		FUNCTION 1 @extschema@.feedback_cmp(@extschema@.feedback, @extschema@.feedback);

CREATE OPERATOR CLASS @extschema@.feedback_hash_ops
	DEFAULT FOR TYPE @extschema@.feedback USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.feedback_hash(@extschema@.feedback),
		FUNCTION 2 @extschema@.feedback_hash_extended(@extschema@.feedback, pg_catalog.int8);

-- ---------------------------------------------------------------------
-- feedback_tally: the state of nps_agg, csat_agg and ces_agg
--
-- A real SQL type with a text form rather than "internal", so that Citus
-- can ship partial aggregates between nodes; 32 bytes, updated in place.
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.feedback_tally;

CREATE FUNCTION @extschema@.feedback_tally_in(pg_catalog.cstring)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'feedback_tally_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_out(@extschema@.feedback_tally)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'feedback_tally_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_recv(pg_catalog.internal)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'feedback_tally_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_send(@extschema@.feedback_tally)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'feedback_tally_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.feedback_tally (
	INTERNALLENGTH = 32,
	ALIGNMENT = double,
	STORAGE = plain,
	INPUT = @extschema@.feedback_tally_in,
	OUTPUT = @extschema@.feedback_tally_out,
	RECEIVE = @extschema@.feedback_tally_recv,
	SEND = @extschema@.feedback_tally_send
);

COMMENT ON TYPE @extschema@.feedback_tally IS
	'transition state of nps_agg, csat_agg and ces_agg: category counts and score sum of one metric';

-- transition, inverse, combine and final functions

CREATE FUNCTION @extschema@.nps_tally_add_int2(@extschema@.feedback_tally, pg_catalog.int2)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'nps_tally_add_int2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_tally_add_int4(@extschema@.feedback_tally, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'nps_tally_add_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_tally_add_int8(@extschema@.feedback_tally, pg_catalog.int8)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'nps_tally_add_int8'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_tally_remove_int2(@extschema@.feedback_tally, pg_catalog.int2)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'nps_tally_remove_int2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_tally_remove_int4(@extschema@.feedback_tally, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'nps_tally_remove_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_tally_remove_int8(@extschema@.feedback_tally, pg_catalog.int8)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'nps_tally_remove_int8'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_tally_add_int4(@extschema@.feedback_tally, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'csat_tally_add_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_tally_remove_int4(@extschema@.feedback_tally, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'csat_tally_remove_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_tally_add_int4(@extschema@.feedback_tally, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'ces_tally_add_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_tally_remove_int4(@extschema@.feedback_tally, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'ces_tally_remove_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_tally_add_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'csat_tally_add_scaled'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_tally_remove_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'csat_tally_remove_scaled'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_tally_add_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'ces_tally_add_scaled'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_tally_remove_scaled(@extschema@.feedback_tally, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'ces_tally_remove_scaled'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_add(@extschema@.feedback_tally, @extschema@.feedback)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'feedback_tally_add'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_remove(@extschema@.feedback_tally, @extschema@.feedback)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'feedback_tally_remove'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_combine(@extschema@.feedback_tally, @extschema@.feedback_tally)
RETURNS @extschema@.feedback_tally
AS 'MODULE_PATHNAME', 'feedback_tally_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_nps(@extschema@.feedback_tally)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_tally_nps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_csat(@extschema@.feedback_tally)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_tally_csat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_tally_ces(@extschema@.feedback_tally)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_tally_ces'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ---------------------------------------------------------------------
-- The one-step aggregates.  Each is parallel safe with a combine function
-- and has a moving-aggregate form (inverse transition) for window frames.
-- ---------------------------------------------------------------------

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int2) (
	SFUNC = @extschema@.nps_tally_add_int2,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_nps,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.nps_tally_add_int2,
	MINVFUNC = @extschema@.nps_tally_remove_int2,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int2) IS 'Net Promoter Score: 100 * (promoters - detractors) / responses, from -100 to 100 (scores 0..10)';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int4) (
	SFUNC = @extschema@.nps_tally_add_int4,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_nps,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.nps_tally_add_int4,
	MINVFUNC = @extschema@.nps_tally_remove_int4,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int4) IS 'Net Promoter Score: 100 * (promoters - detractors) / responses, from -100 to 100 (scores 0..10)';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int8) (
	SFUNC = @extschema@.nps_tally_add_int8,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_nps,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.nps_tally_add_int8,
	MINVFUNC = @extschema@.nps_tally_remove_int8,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int8) IS 'Net Promoter Score: 100 * (promoters - detractors) / responses, from -100 to 100 (scores 0..10)';

CREATE AGGREGATE @extschema@.nps_agg(@extschema@.feedback) (
	SFUNC = @extschema@.feedback_tally_add,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_nps,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.feedback_tally_add,
	MINVFUNC = @extschema@.feedback_tally_remove,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=nps scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(@extschema@.feedback) IS 'Net Promoter Score: 100 * (promoters - detractors) / responses, from -100 to 100 (NPS responses only)';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int4) (
	SFUNC = @extschema@.csat_tally_add_int4,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_csat,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.csat_tally_add_int4,
	MINVFUNC = @extschema@.csat_tally_remove_int4,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int4) IS 'CSAT: percent of responses that are satisfied, 0 to 100 (scores 1..5)';

CREATE AGGREGATE @extschema@.csat_agg(score pg_catalog.int4, scale pg_catalog.int4) (
	SFUNC = @extschema@.csat_tally_add_scaled,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_csat,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.csat_tally_add_scaled,
	MINVFUNC = @extschema@.csat_tally_remove_scaled,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(score pg_catalog.int4, scale pg_catalog.int4) IS 'CSAT: percent of responses that are satisfied, 0 to 100 (scale 2, 3, 5, 7 or 10)';

CREATE AGGREGATE @extschema@.csat_agg(@extschema@.feedback) (
	SFUNC = @extschema@.feedback_tally_add,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_csat,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.feedback_tally_add,
	MINVFUNC = @extschema@.feedback_tally_remove,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=csat scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(@extschema@.feedback) IS 'CSAT: percent of responses that are satisfied, 0 to 100 (CSAT responses only)';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int4) (
	SFUNC = @extschema@.ces_tally_add_int4,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_ces,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.ces_tally_add_int4,
	MINVFUNC = @extschema@.ces_tally_remove_int4,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int4) IS 'CES: mean customer effort score (scores 1..7)';

CREATE AGGREGATE @extschema@.ces_agg(score pg_catalog.int4, scale pg_catalog.int4) (
	SFUNC = @extschema@.ces_tally_add_scaled,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_ces,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.ces_tally_add_scaled,
	MINVFUNC = @extschema@.ces_tally_remove_scaled,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(score pg_catalog.int4, scale pg_catalog.int4) IS 'CES: mean customer effort score (scale 5 or 7)';

CREATE AGGREGATE @extschema@.ces_agg(@extschema@.feedback) (
	SFUNC = @extschema@.feedback_tally_add,
	STYPE = @extschema@.feedback_tally,
	INITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0',
	FINALFUNC = @extschema@.feedback_tally_ces,
	COMBINEFUNC = @extschema@.feedback_tally_combine,
	MSFUNC = @extschema@.feedback_tally_add,
	MINVFUNC = @extschema@.feedback_tally_remove,
	MSTYPE = @extschema@.feedback_tally,
	MINITCOND = 'metric=ces scale=none positive=0 neutral=0 negative=0 score_sum=0',
	MFINALFUNC = @extschema@.feedback_tally_ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(@extschema@.feedback) IS 'CES: mean customer effort score (CES responses only; one scale per group)';

-- ---------------------------------------------------------------------
-- feedback_summary: exact counts per score point of every metric and
-- scale, mergeable without loss, for rollups and materialized views.
--
-- Two physical layouts share the type (see src/cx_summary.h): the compact,
-- canonical one that every function returns and tables store, and a raw
-- one that only running aggregates hold.  Text and binary output are the
-- same for both.
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.feedback_summary;

CREATE FUNCTION @extschema@.feedback_summary_in(pg_catalog.cstring)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_out(@extschema@.feedback_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'feedback_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_recv(pg_catalog.internal)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_send(@extschema@.feedback_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'feedback_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.feedback_summary (
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended,
	INPUT = @extschema@.feedback_summary_in,
	OUTPUT = @extschema@.feedback_summary_out,
	RECEIVE = @extschema@.feedback_summary_recv,
	SEND = @extschema@.feedback_summary_send
);

COMMENT ON TYPE @extschema@.feedback_summary IS
	'exact response counts per score point of every metric and scale, e.g. {"nps":[c0,...,c10],"csat/5":[c1,...,c5]}; merge with + or feedback_agg';

-- equality and hashing (no ordering: summaries have no natural order, so
-- DISTINCT, GROUP BY and UNION on them use hashing)

CREATE FUNCTION @extschema@.feedback_summary_eq(@extschema@.feedback_summary, @extschema@.feedback_summary)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_summary_ne(@extschema@.feedback_summary, @extschema@.feedback_summary)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_summary_hash(@extschema@.feedback_summary)
RETURNS pg_catalog.int4 AS 'MODULE_PATHNAME', 'feedback_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_summary_hash_extended(@extschema@.feedback_summary, pg_catalog.int8)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.feedback_summary, RIGHTARG = @extschema@.feedback_summary,
	FUNCTION = @extschema@.feedback_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.feedback_summary, RIGHTARG = @extschema@.feedback_summary,
	FUNCTION = @extschema@.feedback_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);

CREATE OPERATOR CLASS @extschema@.feedback_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.feedback_summary USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.feedback_summary_hash(@extschema@.feedback_summary),
		FUNCTION 2 @extschema@.feedback_summary_hash_extended(@extschema@.feedback_summary, pg_catalog.int8);

-- merge: the sum of two summaries, for upserts into rollup tables

CREATE FUNCTION @extschema@.merge(@extschema@.feedback_summary, @extschema@.feedback_summary)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_merge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.merge(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'the summary of the responses of both summaries (exact; NULL if either is NULL)';

CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.feedback_summary, RIGHTARG = @extschema@.feedback_summary,
	FUNCTION = @extschema@.merge,
	COMMUTATOR = OPERATOR(@extschema@.+)
);

-- accessors (all strict)

CREATE FUNCTION @extschema@.nps(@extschema@.feedback_summary)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_summary_nps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps(@extschema@.feedback_summary) IS
	'Net Promoter Score of the summary''s NPS responses, -100 to 100; NULL without any';

CREATE FUNCTION @extschema@.csat(@extschema@.feedback_summary)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_summary_csat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat(@extschema@.feedback_summary) IS
	'percent of the summary''s CSAT responses that are satisfied (every scale); NULL without any';

CREATE FUNCTION @extschema@.ces(@extschema@.feedback_summary)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_summary_ces'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces(@extschema@.feedback_summary) IS
	'mean CES score of the summary; NULL without CES responses, an error if they are on two scales';

CREATE FUNCTION @extschema@.responses(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_total'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.responses(@extschema@.feedback_summary) IS
	'number of responses in the summary, all metrics';

CREATE FUNCTION @extschema@.responses(@extschema@.feedback_summary, metric pg_catalog.text)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.responses(@extschema@.feedback_summary, pg_catalog.text) IS
	'number of responses of one metric (nps, csat or ces) in the summary, every scale';

CREATE FUNCTION @extschema@.promoters(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_promoters'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoters(@extschema@.feedback_summary) IS
	'NPS responses scoring 9 or 10';

CREATE FUNCTION @extschema@.passives(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_passives'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passives(@extschema@.feedback_summary) IS
	'NPS responses scoring 7 or 8';

CREATE FUNCTION @extschema@.detractors(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_detractors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractors(@extschema@.feedback_summary) IS
	'NPS responses scoring 0 to 6';

CREATE FUNCTION @extschema@.satisfied(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_satisfied'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.satisfied(@extschema@.feedback_summary) IS
	'CSAT responses in the satisfied category, every scale';

CREATE FUNCTION @extschema@.dissatisfied(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_dissatisfied'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dissatisfied(@extschema@.feedback_summary) IS
	'CSAT responses in the dissatisfied category, every scale';

CREATE FUNCTION @extschema@.easy(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_easy'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.easy(@extschema@.feedback_summary) IS
	'CES responses in the easy category, every scale';

CREATE FUNCTION @extschema@.difficult(@extschema@.feedback_summary)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_difficult'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.difficult(@extschema@.feedback_summary) IS
	'CES responses in the difficult category, every scale';

CREATE FUNCTION @extschema@.neutral(@extschema@.feedback_summary, metric pg_catalog.text)
RETURNS pg_catalog.int8 AS 'MODULE_PATHNAME', 'feedback_summary_neutral'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.neutral(@extschema@.feedback_summary, pg_catalog.text) IS
	'responses of a metric in the middle category: NPS passives, neutral CSAT or CES';

CREATE FUNCTION @extschema@.distribution(s @extschema@.feedback_summary, metric pg_catalog.text,
										  scale pg_catalog.int4 DEFAULT NULL,
										  OUT score pg_catalog.int4, OUT responses pg_catalog.int8)
RETURNS SETOF pg_catalog.record
AS 'MODULE_PATHNAME', 'feedback_summary_distribution'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION @extschema@.distribution(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4) IS
	'responses per score point of one metric and scale, zeros included; no rows for a NULL summary or metric';

-- ---------------------------------------------------------------------
-- Aggregates with a summary as state.  The transition and combine
-- functions are not strict: the state starts as NULL, and they skip NULL
-- inputs themselves.
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.feedback_summary_add(@extschema@.feedback_summary, @extschema@.feedback)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_add_score(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_add_score'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_add_scaled(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_add_scaled'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_combine(@extschema@.feedback_summary, @extschema@.feedback_summary)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_remove(@extschema@.feedback_summary, @extschema@.feedback)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_remove'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_remove_score(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_remove_score'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_remove_scaled(@extschema@.feedback_summary, pg_catalog.text, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_remove_scaled'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_uncombine(@extschema@.feedback_summary, @extschema@.feedback_summary)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_uncombine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_summary_final(@extschema@.feedback_summary)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE @extschema@.feedback_agg(@extschema@.feedback) (
	SFUNC = @extschema@.feedback_summary_add,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.feedback_summary_final,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_add,
	MINVFUNC = @extschema@.feedback_summary_remove,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.feedback_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.feedback_agg(@extschema@.feedback) IS
	'summary of feedback values (NULLs skipped; {} over no rows)';

CREATE AGGREGATE @extschema@.feedback_agg(metric pg_catalog.text, score pg_catalog.int4) (
	SFUNC = @extschema@.feedback_summary_add_score,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.feedback_summary_final,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_add_score,
	MINVFUNC = @extschema@.feedback_summary_remove_score,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.feedback_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.feedback_agg(pg_catalog.text, pg_catalog.int4) IS
	'summary of plain scores of one metric on its default scale (NPS 10, CSAT 5, CES 7); rows with a NULL metric or score are skipped';

CREATE AGGREGATE @extschema@.feedback_agg(metric pg_catalog.text, score pg_catalog.int4, scale pg_catalog.int4) (
	SFUNC = @extschema@.feedback_summary_add_scaled,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.feedback_summary_final,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_add_scaled,
	MINVFUNC = @extschema@.feedback_summary_remove_scaled,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.feedback_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.feedback_agg(pg_catalog.text, pg_catalog.int4, pg_catalog.int4) IS
	'summary of plain scores on the given scale (a NULL scale means the default); rows with a NULL metric or score are skipped';

CREATE AGGREGATE @extschema@.feedback_agg(@extschema@.feedback_summary) (
	SFUNC = @extschema@.feedback_summary_combine,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.feedback_summary_final,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_combine,
	MINVFUNC = @extschema@.feedback_summary_uncombine,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.feedback_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.feedback_agg(@extschema@.feedback_summary) IS
	'rollup: the merge of all summaries (NULLs skipped; {} over no rows)';

CREATE AGGREGATE @extschema@.nps_agg(@extschema@.feedback_summary) (
	SFUNC = @extschema@.feedback_summary_combine,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_combine,
	MINVFUNC = @extschema@.feedback_summary_uncombine,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.nps,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(@extschema@.feedback_summary) IS
	'Net Promoter Score over merged summaries, equal to nps_agg over their raw responses';

CREATE AGGREGATE @extschema@.csat_agg(@extschema@.feedback_summary) (
	SFUNC = @extschema@.feedback_summary_combine,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_combine,
	MINVFUNC = @extschema@.feedback_summary_uncombine,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(@extschema@.feedback_summary) IS
	'CSAT over merged summaries, equal to csat_agg over their raw responses';

CREATE AGGREGATE @extschema@.ces_agg(@extschema@.feedback_summary) (
	SFUNC = @extschema@.feedback_summary_combine,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	MSFUNC = @extschema@.feedback_summary_combine,
	MINVFUNC = @extschema@.feedback_summary_uncombine,
	MSTYPE = @extschema@.feedback_summary,
	MINITCOND = '{}',
	MFINALFUNC = @extschema@.ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(@extschema@.feedback_summary) IS
	'mean CES over merged summaries, equal to ces_agg over their raw responses';

-- ---------------------------------------------------------------------
-- Survey weights.  A weighted summary keeps, per score point, the sum of
-- the weights and, per metric and scale, the sum of squared weights
-- (Kish's effective sample size needs both).  The weighted one-step
-- aggregates use a summary as their state and the weighted metric as
-- final function.  CSAT and CES take the scale explicitly in their
-- weighted forms, so that an integer weight column can never be mistaken
-- for the scale argument of csat_agg(score, scale).
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.total_weight(@extschema@.feedback_summary, metric pg_catalog.text)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_summary_total_weight'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_weight(@extschema@.feedback_summary, pg_catalog.text) IS
	'sum of the survey weights of one metric''s responses (their number if the summary is unweighted)';

CREATE FUNCTION @extschema@.is_weighted(@extschema@.feedback_summary)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_summary_is_weighted'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_weighted(@extschema@.feedback_summary) IS
	'true if the summary carries survey weights';

CREATE FUNCTION @extschema@.feedback_summary_add_weighted(@extschema@.feedback_summary, @extschema@.feedback, pg_catalog.float8)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_add_weighted'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_add_weighted(@extschema@.feedback_summary, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'nps_summary_add_weighted'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_add_weighted(@extschema@.feedback_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'csat_summary_add_weighted'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_add_weighted(@extschema@.feedback_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'ces_summary_add_weighted'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE @extschema@.feedback_agg(@extschema@.feedback, weight pg_catalog.float8) (
	SFUNC = @extschema@.feedback_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.feedback_summary_final,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.feedback_agg(@extschema@.feedback, pg_catalog.float8) IS
	'weighted summary of feedback values; rows with a NULL response or weight are skipped';

CREATE AGGREGATE @extschema@.nps_agg(score pg_catalog.int4, weight pg_catalog.float8) (
	SFUNC = @extschema@.nps_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int4, pg_catalog.float8) IS
	'weighted Net Promoter Score: 100 * (promoter weight - detractor weight) / total weight';

CREATE AGGREGATE @extschema@.csat_agg(score pg_catalog.int4, scale pg_catalog.int4, weight pg_catalog.float8) (
	SFUNC = @extschema@.csat_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
	'weighted CSAT: 100 * satisfied weight / total weight';

CREATE AGGREGATE @extschema@.ces_agg(score pg_catalog.int4, scale pg_catalog.int4, weight pg_catalog.float8) (
	SFUNC = @extschema@.ces_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS
	'weighted mean CES score';

CREATE AGGREGATE @extschema@.nps_agg(@extschema@.feedback, weight pg_catalog.float8) (
	SFUNC = @extschema@.feedback_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.nps,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(@extschema@.feedback, pg_catalog.float8) IS
	'weighted Net Promoter Score of the NPS responses';

CREATE AGGREGATE @extschema@.csat_agg(@extschema@.feedback, weight pg_catalog.float8) (
	SFUNC = @extschema@.feedback_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.csat,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(@extschema@.feedback, pg_catalog.float8) IS
	'weighted CSAT of the CSAT responses';

CREATE AGGREGATE @extschema@.ces_agg(@extschema@.feedback, weight pg_catalog.float8) (
	SFUNC = @extschema@.feedback_summary_add_weighted,
	STYPE = @extschema@.feedback_summary,
	FINALFUNC = @extschema@.ces,
	COMBINEFUNC = @extschema@.feedback_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(@extschema@.feedback, pg_catalog.float8) IS
	'weighted mean CES of the CES responses (one scale per group)';

-- ---------------------------------------------------------------------
-- Statistics on feedback_summary: standard errors, confidence intervals
-- and two-sample tests (README: "Error bars and significance").
--
-- NPS and CSAT results are in points of their own scale, CES results in
-- score units.  For a weighted summary n is Kish's effective sample size.
-- All are NULL when the summary holds no response of the metric; the
-- README lists every other NULL and error case.
-- ---------------------------------------------------------------------

-- NPS

CREATE FUNCTION @extschema@.nps_stderr(s @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_stderr'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_stderr(@extschema@.feedback_summary) IS
	'standard error of the NPS in points: 100 sqrt((p+ + p- - (p+ - p-)^2) / n)';

CREATE FUNCTION @extschema@.nps_ci_lower(s @extschema@.feedback_summary,
										  confidence pg_catalog.float8 DEFAULT 0.95,
										  method pg_catalog.text DEFAULT 'wald')
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci_lower(@extschema@.feedback_summary, pg_catalog.float8, pg_catalog.text) IS
	'lower end of the NPS confidence interval; methods wald, adjusted_wald, score (Rocks 2016)';

CREATE FUNCTION @extschema@.nps_ci_upper(s @extschema@.feedback_summary,
										  confidence pg_catalog.float8 DEFAULT 0.95,
										  method pg_catalog.text DEFAULT 'wald')
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci_upper(@extschema@.feedback_summary, pg_catalog.float8, pg_catalog.text) IS
	'upper end of the NPS confidence interval; methods wald, adjusted_wald, score (Rocks 2016)';

CREATE FUNCTION @extschema@.nps_test(a @extschema@.feedback_summary, b @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_test'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_test(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'two-sided p-value that the NPS of two independent samples differ (Wald z test)';

CREATE FUNCTION @extschema@.nps_diff_ci_lower(a @extschema@.feedback_summary, b @extschema@.feedback_summary,
											   confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_diff_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_diff_ci_lower(@extschema@.feedback_summary, @extschema@.feedback_summary, pg_catalog.float8) IS
	'lower end of the Wald interval of NPS(a) - NPS(b), in points';

CREATE FUNCTION @extschema@.nps_diff_ci_upper(a @extschema@.feedback_summary, b @extschema@.feedback_summary,
											   confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_diff_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_diff_ci_upper(@extschema@.feedback_summary, @extschema@.feedback_summary, pg_catalog.float8) IS
	'upper end of the Wald interval of NPS(a) - NPS(b), in points';

-- CSAT

CREATE FUNCTION @extschema@.csat_stderr(s @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_stderr'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_stderr(@extschema@.feedback_summary) IS
	'standard error of CSAT in points: 100 sqrt(p (1 - p) / n), every CSAT scale pooled';

CREATE FUNCTION @extschema@.csat_ci_lower(s @extschema@.feedback_summary,
										   confidence pg_catalog.float8 DEFAULT 0.95,
										   method pg_catalog.text DEFAULT 'wilson')
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_ci_lower(@extschema@.feedback_summary, pg_catalog.float8, pg_catalog.text) IS
	'lower end of the CSAT confidence interval; methods wilson, wald';

CREATE FUNCTION @extschema@.csat_ci_upper(s @extschema@.feedback_summary,
										   confidence pg_catalog.float8 DEFAULT 0.95,
										   method pg_catalog.text DEFAULT 'wilson')
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_ci_upper(@extschema@.feedback_summary, pg_catalog.float8, pg_catalog.text) IS
	'upper end of the CSAT confidence interval; methods wilson, wald';

CREATE FUNCTION @extschema@.csat_test(a @extschema@.feedback_summary, b @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_test'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_test(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'two-sided p-value that the CSAT of two independent samples differ (pooled two-proportion z test)';

-- CES

CREATE FUNCTION @extschema@.ces_stderr(s @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_stderr'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_stderr(@extschema@.feedback_summary) IS
	'standard error of the mean CES score, s / sqrt(n); NULL below two responses';

CREATE FUNCTION @extschema@.ces_ci_lower(s @extschema@.feedback_summary,
										  confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_ci_lower(@extschema@.feedback_summary, pg_catalog.float8) IS
	'lower end of the Student t interval of the mean CES score';

CREATE FUNCTION @extschema@.ces_ci_upper(s @extschema@.feedback_summary,
										  confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_ci_upper(@extschema@.feedback_summary, pg_catalog.float8) IS
	'upper end of the Student t interval of the mean CES score';

CREATE FUNCTION @extschema@.ces_test(a @extschema@.feedback_summary, b @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_test'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_test(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'two-sided p-value that the mean CES of two independent samples differ (Welch t test)';
