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

#endif							/* CX_SUMMARY_H */
