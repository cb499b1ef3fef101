/*
 * Fuzz the text form of feedback_change (cx_change_parse), the state of
 * change_agg that Citus and the SQL input function read back, and the
 * binary decoder on the same bytes.
 *
 * A parsed state must satisfy the invariants (cx_change_validate), print
 * within CX_CHANGE_TEXT_MAX and read back identical, survive the binary
 * form unchanged, combine with itself to twice every count or report an
 * overflow, and give statistics within their documented ranges: a change
 * of at most 200 (NPS) or 100 (CSAT) points either way, an interval whose
 * ends are ordered around the change, a p-value in [0, 1].
 */
#include "fuzz.h"
#include "cx_change.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

static void
check_statistics(const CxChange *c)
{
	for (int m = CX_METRIC_NPS; m <= CX_METRIC_CSAT; m++)
	{
		CxError		err;
		double		v = NAN,
					lo = NAN,
					hi = NAN,
					p = NAN;
		double		bound = m == CX_METRIC_NPS ? 200.0 : 100.0;
		CxStatOutcome r = cx_change_mean(c, (CxMetric) m, &v, &err);

		if (c->metric == CX_METRIC_NONE)
		{
			FUZZ_ASSERT(r == CX_STAT_NULL, "an empty state has no change");
			continue;
		}
		if (c->metric != m)
		{
			FUZZ_ASSERT(r == CX_STAT_ERROR && err.status == CX_ERR_PARAMETER,
						"another metric's change is a parameter error");
			fuzz_check_error(&err);
			continue;
		}
		FUZZ_ASSERT(r == CX_STAT_VALUE && v >= -bound && v <= bound, "change within its bounds");
		r = cx_change_interval(c, (CxMetric) m, 0.95, &lo, &hi, &err);
		FUZZ_ASSERT(r != CX_STAT_ERROR, "the interval of a valid state is no error");
		if (r == CX_STAT_VALUE)
			FUZZ_ASSERT(!isnan(lo) && !isnan(hi) && lo <= v * (1 + 1e-12) + 1e-9 &&
						v <= hi * (1 + 1e-12) + 1e-9, "interval ends ordered around the change");
		else
			FUZZ_ASSERT(cx_change_total(c) < 2, "the interval is NULL only below 2 pairs");
		r = cx_change_test(c, (CxMetric) m, &p, &err);
		FUZZ_ASSERT(r != CX_STAT_ERROR, "the test of a valid state is no error");
		if (r == CX_STAT_VALUE)
			FUZZ_ASSERT(p >= 0.0 && p <= 1.0, "p-value in [0, 1]");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CxChange	c,
				back,
				twice;
	CxError		err;
	char		text[CX_CHANGE_TEXT_MAX];
	unsigned char wire[CX_CHANGE_WIRE_LEN];
	int			len;

	/* the same bytes as a binary value: accepted only if valid */
	fuzz_poison_error(&err);
	if (cx_change_decode(data, size, &c, &err))
	{
		FUZZ_ASSERT(size == CX_CHANGE_WIRE_LEN, "only a full-length value decodes");
		FUZZ_ASSERT(cx_change_validate(&c, &err), "decoded state is valid");
		cx_change_encode(&c, wire);
		FUZZ_ASSERT(memcmp(wire, data, size) == 0, "binary re-encodes to the same bytes");
	}
	else
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_BINARY, "bad binary input is a binary error");
	}

	fuzz_poison_error(&err);
	if (!cx_change_parse((const char *) data, size, &c, &err))
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_SYNTAX || err.status == CX_ERR_RANGE,
					"bad text is a syntax or range error");
		return 0;
	}
	FUZZ_ASSERT(cx_change_validate(&c, &err), "parsed state is valid");

	len = cx_change_format(&c, text, sizeof(text));
	FUZZ_ASSERT(len > 0 && len < (int) sizeof(text), "text fits CX_CHANGE_TEXT_MAX");
	FUZZ_ASSERT(cx_change_parse(text, (size_t) len, &back, &err), "printed state parses");
	FUZZ_ASSERT(memcmp(&c, &back, sizeof(c)) == 0, "text round trip");

	cx_change_encode(&c, wire);
	FUZZ_ASSERT(cx_change_decode(wire, sizeof(wire), &back, &err), "encoded state decodes");
	FUZZ_ASSERT(memcmp(&c, &back, sizeof(c)) == 0, "binary round trip");

	FUZZ_ASSERT(cx_change_moved_up(&c) + cx_change_moved_down(&c) + cx_change_unchanged(&c) ==
				cx_change_total(&c), "moves add up to the pairs");

	twice = c;
	if (cx_change_combine(&twice, &c, &err))
	{
		for (int b = 0; b < CX_NCATEGORIES; b++)
			for (int a = 0; a < CX_NCATEGORIES; a++)
				FUZZ_ASSERT(twice.count[b][a] == 2 * c.count[b][a], "combine doubles each count");
		FUZZ_ASSERT(twice.metric == c.metric, "combine keeps the metric");
		FUZZ_ASSERT(cx_change_validate(&twice, &err), "combined state is valid");
	}
	else
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_OVERFLOW, "combine with itself fails only by overflow");
		FUZZ_ASSERT(cx_change_total(&c) > INT64_MAX / 2, "overflow only when the doubled total exceeds 64 bits");
	}
	check_statistics(&c);
	return 0;
}
