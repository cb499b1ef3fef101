/*
 * Properties every accepted feedback_summary must have, whichever decoder
 * accepted it: shared by the text, wire and stored-form harnesses.
 */
#ifndef CX_SUMMARY_PROPS_H
#define CX_SUMMARY_PROPS_H

#include "fuzz.h"
#include "cx_stats.h"
#include "cx_summary.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

/* Encode s in every form, decode each, and demand the same summary. */
static void
summary_check_round_trips(const CxSummary *s)
{
	static char text[CX_SUMMARY_TEXT_MAX];
	static char text2[CX_SUMMARY_TEXT_MAX];
	static unsigned char wire[CX_SUMMARY_WIRE_MAX];
	static unsigned char compact[CX_SUMMARY_COMPACT_MAX];
	static unsigned char raw[CX_SUMMARY_RAW_LEN(1)];
	CxSummary	back;
	CxError		err;
	size_t		n;
	size_t		n2;

	n = cx_summary_format(s, text, sizeof(text));
	FUZZ_ASSERT(n > 0 && n < sizeof(text) && text[n] == '\0', "text fits CX_SUMMARY_TEXT_MAX");
	fuzz_poison_error(&err);
	memset(&back, 0x55, sizeof(back));
	FUZZ_ASSERT(cx_summary_parse(text, n, &back, &err), "printed summary parses");
	FUZZ_ASSERT(cx_summary_equal(s, &back), "text round trip");
	n2 = cx_summary_format(&back, text2, sizeof(text2));
	FUZZ_ASSERT(n2 == n && memcmp(text, text2, n) == 0, "text form is canonical");

	n = cx_summary_wire_size(s);
	FUZZ_ASSERT(n <= sizeof(wire), "wire form fits CX_SUMMARY_WIRE_MAX");
	FUZZ_ASSERT(cx_summary_encode_wire(s, wire) == n, "wire size is what encode writes");
	memset(&back, 0x55, sizeof(back));
	FUZZ_ASSERT(cx_summary_decode_wire((const char *) wire, n, &back, &err), "wire form decodes");
	FUZZ_ASSERT(cx_summary_equal(s, &back), "wire round trip");

	n = cx_summary_compact_size(s);
	FUZZ_ASSERT(n <= sizeof(compact), "compact form fits CX_SUMMARY_COMPACT_MAX");
	FUZZ_ASSERT(cx_summary_encode_compact(s, compact) == n, "compact size is what encode writes");
	memset(&back, 0x55, sizeof(back));
	FUZZ_ASSERT(cx_summary_decode((const char *) compact, n, &back, &err), "compact form decodes");
	FUZZ_ASSERT(cx_summary_equal(s, &back), "compact round trip");

	/* the single-scale state holds an unweighted summary of one scale */
	if (!(s->flags & CX_SUMMARY_WEIGHTED))
	{
		int			bucket = -1;
		bool		fits = true;
		int32_t		counts[CX_NSLOTS];

		for (int b = 0; b < CX_NBUCKETS; b++)
			if (cx_summary_bucket_count(s, b) != 0)
				bucket = bucket == -1 ? b : -2;
		if (bucket >= 0)
		{
			for (int i = 0; i < cx_buckets[bucket].npoints; i++)
			{
				int64_t		c = s->count[cx_buckets[bucket].first_slot + i];

				fits = fits && c <= INT32_MAX;
				counts[i] = (int32_t) c;
			}
			if (fits)
			{
				cx_summary_encode_raw_one(bucket, counts, raw);
				memset(&back, 0x55, sizeof(back));
				FUZZ_ASSERT(cx_summary_decode((const char *) raw, CX_SUMMARY_RAW_ONE_LEN(bucket),
											  &back, &err),
							"single-scale raw form decodes");
				FUZZ_ASSERT(cx_summary_equal(s, &back), "single-scale raw round trip");
			}
		}
	}

	n = CX_SUMMARY_RAW_LEN(s->flags & CX_SUMMARY_WEIGHTED);
	cx_summary_encode_raw(s, raw);
	memset(&back, 0x55, sizeof(back));
	FUZZ_ASSERT(cx_summary_decode((const char *) raw, n, &back, &err), "raw form decodes");
	FUZZ_ASSERT(cx_summary_equal(s, &back), "raw round trip");
}

/* Merging s into a copy of itself doubles it exactly or reports overflow. */
static void
summary_check_merge(const CxSummary *s)
{
	CxSummary	twice = *s;
	CxError		err;
	bool		big = cx_summary_total(s) > INT64_MAX / 2;

	fuzz_poison_error(&err);
	if (cx_summary_merge(&twice, s, &err))
	{
		FUZZ_ASSERT(!big, "a total beyond 2^62 cannot double");
		for (int i = 0; i < CX_NSLOTS; i++)
		{
			FUZZ_ASSERT(twice.count[i] == 2 * s->count[i], "merge doubles each count");
			if (s->flags & CX_SUMMARY_WEIGHTED)
				FUZZ_ASSERT(twice.wsum[i] == 2 * s->wsum[i], "merge doubles each weight sum");
		}
		FUZZ_ASSERT(twice.flags == s->flags, "merge keeps the flags");
		FUZZ_ASSERT(cx_summary_problem(&twice) == NULL, "merged summary is valid");
	}
	else
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_OVERFLOW, "merge fails only by overflow");
		FUZZ_ASSERT(memcmp(&twice, s, sizeof(twice)) == 0, "a failed merge leaves its target alone");
		if (!big)
		{
			bool		weight_overflows = false;
			double		all = 0;

			/* the weight sums of all slots together must stay finite */
			for (int i = 0; i < CX_NSLOTS; i++)
			{
				if (isinf(2 * s->wsum[i]))
					weight_overflows = true;
				all += 2 * s->wsum[i];
			}
			if (!(all <= DBL_MAX))
				weight_overflows = true;
			for (int b = 0; b < CX_NBUCKETS; b++)
				if (isinf(2 * s->wsq[b]))
					weight_overflows = true;
			FUZZ_ASSERT(weight_overflows, "overflow reported only when a doubled sum overflows");
		}
	}
}

/* Results lie in their documented ranges. */
static void
summary_check_results(const CxSummary *s)
{
	double		r;
	bool		isnull;
	CxError		err;

	if (cx_summary_nps(s, &r))
		FUZZ_ASSERT(r >= -100.0 && r <= 100.0, "NPS within -100..100");
	if (cx_summary_csat(s, &r))
		FUZZ_ASSERT(r >= 0.0 && r <= 100.0, "CSAT within 0..100");
	fuzz_poison_error(&err);
	if (cx_summary_ces(s, &r, &isnull, &err))
	{
		if (!isnull)
			FUZZ_ASSERT(r >= 1.0 * (1 - 1e-12) && r <= 7.0 * (1 + 1e-12), "CES mean within 1..7");
	}
	else
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_MIXED_SCALE || err.status == CX_ERR_OVERFLOW,
					"CES fails only for mixed scales or overflow");
	}
	for (int m = CX_METRIC_NPS; m <= CX_METRIC_MAX; m++)
	{
		int64_t		by_category = 0;

		for (int c = 0; c < CX_NCATEGORIES; c++)
		{
			int64_t		n = cx_summary_category_count(s, (CxMetric) m, (CxCategory) c);

			FUZZ_ASSERT(n >= 0, "category counts are not negative");
			by_category += n;
		}
		FUZZ_ASSERT(by_category == cx_summary_metric_count(s, (CxMetric) m),
					"categories partition a metric's responses");
	}
}

/*
 * Subtraction undoes merging: s - s is the empty summary, s - {} is s, and
 * (s + s) - s holds s's counts exactly and its weights to round-off; s
 * less a summary holding one response more is refused.
 */
static void
summary_check_difference(const CxSummary *s)
{
	CxSummary	out,
				empty,
				twice = *s,
				more = *s;
	CxError		err;

	cx_summary_init(&empty);
	fuzz_poison_error(&err);
	FUZZ_ASSERT(cx_summary_difference(s, s, &out, &err), "s - s succeeds");
	FUZZ_ASSERT(cx_summary_total(&out) == 0 && out.flags == 0 && cx_summary_problem(&out) == NULL,
				"s - s is the canonical empty summary");
	FUZZ_ASSERT(cx_summary_difference(s, &empty, &out, &err) && cx_summary_equal(&out, s),
				"s - {} is s");
	if (cx_summary_merge(&twice, s, &err))
	{
		FUZZ_ASSERT(cx_summary_difference(&twice, s, &out, &err), "(s + s) - s succeeds");
		FUZZ_ASSERT(memcmp(out.count, s->count, sizeof(out.count)) == 0, "(s + s) - s: exact counts");
		FUZZ_ASSERT(cx_summary_problem(&out) == NULL, "(s + s) - s is valid");
		if (s->flags & CX_SUMMARY_WEIGHTED)
			for (int i = 0; i < CX_NSLOTS; i++)
				FUZZ_ASSERT(fabs(out.wsum[i] - s->wsum[i]) <= 1e-9 * twice.wsum[i],
							"(s + s) - s: weights to round-off");
	}
	for (int i = 0; i < CX_NSLOTS; i++)
		if (more.count[i] < INT64_MAX / 2)
		{
			more.count[i]++;
			fuzz_poison_error(&err);
			out = *s;
			FUZZ_ASSERT(!cx_summary_difference(s, &more, &out, &err), "a larger part is refused");
			fuzz_check_error(&err);
			FUZZ_ASSERT(err.status == CX_ERR_PARAMETER && cx_summary_equal(&out, s),
						"refused with 22023, output untouched");
			break;
		}
}

/* The JSON report of any summary fits its bound and is not cut short. */
static void
summary_check_json(const CxSummary *s)
{
	static char json[CX_SUMMARY_JSON_MAX];
	size_t		n = cx_summary_json(s, json, sizeof(json));

	FUZZ_ASSERT(n > 0 && n < sizeof(json) && json[n] == '\0' && json[n - 1] == '}',
				"JSON report fits CX_SUMMARY_JSON_MAX");
	FUZZ_ASSERT(strstr(json, "nan") == NULL && strstr(json, "inf") == NULL,
				"JSON report holds no NaN or infinity");
}

/* Everything an accepted summary must satisfy. */
static void
summary_check_accepted(const CxSummary *s)
{
	const char *problem = cx_summary_problem(s);

	if (problem != NULL)
		fprintf(stderr, "invalid summary accepted: %s\n", problem);
	FUZZ_ASSERT(problem == NULL, "accepted summary is valid");
	summary_check_round_trips(s);
	summary_check_merge(s);
	summary_check_results(s);
	summary_check_difference(s);
	summary_check_json(s);
}

#endif
