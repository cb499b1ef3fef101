/*
 * Unit tests of the pure core: feedback parsing and formatting, the
 * category table, the binary wire form, and the tally arithmetic.  Expected
 * values come from the definitions (Bain's NPS split, top-2-box CSAT/CES),
 * written out here by hand, not from the code under test.
 */
#include "cx_core.h"
#include "cx_tally.h"
#include "unit.h"

static CxFeedback
parse_ok(const char *s)
{
	CxFeedback	fb = 0;
	CxError		err;

	CHECK(cx_feedback_parse(s, strlen(s), &fb, &err), "parse \"%s\"", s);
	return fb;
}

static void
parse_fails(const char *s, CxStatus status)
{
	CxFeedback	fb;
	CxError		err = {0};
	bool		ok = cx_feedback_parse(s, strlen(s), &fb, &err);

	CHECK(!ok && err.status == status, "reject \"%s\" with status %d (%s)",
		  s, (int) status, err.message);
}

static void
formats_as(const char *in, const char *want)
{
	char		buf[CX_FEEDBACK_TEXT_MAX];
	CxFeedback	fb = parse_ok(in);

	cx_feedback_format(fb, buf);
	CHECK(strcmp(buf, want) == 0, "\"%s\" prints as \"%s\" (got \"%s\")", in, want, buf);
}

static void
test_feedback_text(void)
{
	formats_as("nps:9", "nps:9");
	formats_as("  NPS : 10 ", "nps:10");
	formats_as("nps:0/10", "nps:0");
	formats_as("csat:4", "csat:4/5");
	formats_as("Csat:4/5", "csat:4/5");
	formats_as("csat:good", "csat:2/2");
	formats_as("CSAT: Bad", "csat:1/2");
	formats_as("csat:10/10", "csat:10/10");
	formats_as("ces:6", "ces:6/7");
	formats_as("ces : 5 / 5", "ces:5/5");
	formats_as("nps:+7", "nps:7");

	parse_fails("", CX_ERR_SYNTAX);
	parse_fails("   ", CX_ERR_SYNTAX);
	parse_fails("nps", CX_ERR_SYNTAX);
	parse_fails("nps:", CX_ERR_SYNTAX);
	parse_fails("nps 9", CX_ERR_SYNTAX);
	parse_fails("nps:9x", CX_ERR_SYNTAX);
	parse_fails("nps:9/", CX_ERR_SYNTAX);
	parse_fails("nps:nine", CX_ERR_SYNTAX);
	parse_fails("nps:good", CX_ERR_SYNTAX);
	parse_fails("ces:good", CX_ERR_SYNTAX);
	parse_fails("csat:goodish", CX_ERR_SYNTAX);
	parse_fails("csat:good/2", CX_ERR_SYNTAX);
	parse_fails("xyz:3", CX_ERR_SYNTAX);
	parse_fails("nps:9:9", CX_ERR_SYNTAX);
	parse_fails("nps:11", CX_ERR_RANGE);
	parse_fails("nps:-1", CX_ERR_RANGE);
	parse_fails("nps:9/5", CX_ERR_RANGE);
	parse_fails("csat:0/5", CX_ERR_RANGE);
	parse_fails("csat:6", CX_ERR_RANGE);
	parse_fails("csat:3/4", CX_ERR_RANGE);
	parse_fails("csat:3/-5", CX_ERR_RANGE);
	parse_fails("ces:8", CX_ERR_RANGE);
	parse_fails("ces:3/10", CX_ERR_RANGE);
	parse_fails("nps:99999999999999999999999999", CX_ERR_RANGE);
	parse_fails("csat:1/99999999999999999999999999", CX_ERR_RANGE);

	/* an embedded NUL is not the end of the input */
	{
		CxFeedback	fb;
		CxError		err;

		CHECK(!cx_feedback_parse("nps:9\0x", 7, &fb, &err) && err.status == CX_ERR_SYNTAX,
			  "embedded NUL rejected");
	}
}

static void
test_ordering(void)
{
	CHECK(parse_ok("nps:10") < parse_ok("csat:1/2"), "nps sorts before csat");
	CHECK(parse_ok("csat:2/2") < parse_ok("csat:1/5"), "csat scale 2 before scale 5");
	CHECK(parse_ok("csat:4/5") < parse_ok("csat:5/5"), "scores ascend within a scale");
	CHECK(parse_ok("csat:5/10") < parse_ok("ces:1/5"), "csat sorts before ces");
}

/* Expected categories, written out from the definitions in the README. */
static void
test_categories(void)
{
	static const struct
	{
		const char *text;
		CxCategory	want;
	}			cases[] = {
		{"nps:0", CX_CAT_NEGATIVE}, {"nps:6", CX_CAT_NEGATIVE},
		{"nps:7", CX_CAT_NEUTRAL}, {"nps:8", CX_CAT_NEUTRAL},
		{"nps:9", CX_CAT_POSITIVE}, {"nps:10", CX_CAT_POSITIVE},
		{"csat:1/2", CX_CAT_NEGATIVE}, {"csat:2/2", CX_CAT_POSITIVE},
		{"csat:1/3", CX_CAT_NEGATIVE}, {"csat:2/3", CX_CAT_NEUTRAL}, {"csat:3/3", CX_CAT_POSITIVE},
		{"csat:2/5", CX_CAT_NEGATIVE}, {"csat:3/5", CX_CAT_NEUTRAL}, {"csat:4/5", CX_CAT_POSITIVE},
		{"csat:2/7", CX_CAT_NEGATIVE}, {"csat:3/7", CX_CAT_NEUTRAL}, {"csat:5/7", CX_CAT_NEUTRAL},
		{"csat:6/7", CX_CAT_POSITIVE},
		{"csat:3/10", CX_CAT_NEGATIVE}, {"csat:4/10", CX_CAT_NEUTRAL}, {"csat:7/10", CX_CAT_NEUTRAL},
		{"csat:8/10", CX_CAT_POSITIVE},
		{"ces:2/5", CX_CAT_NEGATIVE}, {"ces:3/5", CX_CAT_NEUTRAL}, {"ces:4/5", CX_CAT_POSITIVE},
		{"ces:3/7", CX_CAT_NEGATIVE}, {"ces:4/7", CX_CAT_NEUTRAL}, {"ces:5/7", CX_CAT_POSITIVE},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		CxFeedback	fb = parse_ok(cases[i].text);

		CHECK(cx_category(cx_feedback_bucket(fb), cx_feedback_score(fb)) == cases[i].want,
			  "category of %s", cases[i].text);
	}
	CHECK(strcmp(cx_category_name(CX_METRIC_NPS, CX_CAT_NEUTRAL), "passive") == 0,
		  "NPS neutral is called passive");
	/* the slot table covers every point of every bucket exactly once */
	{
		int			slots = 0;

		for (int b = 0; b < CX_NBUCKETS; b++)
		{
			CHECK(cx_buckets[b].first_slot == slots, "bucket %s starts at slot %d",
				  cx_buckets[b].name, slots);
			slots += cx_buckets[b].npoints;
		}
		CHECK(slots == CX_NSLOTS, "%d slots in all", CX_NSLOTS);
	}
}

static void
test_binary(void)
{
	unsigned char wire[CX_FEEDBACK_WIRE_LEN];
	CxFeedback	fb = parse_ok("csat:4/7"),
				back = 0;
	CxError		err;

	cx_feedback_encode(fb, wire);
	CHECK(wire[0] == 2 && wire[1] == 7 && wire[2] == 4, "wire bytes are metric, scale, score");
	CHECK(cx_feedback_decode(wire, 3, &back, &err) && back == fb, "binary round trip");
	CHECK(!cx_feedback_decode(wire, 2, &back, &err) && err.status == CX_ERR_BINARY, "short binary rejected");
	CHECK(!cx_feedback_decode(wire, 4, &back, &err) && err.status == CX_ERR_BINARY, "long binary rejected");
	wire[0] = 9;
	CHECK(!cx_feedback_decode(wire, 3, &back, &err) && err.status == CX_ERR_BINARY, "unknown metric code rejected");
	wire[0] = 1;
	wire[1] = 10;
	wire[2] = 11;
	CHECK(!cx_feedback_decode(wire, 3, &back, &err) && err.status == CX_ERR_RANGE, "NPS score 11 rejected");
	wire[1] = 7;
	wire[2] = 5;
	CHECK(!cx_feedback_decode(wire, 3, &back, &err) && err.status == CX_ERR_RANGE, "NPS scale 7 rejected");
	CHECK(!cx_feedback_valid(0x01000A09u), "a high byte set is invalid");
	CHECK(cx_feedback_valid(parse_ok("ces:1/5")), "a parsed value is valid");
}

static void
test_tally(void)
{
	CxTally		t,
				u;
	CxError		err;
	double		r;
	/* NPS scores 0..10 once each: 2 promoters, 2 passives, 7 detractors */
	cx_tally_init(&t, CX_METRIC_NPS);
	CHECK(!cx_tally_nps(&t, &r), "empty tally has no NPS");
	for (int s = 0; s <= 10; s++)
		cx_tally_add(&t, CX_BUCKET_NPS, s, &err);
	CHECK(t.count[0] == 2 && t.count[1] == 2 && t.count[2] == 7, "NPS category counts 2/2/7");
	CHECK(cx_tally_nps(&t, &r) && fabs(r - 100.0 * (2 - 7) / 11) < 1e-12, "NPS of 0..10 is -45.45");
	CHECK(cx_tally_score_sum(&t) == 55 && cx_tally_scale(&t) == 10 &&
		  cx_tally_metric(&t) == CX_METRIC_NPS, "score sum 55, scale 10, metric nps");

	/* remove restores, and an emptied tally forgets its scale */
	for (int s = 0; s <= 10; s++)
		cx_tally_remove(&t, CX_BUCKET_NPS, s, &err);
	CHECK(cx_tally_total(&t) == 0 && cx_tally_scale(&t) == 0 && cx_tally_score_sum(&t) == 0,
		  "remove undoes add");
	CHECK(!cx_tally_remove(&t, CX_BUCKET_NPS, 3, &err), "cannot remove from an empty tally");

	/* CSAT may mix scales; CES may not */
	cx_tally_init(&t, CX_METRIC_CSAT);
	CHECK(cx_tally_add(&t, CX_BUCKET_CSAT5, 4, &err) && cx_tally_add(&t, CX_BUCKET_CSAT2, 1, &err),
		  "CSAT on 5- and 2-point scales counts");
	CHECK(cx_tally_scale(&t) == CX_TALLY_MIXED_SCALES && cx_tally_csat(&t, &r) && r == 50.0,
		  "mixed CSAT: 1 of 2 satisfied = 50");
	cx_tally_init(&t, CX_METRIC_CES);
	CHECK(cx_tally_add(&t, CX_BUCKET_CES5, 4, &err), "CES 4/5 counts");
	CHECK(!cx_tally_add(&t, CX_BUCKET_CES7, 4, &err) && err.status == CX_ERR_MIXED_SCALE,
		  "CES 4/7 after 4/5 is a mixed-scale error");
	CHECK(cx_tally_ces(&t, &r) && r == 4.0, "CES mean of one 4 is 4");

	/* combine adds, checks metrics and overflow */
	cx_tally_init(&t, CX_METRIC_NPS);
	cx_tally_init(&u, CX_METRIC_NPS);
	cx_tally_add(&t, CX_BUCKET_NPS, 10, &err);
	cx_tally_add(&u, CX_BUCKET_NPS, 0, &err);
	cx_tally_add(&u, CX_BUCKET_NPS, 7, &err);
	CHECK(cx_tally_combine(&t, &u, &err) && cx_tally_total(&t) == 3 && cx_tally_score_sum(&t) == 17,
		  "combine sums counts and scores");
	{
		CxTally		csat;

		cx_tally_init(&csat, CX_METRIC_CSAT);
		cx_tally_add(&csat, CX_BUCKET_CSAT5, 5, &err);
		CHECK(!cx_tally_combine(&t, &csat, &err) && err.status == CX_ERR_PARAMETER,
			  "combining different metrics fails");
	}
	{
		CxTally		big = t;

		cx_tally_set_score_sum(&big, CX_TALLY_SUM_MAX - 17);
		CHECK(cx_tally_combine(&big, &t, &err) && cx_tally_score_sum(&big) == CX_TALLY_SUM_MAX,
			  "combined score sums may reach 2^56 - 1");
		CHECK(!cx_tally_combine(&big, &u, &err) && err.status == CX_ERR_OVERFLOW &&
			  cx_tally_score_sum(&big) == CX_TALLY_SUM_MAX && cx_tally_scale(&big) == 10,
			  "but not pass it; the target is unchanged");
	}
	u.count[0] = INT64_MAX;
	CHECK(!cx_tally_combine(&t, &u, &err) && err.status == CX_ERR_OVERFLOW, "combine overflow detected");
	CHECK(cx_tally_total(&t) == 3, "a failed combine leaves the target unchanged");
	t.count[0] = INT64_MAX;
	CHECK(!cx_tally_add(&t, CX_BUCKET_NPS, 9, &err) && err.status == CX_ERR_OVERFLOW, "add overflow detected");
}

static void
test_tally_text(void)
{
	const char *good = "metric=ces scale=7 positive=2 neutral=1 negative=0 score_sum=16";
	char		buf[CX_TALLY_TEXT_MAX];
	CxTally		t;
	CxError		err;
	static const char *const bad[] = {
		"",
		"metric=ces",
		"metric=foo scale=7 positive=0 neutral=0 negative=0 score_sum=0",
		"metric=ces scale=6 positive=1 neutral=0 negative=0 score_sum=6",
		"metric=ces scale=7 positive=-1 neutral=0 negative=0 score_sum=0",
		"metric=ces scale=7 positive=1 neutral=0 negative=0 score_sum=99",
		"metric=ces scale=none positive=1 neutral=0 negative=0 score_sum=5",
		"metric=ces scale=mixed positive=1 neutral=0 negative=0 score_sum=5",
		"metric=csat scale=2 positive=0 neutral=1 negative=0 score_sum=1",
		"metric=nps scale=10 positive=99999999999999999999 neutral=0 negative=0 score_sum=0",
		"metric=nps scale=10 positive=0 neutral=0 negative=0 score_sum=0 extra",
		"metric=ces scale=7 positive=0 neutral=0 negative=9223372036854775807 score_sum=72057594037927936",
		"metric=csat scale=99 positive=1 neutral=0 negative=0 score_sum=5",
	};
	static const char *const limits[] = {
		"metric=ces scale=7 positive=0 neutral=0 negative=72057594037927935 score_sum=72057594037927935",
		"metric=csat scale=mixed positive=7205759403792794 neutral=0 negative=0 score_sum=72057594037927935",
		"metric=nps scale=10 positive=0 neutral=0 negative=9223372036854775807 score_sum=0",
	};

	CHECK(cx_tally_parse(good, strlen(good), &t, &err), "parse a tally");
	cx_tally_format(&t, buf, sizeof(buf));
	CHECK(strcmp(buf, good) == 0, "tally text round trip");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!cx_tally_parse(bad[i], strlen(bad[i]), &t, &err) && err.status == CX_ERR_SYNTAX,
			  "reject tally \"%s\"", bad[i]);
	/* values at the limits read back and print exactly */
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
	{
		bool		parsed = cx_tally_parse(limits[i], strlen(limits[i]), &t, &err);

		if (parsed)
			cx_tally_format(&t, buf, sizeof(buf));
		CHECK(parsed && strcmp(buf, limits[i]) == 0, "tally at a limit round-trips: \"%s\"", limits[i]);
	}
}

int
main(void)
{
	test_feedback_text();
	test_ordering();
	test_categories();
	test_binary();
	test_tally();
	test_tally_text();
	return unit_summary();
}
