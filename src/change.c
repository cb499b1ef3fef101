/*-------------------------------------------------------------------------
 *
 * change.c
 *		fmgr glue of change_agg and the feedback_change type: transition,
 *		inverse and combine functions, I/O, category moves and the paired
 *		statistics.  The arithmetic is all in cx_change.c.
 *
 * The transition functions are STRICT with an INITCOND (the empty state),
 * so the executor skips a pair with a NULL side and hands us a state
 * already copied into the aggregate context, which we update in place
 * (see CX_IN_AGG).  A direct SQL call works on a copy.
 *
 *-------------------------------------------------------------------------
 */
#include "glue.h"

#include "libpq/pqformat.h"

#include "cx_change.h"

#define PG_GETARG_CHANGE_P(n)	((CxChange *) PG_GETARG_POINTER(n))
#define PG_GETARG_FEEDBACK(n)	((CxFeedback) DatumGetUInt32(PG_GETARG_DATUM(n)))

/* INTERNALLENGTH of feedback_change in the update script */
StaticAssertDecl(sizeof(CxChange) == 80, "feedback_change is 80 bytes");

/*
 * The state argument, writable: in place when called as an aggregate, else
 * a copy, because a direct SQL call must not change its argument.
 */
static inline CxChange *
change_for_update(FunctionCallInfo fcinfo)
{
	CxChange   *c = PG_GETARG_CHANGE_P(0);

	if (unlikely(!CX_IN_AGG(fcinfo)))
	{
		CxChange   *copy = palloc(sizeof(CxChange));

		*copy = *c;
		c = copy;
	}
	return c;
}

/* The first pair of a group, and every error, leave the fast path here. */
static pg_noinline pg_attribute_cold Datum
change_add_slow(CxChange *c, CxFeedback before, CxFeedback after)
{
	CxError		err;

	if (!cx_change_add(c, before, after, &err))
		cx_raise(&err);
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(feedback_change_add);
CX_ROW_FUNCTION Datum
feedback_change_add(PG_FUNCTION_ARGS)
{
	CxChange   *c = change_for_update(fcinfo);
	CxFeedback	before = PG_GETARG_FEEDBACK(1);
	CxFeedback	after = PG_GETARG_FEEDBACK(2);

	if (likely(cx_change_add_fast(c, before, after)))
		PG_RETURN_POINTER(c);
	return change_add_slow(c, before, after);
}

CX_NORETURN static pg_noinline pg_attribute_cold void
change_remove_failed(CxChange *c, CxFeedback before, CxFeedback after)
{
	CxError		err;

	if (!cx_change_remove(c, before, after, &err))
		cx_raise(&err);
	elog(ERROR, "feedback_change removal failed without a reason");
	pg_unreachable();
}

PG_FUNCTION_INFO_V1(feedback_change_remove);
CX_ROW_FUNCTION Datum
feedback_change_remove(PG_FUNCTION_ARGS)
{
	CxChange   *c = change_for_update(fcinfo);
	CxFeedback	before = PG_GETARG_FEEDBACK(1);
	CxFeedback	after = PG_GETARG_FEEDBACK(2);

	if (unlikely(!cx_change_remove_fast(c, before, after)))
		change_remove_failed(c, before, after);
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(feedback_change_combine);
Datum
feedback_change_combine(PG_FUNCTION_ARGS)
{
	CxChange   *into = change_for_update(fcinfo);
	CxError		err;

	if (!cx_change_combine(into, PG_GETARG_CHANGE_P(1), &err))
		cx_raise(&err);
	PG_RETURN_POINTER(into);
}

/* ---- I/O ----------------------------------------------------------- */

PG_FUNCTION_INFO_V1(feedback_change_in);
Datum
feedback_change_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CxChange   *c = palloc(sizeof(CxChange));
	CxError		err;

	if (!cx_change_parse(str, strlen(str), c, &err))
	{
		/* softly where the caller asks (pg_input_is_valid() on 16+) */
		cx_input_error(&err, CX_SOFT_CONTEXT(fcinfo));
		return (Datum) 0;
	}
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(feedback_change_out);
Datum
feedback_change_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(CX_CHANGE_TEXT_MAX);

	cx_change_format(PG_GETARG_CHANGE_P(0), buf, CX_CHANGE_TEXT_MAX);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(feedback_change_recv);
Datum
feedback_change_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CxChange   *c = palloc(sizeof(CxChange));
	int			len = buf->len - buf->cursor;
	CxError		err;

	if (!cx_change_decode((const unsigned char *) pq_getmsgbytes(buf, len),
						  (size_t) len, c, &err))
		cx_raise(&err);
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(feedback_change_send);
Datum
feedback_change_send(PG_FUNCTION_ARGS)
{
	unsigned char wire[CX_CHANGE_WIRE_LEN];
	StringInfoData buf;

	cx_change_encode(PG_GETARG_CHANGE_P(0), wire);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) wire, CX_CHANGE_WIRE_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- moves --------------------------------------------------------- */

PG_FUNCTION_INFO_V1(feedback_change_pairs);
Datum
feedback_change_pairs(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cx_change_total(PG_GETARG_CHANGE_P(0)));
}

PG_FUNCTION_INFO_V1(feedback_change_moved_up);
Datum
feedback_change_moved_up(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cx_change_moved_up(PG_GETARG_CHANGE_P(0)));
}

PG_FUNCTION_INFO_V1(feedback_change_moved_down);
Datum
feedback_change_moved_down(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cx_change_moved_down(PG_GETARG_CHANGE_P(0)));
}

PG_FUNCTION_INFO_V1(feedback_change_unchanged);
Datum
feedback_change_unchanged(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cx_change_unchanged(PG_GETARG_CHANGE_P(0)));
}

/* ---- paired statistics --------------------------------------------- */

/* The float8 result of an outcome, or NULL, or the error raised. */
static Datum
outcome_datum(FunctionCallInfo fcinfo, CxStatOutcome outcome, double value,
			  const CxError *err)
{
	if (outcome == CX_STAT_ERROR)
		cx_raise(err);
	if (outcome == CX_STAT_NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}

static Datum
change_mean(FunctionCallInfo fcinfo, CxMetric metric)
{
	CxError		err;
	double		value = 0.0;
	CxStatOutcome r = cx_change_mean(PG_GETARG_CHANGE_P(0), metric, &value, &err);

	return outcome_datum(fcinfo, r, value, &err);
}

static Datum
change_interval_end(FunctionCallInfo fcinfo, CxMetric metric, bool upper)
{
	CxError		err;
	double		lower = 0.0,
				higher = 0.0;
	CxStatOutcome r = cx_change_interval(PG_GETARG_CHANGE_P(0), metric,
										 PG_GETARG_FLOAT8(1), &lower, &higher,
										 &err);

	return outcome_datum(fcinfo, r, upper ? higher : lower, &err);
}

static Datum
change_test(FunctionCallInfo fcinfo, CxMetric metric)
{
	CxError		err;
	double		p = 0.0;
	CxStatOutcome r = cx_change_test(PG_GETARG_CHANGE_P(0), metric, &p, &err);

	return outcome_datum(fcinfo, r, p, &err);
}

PG_FUNCTION_INFO_V1(feedback_change_nps);
Datum
feedback_change_nps(PG_FUNCTION_ARGS)
{
	return change_mean(fcinfo, CX_METRIC_NPS);
}

PG_FUNCTION_INFO_V1(feedback_change_nps_ci_lower);
Datum
feedback_change_nps_ci_lower(PG_FUNCTION_ARGS)
{
	return change_interval_end(fcinfo, CX_METRIC_NPS, false);
}

PG_FUNCTION_INFO_V1(feedback_change_nps_ci_upper);
Datum
feedback_change_nps_ci_upper(PG_FUNCTION_ARGS)
{
	return change_interval_end(fcinfo, CX_METRIC_NPS, true);
}

PG_FUNCTION_INFO_V1(feedback_change_nps_test);
Datum
feedback_change_nps_test(PG_FUNCTION_ARGS)
{
	return change_test(fcinfo, CX_METRIC_NPS);
}

PG_FUNCTION_INFO_V1(feedback_change_csat);
Datum
feedback_change_csat(PG_FUNCTION_ARGS)
{
	return change_mean(fcinfo, CX_METRIC_CSAT);
}

PG_FUNCTION_INFO_V1(feedback_change_csat_ci_lower);
Datum
feedback_change_csat_ci_lower(PG_FUNCTION_ARGS)
{
	return change_interval_end(fcinfo, CX_METRIC_CSAT, false);
}

PG_FUNCTION_INFO_V1(feedback_change_csat_ci_upper);
Datum
feedback_change_csat_ci_upper(PG_FUNCTION_ARGS)
{
	return change_interval_end(fcinfo, CX_METRIC_CSAT, true);
}

PG_FUNCTION_INFO_V1(feedback_change_csat_test);
Datum
feedback_change_csat_test(PG_FUNCTION_ARGS)
{
	return change_test(fcinfo, CX_METRIC_CSAT);
}
