
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
