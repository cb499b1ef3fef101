/*-------------------------------------------------------------------------
 *
 * stats.c
 *		fmgr glue for the statistics on feedback_summary: standard errors,
 *		confidence intervals and two-sample tests.  The arithmetic is all in
 *		cx_stats.c; here arguments are decoded and outcomes mapped to a
 *		float8, SQL NULL or an error.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "cx_stats.h"
#include "glue.h"
#include "summary_glue.h"

static CxCiMethod
method_arg(FunctionCallInfo fcinfo, int argno, CxMetric metric)
{
	text	   *name = PG_GETARG_TEXT_PP(argno);
	CxCiMethod	method;
	CxError		err;

	if (!cx_ci_method_parse(metric, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
							&method, &err))
		cx_raise(&err);
	return method;
}

/* The float8 result of an outcome, or NULL, or the error raised. */
#define RETURN_OUTCOME(outcome, value, err) \
	do { \
		CxStatOutcome outcome_ = (outcome); \
		if (outcome_ == CX_STAT_ERROR) \
			cx_raise(&(err)); \
		if (outcome_ == CX_STAT_NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(value); \
	} while (0)

/* ---- NPS ----------------------------------------------------------- */

PG_FUNCTION_INFO_V1(feedback_summary_nps_stderr);
Datum
feedback_summary_nps_stderr(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	double		value = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	RETURN_OUTCOME(cx_nps_stderr(&s, &value), value, err);
}

static Datum
nps_interval_end(FunctionCallInfo fcinfo, bool upper)
{
	CxSummary	s;
	CxError		err;
	CxCiMethod	method = method_arg(fcinfo, 2, CX_METRIC_NPS);
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	r = cx_nps_interval(&s, PG_GETARG_FLOAT8(1), method, &lower, &higher, &err);
	RETURN_OUTCOME(r, upper ? higher : lower, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_nps_ci_lower);
Datum
feedback_summary_nps_ci_lower(PG_FUNCTION_ARGS)
{
	return nps_interval_end(fcinfo, false);
}

PG_FUNCTION_INFO_V1(feedback_summary_nps_ci_upper);
Datum
feedback_summary_nps_ci_upper(PG_FUNCTION_ARGS)
{
	return nps_interval_end(fcinfo, true);
}

PG_FUNCTION_INFO_V1(feedback_summary_nps_test);
Datum
feedback_summary_nps_test(PG_FUNCTION_ARGS)
{
	CxSummary	a,
				b;
	CxError		err;
	double		p = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &a);
	cx_summary_from_datum(PG_GETARG_DATUM(1), &b);
	RETURN_OUTCOME(cx_nps_test(&a, &b, &p), p, err);
}

static Datum
nps_diff_end(FunctionCallInfo fcinfo, bool upper)
{
	CxSummary	a,
				b;
	CxError		err;
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &a);
	cx_summary_from_datum(PG_GETARG_DATUM(1), &b);
	r = cx_nps_diff_interval(&a, &b, PG_GETARG_FLOAT8(2), &lower, &higher, &err);
	RETURN_OUTCOME(r, upper ? higher : lower, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_nps_diff_ci_lower);
Datum
feedback_summary_nps_diff_ci_lower(PG_FUNCTION_ARGS)
{
	return nps_diff_end(fcinfo, false);
}

PG_FUNCTION_INFO_V1(feedback_summary_nps_diff_ci_upper);
Datum
feedback_summary_nps_diff_ci_upper(PG_FUNCTION_ARGS)
{
	return nps_diff_end(fcinfo, true);
}

/* ---- CSAT ---------------------------------------------------------- */

PG_FUNCTION_INFO_V1(feedback_summary_csat_stderr);
Datum
feedback_summary_csat_stderr(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	double		value = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	RETURN_OUTCOME(cx_csat_stderr(&s, &value), value, err);
}

static Datum
csat_interval_end(FunctionCallInfo fcinfo, bool upper)
{
	CxSummary	s;
	CxError		err;
	CxCiMethod	method = method_arg(fcinfo, 2, CX_METRIC_CSAT);
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	r = cx_csat_interval(&s, PG_GETARG_FLOAT8(1), method, &lower, &higher, &err);
	RETURN_OUTCOME(r, upper ? higher : lower, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_ci_lower);
Datum
feedback_summary_csat_ci_lower(PG_FUNCTION_ARGS)
{
	return csat_interval_end(fcinfo, false);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_ci_upper);
Datum
feedback_summary_csat_ci_upper(PG_FUNCTION_ARGS)
{
	return csat_interval_end(fcinfo, true);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_test);
Datum
feedback_summary_csat_test(PG_FUNCTION_ARGS)
{
	CxSummary	a,
				b;
	CxError		err;
	double		p = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &a);
	cx_summary_from_datum(PG_GETARG_DATUM(1), &b);
	RETURN_OUTCOME(cx_csat_test(&a, &b, &p), p, err);
}

/* ---- CES ----------------------------------------------------------- */

PG_FUNCTION_INFO_V1(feedback_summary_ces_stderr);
Datum
feedback_summary_ces_stderr(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	double		value = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	RETURN_OUTCOME(cx_ces_stderr(&s, &value, &err), value, err);
}

static Datum
ces_interval_end(FunctionCallInfo fcinfo, bool upper)
{
	CxSummary	s;
	CxError		err;
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	r = cx_ces_interval(&s, PG_GETARG_FLOAT8(1), &lower, &higher, &err);
	RETURN_OUTCOME(r, upper ? higher : lower, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces_ci_lower);
Datum
feedback_summary_ces_ci_lower(PG_FUNCTION_ARGS)
{
	return ces_interval_end(fcinfo, false);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces_ci_upper);
Datum
feedback_summary_ces_ci_upper(PG_FUNCTION_ARGS)
{
	return ces_interval_end(fcinfo, true);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces_test);
Datum
feedback_summary_ces_test(PG_FUNCTION_ARGS)
{
	CxSummary	a,
				b;
	CxError		err;
	double		p = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &a);
	cx_summary_from_datum(PG_GETARG_DATUM(1), &b);
	RETURN_OUTCOME(cx_ces_test(&a, &b, &p, &err), p, err);
}
