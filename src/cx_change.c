/*-------------------------------------------------------------------------
 *
 * cx_change.c
 *		change_agg's state: counting pairs, combining, validation, the
 *		text and binary forms, category moves and the paired statistics.
 *		Pure C.
 *
 *-------------------------------------------------------------------------
 */
#include "cx_change.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void
cx_change_init(CxChange *c)
{
	memset(c, 0, sizeof(*c));
	c->metric = CX_METRIC_NONE;
	c->version = CX_CHANGE_VERSION;
}

static const char *
label_or_unknown(int metric)
{
	const char *label = cx_metric_label((CxMetric) metric);

	return label ? label : "unknown";
}

static bool
fail_overflow(CxError *err)
{
	return cx_fail(err, CX_ERR_OVERFLOW,
				   "The number of pairs would exceed the 64-bit limit.", NULL,
				   "feedback_change count out of range");
}

/* The two responses of one customer measure different metrics. */
static bool
fail_pair_metrics(CxError *err, CxMetric before, CxMetric after)
{
	char		detail[128];

	snprintf(detail, sizeof(detail),
			 "The before response is %s feedback and the after response %s feedback.",
			 label_or_unknown(before), label_or_unknown(after));
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Both responses of a pair must measure the same metric.",
				   "cannot pair %s feedback with %s feedback",
				   label_or_unknown(before), label_or_unknown(after));
}

/* A group (or a combination of partial states) holds two metrics. */
static bool
fail_mixed_metrics(CxError *err, int have, int got)
{
	char		detail[128];

	snprintf(detail, sizeof(detail),
			 "The state already counts %s pairs; this one is %s.",
			 label_or_unknown(have), label_or_unknown(got));
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Group by the metric, or filter the pairs to one metric.",
				   "cannot count %s and %s pairs in one feedback_change",
				   label_or_unknown(have), label_or_unknown(got));
}

bool
cx_change_add(CxChange *c, CxFeedback before, CxFeedback after, CxError *err)
{
	CxMetric	metric = cx_feedback_metric(before);

	if (!cx_feedback_valid(before) || !cx_feedback_valid(after))
		return cx_fail(err, CX_ERR_PARAMETER, NULL, NULL,
					   "invalid feedback value");
	if (metric != cx_feedback_metric(after))
		return fail_pair_metrics(err, metric, cx_feedback_metric(after));
	if (c->metric != CX_METRIC_NONE && (int) c->metric != (int) metric)
		return fail_mixed_metrics(err, c->metric, metric);
	if (cx_change_total(c) == INT64_MAX)
		return fail_overflow(err);
	c->metric = (uint8_t) metric;
	c->count[cx_change_category(before)][cx_change_category(after)]++;
	return true;
}

bool
cx_change_remove(CxChange *c, CxFeedback before, CxFeedback after,
				 CxError *err)
{
	if (!cx_feedback_valid(before) || !cx_feedback_valid(after))
		return cx_fail(err, CX_ERR_PARAMETER, NULL, NULL,
					   "invalid feedback value");
	if (cx_feedback_metric(before) != cx_feedback_metric(after))
		return fail_pair_metrics(err, cx_feedback_metric(before),
								 cx_feedback_metric(after));
	if (!cx_change_remove_fast(c, before, after))
		return cx_fail(err, CX_ERR_PARAMETER,
					   "The inverse transition removed a pair the state did not hold.",
					   NULL, "feedback_change is inconsistent");
	return true;
}

bool
cx_change_combine(CxChange *into, const CxChange *from, CxError *err)
{
	CxChange	sum = *into;
	int64_t		total = 0;

	if (from->metric == CX_METRIC_NONE)
		return true;
	if (into->metric != CX_METRIC_NONE && into->metric != from->metric)
		return fail_mixed_metrics(err, into->metric, from->metric);
	sum.metric = from->metric;
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
			if (__builtin_add_overflow(sum.count[b][a], from->count[b][a],
									   &sum.count[b][a]) ||
				__builtin_add_overflow(total, sum.count[b][a], &total))
				return fail_overflow(err);
	*into = sum;
	return true;
}

static bool
fail_invalid(CxError *err, const char *detail)
{
	return cx_fail(err, CX_ERR_PARAMETER, detail, NULL,
				   "invalid feedback_change value");
}

bool
cx_change_validate(const CxChange *c, CxError *err)
{
	int64_t		total = 0;

	if (c->version != CX_CHANGE_VERSION)
		return fail_invalid(err, "The format version is unknown.");
	for (int i = 0; i < (int) sizeof(c->reserved); i++)
		if (c->reserved[i] != 0)
			return fail_invalid(err, "The reserved bytes are not zero.");
	if (c->metric > CX_METRIC_MAX)
		return fail_invalid(err, "The metric code is unknown.");
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
		{
			if (c->count[b][a] < 0)
				return fail_invalid(err, "Counts cannot be negative.");
			if (__builtin_add_overflow(total, c->count[b][a], &total))
				return fail_invalid(err, "The number of pairs exceeds the 64-bit limit.");
		}
	if (c->metric == CX_METRIC_NONE && total != 0)
		return fail_invalid(err, "A state with pairs must name their metric.");
	if (c->metric != CX_METRIC_NONE && total == 0)
		return fail_invalid(err, "A state without pairs has no metric.");
	return true;
}

/* ---- moves --------------------------------------------------------- */

/* Sum of the cells with sign(before - after) == direction. */
static int64_t
moves(const CxChange *c, int direction)
{
	int64_t		n = 0;

	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
			if ((b > a) - (b < a) == direction)
				n += c->count[b][a];
	return n;
}

/* CxCategory counts from the positive end: a lower index is better */
int64_t
cx_change_moved_up(const CxChange *c)
{
	return moves(c, 1);
}

int64_t
cx_change_moved_down(const CxChange *c)
{
	return moves(c, -1);
}

int64_t
cx_change_unchanged(const CxChange *c)
{
	return moves(c, 0);
}

/* ---- statistics ---------------------------------------------------- */

/* The code of each category, per metric (see cx_change.h). */
static int
category_code(CxMetric metric, int category)
{
	if (metric == CX_METRIC_NPS)
		return category == CX_CAT_POSITIVE ? 1 :
			category == CX_CAT_NEGATIVE ? -1 : 0;
	return category == CX_CAT_POSITIVE ? 1 : 0;
}

CxStatOutcome
cx_change_sample(const CxChange *c, CxMetric metric, CxPairedSample *out,
				 CxError *err)
{
	/* how many customers have each difference -2 .. 2 */
	int64_t		by_diff[5] = {0, 0, 0, 0, 0};
	int			classes = 0;
	double		n,
				mean,
				ss = 0.0;

	if (c->metric == CX_METRIC_NONE)
		return CX_STAT_NULL;
	if ((int) c->metric != (int) metric)
	{
		char		detail[128];
		const char *hint = c->metric == CX_METRIC_NPS ?
			"Use nps_change, nps_change_ci_lower, nps_change_ci_upper and nps_change_test for NPS pairs." :
			c->metric == CX_METRIC_CSAT ?
			"Use csat_change, csat_change_ci_lower, csat_change_ci_upper and csat_change_test for CSAT pairs." :
			"CES pairs have category moves (moved_up, moved_down, unchanged) but no NPS or CSAT change.";

		snprintf(detail, sizeof(detail),
				 "The %s change is defined for %s pairs only.",
				 label_or_unknown(metric), label_or_unknown(metric));
		cx_fail(err, CX_ERR_PARAMETER, detail, hint,
				"feedback_change counts %s pairs, not %s",
				label_or_unknown(c->metric), label_or_unknown(metric));
		return CX_STAT_ERROR;
	}
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
			by_diff[2 + category_code(metric, a) - category_code(metric, b)] +=
				c->count[b][a];

	out->n = cx_change_total(c);
	n = (double) out->n;
	/* the integer differences cannot overflow: each count is <= INT64_MAX */
	mean = (2.0 * (double) (by_diff[4] - by_diff[0]) +
			(double) (by_diff[3] - by_diff[1])) / n;
	/* beyond 2^53 pairs the rounding could step past the bounds */
	if (mean > 2.0)
		mean = 2.0;
	else if (mean < -2.0)
		mean = -2.0;
	for (int k = 0; k < 5; k++)
		if (by_diff[k] > 0)
		{
			double		dev = (double) (k - 2) - mean;

			classes++;
			ss += (double) by_diff[k] * dev * dev;
		}
	out->constant = classes == 1;
	if (out->constant)
	{
		/* the mean is the common difference exactly, the variance 0 */
		for (int k = 0; k < 5; k++)
			if (by_diff[k] > 0)
				mean = (double) (k - 2);
		ss = 0.0;
	}
	out->mean = mean;
	out->variance = out->n >= 2 ? ss / (n - 1.0) : NAN;
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_change_mean(const CxChange *c, CxMetric metric, double *out, CxError *err)
{
	CxPairedSample s;
	CxStatOutcome r = cx_change_sample(c, metric, &s, err);

	if (r == CX_STAT_VALUE)
		*out = 100.0 * s.mean;
	return r;
}

CxStatOutcome
cx_change_interval(const CxChange *c, CxMetric metric, double confidence,
				   double *lower, double *upper, CxError *err)
{
	CxPairedSample s;
	CxStatOutcome r;
	double		half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	r = cx_change_sample(c, metric, &s, err);
	if (r != CX_STAT_VALUE)
		return r;
	if (s.n < 2)
		return CX_STAT_NULL;
	half = s.constant ? 0.0 :
		cx_t_upper_quantile(0.5 * (1.0 - confidence), (double) (s.n - 1)) *
		sqrt(s.variance / (double) s.n);
	*lower = 100.0 * (s.mean - half);
	*upper = 100.0 * (s.mean + half);
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_change_test(const CxChange *c, CxMetric metric, double *p_value,
			   CxError *err)
{
	CxPairedSample s;
	CxStatOutcome r = cx_change_sample(c, metric, &s, err);

	if (r != CX_STAT_VALUE)
		return r;
	if (s.n < 2)
		return CX_STAT_NULL;
	if (s.constant)
	{
		if (s.mean != 0.0)
			return CX_STAT_NULL;
		*p_value = 1.0;
		return CX_STAT_VALUE;
	}
	*p_value = cx_t_two_sided_p(s.mean / sqrt(s.variance / (double) s.n),
								(double) (s.n - 1));
	return CX_STAT_VALUE;
}

/* ---- text form ----------------------------------------------------- */

static const char *const cell_keys[CX_NCATEGORIES][CX_NCATEGORIES] = {
	{"pos>pos", "pos>neu", "pos>neg"},
	{"neu>pos", "neu>neu", "neu>neg"},
	{"neg>pos", "neg>neu", "neg>neg"},
};

int
cx_change_format(const CxChange *c, char *buf, size_t buflen)
{
	const char *metric = c->metric == CX_METRIC_NONE ? "none" :
		cx_metric_name((CxMetric) c->metric);
	int			len;

	len = snprintf(buf, buflen, "metric=%s", metric ? metric : "?");
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
		{
			size_t		used = len >= 0 && (size_t) len < buflen ? (size_t) len : buflen;

			len += snprintf(buf + used, buflen - used, " %s=%" PRId64,
							cell_keys[b][a], c->count[b][a]);
		}
	return len;
}

typedef enum
{
	COUNT_OK,
	COUNT_MALFORMED,
	COUNT_TOO_BIG
} CountStatus;

/* Decimal digits, no sign, no leading zero, at most INT64_MAX. */
static CountStatus
parse_count(const char *s, size_t len, int64_t *out)
{
	int64_t		v = 0;
	bool		too_big = false;

	if (len == 0 || (s[0] == '0' && len > 1))
		return COUNT_MALFORMED;
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return COUNT_MALFORMED;
		/* keep scanning after an overflow: a stray letter is a syntax error */
		if (!too_big && (__builtin_mul_overflow(v, 10, &v) ||
						 __builtin_add_overflow(v, s[i] - '0', &v)))
			too_big = true;
	}
	if (too_big)
		return COUNT_TOO_BIG;
	*out = v;
	return COUNT_OK;
}

bool
cx_change_parse(const char *text, size_t len, CxChange *out, CxError *err)
{
	const char *v;
	size_t		vlen;
	size_t		pos = 0;
	char		quoted[96];
	CxChange	c;
	int64_t		total = 0;

	cx_change_init(&c);
	cx_quote_input(quoted, sizeof(quoted), text, len);
#define FAIL(status, what) \
	cx_fail(err, (status), (what), \
			"The form is \"metric=nps pos>pos=5 pos>neu=1 pos>neg=0 neu>pos=2 neu>neu=3" \
			" neu>neg=1 neg>pos=0 neg>neu=1 neg>neg=4\".", \
			(status) == CX_ERR_RANGE ? \
			"value out of range for type feedback_change: \"%s\"" : \
			"invalid input syntax for type feedback_change: \"%s\"", quoted)

	if (!cx_read_field(text, len, &pos, "metric", &v, &vlen))
		return FAIL(CX_ERR_SYNTAX, "The metric field is missing.");
	if (vlen == 4 && memcmp(v, "none", 4) == 0)
		c.metric = CX_METRIC_NONE;
	else
	{
		CxMetric	metric = cx_metric_from_name(v, vlen);

		if (metric == CX_METRIC_NONE)
			return FAIL(CX_ERR_SYNTAX, "The metric must be nps, csat, ces or none.");
		c.metric = (uint8_t) metric;
	}
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
		{
			char		detail[96];

			if (!cx_read_field(text, len, &pos, cell_keys[b][a], &v, &vlen))
			{
				snprintf(detail, sizeof(detail),
						 "The field %s is missing or empty where it is expected.",
						 cell_keys[b][a]);
				return FAIL(CX_ERR_SYNTAX, detail);
			}
			switch (parse_count(v, vlen, &c.count[b][a]))
			{
				case COUNT_OK:
					break;
				case COUNT_MALFORMED:
					snprintf(detail, sizeof(detail),
							 "The count %s must be written in decimal digits without sign or leading zero.",
							 cell_keys[b][a]);
					return FAIL(CX_ERR_SYNTAX, detail);
				case COUNT_TOO_BIG:
					snprintf(detail, sizeof(detail),
							 "The count %s exceeds the 64-bit limit.", cell_keys[b][a]);
					return FAIL(CX_ERR_RANGE, detail);
			}
			if (__builtin_add_overflow(total, c.count[b][a], &total))
				return FAIL(CX_ERR_RANGE,
							"The number of pairs exceeds the 64-bit limit.");
		}
	while (pos < len && text[pos] == ' ')
		pos++;
	if (pos != len)
		return FAIL(CX_ERR_SYNTAX, "Unexpected characters follow the last count.");
	if (c.metric == CX_METRIC_NONE && total != 0)
		return FAIL(CX_ERR_SYNTAX, "A state with pairs must name their metric.");
	if (c.metric != CX_METRIC_NONE && total == 0)
		return FAIL(CX_ERR_SYNTAX,
					"A state without pairs has no metric: write metric=none.");
#undef FAIL
	*out = c;
	return true;
}

/* ---- binary form --------------------------------------------------- */

static void
put_int64(unsigned char *p, int64_t v)
{
	uint64_t	u = (uint64_t) v;

	for (int i = 7; i >= 0; i--)
	{
		p[i] = (unsigned char) (u & 0xFF);
		u >>= 8;
	}
}

static int64_t
get_int64(const unsigned char *p)
{
	uint64_t	u = 0;

	for (int i = 0; i < 8; i++)
		u = (u << 8) | p[i];
	return (int64_t) u;
}

void
cx_change_encode(const CxChange *c, unsigned char *buf)
{
	buf[0] = c->version;
	buf[1] = c->metric;
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
			put_int64(buf + 2 + 8 * (CX_NCATEGORIES * b + a), c->count[b][a]);
}

bool
cx_change_decode(const unsigned char *buf, size_t len, CxChange *out,
				 CxError *err)
{
	CxChange	c;
	char		detail[96];

	if (len != CX_CHANGE_WIRE_LEN)
	{
		snprintf(detail, sizeof(detail),
				 "A binary feedback_change is %d bytes long, not %zu.",
				 CX_CHANGE_WIRE_LEN, len);
		return cx_fail(err, CX_ERR_BINARY, detail, NULL,
					   "invalid binary representation of type feedback_change");
	}
	cx_change_init(&c);
	c.version = buf[0];
	c.metric = buf[1];
	for (int b = 0; b < CX_NCATEGORIES; b++)
		for (int a = 0; a < CX_NCATEGORIES; a++)
			c.count[b][a] = get_int64(buf + 2 + 8 * (CX_NCATEGORIES * b + a));
	if (!cx_change_validate(&c, err))
	{
		/* keep the validation's detail; the message names the input kind */
		err->status = CX_ERR_BINARY;
		snprintf(err->message, sizeof(err->message),
				 "invalid binary representation of type feedback_change");
		return false;
	}
	*out = c;
	return true;
}
