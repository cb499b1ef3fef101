
-- ---------------------------------------------------------------------
-- feedback_tally: the state of nps_agg, csat_agg and ces_agg
--
-- A real SQL type with a text form rather than "internal", so that Citus
-- can ship partial aggregates between nodes; 40 bytes, updated in place.
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
	INTERNALLENGTH = 40,
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
