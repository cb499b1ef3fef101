
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
