/*-------------------------------------------------------------------------
 *
 * feedback.c
 *		The feedback type: one survey response, e.g. 'nps:9', 'csat:4/5'.
 *
 * A feedback value is the 32-bit word of cx_core.h, passed by value.  The
 * packing orders metric, then scale, then score, so comparison and hashing
 * work on the word directly.
 *
 *-------------------------------------------------------------------------
 */
#include "glue.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#define DatumGetFeedback(d)		((CxFeedback) DatumGetUInt32(d))
#define FeedbackGetDatum(f)		UInt32GetDatum(f)
#define PG_GETARG_FEEDBACK(n)	DatumGetFeedback(PG_GETARG_DATUM(n))
#define PG_RETURN_FEEDBACK(f)	return FeedbackGetDatum(f)

PG_FUNCTION_INFO_V1(feedback_in);
Datum
feedback_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CxFeedback	fb;
	CxError		err;

	if (!cx_feedback_parse(str, strlen(str), &fb, &err))
		cx_raise(&err);
	PG_RETURN_FEEDBACK(fb);
}

PG_FUNCTION_INFO_V1(feedback_out);
Datum
feedback_out(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);
	char	   *buf = palloc(CX_FEEDBACK_TEXT_MAX);

	cx_feedback_format(fb, buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(feedback_recv);
Datum
feedback_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	size_t		len = buf->len - buf->cursor;
	CxFeedback	fb;
	CxError		err;

	if (!cx_feedback_decode((const unsigned char *) buf->data + buf->cursor,
							len, &fb, &err))
		cx_raise(&err);
	buf->cursor = buf->len;
	PG_RETURN_FEEDBACK(fb);
}

PG_FUNCTION_INFO_V1(feedback_send);
Datum
feedback_send(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);
	unsigned char wire[CX_FEEDBACK_WIRE_LEN];
	StringInfoData buf;

	cx_feedback_encode(fb, wire);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) wire, CX_FEEDBACK_WIRE_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * feedback(metric text, score integer, scale integer DEFAULT NULL)
 *
 * Not strict: a NULL scale means the metric's default scale, while a NULL
 * metric or score gives NULL like any strict function would.
 */
PG_FUNCTION_INFO_V1(feedback_make);
Datum
feedback_make(PG_FUNCTION_ARGS)
{
	CxMetric	metric;
	CxFeedback	fb;
	CxError		err;
	bool		has_scale = PG_NARGS() > 2 && !PG_ARGISNULL(2);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	metric = cx_metric_from_text(PG_GETARG_TEXT_PP(0));
	if (!cx_feedback_make(metric, PG_GETARG_INT32(1), has_scale,
						  has_scale ? PG_GETARG_INT32(2) : 0, &fb, &err))
		cx_raise(&err);
	PG_RETURN_FEEDBACK(fb);
}

PG_FUNCTION_INFO_V1(feedback_metric);
Datum
feedback_metric(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);

	PG_RETURN_TEXT_P(cstring_to_text(cx_metric_name(cx_feedback_metric(fb))));
}

PG_FUNCTION_INFO_V1(feedback_score);
Datum
feedback_score(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cx_feedback_score(PG_GETARG_FEEDBACK(0)));
}

PG_FUNCTION_INFO_V1(feedback_scale);
Datum
feedback_scale(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(cx_feedback_scale(PG_GETARG_FEEDBACK(0)));
}

PG_FUNCTION_INFO_V1(feedback_category);
Datum
feedback_category(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);
	int			bucket = cx_feedback_bucket(fb);

	PG_RETURN_TEXT_P(cstring_to_text(cx_category_name(cx_feedback_metric(fb),
													  cx_category(bucket, cx_feedback_score(fb)))));
}

/*
 * Comparison support: the packed word orders as documented in cx_core.h.
 */
PG_FUNCTION_INFO_V1(feedback_cmp);
Datum
feedback_cmp(PG_FUNCTION_ARGS)
{
	CxFeedback	a = PG_GETARG_FEEDBACK(0);
	CxFeedback	b = PG_GETARG_FEEDBACK(1);

	PG_RETURN_INT32(a < b ? -1 : a > b ? 1 : 0);
}

#define FEEDBACK_COMPARISON(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_FEEDBACK(0) op PG_GETARG_FEEDBACK(1)); \
}

FEEDBACK_COMPARISON(feedback_eq, ==)
FEEDBACK_COMPARISON(feedback_ne, !=)
FEEDBACK_COMPARISON(feedback_lt, <)
FEEDBACK_COMPARISON(feedback_le, <=)
FEEDBACK_COMPARISON(feedback_gt, >)
FEEDBACK_COMPARISON(feedback_ge, >=)

PG_FUNCTION_INFO_V1(feedback_hash);
Datum
feedback_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32(PG_GETARG_FEEDBACK(0));
}

PG_FUNCTION_INFO_V1(feedback_hash_extended);
Datum
feedback_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended(PG_GETARG_FEEDBACK(0), PG_GETARG_INT64(1));
}
