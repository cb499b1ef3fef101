/*-------------------------------------------------------------------------
 *
 * cx_tally.h
 *		The transition state of the one-step aggregates nps_agg, csat_agg
 *		and ces_agg: category counts and a score sum for one metric.
 *
 * A tally is the SQL type feedback_tally: fixed-size (40 bytes), passed by
 * reference, with a text form so that Citus can ship partial states between
 * nodes.  The aggregates update it in place in the aggregate memory
 * context, so a row costs one increment and no allocation.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_TALLY_H
#define CX_TALLY_H

#include "cx_core.h"

/*
 * scale records what the counted responses were measured on: 0 before the
 * first response, the common scale while all agree, CX_TALLY_MIXED_SCALES
 * once CSAT responses on different scales were counted (allowed: percent
 * satisfied is defined per response).  CES refuses to mix scales, because a
 * mean of 1..5 and 1..7 scores means nothing.  When every counted response
 * has been removed again (window frames), scale returns to 0.
 */
#define CX_TALLY_MIXED_SCALES (-1)

typedef struct CxTally
{
	int64_t		count[CX_NCATEGORIES];	/* indexed by CxCategory */
	int64_t		score_sum;		/* sum of raw scores, for the CES mean */
	int32_t		metric;			/* CxMetric the aggregate counts */
	int32_t		scale;			/* see above */
} CxTally;

#define CX_TALLY_SIZE ((int) sizeof(CxTally))

static inline int64_t
cx_tally_total(const CxTally *t)
{
	return t->count[0] + t->count[1] + t->count[2];
}

/* An empty tally for metric. */
extern void cx_tally_init(CxTally *t, CxMetric metric);

extern bool cx_tally_fail_overflow(CxError *err);

/*
 * Record a scale seen for count responses being added; handles the
 * none/same/mixed transitions and CES's refusal to mix.
 */
extern bool cx_tally_note_scale(CxTally *t, int scale, CxError *err);

/*
 * Note one response (bucket already validated, score in range).  This is
 * the per-row work of every one-step aggregate, so it is inline and its
 * common path is two compares and two additions; it checks for 64-bit
 * overflow and for CES scale mixing.
 */
static inline bool
cx_tally_add(CxTally *t, int bucket, int score, CxError *err)
{
	CxCategory	c = cx_category(bucket, score);

	if (__builtin_expect(t->scale != cx_buckets[bucket].scale, 0) &&
		!cx_tally_note_scale(t, cx_buckets[bucket].scale, err))
		return false;
	if (__builtin_expect(t->count[c] == INT64_MAX, 0) ||
		__builtin_add_overflow(t->score_sum, (int64_t) score, &t->score_sum))
		return cx_tally_fail_overflow(err);
	t->count[c]++;
	return true;
}

/*
 * The common case of cx_tally_add, for per-row callers: a response on the
 * scale the tally already has (or the first response, which sets it), with
 * no count at its limit.  Returns false, leaving t unchanged, in every
 * other case; cx_tally_add then does the whole job (mixes scales or reports
 * the error).  It takes no CxError, so a caller that keeps the error record
 * in a separate cold function needs none in its own stack frame.
 */
static inline bool
cx_tally_add_fast(CxTally *t, int bucket, int score)
{
	CxCategory	c = cx_category(bucket, score);
	int32_t		scale = t->scale;
	int64_t		count;
	int64_t		sum;

	if (__builtin_expect(scale != cx_buckets[bucket].scale, 0))
	{
		/* as cx_tally_note_scale: the first response sets the scale */
		if (scale != 0)
			return false;
		scale = cx_buckets[bucket].scale;
	}
	/* count[c] + 1 overflows exactly when count[c] == INT64_MAX */
	if (__builtin_add_overflow(t->count[c], (int64_t) 1, &count) ||
		__builtin_add_overflow(t->score_sum, (int64_t) score, &sum))
		return false;
	t->count[c] = count;
	t->score_sum = sum;
	t->scale = scale;
	return true;
}

/*
 * Take one response back (window frames): false, leaving t unchanged, if
 * the tally does not hold it.  cx_tally_remove is this plus the error.
 */
static inline bool
cx_tally_remove_fast(CxTally *t, int bucket, int score)
{
	CxCategory	c = cx_category(bucket, score);

	if (__builtin_expect(t->count[c] <= 0 || t->score_sum < score, 0))
		return false;
	t->count[c]--;
	t->score_sum -= score;
	/* an emptied frame may next hold responses on another scale */
	if (cx_tally_total(t) == 0)
		t->scale = 0;
	return true;
}

/* Take one response back (window frames); it must have been counted. */
extern bool cx_tally_remove(CxTally *t, int bucket, int score, CxError *err);

/* into += from; both must count the same metric. */
extern bool cx_tally_combine(CxTally *into, const CxTally *from, CxError *err);

/*
 * Results.  Each returns false when the tally holds no response (the SQL
 * result is then NULL).
 */
extern bool cx_tally_nps(const CxTally *t, double *result);
extern bool cx_tally_csat(const CxTally *t, double *result);
extern bool cx_tally_ces(const CxTally *t, double *result);

/*
 * Check that a tally read from outside (text or binary input) is one that
 * counting could have produced.
 */
extern bool cx_tally_validate(const CxTally *t, CxError *err);

/*
 * Text form:
 *	 metric=nps scale=10 positive=5 neutral=3 negative=2 score_sum=71
 * Every key is required, in that order; scale is "none", "mixed" or an
 * allowed scale.  parse validates with cx_tally_validate.
 */
#define CX_TALLY_TEXT_MAX 160
extern int	cx_tally_format(const CxTally *t, char *buf, size_t buflen);
extern bool cx_tally_parse(const char *text, size_t len, CxTally *out,
						   CxError *err);

#endif							/* CX_TALLY_H */
