
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
