/*-------------------------------------------------------------------------
 *
 * cx_stats.h
 *		Standard errors, confidence intervals and significance tests on a
 *		feedback_summary, and the normal and Student's t distribution
 *		functions they rest on.  Pure C: libc and libm only.
 *
 * Conventions shared by every statistic (the README's "Error bars and
 * significance" section states them for users):
 *
 * - NPS and CSAT results are on the scale of the metric itself, percentage
 *   points (NPS -100..100, CSAT 0..100); CES results are on the score scale.
 * - n is the number of responses of the metric, or for a weighted summary
 *   Kish's effective sample size n_eff = (sum w)^2 / sum w^2 over the
 *   metric's buckets.  Proportions and means are weighted.
 * - Proportion variances use n (the plug-in / maximum likelihood form that
 *   Rocks 2016 and the textbook Wald and Wilson intervals use), so they are
 *   defined from one response on.  The CES variance is the sample variance
 *   with n - 1 and Student's t with n - 1 degrees of freedom, so it needs
 *   n > 1.
 * - Argument errors (confidence, method) are raised before the data is
 *   looked at; a statistic that the data cannot support is SQL NULL.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_STATS_H
#define CX_STATS_H

#include "cx_summary.h"

/* ----------------------------------------------------------------
 * Distribution functions.  Accurate to 1e-13 relative or better in the
 * ranges the statistics use; unit-tested against published values.
 * ----------------------------------------------------------------
 */

/* Standard normal CDF and upper tail (the tail without cancellation). */
extern double cx_norm_cdf(double x);
extern double cx_norm_sf(double x);

/*
 * Standard normal quantile, Wichura's AS 241 (PPND16).  -inf at p = 0,
 * +inf at p = 1, NaN outside [0, 1].
 */
extern double cx_norm_quantile(double p);

/* log Beta(a, b) for a, b > 0, without the cancellation of lgamma sums. */
extern double cx_log_beta(double a, double b);

/*
 * Regularized incomplete beta I_x(a, b).  The caller passes y = 1 - x as
 * well, computed without rounding where it can, because the tails need it.
 */
extern double cx_beta_inc(double a, double b, double x, double y);

/* Student's t with df > 0 degrees of freedom (df may be fractional). */
extern double cx_t_pdf(double t, double df);
extern double cx_t_cdf(double t, double df);
extern double cx_t_sf(double t, double df);	/* P(T > t) */

/* P(|T| >= |t|): the two-sided p-value of a t statistic. */
extern double cx_t_two_sided_p(double t, double df);

/*
 * t such that P(T > t) = alpha; the lower quantile is -t.  Solved to full
 * double precision by safeguarded Newton steps on log P(T > t).
 */
extern double cx_t_upper_quantile(double alpha, double df);

/* t such that P(T <= t) = p. */
extern double cx_t_quantile(double p, double df);

/* ----------------------------------------------------------------
 * Arguments
 * ----------------------------------------------------------------
 */

typedef enum CxCiMethod
{
	CX_CI_WALD = 0,				/* NPS and CSAT */
	CX_CI_ADJUSTED_WALD,		/* NPS: Rocks's pseudo-observations */
	CX_CI_SCORE,				/* NPS: Rocks's iterative score interval */
	CX_CI_WILSON				/* CSAT */
} CxCiMethod;

/*
 * Method named by text (case-insensitive, len bytes) for metric's interval:
 * NPS takes wald, adjusted_wald and score; CSAT takes wilson and wald.
 * Anything else fails with CX_ERR_PARAMETER and a hint listing the methods.
 */
extern bool cx_ci_method_parse(CxMetric metric, const char *name, size_t len,
							   CxCiMethod *method, CxError *err);

/* Fails with CX_ERR_PARAMETER unless 0 < confidence < 1. */
extern bool cx_confidence_check(double confidence, CxError *err);

/* ----------------------------------------------------------------
 * What a summary says about one metric
 * ----------------------------------------------------------------
 */

/* Outcome of a statistic: a value, no value (SQL NULL), or an error. */
typedef enum CxStatOutcome
{
	CX_STAT_ERROR = -1,			/* err says why */
	CX_STAT_NULL = 0,			/* no value: SQL NULL */
	CX_STAT_VALUE = 1
} CxStatOutcome;

/*
 * Category shares of one metric: the (weighted) proportions of positive,
 * neutral and negative responses (promoter/passive/detractor for NPS,
 * satisfied/neutral/dissatisfied for CSAT, pooled over every CSAT scale,
 * each response categorized on its own scale).
 */
typedef struct CxShares
{
	int64_t		responses;		/* responses counted */
	double		n;				/* responses, or Kish's n_eff if weighted */
	double		share[CX_NCATEGORIES];	/* indexed by CxCategory; sum 1 */
} CxShares;

/*
 * Fill shares for metric.  False when the summary holds no response of the
 * metric (or, weighted, only responses of zero weight): the SQL result is
 * then NULL.
 */
extern bool cx_shares_of(const CxSummary *s, CxMetric metric, CxShares *out);

/* CES scores: mean and sample variance of the scores on one scale. */
typedef struct CxMeanSample
{
	int64_t		responses;
	double		n;				/* responses, or Kish's n_eff if weighted */
	double		mean;			/* (weighted) mean score */
	double		variance;		/* s^2; NaN when n <= 1 (see cx_ces_sample) */
	int			scale;			/* 5 or 7 */
} CxMeanSample;

/*
 * Fill the CES sample.  Returns CX_STAT_NULL when there is no CES response
 * (or only responses of weight 0), CX_STAT_ERROR (CX_ERR_MIXED_SCALE) when
 * there are responses on both CES scales, as ces_agg does.  The variance is
 *	 unweighted: sum (x - mean)^2 / (n - 1)
 *	 weighted:   [sum w (x - mean)^2 / sum w] * n_eff / (n_eff - 1)
 * which is the same thing when every weight is 1; NaN when n <= 1.  When
 * every response has the same score the mean is that score exactly and the
 * variance exactly 0.
 */
extern CxStatOutcome cx_ces_sample(const CxSummary *s, CxMeanSample *out,
								   CxError *err);

/* ----------------------------------------------------------------
 * The statistics.  Each returns CX_STAT_VALUE with its result, CX_STAT_NULL
 * when the data cannot support it (documented per function), or
 * CX_STAT_ERROR with err filled.  Confidence is checked first.
 * ----------------------------------------------------------------
 */

/*
 * NPS.  With p+ and p- the promoter and detractor shares and
 * v = p+ + p- - (p+ - p-)^2 (the trinomial variance of a +1/0/-1 score),
 * stderr = 100 sqrt(v / n).  NULL without NPS responses.
 */
extern CxStatOutcome cx_nps_stderr(const CxSummary *s, double *out);

/*
 * NPS interval, 100 x:
 *	wald           (p+ - p-) +/- z sqrt(v / n)
 *	adjusted_wald  the same after adding 0.75 detractors, 1.5 passives and
 *	               0.75 promoters (n + 3; weighted, to the effective counts
 *	               n_eff * share)
 *	score          {D : |p+ - p- - D| sqrt(n) <= z sqrt(V(D))}, V(D) the
 *	               variance at the maximum likelihood shares constrained to
 *	               p+ - p- = D (Tango's score interval as Rocks applies it);
 *	               endpoints found by bisection to the last bit
 * NULL without NPS responses.  Wald intervals are not truncated to
 * [-100, 100]; the score interval never leaves it.
 */
extern CxStatOutcome cx_nps_interval(const CxSummary *s, double confidence,
									 CxCiMethod method, double *lower,
									 double *upper, CxError *err);

/*
 * Two independent samples: z = (nps_a - nps_b) / sqrt(v_a/n_a + v_b/n_b),
 * two-sided normal p-value.  NULL when either has no NPS response or the
 * standard error is 0 (each sample entirely one category).
 */
extern CxStatOutcome cx_nps_test(const CxSummary *a, const CxSummary *b,
								 double *p_value);

/* Wald interval of nps_a - nps_b.  NULL when either has no NPS response. */
extern CxStatOutcome cx_nps_diff_interval(const CxSummary *a, const CxSummary *b,
										  double confidence, double *lower,
										  double *upper, CxError *err);

/* CSAT, p the satisfied share: stderr = 100 sqrt(p (1 - p) / n). */
extern CxStatOutcome cx_csat_stderr(const CxSummary *s, double *out);

/*
 * CSAT interval, 100 x:
 *	wilson  (p + z^2/2n +/- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
 *	wald    p +/- z sqrt(p(1-p)/n)
 */
extern CxStatOutcome cx_csat_interval(const CxSummary *s, double confidence,
									  CxCiMethod method, double *lower,
									  double *upper, CxError *err);

/*
 * Two-proportion z test with the pooled share P = (x_a + x_b)/(n_a + n_b):
 * z = (p_a - p_b) / sqrt(P (1 - P) (1/n_a + 1/n_b)).  NULL when either has
 * no CSAT response or P is 0 or 1 (nobody or everybody satisfied).
 */
extern CxStatOutcome cx_csat_test(const CxSummary *a, const CxSummary *b,
								  double *p_value);

/* CES: stderr = s / sqrt(n).  NULL without CES responses or with n <= 1. */
extern CxStatOutcome cx_ces_stderr(const CxSummary *s, double *out,
								   CxError *err);

/* mean +/- t(n - 1) s / sqrt(n).  NULL as cx_ces_stderr. */
extern CxStatOutcome cx_ces_interval(const CxSummary *s, double confidence,
									 double *lower, double *upper,
									 CxError *err);

/*
 * Welch's t test: t = (m_a - m_b) / sqrt(s_a^2/n_a + s_b^2/n_b) with the
 * Welch-Satterthwaite degrees of freedom.  NULL when either sample has
 * n <= 1 or both have zero variance.  Samples on different CES scales
 * (5 and 7 points) cannot be compared: CX_ERR_MIXED_SCALE, as is either
 * sample mixing scales itself.
 */
extern CxStatOutcome cx_ces_test(const CxSummary *a, const CxSummary *b,
								 double *p_value, CxError *err);

/* ----------------------------------------------------------------
 * Differences and segment against the rest (0.2.0)
 * ----------------------------------------------------------------
 */

/*
 * Wald interval of csat_a - csat_b, 100 x
 *	 (p_a - p_b) +/- z sqrt(p_a (1 - p_a) / n_a + p_b (1 - p_b) / n_b)
 * (unpooled: an interval does not assume the two are equal, unlike the
 * pooled cx_csat_test).  NULL when either has no CSAT response.
 */
extern CxStatOutcome cx_csat_diff_interval(const CxSummary *a, const CxSummary *b,
										   double confidence, double *lower,
										   double *upper, CxError *err);

/*
 * Welch interval of ces_a - ces_b:
 *	 (m_a - m_b) +/- t(df) sqrt(s_a^2/n_a + s_b^2/n_b)
 * with the Welch-Satterthwaite df of cx_ces_test.  NULL as cx_ces_test
 * (either n <= 1, or both variances 0, where df is undefined); different
 * or mixed CES scales: CX_ERR_MIXED_SCALE.
 */
extern CxStatOutcome cx_ces_diff_interval(const CxSummary *a, const CxSummary *b,
										  double confidence, double *lower,
										  double *upper, CxError *err);

/*
 * The two-sided p-value of metric's test (cx_nps_test, cx_csat_test,
 * cx_ces_test) of segment against total - segment (cx_summary_difference).
 * CX_STAT_ERROR when segment is not contained in total, or as the test.
 */
extern CxStatOutcome cx_test_vs_rest(CxMetric metric, const CxSummary *segment,
									 const CxSummary *total, double *p_value,
									 CxError *err);

/* ----------------------------------------------------------------
 * Margins of error and sample sizes (0.2.0).  Margins are in points of
 * the metric (NPS points, CSAT percentage points).  Both metrics use an
 * adjusted-Wald interval, which adds pseudo-observations to the sample:
 *	NPS   Rocks's 0.75 promoters, 1.5 passives, 0.75 detractors (3 in all),
 *	      as nps_ci_lower(s, c, 'adjusted_wald');
 *	CSAT  Agresti-Coull's z^2/2 satisfied and z^2/2 others (z^2 in all).
 * The half width of such an interval at planning shares is
 * z sqrt(var / (n + k)), k the pseudo-observations, and the sample size for
 * a margin m (as a fraction) solves it for n:
 *	NPS   n = z^2 s^2 / m^2 - 3,   s^2 = p + d - (p - d)^2   (MeasuringU)
 *	CSAT  n = z^2 p (1 - p) / m^2 - z^2
 * rounded up, and never below 0.  The Agresti-Coull interval always
 * contains the Wilson interval (csat_ci_lower/upper's default), so a CSAT
 * sample of that size also gives a Wilson margin no larger than m.
 * ----------------------------------------------------------------
 */

/* Fails with CX_ERR_PARAMETER unless margin > 0 and finite. */
extern bool cx_margin_check(double margin, CxError *err);

/*
 * Half width of the adjusted-Wald NPS interval, in points.  NULL without
 * NPS responses.
 */
extern CxStatOutcome cx_nps_margin(const CxSummary *s, double confidence,
								   double *out, CxError *err);

/*
 * Half width of the Agresti-Coull CSAT interval, in points:
 * 100 z sqrt(p~ (1 - p~) / (n + z^2)), p~ = (p n + z^2/2) / (n + z^2).
 * NULL without CSAT responses.
 */
extern CxStatOutcome cx_csat_margin(const CxSummary *s, double confidence,
									double *out, CxError *err);

/*
 * Sample sizes from planning shares (fractions): promoters and detractors
 * each in [0, 1] with a sum of at most 1, satisfied in [0, 1]
 * (CX_ERR_PARAMETER otherwise); margin in points.  A value within 1e-9
 * (relative) of an integer is taken as that integer before rounding up, so
 * that round-off cannot add one to a size worked out exactly.
 * CX_ERR_RANGE if the size exceeds the 64-bit range.
 */
extern bool cx_nps_sample_size(double margin, double promoters, double detractors,
							   double confidence, int64_t *out, CxError *err);
extern bool cx_csat_sample_size(double margin, double satisfied,
								double confidence, int64_t *out, CxError *err);

/*
 * The same with the shares of a summary (weighted shares if weighted).
 * NULL without responses of the metric; arguments are checked first.
 */
extern CxStatOutcome cx_nps_sample_size_of(double margin, const CxSummary *s,
										   double confidence, int64_t *out,
										   CxError *err);
extern CxStatOutcome cx_csat_sample_size_of(double margin, const CxSummary *s,
											double confidence, int64_t *out,
											CxError *err);

/* ----------------------------------------------------------------
 * Response rates (0.2.0)
 * ----------------------------------------------------------------
 */

/*
 * 100 responses / invitations.  CX_ERR_PARAMETER if either is negative or
 * responses > invitations; NULL when invitations is 0 (and so responses).
 */
extern CxStatOutcome cx_response_rate(int64_t responses, int64_t invitations,
									  double *out, CxError *err);

/* Wilson interval of the rate, in percent; NULL and errors as above. */
extern CxStatOutcome cx_response_rate_interval(int64_t responses,
											   int64_t invitations,
											   double confidence, double *lower,
											   double *upper, CxError *err);

/* ----------------------------------------------------------------
 * Multiple comparisons (0.2.0), as R's p.adjust
 * ----------------------------------------------------------------
 */

typedef enum CxPAdjustMethod
{
	CX_P_HOLM = 0,				/* Holm 1979: step-down, family-wise error */
	CX_P_BH						/* Benjamini-Hochberg 1995: false discovery rate */
} CxPAdjustMethod;

/* Work space of cx_p_adjust: one per p-value. */
typedef struct CxPRank
{
	double		p;
	size_t		index;			/* position in the caller's array */
} CxPRank;

/*
 * Check one p-value: CX_ERR_PARAMETER for NaN, CX_ERR_RANGE outside [0, 1].
 */
extern bool cx_p_check(double p, CxError *err);

/*
 * adjusted[i] = the adjusted p[i] among the m values of p (checked with
 * cx_p_check), with p(1) <= ... <= p(m) sorted:
 *	Holm  p~(i) = min(1, max_{j <= i} (m - j + 1) p(j))
 *	BH    p~(i) = min(1, min_{j >= i} m p(j) / j)
 * Tied p-values get equal adjusted values whatever their order.  work
 * holds m entries.  Time O(m log m).
 */
extern void cx_p_adjust(CxPAdjustMethod method, const double *p, size_t m,
						double *adjusted, CxPRank *work);

/* ----------------------------------------------------------------
 * JSON report of a summary (0.2.0), for summary_jsonb
 * ----------------------------------------------------------------
 */

/*
 * {"responses": N, "weighted": false,
 *  "nps":  {"responses", "score", "stderr", "promoters", "passives",
 *           "detractors", "counts": {"10": [c0, ..., c10]}},
 *  "csat": {"responses", "score", "stderr", "satisfied", "neutral",
 *           "dissatisfied", "counts": {"5": [c1, ..., c5], ...}},
 *  "ces":  {"responses", "score", "stderr", "easy", "neutral",
 *           "difficult", "counts": {"7": [c1, ..., c7]}}}
 * A metric's object appears only when the summary holds responses of it.
 * Weighted: each metric also has "weight" (sum of its weights) and
 * "effective_n" (Kish), and score and stderr are the weighted ones.  A
 * value that is SQL NULL in the functions (stderr of one CES response; CES
 * on two scales) is JSON null.  Numbers are written with the fewest digits
 * (up to 17) that read back as the same double.  Returns the length, or
 * 0 if buflen (at least CX_SUMMARY_JSON_MAX is always enough) is too small.
 */
#define CX_SUMMARY_JSON_MAX 8192

extern size_t cx_summary_json(const CxSummary *s, char *buf, size_t buflen);

#endif							/* CX_STATS_H */
