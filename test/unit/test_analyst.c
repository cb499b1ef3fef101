/*
 * Unit tests of the 0.2.0 analyst statistics in the pure core: summary
 * subtraction (cx_summary_difference), CSAT and CES difference intervals,
 * tests against the rest, margins and sample sizes, response rates,
 * Holm and Benjamini-Hochberg adjustment and the JSON report.
 *
 * Expected values are worked by hand from the formulas in the comments
 * (z = 1.959963984540054 for 95 %), or are independent computations in the
 * test (plain count arrays, the existing two-sample tests on a rest built
 * by hand).  test/reference/stats_ref.py checks the same functions on
 * generated data through SQL.
 */
#include "unit.h"

#include <float.h>
#include <inttypes.h>
#include <stdlib.h>

#include "cx_stats.h"

#define Z975 1.959963984540054235524594430520551504070

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static void
put(CxSummary *s, int bucket, int score, int64_t count)
{
	s->count[cx_slot_of(bucket, score)] += count;
}

/* count responses of one weight each (keeps the summary valid) */
static void
put_weighted(CxSummary *s, int bucket, int score, int64_t count, double weight)
{
	CxError		err;

	for (int64_t i = 0; i < count; i++)
		cx_summary_add_weighted(s, cx_slot_of(bucket, score), weight, &err);
}

/* ---- subtraction --------------------------------------------------- */

static void
test_difference_unweighted(void)
{
	CxSummary	a,
				b,
				sum,
				out;
	CxError		err;
	int			exact = 0,
				valid = 0;

	/* (a + b) - b == a and (a + b) - a == b, for random summaries */
	for (int round = 0; round < 200; round++)
	{
		cx_summary_init(&a);
		cx_summary_init(&b);
		for (int slot = 0; slot < CX_NSLOTS; slot++)
		{
			if (rng() % 3 == 0)
				a.count[slot] = (int64_t) (rng() % 1000);
			if (rng() % 3 == 0)
				b.count[slot] = (int64_t) (rng() % (round % 2 ? 1000000007 : 7));
		}
		sum = a;
		cx_summary_merge(&sum, &b, &err);
		if (cx_summary_difference(&sum, &b, &out, &err) && cx_summary_equal(&out, &a) &&
			cx_summary_difference(&sum, &a, &out, &err) && cx_summary_equal(&out, &b))
			exact++;
		if (cx_summary_problem(&out) == NULL)
			valid++;
	}
	CHECK(exact == 200, "(a + b) - b = a exactly, 200 random unweighted pairs (%d)", exact);
	CHECK(valid == 200, "every difference is a valid summary");

	cx_summary_init(&a);
	put(&a, CX_BUCKET_NPS, 9, 3);
	put(&a, CX_BUCKET_NPS, 0, 1);
	cx_summary_init(&b);
	put(&b, CX_BUCKET_NPS, 9, 3);
	CHECK(cx_summary_difference(&a, &b, &out, &err) && out.count[cx_slot_of(0, 9)] == 0 &&
		  out.count[cx_slot_of(0, 0)] == 1 && cx_summary_total(&out) == 1,
		  "{9: 3, 0: 1} - {9: 3} = {0: 1}");
	CHECK(cx_summary_difference(&a, &a, &out, &err) && cx_summary_total(&out) == 0 &&
		  out.flags == 0, "a - a is empty");
	/* aliasing: out may be total */
	out = a;
	CHECK(cx_summary_difference(&out, &b, &out, &err) && cx_summary_total(&out) == 1,
		  "out may be the total itself");

	put(&b, CX_BUCKET_NPS, 9, 1);
	out = a;
	CHECK(!cx_summary_difference(&a, &b, &out, &err) && err.status == CX_ERR_PARAMETER &&
		  strstr(err.message, "not contained") != NULL &&
		  strstr(err.detail, "4 responses of nps score 9, the total 3") != NULL,
		  "a count of the part above the total's: error naming the score (%s)", err.detail);
	CHECK(cx_summary_equal(&out, &a), "out unchanged on error");

	cx_summary_init(&b);
	put(&b, CX_BUCKET_CSAT7, 7, 1);
	CHECK(!cx_summary_difference(&a, &b, &out, &err) && err.status == CX_ERR_PARAMETER &&
		  strstr(err.detail, "csat/7 responses and the total holds none") != NULL,
		  "a scale the total lacks: error naming it (%s)", err.detail);

	/* the total minus an empty part is the total */
	cx_summary_init(&b);
	CHECK(cx_summary_difference(&a, &b, &out, &err) && cx_summary_equal(&out, &a),
		  "a - {} = a");
}

static void
test_difference_weighted(void)
{
	CxSummary	a,
				b,
				sum,
				out;
	CxError		err;
	int			close = 0;
	double		worst = 0.0;

	/*
	 * (a + b) - b against a, for random weighted summaries: counts exact,
	 * weight sums within round-off of a's (not necessarily equal: the sums
	 * were formed in another order).
	 */
	for (int round = 0; round < 200; round++)
	{
		bool		ok = true;

		cx_summary_init(&a);
		cx_summary_init(&b);
		for (int i = 0; i < 40; i++)
		{
			int			slot = (int) (rng() % CX_NSLOTS);
			double		w = (double) (rng() % 10000) / 997.0;

			cx_summary_add_weighted(i % 2 ? &a : &b, slot, w, &err);
		}
		sum = a;
		cx_summary_merge(&sum, &b, &err);
		if (!cx_summary_difference(&sum, &b, &out, &err) ||
			memcmp(out.count, a.count, sizeof(a.count)) != 0 ||
			cx_summary_problem(&out) != NULL)
			ok = false;
		for (int slot = 0; ok && slot < CX_NSLOTS; slot++)
		{
			double		d = fabs(out.wsum[slot] - a.wsum[slot]);

			worst = fmax(worst, d / fmax(sum.wsum[slot], 1e-300));
			if (d > 1e-12 * sum.wsum[slot])
				ok = false;
		}
		for (int bk = 0; ok && bk < CX_NBUCKETS; bk++)
			if (fabs(out.wsq[bk] - a.wsq[bk]) > 1e-12 * sum.wsq[bk])
				ok = false;
		close += ok;
	}
	CHECK(close == 200, "weighted (a + b) - b = a: exact counts, weights to 1e-12 (%d of 200; worst %.3g)",
		  close, worst);

	/* a weighted total less itself is the canonical empty summary */
	CHECK(cx_summary_difference(&sum, &sum, &out, &err) && out.flags == 0 &&
		  cx_summary_total(&out) == 0 && cx_summary_problem(&out) == NULL,
		  "weighted s - s is the empty, unweighted summary");

	/* round-off: 0.1 + 0.2 in the total, 0.3 taken out of its 2 responses */
	cx_summary_init(&a);
	put_weighted(&a, CX_BUCKET_NPS, 10, 1, 0.1);
	put_weighted(&a, CX_BUCKET_NPS, 10, 1, 0.2);
	cx_summary_init(&b);
	put_weighted(&b, CX_BUCKET_NPS, 10, 2, 0.15);	/* 0.3 in all */
	b.wsum[cx_slot_of(0, 10)] = 0.30000000000000004 + 1e-16;
	b.wsq[0] = a.wsq[0] * (1 + 1e-15);
	CHECK(cx_summary_difference(&a, &b, &out, &err) && out.wsum[cx_slot_of(0, 10)] == 0.0 &&
		  !signbit(out.wsum[cx_slot_of(0, 10)]) && cx_summary_total(&out) == 0,
		  "leftover weight within 1e-9 where no response is left becomes +0");

	/* a part taking less weight than the count says: rest keeps the weight */
	cx_summary_init(&a);
	put_weighted(&a, CX_BUCKET_CSAT5, 5, 3, 2.0);
	cx_summary_init(&b);
	put_weighted(&b, CX_BUCKET_CSAT5, 5, 1, 0.5);
	CHECK(cx_summary_difference(&a, &b, &out, &err) && out.count[cx_slot_of(CX_BUCKET_CSAT5, 5)] == 2 &&
		  out.wsum[cx_slot_of(CX_BUCKET_CSAT5, 5)] == 5.5 && out.wsq[CX_BUCKET_CSAT5] == 11.75,
		  "weights and squared weights subtract: 6 - 0.5 = 5.5, 12 - 0.25 = 11.75");

	/* the part's weight exceeds the total's */
	cx_summary_init(&b);
	put_weighted(&b, CX_BUCKET_CSAT5, 5, 1, 6.5);
	CHECK(!cx_summary_difference(&a, &b, &out, &err) && err.status == CX_ERR_PARAMETER &&
		  strstr(err.detail, "weight of csat/5 score 5 is 6.5, more than the total's 6") != NULL,
		  "part's weight above the total's: error (%s)", err.detail);

	/* every response taken, but not all of their weight */
	cx_summary_init(&b);
	put_weighted(&b, CX_BUCKET_CSAT5, 5, 3, 1.0);
	CHECK(!cx_summary_difference(&a, &b, &out, &err) && err.status == CX_ERR_PARAMETER &&
		  strstr(err.detail, "every response of csat/5 score 5") != NULL,
		  "all responses but not all weight: error (%s)", err.detail);

	/* weighted total, unweighted part: weight 1 per response */
	cx_summary_init(&b);
	put(&b, CX_BUCKET_CSAT5, 5, 1);
	CHECK(cx_summary_difference(&a, &b, &out, &err) && (out.flags & CX_SUMMARY_WEIGHTED) &&
		  out.wsum[cx_slot_of(CX_BUCKET_CSAT5, 5)] == 5.0 && out.wsq[CX_BUCKET_CSAT5] == 11.0,
		  "unweighted part counts weight 1 per response");

	/* unweighted total, weighted part of weights 1: fine; of weight 2: not */
	cx_summary_init(&a);
	put(&a, CX_BUCKET_NPS, 7, 4);
	cx_summary_init(&b);
	put_weighted(&b, CX_BUCKET_NPS, 7, 2, 1.0);
	CHECK(cx_summary_difference(&a, &b, &out, &err) && out.count[cx_slot_of(0, 7)] == 2 &&
		  out.wsum[cx_slot_of(0, 7)] == 2.0 && cx_summary_problem(&out) == NULL,
		  "unweighted total less a weight-1 part: weighted rest of weight 2");
	cx_summary_init(&b);
	put_weighted(&b, CX_BUCKET_NPS, 7, 3, 2.0);
	CHECK(!cx_summary_difference(&a, &b, &out, &err) && err.status == CX_ERR_PARAMETER,
		  "unweighted total less a heavier part: error");

	/* squared weights: same counts and weights but a larger wsq */
	cx_summary_init(&a);
	put_weighted(&a, CX_BUCKET_NPS, 9, 2, 1.0);
	b = a;
	b.count[cx_slot_of(0, 9)] = 1;
	b.wsum[cx_slot_of(0, 9)] = 1.0;
	b.wsq[0] = 3.0;
	CHECK(!cx_summary_difference(&a, &b, &out, &err) &&
		  strstr(err.detail, "squared survey weights of nps") != NULL,
		  "part's squared-weight sum above the total's: error (%s)", err.detail);
}

/* ---- difference intervals and tests against the rest --------------- */

static void
test_differences(void)
{
	CxSummary	a,
				b,
				rest,
				total;
	CxError		err;
	double		lo = 0,
				hi = 0,
				p = 0,
				want = 0;

	/*
	 * CSAT: a 3 of 4 satisfied, b 1 of 4.  diff 0.5, variance
	 * .75 .25 / 4 + .25 .75 / 4 = 0.09375.
	 */
	cx_summary_init(&a);
	put(&a, CX_BUCKET_CSAT5, 5, 3);
	put(&a, CX_BUCKET_CSAT5, 1, 1);
	cx_summary_init(&b);
	put(&b, CX_BUCKET_CSAT5, 4, 1);
	put(&b, CX_BUCKET_CSAT5, 3, 3);
	CHECK(cx_csat_diff_interval(&a, &b, 0.95, &lo, &hi, &err) == CX_STAT_VALUE, "csat diff: value");
	CHECK_CLOSE(lo, 100 * (0.5 - Z975 * sqrt(0.09375)), 1e-13, "csat diff lower, 3/4 vs 1/4");
	CHECK_CLOSE(hi, 100 * (0.5 + Z975 * sqrt(0.09375)), 1e-13, "csat diff upper, 3/4 vs 1/4");
	cx_summary_init(&rest);
	put(&rest, CX_BUCKET_NPS, 9, 1);
	CHECK(cx_csat_diff_interval(&a, &rest, 0.95, &lo, &hi, &err) == CX_STAT_NULL,
		  "csat diff: NULL when one side has no CSAT");
	CHECK(cx_csat_diff_interval(&a, &b, 1.0, &lo, &hi, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_PARAMETER, "csat diff: confidence 1 is an error");

	/*
	 * CES: a {1, 3}, b {2, 4} on 5 points.  Means 2 and 3, variances 2,
	 * s^2/n = 1 each, Welch df = 4 / (1 + 1) = 2; t(0.975, 2) =
	 * 0.95 / sqrt(2 * 0.975 * 0.025) (closed form for 2 df).
	 */
	cx_summary_init(&a);
	put(&a, CX_BUCKET_CES5, 1, 1);
	put(&a, CX_BUCKET_CES5, 3, 1);
	cx_summary_init(&b);
	put(&b, CX_BUCKET_CES5, 2, 1);
	put(&b, CX_BUCKET_CES5, 4, 1);
	CHECK(cx_ces_diff_interval(&a, &b, 0.95, &lo, &hi, &err) == CX_STAT_VALUE, "ces diff: value");
	want = 0.95 / sqrt(2 * 0.975 * 0.025) * sqrt(2.0);
	CHECK_CLOSE(lo, -1 - want, 1e-12, "ces diff lower, {1,3} vs {2,4}, 2 df");
	CHECK_CLOSE(hi, -1 + want, 1e-12, "ces diff upper, {1,3} vs {2,4}, 2 df");
	cx_summary_init(&b);
	put(&b, CX_BUCKET_CES7, 2, 2);
	CHECK(cx_ces_diff_interval(&a, &b, 0.95, &lo, &hi, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_MIXED_SCALE, "ces diff: 5- against 7-point scale is an error");
	cx_summary_init(&b);
	put(&b, CX_BUCKET_CES5, 2, 5);
	cx_summary_init(&rest);
	put(&rest, CX_BUCKET_CES5, 4, 3);
	CHECK(cx_ces_diff_interval(&b, &rest, 0.95, &lo, &hi, &err) == CX_STAT_NULL,
		  "ces diff: NULL when both variances are 0");
	cx_summary_init(&rest);
	put(&rest, CX_BUCKET_CES5, 4, 1);
	CHECK(cx_ces_diff_interval(&a, &rest, 0.95, &lo, &hi, &err) == CX_STAT_NULL,
		  "ces diff: NULL with one response on a side");

	/* against the rest: the test of segment against a rest built by hand */
	cx_summary_init(&a);
	put(&a, CX_BUCKET_NPS, 10, 5);
	put(&a, CX_BUCKET_NPS, 2, 1);
	put(&a, CX_BUCKET_CSAT5, 5, 4);
	put(&a, CX_BUCKET_CSAT5, 2, 2);
	put(&a, CX_BUCKET_CES7, 7, 3);
	put(&a, CX_BUCKET_CES7, 4, 2);
	cx_summary_init(&rest);
	put(&rest, CX_BUCKET_NPS, 10, 4);
	put(&rest, CX_BUCKET_NPS, 8, 6);
	put(&rest, CX_BUCKET_NPS, 2, 5);
	put(&rest, CX_BUCKET_CSAT5, 5, 3);
	put(&rest, CX_BUCKET_CSAT5, 1, 7);
	put(&rest, CX_BUCKET_CES7, 6, 4);
	put(&rest, CX_BUCKET_CES7, 1, 3);
	total = a;
	cx_summary_merge(&total, &rest, &err);
	cx_nps_test(&a, &rest, &want);
	CHECK(cx_test_vs_rest(CX_METRIC_NPS, &a, &total, &p, &err) == CX_STAT_VALUE && p == want,
		  "nps vs rest = nps_test(segment, rest) exactly (%.17g)", p);
	cx_csat_test(&a, &rest, &want);
	CHECK(cx_test_vs_rest(CX_METRIC_CSAT, &a, &total, &p, &err) == CX_STAT_VALUE && p == want,
		  "csat vs rest = csat_test(segment, rest) exactly (%.17g)", p);
	cx_ces_test(&a, &rest, &want, &err);
	CHECK(cx_test_vs_rest(CX_METRIC_CES, &a, &total, &p, &err) == CX_STAT_VALUE && p == want,
		  "ces vs rest = ces_test(segment, rest) exactly (%.17g)", p);
	CHECK(cx_test_vs_rest(CX_METRIC_NPS, &total, &total, &p, &err) == CX_STAT_NULL,
		  "the whole against an empty rest: NULL");
	CHECK(cx_test_vs_rest(CX_METRIC_NPS, &total, &a, &p, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_PARAMETER, "a segment larger than the total: error");
}

/* ---- margins and sample sizes -------------------------------------- */

static void
test_planning(void)
{
	CxSummary	s;
	CxError		err;
	int64_t		n = -1;
	double		v = 0,
				z2 = Z975 * Z975;

	/*
	 * MeasuringU's NPS example shares: 50 % promoters, 20 % detractors,
	 * s^2 = 0.5 + 0.2 - 0.3^2 = 0.61; +/-5 points: z^2 0.61 / 0.05^2 - 3 =
	 * 3.8414588 * 244 - 3 = 934.316 -> 935.
	 */
	CHECK(cx_nps_sample_size(5, 0.5, 0.2, 0.95, &n, &err) && n == 935,
		  "nps sample size 5 points, 50/20 %% -> 935 (%" PRId64 ")", n);
	/* 90 %: z = 1.644853626951472, z^2 = 2.705543454095; 2.7055 * 244 - 3 = 657.15 */
	CHECK(cx_nps_sample_size(5, 0.5, 0.2, 0.90, &n, &err) && n == 658,
		  "nps sample size at 90 %% -> 658 (%" PRId64 ")", n);
	/* everyone a promoter: s^2 = 0, 0 - 3 -> 0 */
	CHECK(cx_nps_sample_size(5, 1.0, 0.0, 0.95, &n, &err) && n == 0,
		  "nps sample size with no variance is 0");
	CHECK(cx_nps_sample_size(1e-300, 0.5, 0.2, 0.95, &n, &err) == false &&
		  err.status == CX_ERR_RANGE, "a margin too small for 64 bits: range error");
	CHECK(cx_nps_sample_size(1e-300, 1.0, 0.0, 0.95, &n, &err) && n == 0,
		  "no variance: 0 even for a vanishing margin");
	CHECK(!cx_nps_sample_size(0, 0.5, 0.2, 0.95, &n, &err) && err.status == CX_ERR_PARAMETER,
		  "margin 0: error");
	CHECK(!cx_nps_sample_size(NAN, 0.5, 0.2, 0.95, &n, &err) && err.status == CX_ERR_PARAMETER,
		  "margin NaN: error");
	CHECK(!cx_nps_sample_size(5, 0.7, 0.4, 0.95, &n, &err) && err.status == CX_ERR_PARAMETER,
		  "shares adding up to 1.1: error");
	CHECK(!cx_nps_sample_size(5, -0.1, 0.4, 0.95, &n, &err) && err.status == CX_ERR_PARAMETER,
		  "negative share: error");
	CHECK(cx_nps_sample_size(5, 0.7, 0.3, 0.95, &n, &err),
		  "shares 0.7 + 0.3 are accepted whatever their rounding");
	CHECK(!cx_nps_sample_size(5, 0.5, 0.2, 1.5, &n, &err) &&
		  strstr(err.message, "confidence") != NULL, "confidence 1.5: error");

	/* CSAT at 80 %: z^2 (0.16 / 0.0025 - 1) = 63 z^2 = 242.01 -> 243 */
	CHECK(cx_csat_sample_size(5, 0.8, 0.95, &n, &err) && n == 243,
		  "csat sample size 5 points at 80 %% -> 243 (%" PRId64 ")", n);
	CHECK(cx_csat_sample_size(5, 1.0, 0.95, &n, &err) && n == 0, "csat everyone satisfied: 0");
	CHECK(!cx_csat_sample_size(5, 1.2, 0.95, &n, &err) && err.status == CX_ERR_PARAMETER,
		  "satisfied share 1.2: error");

	/*
	 * The integer rule: a margin chosen so that z^2 0.25 / m^2 - z^2 is
	 * 1000 within round-off must give 1000, not 1001.
	 */
	CHECK(cx_csat_sample_size(100.0 * sqrt(0.25 * z2 / (1000.0 + z2)), 0.5, 0.95, &n, &err) &&
		  n == 1000, "a size that is an integer up to round-off is not rounded up (%" PRId64 ")", n);

	/*
	 * Margins.  NPS 6 promoters, 3 passives, 1 detractor: adjusted n = 13,
	 * shares 6.75, 4.5, 1.75 (/13), variance 4.5 * 8.5 + 4 * 6.75 * 1.75 =
	 * 85.5 (/169); margin 100 z sqrt(85.5 / 169 / 13).
	 */
	cx_summary_init(&s);
	put(&s, CX_BUCKET_NPS, 9, 6);
	put(&s, CX_BUCKET_NPS, 8, 3);
	put(&s, CX_BUCKET_NPS, 0, 1);
	CHECK(cx_nps_margin(&s, 0.95, &v, &err) == CX_STAT_VALUE, "nps margin: value");
	CHECK_CLOSE(v, 100 * Z975 * sqrt(85.5 / 2197.0), 1e-13, "nps margin 6/3/1 by hand");
	CHECK(cx_nps_sample_size_of(5, &s, 0.95, &n, &err) == CX_STAT_VALUE && n == 689,
		  "nps sample size at the summary's shares .6/.1: 180 z^2 - 3 = 688.46 -> 689 (%" PRId64 ")", n);

	/*
	 * CSAT 7 of 8 satisfied: n~ = 8 + z^2, p~ = (7 + z^2/2) / n~,
	 * q~ = (1 + z^2/2) / n~; margin 100 z sqrt(p~ q~ / n~).
	 */
	cx_summary_init(&s);
	put(&s, CX_BUCKET_CSAT5, 5, 7);
	put(&s, CX_BUCKET_CSAT5, 1, 1);
	{
		double		nt = 8 + z2,
					pt = (7 + z2 / 2) / nt,
					qt = (1 + z2 / 2) / nt;

		CHECK(cx_csat_margin(&s, 0.95, &v, &err) == CX_STAT_VALUE, "csat margin: value");
		CHECK_CLOSE(v, 100 * Z975 * sqrt(pt * qt / nt), 1e-13, "csat margin 7 of 8 by hand");
	}
	{
		double		lo = 0,
					hi = 0;

		cx_csat_interval(&s, 0.95, CX_CI_WILSON, &lo, &hi, &err);
		CHECK((hi - lo) / 2 <= v, "the Agresti-Coull margin is no smaller than the Wilson half width");
	}
	cx_summary_init(&s);
	put(&s, CX_BUCKET_CES7, 7, 1);
	CHECK(cx_nps_margin(&s, 0.95, &v, &err) == CX_STAT_NULL, "nps margin without NPS: NULL");
	CHECK(cx_csat_sample_size_of(5, &s, 0.95, &n, &err) == CX_STAT_NULL,
		  "csat sample size without CSAT: NULL");
	CHECK(cx_csat_sample_size_of(-5, &s, 0.95, &n, &err) == CX_STAT_ERROR,
		  "a bad margin is an error even without data");
	CHECK(cx_nps_margin(&s, 0, &v, &err) == CX_STAT_ERROR, "nps margin confidence 0: error");
}

/* ---- response rates ------------------------------------------------ */

static void
test_response_rate(void)
{
	CxError		err;
	double		v = 0,
				lo = 0,
				hi = 0;
	double		z2 = Z975 * Z975;

	CHECK(cx_response_rate(30, 120, &v, &err) == CX_STAT_VALUE && v == 25.0, "30 of 120 = 25 %%");
	CHECK(cx_response_rate(0, 0, &v, &err) == CX_STAT_NULL, "0 of 0: NULL");
	CHECK(cx_response_rate(0, 10, &v, &err) == CX_STAT_VALUE && v == 0.0, "0 of 10: 0 %%");
	CHECK(cx_response_rate(11, 10, &v, &err) == CX_STAT_ERROR && err.status == CX_ERR_PARAMETER &&
		  strstr(err.message, "exceed") != NULL, "11 of 10: error");
	CHECK(cx_response_rate(1, 0, &v, &err) == CX_STAT_ERROR, "1 of 0: error, not NULL");
	CHECK(cx_response_rate(0, -1, &v, &err) == CX_STAT_ERROR &&
		  strstr(err.message, "invitations must not be negative") != NULL, "negative invitations: error");
	CHECK(cx_response_rate(-1, 5, &v, &err) == CX_STAT_ERROR &&
		  strstr(err.message, "responses must not be negative") != NULL, "negative responses: error");

	/*
	 * Wilson, 30 of 120: p = 1/4, n = 120; centre (p + z^2/240) / (1 +
	 * z^2/120), half z sqrt(p q / 120 + z^2 / 57600) / (1 + z^2/120).
	 */
	CHECK(cx_response_rate_interval(30, 120, 0.95, &lo, &hi, &err) == CX_STAT_VALUE, "rate ci: value");
	{
		double		d = 1 + z2 / 120,
					c = (0.25 + z2 / 240) / d,
					h = Z975 * sqrt(0.1875 / 120 + z2 / 57600) / d;

		CHECK_CLOSE(lo, 100 * (c - h), 1e-13, "rate ci lower, 30 of 120");
		CHECK_CLOSE(hi, 100 * (c + h), 1e-13, "rate ci upper, 30 of 120");
	}
	CHECK(cx_response_rate_interval(0, 50, 0.95, &lo, &hi, &err) == CX_STAT_VALUE && lo == 0.0 &&
		  hi > 0.0, "0 of 50: interval from exactly 0");
	CHECK(cx_response_rate_interval(50, 50, 0.95, &lo, &hi, &err) == CX_STAT_VALUE && hi == 100.0 &&
		  lo < 100.0, "50 of 50: interval up to exactly 100");
	CHECK(cx_response_rate_interval(5, 4, 0.95, &lo, &hi, &err) == CX_STAT_ERROR, "rate ci 5 of 4: error");
	CHECK(cx_response_rate_interval(1, 4, -1, &lo, &hi, &err) == CX_STAT_ERROR, "rate ci bad confidence");
}

/* ---- p-value adjustment -------------------------------------------- */

static bool
adjusts_to(CxPAdjustMethod method, const double *p, size_t m, const double *want)
{
	double		out[16];
	CxPRank		work[16];

	cx_p_adjust(method, p, m, out, work);
	for (size_t i = 0; i < m; i++)
		if (fabs(out[i] - want[i]) > 1e-15)
		{
			printf("#   index %zu: got %.17g, want %.17g\n", i, out[i], want[i]);
			return false;
		}
	return true;
}

static void
test_p_adjust(void)
{
	CxError		err;

	/*
	 * p = .01 .04 .03 .005, sorted .005 .01 .03 .04.
	 * Holm: x 4 3 2 1 = .02 .03 .06 .04, running max .02 .03 .06 .06.
	 * BH: x 4/1 4/2 4/3 4/4 = .02 .02 .04 .04, running min from the top
	 * .02 .02 .04 .04.
	 */
	{
		const double p[] = {0.01, 0.04, 0.03, 0.005};
		const double holm[] = {0.03, 0.06, 0.06, 0.02};
		const double bh[] = {0.02, 0.04, 0.04, 0.02};

		CHECK(adjusts_to(CX_P_HOLM, p, 4, holm), "Holm on four p-values by hand");
		CHECK(adjusts_to(CX_P_BH, p, 4, bh), "BH on four p-values by hand");
	}
	/* capped at 1: Holm .5 x 2 = 1, .6 -> max(1, .6); BH .5 x 2 = 1 -> min(.6, 1) */
	{
		const double p[] = {0.6, 0.5};
		const double holm[] = {1.0, 1.0};
		const double bh[] = {0.6, 0.6};

		CHECK(adjusts_to(CX_P_HOLM, p, 2, holm), "Holm capped at 1");
		CHECK(adjusts_to(CX_P_BH, p, 2, bh), "BH takes the running minimum");
	}
	/* ties get equal values: Holm .06 .06 .5, BH .03 .03 .5 */
	{
		const double p[] = {0.02, 0.5, 0.02};
		const double holm[] = {0.06, 0.5, 0.06};
		const double bh[] = {0.03, 0.5, 0.03};

		CHECK(adjusts_to(CX_P_HOLM, p, 3, holm), "Holm: tied p-values adjust alike");
		CHECK(adjusts_to(CX_P_BH, p, 3, bh), "BH: tied p-values adjust alike");
	}
	/* one p-value is its own adjustment; none is fine */
	{
		const double p[] = {0.3};

		CHECK(adjusts_to(CX_P_HOLM, p, 1, p) && adjusts_to(CX_P_BH, p, 1, p), "m = 1: unchanged");
		CHECK(adjusts_to(CX_P_HOLM, p, 0, p), "m = 0: nothing to do");
	}
	/* 0 and 1 at the ends */
	{
		const double p[] = {0.0, 1.0, 0.0};
		const double holm[] = {0.0, 1.0, 0.0};
		const double bh[] = {0.0, 1.0, 0.0};

		CHECK(adjusts_to(CX_P_HOLM, p, 3, holm) && adjusts_to(CX_P_BH, p, 3, bh), "p of 0 and 1");
	}
	/* properties on random input: monotone in p, >= p, <= 1, BH <= Holm */
	{
		enum
		{
		M = 500};
		double		p[M],
					holm[M],
					bh[M];
		CxPRank		work[M];
		int			bad = 0;

		for (int i = 0; i < M; i++)
			p[i] = (double) (rng() % 100001) / 100000.0 * (i % 7 == 0 ? 0.001 : 1.0);
		cx_p_adjust(CX_P_HOLM, p, M, holm, work);
		cx_p_adjust(CX_P_BH, p, M, bh, work);
		for (int i = 0; i < M; i++)
		{
			if (!(holm[i] >= p[i] && holm[i] <= 1.0 && bh[i] >= p[i] && bh[i] <= holm[i]))
				bad++;
			for (int j = 0; j < M; j += 37)
				if (p[i] < p[j] && (holm[i] > holm[j] || bh[i] > bh[j]))
					bad++;
		}
		CHECK(bad == 0, "500 random p-values: p <= BH <= Holm <= 1, both monotone in p (%d bad)", bad);
	}

	CHECK(cx_p_check(0.0, &err) && cx_p_check(1.0, &err) && cx_p_check(0.5, &err), "0, 0.5, 1 accepted");
	CHECK(!cx_p_check(NAN, &err) && err.status == CX_ERR_PARAMETER, "NaN p-value: 22023");
	CHECK(!cx_p_check(-0.01, &err) && err.status == CX_ERR_RANGE, "negative p-value: 22003");
	CHECK(!cx_p_check(1.5, &err) && err.status == CX_ERR_RANGE &&
		  strstr(err.detail, "1.5") != NULL, "p-value 1.5: 22003 with the value");
	CHECK(!cx_p_check(INFINITY, &err) && err.status == CX_ERR_RANGE, "infinite p-value: 22003");
}

/* ---- JSON ---------------------------------------------------------- */

static void
test_json(void)
{
	CxSummary	s;
	char		buf[CX_SUMMARY_JSON_MAX];
	size_t		len;
	CxError		err;

	cx_summary_init(&s);
	len = cx_summary_json(&s, buf, sizeof(buf));
	CHECK(len > 0 && strcmp(buf, "{\"responses\":0,\"weighted\":false}") == 0,
		  "empty summary: %s", buf);

	/* 2 promoters, 1 detractor: NPS 100/3, stderr 100 sqrt((1 - 1/9) / 3) */
	put(&s, CX_BUCKET_NPS, 10, 2);
	put(&s, CX_BUCKET_NPS, 0, 1);
	put(&s, CX_BUCKET_CES5, 5, 1);
	len = cx_summary_json(&s, buf, sizeof(buf));
	CHECK(len == strlen(buf) &&
		  strncmp(buf, "{\"responses\":4,\"weighted\":false,"
				  "\"nps\":{\"responses\":3,\"score\":33.333333333333336,\"stderr\":", 89) == 0 &&
		  strstr(buf, ",\"promoters\":2,\"passives\":0,\"detractors\":1,\"counts\":{\"10\":[1,0,0,0,0,0,0,0,0,0,2]}},"
				 "\"ces\":{\"responses\":1,\"score\":5,\"stderr\":null,\"easy\":1,\"neutral\":0,\"difficult\":0,"
				 "\"counts\":{\"5\":[0,0,0,0,1]}}}") != NULL,
		  "small summary: %s", buf);
	CHECK_CLOSE(strtod(buf + 89, NULL), 100 * sqrt(8.0 / 27.0), 1e-15,
				"its NPS stderr 100 sqrt((1 - 1/9) / 3)");
	CHECK(cx_summary_json(&s, buf, 40) == 0, "too small a buffer: 0, nothing overrun");

	/* mixed CES scales: score and stderr null, counts of both scales */
	put(&s, CX_BUCKET_CES7, 2, 2);
	len = cx_summary_json(&s, buf, sizeof(buf));
	CHECK(len > 0 && strstr(buf, "\"ces\":{\"responses\":3,\"score\":null,\"stderr\":null") != NULL &&
		  strstr(buf, "\"counts\":{\"5\":[0,0,0,0,1],\"7\":[0,2,0,0,0,0,0]}") != NULL,
		  "two CES scales: null score, both scales counted");

	/* weighted: weight and effective n (3^2 + 1^2 ... ) */
	cx_summary_init(&s);
	cx_summary_add_weighted(&s, cx_slot_of(CX_BUCKET_CSAT5, 5), 3.0, &err);
	cx_summary_add_weighted(&s, cx_slot_of(CX_BUCKET_CSAT5, 1), 1.0, &err);
	len = cx_summary_json(&s, buf, sizeof(buf));
	/* weight 4, sum w^2 10, n_eff 1.6; CSAT 75, stderr 100 sqrt(.1875 / 1.6) */
	CHECK(len > 0 && strstr(buf, "\"weighted\":true") != NULL &&
		  strstr(buf, "\"score\":75,") != NULL && strstr(buf, "\"weight\":4,\"effective_n\":1.6") != NULL,
		  "weighted: %s", buf);

	/* the largest report fits the documented bound */
	cx_summary_init(&s);
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		s.count[slot] = INT64_MAX / CX_NSLOTS;
	cx_summary_add_weighted(&s, 0, 1.2345678901234567e300, &err);
	len = cx_summary_json(&s, buf, sizeof(buf));
	CHECK(len > 0 && len < CX_SUMMARY_JSON_MAX / 2, "largest report %zu bytes, well within the bound", len);
}

int
main(void)
{
	test_difference_unweighted();
	test_difference_weighted();
	test_differences();
	test_planning();
	test_response_rate();
	test_p_adjust();
	test_json();
	return unit_summary();
}
