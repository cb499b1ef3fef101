
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
