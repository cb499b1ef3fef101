/*
 * The per-row fast paths of the one-step aggregates, cx_tally_add_fast and
 * cx_tally_remove_fast, against the complete cx_tally_add and an
 * independent count: the aggregates' glue tries the fast path and falls
 * back to the complete one, so together they must do exactly what the
 * complete function alone does, and a fast path that declines must leave
 * the tally untouched.
 */
#include "cx_tally.h"

#include <stdint.h>
#include <string.h>

#include "unit.h"

/* xorshift64: a fixed sequence, the same on every run */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool
same_tally(const CxTally *a, const CxTally *b)
{
	return memcmp(a, b, sizeof(CxTally)) == 0;
}

/* What the glue does: fast path, else the complete function. */
static bool
glue_add(CxTally *t, int bucket, int score, CxError *err)
{
	if (cx_tally_add_fast(t, bucket, score))
		return true;
	return cx_tally_add(t, bucket, score, err);
}

static bool
glue_remove(CxTally *t, int bucket, int score, CxError *err)
{
	if (cx_tally_remove_fast(t, bucket, score))
		return true;
	return cx_tally_remove(t, bucket, score, err);
}

/* Random responses of every bucket of each metric, through both routes. */
static void
test_add_matches_complete(void)
{
	static const CxMetric metrics[] = {CX_METRIC_NPS, CX_METRIC_CSAT, CX_METRIC_CES};
	int			mismatches = 0;
	int			declined_changed = 0;
	int			fast_taken = 0;

	for (int m = 0; m < 3; m++)
	{
		for (int trial = 0; trial < 200; trial++)
		{
			CxTally		via_glue,
						via_complete;
			bool		glue_failed = false,
						complete_failed = false;

			cx_tally_init(&via_glue, metrics[m]);
			cx_tally_init(&via_complete, metrics[m]);
			for (int i = 0; i < 50 && !glue_failed && !complete_failed; i++)
			{
				int			bucket;
				int			score;
				CxTally		before = via_glue;
				CxError		e1,
							e2;

				/* mostly one scale, sometimes another of the same metric */
				do
					bucket = (int) (rng() % CX_NBUCKETS);
				while (cx_buckets[bucket].metric != metrics[m] ||
					   (trial % 2 == 0 && bucket != cx_bucket_of(metrics[m], cx_default_scale(metrics[m]))));
				score = cx_buckets[bucket].min_score + (int) (rng() % (uint64_t) cx_buckets[bucket].npoints);

				if (cx_tally_add_fast(&via_glue, bucket, score))
					fast_taken++;
				else
				{
					if (!same_tally(&before, &via_glue))
						declined_changed++;
					glue_failed = !cx_tally_add(&via_glue, bucket, score, &e1);
				}
				complete_failed = !cx_tally_add(&via_complete, bucket, score, &e2);
				if (glue_failed != complete_failed ||
					(glue_failed && (e1.status != e2.status || strcmp(e1.message, e2.message) != 0)) ||
					(!glue_failed && !same_tally(&via_glue, &via_complete)))
					mismatches++;
			}
		}
	}
	CHECK(mismatches == 0, "fast path + fallback equals cx_tally_add over 600 random sequences (%d mismatches)", mismatches);
	CHECK(declined_changed == 0, "a declined fast add leaves the tally unchanged");
	CHECK(fast_taken > 15000, "the fast path takes the common case (%d adds)", fast_taken);
}

/* The fast path declines exactly the cases the complete one must handle. */
static void
test_add_declines(void)
{
	CxTally		t,
				before;
	CxError		err;

	cx_tally_init(&t, CX_METRIC_NPS);
	cx_tally_init(&before, CX_METRIC_NPS);
	CHECK(cx_tally_add_fast(&t, CX_BUCKET_NPS, 9) && cx_tally_add(&before, CX_BUCKET_NPS, 9, &err) &&
		  same_tally(&t, &before) && cx_tally_scale(&t) == 10 && t.count[CX_CAT_POSITIVE] == 1,
		  "the first response sets the scale, as cx_tally_add does");
	CHECK(cx_tally_add_fast(&t, CX_BUCKET_NPS, 0) && t.count[CX_CAT_NEGATIVE] == 1 &&
		  cx_tally_score_sum(&t) == 9 && cx_tally_metric(&t) == CX_METRIC_NPS,
		  "the next response takes the fast path");

	t.count[CX_CAT_NEUTRAL] = INT64_MAX;
	before = t;
	CHECK(!cx_tally_add_fast(&t, CX_BUCKET_NPS, 7) && same_tally(&t, &before),
		  "a count at INT64_MAX declines without change");
	CHECK(!glue_add(&t, CX_BUCKET_NPS, 7, &err) && err.status == CX_ERR_OVERFLOW,
		  "and the complete path reports the overflow");
	CHECK(cx_tally_add_fast(&t, CX_BUCKET_NPS, 10), "other categories still count");

	cx_tally_init(&t, CX_METRIC_NPS);
	t.count[CX_CAT_NEGATIVE] = INT64_MAX;
	before = t;
	CHECK(!cx_tally_add_fast(&t, CX_BUCKET_NPS, 1) && same_tally(&t, &before),
		  "a declined first response does not set the scale either");

	cx_tally_init(&t, CX_METRIC_CSAT);
	before = t;
	CHECK(!cx_tally_add_fast(&t, CX_BUCKET_NPS, 9) && same_tally(&t, &before),
		  "a response of another metric declines without change");
	CHECK(glue_add(&t, CX_BUCKET_CSAT5, 4, &err) && !cx_tally_add_fast(&t, CX_BUCKET_NPS, 9),
		  "also once the tally holds responses");

	cx_tally_init(&t, CX_METRIC_CES);
	CHECK(glue_add(&t, CX_BUCKET_CES7, 7, &err), "CES 7/7 counts");
	cx_tally_set_score_sum(&t, CX_TALLY_SUM_MAX - 3);
	CHECK(cx_tally_score_sum(&t) == CX_TALLY_SUM_MAX - 3 && cx_tally_scale(&t) == 7 &&
		  cx_tally_metric(&t) == CX_METRIC_CES,
		  "the score sum is set without touching metric and scale");
	before = t;
	CHECK(!cx_tally_add_fast(&t, CX_BUCKET_CES7, 4) && same_tally(&t, &before),
		  "a score sum that would pass 2^56 - 1 declines without change");
	CHECK(!glue_add(&t, CX_BUCKET_CES7, 4, &err) && err.status == CX_ERR_OVERFLOW &&
		  same_tally(&t, &before),
		  "and the complete path reports the overflow, tally unchanged");
	CHECK(cx_tally_add_fast(&t, CX_BUCKET_CES7, 3) &&
		  cx_tally_score_sum(&t) == CX_TALLY_SUM_MAX && cx_tally_scale(&t) == 7 &&
		  cx_tally_metric(&t) == CX_METRIC_CES,
		  "a sum reaching exactly 2^56 - 1 still counts, metric and scale intact");

	before = t;
	CHECK(!cx_tally_add_fast(&t, CX_BUCKET_CES5, 3) && same_tally(&t, &before),
		  "another scale declines without change");
	CHECK(!glue_add(&t, CX_BUCKET_CES5, 3, &err) && err.status == CX_ERR_MIXED_SCALE,
		  "and the complete path refuses to mix CES scales");

	cx_tally_init(&t, CX_METRIC_CSAT);
	CHECK(glue_add(&t, CX_BUCKET_CSAT5, 4, &err) && glue_add(&t, CX_BUCKET_CSAT2, 2, &err) &&
		  cx_tally_scale(&t) == CX_TALLY_MIXED_SCALES,
		  "CSAT on two scales becomes mixed through the complete path");
	CHECK(!cx_tally_add_fast(&t, CX_BUCKET_CSAT5, 5) && glue_add(&t, CX_BUCKET_CSAT5, 5, &err) &&
		  cx_tally_total(&t) == 3 && t.count[CX_CAT_POSITIVE] == 3,
		  "a mixed CSAT tally keeps counting (through the complete path)");
}

/* A sliding window of random length over random NPS scores. */
static void
test_remove_window(void)
{
	enum
	{
		NROWS = 5000
	};
	static int	scores[NROWS];
	CxTally		t;
	CxError		err;
	int			wrong = 0;
	int			head = 0;

	for (int i = 0; i < NROWS; i++)
		scores[i] = (int) (rng() % 11);
	cx_tally_init(&t, CX_METRIC_NPS);
	for (int i = 0; i < NROWS; i++)
	{
		int64_t		want[CX_NCATEGORIES] = {0, 0, 0};
		int64_t		want_sum = 0;

		if (!glue_add(&t, CX_BUCKET_NPS, scores[i], &err))
			wrong++;
		/* the frame start moves by 0, 1 or 2 rows, never past the row */
		for (int k = (int) (rng() % 3); k > 0 && head <= i; k--, head++)
			if (!glue_remove(&t, CX_BUCKET_NPS, scores[head], &err))
				wrong++;
		for (int j = head; j <= i; j++)
		{
			want[scores[j] >= 9 ? CX_CAT_POSITIVE : scores[j] >= 7 ? CX_CAT_NEUTRAL : CX_CAT_NEGATIVE]++;
			want_sum += scores[j];
		}
		if (t.count[0] != want[0] || t.count[1] != want[1] || t.count[2] != want[2] ||
			cx_tally_score_sum(&t) != want_sum || cx_tally_scale(&t) != (head <= i ? 10 : 0))
			wrong++;
	}
	CHECK(wrong == 0, "a sliding frame of 5000 rows counts what an independent recount finds (%d frames wrong)", wrong);
}

static void
test_remove_declines(void)
{
	CxTally		t,
				before;
	CxError		err;

	cx_tally_init(&t, CX_METRIC_NPS);
	before = t;
	CHECK(!cx_tally_remove_fast(&t, CX_BUCKET_NPS, 5) && same_tally(&t, &before),
		  "removing from an empty tally declines without change");
	CHECK(!glue_remove(&t, CX_BUCKET_NPS, 5, &err) && err.status == CX_ERR_PARAMETER,
		  "and cx_tally_remove reports the inconsistency");
	CHECK(glue_add(&t, CX_BUCKET_NPS, 3, &err), "add a 3");
	before = t;
	CHECK(!cx_tally_remove_fast(&t, CX_BUCKET_NPS, 10) && same_tally(&t, &before),
		  "removing a promoter the tally never held declines without change");
	CHECK(!cx_tally_remove_fast(&t, CX_BUCKET_NPS, 5) && same_tally(&t, &before),
		  "removing a larger score than the sum declines without change");
	CHECK(cx_tally_remove_fast(&t, CX_BUCKET_NPS, 3) && cx_tally_total(&t) == 0 &&
		  cx_tally_scale(&t) == 0 && cx_tally_score_sum(&t) == 0,
		  "removing the last response empties the tally and forgets the scale");
}

int
main(void)
{
	test_add_matches_complete();
	test_add_declines();
	test_remove_window();
	test_remove_declines();
	return unit_summary();
}
