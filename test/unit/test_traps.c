/*
 * Unit tests of the 0.2.0 "no silent traps" core: polarity, ordering within
 * one metric and scale, and the selectivity arithmetic of the ordering
 * operators.  Expected values are written out by hand from the definitions
 * (Bain's NPS split, top-2-box CSAT and CES, the slot layout of cx_core.h).
 */
#include "cx_core.h"
#include "unit.h"

static CxFeedback
fb(const char *s)
{
	CxFeedback	v = 0;
	CxError		err;

	if (!cx_feedback_parse(s, strlen(s), &v, &err))
		printf("# cannot parse \"%s\": %s\n", s, err.message);
	return v;
}

static void
polarity_is(const char *value, const char *want)
{
	const char *got = cx_polarity_name(cx_feedback_polarity(fb(value)));

	CHECK(got && strcmp(got, want) == 0, "polarity of %s is %s (got %s)",
		  value, want, got ? got : "NULL");
}

static void
test_polarity(void)
{
	/* NPS: 0..6 detractors, 7..8 passives, 9..10 promoters */
	polarity_is("nps:0", "negative");
	polarity_is("nps:6", "negative");
	polarity_is("nps:7", "neutral");
	polarity_is("nps:8", "neutral");
	polarity_is("nps:9", "positive");
	polarity_is("nps:10", "positive");
	/* CSAT/2 (good/bad), /3, /5, /7, /10 */
	polarity_is("csat:bad", "negative");
	polarity_is("csat:good", "positive");
	polarity_is("csat:1/3", "negative");
	polarity_is("csat:2/3", "neutral");
	polarity_is("csat:3/3", "positive");
	polarity_is("csat:2/5", "negative");
	polarity_is("csat:3/5", "neutral");
	polarity_is("csat:4/5", "positive");
	polarity_is("csat:2/7", "negative");
	polarity_is("csat:5/7", "neutral");
	polarity_is("csat:6/7", "positive");
	polarity_is("csat:3/10", "negative");
	polarity_is("csat:7/10", "neutral");
	polarity_is("csat:8/10", "positive");
	/* CES/5 and /7: high scores are easy */
	polarity_is("ces:2/5", "negative");
	polarity_is("ces:3/5", "neutral");
	polarity_is("ces:4/5", "positive");
	polarity_is("ces:3/7", "negative");
	polarity_is("ces:4/7", "neutral");
	polarity_is("ces:5/7", "positive");

	CHECK(cx_polarity_name((CxCategory) 3) == NULL, "no polarity name past negative");
	CHECK(cx_polarity_name((CxCategory) -1) == NULL, "no polarity name before positive");
}

static void
compares(const char *a, const char *b, CxCompareOp op, bool want)
{
	static const char *const names[] = {"<", "<=", ">", ">="};
	bool		result = !want;
	CxError		err = {0};
	bool		ok = cx_feedback_compare(fb(a), fb(b), op, &result, &err);

	CHECK(ok && result == want, "%s %s %s is %s", a, names[op], b,
		  want ? "true" : "false");
}

static void
refuses(const char *a, const char *b, const char *message)
{
	bool		result = false;
	CxError		err = {0};

	for (int op = CX_CMP_LT; op <= CX_CMP_GE; op++)
	{
		bool		ok = cx_feedback_compare(fb(a), fb(b), (CxCompareOp) op,
											 &result, &err);

		CHECK(!ok && err.status == CX_ERR_PARAMETER &&
			  strcmp(err.message, message) == 0 && err.hint[0] != '\0',
			  "%s vs %s (operator %d): \"%s\" (got \"%s\")", a, b, op,
			  message, err.message);
	}
}

static void
test_compare(void)
{
	compares("nps:9", "nps:9", CX_CMP_GE, true);
	compares("nps:9", "nps:9", CX_CMP_GT, false);
	compares("nps:9", "nps:9", CX_CMP_LE, true);
	compares("nps:9", "nps:9", CX_CMP_LT, false);
	compares("nps:10", "nps:9", CX_CMP_GT, true);
	compares("nps:0", "nps:9", CX_CMP_LT, true);
	compares("nps:0", "nps:9", CX_CMP_GE, false);
	compares("csat:2/5", "csat:3/5", CX_CMP_LT, true);
	compares("csat:bad", "csat:good", CX_CMP_LT, true);
	compares("ces:7", "ces:6/7", CX_CMP_GT, true);

	refuses("nps:9", "csat:4/5", "cannot compare NPS feedback with CSAT feedback");
	refuses("csat:1/5", "nps:9", "cannot compare CSAT feedback with NPS feedback");
	refuses("ces:7/7", "nps:0", "cannot compare CES feedback with NPS feedback");
	refuses("csat:4/5", "csat:8/10",
			"cannot compare CSAT feedback on a 5-point scale with one on a 10-point scale");
	refuses("ces:5/5", "ces:5/7",
			"cannot compare CES feedback on a 5-point scale with one on a 7-point scale");

	{
		bool		result;
		CxError		err = {0};

		cx_feedback_compare(fb("nps:9"), fb("csat:good"), CX_CMP_LT, &result, &err);
		CHECK(strcmp(err.detail, "The values are nps:9 and csat:2/2.") == 0,
			  "the detail names both values (got \"%s\")", err.detail);
	}
}

#define CLOSE(a, b) (fabs((a) - (b)) < 1e-9)

static void
test_selectivity(void)
{
	/* a column of 30% nps:9, 10% nps:3, 40% csat:2/5, 10% ces:6/7, 10% NULL */
	CxFeedback	mcv[] = {fb("csat:2/5"), fb("nps:9"), fb("nps:3"), fb("ces:6")};
	double		freq[] = {0.4, 0.3, 0.1, 0.1};
	double		s;

	s = cx_feedback_ineq_selectivity(CX_CMP_GE, fb("nps:9"), 0.1, mcv, freq, 4,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.3), "fb >= nps:9 matches the nps:9 rows only (got %g)", s);
	s = cx_feedback_ineq_selectivity(CX_CMP_GT, fb("nps:9"), 0.1, mcv, freq, 4,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.0), "fb > nps:9 matches nothing, not the CSAT and CES rows (got %g)", s);
	s = cx_feedback_ineq_selectivity(CX_CMP_LT, fb("csat:3/5"), 0.1, mcv, freq, 4,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.4), "fb < csat:3/5 matches csat:2/5 only, not NPS (got %g)", s);
	s = cx_feedback_ineq_selectivity(CX_CMP_LE, fb("nps:8"), 0.1, mcv, freq, 4,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.1), "fb <= nps:8 matches nps:3 (got %g)", s);
	s = cx_feedback_ineq_selectivity(CX_CMP_LT, fb("nps:0"), 0.1, mcv, freq, 4,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.0), "fb < nps:0 matches nothing (got %g)", s);
	s = cx_feedback_ineq_selectivity(CX_CMP_GE, fb("csat:1/10"), 0.1, mcv, freq, 4,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.0), "fb >= csat:1/10 matches no csat/5 row (got %g)", s);

	/* common values cover 90% of 95% non-null: the rest is like them */
	{
		double		f2[] = {0.4, 0.3, 0.1, 0.1};

		s = cx_feedback_ineq_selectivity(CX_CMP_GE, fb("nps:9"), 0.05, mcv, f2, 4,
										 NULL, 0, 0.3333);
		CHECK(CLOSE(s, 0.3 + 0.05 * 0.3 / 0.9), "rest without histogram scales like the MCVs (got %g)", s);
	}

	/*
	 * Histogram only: bounds nps:0, nps:10, csat:5/5, ces:7/7 make three
	 * bins of a third each.  NPS slots 0..10 (bin 1 spans slots 0..10),
	 * csat/2 11..12, csat/3 13..15, csat/5 16..20 (bin 2 spans 10..20),
	 * csat/7 21..27, csat/10 28..37, ces/5 38..42, ces/7 43..49 (bin 3
	 * spans 20..49).
	 */
	{
		CxFeedback	hist[] = {fb("nps:0"), fb("nps:10"), fb("csat:5/5"), fb("ces:7/7")};

		/* nps >= 9: slots 9..10, i.e. [8.5, 10.5] ∩ bin 1 [0, 10] = 1.5 of 10, ∩ bin 2 [10, 20] = 0.5 of 10 */
		s = cx_feedback_ineq_selectivity(CX_CMP_GE, fb("nps:9"), 0.0, NULL, NULL, 0,
										 hist, 4, 0.3333);
		CHECK(CLOSE(s, (0.15 + 0.05) / 3), "histogram: fb >= nps:9 (got %g)", s);
		/* ces/7 < 4: slots 43..45 = [42.5, 45.5] in bin 3 [20, 49]: 3 of 29 */
		s = cx_feedback_ineq_selectivity(CX_CMP_LT, fb("ces:4/7"), 0.0, NULL, NULL, 0,
										 hist, 4, 0.3333);
		CHECK(CLOSE(s, 3.0 / 29 / 3), "histogram: fb < ces:4/7 (got %g)", s);
	}

	/* nothing to go on: the default */
	s = cx_feedback_ineq_selectivity(CX_CMP_GE, fb("nps:9"), 0.0, NULL, NULL, 0,
									 NULL, 0, 0.3333);
	CHECK(CLOSE(s, 0.3333), "no statistics: the default (got %g)", s);
	/* invalid values in the statistics are ignored, never indexed */
	{
		CxFeedback	bad[] = {0xFFFFFFFF, fb("nps:9")};
		double		bf[] = {0.5, 0.5};

		s = cx_feedback_ineq_selectivity(CX_CMP_GE, fb("nps:9"), 0.0, bad, bf, 2,
										 bad, 2, 0.3333);
		CHECK(CLOSE(s, 0.5), "an invalid statistic value is skipped (got %g)", s);
	}
}

int
main(void)
{
	test_polarity();
	test_compare();
	test_selectivity();
	return unit_summary();
}
