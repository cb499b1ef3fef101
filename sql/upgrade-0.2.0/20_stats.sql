
-- ---------------------------------------------------------------------
-- 20_stats: analyst statistics (issue 13, all but the paired change
-- test).  docs/reference-stats.md documents every function with its
-- errors and an example.
-- ---------------------------------------------------------------------

-- Subtraction: the rest of the company is total - segment.

CREATE FUNCTION @extschema@.subtract(total @extschema@.feedback_summary, part @extschema@.feedback_summary)
RETURNS @extschema@.feedback_summary
AS 'MODULE_PATHNAME', 'feedback_summary_subtract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.subtract(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'the responses of total that are not in part (exact counts; weight sums to 1e-9 of round-off); 22023 if part is not contained in total';

CREATE OPERATOR @extschema@.- (
	LEFTARG = @extschema@.feedback_summary, RIGHTARG = @extschema@.feedback_summary,
	FUNCTION = @extschema@.subtract
);
COMMENT ON OPERATOR @extschema@.- (@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'total - part: the responses of total that are not in part, as subtract(total, part)';

-- Difference intervals (a minus b), like nps_diff_ci_lower/upper.

CREATE FUNCTION @extschema@.csat_diff_ci_lower(a @extschema@.feedback_summary, b @extschema@.feedback_summary,
												confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_diff_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_diff_ci_lower(@extschema@.feedback_summary, @extschema@.feedback_summary, pg_catalog.float8) IS
	'lower end of the (unpooled) Wald interval of CSAT(a) - CSAT(b), in points';

CREATE FUNCTION @extschema@.csat_diff_ci_upper(a @extschema@.feedback_summary, b @extschema@.feedback_summary,
												confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_diff_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_diff_ci_upper(@extschema@.feedback_summary, @extschema@.feedback_summary, pg_catalog.float8) IS
	'upper end of the (unpooled) Wald interval of CSAT(a) - CSAT(b), in points';

CREATE FUNCTION @extschema@.ces_diff_ci_lower(a @extschema@.feedback_summary, b @extschema@.feedback_summary,
											   confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_diff_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_diff_ci_lower(@extschema@.feedback_summary, @extschema@.feedback_summary, pg_catalog.float8) IS
	'lower end of the Welch t interval of CES(a) - CES(b), in score units';

CREATE FUNCTION @extschema@.ces_diff_ci_upper(a @extschema@.feedback_summary, b @extschema@.feedback_summary,
											   confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_diff_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_diff_ci_upper(@extschema@.feedback_summary, @extschema@.feedback_summary, pg_catalog.float8) IS
	'upper end of the Welch t interval of CES(a) - CES(b), in score units';

-- Segment against the rest: the test of segment against total - segment.

CREATE FUNCTION @extschema@.nps_test_vs_rest(segment @extschema@.feedback_summary, total @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_test_vs_rest'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_test_vs_rest(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'two-sided p-value of nps_test(segment, total - segment); 22023 if segment is not contained in total';

CREATE FUNCTION @extschema@.csat_test_vs_rest(segment @extschema@.feedback_summary, total @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_test_vs_rest'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_test_vs_rest(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'two-sided p-value of csat_test(segment, total - segment); 22023 if segment is not contained in total';

CREATE FUNCTION @extschema@.ces_test_vs_rest(segment @extschema@.feedback_summary, total @extschema@.feedback_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_ces_test_vs_rest'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_test_vs_rest(@extschema@.feedback_summary, @extschema@.feedback_summary) IS
	'two-sided p-value of ces_test(segment, total - segment); 22023 if segment is not contained in total';

-- Multiple comparisons: window functions over the p-values of a
-- partition, as R's p.adjust.  Not strict: a NULL p gives NULL and is not
-- counted.

CREATE FUNCTION @extschema@.p_adjust_holm(p pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'cx_p_adjust_holm'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.p_adjust_holm(pg_catalog.float8) IS
	'window function: Holm-adjusted p-value among the partition''s non-NULL p-values (family-wise error), as R''s p.adjust(p, "holm")';

CREATE FUNCTION @extschema@.p_adjust_bh(p pg_catalog.float8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'cx_p_adjust_bh'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.p_adjust_bh(pg_catalog.float8) IS
	'window function: Benjamini-Hochberg-adjusted p-value among the partition''s non-NULL p-values (false discovery rate), as R''s p.adjust(p, "BH")';

-- Margins of error and sample sizes (adjusted-Wald: Rocks for NPS,
-- Agresti-Coull for CSAT).  Margins are in points.

CREATE FUNCTION @extschema@.nps_margin(s @extschema@.feedback_summary,
										confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_margin'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_margin(@extschema@.feedback_summary, pg_catalog.float8) IS
	'margin of error of the NPS in points: half the width of the adjusted-Wald interval (Rocks 2016)';

CREATE FUNCTION @extschema@.nps_sample_size(margin pg_catalog.float8, s @extschema@.feedback_summary,
											 confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'feedback_summary_nps_sample_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_sample_size(pg_catalog.float8, @extschema@.feedback_summary, pg_catalog.float8) IS
	'responses needed for an NPS margin of +/- margin points at the summary''s shares: ceil(z^2 s^2 / m^2 - 3), s^2 = p + d - (p - d)^2 (MeasuringU, adjusted Wald)';

CREATE FUNCTION @extschema@.nps_sample_size(margin pg_catalog.float8, promoters pg_catalog.float8,
											 detractors pg_catalog.float8,
											 confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_sample_size_shares'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_sample_size(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
	'responses needed for an NPS margin of +/- margin points at planned promoter and detractor shares (0..1): ceil(z^2 s^2 / m^2 - 3), s^2 = p + d - (p - d)^2';

CREATE FUNCTION @extschema@.csat_margin(s @extschema@.feedback_summary,
										 confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_margin'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_margin(@extschema@.feedback_summary, pg_catalog.float8) IS
	'margin of error of CSAT in points: half the width of the adjusted-Wald (Agresti-Coull) interval, which contains the Wilson interval';

CREATE FUNCTION @extschema@.csat_sample_size(margin pg_catalog.float8, s @extschema@.feedback_summary,
											  confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'feedback_summary_csat_sample_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_sample_size(pg_catalog.float8, @extschema@.feedback_summary, pg_catalog.float8) IS
	'responses needed for a CSAT margin of +/- margin points at the summary''s satisfied share: ceil(z^2 p (1 - p) / m^2 - z^2) (adjusted Wald, Agresti-Coull)';

CREATE FUNCTION @extschema@.csat_sample_size(margin pg_catalog.float8, satisfied pg_catalog.float8,
											  confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'csat_sample_size_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_sample_size(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
	'responses needed for a CSAT margin of +/- margin points at a planned satisfied share (0..1): ceil(z^2 p (1 - p) / m^2 - z^2)';

-- Response rates.

CREATE FUNCTION @extschema@.response_rate(s @extschema@.feedback_summary, invitations pg_catalog.int8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'feedback_summary_response_rate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_rate(@extschema@.feedback_summary, pg_catalog.int8) IS
	'percent of invitations answered, counting responses(s) (every response of every metric); NULL for 0 invitations';

CREATE FUNCTION @extschema@.response_rate(responses pg_catalog.int8, invitations pg_catalog.int8)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'cx_response_rate_counts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_rate(pg_catalog.int8, pg_catalog.int8) IS
	'100 * responses / invitations; NULL for 0 invitations; 22023 if negative or responses > invitations';

CREATE FUNCTION @extschema@.response_rate_ci_lower(responses pg_catalog.int8, invitations pg_catalog.int8,
													confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'cx_response_rate_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_rate_ci_lower(pg_catalog.int8, pg_catalog.int8, pg_catalog.float8) IS
	'lower end of the Wilson interval of the response rate, in percent';

CREATE FUNCTION @extschema@.response_rate_ci_upper(responses pg_catalog.int8, invitations pg_catalog.int8,
													confidence pg_catalog.float8 DEFAULT 0.95)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'cx_response_rate_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.response_rate_ci_upper(pg_catalog.int8, pg_catalog.int8, pg_catalog.float8) IS
	'upper end of the Wilson interval of the response rate, in percent';

-- jsonb report, for BI tools that cannot read feedback_summary.  The cast
-- is explicit: the report holds computed statistics, and storing it
-- should be asked for (s::jsonb), not happen on assignment.

CREATE FUNCTION @extschema@.summary_jsonb(s @extschema@.feedback_summary)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'feedback_summary_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.summary_jsonb(@extschema@.feedback_summary) IS
	'the summary as jsonb: responses, weighted, and per metric responses, score, stderr, category counts and counts per scale';

CREATE CAST (@extschema@.feedback_summary AS pg_catalog.jsonb)
	WITH FUNCTION @extschema@.summary_jsonb(@extschema@.feedback_summary);
COMMENT ON CAST (@extschema@.feedback_summary AS pg_catalog.jsonb) IS
	'summary_jsonb(s): the report of a summary for BI tools';
