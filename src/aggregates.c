/*-------------------------------------------------------------------------
 *
 * aggregates.c
 *		nps_agg, csat_agg and ces_agg: transition, inverse, combine and
 *		final functions over the feedback_tally state, and the type's I/O.
 *
 * Every transition function is STRICT with an INITCOND, so the executor
 * skips NULL inputs and hands us a state already copied into the aggregate
 * context; we then update it in place (see CX_IN_AGG).  Per row that leaves
 * one inline context test, one metric test, one range test, one category
 * load and two additions: test/bench/run.sh measures it against count().
 *
 *-------------------------------------------------------------------------
 */
#include "glue.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cx_tally.h"

#define PG_GETARG_TALLY_P(n)	((CxTally *) PG_GETARG_POINTER(n))

/* INTERNALLENGTH of feedback_tally in the install script */
StaticAssertDecl(sizeof(CxTally) == 32, "feedback_tally is 32 bytes");

/*
 * The per-row functions below do the common case inline and hand every
 * rare case (a direct SQL call, the first response's scale, an error) to a
 * separate cold function, called last (a tail call) or never returning.
 * That keeps a row as cheap as count()'s: no CxError (768 bytes) in the
 * hot stack frame, so no stack-protector check; nothing live across a call,
 * so no registers to save; and the bucket and direction are constants in
 * each generated function.  test/bench/run.sh measures the result.
 */

/* A direct SQL call must not change its argument: work on a copy. */
static pg_noinline pg_attribute_cold CxTally *
tally_copy(const CxTally *t)
{
	CxTally    *copy = palloc(sizeof(CxTally));

	*copy = *t;
	return copy;
}

CX_NORETURN static pg_noinline pg_attribute_cold void
raise_wrong_metric(int32 have, CxMetric expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("feedback_tally counts %s, not %s",
					cx_metric_name((CxMetric) have),
					cx_metric_name(expected))));
	pg_unreachable();
}

CX_NORETURN static pg_noinline pg_attribute_cold void
raise_score_out_of_range(int bucket, int64 score)
{
	CxError		err;

	cx_fail_score(&err, bucket, score);
	cx_raise(&err);
}

/*
 * What cx_tally_add_fast leaves to cx_tally_add: a state of another metric
 * (the fast path's kind test is the only metric test an added row gets),
 * mixed CSAT scales, errors.
 */
static pg_noinline pg_attribute_cold Datum
tally_add_slow(CxTally *t, int bucket, int score)
{
	CxError		err;

	if (cx_tally_metric(t) != (int) cx_buckets[bucket].metric)
		raise_wrong_metric(cx_tally_metric(t), cx_buckets[bucket].metric);
	if (!cx_tally_add(t, bucket, score, &err))
		cx_raise(&err);
	PG_RETURN_POINTER(t);
}

CX_NORETURN static pg_noinline pg_attribute_cold void
raise_remove_failure(CxTally *t, int bucket, int score)
{
	CxError		err;

	if (!cx_tally_remove(t, bucket, score, &err))
		cx_raise(&err);
	elog(ERROR, "feedback tally removal failed without a reason");
	pg_unreachable();
}

/* Check that a state counts the metric its aggregate computes. */
static pg_attribute_always_inline void
tally_check_metric(const CxTally *t, CxMetric expected)
{
	if (unlikely(expected != CX_METRIC_NONE && cx_tally_metric(t) != (int) expected))
		raise_wrong_metric(cx_tally_metric(t), expected);
}

/*
 * The state argument, writable: in place when called as an aggregate, else
 * a copy, because a direct SQL call must not change its argument.
 */
static pg_attribute_always_inline CxTally *
tally_for_update(FunctionCallInfo fcinfo, CxMetric expected)
{
	CxTally    *t = PG_GETARG_TALLY_P(0);

	if (unlikely(!CX_IN_AGG(fcinfo)))
		t = tally_copy(t);
	tally_check_metric(t, expected);
	return t;
}

/* Count (or take back) one response of a known bucket, score in range. */
static pg_attribute_always_inline Datum
tally_count(CxTally *t, int bucket, int score, bool add)
{
	if (add)
	{
		if (likely(cx_tally_add_fast(t, bucket, score)))
			PG_RETURN_POINTER(t);
		return tally_add_slow(t, bucket, score);
	}
	if (unlikely(!cx_tally_remove_fast(t, bucket, score)))
		raise_remove_failure(t, bucket, score);
	PG_RETURN_POINTER(t);
}

/* Count (or take back) one score of a known bucket. */
static pg_attribute_always_inline Datum
tally_step(CxTally *t, int bucket, int64 score, bool add)
{
	if (unlikely(!cx_score_in_range(bucket, score)))
		raise_score_out_of_range(bucket, score);
	return tally_count(t, bucket, (int) score, add);
}

/* The bucket of a scale argument, or an error naming the allowed scales. */
CX_NORETURN static pg_noinline pg_attribute_cold void
raise_bad_scale(CxMetric metric, int32 scale)
{
	CxError		err;

	cx_fail_scale(&err, metric, scale);
	cx_raise(&err);
}

static pg_attribute_always_inline int
bucket_for_scale_arg(CxMetric metric, int32 scale)
{
	int			bucket = cx_bucket_for_scale(metric, scale);

	if (unlikely(bucket < 0))
		raise_bad_scale(metric, scale);
	return bucket;
}

/*
 * One fmgr function per (metric, argument type, direction): the bucket is
 * then a compile-time constant.  A direct SQL call (no aggregate context)
 * goes to name_direct, which counts into a copy of the state.
 */
#define TALLY_SCORE_FN(name, metric, bucket, getarg, add) \
static pg_noinline pg_attribute_cold Datum \
name##_direct(FunctionCallInfo fcinfo) \
{ \
	CxTally    *t = tally_copy(PG_GETARG_TALLY_P(0)); \
	tally_check_metric(t, metric); \
	return tally_step(t, bucket, getarg(1), add); \
} \
PG_FUNCTION_INFO_V1(name); \
CX_ROW_FUNCTION Datum \
name(PG_FUNCTION_ARGS) \
{ \
	CxTally    *t = PG_GETARG_TALLY_P(0); \
	if (unlikely(!CX_IN_AGG(fcinfo))) \
		return name##_direct(fcinfo); \
	if (!(add)) /* an added row's metric is part of the fast path's test */ \
		tally_check_metric(t, metric); \
	return tally_step(t, bucket, getarg(1), add); \
}

TALLY_SCORE_FN(nps_tally_add_int2, CX_METRIC_NPS, CX_BUCKET_NPS, PG_GETARG_INT16, true)
TALLY_SCORE_FN(nps_tally_add_int4, CX_METRIC_NPS, CX_BUCKET_NPS, PG_GETARG_INT32, true)
TALLY_SCORE_FN(nps_tally_add_int8, CX_METRIC_NPS, CX_BUCKET_NPS, PG_GETARG_INT64, true)
TALLY_SCORE_FN(nps_tally_remove_int2, CX_METRIC_NPS, CX_BUCKET_NPS, PG_GETARG_INT16, false)
TALLY_SCORE_FN(nps_tally_remove_int4, CX_METRIC_NPS, CX_BUCKET_NPS, PG_GETARG_INT32, false)
TALLY_SCORE_FN(nps_tally_remove_int8, CX_METRIC_NPS, CX_BUCKET_NPS, PG_GETARG_INT64, false)
TALLY_SCORE_FN(csat_tally_add_int4, CX_METRIC_CSAT, CX_BUCKET_CSAT5, PG_GETARG_INT32, true)
TALLY_SCORE_FN(csat_tally_remove_int4, CX_METRIC_CSAT, CX_BUCKET_CSAT5, PG_GETARG_INT32, false)
TALLY_SCORE_FN(ces_tally_add_int4, CX_METRIC_CES, CX_BUCKET_CES7, PG_GETARG_INT32, true)
TALLY_SCORE_FN(ces_tally_remove_int4, CX_METRIC_CES, CX_BUCKET_CES7, PG_GETARG_INT32, false)

/* (score, scale) forms: the bucket comes from the scale of each row. */
#define TALLY_SCALED_FN(name, metric, add) \
PG_FUNCTION_INFO_V1(name); \
CX_ROW_FUNCTION Datum \
name(PG_FUNCTION_ARGS) \
{ \
	CxTally    *t = tally_for_update(fcinfo, metric); \
	int			bucket = bucket_for_scale_arg(metric, PG_GETARG_INT32(2)); \
	return tally_step(t, bucket, PG_GETARG_INT32(1), add); \
}

TALLY_SCALED_FN(csat_tally_add_scaled, CX_METRIC_CSAT, true)
TALLY_SCALED_FN(csat_tally_remove_scaled, CX_METRIC_CSAT, false)
TALLY_SCALED_FN(ces_tally_add_scaled, CX_METRIC_CES, true)
TALLY_SCALED_FN(ces_tally_remove_scaled, CX_METRIC_CES, false)

/*
 * feedback input: one function serves all three aggregates, because the
 * state says which metric it counts; responses of other metrics pass by.
 * A feedback value is valid by construction (its input functions check
 * it), so its bucket is a direct lookup and its score needs no range test.
 */
static pg_attribute_always_inline Datum
tally_feedback_step(CxTally *t, CxFeedback fb, bool add)
{
	CxMetric	metric = cx_feedback_metric(fb);

	if ((int) metric != cx_tally_metric(t))
		PG_RETURN_POINTER(t);
	/* NPS has a single scale; test it first, it is the common metric */
	return tally_count(t, metric == CX_METRIC_NPS ? CX_BUCKET_NPS :
					   cx_bucket_for_scale(metric, cx_feedback_scale(fb)),
					   cx_feedback_score(fb), add);
}

static pg_noinline pg_attribute_cold Datum
tally_feedback_direct(FunctionCallInfo fcinfo, bool add)
{
	return tally_feedback_step(tally_copy(PG_GETARG_TALLY_P(0)),
							   DatumGetUInt32(PG_GETARG_DATUM(1)), add);
}

PG_FUNCTION_INFO_V1(feedback_tally_add);
CX_ROW_FUNCTION Datum
feedback_tally_add(PG_FUNCTION_ARGS)
{
	if (unlikely(!CX_IN_AGG(fcinfo)))
		return tally_feedback_direct(fcinfo, true);
	return tally_feedback_step(PG_GETARG_TALLY_P(0),
							   DatumGetUInt32(PG_GETARG_DATUM(1)), true);
}

PG_FUNCTION_INFO_V1(feedback_tally_remove);
CX_ROW_FUNCTION Datum
feedback_tally_remove(PG_FUNCTION_ARGS)
{
	if (unlikely(!CX_IN_AGG(fcinfo)))
		return tally_feedback_direct(fcinfo, false);
	return tally_feedback_step(PG_GETARG_TALLY_P(0),
							   DatumGetUInt32(PG_GETARG_DATUM(1)), false);
}

PG_FUNCTION_INFO_V1(feedback_tally_combine);
Datum
feedback_tally_combine(PG_FUNCTION_ARGS)
{
	CxTally    *into = tally_for_update(fcinfo, CX_METRIC_NONE);
	CxError		err;

	if (!cx_tally_combine(into, PG_GETARG_TALLY_P(1), &err))
		cx_raise(&err);
	PG_RETURN_POINTER(into);
}

#define TALLY_RESULT_FN(name, compute) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	double		result; \
	if (!compute(PG_GETARG_TALLY_P(0), &result)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(result); \
}

TALLY_RESULT_FN(feedback_tally_nps, cx_tally_nps)
TALLY_RESULT_FN(feedback_tally_csat, cx_tally_csat)
TALLY_RESULT_FN(feedback_tally_ces, cx_tally_ces)

/* ----------------------------------------------------------------
 * feedback_tally I/O
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(feedback_tally_in);
Datum
feedback_tally_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CxTally    *t = palloc(sizeof(CxTally));
	CxError		err;

	if (!cx_tally_parse(str, strlen(str), t, &err))
	{
		cx_input_error(&err, CX_SOFT_CONTEXT(fcinfo));
		return (Datum) 0;
	}
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(feedback_tally_out);
Datum
feedback_tally_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(CX_TALLY_TEXT_MAX);

	cx_tally_format(PG_GETARG_TALLY_P(0), buf, CX_TALLY_TEXT_MAX);
	PG_RETURN_CSTRING(buf);
}

/*
 * Wire form: metric int4, scale int4, three counts and the sum as int8
 * (the fields, not the packed memory layout).
 */
PG_FUNCTION_INFO_V1(feedback_tally_recv);
Datum
feedback_tally_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CxTally    *t = palloc0(sizeof(CxTally));
	CxTallyParts parts;
	CxError		err;

	if (buf->len - buf->cursor != 2 * 4 + 4 * 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type feedback_tally"),
				 errdetail("A binary feedback_tally is 40 bytes long, not %d.",
						   buf->len - buf->cursor)));
	parts.metric = (int32) pq_getmsgint(buf, 4);
	parts.scale = (int32) pq_getmsgint(buf, 4);
	for (int c = 0; c < CX_NCATEGORIES; c++)
		parts.count[c] = pq_getmsgint64(buf);
	parts.score_sum = pq_getmsgint64(buf);
	if (!cx_tally_pack(&parts, t, &err))
	{
		err.status = CX_ERR_BINARY;
		cx_raise(&err);
	}
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(feedback_tally_send);
Datum
feedback_tally_send(PG_FUNCTION_ARGS)
{
	CxTallyParts parts;
	StringInfoData buf;

	cx_tally_unpack(PG_GETARG_TALLY_P(0), &parts);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, (int32) parts.metric);
	pq_sendint32(&buf, (int32) parts.scale);
	for (int c = 0; c < CX_NCATEGORIES; c++)
		pq_sendint64(&buf, parts.count[c]);
	pq_sendint64(&buf, parts.score_sum);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
