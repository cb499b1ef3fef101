/*-------------------------------------------------------------------------
 *
 * cx_change.h
 *		The state of change_agg: how the same customers moved between the
 *		categories of one metric from a first survey to a second, and the
 *		paired statistics on it.  Pure C: no server headers.
 *
 * Each customer contributes one (before, after) pair.  The state keeps the
 * 3 x 3 table of (before category, after category) counts, which is all a
 * paired analysis of NPS or CSAT needs: the per-customer difference
 * d = code(after) - code(before) takes one value per cell, so its mean and
 * variance follow from the counts exactly.  Codes: NPS promoter +1,
 * passive 0, detractor -1 (the mean of d, times 100, is the change of the
 * NPS); CSAT satisfied 1, otherwise 0 (the mean of d, times 100, is the
 * change of the CSAT).
 *
 * The state is the SQL type feedback_change: fixed-size (80 bytes), passed
 * by reference, with a text form (so Citus can ship partial states) and a
 * binary form.  change_agg updates it in place.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_CHANGE_H
#define CX_CHANGE_H

#include "cx_stats.h"

/*
 * The layout version of a feedback_change value.  The value can be stored
 * in tables (a materialized view of per-campaign states, say), so its
 * memory layout is an on-disk format: a later release that changes it will
 * be able to tell old values from new ones by this byte.  Every value this
 * release produces or accepts carries version 1.
 */
#define CX_CHANGE_VERSION 1

/*
 * count[b][a] is the number of customers whose first response fell in
 * category b and whose second fell in category a (both indexed by
 * CxCategory: positive, neutral, negative).
 *
 * Invariants, checked by cx_change_validate on every value read from text
 * or binary input:
 * - every count >= 0 and their total fits in int64 (results and pairs()
 *   return the total as bigint);
 * - metric is CX_METRIC_NONE exactly when the total is 0: the first pair
 *   sets the metric, and removing the last pair of a window frame clears
 *   it, so an empty frame may next hold pairs of another metric exactly as
 *   a recomputation of that frame would;
 * - version is CX_CHANGE_VERSION and reserved bytes are zero, so that
 *   equal states are equal byte for byte.
 */
typedef struct CxChange
{
	int64_t		count[CX_NCATEGORIES][CX_NCATEGORIES];	/* [before][after] */
	uint8_t		metric;			/* CxMetric of every pair, NONE if empty */
	uint8_t		version;		/* CX_CHANGE_VERSION */
	uint8_t		reserved[6];	/* zero */
} CxChange;

#define CX_CHANGE_SIZE ((int) sizeof(CxChange))

/* An empty state: no pair, no metric. */
extern void cx_change_init(CxChange *c);

static inline int64_t
cx_change_total(const CxChange *c)
{
	const int64_t *v = &c->count[0][0];

	/* a valid state's total fits int64, so no partial sum can overflow */
	return v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7] + v[8];
}

/* Category of a valid feedback value. */
static inline CxCategory
cx_change_category(CxFeedback fb)
{
	CxMetric	metric = cx_feedback_metric(fb);
	int			bucket = metric == CX_METRIC_NPS ? CX_BUCKET_NPS :
		cx_bucket_for_scale(metric, cx_feedback_scale(fb));

	return cx_category(bucket, cx_feedback_score(fb));
}

/*
 * The per-row common case of cx_change_add: both responses of the state's
 * metric and the total below its limit.  Returns false, leaving c
 * unchanged, in every other case (the first pair, which sets the metric,
 * and every error); cx_change_add then does the whole job.  before and
 * after must be valid feedback values, as every value of the SQL type is.
 */
static inline bool
cx_change_add_fast(CxChange *c, CxFeedback before, CxFeedback after)
{
	CxMetric	metric = cx_feedback_metric(before);

	if (__builtin_expect(metric != cx_feedback_metric(after) ||
						 (int) metric != (int) c->metric ||
						 cx_change_total(c) == INT64_MAX, 0))
		return false;
	c->count[cx_change_category(before)][cx_change_category(after)]++;
	return true;
}

/*
 * Count one pair.  Errors (CX_ERR_PARAMETER unless noted): the two
 * responses measure different metrics; the state already counts another
 * metric; a response is not a valid feedback value (direct calls only);
 * the total would exceed int64 (CX_ERR_OVERFLOW).  On error c is unchanged.
 */
extern bool cx_change_add(CxChange *c, CxFeedback before, CxFeedback after,
						  CxError *err);

/*
 * Take one pair back (window frames).  The fast form returns false,
 * leaving c unchanged, unless the state holds such a pair; cx_change_remove
 * is that plus the error (the state is inconsistent with the frame, or the
 * pair mixes metrics).  Removing the last pair clears the metric.
 */
static inline bool
cx_change_remove_fast(CxChange *c, CxFeedback before, CxFeedback after)
{
	CxMetric	metric = cx_feedback_metric(before);
	int64_t    *cell;

	if (__builtin_expect(metric != cx_feedback_metric(after) ||
						 (int) metric != (int) c->metric, 0))
		return false;
	cell = &c->count[cx_change_category(before)][cx_change_category(after)];
	if (__builtin_expect(*cell <= 0, 0))
		return false;
	(*cell)--;
	if (cx_change_total(c) == 0)
		c->metric = CX_METRIC_NONE;
	return true;
}

extern bool cx_change_remove(CxChange *c, CxFeedback before, CxFeedback after,
							 CxError *err);

/*
 * into += from.  An empty state combines with anything; two non-empty
 * states must count the same metric (CX_ERR_PARAMETER), and the total must
 * stay within int64 (CX_ERR_OVERFLOW).  On error into is unchanged.
 */
extern bool cx_change_combine(CxChange *into, const CxChange *from,
							  CxError *err);

/* Check the invariants above (CX_ERR_PARAMETER with a detail). */
extern bool cx_change_validate(const CxChange *c, CxError *err);

/* ----------------------------------------------------------------
 * Category moves.  "Up" is towards the positive category (detractor to
 * passive or promoter, passive to promoter; dissatisfied to neutral or
 * satisfied; difficult to neutral or easy), for every metric.
 * pairs = moved_up + moved_down + unchanged.
 * ----------------------------------------------------------------
 */
extern int64_t cx_change_moved_up(const CxChange *c);
extern int64_t cx_change_moved_down(const CxChange *c);
extern int64_t cx_change_unchanged(const CxChange *c);

/* ----------------------------------------------------------------
 * Paired statistics on the per-customer difference d (see the top).
 *
 * Every function first checks its arguments (confidence), then the metric:
 * an empty state has no value (CX_STAT_NULL); a state of another metric
 * than the one asked for is CX_ERR_PARAMETER (CES pairs have no NPS or
 * CSAT change).  Results are in points, 100 x:
 *
 *	change    mean(d), defined from one pair on; NPS -200..200 (a detractor
 *	          becoming a promoter is +200 points for that customer), CSAT
 *	          -100..100
 *	interval  mean(d) +/- t(n - 1) sd(d) / sqrt(n), sd the sample standard
 *	          deviation (n - 1); NULL for n < 2; when every customer has
 *	          the same difference, sd = 0 and the interval is that single
 *	          point
 *	test      two-sided p-value of t = mean(d) / (sd(d) / sqrt(n)) with
 *	          n - 1 degrees of freedom; NULL for n < 2; when every
 *	          difference is the same: 1 if it is 0 (nobody changed, the
 *	          data are exactly what "no change" predicts), NULL otherwise
 *	          (t is infinite; no t test applies, as nps_test returns NULL
 *	          for a zero standard error)
 * ----------------------------------------------------------------
 */

/* Moments of d, the unit of the metric's codes (not yet times 100). */
typedef struct CxPairedSample
{
	int64_t		n;				/* pairs */
	double		mean;			/* mean(d) */
	double		variance;		/* sample variance, n - 1; NaN if n < 2 */
	bool		constant;		/* every d is the same (variance exactly 0) */
} CxPairedSample;

/* NULL (empty), a value, or an error for a state of another metric. */
extern CxStatOutcome cx_change_sample(const CxChange *c, CxMetric metric,
									  CxPairedSample *out, CxError *err);

extern CxStatOutcome cx_change_mean(const CxChange *c, CxMetric metric,
									double *out, CxError *err);
extern CxStatOutcome cx_change_interval(const CxChange *c, CxMetric metric,
										double confidence, double *lower,
										double *upper, CxError *err);
extern CxStatOutcome cx_change_test(const CxChange *c, CxMetric metric,
									double *p_value, CxError *err);

/* ----------------------------------------------------------------
 * Text form: the metric and the nine counts, every key required, in this
 * order, separated by spaces (leading and trailing spaces allowed):
 *
 *	 metric=nps pos>pos=5 pos>neu=1 pos>neg=0 neu>pos=2 neu>neu=3
 *	 neu>neg=1 neg>pos=0 neg>neu=1 neg>neg=4
 *
 * (one line; "neg>pos" is a customer who went from the negative category
 * to the positive one: detractor to promoter).  The metric is nps, csat or
 * ces (any case), or none for the empty state, which must have every count
 * 0; a state with pairs must name its metric.  Counts are decimal digits,
 * no sign, no leading zero.  Errors: CX_ERR_SYNTAX for anything malformed
 * or inconsistent, CX_ERR_RANGE for a count or a total beyond int64.
 * ----------------------------------------------------------------
 */
#define CX_CHANGE_TEXT_MAX 256
extern int	cx_change_format(const CxChange *c, char *buf, size_t buflen);
extern bool cx_change_parse(const char *text, size_t len, CxChange *out,
							CxError *err);

/*
 * Binary form (network byte order): version (1 byte), metric (1 byte), the
 * nine counts as int8 in [before][after] order: 74 bytes.  decode checks
 * everything parse checks; every failure is CX_ERR_BINARY.
 */
#define CX_CHANGE_WIRE_LEN (2 + 9 * 8)
extern void cx_change_encode(const CxChange *c, unsigned char *buf);
extern bool cx_change_decode(const unsigned char *buf, size_t len,
							 CxChange *out, CxError *err);

#endif							/* CX_CHANGE_H */
