/*
 * Fuzz the text form of feedback_tally (cx_tally_parse), the state of the
 * one-step aggregates that Citus and the SQL input function read back.
 *
 * A parsed tally must be one that counting could have produced
 * (cx_tally_validate), must print within CX_TALLY_TEXT_MAX and read back
 * identical (the same 32 packed bytes), and the arithmetic on it must stay sound: combining it with
 * itself either doubles every count or reports an overflow, and every
 * result lies within its documented range.
 */
#include "fuzz.h"
#include "cx_tally.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CxTally		t,
				back,
				twice;
	CxError		err;
	char		text[CX_TALLY_TEXT_MAX];
	int			len;
	double		r;

	memset(&t, 0, sizeof(t));
	fuzz_poison_error(&err);
	if (!cx_tally_parse((const char *) data, size, &t, &err))
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_SYNTAX, "bad tally text is a syntax error");
		return 0;
	}

	FUZZ_ASSERT(cx_tally_validate(&t, &err), "parsed tally is valid");
	FUZZ_ASSERT(t.count[0] >= 0 && t.count[1] >= 0 && t.count[2] >= 0 &&
				cx_tally_score_sum(&t) >= 0, "counts are not negative");
	FUZZ_ASSERT(cx_tally_metric(&t) >= CX_METRIC_NPS && cx_tally_metric(&t) <= CX_METRIC_MAX,
				"the packed metric is a known one");

	len = cx_tally_format(&t, text, sizeof(text));
	FUZZ_ASSERT(len > 0 && len < (int) sizeof(text), "text fits CX_TALLY_TEXT_MAX");
	memset(&back, 0, sizeof(back));
	FUZZ_ASSERT(cx_tally_parse(text, (size_t) len, &back, &err), "printed tally parses");
	FUZZ_ASSERT(memcmp(&t, &back, sizeof(t)) == 0, "text round trip");

	twice = t;
	if (cx_tally_combine(&twice, &t, &err))
	{
		for (int c = 0; c < CX_NCATEGORIES; c++)
			FUZZ_ASSERT(twice.count[c] == 2 * t.count[c], "combine doubles each count");
		FUZZ_ASSERT(cx_tally_score_sum(&twice) == 2 * cx_tally_score_sum(&t),
					"combine doubles the score sum");
		FUZZ_ASSERT(cx_tally_scale(&twice) == cx_tally_scale(&t), "combine keeps the scale");
		FUZZ_ASSERT(cx_tally_metric(&twice) == cx_tally_metric(&t), "combine keeps the metric");
		FUZZ_ASSERT(cx_tally_validate(&twice, &err), "combined tally is valid");
	}
	else
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_OVERFLOW, "combine fails only by overflow");
		FUZZ_ASSERT(t.count[0] > INT64_MAX / 2 || t.count[1] > INT64_MAX / 2 ||
					t.count[2] > INT64_MAX / 2 || cx_tally_score_sum(&t) > CX_TALLY_SUM_MAX / 2 ||
					cx_tally_total(&t) > INT64_MAX / 2,
					"overflow reported only when a doubled value exceeds 64 bits");
	}

	if (cx_tally_total(&t) == 0)
	{
		FUZZ_ASSERT(!cx_tally_nps(&t, &r) && !cx_tally_csat(&t, &r) &&
					!cx_tally_ces(&t, &r), "an empty tally has no result");
		return 0;
	}
	FUZZ_ASSERT(cx_tally_nps(&t, &r) && r >= -100.0 && r <= 100.0, "NPS within -100..100");
	FUZZ_ASSERT(cx_tally_csat(&t, &r) && r >= 0.0 && r <= 100.0, "CSAT within 0..100");
	FUZZ_ASSERT(cx_tally_ces(&t, &r) && !isnan(r) && r >= 0.0, "CES mean is a number");
	if (cx_tally_scale(&t) > 0)
	{
		int			bucket = cx_bucket_of((CxMetric) cx_tally_metric(&t), cx_tally_scale(&t));

		FUZZ_ASSERT(bucket >= 0, "a named scale is allowed for the metric");
		/* the floating-point mean may round a hair past an exact bound */
		FUZZ_ASSERT(r >= cx_buckets[bucket].min_score * (1 - 1e-12) &&
					r <= cx_buckets[bucket].scale * (1 + 1e-12),
					"CES mean lies on the scale");
	}
	return 0;
}
