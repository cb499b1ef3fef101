/*-------------------------------------------------------------------------
 *
 * cx_summary.c
 *		feedback_summary: counting, merging, the compact, raw and wire forms,
 *		the text form and the metrics read from a summary.  Pure C: no
 *		PostgreSQL headers.
 *
 * Every decoder here reads untrusted bytes (disk, the wire, user text, and
 * the fuzzers of test/fuzz), so each length is checked before it is used
 * and every decoded summary passes cx_summary_problem before it is handed
 * out.
 *
 *-------------------------------------------------------------------------
 */
#include "cx_summary.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int8_t cx_pair_bucket[CX_METRIC_MAX + 1][11] = {
	/* scale:   0   1   2   3   4   5   6   7   8   9  10 */
	/* none */ {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
	/* nps  */ {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, CX_BUCKET_NPS},
	/* csat */ {-1, -1, CX_BUCKET_CSAT2, CX_BUCKET_CSAT3, -1, CX_BUCKET_CSAT5, -1,
		CX_BUCKET_CSAT7, -1, -1, CX_BUCKET_CSAT10},
	/* ces  */ {-1, -1, -1, -1, -1, CX_BUCKET_CES5, -1, CX_BUCKET_CES7, -1, -1, -1},
};

const uint8_t cx_slot_bucket[CX_NSLOTS] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* nps */
	1, 1,						/* csat/2 */
	2, 2, 2,					/* csat/3 */
	3, 3, 3, 3, 3,				/* csat/5 */
	4, 4, 4, 4, 4, 4, 4,		/* csat/7 */
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5,	/* csat/10 */
	6, 6, 6, 6, 6,				/* ces/5 */
	7, 7, 7, 7, 7, 7, 7,		/* ces/7 */
};

static void summary_canonicalize(CxSummary *s);

static const char summary_text_hint[] =
"The form is {\"nps\":[c0,...,c10],\"csat/5\":[c1,...,c5]}: one array of counts per metric and scale, lowest score first.";

/* ----------------------------------------------------------------
 * Basics
 * ----------------------------------------------------------------
 */

void
cx_summary_init(CxSummary *s)
{
	memset(s, 0, sizeof(*s));
}

int64_t
cx_summary_bucket_count(const CxSummary *s, int bucket)
{
	const CxBucketInfo *info = &cx_buckets[bucket];
	int64_t		n = 0;

	/* cannot overflow: the invariant keeps the sum of all counts in range */
	for (int i = 0; i < info->npoints; i++)
		n += s->count[info->first_slot + i];
	return n;
}

double
cx_summary_weight_sq(const CxSummary *s, int bucket)
{
	if (s->flags & CX_SUMMARY_WEIGHTED)
		return s->wsq[bucket];
	return (double) cx_summary_bucket_count(s, bucket);
}

int64_t
cx_summary_total(const CxSummary *s)
{
	int64_t		n = 0;

	for (int slot = 0; slot < CX_NSLOTS; slot++)
		n += s->count[slot];
	return n;
}

static bool
fail_overflow(CxError *err)
{
	return cx_fail(err, CX_ERR_OVERFLOW,
				   "A count or the total of a feedback_summary would exceed the 64-bit limit.",
				   NULL, "feedback_summary count out of range");
}

static bool
fail_weight_overflow(CxError *err)
{
	return cx_fail(err, CX_ERR_OVERFLOW,
				   "A sum of survey weights or of their squares would exceed the range of double precision.",
				   NULL, "feedback_summary weight sum out of range");
}

/*
 * The weight sums of all slots together must be finite too: results add
 * the sums of a metric's categories, and each sum alone being finite does
 * not keep that total from overflowing to infinity and a NaN result.
 */
static bool
weight_total_ok(const double *wsum)
{
	double		total = 0;

	for (int slot = 0; slot < CX_NSLOTS; slot++)
		total += wsum[slot];
	return total <= DBL_MAX;
}

bool
cx_summary_check_weight(double weight, CxError *err)
{
	char		detail[96];

	if (weight >= 0 && isfinite(weight))
		return true;
	snprintf(detail, sizeof(detail), "The weight is %g.", weight);
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Survey weights must be finite and not negative; skip a response with a NULL weight.",
				   "invalid survey weight");
}

/* Turn an unweighted summary into a weighted one with every weight 1. */
static void
promote_to_weighted(CxSummary *s)
{
	if (s->flags & CX_SUMMARY_WEIGHTED)
		return;
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		s->wsum[slot] = (double) s->count[slot];
	for (int b = 0; b < CX_NBUCKETS; b++)
		s->wsq[b] = (double) cx_summary_bucket_count(s, b);
	s->flags |= CX_SUMMARY_WEIGHTED;
}

bool
cx_summary_add(CxSummary *s, int slot, CxError *err)
{
	if (cx_summary_total(s) == INT64_MAX)
		return fail_overflow(err);
	if (s->flags & CX_SUMMARY_WEIGHTED)
	{
		double		before = s->wsum[slot];
		double		wsum = before + 1.0;
		double		wsq = s->wsq[cx_slot_bucket[slot]] + 1.0;

		if (!isfinite(wsum) || !isfinite(wsq))
			return fail_weight_overflow(err);
		s->wsum[slot] = wsum;
		if (!weight_total_ok(s->wsum))
		{
			s->wsum[slot] = before;
			return fail_weight_overflow(err);
		}
		s->wsq[cx_slot_bucket[slot]] = wsq;
	}
	s->count[slot]++;
	return true;
}

bool
cx_summary_add_weighted(CxSummary *s, int slot, double weight, CxError *err)
{
	CxSummary	r;
	int			bucket = cx_slot_bucket[slot];

	if (!cx_summary_check_weight(weight, err))
		return false;
	if (cx_summary_total(s) == INT64_MAX)
		return fail_overflow(err);
	/* -0.0 passes the check; keep the sums' sign bits clear */
	if (weight == 0)
		weight = 0;
	r = *s;
	promote_to_weighted(&r);
	r.count[slot]++;
	r.wsum[slot] += weight;
	r.wsq[bucket] += weight * weight;
	if (!isfinite(r.wsum[slot]) || !isfinite(r.wsq[bucket]) ||
		!weight_total_ok(r.wsum))
		return fail_weight_overflow(err);
	*s = r;
	return true;
}

bool
cx_summary_merge_counts(int64_t *counts_into, const int64_t *counts_from,
						CxError *err)
{
	int64_t		sum[CX_NSLOTS];
	int64_t		total = 0;

	for (int slot = 0; slot < CX_NSLOTS; slot++)
		if (__builtin_add_overflow(counts_into[slot], counts_from[slot], &sum[slot]) ||
			__builtin_add_overflow(total, sum[slot], &total))
			return fail_overflow(err);
	memcpy(counts_into, sum, sizeof(sum));
	return true;
}

bool
cx_summary_merge(CxSummary *into, const CxSummary *from, CxError *err)
{
	int64_t		counts[CX_NSLOTS];
	double		wsum[CX_NSLOTS];
	double		wsq[CX_NBUCKETS];
	bool		weighted = ((into->flags | from->flags) & CX_SUMMARY_WEIGHTED) != 0;

	memcpy(counts, into->count, sizeof(counts));
	if (!cx_summary_merge_counts(counts, from->count, err))
		return false;
	if (weighted)
	{
		for (int slot = 0; slot < CX_NSLOTS; slot++)
		{
			wsum[slot] = cx_summary_weight(into, slot) + cx_summary_weight(from, slot);
			if (!isfinite(wsum[slot]))
				return fail_weight_overflow(err);
		}
		if (!weight_total_ok(wsum))
			return fail_weight_overflow(err);
		for (int b = 0; b < CX_NBUCKETS; b++)
		{
			wsq[b] = cx_summary_weight_sq(into, b) + cx_summary_weight_sq(from, b);
			if (!isfinite(wsq[b]))
				return fail_weight_overflow(err);
		}
		memcpy(into->wsum, wsum, sizeof(wsum));
		memcpy(into->wsq, wsq, sizeof(wsq));
		into->flags |= CX_SUMMARY_WEIGHTED;
	}
	memcpy(into->count, counts, sizeof(counts));
	return true;
}

static bool
fail_inconsistent(CxError *err)
{
	return cx_fail(err, CX_ERR_PARAMETER,
				   "The inverse transition removed a response the summary did not hold.",
				   NULL, "feedback_summary is inconsistent");
}

bool
cx_summary_remove(CxSummary *s, int slot, CxError *err)
{
	if ((s->flags & CX_SUMMARY_WEIGHTED) || s->count[slot] <= 0)
		return fail_inconsistent(err);
	s->count[slot]--;
	return true;
}

bool
cx_summary_subtract(CxSummary *into, const CxSummary *from, CxError *err)
{
	if ((into->flags | from->flags) & CX_SUMMARY_WEIGHTED)
		return fail_inconsistent(err);
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		if (from->count[slot] > into->count[slot])
			return fail_inconsistent(err);
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		into->count[slot] -= from->count[slot];
	return true;
}

/* The part of a difference is not a subset of the total. */
static bool
fail_not_contained(CxError *err, const char *detail)
{
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Subtract a summary of some of the total's own responses, such as one segment from the whole.",
				   "feedback_summary to subtract is not contained in the total");
}

/*
 * One weight sum of a difference: whole - part, with the round-off rule of
 * cx_summary_difference.  False if part's weight is not within whole's.
 */
static bool
rest_weight(double whole, double part, int64_t rest_count, double *out)
{
	double		rest = whole - part;
	double		slack = CX_WEIGHT_SLACK * whole;

	if (rest_count == 0)
	{
		if (!(fabs(rest) <= slack))
			return false;
		*out = 0;
		return true;
	}
	if (!(rest >= -slack))
		return false;
	/* clamp round-off, and never keep a -0.0 */
	*out = rest > 0 ? rest : 0;
	return true;
}

bool
cx_summary_difference(const CxSummary *total, const CxSummary *part,
					  CxSummary *out, CxError *err)
{
	CxSummary	r;
	char		detail[CX_ERRMSG_LEN];

	cx_summary_init(&r);
	for (int slot = 0; slot < CX_NSLOTS; slot++)
	{
		const CxBucketInfo *info = &cx_buckets[cx_slot_bucket[slot]];
		int			score = info->min_score + slot - info->first_slot;

		if (part->count[slot] > total->count[slot])
		{
			if (cx_summary_bucket_count(total, cx_slot_bucket[slot]) == 0)
				snprintf(detail, sizeof(detail),
						 "The part holds %s responses and the total holds none.",
						 info->name);
			else
				snprintf(detail, sizeof(detail),
						 "The part holds %lld responses of %s score %d, the total %lld.",
						 (long long) part->count[slot], info->name, score,
						 (long long) total->count[slot]);
			return fail_not_contained(err, detail);
		}
		r.count[slot] = total->count[slot] - part->count[slot];
	}
	if ((total->flags | part->flags) & CX_SUMMARY_WEIGHTED)
	{
		r.flags = CX_SUMMARY_WEIGHTED;
		for (int slot = 0; slot < CX_NSLOTS; slot++)
		{
			const CxBucketInfo *info = &cx_buckets[cx_slot_bucket[slot]];
			int			score = info->min_score + slot - info->first_slot;
			double		whole = cx_summary_weight(total, slot),
						taken = cx_summary_weight(part, slot);

			if (rest_weight(whole, taken, r.count[slot], &r.wsum[slot]))
				continue;
			if (r.count[slot] == 0)
				snprintf(detail, sizeof(detail),
						 "The part holds every response of %s score %d but a survey weight of %g where the total holds %g.",
						 info->name, score, taken, whole);
			else
				snprintf(detail, sizeof(detail),
						 "The part's survey weight of %s score %d is %g, more than the total's %g.",
						 info->name, score, taken, whole);
			return fail_not_contained(err, detail);
		}
		for (int b = 0; b < CX_NBUCKETS; b++)
		{
			if (rest_weight(cx_summary_weight_sq(total, b), cx_summary_weight_sq(part, b),
							cx_summary_bucket_count(&r, b), &r.wsq[b]))
				continue;
			snprintf(detail, sizeof(detail),
					 "The part's sum of squared survey weights of %s is %g, the total's %g.",
					 cx_buckets[b].name, cx_summary_weight_sq(part, b),
					 cx_summary_weight_sq(total, b));
			return fail_not_contained(err, detail);
		}
		summary_canonicalize(&r);
	}
	*out = r;
	return true;
}

bool
cx_summary_equal(const CxSummary *a, const CxSummary *b)
{
	if (a->flags != b->flags ||
		memcmp(a->count, b->count, sizeof(a->count)) != 0)
		return false;
	if (a->flags & CX_SUMMARY_WEIGHTED)
	{
		/* no NaN and no -0.0 in a valid summary, so == is identity */
		for (int slot = 0; slot < CX_NSLOTS; slot++)
			if (a->wsum[slot] != b->wsum[slot])
				return false;
		for (int bucket = 0; bucket < CX_NBUCKETS; bucket++)
			if (a->wsq[bucket] != b->wsq[bucket])
				return false;
	}
	return true;
}

/* A weight sum as a valid summary holds it: finite, >= 0, not -0.0. */
static bool
weight_sum_ok(double w)
{
	return isfinite(w) && w >= 0 && !signbit(w);
}

/* Exactly +0.0. */
static bool
is_plus_zero(double w)
{
	return w == 0 && !signbit(w);
}

const char *
cx_summary_problem(const CxSummary *s)
{
	int64_t		total = 0;

	if (s->flags & ~(uint32_t) CX_SUMMARY_WEIGHTED)
		return "Unknown flags are set.";
	for (int slot = 0; slot < CX_NSLOTS; slot++)
	{
		if (s->count[slot] < 0)
			return "A count is negative.";
		if (__builtin_add_overflow(total, s->count[slot], &total))
			return "The total count exceeds the 64-bit limit.";
	}
	if (!(s->flags & CX_SUMMARY_WEIGHTED))
	{
		for (int slot = 0; slot < CX_NSLOTS; slot++)
			if (!is_plus_zero(s->wsum[slot]))
				return "An unweighted summary holds a weight.";
		for (int b = 0; b < CX_NBUCKETS; b++)
			if (!is_plus_zero(s->wsq[b]))
				return "An unweighted summary holds a weight.";
		return NULL;
	}
	for (int slot = 0; slot < CX_NSLOTS; slot++)
	{
		if (!weight_sum_ok(s->wsum[slot]))
			return "A weight sum is negative or not finite.";
		if (s->count[slot] == 0 && s->wsum[slot] != 0)
			return "A score point without responses has a weight.";
	}
	if (!weight_total_ok(s->wsum))
		return "The weight sums together exceed the range of double precision.";
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		if (!weight_sum_ok(s->wsq[b]))
			return "A sum of squared weights is negative or not finite.";
		if (cx_summary_bucket_count(s, b) == 0 && s->wsq[b] != 0)
			return "A scale without responses has a sum of squared weights.";
	}
	return NULL;
}

/* A weighted summary with no response is stored as the empty summary. */
static void
summary_canonicalize(CxSummary *s)
{
	if ((s->flags & CX_SUMMARY_WEIGHTED) && cx_summary_total(s) == 0)
		cx_summary_init(s);
}

/* ----------------------------------------------------------------
 * Byte helpers
 * ----------------------------------------------------------------
 */

static void
put_le(unsigned char *buf, uint64_t v, int width)
{
	for (int i = 0; i < width; i++)
		buf[i] = (unsigned char) (v >> (8 * i));
}

static uint64_t
get_le(const unsigned char *buf, int width)
{
	uint64_t	v = 0;

	for (int i = 0; i < width; i++)
		v |= (uint64_t) buf[i] << (8 * i);
	return v;
}

static void
put_be64(unsigned char *buf, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		buf[i] = (unsigned char) (v >> (8 * (7 - i)));
}

static uint64_t
get_be64(const unsigned char *buf)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | buf[i];
	return v;
}

static uint64_t
double_bits(double d)
{
	uint64_t	bits;

	memcpy(&bits, &d, sizeof(bits));
	return bits;
}

static double
bits_double(uint64_t bits)
{
	double		d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

/* Bytes needed for the largest count of a bucket: 1, 2, 4 or 8. */
static int
count_width(int64_t largest)
{
	if (largest <= 0xFF)
		return 1;
	if (largest <= 0xFFFF)
		return 2;
	if (largest <= 0xFFFFFFFFLL)
		return 4;
	return 8;
}

static int64_t
bucket_largest(const CxSummary *s, int bucket)
{
	const CxBucketInfo *info = &cx_buckets[bucket];
	int64_t		largest = 0;

	for (int i = 0; i < info->npoints; i++)
		if (s->count[info->first_slot + i] > largest)
			largest = s->count[info->first_slot + i];
	return largest;
}

/* ----------------------------------------------------------------
 * Compact form
 * ----------------------------------------------------------------
 */

size_t
cx_summary_compact_size(const CxSummary *s)
{
	size_t		size = 3;
	bool		weighted = (s->flags & CX_SUMMARY_WEIGHTED) != 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		int64_t		largest = bucket_largest(s, b);

		if (largest == 0)
			continue;
		size += 1 + (size_t) cx_buckets[b].npoints * count_width(largest);
		if (weighted)
			size += 8 * ((size_t) cx_buckets[b].npoints + 1);
	}
	return size;
}

/*
 * The compact encoding from the parts of a summary; wsum and wsq are read
 * only when weighted.
 */
static size_t
encode_compact_parts(const int64_t *count, const double *wsum, const double *wsq,
					 bool weighted, unsigned char *buf)
{
	size_t		pos = 3;
	uint8_t		mask = 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];
		const int64_t *c = count + info->first_slot;
		int64_t		largest = 0;
		int			width;

		for (int i = 0; i < info->npoints; i++)
			if (c[i] > largest)
				largest = c[i];
		if (largest == 0)
			continue;
		mask |= (uint8_t) (1u << b);
		width = count_width(largest);
		buf[pos++] = (unsigned char) width;
		for (int i = 0; i < info->npoints; i++)
		{
			put_le(buf + pos, (uint64_t) c[i], width);
			pos += width;
		}
		if (weighted)
		{
			for (int i = 0; i < info->npoints; i++)
			{
				put_le(buf + pos, double_bits(wsum[info->first_slot + i]), 8);
				pos += 8;
			}
			put_le(buf + pos, double_bits(wsq[b]), 8);
			pos += 8;
		}
	}
	buf[0] = CX_SUMMARY_FORMAT_COMPACT;
	/* an empty summary is canonically unweighted */
	buf[1] = mask != 0 && weighted ? CX_SUMMARY_WEIGHTED : 0;
	buf[2] = mask;
	return pos;
}

size_t
cx_summary_encode_compact(const CxSummary *s, unsigned char *buf)
{
	return encode_compact_parts(s->count, s->wsum, s->wsq,
								(s->flags & CX_SUMMARY_WEIGHTED) != 0, buf);
}

bool
cx_summary_encode_counts(const int64_t *counts, unsigned char *buf, size_t *len,
						 CxError *err)
{
	int64_t		total = 0;

	for (int slot = 0; slot < CX_NSLOTS; slot++)
		if (counts[slot] < 0 || __builtin_add_overflow(total, counts[slot], &total))
			return cx_fail(err, CX_ERR_BINARY,
						   "A count is negative or the total exceeds the 64-bit limit.",
						   NULL, "corrupt feedback_summary value");
	*len = encode_compact_parts(counts, NULL, NULL, false, buf);
	return true;
}

void
cx_summary_encode_raw(const CxSummary *s, unsigned char *buf)
{
	bool		weighted = (s->flags & CX_SUMMARY_WEIGHTED) != 0;
	unsigned char *p = buf + CX_SUMMARY_RAW_HEADER;

	buf[0] = CX_SUMMARY_FORMAT_RAW;
	buf[1] = (unsigned char) (s->flags & CX_SUMMARY_WEIGHTED);
	buf[2] = 0;
	buf[3] = 0;
	memcpy(p, s->count, sizeof(s->count));
	if (weighted)
	{
		memcpy(p + sizeof(s->count), s->wsum, sizeof(s->wsum));
		memcpy(p + sizeof(s->count) + sizeof(s->wsum), s->wsq, sizeof(s->wsq));
	}
}

static bool
fail_corrupt(CxError *err, const char *detail)
{
	return cx_fail(err, CX_ERR_BINARY, detail,
				   "The stored value is damaged; restore it from a backup or rebuild it from the raw responses.",
				   "corrupt feedback_summary value");
}

static bool
decode_raw(const unsigned char *buf, size_t len, CxSummary *out, CxError *err)
{
	CxSummary	s;
	bool		weighted;
	const char *problem;

	if (len != CX_SUMMARY_RAW_LEN(false) && len != CX_SUMMARY_RAW_LEN(true))
		return fail_corrupt(err, "The length does not match the raw layout.");
	weighted = len == CX_SUMMARY_RAW_LEN(true);
	if (buf[1] != (weighted ? CX_SUMMARY_WEIGHTED : 0) || buf[2] != 0 || buf[3] != 0)
		return fail_corrupt(err, "The header of the raw layout is invalid.");
	cx_summary_init(&s);
	s.flags = buf[1];
	memcpy(s.count, buf + CX_SUMMARY_RAW_HEADER, sizeof(s.count));
	if (weighted)
	{
		memcpy(s.wsum, buf + CX_SUMMARY_RAW_HEADER + sizeof(s.count), sizeof(s.wsum));
		memcpy(s.wsq, buf + CX_SUMMARY_RAW_HEADER + sizeof(s.count) + sizeof(s.wsum),
			   sizeof(s.wsq));
	}
	if ((problem = cx_summary_problem(&s)) != NULL)
		return fail_corrupt(err, problem);
	summary_canonicalize(&s);
	*out = s;
	return true;
}

bool
cx_summary_encode_one(int bucket, const int32_t *counts, unsigned char *buf,
					  size_t *len, CxError *err)
{
	int			npoints = cx_buckets[bucket].npoints;
	int32_t		largest = 0;
	int			width;
	size_t		pos = 4;

	for (int i = 0; i < npoints; i++)
	{
		if (counts[i] < 0)
			return cx_fail(err, CX_ERR_BINARY, "A count is negative.", NULL,
						   "corrupt feedback_summary value");
		if (counts[i] > largest)
			largest = counts[i];
	}
	buf[0] = CX_SUMMARY_FORMAT_COMPACT;
	buf[1] = 0;
	if (largest == 0)
	{
		buf[2] = 0;
		*len = 3;
		return true;
	}
	buf[2] = (unsigned char) (1u << bucket);
	width = count_width(largest);
	buf[3] = (unsigned char) width;
	for (int i = 0; i < npoints; i++, pos += width)
		put_le(buf + pos, (uint64_t) counts[i], width);
	*len = pos;
	return true;
}

void
cx_summary_encode_raw_one(int bucket, const int32_t *counts, unsigned char *buf)
{
	buf[0] = CX_SUMMARY_FORMAT_RAW_ONE;
	buf[1] = 0;
	buf[2] = (unsigned char) bucket;
	buf[3] = 0;
	memcpy(buf + CX_SUMMARY_RAW_HEADER, counts, 4 * (size_t) cx_buckets[bucket].npoints);
}

static bool
decode_raw_one(const unsigned char *buf, size_t len, CxSummary *out, CxError *err)
{
	CxSummary	s;
	int			bucket;
	const CxBucketInfo *info;

	if (len < CX_SUMMARY_RAW_HEADER || buf[1] != 0 || buf[3] != 0 ||
		buf[2] >= CX_NBUCKETS)
		return fail_corrupt(err, "The header of the single-scale raw layout is invalid.");
	bucket = buf[2];
	info = &cx_buckets[bucket];
	if (len != (size_t) CX_SUMMARY_RAW_ONE_LEN(bucket))
		return fail_corrupt(err, "The length does not match the single-scale raw layout.");
	cx_summary_init(&s);
	for (int i = 0; i < info->npoints; i++)
	{
		int32_t		c;

		memcpy(&c, buf + CX_SUMMARY_RAW_HEADER + 4 * i, sizeof(c));
		if (c < 0)
			return fail_corrupt(err, "A count is negative.");
		s.count[info->first_slot + i] = c;
	}
	*out = s;
	return true;
}

/*
 * The counts of one bucket of a compact value, starting at *pos (the width
 * byte): validated as cx_summary_decode promises (a canonical width, no
 * count beyond int64, not all zero) and written to counts[0 .. npoints-1].
 * *pos is advanced past them.
 */
static bool
read_compact_counts(const unsigned char *buf, size_t len, size_t *pos,
					int bucket, int64_t *counts, CxError *err)
{
	int			npoints = cx_buckets[bucket].npoints;
	size_t		at = *pos;
	int64_t		largest = 0;
	int			width;

	if (len - at < 1)
		return fail_corrupt(err, "The value is truncated.");
	width = buf[at++];
	if (width != 1 && width != 2 && width != 4 && width != 8)
		return fail_corrupt(err, "A count width is not 1, 2, 4 or 8.");
	if (len - at < (size_t) npoints * width)
		return fail_corrupt(err, "The value is truncated.");
	for (int i = 0; i < npoints; i++)
	{
		uint64_t	v = get_le(buf + at, width);

		at += width;
		if (v > (uint64_t) INT64_MAX)
			return fail_corrupt(err, "A count exceeds the 64-bit limit.");
		counts[i] = (int64_t) v;
		if ((int64_t) v > largest)
			largest = (int64_t) v;
	}
	if (largest == 0)
		return fail_corrupt(err, "A scale without responses is stored.");
	if (width != count_width(largest))
		return fail_corrupt(err, "A count width is not the smallest that fits.");
	*pos = at;
	return true;
}

bool
cx_summary_decode(const char *data, size_t len, CxSummary *out, CxError *err)
{
	const unsigned char *buf = (const unsigned char *) data;
	CxSummary	s;
	bool		weighted;
	uint8_t		mask;
	size_t		pos = 3;
	const char *problem;

	if (len == 0)
		return fail_corrupt(err, "The value is empty.");
	if (buf[0] == CX_SUMMARY_FORMAT_RAW)
		return decode_raw(buf, len, out, err);
	if (buf[0] == CX_SUMMARY_FORMAT_RAW_ONE)
		return decode_raw_one(buf, len, out, err);
	if (buf[0] != CX_SUMMARY_FORMAT_COMPACT)
		return fail_corrupt(err, "The format byte is unknown.");
	if (len < 3)
		return fail_corrupt(err, "The value is truncated.");
	if (buf[1] & ~CX_SUMMARY_WEIGHTED)
		return fail_corrupt(err, "Unknown flags are set.");
	weighted = (buf[1] & CX_SUMMARY_WEIGHTED) != 0;
	mask = buf[2];
	if (weighted && mask == 0)
		return fail_corrupt(err, "An empty summary is flagged as weighted.");

	cx_summary_init(&s);
	s.flags = buf[1];
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (!(mask & (1u << b)))
			continue;
		if (!read_compact_counts(buf, len, &pos, b, s.count + info->first_slot, err))
			return false;
		if (weighted)
		{
			if (len - pos < 8 * ((size_t) info->npoints + 1))
				return fail_corrupt(err, "The value is truncated.");
			for (int i = 0; i < info->npoints; i++)
			{
				s.wsum[info->first_slot + i] = bits_double(get_le(buf + pos, 8));
				pos += 8;
			}
			s.wsq[b] = bits_double(get_le(buf + pos, 8));
			pos += 8;
		}
	}
	if (pos != len)
		return fail_corrupt(err, "Bytes are left over after the last scale.");
	if ((problem = cx_summary_problem(&s)) != NULL)
		return fail_corrupt(err, problem);
	*out = s;
	return true;
}

CxAddResult
cx_summary_add_compact(int64_t *counts, const char *data, size_t len,
					   CxError *err)
{
	const unsigned char *buf = (const unsigned char *) data;
	int64_t		add[CX_NSLOTS];
	int64_t		have = 0;
	int64_t		adding = 0;
	bool		total_overflows = false;
	uint8_t		mask;
	size_t		pos = 3;

	if (len < 3 || buf[0] != CX_SUMMARY_FORMAT_COMPACT || buf[1] != 0)
		return CX_ADD_NOT_HANDLED;
	mask = buf[2];
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (!(mask & (1u << b)))
			continue;
		if (!read_compact_counts(buf, len, &pos, b, add + info->first_slot, err))
			return CX_ADD_FAILED;
		for (int i = 0; i < info->npoints; i++)
			total_overflows |= __builtin_add_overflow(adding, add[info->first_slot + i],
													  &adding);
	}
	/* the decoder's checks, in its order, so that errors read the same */
	if (pos != len)
	{
		fail_corrupt(err, "Bytes are left over after the last scale.");
		return CX_ADD_FAILED;
	}
	if (total_overflows)
	{
		fail_corrupt(err, "The total count exceeds the 64-bit limit.");
		return CX_ADD_FAILED;
	}

	/*
	 * The state's own total fits in int64 (the invariant), and every count
	 * is >= 0, so if the two totals add up without overflow, so does every
	 * slot.
	 */
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		have += counts[slot];
	if (__builtin_add_overflow(have, adding, &have))
	{
		fail_overflow(err);
		return CX_ADD_FAILED;
	}
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (!(mask & (1u << b)))
			continue;
		for (int i = 0; i < info->npoints; i++)
			counts[info->first_slot + i] += add[info->first_slot + i];
	}
	return CX_ADD_DONE;
}

/* ----------------------------------------------------------------
 * Wire form
 * ----------------------------------------------------------------
 */

size_t
cx_summary_wire_size(const CxSummary *s)
{
	size_t		size = 3;
	bool		weighted = (s->flags & CX_SUMMARY_WEIGHTED) != 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
		if (cx_summary_bucket_count(s, b) != 0)
			size += 8 * (size_t) cx_buckets[b].npoints +
				(weighted ? 8 * ((size_t) cx_buckets[b].npoints + 1) : 0);
	return size;
}

size_t
cx_summary_encode_wire(const CxSummary *s, unsigned char *buf)
{
	bool		weighted = (s->flags & CX_SUMMARY_WEIGHTED) != 0;
	size_t		pos = 3;
	uint8_t		mask = 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (cx_summary_bucket_count(s, b) == 0)
			continue;
		mask |= (uint8_t) (1u << b);
		for (int i = 0; i < info->npoints; i++, pos += 8)
			put_be64(buf + pos, (uint64_t) s->count[info->first_slot + i]);
		if (weighted)
		{
			for (int i = 0; i < info->npoints; i++, pos += 8)
				put_be64(buf + pos, double_bits(s->wsum[info->first_slot + i]));
			put_be64(buf + pos, double_bits(s->wsq[b]));
			pos += 8;
		}
	}
	buf[0] = CX_SUMMARY_WIRE_VERSION;
	buf[1] = mask != 0 ? (unsigned char) (s->flags & CX_SUMMARY_WEIGHTED) : 0;
	buf[2] = mask;
	return pos;
}

static bool
fail_wire(CxError *err, const char *detail)
{
	return cx_fail(err, CX_ERR_BINARY, detail, NULL,
				   "invalid binary representation of type feedback_summary");
}

bool
cx_summary_decode_wire(const char *data, size_t len, CxSummary *out,
					   CxError *err)
{
	const unsigned char *buf = (const unsigned char *) data;
	CxSummary	s;
	bool		weighted;
	uint8_t		mask;
	size_t		expected = 3;
	size_t		pos = 3;
	const char *problem;
	char		detail[128];

	if (len < 3)
	{
		snprintf(detail, sizeof(detail),
				 "A binary feedback_summary has at least 3 bytes, not %zu.", len);
		return fail_wire(err, detail);
	}
	if (buf[0] != CX_SUMMARY_WIRE_VERSION)
	{
		snprintf(detail, sizeof(detail), "Format version %d is unknown.", buf[0]);
		return fail_wire(err, detail);
	}
	if (buf[1] & ~CX_SUMMARY_WEIGHTED)
		return fail_wire(err, "Unknown flags are set.");
	weighted = (buf[1] & CX_SUMMARY_WEIGHTED) != 0;
	mask = buf[2];
	for (int b = 0; b < CX_NBUCKETS; b++)
		if (mask & (1u << b))
			expected += 8 * (size_t) cx_buckets[b].npoints +
				(weighted ? 8 * ((size_t) cx_buckets[b].npoints + 1) : 0);
	if (len != expected)
	{
		snprintf(detail, sizeof(detail),
				 "The header announces %zu bytes, but %zu were received.",
				 expected, len);
		return fail_wire(err, detail);
	}

	cx_summary_init(&s);
	s.flags = buf[1];
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (!(mask & (1u << b)))
			continue;
		for (int i = 0; i < info->npoints; i++, pos += 8)
		{
			uint64_t	v = get_be64(buf + pos);

			if (v > (uint64_t) INT64_MAX)
				return fail_wire(err, "A count is negative.");
			s.count[info->first_slot + i] = (int64_t) v;
		}
		if (weighted)
		{
			for (int i = 0; i < info->npoints; i++, pos += 8)
				s.wsum[info->first_slot + i] = bits_double(get_be64(buf + pos));
			s.wsq[b] = bits_double(get_be64(buf + pos));
			pos += 8;
		}
	}
	if ((problem = cx_summary_problem(&s)) != NULL)
		return fail_wire(err, problem);
	summary_canonicalize(&s);
	*out = s;
	return true;
}

/* ----------------------------------------------------------------
 * Text form
 * ----------------------------------------------------------------
 */

typedef struct TextOut
{
	char	   *buf;
	size_t		size;
	size_t		len;			/* as if there had been room */
} TextOut;

static void out_append(TextOut *o, const char *fmt,...) __attribute__((format(printf, 2, 3)));

static void
out_append(TextOut *o, const char *fmt,...)
{
	va_list		ap;
	int			n;
	size_t		room = o->len < o->size ? o->size - o->len : 0;

	va_start(ap, fmt);
	n = vsnprintf(room > 0 ? o->buf + o->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t) n;
}

/* The shortest of %.15g .. %.17g that reads back as the same double. */
static void
format_double(double v, char *out, size_t outlen)
{
	for (int precision = 15; precision <= 17; precision++)
	{
		snprintf(out, outlen, "%.*g", precision, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

size_t
cx_summary_format(const CxSummary *s, char *buf, size_t buflen)
{
	TextOut		o = {buf, buflen, 0};
	bool		weighted = (s->flags & CX_SUMMARY_WEIGHTED) != 0;
	bool		first = true;
	char		number[40];

	out_append(&o, "{");
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (cx_summary_bucket_count(s, b) == 0)
			continue;
		out_append(&o, "%s\"%s\":%s[", first ? "" : ",", info->name,
				   weighted ? "{\"counts\":" : "");
		first = false;
		for (int i = 0; i < info->npoints; i++)
			out_append(&o, "%s%" PRId64, i ? "," : "", s->count[info->first_slot + i]);
		out_append(&o, "]");
		if (weighted)
		{
			out_append(&o, ",\"weights\":[");
			for (int i = 0; i < info->npoints; i++)
			{
				format_double(s->wsum[info->first_slot + i], number, sizeof(number));
				out_append(&o, "%s%s", i ? "," : "", number);
			}
			format_double(s->wsq[b], number, sizeof(number));
			out_append(&o, "],\"squared_weights\":%s}", number);
		}
	}
	out_append(&o, "}");
	if (buflen > 0 && o.len >= buflen)
		buf[buflen - 1] = '\0';
	return o.len;
}

typedef struct TextIn
{
	const char *text;
	size_t		len;
	size_t		pos;
	CxError    *err;
	char		quoted[96];
} TextIn;

static bool
syntax_error(TextIn *in, const char *detail)
{
	return cx_fail(in->err, CX_ERR_SYNTAX, detail, summary_text_hint,
				   "invalid input syntax for type feedback_summary: \"%s\"",
				   in->quoted);
}

static bool
range_error(TextIn *in, const char *detail)
{
	return cx_fail(in->err, CX_ERR_RANGE, detail, NULL,
				   "value out of range in feedback_summary: \"%s\"", in->quoted);
}

static void
in_skip_space(TextIn *in)
{
	while (in->pos < in->len &&
		   (in->text[in->pos] == ' ' || in->text[in->pos] == '\t' ||
			in->text[in->pos] == '\n' || in->text[in->pos] == '\r'))
		in->pos++;
}

/* Skip space, then consume c if it is next. */
static bool
in_accept(TextIn *in, char c)
{
	in_skip_space(in);
	if (in->pos < in->len && in->text[in->pos] == c)
	{
		in->pos++;
		return true;
	}
	return false;
}

static bool
in_expect(TextIn *in, char c, const char *detail)
{
	return in_accept(in, c) || syntax_error(in, detail);
}

/* A double-quoted name without escapes; *name points into the text. */
static bool
in_string(TextIn *in, const char **name, size_t *name_len)
{
	size_t		start;

	if (!in_expect(in, '"', "A bucket name in double quotes was expected."))
		return false;
	start = in->pos;
	while (in->pos < in->len && in->text[in->pos] != '"')
	{
		if (in->text[in->pos] == '\\' || (unsigned char) in->text[in->pos] < 0x20)
			return syntax_error(in, "Names cannot contain escapes or control characters.");
		in->pos++;
	}
	if (in->pos >= in->len)
		return syntax_error(in, "A closing double quote is missing.");
	*name = in->text + start;
	*name_len = in->pos - start;
	in->pos++;
	return true;
}

static bool
in_key(TextIn *in, const char *key)
{
	const char *name;
	size_t		name_len;
	char		detail[96];

	if (!in_string(in, &name, &name_len))
		return false;
	if (name_len != strlen(key) || memcmp(name, key, name_len) != 0)
	{
		snprintf(detail, sizeof(detail), "The key \"%s\" was expected here.", key);
		return syntax_error(in, detail);
	}
	return in_expect(in, ':', "A colon must follow each key.");
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
in_count(TextIn *in, int64_t *out)
{
	uint64_t	v = 0;
	bool		negative = false;
	bool		huge = false;
	size_t		start;

	in_skip_space(in);
	if (in->pos < in->len && in->text[in->pos] == '-')
	{
		negative = true;
		in->pos++;
	}
	start = in->pos;
	while (in->pos < in->len && is_digit(in->text[in->pos]))
	{
		unsigned	digit = (unsigned) (in->text[in->pos] - '0');

		if (v > ((uint64_t) INT64_MAX - digit) / 10)
			huge = true;
		else
			v = v * 10 + digit;
		in->pos++;
	}
	if (in->pos == start)
		return syntax_error(in, "Counts must be whole numbers.");
	if (in->pos < in->len && (in->text[in->pos] == '.' || in->text[in->pos] == 'e' ||
							  in->text[in->pos] == 'E'))
		return syntax_error(in, "Counts must be whole numbers.");
	if (negative && (v != 0 || huge))
		return range_error(in, "Counts cannot be negative.");
	if (huge)
		return range_error(in, "Counts are at most 9223372036854775807.");
	*out = (int64_t) v;
	return true;
}

/* A JSON number as a non-negative finite double. */
static bool
in_double(TextIn *in, double *out)
{
	size_t		start;
	char		copy[128];
	double		v;

	in_skip_space(in);
	start = in->pos;
	if (in->pos < in->len && in->text[in->pos] == '-')
		in->pos++;
	if (in->pos >= in->len || !is_digit(in->text[in->pos]))
		return syntax_error(in, "Weights must be numbers.");
	while (in->pos < in->len && is_digit(in->text[in->pos]))
		in->pos++;
	if (in->pos < in->len && in->text[in->pos] == '.')
	{
		in->pos++;
		if (in->pos >= in->len || !is_digit(in->text[in->pos]))
			return syntax_error(in, "Weights must be numbers.");
		while (in->pos < in->len && is_digit(in->text[in->pos]))
			in->pos++;
	}
	if (in->pos < in->len && (in->text[in->pos] == 'e' || in->text[in->pos] == 'E'))
	{
		in->pos++;
		if (in->pos < in->len && (in->text[in->pos] == '+' || in->text[in->pos] == '-'))
			in->pos++;
		if (in->pos >= in->len || !is_digit(in->text[in->pos]))
			return syntax_error(in, "Weights must be numbers.");
		while (in->pos < in->len && is_digit(in->text[in->pos]))
			in->pos++;
	}
	if (in->pos - start >= sizeof(copy))
		return syntax_error(in, "A number is too long.");
	if (in->text[start] == '-')
		return range_error(in, "Weights cannot be negative.");
	memcpy(copy, in->text + start, in->pos - start);
	copy[in->pos - start] = '\0';
	v = strtod(copy, NULL);
	if (!isfinite(v))
		return range_error(in, "A weight exceeds the range of double precision.");
	*out = v;
	return true;
}

/*
 * The bracketed array of a bucket's counts (into counts) or, with counts
 * NULL, of its weight sums (into weights): exactly npoints numbers.
 */
static bool
in_point_array(TextIn *in, const CxBucketInfo *info, int64_t *counts,
			   double *weights)
{
	char		detail[96];

	if (counts != NULL)
		snprintf(detail, sizeof(detail), "The \"%s\" array needs %d counts, for scores %d to %d.",
				 info->name, info->npoints, info->min_score, info->scale);
	else
		snprintf(detail, sizeof(detail), "The \"%s\" weights need %d numbers, for scores %d to %d.",
				 info->name, info->npoints, info->min_score, info->scale);
	if (!in_expect(in, '[', counts != NULL ? "An array of counts was expected." :
				   "An array of weights was expected."))
		return false;
	for (int i = 0; i < info->npoints; i++)
	{
		if (i > 0 && !in_accept(in, ','))
			return syntax_error(in, detail);
		in_skip_space(in);
		if (in->pos < in->len && in->text[in->pos] == ']')
			return syntax_error(in, detail);
		if (counts != NULL ? !in_count(in, &counts[i]) : !in_double(in, &weights[i]))
			return false;
	}
	return in_expect(in, ']', detail);
}

bool
cx_summary_parse(const char *text, size_t len, CxSummary *out, CxError *err)
{
	TextIn		in;
	CxSummary	s;
	uint32_t	seen = 0;
	int			weighted = -1;	/* unknown until the first bucket */
	const char *problem;

	in.text = text;
	in.len = len;
	in.pos = 0;
	in.err = err;
	cx_quote_input(in.quoted, sizeof(in.quoted), text, len);
	cx_summary_init(&s);

	if (!in_expect(&in, '{', "The value must start with \"{\"."))
		return false;
	if (!in_accept(&in, '}'))
	{
		do
		{
			const char *name;
			size_t		name_len;
			int			bucket = -1;
			const CxBucketInfo *info;
			bool		object;
			char		detail[CX_ERRMSG_LEN];

			if (!in_string(&in, &name, &name_len))
				return false;
			for (int b = 0; b < CX_NBUCKETS; b++)
				if (strlen(cx_buckets[b].name) == name_len &&
					memcmp(cx_buckets[b].name, name, name_len) == 0)
					bucket = b;
			if (bucket < 0)
			{
				char		quoted[40];

				cx_quote_input(quoted, sizeof(quoted), name, name_len);
				snprintf(detail, sizeof(detail),
						 "\"%s\" is not one of nps, csat/2, csat/3, csat/5, csat/7, csat/10, ces/5, ces/7.",
						 quoted);
				return syntax_error(&in, detail);
			}
			info = &cx_buckets[bucket];
			if (seen & (1u << bucket))
			{
				snprintf(detail, sizeof(detail), "\"%s\" appears twice.", info->name);
				return syntax_error(&in, detail);
			}
			seen |= 1u << bucket;
			if (!in_expect(&in, ':', "A colon must follow each bucket name."))
				return false;
			in_skip_space(&in);
			object = in.pos < in.len && in.text[in.pos] == '{';
			if (weighted >= 0 && object != (weighted == 1))
				return syntax_error(&in, "Either every bucket has weights or none has.");
			weighted = object;
			if (object)
			{
				in.pos++;
				if (!in_key(&in, "counts") ||
					!in_point_array(&in, info, &s.count[info->first_slot], NULL) ||
					!in_expect(&in, ',', "The key \"weights\" must follow the counts.") ||
					!in_key(&in, "weights") ||
					!in_point_array(&in, info, NULL, &s.wsum[info->first_slot]) ||
					!in_expect(&in, ',', "The key \"squared_weights\" must follow the weights.") ||
					!in_key(&in, "squared_weights") ||
					!in_double(&in, &s.wsq[bucket]) ||
					!in_expect(&in, '}', "A weighted bucket ends after its squared_weights."))
					return false;
			}
			else if (!in_point_array(&in, info, &s.count[info->first_slot], NULL))
				return false;
		} while (in_accept(&in, ','));
		if (!in_expect(&in, '}', "A comma or \"}\" was expected."))
			return false;
	}
	in_skip_space(&in);
	if (in.pos != in.len)
		return syntax_error(&in, "Characters follow the closing \"}\".");

	if (weighted == 1)
		s.flags = CX_SUMMARY_WEIGHTED;
	{
		int64_t		total = 0;

		for (int slot = 0; slot < CX_NSLOTS; slot++)
			if (__builtin_add_overflow(total, s.count[slot], &total))
				return range_error(&in, "The total count exceeds 9223372036854775807.");
	}
	if ((problem = cx_summary_problem(&s)) != NULL)
		return syntax_error(&in, problem);
	summary_canonicalize(&s);
	*out = s;
	return true;
}

/* ----------------------------------------------------------------
 * Results
 * ----------------------------------------------------------------
 */

int64_t
cx_summary_metric_count(const CxSummary *s, CxMetric metric)
{
	int64_t		n = 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
		if (cx_buckets[b].metric == metric)
			n += cx_summary_bucket_count(s, b);
	return n;
}

int64_t
cx_summary_category_count(const CxSummary *s, CxMetric metric,
						  CxCategory category)
{
	int64_t		n = 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (info->metric != metric)
			continue;
		for (int i = 0; i < info->npoints; i++)
			if (cx_slot_category[info->first_slot + i] == category)
				n += s->count[info->first_slot + i];
	}
	return n;
}

/* Per-category weight sums of a metric, accumulated in slot order. */
static void
category_weights(const CxSummary *s, CxMetric metric, double *weights)
{
	for (int c = 0; c < CX_NCATEGORIES; c++)
		weights[c] = 0;
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (info->metric != metric)
			continue;
		for (int i = 0; i < info->npoints; i++)
			weights[cx_slot_category[info->first_slot + i]] +=
				s->wsum[info->first_slot + i];
	}
}

double
cx_summary_metric_weight(const CxSummary *s, CxMetric metric)
{
	double		w[CX_NCATEGORIES];

	if (!(s->flags & CX_SUMMARY_WEIGHTED))
		return (double) cx_summary_metric_count(s, metric);
	category_weights(s, metric, w);
	return w[CX_CAT_POSITIVE] + w[CX_CAT_NEUTRAL] + w[CX_CAT_NEGATIVE];
}

bool
cx_summary_nps(const CxSummary *s, double *result)
{
	if (s->flags & CX_SUMMARY_WEIGHTED)
	{
		double		w[CX_NCATEGORIES];
		double		total;

		category_weights(s, CX_METRIC_NPS, w);
		total = w[CX_CAT_POSITIVE] + w[CX_CAT_NEUTRAL] + w[CX_CAT_NEGATIVE];
		if (total == 0)
			return false;
		if (isfinite(total) &&
			isfinite(100.0 * (w[CX_CAT_POSITIVE] - w[CX_CAT_NEGATIVE])))
			*result = 100.0 * (w[CX_CAT_POSITIVE] - w[CX_CAT_NEGATIVE]) / total;
		else
		{
			/* weight sums near the double limit: halve them (exactly) first */
			total = w[CX_CAT_POSITIVE] / 2 + w[CX_CAT_NEUTRAL] / 2 + w[CX_CAT_NEGATIVE] / 2;
			*result = 100.0 * ((w[CX_CAT_POSITIVE] / 2 - w[CX_CAT_NEGATIVE] / 2) / total);
		}
	}
	else
	{
		int64_t		positive = cx_summary_category_count(s, CX_METRIC_NPS, CX_CAT_POSITIVE);
		int64_t		negative = cx_summary_category_count(s, CX_METRIC_NPS, CX_CAT_NEGATIVE);
		int64_t		n = cx_summary_metric_count(s, CX_METRIC_NPS);

		if (n == 0)
			return false;
		/* the arithmetic of cx_tally_nps, so that the results agree exactly */
		*result = 100.0 * ((double) positive - (double) negative) / (double) n;
	}
	/* as in cx_tally_nps: huge counts could round a hair past the bounds */
	if (*result > 100.0)
		*result = 100.0;
	else if (*result < -100.0)
		*result = -100.0;
	return true;
}

bool
cx_summary_csat(const CxSummary *s, double *result)
{
	if (s->flags & CX_SUMMARY_WEIGHTED)
	{
		double		w[CX_NCATEGORIES];
		double		total;

		category_weights(s, CX_METRIC_CSAT, w);
		total = w[CX_CAT_POSITIVE] + w[CX_CAT_NEUTRAL] + w[CX_CAT_NEGATIVE];
		if (total == 0)
			return false;
		if (isfinite(total) && isfinite(100.0 * w[CX_CAT_POSITIVE]))
			*result = 100.0 * w[CX_CAT_POSITIVE] / total;
		else
		{
			/* weight sums near the double limit: halve them (exactly) first */
			total = w[CX_CAT_POSITIVE] / 2 + w[CX_CAT_NEUTRAL] / 2 + w[CX_CAT_NEGATIVE] / 2;
			*result = 100.0 * ((w[CX_CAT_POSITIVE] / 2) / total);
		}
	}
	else
	{
		int64_t		positive = cx_summary_category_count(s, CX_METRIC_CSAT, CX_CAT_POSITIVE);
		int64_t		n = cx_summary_metric_count(s, CX_METRIC_CSAT);

		if (n == 0)
			return false;
		*result = 100.0 * (double) positive / (double) n;
	}
	/* as in cx_tally_csat: huge counts could round a hair past the bound */
	if (*result > 100.0)
		*result = 100.0;
	return true;
}

int
cx_summary_only_bucket(const CxSummary *s, CxMetric metric)
{
	int			found = -1;

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		if (cx_buckets[b].metric != metric || cx_summary_bucket_count(s, b) == 0)
			continue;
		if (found >= 0)
			return -2;
		found = b;
	}
	return found;
}

bool
cx_summary_ces(const CxSummary *s, double *result, bool *isnull, CxError *err)
{
	int			bucket = cx_summary_only_bucket(s, CX_METRIC_CES);
	const CxBucketInfo *info;

	*isnull = false;
	if (bucket == -2)
		return cx_fail(err, CX_ERR_MIXED_SCALE,
					   "The summary holds CES responses on a 5-point and on a 7-point scale.",
					   "Keep CES responses of each scale in their own summaries.",
					   "cannot average CES scores measured on different scales");
	if (bucket < 0)
	{
		*isnull = true;
		return true;
	}
	info = &cx_buckets[bucket];
	if (s->flags & CX_SUMMARY_WEIGHTED)
	{
		double		total = 0;
		double		weighted_sum = 0;

		for (int i = 0; i < info->npoints; i++)
		{
			double		w = s->wsum[info->first_slot + i];

			total += w;
			weighted_sum += w * (info->min_score + i);
		}
		if (total != 0 && (!isfinite(total) || !isfinite(weighted_sum)))
		{
			/* weight sums near the double limit: scale them down exactly */
			total = 0;
			weighted_sum = 0;
			for (int i = 0; i < info->npoints; i++)
			{
				double		w = s->wsum[info->first_slot + i] / 16;

				total += w;
				weighted_sum += w * (info->min_score + i);
			}
		}
		if (total == 0)
			*isnull = true;
		else
			*result = weighted_sum / total;
	}
	else
	{
		int64_t		n = 0;
		int64_t		score_sum = 0;

		for (int i = 0; i < info->npoints; i++)
		{
			int64_t		count = s->count[info->first_slot + i];
			int64_t		part;

			n += count;
			if (__builtin_mul_overflow(count, (int64_t) (info->min_score + i), &part) ||
				__builtin_add_overflow(score_sum, part, &score_sum))
				return fail_overflow(err);
		}
		/* the arithmetic of cx_tally_ces */
		*result = (double) score_sum / (double) n;
	}
	return true;
}
