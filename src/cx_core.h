/*-------------------------------------------------------------------------
 *
 * cx_core.h
 *		The pure computational core of cxsat: metrics, scales, categories,
 *		the packed feedback value and its text form, and the error record
 *		the core hands back to the server glue.
 *
 * Nothing here includes a PostgreSQL header, so the core can be unit-tested
 * and fuzzed as an ordinary program.  The fmgr glue (feedback.c,
 * aggregates.c, summary.c, stats.c) turns a CxError into ereport().
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_CORE_H
#define CX_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Metric codes.  The numeric values are part of the on-disk form of
 * feedback and feedback_summary and of the binary wire format: never
 * renumber them.
 */
typedef enum CxMetric
{
	CX_METRIC_NONE = 0,
	CX_METRIC_NPS = 1,
	CX_METRIC_CSAT = 2,
	CX_METRIC_CES = 3
} CxMetric;

#define CX_METRIC_MAX 3

/*
 * Category of one response.  Index order is shared by all three metrics so
 * that one counting routine serves them all: promoter / satisfied / easy,
 * then passive / neutral / neutral, then detractor / dissatisfied /
 * difficult.
 */
typedef enum CxCategory
{
	CX_CAT_POSITIVE = 0,
	CX_CAT_NEUTRAL = 1,
	CX_CAT_NEGATIVE = 2
} CxCategory;

#define CX_NCATEGORIES 3

/*
 * A (metric, scale) pair is a "bucket".  NPS has one (0..10); CSAT has five
 * scales, CES two.  Buckets are numbered in the order below, and the score
 * points of all buckets laid end to end form the 50 "slots" that a
 * feedback_summary counts.  The bucket numbers are part of the on-disk and
 * wire formats of feedback_summary: append only.
 */
typedef enum CxBucket
{
	CX_BUCKET_NPS = 0,
	CX_BUCKET_CSAT2,
	CX_BUCKET_CSAT3,
	CX_BUCKET_CSAT5,
	CX_BUCKET_CSAT7,
	CX_BUCKET_CSAT10,
	CX_BUCKET_CES5,
	CX_BUCKET_CES7
} CxBucket;

#define CX_NBUCKETS 8
#define CX_NSLOTS 50

typedef struct CxBucketInfo
{
	CxMetric	metric;
	int			scale;			/* highest score; 10 for NPS */
	int			min_score;		/* 0 for NPS, 1 otherwise */
	int			first_slot;		/* index of min_score in the slot array */
	int			npoints;		/* scale - min_score + 1 */
	const char *name;			/* "nps", "csat/5", ... as in summary text */
} CxBucketInfo;

/*
 * The buckets, and below the category of each slot, are defined here rather
 * than in cx_core.c so that every file sees their values: per-row code with
 * a constant bucket (the aggregates' transition functions) then compiles
 * the lookups down to constants and one load from a file-local table, where
 * an extern table costs a chain of dependent loads per row (measured in
 * docs/jit.md).  The copies are identical and small (under 400 bytes).
 */
static const CxBucketInfo cx_buckets[CX_NBUCKETS] = {
	{CX_METRIC_NPS, 10, 0, 0, 11, "nps"},
	{CX_METRIC_CSAT, 2, 1, 11, 2, "csat/2"},
	{CX_METRIC_CSAT, 3, 1, 13, 3, "csat/3"},
	{CX_METRIC_CSAT, 5, 1, 16, 5, "csat/5"},
	{CX_METRIC_CSAT, 7, 1, 21, 7, "csat/7"},
	{CX_METRIC_CSAT, 10, 1, 28, 10, "csat/10"},
	{CX_METRIC_CES, 5, 1, 38, 5, "ces/5"},
	{CX_METRIC_CES, 7, 1, 43, 7, "ces/7"},
};

/* Default scales when a caller gives none. */
#define CX_NPS_SCALE 10
#define CX_CSAT_DEFAULT_SCALE 5
#define CX_CES_DEFAULT_SCALE 7

#define CXP CX_CAT_POSITIVE
#define CXN CX_CAT_NEUTRAL
#define CXD CX_CAT_NEGATIVE

/*
 * The category split of every scale, slot by slot.  Conventions: NPS as
 * defined by Bain (9-10 promoters, 7-8 passives, 0-6 detractors); CSAT and
 * CES count the top two points of a 5- or 7-point scale as positive and the
 * bottom two as negative ("top-2-box"), the top three and bottom three of a
 * 10-point scale, and the 2- and 3-point scales split one point each.  The
 * README's category table must match this one.
 */
static const uint8_t cx_slot_category[CX_NSLOTS] = {
	/* nps 0..10 */
	CXD, CXD, CXD, CXD, CXD, CXD, CXD, CXN, CXN, CXP, CXP,
	/* csat/2: bad, good */
	CXD, CXP,
	/* csat/3 */
	CXD, CXN, CXP,
	/* csat/5 */
	CXD, CXD, CXN, CXP, CXP,
	/* csat/7 */
	CXD, CXD, CXN, CXN, CXN, CXP, CXP,
	/* csat/10 */
	CXD, CXD, CXD, CXN, CXN, CXN, CXN, CXP, CXP, CXP,
	/* ces/5 */
	CXD, CXD, CXN, CXP, CXP,
	/* ces/7 */
	CXD, CXD, CXD, CXN, CXP, CXP, CXP,
};

#undef CXP
#undef CXN
#undef CXD

/* Lower-case metric name ("nps"), or NULL for an invalid code. */
extern const char *cx_metric_name(CxMetric metric);

/* Upper-case display name used in error messages ("NPS"). */
extern const char *cx_metric_label(CxMetric metric);

/* Metric from a name, case-insensitive, len bytes; CX_METRIC_NONE if none. */
extern CxMetric cx_metric_from_name(const char *name, size_t len);

/*
 * Bucket for (metric, scale), or -1 if the scale is not allowed for the
 * metric.  For NPS the only scale is 10.
 */
extern int	cx_bucket_of(CxMetric metric, int scale);

/* Category of a score already known to be in range for its bucket. */
static inline CxCategory
cx_category(int bucket, int score)
{
	return (CxCategory) cx_slot_category[cx_buckets[bucket].first_slot +
										 score - cx_buckets[bucket].min_score];
}

/* Category names per metric, for category(feedback) and the docs. */
extern const char *cx_category_name(CxMetric metric, CxCategory category);

/*
 * Error record.  The core never aborts on bad input; it fills one of these
 * and returns false, and the server glue raises it with the SQLSTATE that
 * matches the status.  Messages follow the PostgreSQL style: lower case, no
 * trailing period; detail and hint are full sentences or empty.
 */
typedef enum CxStatus
{
	CX_OK = 0,
	CX_ERR_SYNTAX,				/* 22P02 invalid_text_representation */
	CX_ERR_RANGE,				/* 22003 numeric_value_out_of_range */
	CX_ERR_BINARY,				/* 22P03 invalid_binary_representation */
	CX_ERR_MIXED_SCALE,			/* 22023 invalid_parameter_value */
	CX_ERR_PARAMETER,			/* 22023 invalid_parameter_value */
	CX_ERR_OVERFLOW				/* 22003 numeric_value_out_of_range */
} CxStatus;

#define CX_ERRMSG_LEN 256

typedef struct CxError
{
	CxStatus	status;
	char		message[CX_ERRMSG_LEN];
	char		detail[CX_ERRMSG_LEN];
	char		hint[CX_ERRMSG_LEN];
} CxError;

/* Fill err; returns false so that callers can write "return cx_fail(...)". */
extern bool cx_fail(CxError *err, CxStatus status, const char *detail,
					const char *hint, const char *fmt,...)
			__attribute__((format(printf, 5, 6)));

/*
 * Quote at most a bounded prefix of untrusted input for an error message,
 * escaping nothing but truncating with "..." so that a 1 MB string does not
 * become a 1 MB message.
 */
/*
 * The "key=value" text forms (feedback_tally, feedback_change): read "key="
 * at *pos, after any spaces, and its value up to the next space or the end.
 * False if the key is not there or the value is empty.
 */
extern bool cx_read_field(const char *text, size_t len, size_t *pos,
						  const char *key, const char **value,
						  size_t *value_len);

extern void cx_quote_input(char *dst, size_t dstlen, const char *src,
						   size_t srclen);

/* ----------------------------------------------------------------
 * feedback: one survey response, packed into 32 bits.
 *
 *	bits 16..23  metric code (CxMetric)
 *	bits  8..15  scale (highest score; 10 for NPS)
 *	bits  0..7   score
 *
 * Because the metric is the most significant field, comparing the packed
 * words as unsigned integers orders by metric, then scale, then score:
 * the btree and hash opclasses use the word as it is.  The packing is
 * also the on-disk form, so it must never change.
 * ----------------------------------------------------------------
 */
typedef uint32_t CxFeedback;

static inline CxFeedback
cx_feedback_pack(CxMetric metric, int scale, int score)
{
	return ((uint32_t) metric << 16) | ((uint32_t) scale << 8) | (uint32_t) score;
}

static inline CxMetric
cx_feedback_metric(CxFeedback fb)
{
	return (CxMetric) ((fb >> 16) & 0xFF);
}

static inline int
cx_feedback_scale(CxFeedback fb)
{
	return (int) ((fb >> 8) & 0xFF);
}

static inline int
cx_feedback_score(CxFeedback fb)
{
	return (int) (fb & 0xFF);
}

/* The scale a metric uses when none is given: 10, 5 and 7. */
extern int	cx_default_scale(CxMetric metric);

/*
 * Build a feedback value from parts, validating every one; without
 * has_scale the metric's default scale applies.  On failure err says why
 * (CX_ERR_RANGE for a score or scale out of range, CX_ERR_SYNTAX for an
 * unknown metric).
 */
extern bool cx_feedback_make(CxMetric metric, long long score, bool has_scale,
							 long long scale, CxFeedback *out, CxError *err);

/*
 * Bucket of an allowed (metric, scale) pair by direct lookup, or -1: the
 * per-row form of cx_bucket_of for aggregates that take a scale argument.
 */
extern const int8_t cx_csat_bucket_by_scale[11];
extern const int8_t cx_ces_bucket_by_scale[11];

static inline int
cx_bucket_for_scale(CxMetric metric, long long scale)
{
	if (scale < 0 || scale > 10)
		return -1;
	if (metric == CX_METRIC_CSAT)
		return cx_csat_bucket_by_scale[scale];
	if (metric == CX_METRIC_CES)
		return cx_ces_bucket_by_scale[scale];
	return scale == CX_NPS_SCALE ? CX_BUCKET_NPS : -1;
}

/* True if score is a valid point of bucket: one subtraction, one compare. */
static inline bool
cx_score_in_range(int bucket, long long score)
{
	return (unsigned long long) (score - cx_buckets[bucket].min_score) <
		(unsigned long long) cx_buckets[bucket].npoints;
}

/* Fill err for a score outside its bucket's range (CX_ERR_RANGE). */
extern bool cx_fail_score(CxError *err, int bucket, long long score);

/* Fill err for a scale the metric does not allow (CX_ERR_RANGE). */
extern bool cx_fail_scale(CxError *err, CxMetric metric, long long scale);

/*
 * Binary wire form of feedback: three bytes, metric code, scale, score.
 * decode validates as cx_feedback_make does (CX_ERR_BINARY for a wrong
 * length or unknown metric code, CX_ERR_RANGE for a bad scale or score).
 */
#define CX_FEEDBACK_WIRE_LEN 3
extern void cx_feedback_encode(CxFeedback fb, unsigned char *buf);
extern bool cx_feedback_decode(const unsigned char *buf, size_t len,
							   CxFeedback *out, CxError *err);

/* True if fb is a packed value that cx_feedback_make could have built. */
extern bool cx_feedback_valid(CxFeedback fb);

/* Bucket of a valid feedback value. */
extern int	cx_feedback_bucket(CxFeedback fb);

/*
 * Parse the text form ("nps:9", " CSAT : 4 / 5 ", "csat:good", "ces:6/7").
 * len is the length of text, which need not be NUL-terminated.
 */
extern bool cx_feedback_parse(const char *text, size_t len, CxFeedback *out,
							  CxError *err);

/*
 * Canonical text form into buf (at least CX_FEEDBACK_TEXT_MAX bytes):
 * "nps:9", "csat:4/5", "ces:6/7".  Returns the length written.
 */
#define CX_FEEDBACK_TEXT_MAX 16
extern int	cx_feedback_format(CxFeedback fb, char *buf);


/* ----------------------------------------------------------------
 * Polarity and ordering within one metric (0.2.0).
 * ----------------------------------------------------------------
 */

/*
 * Polarity of a valid feedback value: its category, which is positive for
 * promoter, satisfied and easy, negative for detractor, dissatisfied and
 * difficult, and neutral otherwise.  The names are metric-neutral, so that
 * one filter finds every unhappy customer whatever the survey.
 */
static inline CxCategory
cx_feedback_polarity(CxFeedback fb)
{
	return cx_category(cx_feedback_bucket(fb), cx_feedback_score(fb));
}

/* "positive", "neutral" or "negative"; NULL for an invalid category. */
extern const char *cx_polarity_name(CxCategory category);

/*
 * May two feedback values be ordered?  Only within one metric and scale: a
 * score of 9 out of 10 and 4 out of 5 are not comparable, and the packed
 * word's order across metrics (by metric code first) means nothing to an
 * analyst.  Equality needs no such test.
 */
static inline bool
cx_feedback_comparable(CxFeedback a, CxFeedback b)
{
	return (a >> 8) == (b >> 8);
}

/* The ordering operators; the values are not stored anywhere. */
typedef enum CxCompareOp
{
	CX_CMP_LT,
	CX_CMP_LE,
	CX_CMP_GT,
	CX_CMP_GE
} CxCompareOp;

/*
 * a op b for two values of one metric and scale.  For any other pair it
 * fills err (CX_ERR_PARAMETER, 22023) and returns false: the operators fail
 * loudly rather than order NPS before CSAT.
 */
extern bool cx_feedback_compare(CxFeedback a, CxFeedback b, CxCompareOp op,
								bool *result, CxError *err);

/*
 * Estimated fraction of a column's rows for which "x op c" is true, from
 * its statistics: nullfrac, the most common values with their frequencies
 * and the histogram bounds (sorted in the packed order; NULL and 0 when a
 * list is absent).  Rows of another metric or scale than c's count as not
 * matching (the operator would raise an error on them).  Values that are
 * not valid feedback are ignored.  default_sel is returned when there is
 * nothing to go on.  Pure arithmetic on the score slots of cx_core.h, so
 * the planner never calls the operator on statistics of a mixed column.
 */
extern double cx_feedback_ineq_selectivity(CxCompareOp op, CxFeedback c,
										   double nullfrac,
										   const CxFeedback *mcv,
										   const double *mcv_freq, int nmcv,
										   const CxFeedback *hist, int nhist,
										   double default_sel);

#endif							/* CX_CORE_H */
