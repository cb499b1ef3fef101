/*
 * feedback_change (src/cx_change.c): counting pairs through the per-row
 * fast path and the complete function, removal, combination, validation,
 * moves, the paired statistics on hand-worked cases, and the text and
 * binary forms with every kind of malformed input.
 *
 * The t distribution values used as expectations come from closed forms
 * for small integer degrees of freedom (A&S 26.7.3-4) computed here with
 * libm, and from published quantile tables, not from cx_stats.c.
 */
#include "cx_change.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static CxFeedback
fb(CxMetric metric, int score, int scale)
{
	return cx_feedback_pack(metric, scale, score);
}

#define NPS(s) fb(CX_METRIC_NPS, (s), 10)
#define CSAT(s) fb(CX_METRIC_CSAT, (s), 5)

static bool
same(const CxChange *a, const CxChange *b)
{
	return memcmp(a, b, sizeof(CxChange)) == 0;
}

/* What the glue does: the fast path, else the complete function. */
static bool
glue_add(CxChange *c, CxFeedback b, CxFeedback a, CxError *err)
{
	if (cx_change_add_fast(c, b, a))
		return true;
	return cx_change_add(c, b, a, err);
}

static bool
glue_remove(CxChange *c, CxFeedback b, CxFeedback a, CxError *err)
{
	if (cx_change_remove_fast(c, b, a))
		return true;
	return cx_change_remove(c, b, a, err);
}

/* P(|T| >= t) for 3 and 4 degrees of freedom, in closed form. */
static double
p_two_sided_df3(double t)
{
	double		th = atan(t / sqrt(3.0));

	return 1.0 - (2.0 / (4.0 * atan(1.0))) * (th + sin(th) * cos(th));
}

static double
p_two_sided_df4(double t)
{
	double		th = atan(t / 2.0);

	return 1.0 - sin(th) * (1.0 + 0.5 * cos(th) * cos(th));
}

static void
test_empty(void)
{
	CxChange	c;
	CxError		err;
	double		v = 0,
				lo = 0,
				hi = 0;

	cx_change_init(&c);
	CHECK(c.metric == CX_METRIC_NONE && c.version == CX_CHANGE_VERSION &&
		  cx_change_total(&c) == 0, "an empty state has no metric and no pair");
	CHECK(cx_change_validate(&c, &err), "the empty state is valid");
	CHECK(cx_change_mean(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_NULL &&
		  cx_change_mean(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_NULL &&
		  cx_change_interval(&c, CX_METRIC_NPS, 0.95, &lo, &hi, &err) == CX_STAT_NULL &&
		  cx_change_test(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_NULL,
		  "no pair: every statistic is NULL, whatever the metric asked for");
	CHECK(cx_change_interval(&c, CX_METRIC_NPS, 1.0, &lo, &hi, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_PARAMETER, "the confidence is checked before the data");
	CHECK(cx_change_moved_up(&c) == 0 && cx_change_moved_down(&c) == 0 &&
		  cx_change_unchanged(&c) == 0, "no moves");
}

static void
test_counting(void)
{
	CxChange	c,
				before;
	CxError		err;

	cx_change_init(&c);
	before = c;
	CHECK(!cx_change_add_fast(&c, NPS(0), NPS(10)) && same(&c, &before),
		  "the fast path declines the first pair and leaves the state alone");
	CHECK(cx_change_add(&c, NPS(0), NPS(10), &err) && c.metric == CX_METRIC_NPS &&
		  c.count[CX_CAT_NEGATIVE][CX_CAT_POSITIVE] == 1, "the first pair sets the metric");
	CHECK(cx_change_add_fast(&c, NPS(7), NPS(8)) && c.count[CX_CAT_NEUTRAL][CX_CAT_NEUTRAL] == 1,
		  "the fast path takes a second pair of the same metric");
	CHECK(cx_change_add_fast(&c, NPS(6), NPS(9)) && cx_change_add_fast(&c, NPS(9), NPS(6)) &&
		  c.count[CX_CAT_NEGATIVE][CX_CAT_POSITIVE] == 2 &&
		  c.count[CX_CAT_POSITIVE][CX_CAT_NEGATIVE] == 1,
		  "NPS categories: 6 is a detractor, 9 a promoter");
	CHECK(cx_change_moved_up(&c) == 2 && cx_change_moved_down(&c) == 1 &&
		  cx_change_unchanged(&c) == 1 && cx_change_total(&c) == 4, "moves: 2 up, 1 down, 1 same");

	before = c;
	CHECK(!cx_change_add_fast(&c, NPS(5), CSAT(5)) && !cx_change_add(&c, NPS(5), CSAT(5), &err) &&
		  err.status == CX_ERR_PARAMETER && strcmp(err.message, "cannot pair NPS feedback with CSAT feedback") == 0 &&
		  same(&c, &before), "a pair of two metrics is refused (22023), state unchanged");
	CHECK(!cx_change_add_fast(&c, CSAT(1), CSAT(5)) && !cx_change_add(&c, CSAT(1), CSAT(5), &err) &&
		  err.status == CX_ERR_PARAMETER &&
		  strcmp(err.message, "cannot count NPS and CSAT pairs in one feedback_change") == 0 &&
		  same(&c, &before), "a CSAT pair in an NPS state is refused (22023), state unchanged");
	CHECK(!cx_change_add(&c, 0xFFFFFFFFu, NPS(1), &err) && err.status == CX_ERR_PARAMETER &&
		  same(&c, &before), "an invalid feedback value is refused");

	/* CSAT and CES on their scales; mixed scales within a pair are fine */
	cx_change_init(&c);
	CHECK(cx_change_add(&c, fb(CX_METRIC_CSAT, 3, 5), fb(CX_METRIC_CSAT, 6, 7), &err) &&
		  c.count[CX_CAT_NEUTRAL][CX_CAT_POSITIVE] == 1,
		  "CSAT 3/5 is neutral, 6/7 satisfied; a pair may change scale");
	CHECK(cx_change_add_fast(&c, fb(CX_METRIC_CSAT, 2, 2), fb(CX_METRIC_CSAT, 1, 2)) &&
		  c.count[CX_CAT_POSITIVE][CX_CAT_NEGATIVE] == 1, "csat:good to csat:bad moves down");
	cx_change_init(&c);
	CHECK(cx_change_add(&c, fb(CX_METRIC_CES, 3, 7), fb(CX_METRIC_CES, 4, 5), &err) &&
		  c.metric == CX_METRIC_CES && cx_change_moved_up(&c) == 1,
		  "CES pairs are counted: difficult 3/7 to easy 4/5 moves up");

	/* the total limit */
	cx_change_init(&c);
	c.metric = CX_METRIC_NPS;
	c.count[0][0] = INT64_MAX - 1;
	CHECK(cx_change_add_fast(&c, NPS(9), NPS(9)) && cx_change_total(&c) == INT64_MAX,
		  "a pair reaching the 64-bit total is counted");
	before = c;
	CHECK(!cx_change_add_fast(&c, NPS(0), NPS(0)) && !cx_change_add(&c, NPS(0), NPS(0), &err) &&
		  err.status == CX_ERR_OVERFLOW && same(&c, &before),
		  "one pair more is an overflow (22003), even in another cell");
}

static void
test_remove(void)
{
	CxChange	c,
				empty,
				before;
	CxError		err;

	cx_change_init(&empty);
	c = empty;
	CHECK(glue_add(&c, NPS(3), NPS(9), &err) && glue_add(&c, NPS(8), NPS(8), &err),
		  "two pairs counted");
	before = c;
	CHECK(!cx_change_remove_fast(&c, NPS(9), NPS(3)) && !cx_change_remove(&c, NPS(9), NPS(3), &err) &&
		  err.status == CX_ERR_PARAMETER && same(&c, &before),
		  "removing a pair the state does not hold is an error, state unchanged");
	CHECK(!cx_change_remove(&c, NPS(3), CSAT(3), &err) && err.status == CX_ERR_PARAMETER &&
		  strcmp(err.message, "cannot pair NPS feedback with CSAT feedback") == 0,
		  "removing a two-metric pair names the reason");
	CHECK(glue_remove(&c, NPS(3), NPS(9), &err) && c.metric == CX_METRIC_NPS &&
		  cx_change_total(&c) == 1, "removing one of two keeps the metric");
	CHECK(glue_remove(&c, NPS(7), NPS(7), &err) && same(&c, &empty),
		  "removing the last pair gives the empty state back, metric cleared");
	CHECK(glue_add(&c, CSAT(5), CSAT(1), &err) && c.metric == CX_METRIC_CSAT,
		  "an emptied state takes pairs of another metric, as a recomputed frame would");
}

static void
test_combine(void)
{
	CxChange	a,
				b,
				empty,
				before;
	CxError		err;

	cx_change_init(&empty);
	a = empty;
	b = empty;
	glue_add(&a, NPS(0), NPS(9), &err);
	glue_add(&b, NPS(9), NPS(9), &err);
	glue_add(&b, NPS(0), NPS(9), &err);
	before = a;
	CHECK(cx_change_combine(&a, &empty, &err) && same(&a, &before), "x + empty = x");
	before = empty;
	CHECK(cx_change_combine(&before, &a, &err) && same(&before, &a), "empty + x = x");
	CHECK(cx_change_combine(&a, &b, &err) && a.count[CX_CAT_NEGATIVE][CX_CAT_POSITIVE] == 2 &&
		  a.count[CX_CAT_POSITIVE][CX_CAT_POSITIVE] == 1 && cx_change_total(&a) == 3,
		  "counts add cell by cell");
	b = empty;
	glue_add(&b, CSAT(1), CSAT(1), &err);
	before = a;
	CHECK(!cx_change_combine(&a, &b, &err) && err.status == CX_ERR_PARAMETER && same(&a, &before),
		  "states of two metrics do not combine (22023)");
	b = a;
	a.count[0][0] = INT64_MAX - 2;
	before = a;
	CHECK(!cx_change_combine(&a, &b, &err) && err.status == CX_ERR_OVERFLOW && same(&a, &before),
		  "a combined total beyond 64 bits is an overflow (22003)");
}

static void
test_validate(void)
{
	CxChange	c;
	CxError		err;

	cx_change_init(&c);
	c.version = 2;
	CHECK(!cx_change_validate(&c, &err), "an unknown version is invalid");
	cx_change_init(&c);
	c.reserved[3] = 1;
	CHECK(!cx_change_validate(&c, &err), "reserved bytes must be zero");
	cx_change_init(&c);
	c.metric = 4;
	c.count[1][1] = 1;
	CHECK(!cx_change_validate(&c, &err), "an unknown metric is invalid");
	cx_change_init(&c);
	c.count[1][1] = 1;
	CHECK(!cx_change_validate(&c, &err), "pairs without a metric are invalid");
	cx_change_init(&c);
	c.metric = CX_METRIC_CSAT;
	CHECK(!cx_change_validate(&c, &err), "a metric without pairs is invalid");
	c.count[2][0] = -1;
	c.count[0][0] = 2;
	CHECK(!cx_change_validate(&c, &err), "negative counts are invalid");
	c.count[2][0] = INT64_MAX;
	CHECK(!cx_change_validate(&c, &err), "a total beyond 64 bits is invalid");
}

static void
test_statistics(void)
{
	CxChange	c;
	CxError		err;
	CxPairedSample s;
	double		v = 0,
				lo = 0,
				hi = 0,
				t;

	/*
	 * NPS, four customers: 0 -> 10 (d = +2), 8 -> 9 (+1), 9 -> 9 (0),
	 * 10 -> 3 (-2).  mean 1/4 = 0.25: +25 points.  Deviations 1.75, 0.75,
	 * -0.25, -2.25, squares sum 8.75, s^2 = 8.75 / 3.  t = 0.25 /
	 * sqrt(8.75 / 12) = 0.29277; df 3; t(0.975, 3) = 3.1824463052837096 (the root of the
	 * closed form below; some tables print 3.182446305284263, 1.7e-13 off).
	 */
	cx_change_init(&c);
	glue_add(&c, NPS(0), NPS(10), &err);
	glue_add(&c, NPS(8), NPS(9), &err);
	glue_add(&c, NPS(9), NPS(9), &err);
	glue_add(&c, NPS(10), NPS(3), &err);
	CHECK(cx_change_sample(&c, CX_METRIC_NPS, &s, &err) == CX_STAT_VALUE && s.n == 4 &&
		  !s.constant, "four NPS pairs");
	CHECK_CLOSE(s.variance, 8.75 / 3.0, 1e-15, "sample variance 8.75 / 3");
	CHECK(cx_change_mean(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_VALUE && v == 25.0,
		  "NPS change +25 points exactly");
	t = 0.25 / sqrt(8.75 / 12.0);
	CHECK(cx_change_test(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_VALUE, "the test has a value");
	CHECK_CLOSE(v, p_two_sided_df3(t), 1e-12, "p-value of t = 0.29277 on 3 df (closed form)");
	CHECK(cx_change_interval(&c, CX_METRIC_NPS, 0.95, &lo, &hi, &err) == CX_STAT_VALUE,
		  "the interval has a value");
	CHECK_CLOSE(lo, 100.0 * (0.25 - 3.1824463052837096 * sqrt(8.75 / 12.0)), 1e-14,
				"95%% lower end -246.75 (t quantile from the closed form)");
	CHECK_CLOSE(hi, 100.0 * (0.25 + 3.1824463052837096 * sqrt(8.75 / 12.0)), 1e-14,
				"95%% upper end 296.75");
	CHECK(cx_change_mean(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_PARAMETER &&
		  strcmp(err.message, "feedback_change counts NPS pairs, not CSAT") == 0,
		  "the CSAT change of NPS pairs is an error (22023)");
	CHECK(cx_change_interval(&c, CX_METRIC_NPS, 0.0, &lo, &hi, &err) == CX_STAT_ERROR &&
		  cx_change_interval(&c, CX_METRIC_NPS, NAN, &lo, &hi, &err) == CX_STAT_ERROR,
		  "confidence 0 and NaN are refused");

	/*
	 * CSAT (5-point, 4-5 satisfied), five customers: 2 -> 5 (+1), 3 -> 4
	 * (+1), 4 -> 5 (0), 5 -> 1 (-1), 1 -> 2 (0).  mean 0.2: +20 points.
	 * Deviations 0.8, 0.8, -0.2, -1.2, -0.2, squares 2.8, s^2 = 0.7.
	 * t = 0.2 / sqrt(0.7 / 5) = 0.53452; df 4; t(0.975, 4) = 2.776445105197793.
	 */
	cx_change_init(&c);
	glue_add(&c, CSAT(2), CSAT(5), &err);
	glue_add(&c, CSAT(3), CSAT(4), &err);
	glue_add(&c, CSAT(4), CSAT(5), &err);
	glue_add(&c, CSAT(5), CSAT(1), &err);
	glue_add(&c, CSAT(1), CSAT(2), &err);
	CHECK(cx_change_mean(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_VALUE, "CSAT change");
	CHECK_CLOSE(v, 20.0, 1e-14, "CSAT change +20 points");
	t = 0.2 / sqrt(0.7 / 5.0);
	CHECK(cx_change_test(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_VALUE, "CSAT test");
	CHECK_CLOSE(v, p_two_sided_df4(t), 1e-12, "p-value of t = 0.53452 on 4 df (closed form)");
	CHECK(cx_change_interval(&c, CX_METRIC_CSAT, 0.95, &lo, &hi, &err) == CX_STAT_VALUE,
		  "CSAT interval");
	CHECK_CLOSE(lo, 100.0 * (0.2 - 2.776445105197793 * sqrt(0.7 / 5.0)), 1e-12, "CSAT lower end");
	CHECK_CLOSE(hi, 100.0 * (0.2 + 2.776445105197793 * sqrt(0.7 / 5.0)), 1e-12, "CSAT upper end");
	CHECK(cx_change_mean(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_PARAMETER, "the NPS change of CSAT pairs is an error");

	/* one pair: a change, no interval, no test */
	cx_change_init(&c);
	glue_add(&c, NPS(0), NPS(9), &err);
	CHECK(cx_change_mean(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_VALUE && v == 200.0 &&
		  cx_change_interval(&c, CX_METRIC_NPS, 0.9, &lo, &hi, &err) == CX_STAT_NULL &&
		  cx_change_test(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_NULL,
		  "one pair: +200 points, interval and test NULL");

	/* everybody changed alike */
	glue_add(&c, NPS(5), NPS(10), &err);
	glue_add(&c, NPS(1), NPS(9), &err);
	CHECK(cx_change_sample(&c, CX_METRIC_NPS, &s, &err) == CX_STAT_VALUE && s.constant &&
		  s.variance == 0.0 && s.mean == 2.0, "three detractors became promoters: d = 2, s = 0");
	CHECK(cx_change_interval(&c, CX_METRIC_NPS, 0.95, &lo, &hi, &err) == CX_STAT_VALUE &&
		  lo == 200.0 && hi == 200.0, "the interval is the single point +200");
	CHECK(cx_change_test(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_NULL,
		  "the test of a constant nonzero difference is NULL");

	/* nobody changed */
	cx_change_init(&c);
	glue_add(&c, NPS(9), NPS(10), &err);
	glue_add(&c, NPS(7), NPS(8), &err);
	glue_add(&c, NPS(2), NPS(6), &err);
	CHECK(cx_change_test(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_VALUE && v == 1.0 &&
		  cx_change_interval(&c, CX_METRIC_NPS, 0.95, &lo, &hi, &err) == CX_STAT_VALUE &&
		  lo == 0.0 && hi == 0.0, "every difference 0: p = 1, interval [0, 0]");

	/* CSAT codes: neutral and dissatisfied are both 0 */
	cx_change_init(&c);
	glue_add(&c, CSAT(1), CSAT(3), &err);
	glue_add(&c, CSAT(3), CSAT(2), &err);
	CHECK(cx_change_test(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_VALUE && v == 1.0 &&
		  cx_change_moved_up(&c) == 1 && cx_change_moved_down(&c) == 1,
		  "CSAT dissatisfied <-> neutral moves a category but not the CSAT: p = 1");

	/* CES pairs have neither */
	cx_change_init(&c);
	glue_add(&c, fb(CX_METRIC_CES, 1, 7), fb(CX_METRIC_CES, 7, 7), &err);
	CHECK(cx_change_mean(&c, CX_METRIC_NPS, &v, &err) == CX_STAT_ERROR &&
		  strcmp(err.message, "feedback_change counts CES pairs, not NPS") == 0 &&
		  cx_change_test(&c, CX_METRIC_CSAT, &v, &err) == CX_STAT_ERROR,
		  "CES pairs: the NPS and CSAT functions raise 22023");

	/* a large sample: 10^12 pairs in one cell and 1 in another */
	cx_change_init(&c);
	c.metric = CX_METRIC_NPS;
	c.count[1][1] = 1000000000000LL;
	c.count[2][0] = 1;
	CHECK(cx_change_sample(&c, CX_METRIC_NPS, &s, &err) == CX_STAT_VALUE && !s.constant,
		  "10^12 + 1 pairs");
	CHECK_CLOSE(s.mean, 2.0 / 1000000000001.0, 1e-12, "mean 2 / (10^12 + 1)");
	/* sum (d - m)^2 = 4 - 4 / N exactly, over N - 1 = 10^12 */
	CHECK_CLOSE(s.variance, (4.0 - 4.0 / 1000000000001.0) / 1e12, 1e-9, "variance without cancellation");
}

static void
test_random_against_counting(void)
{
	int			mismatches = 0;

	for (int trial = 0; trial < 300; trial++)
	{
		CxChange	c;
		CxError		err;
		int64_t		want[3][3] = {{0}};
		int			n = 1 + (int) (rng() % 60);
		CxMetric	metric = (CxMetric) (1 + trial % 3);
		CxFeedback	seen[60][2];
		double		sum = 0.0,
					mean,
					ss = 0.0,
					v = 0.0;
		CxPairedSample s;

		cx_change_init(&c);
		for (int i = 0; i < n; i++)
		{
			int			bucket,
						score[2];
			CxFeedback	pair[2];
			int			cat[2];

			for (int side = 0; side < 2; side++)
			{
				do
					bucket = (int) (rng() % CX_NBUCKETS);
				while (cx_buckets[bucket].metric != metric);
				score[side] = cx_buckets[bucket].min_score +
					(int) (rng() % (uint64_t) cx_buckets[bucket].npoints);
				pair[side] = fb(metric, score[side], cx_buckets[bucket].scale);
				cat[side] = cx_slot_category[cx_buckets[bucket].first_slot + score[side] -
											 cx_buckets[bucket].min_score];
			}
			if (!glue_add(&c, pair[0], pair[1], &err))
				mismatches++;
			want[cat[0]][cat[1]]++;
			seen[i][0] = pair[0];
			seen[i][1] = pair[1];
			if (metric == CX_METRIC_NPS)
				sum += (cat[0] - cat[1]);	/* code = 1 - category index */
			else
				sum += (cat[1] == 0) - (cat[0] == 0);
		}
		for (int b = 0; b < 3; b++)
			for (int a = 0; a < 3; a++)
				if (c.count[b][a] != want[b][a])
					mismatches++;
		if (metric != CX_METRIC_CES)
		{
			mean = sum / n;
			for (int i = 0; i < n; i++)
			{
				int			cb = cx_change_category(seen[i][0]),
							ca = cx_change_category(seen[i][1]);
				double		d = metric == CX_METRIC_NPS ? (double) (cb - ca) :
					(double) ((ca == 0) - (cb == 0));

				ss += (d - mean) * (d - mean);
			}
			if (cx_change_mean(&c, metric, &v, &err) != CX_STAT_VALUE ||
				fabs(v - 100.0 * mean) > 1e-12 * 100.0)
				mismatches++;
			if (n >= 2 && (cx_change_sample(&c, metric, &s, &err) != CX_STAT_VALUE ||
						   fabs(s.variance - ss / (n - 1)) > 1e-12))
				mismatches++;
		}
		/* take every pair back, last first: the empty state again */
		for (int i = n - 1; i >= 0; i--)
			if (!glue_remove(&c, seen[i][0], seen[i][1], &err))
				mismatches++;
		if (c.metric != CX_METRIC_NONE || cx_change_total(&c) != 0)
			mismatches++;
	}
	CHECK(mismatches == 0,
		  "300 random sequences: counts, change and variance match an independent count; removal empties (%d mismatches)",
		  mismatches);
}

static const char *const INIT =
"metric=none pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0";

static void
test_text(void)
{
	CxChange	c,
				back;
	CxError		err;
	char		buf[CX_CHANGE_TEXT_MAX];
	int			len;
	static const struct
	{
		const char *text;
		CxStatus	status;
		const char *why;
	}			bad[] = {
		{"", CX_ERR_SYNTAX, "empty"},
		{"metric=nps", CX_ERR_SYNTAX, "no counts"},
		{"metric=xps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "unknown metric"},
		{"metric= pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "empty metric"},
		{"metric=nps pos>neu=0 pos>pos=1 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "keys out of order"},
		{"metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0", CX_ERR_SYNTAX, "a count missing"},
		{"metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0 x", CX_ERR_SYNTAX, "trailing garbage"},
		{"metric=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0 neg>neg=0", CX_ERR_SYNTAX, "a repeated key"},
		{"metric=nps pos>pos=01 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "leading zero"},
		{"metric=nps pos>pos=+1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "plus sign"},
		{"metric=nps pos>pos=-1 pos>neu=2 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "negative count"},
		{"metric=nps pos>pos=1.0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "decimal point"},
		{"metric=nps pos>pos= pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "empty count"},
		{"metric=nps\tpos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "tab separator"},
		{"metric=nps pos>pos =1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "space before ="},
		{"METRIC=nps pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "upper-case key"},
		{"metric=none pos>pos=1 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "pairs without a metric"},
		{"metric=csat pos>pos=0 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "a metric without pairs"},
		{"metric=nps pos>pos=9223372036854775808 pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_RANGE, "a count of 2^63"},
		{"metric=nps pos>pos=9223372036854775807 pos>neu=1 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_RANGE, "a total of 2^63"},
		{"metric=nps pos>pos=99999999999999999999x pos>neu=0 pos>neg=0 neu>pos=0 neu>neu=0 neu>neg=0 neg>pos=0 neg>neu=0 neg>neg=0", CX_ERR_SYNTAX, "a long count with a letter is a syntax error"},
	};

	cx_change_init(&c);
	len = cx_change_format(&c, buf, sizeof(buf));
	CHECK(len == (int) strlen(INIT) && strcmp(buf, INIT) == 0, "the empty state prints as the INITCOND");
	CHECK(cx_change_parse(INIT, strlen(INIT), &back, &err) && same(&c, &back), "the INITCOND parses to the empty state");

	c.metric = CX_METRIC_CES;
	c.count[0][0] = INT64_MAX - 8;
	for (int i = 1; i < 9; i++)
		(&c.count[0][0])[i] = 1;
	len = cx_change_format(&c, buf, sizeof(buf));
	CHECK(len > 0 && len < CX_CHANGE_TEXT_MAX, "the largest state fits CX_CHANGE_TEXT_MAX (%d bytes)", len);
	CHECK(cx_change_parse(buf, (size_t) len, &back, &err) && same(&c, &back), "text round trip of the largest state");
	{
		const char *spaced = "  metric=CSAT   pos>pos=1 pos>neu=2 pos>neg=3 neu>pos=4 neu>neu=5 neu>neg=6 neg>pos=7 neg>neu=8 neg>neg=9  ";

		CHECK(cx_change_parse(spaced, strlen(spaced), &back, &err) && back.metric == CX_METRIC_CSAT &&
			  back.count[2][1] == 8 && cx_change_total(&back) == 45,
			  "extra spaces and an upper-case metric are accepted");
		cx_change_format(&back, buf, sizeof(buf));
		CHECK(strcmp(buf, "metric=csat pos>pos=1 pos>neu=2 pos>neg=3 neu>pos=4 neu>neu=5 neu>neg=6 neg>pos=7 neg>neu=8 neg>neg=9") == 0,
			  "and print canonically");
	}
	CHECK(!cx_change_parse("metric=none pos>pos=0", 11, &back, &err) && err.status == CX_ERR_SYNTAX,
		  "the length bounds the input (no NUL needed)");
	{
		char		with_nul[128];
		size_t		n = strlen(INIT);

		memcpy(with_nul, INIT, n);
		with_nul[20] = '\0';
		CHECK(!cx_change_parse(with_nul, n, &back, &err) && err.status == CX_ERR_SYNTAX,
			  "an embedded NUL is a syntax error");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		bool		ok = cx_change_parse(bad[i].text, strlen(bad[i].text), &back, &err);

		CHECK(!ok && err.status == bad[i].status && err.message[0] != '\0',
			  "text rejected with %s: %s", bad[i].status == CX_ERR_RANGE ? "22003" : "22P02", bad[i].why);
	}
}

/*
 * The quoted input in error messages is the same whatever memory the
 * caller's buffer held before (it once depended on an unwritten byte, and
 * error messages differed between builds), and never splits a UTF-8
 * character.
 */
static void
test_quote(void)
{
	char		a[96],
				b[96];
	char		src[200];
	const char *euro = "\xe2\x82\xac";	/* 3 bytes */

	memset(src, 'x', sizeof(src));
	memset(a, 0x80, sizeof(a));
	memset(b, 0, sizeof(b));
	cx_quote_input(a, sizeof(a), src, sizeof(src));
	cx_quote_input(b, sizeof(b), src, sizeof(src));
	CHECK(strcmp(a, b) == 0 && strlen(a) == 64 + 3 && strcmp(a + 64, "...") == 0,
		  "a long input is cut at 64 bytes whatever the buffer held (%zu bytes)", strlen(a));
	/* a euro sign across the cut: bytes 63..65 */
	memcpy(src + 63, euro, 3);
	memset(a, 0, sizeof(a));
	cx_quote_input(a, sizeof(a), src, sizeof(src));
	CHECK(strlen(a) == 63 + 3 && a[62] == 'x' && strcmp(a + 63, "...") == 0,
		  "a character across the cut is left out whole");
	memcpy(src + 61, euro, 3);
	src[64] = 'x';
	cx_quote_input(a, sizeof(a), src, sizeof(src));
	CHECK(strlen(a) == 64 + 3 && memcmp(a + 61, euro, 3) == 0,
		  "a character ending at the cut is kept whole");
}

static void
test_binary(void)
{
	CxChange	c,
				back;
	CxError		err;
	unsigned char wire[CX_CHANGE_WIRE_LEN + 1];

	cx_change_init(&c);
	c.metric = CX_METRIC_NPS;
	for (int i = 0; i < 9; i++)
		(&c.count[0][0])[i] = (int64_t) i * 1000000007LL + 1;
	cx_change_encode(&c, wire);
	CHECK(wire[0] == CX_CHANGE_VERSION && wire[1] == CX_METRIC_NPS && wire[2 + 7] == 1 &&
		  wire[2 + 8 + 7] == (unsigned char) ((1000000008LL) & 0xFF), "wire: version, metric, big-endian counts");
	CHECK(cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && same(&c, &back), "binary round trip");
	cx_change_init(&c);
	cx_change_encode(&c, wire);
	CHECK(cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && same(&c, &back), "binary round trip of the empty state");

	CHECK(!cx_change_decode(wire, CX_CHANGE_WIRE_LEN - 1, &back, &err) && err.status == CX_ERR_BINARY &&
		  !cx_change_decode(wire, CX_CHANGE_WIRE_LEN + 1, &back, &err) && err.status == CX_ERR_BINARY &&
		  !cx_change_decode(wire, 0, &back, &err) && err.status == CX_ERR_BINARY,
		  "a wrong length is 22P03");
	wire[0] = 2;
	CHECK(!cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && err.status == CX_ERR_BINARY,
		  "an unknown version is 22P03");
	wire[0] = CX_CHANGE_VERSION;
	wire[1] = 9;
	wire[2 + 7] = 1;
	CHECK(!cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && err.status == CX_ERR_BINARY,
		  "an unknown metric is 22P03");
	wire[1] = CX_METRIC_NONE;
	CHECK(!cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && err.status == CX_ERR_BINARY,
		  "pairs without a metric are 22P03");
	wire[1] = CX_METRIC_CSAT;
	wire[2] = 0x80;
	CHECK(!cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && err.status == CX_ERR_BINARY,
		  "a negative count is 22P03");
	wire[2] = 0x7F;
	wire[2 + 8] = 0x7F;
	CHECK(!cx_change_decode(wire, CX_CHANGE_WIRE_LEN, &back, &err) && err.status == CX_ERR_BINARY &&
		  strcmp(err.message, "invalid binary representation of type feedback_change") == 0,
		  "a total beyond 64 bits is 22P03");
}

int
main(void)
{
	test_empty();
	test_counting();
	test_remove();
	test_combine();
	test_validate();
	test_statistics();
	test_random_against_counting();
	test_text();
	test_quote();
	test_binary();
	return unit_summary();
}
