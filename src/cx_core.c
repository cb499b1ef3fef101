/*-------------------------------------------------------------------------
 *
 * cx_core.c
 *		Metrics, scales and categories; the feedback value and its text
 *		form.  Pure C: no PostgreSQL headers.
 *
 *-------------------------------------------------------------------------
 */
#include "cx_core.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const int8_t cx_csat_bucket_by_scale[11] = {
	-1, -1, CX_BUCKET_CSAT2, CX_BUCKET_CSAT3, -1, CX_BUCKET_CSAT5, -1,
	CX_BUCKET_CSAT7, -1, -1, CX_BUCKET_CSAT10
};
const int8_t cx_ces_bucket_by_scale[11] = {
	-1, -1, -1, -1, -1, CX_BUCKET_CES5, -1, CX_BUCKET_CES7, -1, -1, -1
};

static const char *const metric_names[] = {NULL, "nps", "csat", "ces"};
static const char *const metric_labels[] = {NULL, "NPS", "CSAT", "CES"};

static const char *const category_names[][CX_NCATEGORIES] = {
	{NULL, NULL, NULL},
	{"promoter", "passive", "detractor"},
	{"satisfied", "neutral", "dissatisfied"},
	{"easy", "neutral", "difficult"},
};

/* Allowed scales, as shown in error messages. */
static const char *const scale_lists[] = {NULL, "10", "2, 3, 5, 7 or 10", "5 or 7"};

const char *
cx_metric_name(CxMetric metric)
{
	if (metric < CX_METRIC_NPS || metric > CX_METRIC_MAX)
		return NULL;
	return metric_names[metric];
}

const char *
cx_metric_label(CxMetric metric)
{
	if (metric < CX_METRIC_NPS || metric > CX_METRIC_MAX)
		return NULL;
	return metric_labels[metric];
}

CxMetric
cx_metric_from_name(const char *name, size_t len)
{
	for (int m = CX_METRIC_NPS; m <= CX_METRIC_MAX; m++)
	{
		const char *candidate = metric_names[m];
		size_t		i;

		if (strlen(candidate) != len)
			continue;

		for (i = 0; i < len; i++)
			if (tolower((unsigned char) name[i]) != candidate[i])
				break;
		if (i == len)
			return (CxMetric) m;
	}
	return CX_METRIC_NONE;
}

int
cx_bucket_of(CxMetric metric, int scale)
{
	for (int b = 0; b < CX_NBUCKETS; b++)
		if (cx_buckets[b].metric == metric && cx_buckets[b].scale == scale)
			return b;
	return -1;
}

const char *
cx_category_name(CxMetric metric, CxCategory category)
{
	if (metric < CX_METRIC_NPS || metric > CX_METRIC_MAX ||
		category < CX_CAT_POSITIVE || category > CX_CAT_NEGATIVE)
		return NULL;
	return category_names[metric][category];
}

bool
cx_fail(CxError *err, CxStatus status, const char *detail, const char *hint,
		const char *fmt,...)
{
	va_list		ap;

	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	snprintf(err->detail, sizeof(err->detail), "%s", detail ? detail : "");
	snprintf(err->hint, sizeof(err->hint), "%s", hint ? hint : "");
	return false;
}

void
cx_quote_input(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	const size_t keep = 64;
	size_t		n = srclen;
	bool		truncated = false;

	if (dstlen == 0)
		return;
	/* stop at an embedded NUL: the rest cannot be shown anyway */
	for (size_t i = 0; i < n; i++)
		if (src[i] == '\0')
		{
			n = i;
			break;
		}
	if (n > keep)
	{
		n = keep;
		truncated = true;
	}
	if (n > dstlen - 4)
	{
		n = dstlen - 4;
		truncated = true;
	}
	memcpy(dst, src, n);
	if (truncated)
	{
		/*
		 * Do not cut a UTF-8 sequence in half: while the first byte left
		 * out continues a sequence, leave out its lead byte too.  (src[n]
		 * exists: n was lowered below the input's length.  dst[n] was never
		 * written, so it must not be looked at.)
		 */
		while (n > 0 && ((unsigned char) src[n] & 0xC0) == 0x80)
			n--;
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

/* ----------------------------------------------------------------
 * feedback
 * ----------------------------------------------------------------
 */

static bool fail_score_range(CxError *err, CxMetric metric, int scale,
							 long long score);
static bool fail_scale(CxError *err, CxMetric metric, long long scale);

bool
cx_fail_score(CxError *err, int bucket, long long score)
{
	return fail_score_range(err, cx_buckets[bucket].metric,
							cx_buckets[bucket].scale, score);
}

bool
cx_fail_scale(CxError *err, CxMetric metric, long long scale)
{
	return fail_scale(err, metric, scale);
}

static bool
fail_score_range(CxError *err, CxMetric metric, int scale, long long score)
{
	char		detail[128];
	int			lo = metric == CX_METRIC_NPS ? 0 : 1;

	if (metric == CX_METRIC_NPS)
		snprintf(detail, sizeof(detail), "NPS scores are integers from 0 to 10.");
	else
		snprintf(detail, sizeof(detail),
				 "On a %d-point %s scale, scores are integers from %d to %d.",
				 scale, cx_metric_label(metric), lo, scale);
	return cx_fail(err, CX_ERR_RANGE, detail, NULL,
				   "%s score %lld is out of range", cx_metric_label(metric), score);
}

static bool
fail_scale(CxError *err, CxMetric metric, long long scale)
{
	char		detail[128];

	snprintf(detail, sizeof(detail), "%s scales are %s.",
			 cx_metric_label(metric), scale_lists[metric]);
	return cx_fail(err, CX_ERR_RANGE, detail, NULL,
				   "%s scale %lld is not supported", cx_metric_label(metric), scale);
}

int
cx_default_scale(CxMetric metric)
{
	return metric == CX_METRIC_NPS ? CX_NPS_SCALE :
		metric == CX_METRIC_CSAT ? CX_CSAT_DEFAULT_SCALE : CX_CES_DEFAULT_SCALE;
}

bool
cx_feedback_make(CxMetric metric, long long score, bool has_scale,
				 long long scale, CxFeedback *out, CxError *err)
{
	int			bucket;

	if (metric < CX_METRIC_NPS || metric > CX_METRIC_MAX)
		return cx_fail(err, CX_ERR_SYNTAX, "Metrics are nps, csat and ces.", NULL,
					   "unknown feedback metric");
	if (!has_scale)
		scale = cx_default_scale(metric);
	if (scale < 0 || scale > 255 || (bucket = cx_bucket_of(metric, (int) scale)) < 0)
		return fail_scale(err, metric, scale);
	if (score < cx_buckets[bucket].min_score || score > scale)
		return fail_score_range(err, metric, (int) scale, score);
	*out = cx_feedback_pack(metric, (int) scale, (int) score);
	return true;
}

void
cx_feedback_encode(CxFeedback fb, unsigned char *buf)
{
	buf[0] = (unsigned char) cx_feedback_metric(fb);
	buf[1] = (unsigned char) cx_feedback_scale(fb);
	buf[2] = (unsigned char) cx_feedback_score(fb);
}

bool
cx_feedback_decode(const unsigned char *buf, size_t len, CxFeedback *out,
				   CxError *err)
{
	char		detail[96];

	if (len != CX_FEEDBACK_WIRE_LEN)
	{
		snprintf(detail, sizeof(detail),
				 "A binary feedback value is %d bytes long, not %zu.",
				 CX_FEEDBACK_WIRE_LEN, len);
		return cx_fail(err, CX_ERR_BINARY, detail, NULL,
					   "invalid binary representation of type feedback");
	}
	if (buf[0] < CX_METRIC_NPS || buf[0] > CX_METRIC_MAX)
	{
		snprintf(detail, sizeof(detail), "Metric code %d is unknown.", buf[0]);
		return cx_fail(err, CX_ERR_BINARY, detail, NULL,
					   "invalid binary representation of type feedback");
	}
	return cx_feedback_make((CxMetric) buf[0], buf[2], true, buf[1], out, err);
}

bool
cx_feedback_valid(CxFeedback fb)
{
	CxMetric	metric = cx_feedback_metric(fb);
	int			bucket;

	if ((fb >> 24) != 0 || metric < CX_METRIC_NPS || metric > CX_METRIC_MAX)
		return false;
	bucket = cx_bucket_of(metric, cx_feedback_scale(fb));
	return bucket >= 0 &&
		cx_feedback_score(fb) >= cx_buckets[bucket].min_score &&
		cx_feedback_score(fb) <= cx_buckets[bucket].scale;
}

int
cx_feedback_bucket(CxFeedback fb)
{
	return cx_bucket_of(cx_feedback_metric(fb), cx_feedback_scale(fb));
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void
skip_space(const char *text, size_t len, size_t *pos)
{
	while (*pos < len && is_space(text[*pos]))
		(*pos)++;
}

/*
 * Read an optionally signed decimal integer at *pos.  *huge is set when it
 * has more digits than a long long holds: "nps:99999999999999999999" is a
 * number, just not an allowed one, so it earns a range error that quotes
 * the digits rather than a syntax error.
 */
static bool
read_integer(const char *text, size_t len, size_t *pos, long long *value,
			 bool *huge)
{
	bool		negative = false;
	long long	v = 0;
	size_t		start;

	*huge = false;
	if (*pos < len && (text[*pos] == '-' || text[*pos] == '+'))
	{
		negative = text[*pos] == '-';
		(*pos)++;
	}
	start = *pos;
	while (*pos < len && text[*pos] >= '0' && text[*pos] <= '9')
	{
		if (v >= 100000000000000000LL)
			*huge = true;
		else
			v = v * 10 + (text[*pos] - '0');
		(*pos)++;
	}
	if (*pos == start)
		return false;
	*value = negative ? -v : v;
	return true;
}

static bool
fail_huge(CxError *err, CxMetric metric, const char *what, const char *text,
		  size_t len)
{
	char		quoted[96];

	cx_quote_input(quoted, sizeof(quoted), text, len);
	return cx_fail(err, CX_ERR_RANGE, NULL, NULL,
				   "%s %s in \"%s\" is out of range", cx_metric_label(metric),
				   what, quoted);
}

static bool
fail_syntax(CxError *err, const char *text, size_t len, const char *detail)
{
	char		quoted[96];

	cx_quote_input(quoted, sizeof(quoted), text, len);
	return cx_fail(err, CX_ERR_SYNTAX, detail,
				   "Write metric:score or metric:score/scale, for example \"nps:9\", \"csat:4/5\" or \"ces:6/7\".",
				   "invalid input syntax for type feedback: \"%s\"", quoted);
}

static bool
word_is(const char *text, size_t len, size_t pos, const char *word)
{
	size_t		wlen = strlen(word);

	if (len - pos < wlen)
		return false;
	for (size_t i = 0; i < wlen; i++)
		if (tolower((unsigned char) text[pos + i]) != word[i])
			return false;
	return true;
}

bool
cx_feedback_parse(const char *text, size_t len, CxFeedback *out, CxError *err)
{
	size_t		pos = 0;
	size_t		name_start;
	CxMetric	metric;
	long long	score;
	long long	scale = 0;
	bool		has_scale = false;
	bool		huge;

	skip_space(text, len, &pos);
	name_start = pos;
	while (pos < len && isalpha((unsigned char) text[pos]))
		pos++;
	if (pos == name_start)
		return fail_syntax(err, text, len, "The value does not start with a metric name.");
	metric = cx_metric_from_name(text + name_start, pos - name_start);
	if (metric == CX_METRIC_NONE)
		return fail_syntax(err, text, len, "Metrics are nps, csat and ces.");
	skip_space(text, len, &pos);
	if (pos >= len || text[pos] != ':')
		return fail_syntax(err, text, len, "A colon must follow the metric name.");
	pos++;
	skip_space(text, len, &pos);

	if (metric == CX_METRIC_CSAT && word_is(text, len, pos, "good"))
	{
		score = 2;
		scale = 2;
		has_scale = true;
		pos += 4;
	}
	else if (metric == CX_METRIC_CSAT && word_is(text, len, pos, "bad"))
	{
		score = 1;
		scale = 2;
		has_scale = true;
		pos += 3;
	}
	else
	{
		bool		huge_score;

		if (!read_integer(text, len, &pos, &score, &huge_score))
			return fail_syntax(err, text, len, "The score must be an integer.");
		skip_space(text, len, &pos);
		if (pos < len && text[pos] == '/')
		{
			pos++;
			skip_space(text, len, &pos);
			if (!read_integer(text, len, &pos, &scale, &huge))
				return fail_syntax(err, text, len, "The scale must be an integer.");
			has_scale = true;
			skip_space(text, len, &pos);
			if (pos == len && huge)
				return fail_huge(err, metric, "scale", text, len);
		}
		skip_space(text, len, &pos);
		if (pos == len && huge_score)
			return fail_huge(err, metric, "score", text, len);
	}
	skip_space(text, len, &pos);
	if (pos != len)
		return fail_syntax(err, text, len, "Unexpected characters follow the score.");
	return cx_feedback_make(metric, score, has_scale, scale, out, err);
}

int
cx_feedback_format(CxFeedback fb, char *buf)
{
	CxMetric	metric = cx_feedback_metric(fb);

	if (metric == CX_METRIC_NPS)
		return snprintf(buf, CX_FEEDBACK_TEXT_MAX, "nps:%d", cx_feedback_score(fb));
	return snprintf(buf, CX_FEEDBACK_TEXT_MAX, "%s:%d/%d",
					cx_metric_name(metric), cx_feedback_score(fb),
					cx_feedback_scale(fb));
}

/* ----------------------------------------------------------------
 * Polarity and ordering within one metric
 * ----------------------------------------------------------------
 */

static const char *const polarity_names[CX_NCATEGORIES] = {
	"positive", "neutral", "negative"
};

const char *
cx_polarity_name(CxCategory category)
{
	if (category < CX_CAT_POSITIVE || category > CX_CAT_NEGATIVE)
		return NULL;
	return polarity_names[category];
}

bool
cx_feedback_compare(CxFeedback a, CxFeedback b, CxCompareOp op, bool *result,
					CxError *err)
{
	if (!cx_feedback_comparable(a, b))
	{
		char		ta[CX_FEEDBACK_TEXT_MAX];
		char		tb[CX_FEEDBACK_TEXT_MAX];
		char		detail[128];
		const char *hint =
			"Ordering operators compare feedback of one metric and scale. "
			"On a column that mixes them, filter with polarity(), is_promoter() "
			"or feedback_score(), e.g. WHERE is_promoter(fb).";

		cx_feedback_format(a, ta);
		cx_feedback_format(b, tb);
		snprintf(detail, sizeof(detail), "The values are %s and %s.", ta, tb);
		if (cx_feedback_metric(a) != cx_feedback_metric(b))
			return cx_fail(err, CX_ERR_PARAMETER, detail, hint,
						   "cannot compare %s feedback with %s feedback",
						   cx_metric_label(cx_feedback_metric(a)),
						   cx_metric_label(cx_feedback_metric(b)));
		return cx_fail(err, CX_ERR_PARAMETER, detail, hint,
					   "cannot compare %s feedback on a %d-point scale with one on a %d-point scale",
					   cx_metric_label(cx_feedback_metric(a)),
					   cx_feedback_scale(a), cx_feedback_scale(b));
	}
	/* same metric and scale: the packed words differ in the score only */
	switch (op)
	{
		case CX_CMP_LT:
			*result = a < b;
			break;
		case CX_CMP_LE:
			*result = a <= b;
			break;
		case CX_CMP_GT:
			*result = a > b;
			break;
		case CX_CMP_GE:
			*result = a >= b;
			break;
	}
	return true;
}

/* Slot of a valid feedback value (0..CX_NSLOTS-1), or -1. */
static int
feedback_slot(CxFeedback fb)
{
	int			bucket;

	if (!cx_feedback_valid(fb))
		return -1;
	bucket = cx_feedback_bucket(fb);
	return cx_buckets[bucket].first_slot + cx_feedback_score(fb) -
		cx_buckets[bucket].min_score;
}

double
cx_feedback_ineq_selectivity(CxCompareOp op, CxFeedback c, double nullfrac,
							 const CxFeedback *mcv, const double *mcv_freq,
							 int nmcv, const CxFeedback *hist, int nhist,
							 double default_sel)
{
	int			cslot = feedback_slot(c);
	int			lo,
				hi;				/* matching slots, inclusive */
	double		mcv_match = 0.0;
	double		mcv_total = 0.0;
	double		rest;
	double		sel;

	if (cslot < 0)
		return default_sel;
	{
		const CxBucketInfo *b = &cx_buckets[cx_feedback_bucket(c)];

		lo = b->first_slot;
		hi = b->first_slot + b->npoints - 1;
	}
	switch (op)
	{
		case CX_CMP_LT:
			hi = cslot - 1;
			break;
		case CX_CMP_LE:
			hi = cslot;
			break;
		case CX_CMP_GT:
			lo = cslot + 1;
			break;
		case CX_CMP_GE:
			lo = cslot;
			break;
	}

	for (int i = 0; i < nmcv; i++)
	{
		int			s = feedback_slot(mcv[i]);

		if (s < 0)
			continue;
		mcv_total += mcv_freq[i];
		if (s >= lo && s <= hi)
			mcv_match += mcv_freq[i];
	}
	if (nmcv == 0 && nhist < 2)
		return default_sel;

	rest = 1.0 - nullfrac - mcv_total;
	if (rest < 0.0)
		rest = 0.0;
	if (nhist >= 2)
	{
		/*
		 * Each histogram bin holds the same share of the non-MCV rows,
		 * spread evenly over the slots from one bound to the next; a
		 * matching slot s covers [s - 0.5, s + 0.5].
		 */
		double		covered = 0.0;
		int			nbins = 0;

		for (int i = 0; i + 1 < nhist; i++)
		{
			int			a = feedback_slot(hist[i]);
			int			b = feedback_slot(hist[i + 1]);

			if (a < 0 || b < 0 || b < a)
				continue;
			nbins++;
			if (a == b)
				covered += (a >= lo && a <= hi) ? 1.0 : 0.0;
			else
			{
				double		from = (double) lo - 0.5 > a ? (double) lo - 0.5 : a;
				double		to = (double) hi + 0.5 < b ? (double) hi + 0.5 : b;

				if (to > from)
					covered += (to - from) / (double) (b - a);
			}
		}
		sel = mcv_match + (nbins > 0 ? rest * covered / nbins : 0.0);
	}
	else
	{
		/* no histogram: the rest is like the common values */
		sel = mcv_match + (mcv_total > 0.0 ? rest * mcv_match / mcv_total : 0.0);
	}
	if (sel < 0.0)
		sel = 0.0;
	if (sel > 1.0)
		sel = 1.0;
	return sel;
}

bool
cx_read_field(const char *text, size_t len, size_t *pos, const char *key,
			  const char **value, size_t *value_len)
{
	size_t		klen = strlen(key);

	while (*pos < len && text[*pos] == ' ')
		(*pos)++;
	if (len - *pos <= klen || memcmp(text + *pos, key, klen) != 0 ||
		text[*pos + klen] != '=')
		return false;
	*pos += klen + 1;
	*value = text + *pos;
	while (*pos < len && text[*pos] != ' ')
		(*pos)++;
	*value_len = (size_t) (text + *pos - *value);
	return *value_len > 0;
}
