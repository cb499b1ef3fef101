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
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

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

/* ---- differences and segment against the rest (0.2.0) -------------- */

typedef CxStatOutcome (*DiffInterval) (const CxSummary *a, const CxSummary *b,
									   double confidence, double *lower,
									   double *upper, CxError *err);

static Datum
diff_end(FunctionCallInfo fcinfo, DiffInterval interval, bool upper)
{
	CxSummary	a,
				b;
	CxError		err;
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &a);
	cx_summary_from_datum(PG_GETARG_DATUM(1), &b);
	r = interval(&a, &b, PG_GETARG_FLOAT8(2), &lower, &higher, &err);
	RETURN_OUTCOME(r, upper ? higher : lower, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_diff_ci_lower);
Datum
feedback_summary_csat_diff_ci_lower(PG_FUNCTION_ARGS)
{
	return diff_end(fcinfo, cx_csat_diff_interval, false);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_diff_ci_upper);
Datum
feedback_summary_csat_diff_ci_upper(PG_FUNCTION_ARGS)
{
	return diff_end(fcinfo, cx_csat_diff_interval, true);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces_diff_ci_lower);
Datum
feedback_summary_ces_diff_ci_lower(PG_FUNCTION_ARGS)
{
	return diff_end(fcinfo, cx_ces_diff_interval, false);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces_diff_ci_upper);
Datum
feedback_summary_ces_diff_ci_upper(PG_FUNCTION_ARGS)
{
	return diff_end(fcinfo, cx_ces_diff_interval, true);
}

static Datum
test_vs_rest(FunctionCallInfo fcinfo, CxMetric metric)
{
	CxSummary	segment,
				total;
	CxError		err;
	double		p = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &segment);
	cx_summary_from_datum(PG_GETARG_DATUM(1), &total);
	RETURN_OUTCOME(cx_test_vs_rest(metric, &segment, &total, &p, &err), p, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_nps_test_vs_rest);
Datum
feedback_summary_nps_test_vs_rest(PG_FUNCTION_ARGS)
{
	return test_vs_rest(fcinfo, CX_METRIC_NPS);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_test_vs_rest);
Datum
feedback_summary_csat_test_vs_rest(PG_FUNCTION_ARGS)
{
	return test_vs_rest(fcinfo, CX_METRIC_CSAT);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces_test_vs_rest);
Datum
feedback_summary_ces_test_vs_rest(PG_FUNCTION_ARGS)
{
	return test_vs_rest(fcinfo, CX_METRIC_CES);
}

/* ---- margins and sample sizes (0.2.0) ------------------------------ */

PG_FUNCTION_INFO_V1(feedback_summary_nps_margin);
Datum
feedback_summary_nps_margin(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	double		v = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	RETURN_OUTCOME(cx_nps_margin(&s, PG_GETARG_FLOAT8(1), &v, &err), v, err);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat_margin);
Datum
feedback_summary_csat_margin(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	double		v = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	RETURN_OUTCOME(cx_csat_margin(&s, PG_GETARG_FLOAT8(1), &v, &err), v, err);
}

/* The bigint result of an outcome, or NULL, or the error raised. */
#define RETURN_SIZE(outcome, value, err) \
	do { \
		CxStatOutcome outcome_ = (outcome); \
		if (outcome_ == CX_STAT_ERROR) \
			cx_raise(&(err)); \
		if (outcome_ == CX_STAT_NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_INT64(value); \
	} while (0)

/* nps_sample_size(margin, s, confidence) */
PG_FUNCTION_INFO_V1(feedback_summary_nps_sample_size);
Datum
feedback_summary_nps_sample_size(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	int64_t		n = 0;

	cx_summary_from_datum(PG_GETARG_DATUM(1), &s);
	RETURN_SIZE(cx_nps_sample_size_of(PG_GETARG_FLOAT8(0), &s, PG_GETARG_FLOAT8(2),
									  &n, &err), n, err);
}

/* nps_sample_size(margin, promoters, detractors, confidence) */
PG_FUNCTION_INFO_V1(nps_sample_size_shares);
Datum
nps_sample_size_shares(PG_FUNCTION_ARGS)
{
	CxError		err;
	int64_t		n = 0;

	if (!cx_nps_sample_size(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
							PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3), &n, &err))
		cx_raise(&err);
	PG_RETURN_INT64(n);
}

/* csat_sample_size(margin, s, confidence) */
PG_FUNCTION_INFO_V1(feedback_summary_csat_sample_size);
Datum
feedback_summary_csat_sample_size(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	int64_t		n = 0;

	cx_summary_from_datum(PG_GETARG_DATUM(1), &s);
	RETURN_SIZE(cx_csat_sample_size_of(PG_GETARG_FLOAT8(0), &s, PG_GETARG_FLOAT8(2),
									   &n, &err), n, err);
}

/* csat_sample_size(margin, satisfied, confidence) */
PG_FUNCTION_INFO_V1(csat_sample_size_share);
Datum
csat_sample_size_share(PG_FUNCTION_ARGS)
{
	CxError		err;
	int64_t		n = 0;

	if (!cx_csat_sample_size(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
							 PG_GETARG_FLOAT8(2), &n, &err))
		cx_raise(&err);
	PG_RETURN_INT64(n);
}

/* ---- response rates (0.2.0) ---------------------------------------- */

/* response_rate(responses bigint, invitations bigint) */
PG_FUNCTION_INFO_V1(cx_response_rate_counts);
Datum
cx_response_rate_counts(PG_FUNCTION_ARGS)
{
	CxError		err;
	double		v = 0.0;

	RETURN_OUTCOME(cx_response_rate(PG_GETARG_INT64(0), PG_GETARG_INT64(1), &v, &err),
				   v, err);
}

/* response_rate(s feedback_summary, invitations bigint): every response of s */
PG_FUNCTION_INFO_V1(feedback_summary_response_rate);
Datum
feedback_summary_response_rate(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxError		err;
	double		v = 0.0;

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	RETURN_OUTCOME(cx_response_rate(cx_summary_total(&s), PG_GETARG_INT64(1), &v, &err),
				   v, err);
}

static Datum
rate_end(FunctionCallInfo fcinfo, bool upper)
{
	CxError		err;
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r;

	r = cx_response_rate_interval(PG_GETARG_INT64(0), PG_GETARG_INT64(1),
								  PG_GETARG_FLOAT8(2), &lower, &higher, &err);
	RETURN_OUTCOME(r, upper ? higher : lower, err);
}

PG_FUNCTION_INFO_V1(cx_response_rate_ci_lower);
Datum
cx_response_rate_ci_lower(PG_FUNCTION_ARGS)
{
	return rate_end(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cx_response_rate_ci_upper);
Datum
cx_response_rate_ci_upper(PG_FUNCTION_ARGS)
{
	return rate_end(fcinfo, true);
}

/* ---- multiple comparisons: window functions (0.2.0) ---------------- */

/*
 * Partition-local state of p_adjust_holm / p_adjust_bh, in the memory that
 * WinGetPartitionLocalMemory hands out zeroed for each new partition.  The
 * first row of a partition reads every p-value of the partition, adjusts
 * them together and keeps the result for each row position, so that the
 * partition costs one sort however many rows it has.
 */
typedef struct PAdjustPartition
{
	bool		computed;		/* adjusted[] filled for this partition */
	int64		rows;			/* rows of the partition */
	double	   *adjusted;		/* per row position; valid where !isnull */
	bool	   *isnull;			/* per row position: p was NULL */
} PAdjustPartition;

static void
p_adjust_partition(WindowObject winobj, PAdjustPartition *part,
				   CxPAdjustMethod method)
{
	/* the partition's memory context, which is reset with the partition */
	MemoryContext cxt = GetMemoryChunkContext(part);
	int64		rows = WinGetPartitionRowCount(winobj);
	double	   *values;
	double	   *adjusted;
	int64	   *position;
	CxPRank    *work;
	size_t		m = 0;

	part->rows = rows;
	part->adjusted = MemoryContextAllocHuge(cxt, sizeof(double) * Max(rows, 1));
	part->isnull = MemoryContextAllocHuge(cxt, sizeof(bool) * Max(rows, 1));
	values = MemoryContextAllocHuge(cxt, sizeof(double) * Max(rows, 1));
	position = MemoryContextAllocHuge(cxt, sizeof(int64) * Max(rows, 1));

	for (int64 row = 0; row < rows; row++)
	{
		bool		isnull,
					isout;
		Datum		d = WinGetFuncArgInPartition(winobj, 0, row, WINDOW_SEEK_HEAD,
												 false, &isnull, &isout);

		part->isnull[row] = isnull || isout;
		if (part->isnull[row])
			continue;
		{
			double		p = DatumGetFloat8(d);
			CxError		err;

			if (!cx_p_check(p, &err))
				cx_raise(&err);
			values[m] = p;
			position[m] = row;
			m++;
		}
	}

	adjusted = MemoryContextAllocHuge(cxt, sizeof(double) * Max(m, 1));
	work = MemoryContextAllocHuge(cxt, sizeof(CxPRank) * Max(m, 1));
	cx_p_adjust(method, values, m, adjusted, work);
	for (size_t i = 0; i < m; i++)
		part->adjusted[position[i]] = adjusted[i];
	pfree(work);
	pfree(adjusted);
	pfree(position);
	pfree(values);
	part->computed = true;
}

static Datum
p_adjust_window(FunctionCallInfo fcinfo, CxPAdjustMethod method)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PAdjustPartition *part;
	int64		row;

	part = (PAdjustPartition *) WinGetPartitionLocalMemory(winobj,
														   sizeof(PAdjustPartition));
	if (!part->computed)
		p_adjust_partition(winobj, part, method);
	row = WinGetCurrentPosition(winobj);
	if (row < 0 || row >= part->rows || part->isnull[row])
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(part->adjusted[row]);
}

PG_FUNCTION_INFO_V1(cx_p_adjust_holm);
Datum
cx_p_adjust_holm(PG_FUNCTION_ARGS)
{
	return p_adjust_window(fcinfo, CX_P_HOLM);
}

PG_FUNCTION_INFO_V1(cx_p_adjust_bh);
Datum
cx_p_adjust_bh(PG_FUNCTION_ARGS)
{
	return p_adjust_window(fcinfo, CX_P_BH);
}

/* ---- jsonb report (0.2.0) ------------------------------------------ */

/*
 * summary_jsonb(s): the JSON text of cx_summary_json, read by jsonb_in.
 * Built as text because it is small and fixed in shape; jsonb_in then
 * validates it, so a formatting slip would be an error, not bad data.
 */
PG_FUNCTION_INFO_V1(feedback_summary_jsonb);
Datum
feedback_summary_jsonb(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	char		buf[CX_SUMMARY_JSON_MAX];

	cx_summary_from_datum(PG_GETARG_DATUM(0), &s);
	if (cx_summary_json(&s, buf, sizeof(buf)) == 0)
		elog(ERROR, "feedback_summary JSON report exceeds its buffer");
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf));
}
