/*-------------------------------------------------------------------------
 *
 * cx_tally.c
 *		Counting for the one-step aggregates: add, remove, combine, results,
 *		validation and the text form of feedback_tally.  Pure C.
 *
 *-------------------------------------------------------------------------
 */
#include "cx_tally.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
cx_tally_init(CxTally *t, CxMetric metric)
{
	memset(t, 0, sizeof(*t));
	t->sum_kind = cx_tally_kind(metric, 0);
}

static bool
fail_mixed_ces(CxError *err, int have, int got)
{
	char		detail[128];

	snprintf(detail, sizeof(detail),
			 "Responses on a %d-point scale and on a %d-point scale were both counted.",
			 have, got);
	return cx_fail(err, CX_ERR_MIXED_SCALE, detail,
				   "Group or filter by scale(feedback) so that each mean is taken over one scale.",
				   "cannot average CES scores measured on different scales");
}

static bool
fail_count_overflow(CxError *err)
{
	return cx_fail(err, CX_ERR_OVERFLOW,
				   "A count or the total count would exceed the 64-bit limit.", NULL,
				   "feedback count out of range");
}

static bool
fail_sum_overflow(CxError *err)
{
	return cx_fail(err, CX_ERR_OVERFLOW,
				   "The score sum would exceed its limit of 2^56 - 1 (72057594037927935).",
				   "Split the responses into groups and combine their results.",
				   "feedback score sum out of range");
}

bool
cx_tally_note_scale(CxTally *t, int scale, CxError *err)
{
	int			have = cx_tally_scale(t);

	if (have == scale || have == CX_TALLY_MIXED_SCALES)
		return true;
	if (have == 0)
	{
		cx_tally_set_scale(t, scale);
		return true;
	}
	if (cx_tally_metric(t) == CX_METRIC_CES)
		return fail_mixed_ces(err, have, scale);
	cx_tally_set_scale(t, CX_TALLY_MIXED_SCALES);
	return true;
}

bool
cx_tally_add(CxTally *t, int bucket, int score, CxError *err)
{
	CxTally		sum = *t;
	CxCategory	c = cx_category(bucket, score);

	if (!cx_tally_note_scale(&sum, cx_buckets[bucket].scale, err))
		return false;
	if (sum.count[c] == INT64_MAX)
		return fail_count_overflow(err);
	if (cx_tally_score_sum(&sum) > CX_TALLY_SUM_MAX - score)
		return fail_sum_overflow(err);
	sum.count[c]++;
	sum.sum_kind += (uint64_t) score;
	*t = sum;
	return true;
}

bool
cx_tally_remove(CxTally *t, int bucket, int score, CxError *err)
{
	if (!cx_tally_remove_fast(t, bucket, score))
		return cx_fail(err, CX_ERR_PARAMETER,
					   "The inverse transition removed a response the state did not hold.",
					   NULL, "feedback tally is inconsistent");
	return true;
}

bool
cx_tally_combine(CxTally *into, const CxTally *from, CxError *err)
{
	CxTally		sum = *into;
	int			from_scale = cx_tally_scale(from);

	if (cx_tally_metric(into) != cx_tally_metric(from))
	{
		const char *into_name = cx_metric_name((CxMetric) cx_tally_metric(into));
		const char *from_name = cx_metric_name((CxMetric) cx_tally_metric(from));
		char		detail[96];

		snprintf(detail, sizeof(detail), "One counts %s responses, the other %s.",
				 into_name ? into_name : "?", from_name ? from_name : "?");
		return cx_fail(err, CX_ERR_PARAMETER, detail, NULL,
					   "cannot combine feedback_tally values of different metrics");
	}
	if (from_scale == CX_TALLY_MIXED_SCALES)
		cx_tally_set_scale(&sum, CX_TALLY_MIXED_SCALES);
	else if (from_scale != 0 && !cx_tally_note_scale(&sum, from_scale, err))
		return false;
	for (int c = 0; c < CX_NCATEGORIES; c++)
		if (__builtin_add_overflow(sum.count[c], from->count[c], &sum.count[c]))
			return fail_count_overflow(err);
	/* both sums are at most CX_TALLY_SUM_MAX, so this cannot wrap */
	if (cx_tally_score_sum(&sum) + cx_tally_score_sum(from) > CX_TALLY_SUM_MAX)
		return fail_sum_overflow(err);
	cx_tally_set_score_sum(&sum, cx_tally_score_sum(&sum) + cx_tally_score_sum(from));
	/* the total must stay representable too: results divide by it */
	if (sum.count[0] > INT64_MAX - sum.count[1] ||
		sum.count[0] + sum.count[1] > INT64_MAX - sum.count[2])
		return fail_count_overflow(err);
	*into = sum;
	return true;
}

bool
cx_tally_nps(const CxTally *t, double *result)
{
	int64_t		n = cx_tally_total(t);

	if (n == 0)
		return false;
	*result = 100.0 * ((double) t->count[CX_CAT_POSITIVE] -
					   (double) t->count[CX_CAT_NEGATIVE]) / (double) n;
	/* beyond 2^53 responses rounding could step past the bounds */
	if (*result > 100.0)
		*result = 100.0;
	else if (*result < -100.0)
		*result = -100.0;
	return true;
}

bool
cx_tally_csat(const CxTally *t, double *result)
{
	int64_t		n = cx_tally_total(t);

	if (n == 0)
		return false;
	*result = 100.0 * (double) t->count[CX_CAT_POSITIVE] / (double) n;
	/* beyond 2^53 responses rounding could step past the bound */
	if (*result > 100.0)
		*result = 100.0;
	return true;
}

bool
cx_tally_ces(const CxTally *t, double *result)
{
	int64_t		n = cx_tally_total(t);

	if (n == 0)
		return false;
	*result = (double) cx_tally_score_sum(t) / (double) n;
	return true;
}

static bool
fail_invalid(CxError *err, const char *detail)
{
	return cx_fail(err, CX_ERR_PARAMETER, detail, NULL, "invalid feedback_tally value");
}

void
cx_tally_unpack(const CxTally *t, CxTallyParts *parts)
{
	parts->metric = cx_tally_metric(t);
	parts->scale = cx_tally_scale(t);
	for (int c = 0; c < CX_NCATEGORIES; c++)
		parts->count[c] = t->count[c];
	parts->score_sum = cx_tally_score_sum(t);
}

bool
cx_tally_pack(const CxTallyParts *p, CxTally *out, CxError *err)
{
	int64_t		n = 0;
	int			lo = 0,
				hi = 0;

	if (p->metric < CX_METRIC_NPS || p->metric > CX_METRIC_MAX)
		return fail_invalid(err, "The metric code is unknown.");
	for (int c = 0; c < CX_NCATEGORIES; c++)
	{
		if (p->count[c] < 0)
			return fail_invalid(err, "Counts cannot be negative.");
		if (__builtin_add_overflow(n, p->count[c], &n))
			return fail_invalid(err, "The total count exceeds the 64-bit limit.");
	}
	if (p->scale == CX_TALLY_MIXED_SCALES)
	{
		if (p->metric != CX_METRIC_CSAT)
			return fail_invalid(err, "Only CSAT tallies may mix scales.");
		lo = 1;
		hi = 10;
	}
	else if (p->scale == 0)
	{
		if (n != 0)
			return fail_invalid(err, "A tally with responses must name their scale.");
	}
	else
	{
		int			bucket = p->scale > 0 && p->scale <= 10 ?
			cx_bucket_of((CxMetric) p->metric, (int) p->scale) : -1;

		if (bucket < 0)
			return fail_invalid(err, "The scale is not allowed for the metric.");
		lo = cx_buckets[bucket].min_score;
		hi = cx_buckets[bucket].scale;
		/* each category needs a score point able to hold its count */
		for (int c = 0; c < CX_NCATEGORIES; c++)
		{
			bool		possible = false;

			for (int s = lo; s <= hi; s++)
				if (cx_category(bucket, s) == (CxCategory) c)
					possible = true;
			if (!possible && p->count[c] != 0)
				return fail_invalid(err, "A category count is not possible on this scale.");
		}
	}

	/*
	 * Every score lies in [lo, hi], so n * lo <= score_sum <= n * hi.  The
	 * products may exceed 64 bits for huge counts, so the bounds are
	 * compared by dividing the sum instead: n * lo > sum exactly when
	 * n > floor(sum / lo), and sum > n * hi exactly when
	 * ceil(sum / hi) > n.
	 */
	if (p->score_sum < 0)
		return fail_invalid(err, "The score sum cannot be negative.");
	if (p->score_sum > CX_TALLY_SUM_MAX)
		return fail_invalid(err, "The score sum exceeds its limit of 2^56 - 1.");
	if (n == 0)
	{
		if (p->score_sum != 0)
			return fail_invalid(err, "An empty tally must have a score sum of 0.");
	}
	else if ((lo > 0 && n > p->score_sum / lo) ||
			 p->score_sum / hi + (p->score_sum % hi != 0) > n)
		return fail_invalid(err, "The score sum is not possible for the counts.");

	memset(out, 0, sizeof(*out));
	for (int c = 0; c < CX_NCATEGORIES; c++)
		out->count[c] = p->count[c];
	out->sum_kind = cx_tally_kind((int) p->metric, (int) p->scale) | (uint64_t) p->score_sum;
	return true;
}

bool
cx_tally_validate(const CxTally *t, CxError *err)
{
	CxTallyParts parts;
	CxTally		again;

	cx_tally_unpack(t, &parts);
	return cx_tally_pack(&parts, &again, err);
}

int
cx_tally_format(const CxTally *t, char *buf, size_t buflen)
{
	const char *metric = cx_metric_name((CxMetric) cx_tally_metric(t));
	int			tally_scale = cx_tally_scale(t);
	char		scale[16];

	if (tally_scale == 0)
		snprintf(scale, sizeof(scale), "none");
	else if (tally_scale == CX_TALLY_MIXED_SCALES)
		snprintf(scale, sizeof(scale), "mixed");
	else
		snprintf(scale, sizeof(scale), "%d", tally_scale);
	return snprintf(buf, buflen,
					"metric=%s scale=%s positive=%" PRId64 " neutral=%" PRId64
					" negative=%" PRId64 " score_sum=%" PRId64,
					metric ? metric : "?", scale, t->count[0], t->count[1],
					t->count[2], cx_tally_score_sum(t));
}

static bool
parse_int64(const char *s, size_t len, int64_t *out)
{
	int64_t		v = 0;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (__builtin_mul_overflow(v, 10, &v) ||
			__builtin_add_overflow(v, s[i] - '0', &v))
			return false;
	}
	*out = v;
	return true;
}

bool
cx_tally_parse(const char *text, size_t len, CxTally *out, CxError *err)
{
	static const char *const count_keys[CX_NCATEGORIES] = {"positive", "neutral", "negative"};
	const char *v;
	size_t		vlen;
	size_t		pos = 0;
	CxTallyParts t;
	char		quoted[96];
	int64_t		scale;

	memset(&t, 0, sizeof(t));
	cx_quote_input(quoted, sizeof(quoted), text, len);
#define SYNTAX(what) \
	cx_fail(err, CX_ERR_SYNTAX, what, \
			"The form is \"metric=nps scale=10 positive=5 neutral=3 negative=2 score_sum=71\".", \
			"invalid input syntax for type feedback_tally: \"%s\"", quoted)

	if (!cx_read_field(text, len, &pos, "metric", &v, &vlen))
		return SYNTAX("The metric field is missing.");
	t.metric = cx_metric_from_name(v, vlen);
	if (t.metric == CX_METRIC_NONE)
		return SYNTAX("Metrics are nps, csat and ces.");
	if (!cx_read_field(text, len, &pos, "scale", &v, &vlen))
		return SYNTAX("The scale field is missing.");
	if (vlen == 4 && memcmp(v, "none", 4) == 0)
		t.scale = 0;
	else if (vlen == 5 && memcmp(v, "mixed", 5) == 0)
		t.scale = CX_TALLY_MIXED_SCALES;
	else if (parse_int64(v, vlen, &scale) && scale > 0 && scale <= 255)
		t.scale = scale;
	else
		return SYNTAX("The scale must be none, mixed or a number of points.");
	for (int c = 0; c < CX_NCATEGORIES; c++)
	{
		if (!cx_read_field(text, len, &pos, count_keys[c], &v, &vlen) ||
			!parse_int64(v, vlen, &t.count[c]))
			return SYNTAX("Each count must be a non-negative 64-bit integer.");
	}
	if (!cx_read_field(text, len, &pos, "score_sum", &v, &vlen) ||
		!parse_int64(v, vlen, &t.score_sum))
		return SYNTAX("The score sum must be a non-negative 64-bit integer.");
	while (pos < len && text[pos] == ' ')
		pos++;
	if (pos != len)
		return SYNTAX("Unexpected characters follow the score sum.");
#undef SYNTAX
	if (!cx_tally_pack(&t, out, err))
	{
		err->status = CX_ERR_SYNTAX;
		return false;
	}
	return true;
}
