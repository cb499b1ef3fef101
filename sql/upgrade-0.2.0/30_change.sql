
-- ---------------------------------------------------------------------
-- Paired change: the same customers surveyed twice (paired helper)
--
-- feedback_change is the state of change_agg(before, after): the 3 x 3
-- table of (before category, after category) counts of one metric.  A real
-- SQL type with text and binary forms (Citus ships partial states as
-- text); 80 bytes, updated in place.
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.feedback_change;

CREATE FUNCTION @extschema@.feedback_change_in(pg_catalog.cstring)
RETURNS @extschema@.feedback_change
AS 'MODULE_PATHNAME', 'feedback_change_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_change_out(@extschema@.feedback_change)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'feedback_change_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_change_recv(pg_catalog.internal)
RETURNS @extschema@.feedback_change
AS 'MODULE_PATHNAME', 'feedback_change_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.feedback_change_send(@extschema@.feedback_change)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'feedback_change_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.feedback_change (
	INTERNALLENGTH = 80,
	ALIGNMENT = double,
	STORAGE = plain,
	INPUT = @extschema@.feedback_change_in,
	OUTPUT = @extschema@.feedback_change_out,
	RECEIVE = @extschema@.feedback_change_recv,
	SEND = @extschema@.feedback_change_send
);

COMMENT ON FUNCTION @extschema@.feedback_change_in(pg_catalog.cstring) IS
	'input function of feedback_change: the text form metric=... pos>pos=... neg>neg=..., strict';
COMMENT ON FUNCTION @extschema@.feedback_change_out(@extschema@.feedback_change) IS
	'output function of feedback_change: the canonical text form';
COMMENT ON FUNCTION @extschema@.feedback_change_recv(pg_catalog.internal) IS
	'binary input function of feedback_change: version, metric, nine int8 counts';
COMMENT ON FUNCTION @extschema@.feedback_change_send(@extschema@.feedback_change) IS
	'binary output function of feedback_change: version, metric, nine int8 counts (74 bytes)';

COMMENT ON TYPE @extschema@.feedback_change IS
	'state of change_agg: counts of (before category, after category) pairs of one metric, e.g. metric=nps pos>pos=5 pos>neu=1 ... neg>neg=4';

-- transition, inverse and combine functions

CREATE FUNCTION @extschema@.feedback_change_add(@extschema@.feedback_change,
												@extschema@.feedback, @extschema@.feedback)
RETURNS @extschema@.feedback_change
AS 'MODULE_PATHNAME', 'feedback_change_add'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_change_add(@extschema@.feedback_change, @extschema@.feedback, @extschema@.feedback) IS
	'transition function of change_agg: the state with one more (before, after) pair';

CREATE FUNCTION @extschema@.feedback_change_remove(@extschema@.feedback_change,
												   @extschema@.feedback, @extschema@.feedback)
RETURNS @extschema@.feedback_change
AS 'MODULE_PATHNAME', 'feedback_change_remove'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_change_remove(@extschema@.feedback_change, @extschema@.feedback, @extschema@.feedback) IS
	'inverse transition function of change_agg (window frames): the state with one (before, after) pair fewer';

CREATE FUNCTION @extschema@.feedback_change_combine(@extschema@.feedback_change, @extschema@.feedback_change)
RETURNS @extschema@.feedback_change
AS 'MODULE_PATHNAME', 'feedback_change_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_change_combine(@extschema@.feedback_change, @extschema@.feedback_change) IS
	'combine function of change_agg: the pairs of both states (same metric, or either empty)';

-- One row per customer.  STRICT: a pair with a NULL side is not counted.
CREATE AGGREGATE @extschema@.change_agg(before @extschema@.feedback, after @extschema@.feedback) (
	SFUNC = @extschema@.feedback_change_add,
	STYPE = @extschema@.feedback_change,
	INITCOND = 'metric=none pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0',
	COMBINEFUNC = @extschema@.feedback_change_combine,
	MSFUNC = @extschema@.feedback_change_add,
	MINVFUNC = @extschema@.feedback_change_remove,
	MSTYPE = @extschema@.feedback_change,
	MINITCOND = 'metric=none pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.change_agg(@extschema@.feedback, @extschema@.feedback) IS
	'paired change: one row per customer, (before, after) responses of one metric; pairs with a NULL side are not counted';

-- category moves

CREATE FUNCTION @extschema@.pairs(c @extschema@.feedback_change)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'feedback_change_pairs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pairs(@extschema@.feedback_change) IS
	'number of (before, after) pairs counted';

CREATE FUNCTION @extschema@.moved_up(c @extschema@.feedback_change)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'feedback_change_moved_up'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moved_up(@extschema@.feedback_change) IS
	'pairs whose after response is in a better category than the before response (e.g. detractor to passive or promoter)';

CREATE FUNCTION @extschema@.moved_down(c @extschema@.feedback_change)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'feedback_change_moved_down'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.moved_down(@extschema@.feedback_change) IS
	'pairs whose after response is in a worse category than the before response (e.g. promoter to passive or detractor)';

CREATE FUNCTION @extschema@.unchanged(c @extschema@.feedback_change)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'feedback_change_unchanged'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unchanged(@extschema@.feedback_change) IS
	'pairs whose before and after responses are in the same category';

-- paired statistics: per-customer difference d = code(after) - code(before)

CREATE FUNCTION @extschema@.nps_change(c @extschema@.feedback_change)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_nps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_change(@extschema@.feedback_change) IS
	'NPS after minus NPS before of the same customers, in points; NULL without pairs';

CREATE FUNCTION @extschema@.nps_change_ci_lower(c @extschema@.feedback_change,
												confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_nps_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_change_ci_lower(@extschema@.feedback_change, pg_catalog.float8) IS
	'lower end of the paired t interval of the NPS change (variance of the per-customer difference); NULL below 2 pairs';

CREATE FUNCTION @extschema@.nps_change_ci_upper(c @extschema@.feedback_change,
												confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_nps_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_change_ci_upper(@extschema@.feedback_change, pg_catalog.float8) IS
	'upper end of the paired t interval of the NPS change (variance of the per-customer difference); NULL below 2 pairs';

CREATE FUNCTION @extschema@.nps_change_test(c @extschema@.feedback_change)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_nps_test'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_change_test(@extschema@.feedback_change) IS
	'two-sided p-value of the paired t test of the NPS change; 1 when nobody changed, NULL below 2 pairs or when every customer changed alike';

CREATE FUNCTION @extschema@.csat_change(c @extschema@.feedback_change)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_csat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_change(@extschema@.feedback_change) IS
	'CSAT after minus CSAT before of the same customers, in points; NULL without pairs';

CREATE FUNCTION @extschema@.csat_change_ci_lower(c @extschema@.feedback_change,
												 confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_csat_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_change_ci_lower(@extschema@.feedback_change, pg_catalog.float8) IS
	'lower end of the paired t interval of the CSAT change (variance of the per-customer difference); NULL below 2 pairs';

CREATE FUNCTION @extschema@.csat_change_ci_upper(c @extschema@.feedback_change,
												 confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_csat_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_change_ci_upper(@extschema@.feedback_change, pg_catalog.float8) IS
	'upper end of the paired t interval of the CSAT change (variance of the per-customer difference); NULL below 2 pairs';

CREATE FUNCTION @extschema@.csat_change_test(c @extschema@.feedback_change)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_change_csat_test'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_change_test(@extschema@.feedback_change) IS
	'two-sided p-value of the paired t test of the CSAT change; 1 when nobody changed, NULL below 2 pairs or when every customer changed alike';
