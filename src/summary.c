/*-------------------------------------------------------------------------
 *
 * summary.c
 *		The feedback_summary type: I/O, equality and hashing, merge, the
 *		accessors, and the aggregates that build and roll up summaries
 *		(feedback_agg, nps_agg/csat_agg/ces_agg over summaries and the
 *		survey-weighted one-step aggregates).
 *
 * A feedback_summary datum has three physical layouts, told apart by its
 * first data byte (see cx_summary.h):
 *
 *	- compact: what every function returns and what is stored; canonical, so
 *	  that record-image equality sees equal summaries as equal;
 *	- raw: all 50 counts (and the weight sums) at fixed offsets, the state of
 *	  a running aggregate, which its transition functions update in place;
 *	- single-scale raw: the int32 counts of one scale, the state of an
 *	  unweighted aggregate until it meets a second scale.  It keeps hash
 *	  aggregation with many small groups (daily summaries per segment) close
 *	  to the one-step aggregates in memory and time.
 *
 * Every function that takes a summary accepts all layouts.  Transition
 * functions are not strict: the state starts as NULL, the first row builds
 * a raw state in the current (per-tuple) memory context, and the executor
 * copies that into the aggregate context because the returned pointer is
 * new.  From then on a row costs the inline CX_IN_AGG test, a layout test
 * and an increment.  Called outside an aggregate, a transition function
 * never touches its argument and returns the compact layout.
 *
 *-------------------------------------------------------------------------
 */
#include "glue.h"

#include <float.h>
#include <math.h>

#include "common/hashfn.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cx_summary.h"
#include "summary_glue.h"

/*
 * The raw layout as a C struct: VARHDRSZ + CX_SUMMARY_RAW_LEN(weighted)
 * bytes; an unweighted state ends before wsum.
 */
typedef struct SummaryRaw
{
	int32		vl_len_;		/* varlena header, 4-byte form */
	uint8		format;			/* CX_SUMMARY_FORMAT_RAW */
	uint8		flags;			/* 0 or CX_SUMMARY_WEIGHTED */
	uint8		pad[2];			/* zero */
	int64		count[CX_NSLOTS];
	double		wsum[CX_NSLOTS];	/* weighted only */
	double		wsq[CX_NBUCKETS];	/* weighted only */
} SummaryRaw;

StaticAssertDecl(offsetof(SummaryRaw, count) == VARHDRSZ + CX_SUMMARY_RAW_HEADER,
				 "raw layout header");
StaticAssertDecl(offsetof(SummaryRaw, wsum) == VARHDRSZ + CX_SUMMARY_RAW_LEN(false),
				 "raw layout, unweighted size");
StaticAssertDecl(offsetof(SummaryRaw, wsq) ==
				 VARHDRSZ + CX_SUMMARY_RAW_LEN(false) + 8 * CX_NSLOTS,
				 "raw layout, weight squares");
StaticAssertDecl(sizeof(SummaryRaw) == VARHDRSZ + CX_SUMMARY_RAW_LEN(true),
				 "raw layout, weighted size");

#define RAW_SIZE(weighted)	(VARHDRSZ + CX_SUMMARY_RAW_LEN(weighted))

/*
 * The single-scale raw layout: the small state of an unweighted aggregate
 * while every response it counted is on one scale (see cx_summary.h).
 */
typedef struct SummaryRawOne
{
	int32		vl_len_;		/* varlena header, 4-byte form */
	uint8		format;			/* CX_SUMMARY_FORMAT_RAW_ONE */
	uint8		flags;			/* 0 */
	uint8		bucket;			/* the scale counted */
	uint8		pad;			/* zero */
	int32		count[FLEXIBLE_ARRAY_MEMBER];	/* cx_buckets[bucket].npoints */
} SummaryRawOne;

StaticAssertDecl(offsetof(SummaryRawOne, count) == VARHDRSZ + CX_SUMMARY_RAW_HEADER,
				 "single-scale raw layout header");

#define RAW_ONE_SIZE(bucket)	((uint32) (VARHDRSZ + CX_SUMMARY_RAW_ONE_LEN(bucket)))

/*
 * d as a single-scale raw layout whose size matches its bucket, or NULL.
 * A compact value always has a different first data byte.
 */
static inline SummaryRawOne *
as_raw_one(Datum d)
{
	SummaryRawOne *one = (SummaryRawOne *) DatumGetPointer(d);

	if (VARATT_IS_4B_U(one) && VARSIZE(one) >= VARHDRSZ + CX_SUMMARY_RAW_HEADER &&
		one->format == CX_SUMMARY_FORMAT_RAW_ONE && one->bucket < CX_NBUCKETS &&
		VARSIZE(one) == RAW_ONE_SIZE(one->bucket))
		return one;
	return NULL;
}

static SummaryRawOne *
new_raw_one(int bucket)
{
	SummaryRawOne *one = palloc0(RAW_ONE_SIZE(bucket));

	SET_VARSIZE(one, RAW_ONE_SIZE(bucket));
	one->format = CX_SUMMARY_FORMAT_RAW_ONE;
	one->bucket = (uint8) bucket;
	return one;
}

/* ----------------------------------------------------------------
 * Converting between datums and CxSummary
 * ----------------------------------------------------------------
 */

/* A stored summary failed to decode: its bytes on disk are damaged. */
CX_NORETURN static void raise_corrupt(const CxError *err);

static void
raise_corrupt(const CxError *err)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg_internal("%s", err->message),
			 errdetail_internal("%s", err->detail),
			 errhint("%s", err->hint)));
	pg_unreachable();
}

void
cx_summary_from_datum(Datum d, CxSummary *out)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);
	CxError		err;

	if (!cx_summary_decode(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), out, &err))
		raise_corrupt(&err);
	if ((Pointer) v != DatumGetPointer(d))
		pfree(v);
}

static Datum
compact_datum(const CxSummary *s)
{
	size_t		size = cx_summary_compact_size(s);
	struct varlena *v = palloc(VARHDRSZ + size);

	cx_summary_encode_compact(s, (unsigned char *) VARDATA(v));
	SET_VARSIZE(v, VARHDRSZ + size);
	return PointerGetDatum(v);
}

static SummaryRaw *
raw_from_summary(const CxSummary *s)
{
	bool		weighted = (s->flags & CX_SUMMARY_WEIGHTED) != 0;
	SummaryRaw *raw = palloc(RAW_SIZE(weighted));

	cx_summary_encode_raw(s, (unsigned char *) VARDATA(raw));
	SET_VARSIZE(raw, RAW_SIZE(weighted));
	return raw;
}

/*
 * The state argument as a raw layout this call may update in place, or
 * NULL.  Only a state that the executor owns (CX_IN_AGG) qualifies, and the
 * size is checked against the flags so that no write can leave the chunk.
 */
static inline SummaryRaw *
raw_state(FunctionCallInfo fcinfo)
{
	SummaryRaw *raw;

	if (PG_ARGISNULL(0) || !CX_IN_AGG(fcinfo))
		return NULL;
	raw = (SummaryRaw *) DatumGetPointer(PG_GETARG_DATUM(0));
	if (!VARATT_IS_4B_U(raw) || raw->format != CX_SUMMARY_FORMAT_RAW ||
		(raw->flags & ~CX_SUMMARY_WEIGHTED) != 0 ||
		VARSIZE(raw) != RAW_SIZE(raw->flags != 0))
		return NULL;
	return raw;
}

static void
raw_to_summary(const SummaryRaw *raw, CxSummary *s)
{
	cx_summary_init(s);
	s->flags = raw->flags;
	memcpy(s->count, raw->count, sizeof(s->count));
	if (raw->flags & CX_SUMMARY_WEIGHTED)
	{
		memcpy(s->wsum, raw->wsum, sizeof(s->wsum));
		memcpy(s->wsq, raw->wsq, sizeof(s->wsq));
	}
}

/* The state argument decoded, or an empty summary for a NULL state. */
static void
state_summary(FunctionCallInfo fcinfo, CxSummary *s)
{
	if (PG_ARGISNULL(0))
		cx_summary_init(s);
	else
		cx_summary_from_datum(PG_GETARG_DATUM(0), s);
}

/*
 * What a transition function returns when it could not work in place: a
 * new raw state inside an aggregate (the executor adopts it), the compact
 * layout when called directly.
 */
static Datum
state_result(FunctionCallInfo fcinfo, const CxSummary *s)
{
	if (CX_IN_AGG(fcinfo))
		return PointerGetDatum(raw_from_summary(s));
	return compact_datum(s);
}

/* The state unchanged, for a row that is skipped (a NULL input). */
static inline Datum
pass_state(FunctionCallInfo fcinfo)
{
	CxSummary	s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (CX_IN_AGG(fcinfo))
		return PG_GETARG_DATUM(0);
	/* a direct call still returns a canonical value */
	state_summary(fcinfo, &s);
	return compact_datum(&s);
}

#define PG_GETARG_SUMMARY(n, s)	cx_summary_from_datum(PG_GETARG_DATUM(n), (s))

/* ----------------------------------------------------------------
 * I/O
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(feedback_summary_in);
Datum
feedback_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CxSummary	s;
	CxError		err;

	if (!cx_summary_parse(str, strlen(str), &s, &err))
	{
		cx_input_error(&err, CX_SOFT_CONTEXT(fcinfo));
		return (Datum) 0;
	}
	return compact_datum(&s);
}

PG_FUNCTION_INFO_V1(feedback_summary_out);
Datum
feedback_summary_out(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	char	   *buf = palloc(CX_SUMMARY_TEXT_MAX);

	PG_GETARG_SUMMARY(0, &s);
	cx_summary_format(&s, buf, CX_SUMMARY_TEXT_MAX);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(feedback_summary_recv);
Datum
feedback_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CxSummary	s;
	CxError		err;

	if (!cx_summary_decode_wire(buf->data + buf->cursor,
								(size_t) (buf->len - buf->cursor), &s, &err))
		cx_raise(&err);
	buf->cursor = buf->len;
	return compact_datum(&s);
}

PG_FUNCTION_INFO_V1(feedback_summary_send);
Datum
feedback_summary_send(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	unsigned char wire[CX_SUMMARY_WIRE_MAX];
	size_t		len;
	StringInfoData buf;

	PG_GETARG_SUMMARY(0, &s);
	len = cx_summary_encode_wire(&s, wire);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) wire, (int) len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------
 * Equality and hashing: on content, so both layouts compare equal, and
 * the hash is taken over the canonical compact bytes.
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(feedback_summary_eq);
Datum
feedback_summary_eq(PG_FUNCTION_ARGS)
{
	CxSummary	a,
				b;

	PG_GETARG_SUMMARY(0, &a);
	PG_GETARG_SUMMARY(1, &b);
	PG_RETURN_BOOL(cx_summary_equal(&a, &b));
}

PG_FUNCTION_INFO_V1(feedback_summary_ne);
Datum
feedback_summary_ne(PG_FUNCTION_ARGS)
{
	CxSummary	a,
				b;

	PG_GETARG_SUMMARY(0, &a);
	PG_GETARG_SUMMARY(1, &b);
	PG_RETURN_BOOL(!cx_summary_equal(&a, &b));
}

PG_FUNCTION_INFO_V1(feedback_summary_hash);
Datum
feedback_summary_hash(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	unsigned char bytes[CX_SUMMARY_COMPACT_MAX];
	size_t		len;

	PG_GETARG_SUMMARY(0, &s);
	len = cx_summary_encode_compact(&s, bytes);
	return hash_any(bytes, (int) len);
}

PG_FUNCTION_INFO_V1(feedback_summary_hash_extended);
Datum
feedback_summary_hash_extended(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	unsigned char bytes[CX_SUMMARY_COMPACT_MAX];
	size_t		len;

	PG_GETARG_SUMMARY(0, &s);
	len = cx_summary_encode_compact(&s, bytes);
	return hash_any_extended(bytes, (int) len, PG_GETARG_INT64(1));
}

/* merge(a, b), the + operator: strict, never in place. */
PG_FUNCTION_INFO_V1(feedback_summary_merge);
Datum
feedback_summary_merge(PG_FUNCTION_ARGS)
{
	CxSummary	a,
				b;
	CxError		err;

	PG_GETARG_SUMMARY(0, &a);
	PG_GETARG_SUMMARY(1, &b);
	if (!cx_summary_merge(&a, &b, &err))
		cx_raise(&err);
	return compact_datum(&a);
}

/*
 * subtract(total, part), total - part: the responses of total that are not
 * in part, such as the rest of the company beside one segment.  Strict.
 */
PG_FUNCTION_INFO_V1(feedback_summary_subtract);
Datum
feedback_summary_subtract(PG_FUNCTION_ARGS)
{
	CxSummary	total,
				part;
	CxError		err;

	PG_GETARG_SUMMARY(0, &total);
	PG_GETARG_SUMMARY(1, &part);
	if (!cx_summary_difference(&total, &part, &total, &err))
		cx_raise(&err);
	return compact_datum(&total);
}

/* ----------------------------------------------------------------
 * Aggregate support
 * ----------------------------------------------------------------
 */

static void
raise_invalid_feedback(CxFeedback fb)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt feedback value %08x", (unsigned) fb)));
}

/*
 * Count one response at slot.  Inside an aggregate the state is updated in
 * place: a single-scale state while the responses stay on its scale, else
 * the full raw state; the first row of a group creates a single-scale
 * state.  Everything else (a direct call, a compact or weighted state, a
 * second scale, a count at its limit) goes the slow way through CxSummary,
 * which also reports overflow.
 */
static inline Datum
count_slot(FunctionCallInfo fcinfo, int slot)
{
	int			bucket = cx_slot_bucket[slot];
	int			point = slot - cx_buckets[bucket].first_slot;
	CxSummary	s;
	CxError		err;

	if (likely(CX_IN_AGG(fcinfo)))
	{
		if (unlikely(PG_ARGISNULL(0)))
		{
			SummaryRawOne *one = new_raw_one(bucket);

			one->count[point] = 1;
			/* a new pointer: the executor copies it into the aggregate context */
			PG_RETURN_POINTER(one);
		}
		else
		{
			SummaryRawOne *one = (SummaryRawOne *) DatumGetPointer(PG_GETARG_DATUM(0));

			if (likely(VARATT_IS_4B_U(one)))
			{
				if (likely(one->format == CX_SUMMARY_FORMAT_RAW_ONE))
				{
					if (likely(one->bucket == bucket &&
							   VARSIZE(one) == RAW_ONE_SIZE(bucket) &&
							   one->count[point] < PG_INT32_MAX))
					{
						one->count[point]++;
						PG_RETURN_POINTER(one);
					}
				}
				else if (one->format == CX_SUMMARY_FORMAT_RAW)
				{
					SummaryRaw *raw = (SummaryRaw *) one;

					if (raw->flags == 0 && VARSIZE(raw) == RAW_SIZE(false) &&
						raw->count[slot] < PG_INT64_MAX)
					{
						raw->count[slot]++;
						PG_RETURN_POINTER(raw);
					}
				}
			}
		}
	}
	state_summary(fcinfo, &s);
	if (!cx_summary_add(&s, slot, &err))
		cx_raise(&err);
	return state_result(fcinfo, &s);
}

/*
 * Take one response at slot back: the inverse transition of the window
 * aggregates (moving-aggregate mode, whose state starts as '{}' and is
 * never NULL).
 */
static inline Datum
uncount_slot(FunctionCallInfo fcinfo, int slot)
{
	int			bucket = cx_slot_bucket[slot];
	int			point = slot - cx_buckets[bucket].first_slot;
	CxSummary	s;
	CxError		err;

	if (likely(CX_IN_AGG(fcinfo) && !PG_ARGISNULL(0)))
	{
		SummaryRawOne *one = as_raw_one(PG_GETARG_DATUM(0));
		SummaryRaw *raw = raw_state(fcinfo);

		if (one != NULL && one->bucket == bucket && one->count[point] > 0)
		{
			one->count[point]--;
			PG_RETURN_POINTER(one);
		}
		if (raw != NULL && raw->flags == 0 && raw->count[slot] > 0)
		{
			raw->count[slot]--;
			PG_RETURN_POINTER(raw);
		}
	}
	state_summary(fcinfo, &s);
	if (!cx_summary_remove(&s, slot, &err))
		cx_raise(&err);
	return state_result(fcinfo, &s);
}

/* Count one response at slot with a survey weight, in place when possible. */
static inline Datum
count_slot_weighted(FunctionCallInfo fcinfo, int slot, double weight)
{
	SummaryRaw *raw = raw_state(fcinfo);
	CxSummary	s;
	CxError		err;

	if (unlikely(!(weight >= 0 && weight <= DBL_MAX)))
	{
		cx_summary_check_weight(weight, &err);
		cx_raise(&err);
	}
	if (likely(raw != NULL && raw->flags == CX_SUMMARY_WEIGHTED))
	{
		int			bucket = cx_slot_bucket[slot];
		double		wsum = raw->wsum[slot] + weight;
		double		wsq = raw->wsq[bucket] + weight * weight;

		if (likely(raw->count[slot] < PG_INT64_MAX && isfinite(wsum) && isfinite(wsq)))
		{
			raw->count[slot]++;
			raw->wsum[slot] = wsum;
			raw->wsq[bucket] = wsq;
			PG_RETURN_POINTER(raw);
		}
		/* let the core report the overflow */
		raw_to_summary(raw, &s);
	}
	else
		state_summary(fcinfo, &s);
	if (!cx_summary_add_weighted(&s, slot, weight, &err))
		cx_raise(&err);
	return state_result(fcinfo, &s);
}

static inline int
feedback_slot(CxFeedback fb)
{
	int			bucket = cx_summary_feedback_bucket(fb);

	if (unlikely(bucket < 0))
		raise_invalid_feedback(fb);
	return cx_slot_of(bucket, cx_feedback_score(fb));
}

/* feedback_agg(feedback): transition */
PG_FUNCTION_INFO_V1(feedback_summary_add);
CX_ROW_FUNCTION Datum
feedback_summary_add(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return pass_state(fcinfo);
	return count_slot(fcinfo, feedback_slot(DatumGetUInt32(PG_GETARG_DATUM(1))));
}

/* feedback_agg(feedback): inverse transition */
PG_FUNCTION_INFO_V1(feedback_summary_remove);
CX_ROW_FUNCTION Datum
feedback_summary_remove(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return pass_state(fcinfo);
	return uncount_slot(fcinfo, feedback_slot(DatumGetUInt32(PG_GETARG_DATUM(1))));
}

/* feedback_agg(feedback, weight): transition; NULL feedback or weight skips */
PG_FUNCTION_INFO_V1(feedback_summary_add_weighted);
CX_ROW_FUNCTION Datum
feedback_summary_add_weighted(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return pass_state(fcinfo);
	return count_slot_weighted(fcinfo,
							   feedback_slot(DatumGetUInt32(PG_GETARG_DATUM(1))),
							   PG_GETARG_FLOAT8(2));
}

/*
 * The metric named by a text argument.  When the argument is a constant in
 * the aggregate call (the usual feedback_agg('nps', score)), it is parsed
 * once, on the first row; otherwise the last name seen is cached, so that a
 * column of metric names costs a short compare per row rather than a parse.
 */
typedef struct MetricCache
{
	bool		checked_const;	/* has the Aggref been looked at? */
	CxMetric	const_metric;	/* the constant's metric, or CX_METRIC_NONE */
	int			len;			/* length of name, 0 when nothing cached */
	char		name[8];		/* the text as given, e.g. "nps" or "NPS" */
	CxMetric	metric;
} MetricCache;

static CxMetric
metric_arg_slow(FunctionCallInfo fcinfo, int argno, MetricCache *cache)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(argno));
	int			len = VARSIZE_ANY_EXHDR(v);
	CxMetric	metric;

	if (!cache->checked_const)
	{
		Aggref	   *aggref = AggGetAggref(fcinfo);

		cache->checked_const = true;
		if (aggref != NULL && list_length(aggref->args) >= argno)
		{
			TargetEntry *te = list_nth_node(TargetEntry, aggref->args, argno - 1);

			if (IsA(te->expr, Const) && !castNode(Const, te->expr)->constisnull)
				cache->const_metric =
					cx_metric_from_text(DatumGetTextPP(castNode(Const, te->expr)->constvalue));
		}
		if (cache->const_metric != CX_METRIC_NONE)
			return cache->const_metric;
	}
	if (cache->len == len && len > 0 && memcmp(cache->name, VARDATA_ANY(v), len) == 0)
		return cache->metric;
	metric = cx_metric_from_text((text *) v);
	if (len <= (int) sizeof(cache->name))
	{
		cache->len = len;
		memcpy(cache->name, VARDATA_ANY(v), len);
		cache->metric = metric;
	}
	return metric;
}

static inline CxMetric
metric_arg(FunctionCallInfo fcinfo, int argno)
{
	MetricCache *cache = (MetricCache *) fcinfo->flinfo->fn_extra;

	if (likely(cache != NULL && cache->const_metric != CX_METRIC_NONE))
		return cache->const_metric;
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MetricCache));
	return metric_arg_slow(fcinfo, argno, cache);
}

static const int8 default_bucket[CX_METRIC_MAX + 1] = {
	-1, CX_BUCKET_NPS, CX_BUCKET_CSAT5, CX_BUCKET_CES7
};

/*
 * Slot of (metric, score[, scale]) arguments starting at argno; a NULL
 * scale means the metric's default scale, as in feedback().
 */
static inline int
score_slot(FunctionCallInfo fcinfo, int argno, bool has_scale_arg)
{
	CxMetric	metric = metric_arg(fcinfo, argno);
	int32		score = PG_GETARG_INT32(argno + 1);
	int			bucket;
	CxError		err;

	if (has_scale_arg && !PG_ARGISNULL(argno + 2))
	{
		int32		scale = PG_GETARG_INT32(argno + 2);

		bucket = cx_bucket_for_scale(metric, scale);
		if (unlikely(bucket < 0))
		{
			cx_fail_scale(&err, metric, scale);
			cx_raise(&err);
		}
	}
	else
		bucket = default_bucket[metric];
	if (unlikely(!cx_score_in_range(bucket, score)))
	{
		cx_fail_score(&err, bucket, score);
		cx_raise(&err);
	}
	return cx_slot_of(bucket, score);
}

/* feedback_agg(metric text, score integer): transition */
PG_FUNCTION_INFO_V1(feedback_summary_add_score);
CX_ROW_FUNCTION Datum
feedback_summary_add_score(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return pass_state(fcinfo);
	return count_slot(fcinfo, score_slot(fcinfo, 1, false));
}

/* feedback_agg(metric text, score integer, scale integer): transition */
PG_FUNCTION_INFO_V1(feedback_summary_add_scaled);
CX_ROW_FUNCTION Datum
feedback_summary_add_scaled(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return pass_state(fcinfo);
	return count_slot(fcinfo, score_slot(fcinfo, 1, true));
}

/* feedback_agg(metric text, score integer): inverse transition */
PG_FUNCTION_INFO_V1(feedback_summary_remove_score);
CX_ROW_FUNCTION Datum
feedback_summary_remove_score(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return pass_state(fcinfo);
	return uncount_slot(fcinfo, score_slot(fcinfo, 1, false));
}

/* feedback_agg(metric text, score integer, scale integer): inverse transition */
PG_FUNCTION_INFO_V1(feedback_summary_remove_scaled);
CX_ROW_FUNCTION Datum
feedback_summary_remove_scaled(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return pass_state(fcinfo);
	return uncount_slot(fcinfo, score_slot(fcinfo, 1, true));
}

/*
 * Weighted one-step aggregates over plain scores: the bucket is fixed by
 * the function (NPS) or taken from the scale argument (CSAT, CES).  A NULL
 * score, scale or weight skips the row.
 */
PG_FUNCTION_INFO_V1(nps_summary_add_weighted);
CX_ROW_FUNCTION Datum
nps_summary_add_weighted(PG_FUNCTION_ARGS)
{
	int32		score;
	CxError		err;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return pass_state(fcinfo);
	score = PG_GETARG_INT32(1);
	if (unlikely(!cx_score_in_range(CX_BUCKET_NPS, score)))
	{
		cx_fail_score(&err, CX_BUCKET_NPS, score);
		cx_raise(&err);
	}
	return count_slot_weighted(fcinfo, cx_slot_of(CX_BUCKET_NPS, score),
							   PG_GETARG_FLOAT8(2));
}

static inline Datum
scaled_add_weighted(FunctionCallInfo fcinfo, CxMetric metric)
{
	int32		score;
	int32		scale;
	int			bucket;
	CxError		err;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		return pass_state(fcinfo);
	score = PG_GETARG_INT32(1);
	scale = PG_GETARG_INT32(2);
	bucket = cx_bucket_for_scale(metric, scale);
	if (unlikely(bucket < 0))
	{
		cx_fail_scale(&err, metric, scale);
		cx_raise(&err);
	}
	if (unlikely(!cx_score_in_range(bucket, score)))
	{
		cx_fail_score(&err, bucket, score);
		cx_raise(&err);
	}
	return count_slot_weighted(fcinfo, cx_slot_of(bucket, score),
							   PG_GETARG_FLOAT8(3));
}

PG_FUNCTION_INFO_V1(csat_summary_add_weighted);
CX_ROW_FUNCTION Datum
csat_summary_add_weighted(PG_FUNCTION_ARGS)
{
	return scaled_add_weighted(fcinfo, CX_METRIC_CSAT);
}

PG_FUNCTION_INFO_V1(ces_summary_add_weighted);
CX_ROW_FUNCTION Datum
ces_summary_add_weighted(PG_FUNCTION_ARGS)
{
	return scaled_add_weighted(fcinfo, CX_METRIC_CES);
}

/*
 * feedback_summary_combine(state, summary): merges a summary into the
 * state.  It is the combine function of every summary-state aggregate and
 * the transition function of the rollups (feedback_agg, nps_agg, csat_agg
 * and ces_agg over summaries).  A NULL summary is skipped.
 */
PG_FUNCTION_INFO_V1(feedback_summary_combine);
CX_ROW_FUNCTION Datum
feedback_summary_combine(PG_FUNCTION_ARGS)
{
	SummaryRaw *raw;
	CxSummary	in;
	CxSummary	s;
	CxError		err;

	if (PG_ARGISNULL(1))
		return pass_state(fcinfo);

	/*
	 * The partial states of a parallel plan are mostly single-scale: the
	 * first one of a group is adopted as it is (the executor copies it),
	 * and another of the same scale is added in place.
	 */
	if (CX_IN_AGG(fcinfo))
	{
		SummaryRawOne *in_one = as_raw_one(PG_GETARG_DATUM(1));

		if (in_one != NULL && PG_ARGISNULL(0))
			return PG_GETARG_DATUM(1);
		if (in_one != NULL)
		{
			SummaryRawOne *one = as_raw_one(PG_GETARG_DATUM(0));

			if (one != NULL && one->bucket == in_one->bucket)
			{
				int			npoints = cx_buckets[one->bucket].npoints;
				int32		sum[CX_NPS_SCALE + 1];	/* NPS has the most points */
				bool		fits = true;

				for (int i = 0; i < npoints; i++)
				{
					int64		v = (int64) one->count[i] + in_one->count[i];

					if (in_one->count[i] < 0 || v > PG_INT32_MAX)
						fits = false;
					sum[i] = (int32) v;
				}
				if (fits)
				{
					memcpy(one->count, sum, npoints * sizeof(int32));
					PG_RETURN_POINTER(one);
				}
			}
		}
	}

	/*
	 * A rollup's common row: a stored (compact, unweighted) summary added to
	 * an unweighted state, straight from its bytes.  Decoding it into a
	 * CxSummary first costs several times as much.
	 */
	raw = raw_state(fcinfo);
	if (raw != NULL && raw->flags == 0)
	{
		struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));
		CxAddResult added = cx_summary_add_compact(raw->count, VARDATA_ANY(v),
												   VARSIZE_ANY_EXHDR(v), &err);

		if (added == CX_ADD_FAILED && err.status == CX_ERR_BINARY)
			raise_corrupt(&err);
		if (added == CX_ADD_FAILED)
			cx_raise(&err);
		if ((Pointer) v != DatumGetPointer(PG_GETARG_DATUM(1)))
			pfree(v);
		if (added == CX_ADD_DONE)
			PG_RETURN_POINTER(raw);
	}

	PG_GETARG_SUMMARY(1, &in);
	if (raw != NULL && raw->flags == 0 && in.flags == 0)
	{
		if (!cx_summary_merge_counts(raw->count, in.count, &err))
			cx_raise(&err);
		PG_RETURN_POINTER(raw);
	}
	if (raw != NULL && raw->flags == CX_SUMMARY_WEIGHTED)
	{
		raw_to_summary(raw, &s);
		if (!cx_summary_merge(&s, &in, &err))
			cx_raise(&err);
		cx_summary_encode_raw(&s, (unsigned char *) VARDATA(raw));
		PG_RETURN_POINTER(raw);
	}
	if (raw != NULL)
		raw_to_summary(raw, &s);
	else
		state_summary(fcinfo, &s);
	if (!cx_summary_merge(&s, &in, &err))
		cx_raise(&err);
	return state_result(fcinfo, &s);
}

/*
 * feedback_summary_uncombine(state, summary): the inverse of
 * feedback_summary_combine for window frames over summaries.  Weight sums
 * cannot be subtracted exactly, so with a weighted summary on either side
 * it returns NULL, which tells the executor to recompute the frame.
 */
PG_FUNCTION_INFO_V1(feedback_summary_uncombine);
CX_ROW_FUNCTION Datum
feedback_summary_uncombine(PG_FUNCTION_ARGS)
{
	SummaryRaw *raw;
	CxSummary	in;
	CxSummary	s;
	CxError		err;

	if (PG_ARGISNULL(1))
		return pass_state(fcinfo);
	PG_GETARG_SUMMARY(1, &in);
	if (in.flags & CX_SUMMARY_WEIGHTED)
		PG_RETURN_NULL();
	raw = raw_state(fcinfo);
	if (raw != NULL && raw->flags == 0)
	{
		raw_to_summary(raw, &s);
		if (!cx_summary_subtract(&s, &in, &err))
			cx_raise(&err);
		memcpy(raw->count, s.count, sizeof(raw->count));
		PG_RETURN_POINTER(raw);
	}
	state_summary(fcinfo, &s);
	if (s.flags & CX_SUMMARY_WEIGHTED)
		PG_RETURN_NULL();
	if (!cx_summary_subtract(&s, &in, &err))
		cx_raise(&err);
	return state_result(fcinfo, &s);
}

/*
 * Final function of feedback_agg: the compact layout.  An aggregate over
 * no rows (or only NULLs) gives the empty summary, as count() gives 0.
 */
PG_FUNCTION_INFO_V1(feedback_summary_final);
Datum
feedback_summary_final(PG_FUNCTION_ARGS)
{
	CxSummary	s;

	/*
	 * An unweighted raw state goes straight from its counts to the compact
	 * form: this runs once per group, and daily summaries per segment can
	 * have nearly as many groups as rows.
	 */
	if (!PG_ARGISNULL(0))
	{
		SummaryRaw *raw = (SummaryRaw *) DatumGetPointer(PG_GETARG_DATUM(0));
		SummaryRawOne *one = as_raw_one(PG_GETARG_DATUM(0));
		bool		full = VARATT_IS_4B_U(raw) && raw->format == CX_SUMMARY_FORMAT_RAW &&
			raw->flags == 0 && VARSIZE(raw) == RAW_SIZE(false);

		if (one != NULL || full)
		{
			unsigned char buf[CX_SUMMARY_COMPACT_MAX];
			size_t		len;
			struct varlena *v;
			CxError		err;

			if (one != NULL ? !cx_summary_encode_one(one->bucket, one->count, buf, &len, &err)
				: !cx_summary_encode_counts(raw->count, buf, &len, &err))
				ereport(ERROR,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg_internal("%s", err.message),
						 errdetail_internal("%s", err.detail)));
			v = palloc(VARHDRSZ + len);
			memcpy(VARDATA(v), buf, len);
			SET_VARSIZE(v, VARHDRSZ + len);
			PG_RETURN_POINTER(v);
		}
	}
	state_summary(fcinfo, &s);
	return compact_datum(&s);
}

/* ----------------------------------------------------------------
 * Accessors.  All strict; they double as final functions of the
 * aggregates whose state is a summary.
 * ----------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(feedback_summary_nps);
Datum
feedback_summary_nps(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	double		result;

	PG_GETARG_SUMMARY(0, &s);
	if (!cx_summary_nps(&s, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

PG_FUNCTION_INFO_V1(feedback_summary_csat);
Datum
feedback_summary_csat(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	double		result;

	PG_GETARG_SUMMARY(0, &s);
	if (!cx_summary_csat(&s, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

PG_FUNCTION_INFO_V1(feedback_summary_ces);
Datum
feedback_summary_ces(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	double		result;
	bool		isnull;
	CxError		err;

	PG_GETARG_SUMMARY(0, &s);
	if (!cx_summary_ces(&s, &result, &isnull, &err))
		cx_raise(&err);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* responses(s): every response, all metrics */
PG_FUNCTION_INFO_V1(feedback_summary_total);
Datum
feedback_summary_total(PG_FUNCTION_ARGS)
{
	CxSummary	s;

	PG_GETARG_SUMMARY(0, &s);
	PG_RETURN_INT64(cx_summary_total(&s));
}

/* responses(s, metric) */
PG_FUNCTION_INFO_V1(feedback_summary_responses);
Datum
feedback_summary_responses(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxMetric	metric = cx_metric_from_text(PG_GETARG_TEXT_PP(1));

	PG_GETARG_SUMMARY(0, &s);
	PG_RETURN_INT64(cx_summary_metric_count(&s, metric));
}

/* total_weight(s, metric) */
PG_FUNCTION_INFO_V1(feedback_summary_total_weight);
Datum
feedback_summary_total_weight(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxMetric	metric = cx_metric_from_text(PG_GETARG_TEXT_PP(1));

	PG_GETARG_SUMMARY(0, &s);
	PG_RETURN_FLOAT8(cx_summary_metric_weight(&s, metric));
}

/* is_weighted(s) */
PG_FUNCTION_INFO_V1(feedback_summary_is_weighted);
Datum
feedback_summary_is_weighted(PG_FUNCTION_ARGS)
{
	CxSummary	s;

	PG_GETARG_SUMMARY(0, &s);
	PG_RETURN_BOOL((s.flags & CX_SUMMARY_WEIGHTED) != 0);
}

/* neutral(s, metric): passives, neutral CSAT or neutral CES responses */
PG_FUNCTION_INFO_V1(feedback_summary_neutral);
Datum
feedback_summary_neutral(PG_FUNCTION_ARGS)
{
	CxSummary	s;
	CxMetric	metric = cx_metric_from_text(PG_GETARG_TEXT_PP(1));

	PG_GETARG_SUMMARY(0, &s);
	PG_RETURN_INT64(cx_summary_category_count(&s, metric, CX_CAT_NEUTRAL));
}

#define CATEGORY_COUNT_FN(name, metric, category) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	CxSummary	s; \
	PG_GETARG_SUMMARY(0, &s); \
	PG_RETURN_INT64(cx_summary_category_count(&s, metric, category)); \
}

CATEGORY_COUNT_FN(feedback_summary_promoters, CX_METRIC_NPS, CX_CAT_POSITIVE)
CATEGORY_COUNT_FN(feedback_summary_passives, CX_METRIC_NPS, CX_CAT_NEUTRAL)
CATEGORY_COUNT_FN(feedback_summary_detractors, CX_METRIC_NPS, CX_CAT_NEGATIVE)
CATEGORY_COUNT_FN(feedback_summary_satisfied, CX_METRIC_CSAT, CX_CAT_POSITIVE)
CATEGORY_COUNT_FN(feedback_summary_dissatisfied, CX_METRIC_CSAT, CX_CAT_NEGATIVE)
CATEGORY_COUNT_FN(feedback_summary_easy, CX_METRIC_CES, CX_CAT_POSITIVE)
CATEGORY_COUNT_FN(feedback_summary_difficult, CX_METRIC_CES, CX_CAT_NEGATIVE)

/*
 * distribution(s, metric, scale DEFAULT NULL): one row per score point of
 * one scale, zero counts included, for histograms.  Without a scale the
 * summary's only scale of the metric is used (the metric's default scale
 * when it holds none); a summary with several is an error.  Not strict: a
 * NULL summary or metric gives no rows, a NULL scale means "choose".
 */
PG_FUNCTION_INFO_V1(feedback_summary_distribution);
Datum
feedback_summary_distribution(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CxSummary	s;
	CxMetric	metric;
	int			bucket;
	const CxBucketInfo *info;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	metric = cx_metric_from_text(PG_GETARG_TEXT_PP(1));
	PG_GETARG_SUMMARY(0, &s);
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		int32		scale = PG_GETARG_INT32(2);

		bucket = cx_bucket_for_scale(metric, scale);
		if (bucket < 0)
		{
			CxError		err;

			cx_fail_scale(&err, metric, scale);
			cx_raise(&err);
		}
	}
	else
	{
		bucket = cx_summary_only_bucket(&s, metric);
		if (bucket == -2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("feedback_summary holds %s responses on more than one scale",
							cx_metric_label(metric)),
					 errhint("Name the scale: distribution(s, '%s', scale).",
							 cx_metric_name(metric))));
		if (bucket < 0)
			bucket = default_bucket[metric];
	}
	info = &cx_buckets[bucket];
	for (int i = 0; i < info->npoints; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = Int32GetDatum(info->min_score + i);
		values[1] = Int64GetDatum(s.count[info->first_slot + i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
