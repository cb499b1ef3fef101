
-- ---------------------------------------------------------------------
-- feedback: no silent traps
--
-- 0.1.0's ordering operators compared the packed word, metric first, so
-- that fb >= 'nps:9' was true of every CSAT and CES row, fb < 'csat:3' of
-- every NPS row, and lead(fb) > fb compared across metrics.  From 0.2.0 the
-- ordering operators users write compare values of one metric and scale
-- by score and raise 22023 for any other pair.
--
-- The total order itself must stay: the btree operator class (sorting,
-- ORDER BY, DISTINCT, merge joins, stored indexes) relies on it, and the
-- planner calls the operator class's < and <= on column statistics when it
-- costs a merge join, so an erroring member would make a plain equijoin on
-- a column mixing metrics fail at plan time.  Operator class members
-- cannot be swapped, and an operator's function cannot be changed.  So
-- the 0.1.0 operators < <= > >= and their functions move, unchanged, to
-- the schema cxsat_internal, where the operator class keeps using them
-- (stored indexes stay valid, no REINDEX), and new operators of the same
-- names take their place in @extschema@.  The new ones belong to no
-- operator family: no index scan, sort or planner proof ever calls them,
-- only the query's own evaluation.  A range qual on feedback is therefore
-- a filter, never an index condition.  = and <> are unchanged (total).
--
-- Views and rules written against 0.1.0 keep the operators they were
-- built with (references are by OID), now shown as
-- OPERATOR(cxsat_internal.>=); recreate them to get the checked form.
-- ---------------------------------------------------------------------

CREATE SCHEMA cxsat_internal;
COMMENT ON SCHEMA cxsat_internal IS
	'cxsat: the total order of feedback (metric, scale, score) used by its btree operator class; not for direct use';
GRANT USAGE ON SCHEMA cxsat_internal TO PUBLIC;

ALTER OPERATOR @extschema@.< (@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER OPERATOR @extschema@.<= (@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER OPERATOR @extschema@.> (@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER OPERATOR @extschema@.>= (@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER FUNCTION @extschema@.feedback_lt(@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER FUNCTION @extschema@.feedback_le(@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER FUNCTION @extschema@.feedback_gt(@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;
ALTER FUNCTION @extschema@.feedback_ge(@extschema@.feedback, @extschema@.feedback) SET SCHEMA cxsat_internal;

-- The checked comparisons.  Not LEAKPROOF: they raise an error for some
-- arguments, which is exactly what LEAKPROOF rules out.  COST 10 (the
-- default is 1) makes the planner evaluate a cheaper guard of the same
-- WHERE clause first, so that metric(fb) = 'nps' AND fb >= 'nps:9' filters
-- before it compares; SQL does not promise that order, and the README says
-- so, but PostgreSQL orders quals by cost.

CREATE FUNCTION @extschema@.feedback_lt(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_lt_checked'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;
CREATE FUNCTION @extschema@.feedback_le(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_le_checked'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;
CREATE FUNCTION @extschema@.feedback_gt(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_gt_checked'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;
CREATE FUNCTION @extschema@.feedback_ge(@extschema@.feedback, @extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_ge_checked'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;

-- Their restriction estimators never call the operator on statistics.

CREATE FUNCTION @extschema@.feedback_ltsel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_ltsel'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_lesel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_lesel'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_gtsel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_gtsel'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_gesel(pg_catalog.internal, pg_catalog.oid, pg_catalog.internal, pg_catalog.int4)
RETURNS pg_catalog.float8 AS 'MODULE_PATHNAME', 'feedback_gesel'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = @extschema@.feedback_ltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = @extschema@.feedback_lesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = @extschema@.feedback_gtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
	FUNCTION = @extschema@.feedback_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = @extschema@.feedback_gesel, JOIN = pg_catalog.scalargejoinsel
);

-- Polarity: one vocabulary for every metric.

CREATE FUNCTION @extschema@.polarity(@extschema@.feedback)
RETURNS pg_catalog.text AS 'MODULE_PATHNAME', 'feedback_polarity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_positive(@extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_is_positive'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_negative(@extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_is_negative'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_promoter(@extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_is_promoter'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_detractor(@extschema@.feedback)
RETURNS pg_catalog.bool AS 'MODULE_PATHNAME', 'feedback_is_detractor'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Accessor names that no pg_catalog function shares, so that an untyped
-- literal resolves (scale('csat:good') meets pg_catalog.scale(numeric)).
-- The 0.1.0 names metric(), score(), scale() and category() stay.

CREATE FUNCTION @extschema@.feedback_metric(@extschema@.feedback)
RETURNS pg_catalog.text AS 'MODULE_PATHNAME', 'feedback_metric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_score(@extschema@.feedback)
RETURNS pg_catalog.int4 AS 'MODULE_PATHNAME', 'feedback_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_scale(@extschema@.feedback)
RETURNS pg_catalog.int4 AS 'MODULE_PATHNAME', 'feedback_scale'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_category(@extschema@.feedback)
RETURNS pg_catalog.text AS 'MODULE_PATHNAME', 'feedback_category'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Malformed input without failing the query.

CREATE FUNCTION @extschema@.feedback_or_null(pg_catalog.text)
RETURNS @extschema@.feedback AS 'MODULE_PATHNAME', 'feedback_or_null'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
