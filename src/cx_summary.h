/*-------------------------------------------------------------------------
 *
 * cx_summary.h
 *		feedback_summary in memory: exact counts per score point for every
 *		metric and scale, plus survey-weight sums, mergeable without loss.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_SUMMARY_H
#define CX_SUMMARY_H

#include "cx_core.h"

/* flags */
#define CX_SUMMARY_WEIGHTED 0x01

/*
 * The expanded form every function works on.  Slots are the score points of
 * all buckets laid end to end (cx_buckets[b].first_slot ..).
 *
 * count[s] is the number of responses at slot s.  In a weighted summary
 * wsum[s] is the sum of their survey weights and wsq[b] the sum of squared
 * weights of bucket b, which is what Kish's effective sample size
 * (sum w)^2 / sum w^2 needs.  An unweighted summary leaves wsum and wsq at
 * zero; readers treat it as having every weight 1 (use
 * cx_summary_weight / cx_summary_weight_sq rather than the fields).
 */
typedef struct CxSummary
{
	uint32_t	flags;
	int64_t		count[CX_NSLOTS];
	double		wsum[CX_NSLOTS];
	double		wsq[CX_NBUCKETS];
} CxSummary;

/* Responses in a bucket. */
extern int64_t cx_summary_bucket_count(const CxSummary *s, int bucket);

/* Effective weight at a slot: wsum[s] if weighted, else count[s]. */
static inline double
cx_summary_weight(const CxSummary *s, int slot)
{
	return (s->flags & CX_SUMMARY_WEIGHTED) ? s->wsum[slot] : (double) s->count[slot];
}

/* Sum of squared weights of a bucket: wsq[b] if weighted, else its count. */
extern double cx_summary_weight_sq(const CxSummary *s, int bucket);


/* ----------------------------------------------------------------
 * Building, merging and reading summaries.  Every function keeps the
 * invariants that cx_summary_validate checks:
 *	- flags holds no bit but CX_SUMMARY_WEIGHTED;
 *	- counts are >= 0 and their sum over all slots fits in int64, so that
 *	  every total a result divides by is representable;
 *	- weighted: weight sums are finite, >= 0 and not -0.0, and zero where
 *	  the count is zero; unweighted: wsum and wsq are all zero;
 *	- canonical: an empty summary is never flagged weighted.
 * ----------------------------------------------------------------
 */

/* An empty (unweighted) summary. */
extern void cx_summary_init(CxSummary *s);

/* Sum of all counts (every metric and scale). */
extern int64_t cx_summary_total(const CxSummary *s);

/*
 * Bucket of a feedback value straight from its packed word by table
 * lookup, or -1 if the word is not a valid feedback value (a corrupt
 * datum must not index out of bounds).
 */
extern const int8_t cx_pair_bucket[CX_METRIC_MAX + 1][11];

static inline int
cx_summary_feedback_bucket(CxFeedback fb)
{
	uint32_t	metric = fb >> 16;	/* includes the unused top byte */
	uint32_t	scale = (fb >> 8) & 0xFF;
	int			bucket;

	if (metric > CX_METRIC_MAX || scale > 10)
		return -1;
	bucket = cx_pair_bucket[metric][scale];
	if (bucket < 0 || !cx_score_in_range(bucket, (long long) (fb & 0xFF)))
		return -1;
	return bucket;
}

/* Slot of a score already known to be in range for bucket. */
static inline int
cx_slot_of(int bucket, int score)
{
	return cx_buckets[bucket].first_slot + score - cx_buckets[bucket].min_score;
}

/* Bucket that slot belongs to. */
extern const uint8_t cx_slot_bucket[CX_NSLOTS];

/*
 * Check a survey weight: finite and >= 0 (zero is allowed: the response is
 * counted but carries no weight).  Fails with CX_ERR_PARAMETER.
 */
extern bool cx_summary_check_weight(double weight, CxError *err);

/*
 * Count one response at slot.  In a weighted summary it gets weight 1.
 * CX_ERR_OVERFLOW if a count would pass the 64-bit limit.
 */
extern bool cx_summary_add(CxSummary *s, int slot, CxError *err);

/*
 * Count one response at slot with a survey weight (already checked with
 * cx_summary_check_weight).  An unweighted, non-empty summary is first
 * converted to a weighted one in which every earlier response has weight 1.
 * CX_ERR_OVERFLOW if a count or a weight sum would overflow.
 */
extern bool cx_summary_add_weighted(CxSummary *s, int slot, double weight,
									CxError *err);

/*
 * into += from, exactly for counts.  If either is weighted the result is:
 * the unweighted side counts as weight 1 per response.  CX_ERR_OVERFLOW if
 * a count, the total or a weight sum would overflow; into is then unchanged.
 */
extern bool cx_summary_merge(CxSummary *into, const CxSummary *from,
							 CxError *err);

/*
 * counts_into += counts_from slot by slot with the total-fits-in-int64
 * check, for callers holding bare count arrays (the aggregate state).
 */
extern bool cx_summary_merge_counts(int64_t *counts_into,
									const int64_t *counts_from, CxError *err);

/*
 * The inverses, for window frames: take one response back, or a whole
 * summary.  Only unweighted summaries can be subtracted (floating-point
 * weight sums cannot be taken apart exactly); the caller recomputes the
 * frame instead.  CX_ERR_PARAMETER if a response to remove is not there or
 * either summary is weighted; s or into is then unchanged.
 */
extern bool cx_summary_remove(CxSummary *s, int slot, CxError *err);
extern bool cx_summary_subtract(CxSummary *into, const CxSummary *from,
								CxError *err);

/*
 * out = total - part: the responses of total that are not in part ("the
 * rest of the company" is the whole company minus one segment).  Counts
 * are exact.  If either side is weighted the result is, an unweighted
 * side counting as weight 1 per response (as in cx_summary_merge).
 *
 * Weight sums are subtracted in double precision, and (t + p) - p need not
 * give back t exactly when the sums were formed in another order.  So a
 * weight sum that comes out negative by no more than CX_WEIGHT_SLACK of
 * the total's sum is round-off and becomes 0; where no response is left,
 * the leftover weight must be within that slack too and becomes exactly 0.
 *
 * CX_ERR_PARAMETER when part is not contained in total: a count of part
 * exceeds the total's at some score point (which covers a metric or scale
 * that part holds and total does not), or part's weight at a score point
 * or squared-weight sum of a scale exceeds the total's beyond the slack,
 * or leaves weight where no response is left.  out is then unchanged; it
 * may be the same object as total.
 */
#define CX_WEIGHT_SLACK 1e-9

extern bool cx_summary_difference(const CxSummary *total, const CxSummary *part,
								  CxSummary *out, CxError *err);

/* Same content (flags, counts, weight sums). */
extern bool cx_summary_equal(const CxSummary *a, const CxSummary *b);

/*
 * The invariants above; NULL if they hold, else a sentence saying which
 * one is broken (for the detail of an error).
 */
extern const char *cx_summary_problem(const CxSummary *s);

/* ----------------------------------------------------------------
 * Physical forms.  All decoders take untrusted bytes (buf need not be
 * NUL-terminated or aligned), validate everything and never read past
 * buf + len.
 *
 * Compact (on-disk) form, the data of the varlena:
 *	byte 0     CX_SUMMARY_FORMAT_COMPACT
 *	byte 1     flags
 *	byte 2     bucket mask: bit b set iff bucket b holds a response
 *	then for each bucket of the mask, in bucket order:
 *	  1 byte   count width w: 1, 2, 4 or 8, the smallest holding the
 *	           bucket's largest count
 *	  npoints counts of w bytes each, little-endian
 *	  weighted only: npoints weight sums and then the squared-weight sum,
 *	           8 bytes each, IEEE 754 binary64 little-endian
 * It is canonical: equal content gives equal bytes, which is what
 * record-image equality (REFRESH MATERIALIZED VIEW CONCURRENTLY) compares.
 * The decoder rejects non-canonical bytes as corrupt.
 *
 * Raw form, the state of an aggregate that is updated in place:
 *	byte 0     CX_SUMMARY_FORMAT_RAW
 *	byte 1     flags
 *	bytes 2-3  zero
 *	50 native-endian int64 counts, and if weighted 50 + 8 native doubles
 *	(wsum, then wsq).  With a 4-byte varlena header in front, the counts
 *	start 8 bytes into a palloc'd chunk and are therefore aligned.
 *
 * Single-scale raw form, the small state of an unweighted aggregate whose
 * responses so far are all on one scale (the common case: a daily summary
 * per segment of one NPS column).  It keeps the per-group memory of hash
 * aggregation near that of the one-step aggregates; the first response on
 * another scale, or a count reaching INT32_MAX, turns it into the raw form.
 *	byte 0     CX_SUMMARY_FORMAT_RAW_ONE
 *	byte 1     flags, 0
 *	byte 2     the bucket
 *	byte 3     zero
 *	npoints native-endian int32 counts of that bucket, all >= 0
 * ----------------------------------------------------------------
 */
#define CX_SUMMARY_FORMAT_COMPACT 0x01
#define CX_SUMMARY_FORMAT_RAW 0x81
#define CX_SUMMARY_FORMAT_RAW_ONE 0x82
#define CX_SUMMARY_RAW_HEADER 4
#define CX_SUMMARY_RAW_LEN(weighted) \
	(CX_SUMMARY_RAW_HEADER + 8 * CX_NSLOTS + \
	 ((weighted) ? 8 * (CX_NSLOTS + CX_NBUCKETS) : 0))
#define CX_SUMMARY_RAW_ONE_LEN(bucket) \
	(CX_SUMMARY_RAW_HEADER + 4 * cx_buckets[bucket].npoints)

/* Upper bound of any compact encoding. */
#define CX_SUMMARY_COMPACT_MAX \
	(3 + CX_NBUCKETS + 8 * CX_NSLOTS + 8 * (CX_NSLOTS + CX_NBUCKETS))

/* Bytes the compact form of s takes. */
extern size_t cx_summary_compact_size(const CxSummary *s);

/* Write the compact form (cx_summary_compact_size bytes); returns its size. */
extern size_t cx_summary_encode_compact(const CxSummary *s, unsigned char *buf);

/*
 * The compact form of an unweighted summary from its bare counts (the raw
 * state of an aggregate), without building a CxSummary: validates them
 * (CX_ERR_BINARY if a count is negative or the total overflows) and writes
 * at most CX_SUMMARY_COMPACT_MAX bytes to buf; *len receives the size.
 */
extern bool cx_summary_encode_counts(const int64_t *counts, unsigned char *buf,
									 size_t *len, CxError *err);

/*
 * The compact form of the counts of one bucket (a single-scale raw state):
 * CX_ERR_BINARY if a count is negative; at most CX_SUMMARY_COMPACT_MAX
 * bytes to buf, *len receives the size.
 */
extern bool cx_summary_encode_one(int bucket, const int32_t *counts,
								  unsigned char *buf, size_t *len,
								  CxError *err);

/*
 * Write the single-scale raw form of bucket's counts (which must fit in
 * int32) into buf (CX_SUMMARY_RAW_ONE_LEN(bucket) bytes).
 */
extern void cx_summary_encode_raw_one(int bucket, const int32_t *counts,
									  unsigned char *buf);

/*
 * Decode a stored value, compact or either raw form (told apart by the
 * first byte).
 * Failure means the bytes are corrupt: CX_ERR_BINARY with a detail.
 */
extern bool cx_summary_decode(const char *buf, size_t len, CxSummary *out,
							  CxError *err);

/*
 * counts += the counts of an unweighted compact value, without building a
 * CxSummary: the rollup's per-row work (a daily summary merged into a
 * monthly state).  counts is a raw state's array, whose total fits in
 * int64.  CX_ADD_NOT_HANDLED, touching nothing, when buf is not an
 * unweighted compact value (the caller decodes it in full);
 * CX_ADD_FAILED, with counts unchanged, if the bytes are corrupt
 * (CX_ERR_BINARY, as cx_summary_decode) or the total would pass the 64-bit
 * limit (CX_ERR_OVERFLOW, as cx_summary_merge_counts).
 */
typedef enum CxAddResult
{
	CX_ADD_DONE,
	CX_ADD_NOT_HANDLED,
	CX_ADD_FAILED
} CxAddResult;

extern CxAddResult cx_summary_add_compact(int64_t *counts, const char *buf,
										  size_t len, CxError *err);

/*
 * Write the raw form of s into buf (CX_SUMMARY_RAW_LEN bytes for its
 * weightedness).
 */
extern void cx_summary_encode_raw(const CxSummary *s, unsigned char *buf);

/*
 * Binary wire form (send/receive), network byte order:
 *	int8    version, 1
 *	int8    flags (bit 0: weighted)
 *	int8    bucket mask
 *	for each bucket of the mask, in bucket order:
 *	  npoints int8 counts
 *	  weighted only: npoints float8 weight sums, then one float8
 *	  squared-weight sum
 * A bucket of the mask may hold zero responses on input (it is dropped).
 */
#define CX_SUMMARY_WIRE_VERSION 1
#define CX_SUMMARY_WIRE_MAX (3 + 8 * CX_NSLOTS + 8 * (CX_NSLOTS + CX_NBUCKETS))

extern size_t cx_summary_wire_size(const CxSummary *s);
extern size_t cx_summary_encode_wire(const CxSummary *s, unsigned char *buf);

/* Decode the wire form; CX_ERR_BINARY on any fault. */
extern bool cx_summary_decode_wire(const char *buf, size_t len,
								   CxSummary *out, CxError *err);

/*
 * Text form, JSON that a person can read and that round-trips exactly:
 *	{}                                       empty
 *	{"nps":[c0,...,c10],"csat/5":[c1,...,c5]}
 *	{"nps":{"counts":[...],"weights":[...],"squared_weights":x}}  weighted
 * Buckets appear in bucket order with their cx_buckets[].name, one count
 * per score point from the lowest; empty buckets are left out.  Weight sums
 * are written with the fewest significant digits (15 to 17) that read back
 * as the same double.  Input accepts white space between tokens, buckets in
 * any order and all-zero buckets (dropped); see cx_summary_parse.
 */
#define CX_SUMMARY_TEXT_MAX 4096

/* Write the text form, NUL-terminated; returns its length. */
extern size_t cx_summary_format(const CxSummary *s, char *buf, size_t buflen);

/*
 * Parse the text form: CX_ERR_SYNTAX for malformed text, CX_ERR_RANGE for a
 * count or weight out of range (negative, beyond int64 or double) or a
 * total beyond int64.
 */
extern bool cx_summary_parse(const char *buf, size_t len, CxSummary *out,
							 CxError *err);

/* ----------------------------------------------------------------
 * What a summary says.  Unweighted results use exactly the arithmetic of
 * the one-step aggregates (cx_tally.c), so a metric over merged summaries
 * is bit-for-bit the metric over the raw rows.  Weighted results divide
 * weight sums: 100 (W+ - W-) / W for NPS and so on.
 * ----------------------------------------------------------------
 */

/* Responses of a metric, over all its scales. */
extern int64_t cx_summary_metric_count(const CxSummary *s, CxMetric metric);

/* Responses of a metric in one category, over all its scales. */
extern int64_t cx_summary_category_count(const CxSummary *s, CxMetric metric,
										 CxCategory category);

/* Sum of the weights of a metric's responses (their count if unweighted). */
extern double cx_summary_metric_weight(const CxSummary *s, CxMetric metric);

/*
 * NPS, CSAT (percent satisfied, pooled over CSAT scales, each response
 * categorized on its own scale).  False when there is nothing to divide by
 * (no response, or total weight 0): SQL NULL.
 */
extern bool cx_summary_nps(const CxSummary *s, double *result);
extern bool cx_summary_csat(const CxSummary *s, double *result);

/*
 * CES mean score.  Returns false with err set when the summary holds CES
 * responses on both the 5- and the 7-point scale (CX_ERR_MIXED_SCALE, as
 * ces_agg) or the score sum overflows; otherwise true, with *isnull when
 * there is nothing to divide by.
 */
extern bool cx_summary_ces(const CxSummary *s, double *result, bool *isnull,
						   CxError *err);

/*
 * The one bucket of metric that holds responses: -1 if none does, -2 if
 * several do.
 */
extern int	cx_summary_only_bucket(const CxSummary *s, CxMetric metric);

#endif							/* CX_SUMMARY_H */
