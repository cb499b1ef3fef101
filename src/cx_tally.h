/*-------------------------------------------------------------------------
 *
 * cx_tally.h
 *		The transition state of the one-step aggregates nps_agg, csat_agg
 *		and ces_agg: category counts and a score sum for one metric.
 *
 * A tally is the SQL type feedback_tally: fixed-size (32 bytes), passed by
 * reference, with a text form so that Citus can ship partial states between
 * nodes.  The aggregates update it in place in the aggregate memory
 * context, so a row costs one increment and no allocation.  32 bytes is
 * what AllocSet's smallest chunk class above 16 holds: hash aggregation
 * then spends 48 bytes of state memory per group (chunk and header), where
 * 40 bytes would take a 64-byte chunk and 80.
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

/*
 * The metric, the scale and the score sum share one word, so that the
 * struct fits 32 bytes and so that the per-row test is a single compare:
 * adding a score to the word and checking its top byte against the kind
 * the row's bucket expects catches a state of another metric, a first
 * response (scale still 0), a change of scale and a score sum reaching its
 * limit (the carry spills into the kind) all at once.
 *
 *	bits 0-55   score sum, 0 .. CX_TALLY_SUM_MAX
 *	bits 56-60  scale: 0, 2 .. 10, or 31 for CX_TALLY_MIXED_SCALES
 *	bits 61-63  metric (CxMetric)
 *
 * The counts keep their full 64 bits.  The sum limit, 2^56 - 1, is 7.2e15
 * responses at the highest score of any scale.
 */
typedef struct CxTally
{
	int64_t		count[CX_NCATEGORIES];	/* indexed by CxCategory */
	uint64_t	sum_kind;		/* score sum and kind, see above */
} CxTally;

#define CX_TALLY_SIZE ((int) sizeof(CxTally))
#define CX_TALLY_SUM_BITS 56
#define CX_TALLY_SUM_MAX ((int64_t) ((UINT64_C(1) << CX_TALLY_SUM_BITS) - 1))
#define CX_TALLY_SCALE_MIXED_CODE 31

/* The kind bits (metric and scale) of a word, in place. */
static inline uint64_t
cx_tally_kind(int metric, int scale)
{
	uint64_t	code = scale == CX_TALLY_MIXED_SCALES ?
		CX_TALLY_SCALE_MIXED_CODE : (uint64_t) scale;

	return ((uint64_t) metric << 61) | (code << CX_TALLY_SUM_BITS);
}

#define CX_TALLY_KIND_MASK (~(uint64_t) CX_TALLY_SUM_MAX)
#define CX_TALLY_METRIC_MASK (UINT64_C(7) << 61)

static inline int
cx_tally_metric(const CxTally *t)
{
	return (int) (t->sum_kind >> 61);
}

static inline int
cx_tally_scale(const CxTally *t)
{
	int			code = (int) ((t->sum_kind >> CX_TALLY_SUM_BITS) & 31);

	return code == CX_TALLY_SCALE_MIXED_CODE ? CX_TALLY_MIXED_SCALES : code;
}

static inline int64_t
cx_tally_score_sum(const CxTally *t)
{
	return (int64_t) (t->sum_kind & (uint64_t) CX_TALLY_SUM_MAX);
}

/* scale: 0, an allowed scale (<= 10) or CX_TALLY_MIXED_SCALES. */
static inline void
cx_tally_set_scale(CxTally *t, int scale)
{
	t->sum_kind = (t->sum_kind & ~(UINT64_C(31) << CX_TALLY_SUM_BITS)) |
		(cx_tally_kind(0, scale) & ~CX_TALLY_METRIC_MASK);
}

/* sum: 0 .. CX_TALLY_SUM_MAX. */
static inline void
cx_tally_set_score_sum(CxTally *t, int64_t sum)
{
	t->sum_kind = (t->sum_kind & CX_TALLY_KIND_MASK) | (uint64_t) sum;
}

static inline int64_t
cx_tally_total(const CxTally *t)
{
	return t->count[0] + t->count[1] + t->count[2];
}

/*
 * A tally's fields one by one, as its text and binary forms carry them,
 * wide enough to hold any value those forms can express so that an
 * out-of-range one is caught before it is packed.
 */
typedef struct CxTallyParts
{
	int64_t		metric;
	int64_t		scale;
	int64_t		count[CX_NCATEGORIES];
	int64_t		score_sum;
} CxTallyParts;

extern void cx_tally_unpack(const CxTally *t, CxTallyParts *parts);

/*
 * Check that parts describe a tally counting could have produced, and pack
 * them: CX_ERR_PARAMETER with a detail otherwise (callers reading text or
 * binary input turn that into their own error kind).
 */
extern bool cx_tally_pack(const CxTallyParts *parts, CxTally *out, CxError *err);

/* An empty tally for metric. */
extern void cx_tally_init(CxTally *t, CxMetric metric);

/*
 * Record a scale seen for count responses being added; handles the
 * none/same/mixed transitions and CES's refusal to mix.
 */
extern bool cx_tally_note_scale(CxTally *t, int scale, CxError *err);

/*
 * Note one response (bucket already validated, score in range), checking
 * for 64-bit overflow and for CES scale mixing.
 */
extern bool cx_tally_add(CxTally *t, int bucket, int score, CxError *err);

/*
 * The common case of cx_tally_add, for per-row callers: a response of the
 * tally's metric on the scale it already has (or the first response, which
 * sets it), with no count or the sum at its limit.  Returns false, leaving
 * t unchanged, in every other case; cx_tally_add then does the whole job
 * (mixes scales or reports the error).  It takes no CxError, so a caller
 * that keeps the error record in a separate cold function needs none in its
 * own stack frame.
 */
static inline bool
cx_tally_add_fast(CxTally *t, int bucket, int score)
{
	CxCategory	c = cx_category(bucket, score);
	/* a bucket's scale is never "mixed": no need for cx_tally_kind's test */
	uint64_t	want = ((uint64_t) cx_buckets[bucket].metric << 61) |
		((uint64_t) cx_buckets[bucket].scale << CX_TALLY_SUM_BITS);
	uint64_t	word = t->sum_kind + (uint64_t) score;
	int64_t		count;

	if (__builtin_expect((word & CX_TALLY_KIND_MASK) != want, 0))
	{
		/*
		 * The first response sets the scale; an empty tally's sum is 0, so
		 * no carry can have reached the kind.
		 */
		if ((word & CX_TALLY_KIND_MASK) != (want & CX_TALLY_METRIC_MASK))
			return false;
		word |= want;
	}
	/* count[c] + 1 overflows exactly when count[c] == INT64_MAX */
	if (__builtin_add_overflow(t->count[c], (int64_t) 1, &count))
		return false;
	t->count[c] = count;
	t->sum_kind = word;
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

	if (__builtin_expect(t->count[c] <= 0 || cx_tally_score_sum(t) < score, 0))
		return false;
	t->count[c]--;
	t->sum_kind -= (uint64_t) score;
	/* an emptied frame may next hold responses on another scale */
	if (cx_tally_total(t) == 0)
		cx_tally_set_scale(t, 0);
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
 * Check that a tally is one that counting could have produced (see
 * cx_tally_pack).
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
