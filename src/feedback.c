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

#include "access/htup_details.h"
#include "catalog/pg_statistic.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"

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
 *
 * feedback_cmp and the 0.1.0 functions feedback_eq .. feedback_ge order
 * every pair, NPS before CSAT before CES.  The btree operator class keeps
 * them (moved to schema cxsat_internal by the 0.2.0 update): sorting,
 * indexes, merge joins and the planner's range estimates need a total
 * order.  The ordering operators users call, < <= > >=, use the checked
 * functions further down instead.
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

/*
 * The ordering operators of 0.2.0: values of one metric and scale compare
 * by score; any other pair raises 22023 instead of silently ordering by
 * metric code.  None of these is in an operator family, so no index scan,
 * sort or planner proof ever calls them on rows the user did not ask
 * about: they run only where the query evaluates the comparison.
 */
#define FEEDBACK_CHECKED_COMPARISON(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	bool		result = false; \
	CxError		err; \
\
	if (!cx_feedback_compare(PG_GETARG_FEEDBACK(0), PG_GETARG_FEEDBACK(1), \
							 op, &result, &err)) \
		cx_raise(&err); \
	PG_RETURN_BOOL(result); \
}

FEEDBACK_CHECKED_COMPARISON(feedback_lt_checked, CX_CMP_LT)
FEEDBACK_CHECKED_COMPARISON(feedback_le_checked, CX_CMP_LE)
FEEDBACK_CHECKED_COMPARISON(feedback_gt_checked, CX_CMP_GT)
FEEDBACK_CHECKED_COMPARISON(feedback_ge_checked, CX_CMP_GE)

/*
 * Restriction estimators of the checked operators.  The generic
 * scalarltsel and friends call the operator on the column's most common
 * values and histogram bounds, which on a column mixing metrics would make
 * the planner itself raise the operator's error, even for a query whose
 * rows are all of one metric.  These read the same statistics but leave
 * the arithmetic to cx_feedback_ineq_selectivity, which never compares
 * values of different metrics.
 */
static double
feedback_ineq_sel(PlannerInfo *root, List *args, int varRelid, CxCompareOp op)
{
	VariableStatData vardata;
	Node	   *other;
	bool		varonleft;
	double		sel = DEFAULT_INEQ_SEL;
	Const	   *c;

	if (!get_restriction_variable(root, args, varRelid, &vardata, &other,
								  &varonleft))
		return DEFAULT_INEQ_SEL;
	if (!IsA(other, Const) ||
		((Const *) other)->consttype != vardata.atttype)
	{
		ReleaseVariableStats(vardata);
		return DEFAULT_INEQ_SEL;
	}
	c = (Const *) other;
	if (c->constisnull)
	{
		/* the operators are strict */
		ReleaseVariableStats(vardata);
		return 0.0;
	}
	if (!varonleft)
	{
		/* const op var: the same as var op' const with op' the commutator */
		static const CxCompareOp commuted[] = {CX_CMP_GT, CX_CMP_GE, CX_CMP_LT, CX_CMP_LE};

		op = commuted[op];
	}

	if (HeapTupleIsValid(vardata.statsTuple))
	{
		Form_pg_statistic stats = (Form_pg_statistic) GETSTRUCT(vardata.statsTuple);
		AttStatsSlot mcvslot;
		AttStatsSlot histslot;
		bool		have_mcv;
		bool		have_hist;
		CxFeedback *mcv = NULL;
		double	   *freq = NULL;
		CxFeedback *hist = NULL;
		int			nmcv = 0;
		int			nhist = 0;

		have_mcv = get_attstatsslot(&mcvslot, vardata.statsTuple,
									STATISTIC_KIND_MCV, InvalidOid,
									ATTSTATSSLOT_VALUES | ATTSTATSSLOT_NUMBERS);
		have_hist = get_attstatsslot(&histslot, vardata.statsTuple,
									 STATISTIC_KIND_HISTOGRAM, InvalidOid,
									 ATTSTATSSLOT_VALUES);
		if (have_mcv && mcvslot.nvalues == mcvslot.nnumbers)
		{
			nmcv = mcvslot.nvalues;
			mcv = palloc(sizeof(CxFeedback) * Max(nmcv, 1));
			freq = palloc(sizeof(double) * Max(nmcv, 1));
			for (int i = 0; i < nmcv; i++)
			{
				mcv[i] = DatumGetFeedback(mcvslot.values[i]);
				freq[i] = mcvslot.numbers[i];
			}
		}
		if (have_hist)
		{
			nhist = histslot.nvalues;
			hist = palloc(sizeof(CxFeedback) * Max(nhist, 1));
			for (int i = 0; i < nhist; i++)
				hist[i] = DatumGetFeedback(histslot.values[i]);
		}
		sel = cx_feedback_ineq_selectivity(op, DatumGetFeedback(c->constvalue),
										   stats->stanullfrac, mcv, freq, nmcv,
										   hist, nhist, DEFAULT_INEQ_SEL);
		if (have_mcv)
			free_attstatsslot(&mcvslot);
		if (have_hist)
			free_attstatsslot(&histslot);
	}
	ReleaseVariableStats(vardata);
	CLAMP_PROBABILITY(sel);
	return sel;
}

#define FEEDBACK_SELECTIVITY(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_FLOAT8(feedback_ineq_sel((PlannerInfo *) PG_GETARG_POINTER(0), \
									   (List *) PG_GETARG_POINTER(2), \
									   PG_GETARG_INT32(3), op)); \
}

FEEDBACK_SELECTIVITY(feedback_ltsel, CX_CMP_LT)
FEEDBACK_SELECTIVITY(feedback_lesel, CX_CMP_LE)
FEEDBACK_SELECTIVITY(feedback_gtsel, CX_CMP_GT)
FEEDBACK_SELECTIVITY(feedback_gesel, CX_CMP_GE)

/* polarity(feedback): positive, neutral or negative, for every metric */
PG_FUNCTION_INFO_V1(feedback_polarity);
Datum
feedback_polarity(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);

	PG_RETURN_TEXT_P(cstring_to_text(cx_polarity_name(cx_feedback_polarity(fb))));
}

PG_FUNCTION_INFO_V1(feedback_is_positive);
Datum
feedback_is_positive(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cx_feedback_polarity(PG_GETARG_FEEDBACK(0)) == CX_CAT_POSITIVE);
}

PG_FUNCTION_INFO_V1(feedback_is_negative);
Datum
feedback_is_negative(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cx_feedback_polarity(PG_GETARG_FEEDBACK(0)) == CX_CAT_NEGATIVE);
}

/* is_promoter and is_detractor are NPS terms: false for CSAT and CES */
PG_FUNCTION_INFO_V1(feedback_is_promoter);
Datum
feedback_is_promoter(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);

	PG_RETURN_BOOL(cx_feedback_metric(fb) == CX_METRIC_NPS &&
				   cx_feedback_polarity(fb) == CX_CAT_POSITIVE);
}

PG_FUNCTION_INFO_V1(feedback_is_detractor);
Datum
feedback_is_detractor(PG_FUNCTION_ARGS)
{
	CxFeedback	fb = PG_GETARG_FEEDBACK(0);

	PG_RETURN_BOOL(cx_feedback_metric(fb) == CX_METRIC_NPS &&
				   cx_feedback_polarity(fb) == CX_CAT_NEGATIVE);
}

/*
 * feedback_or_null(text): the value, or NULL where the text is not valid
 * feedback.  The pure parser reports failure without raising, so no
 * subtransaction or PG_TRY is needed and it works alike on every major.
 */
PG_FUNCTION_INFO_V1(feedback_or_null);
Datum
feedback_or_null(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	CxFeedback	fb;
	CxError		err;

	if (!cx_feedback_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &fb, &err))
		PG_RETURN_NULL();
	PG_RETURN_FEEDBACK(fb);
}

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
