/*
 * Unit tests of src/cx_stats.c: the distribution functions against
 * published values and closed forms, the intervals and tests against small
 * cases worked by hand from the formulas (the arithmetic is in the comments;
 * the long decimals were evaluated with 40-digit decimal arithmetic from
 * those formulas, not with this code), and every NULL and error case.
 */
#include "unit.h"

#include <float.h>
#include <stdlib.h>

#include "cx_stats.h"

#define PI 3.14159265358979323846
#define Z975 1.959963984540054235524594430520551504070

/* ---- building summaries -------------------------------------------- */

static void
summary_clear(CxSummary *s)
{
	memset(s, 0, sizeof(*s));
}

/* count responses of score in bucket, unweighted */
static void
put(CxSummary *s, int bucket, int score, int64_t count)
{
	s->count[cx_buckets[bucket].first_slot + score - cx_buckets[bucket].min_score] += count;
}

/* one weighted response */
static void
put_weighted(CxSummary *s, int bucket, int score, double weight)
{
	int			slot = cx_buckets[bucket].first_slot + score - cx_buckets[bucket].min_score;

	s->flags |= CX_SUMMARY_WEIGHTED;
	s->count[slot] += 1;
	s->wsum[slot] += weight;
	s->wsq[bucket] += weight * weight;
}

/* NPS summary with the given numbers of promoters, passives, detractors */
static void
nps_summary(CxSummary *s, int64_t promoters, int64_t passives, int64_t detractors)
{
	summary_clear(s);
	put(s, CX_BUCKET_NPS, 10, promoters);
	put(s, CX_BUCKET_NPS, 8, passives);
	put(s, CX_BUCKET_NPS, 3, detractors);
}

/* ---- distributions ------------------------------------------------- */

static void
test_normal(void)
{
	/* published values (also checked at 40 digits by the reference) */
	CHECK_CLOSE(cx_norm_quantile(0.975), 1.959963984540054, 1e-15, "Phi^-1(0.975)");
	CHECK_CLOSE(cx_norm_quantile(0.95), 1.6448536269514722, 1e-15, "Phi^-1(0.95)");
	CHECK_CLOSE(cx_norm_quantile(0.995), 2.5758293035489004, 1e-15, "Phi^-1(0.995)");
	CHECK_CLOSE(cx_norm_quantile(0.9), 1.2815515655446004, 1e-15, "Phi^-1(0.9)");
	CHECK_CLOSE(cx_norm_quantile(0.025), -1.959963984540054, 1e-15, "Phi^-1(0.025)");
	CHECK_CLOSE(cx_norm_quantile(1e-10), -6.361340902404056, 1e-14, "Phi^-1(1e-10), AS 241's far tail");
	CHECK(cx_norm_quantile(0.5) == 0.0, "Phi^-1(0.5) is 0");
	CHECK(isinf(cx_norm_quantile(0.0)) && cx_norm_quantile(0.0) < 0, "Phi^-1(0) is -inf");
	CHECK(isinf(cx_norm_quantile(1.0)) && cx_norm_quantile(1.0) > 0, "Phi^-1(1) is +inf");
	CHECK(isnan(cx_norm_quantile(1.5)) && isnan(cx_norm_quantile(-0.1)) &&
		  isnan(cx_norm_quantile(NAN)), "Phi^-1 outside [0, 1] is NaN");
	CHECK_CLOSE(cx_norm_cdf(1.96), 0.9750021048517795, 1e-15, "Phi(1.96)");
	CHECK_CLOSE(cx_norm_sf(5.0), 2.866515718791939e-07, 1e-13, "1 - Phi(5) without cancellation");

	/* Phi(Phi^-1(p)) = p over a grid that crosses all three AS 241 ranges */
	{
		double		worst = 0.0;

		/*
		 * A relative error e in x moves Phi(x) by about x^2 e relative in
		 * the tail, so the tolerance grows with x^2.
		 */
		for (int e = 1; e <= 300; e += 7)
			for (double m = 1.0; m < 10.0; m += 1.3)
			{
				double		p = m * pow(10.0, -e);
				double		x = cx_norm_quantile(p);
				double		back = cx_norm_cdf(x);

				worst = fmax(worst, fabs(back - p) / p / fmax(1.0, x * x));
			}
		for (double p = 0.001; p < 1.0; p += 0.00737)
			worst = fmax(worst, fabs(cx_norm_cdf(cx_norm_quantile(p)) - p) / p);
		CHECK(worst < 1e-14, "Phi(Phi^-1(p)) = p from 1e-300 to 1 (worst %.2g per x^2)", worst);
	}
}

static void
test_beta(void)
{
	/* I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b */
	CHECK_CLOSE(cx_beta_inc(3.5, 1.0, 0.3, 0.7), pow(0.3, 3.5), 1e-14, "I_x(a, 1) = x^a");
	CHECK_CLOSE(cx_beta_inc(1.0, 2.5, 0.3, 0.7), 1.0 - pow(0.7, 2.5), 1e-14, "I_x(1, b) = 1 - (1-x)^b");
	CHECK_CLOSE(cx_beta_inc(7.25, 7.25, 0.5, 0.5), 0.5, 1e-14, "I_1/2(a, a) = 1/2");
	CHECK(cx_beta_inc(2.0, 3.0, 0.0, 1.0) == 0.0 && cx_beta_inc(2.0, 3.0, 1.0, 0.0) == 1.0,
		  "I_0 = 0 and I_1 = 1");
	CHECK(isnan(cx_beta_inc(-1.0, 3.0, 0.5, 0.5)), "I_x(a, b) with a <= 0 is NaN");

	/* log B against lgamma where that is exact enough, on both sides of the branch at 10 */
	{
		double		pairs[][2] = {{0.5, 0.5}, {2.0, 3.0}, {9.5, 0.5}, {10.5, 0.5}, {12.0, 30.0}};

		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		{
			double		a = pairs[i][0],
						b = pairs[i][1];

			CHECK_CLOSE(cx_log_beta(a, b), lgamma(a) + lgamma(b) - lgamma(a + b), 1e-13,
						"log B(%g, %g)", a, b);
		}
	}
	/* where lgamma sums cancel; values from 40-digit Stirling series */
	CHECK_CLOSE(cx_log_beta(0.5, 400.0), -2.4230548307106709621, 1e-15, "log B(1/2, 400)");
	CHECK_CLOSE(cx_log_beta(1e6, 0.5), -6.3353902110574369650, 1e-15, "log B(1e6, 1/2)");

	/* B(a+1, b) = B(a, b) a / (a + b), to the precision log B is held in */
	{
		double		as[] = {1e4, 1e6, 1e9, 1e12};

		for (size_t i = 0; i < 4; i++)
		{
			double		a = as[i];

			double		lb = cx_log_beta(a, 0.5);

			CHECK(fabs(cx_log_beta(a + 1.0, 0.5) - lb - log(a / (a + 0.5))) <=
				  4.0 * DBL_EPSILON * fmax(1.0, fabs(lb)),
				  "log B(a+1, 1/2) - log B(a, 1/2) = log(a / (a + 1/2)) at a = %g", a);
			lb = cx_log_beta(a, 20.0);
			CHECK(fabs(cx_log_beta(a + 1.0, 20.0) - lb - log(a / (a + 20.0))) <=
				  4.0 * DBL_EPSILON * fmax(1.0, fabs(lb)),
				  "log B(a+1, 20) recurrence at a = %g", a);
		}
	}
}

/* closed forms of the t CDF for 1, 2, 3 and 4 degrees of freedom */
static double
t_cdf_closed(double t, int df)
{
	switch (df)
	{
		case 1:
			return 0.5 + atan(t) / PI;
		case 2:
			return 0.5 + t / (2.0 * sqrt(2.0 + t * t));
		case 3:
			{
				double		th = atan(t / sqrt(3.0));

				return 0.5 + (th + sin(th) * cos(th)) / PI;
			}
		default:
			{
				double		w = 1.0 + t * t / 4.0;

				return 0.5 + 0.375 * t / sqrt(w) * (1.0 - t * t / (12.0 * w));
			}
	}
}

static void
test_t_distribution(void)
{
	/* CDF against closed forms */
	{
		double		ts[] = {-30.0, -4.0, -1.0, -0.2, 0.0, 0.3, 1.0, 2.5, 7.0, 40.0};
		double		worst = 0.0;

		for (int df = 1; df <= 4; df++)
			for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++)
			{
				double		want = t_cdf_closed(ts[i], df);

				/* the closed forms themselves cancel in the tails */
				if (want > 0.9 || want < 0.01)
					continue;
				worst = fmax(worst, fabs(cx_t_cdf(ts[i], df) - want) / want);
			}
		CHECK(worst < 1e-13, "t CDF equals the closed forms for df 1..4 (worst %.2g)", worst);
	}
	CHECK_CLOSE(cx_t_sf(1e6, 1.0), atan(1e-6) / PI, 1e-14, "Cauchy tail at 1e6");
	CHECK_CLOSE(cx_t_sf(1e6, 2.0), 1.0 / (sqrt(2.0 + 1e12) * (sqrt(2.0 + 1e12) + 1e6)), 1e-13,
				"t(2) tail at 1e6");
	CHECK(cx_t_two_sided_p(0.0, 5.0) == 1.0 && cx_t_two_sided_p(INFINITY, 5.0) == 0.0,
		  "two-sided p is 1 at t = 0 and 0 at t = inf");
	CHECK(cx_t_two_sided_p(0.0, 5e6) == 1.0 && cx_t_two_sided_p(1e200, 5e6) == 0.0,
		  "two-sided p is 1 and 0 at the extremes with many df too");
	CHECK(isnan(cx_t_cdf(1.0, 0.0)) && isnan(cx_t_cdf(1.0, -2.0)) && isnan(cx_t_cdf(NAN, 3.0)),
		  "t CDF with df <= 0 or NaN is NaN");

	/* quantiles: standard tables, to the three decimals they print */
	{
		struct
		{
			double		p;
			double		df;
			double		table;
		}			tab[] = {
			{0.975, 1, 12.706}, {0.975, 2, 4.303}, {0.975, 3, 3.182}, {0.975, 4, 2.776},
			{0.975, 5, 2.571}, {0.975, 10, 2.228}, {0.975, 20, 2.086}, {0.975, 30, 2.042},
			{0.975, 60, 2.000}, {0.975, 120, 1.980}, {0.995, 1, 63.657}, {0.995, 5, 4.032},
			{0.995, 10, 3.169}, {0.995, 30, 2.750}, {0.95, 1, 6.314}, {0.95, 10, 1.812},
			{0.95, 30, 1.697}, {0.9, 5, 1.476},
		};

		for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		{
			double		q = cx_t_quantile(tab[i].p, tab[i].df);

			CHECK(fabs(round(q * 1000.0) / 1000.0 - tab[i].table) < 1e-9,
				  "t quantile (%g, df %g) = %.3f as tabulated (got %.6f)",
				  tab[i].p, tab[i].df, tab[i].table, q);
		}
	}
	/* quantiles: closed forms */
	CHECK_CLOSE(cx_t_quantile(0.975, 1.0), tan(PI * 0.475), 1e-13, "t(0.975, 1) = tan(0.475 pi)");
	CHECK_CLOSE(cx_t_quantile(0.975, 2.0), 0.95 / sqrt(2.0 * 0.975 * 0.025), 1e-13,
				"t(0.975, 2) = (2p-1)/sqrt(2p(1-p))");
	CHECK_CLOSE(cx_t_quantile(0.01, 1.0), tan(PI * -0.49), 1e-13, "t(0.01, 1), lower tail");
	CHECK_CLOSE(cx_t_upper_quantile(1e-10, 1.0), 1.0 / tan(PI * 1e-10), 1e-12,
				"Cauchy 1e-10 upper point");
	/* many degrees of freedom: the normal plus (z^3 + z) / 4df */
	CHECK_CLOSE(cx_t_quantile(0.975, 1e12),
				Z975 + (Z975 * Z975 * Z975 + Z975) / 4e12, 1e-14, "t(0.975, 1e12)");
	CHECK(cx_t_quantile(0.975, INFINITY) == cx_norm_quantile(0.975), "t with infinite df is normal");
	CHECK(cx_t_quantile(0.5, 7.0) == 0.0, "median is 0");
	CHECK(isinf(cx_t_quantile(1.0, 7.0)) && isnan(cx_t_quantile(1.2, 7.0)) &&
		  isnan(cx_t_quantile(0.9, 0.0)), "quantile at 1 is inf; outside [0, 1] or df <= 0 NaN");

	/* CDF(quantile(p)) = p, tail probabilities relative, across both methods */
	{
		double		dfs[] = {0.2, 0.7, 1.0, 1.5, 2.0, 3.7, 9.0, 31.0, 250.0, 999.0,
		1001.0, 5e3, 1e5, 3e6, 1e9, 1e13};
		double		alphas[] = {0.49, 0.3, 0.1, 0.05, 0.025, 0.005, 1e-4, 1e-8, 5e-17};
		double		worst = 0.0;

		for (size_t i = 0; i < sizeof(dfs) / sizeof(dfs[0]); i++)
			for (size_t j = 0; j < sizeof(alphas) / sizeof(alphas[0]); j++)
			{
				double		q = cx_t_upper_quantile(alphas[j], dfs[i]);
				double		back = cx_t_sf(q, dfs[i]);

				if (!isfinite(q))
					continue;
				worst = fmax(worst, fabs(back - alphas[j]) / alphas[j]);
			}
		CHECK(worst < 1e-12, "t sf(quantile(a)) = a over df 0.2..1e13, a 0.49..5e-17 (worst %.2g)", worst);
	}
	/* the continued fraction and the quadrature agree where they meet */
	{
		double		worst = 0.0;

		for (double t = 0.05; t < 60.0; t *= 1.37)
		{
			double		below = cx_t_two_sided_p(t, 1000.0);
			double		above = cx_t_two_sided_p(t, 1000.0 * (1.0 + 4.0 * DBL_EPSILON));

			worst = fmax(worst, fabs(above - below) / below);
		}
		CHECK(worst < 1e-12, "t tail continuous across df = 1000 (worst %.2g)", worst);
	}
}

/* ---- arguments ----------------------------------------------------- */

static void
test_arguments(void)
{
	CxError		err;
	CxCiMethod	m;

	CHECK(cx_ci_method_parse(CX_METRIC_NPS, "wald", 4, &m, &err) && m == CX_CI_WALD, "nps wald");
	CHECK(cx_ci_method_parse(CX_METRIC_NPS, "Adjusted_Wald", 13, &m, &err) &&
		  m == CX_CI_ADJUSTED_WALD, "nps adjusted_wald, any case");
	CHECK(cx_ci_method_parse(CX_METRIC_NPS, "score", 5, &m, &err) && m == CX_CI_SCORE, "nps score");
	CHECK(cx_ci_method_parse(CX_METRIC_CSAT, "WILSON", 6, &m, &err) && m == CX_CI_WILSON, "csat wilson");
	CHECK(cx_ci_method_parse(CX_METRIC_CSAT, "wald", 4, &m, &err) && m == CX_CI_WALD, "csat wald");

	memset(&err, 0, sizeof(err));
	CHECK(!cx_ci_method_parse(CX_METRIC_NPS, "wilson", 6, &m, &err) &&
		  err.status == CX_ERR_PARAMETER &&
		  strcmp(err.message, "unknown NPS confidence interval method \"wilson\"") == 0 &&
		  strstr(err.hint, "wald, adjusted_wald and score") != NULL,
		  "nps rejects wilson, naming its methods");
	CHECK(!cx_ci_method_parse(CX_METRIC_CSAT, "score", 5, &m, &err) &&
		  err.status == CX_ERR_PARAMETER && strstr(err.hint, "wilson and wald") != NULL,
		  "csat rejects score, naming its methods");
	CHECK(!cx_ci_method_parse(CX_METRIC_NPS, "wald\0x", 6, &m, &err), "embedded NUL is not wald");
	CHECK(!cx_ci_method_parse(CX_METRIC_NPS, "", 0, &m, &err), "empty method rejected");

	CHECK(cx_confidence_check(0.95, &err) && cx_confidence_check(1e-9, &err) &&
		  cx_confidence_check(0.999999, &err), "confidence inside (0, 1) accepted");
	CHECK(!cx_confidence_check(1.0, &err) && err.status == CX_ERR_PARAMETER &&
		  strcmp(err.message, "confidence level must be greater than 0 and less than 1") == 0 &&
		  strcmp(err.detail, "The confidence given was 1.") == 0,
		  "confidence 1 rejected");
	CHECK(!cx_confidence_check(0.0, &err) && !cx_confidence_check(-0.5, &err) &&
		  !cx_confidence_check(95.0, &err) && !cx_confidence_check(NAN, &err) &&
		  !cx_confidence_check(INFINITY, &err), "confidence 0, negative, 95, NaN, inf rejected");
}

/* ---- NPS ----------------------------------------------------------- */

static void
test_nps(void)
{
	CxSummary	s,
				t;
	CxError		err;
	double		v,
				lo,
				hi;

	/*
	 * 5 promoters, 3 passives, 2 detractors: p+ = .5, p- = .2, NPS 30,
	 * v = .5 + .2 - .3^2 = .61, stderr = 100 sqrt(.061) = 24.698178...
	 */
	nps_summary(&s, 5, 3, 2);
	CHECK(cx_nps_stderr(&s, &v) == CX_STAT_VALUE, "nps stderr has a value");
	CHECK_CLOSE(v, 24.698178070456938, 1e-14, "nps stderr 5/3/2 = 100 sqrt(.061)");

	/* Wald: 30 -+ 1.959963984540054 * 24.698178... */
	CHECK(cx_nps_interval(&s, 0.95, CX_CI_WALD, &lo, &hi, &err) == CX_STAT_VALUE, "wald value");
	CHECK_CLOSE(lo, -18.407539501852569, 1e-13, "nps wald lower 5/3/2");
	CHECK_CLOSE(hi, 78.407539501852569, 1e-13, "nps wald upper 5/3/2 (beyond 100 would not be cut)");

	/*
	 * Adjusted Wald: 5.75 / 4.5 / 2.75 of 13; NPS' = 3/13, v' = 8.5/13 -
	 * (3/13)^2 = 203/338; 100 (3/13 -+ z sqrt(203/338/13))
	 */
	CHECK(cx_nps_interval(&s, 0.95, CX_CI_ADJUSTED_WALD, &lo, &hi, &err) == CX_STAT_VALUE, "adjusted value");
	CHECK_CLOSE(lo, -19.050615376363668, 1e-13, "nps adjusted wald lower 5/3/2");
	CHECK_CLOSE(hi, 65.204461530209822, 1e-13, "nps adjusted wald upper 5/3/2");

	/* score: solved by the reference at 50 digits */
	CHECK(cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err) == CX_STAT_VALUE, "score value");
	CHECK_CLOSE(lo, -21.65921974903802, 1e-12, "nps score lower 5/3/2");
	CHECK_CLOSE(hi, 67.52778879882568, 1e-12, "nps score upper 5/3/2");

	/*
	 * All promoters: Wald collapses to 100..100; the score interval's lower
	 * end solves n (1 - D)^2 = z^2 (1 - D^2), D = (n - z^2) / (n + z^2).
	 */
	for (int n = 1; n <= 1000; n *= 10)
	{
		double		z2 = Z975 * Z975;

		nps_summary(&s, n, 0, 0);
		cx_nps_interval(&s, 0.95, CX_CI_WALD, &lo, &hi, &err);
		CHECK(lo == 100.0 && hi == 100.0, "all %d promoters: wald is the point 100", n);
		cx_nps_stderr(&s, &v);
		CHECK(v == 0.0, "all %d promoters: stderr 0", n);
		cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err);
		CHECK(hi == 100.0, "all %d promoters: score upper is 100", n);
		CHECK_CLOSE(lo, 100.0 * (n - z2) / (n + z2), 1e-13,
					"all %d promoters: score lower (n - z^2)/(n + z^2)", n);
		cx_nps_interval(&s, 0.95, CX_CI_ADJUSTED_WALD, &lo, &hi, &err);
		CHECK(lo < 100.0 && hi > lo, "all %d promoters: adjusted wald has width", n);

		nps_summary(&s, 0, 0, n);
		cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err);
		CHECK(lo == -100.0, "all %d detractors: score lower is -100", n);
		CHECK_CLOSE(hi, -100.0 * (n - z2) / (n + z2), 1e-13,
					"all %d detractors: score upper mirrors the promoters", n);

		/* all passives: |D| <= z^2 / (n + z^2) */
		nps_summary(&s, 0, n, 0);
		cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err);
		CHECK_CLOSE(hi, 100.0 * z2 / (n + z2), 1e-13, "all %d passives: score upper z^2/(n+z^2)", n);
		CHECK_CLOSE(lo, -100.0 * z2 / (n + z2), 1e-13, "all %d passives: score lower", n);
	}
	nps_summary(&s, 1, 0, 0);
	cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err);
	CHECK_CLOSE(lo, -58.690137124552522, 1e-13, "one promoter: score lower 100 (1 - z^2)/(1 + z^2)");

	/* the score interval stays in [-100, 100] and contains the estimate */
	{
		bool		ok = true;

		for (int pro = 0; pro <= 6; pro++)
			for (int pas = 0; pas <= 6; pas++)
				for (int det = 0; det <= 6; det++)
				{
					double		nps;

					if (pro + pas + det == 0)
						continue;
					nps = 100.0 * (pro - det) / (pro + pas + det);
					nps_summary(&s, pro, pas, det);
					cx_nps_interval(&s, 0.99, CX_CI_SCORE, &lo, &hi, &err);
					if (!(lo >= -100.0 && hi <= 100.0 && lo <= nps && nps <= hi && lo < hi))
						ok = false;
				}
		CHECK(ok, "score intervals of every tiny sample lie in [-100, 100] around the NPS");
	}

	/* confidence moves the width the right way */
	nps_summary(&s, 40, 30, 30);
	{
		double		lo90,
					hi90,
					lo99,
					hi99;

		cx_nps_interval(&s, 0.90, CX_CI_SCORE, &lo90, &hi90, &err);
		cx_nps_interval(&s, 0.99, CX_CI_SCORE, &lo99, &hi99, &err);
		CHECK(lo99 < lo90 && hi90 < hi99, "99%% score interval contains the 90%% one");
	}

	/* two samples: a = 5/3/2, b = 2/3/5; diff .6, var .061 + .061 */
	nps_summary(&s, 5, 3, 2);
	nps_summary(&t, 2, 3, 5);
	CHECK(cx_nps_test(&s, &t, &v) == CX_STAT_VALUE, "nps test value");
	CHECK_CLOSE(v, 0.085834013318437068, 1e-13, "nps test p = erfc(.6 / sqrt(.122) / sqrt 2)");
	CHECK(cx_nps_diff_interval(&s, &t, 0.95, &lo, &hi, &err) == CX_STAT_VALUE, "diff ci value");
	CHECK_CLOSE(lo, -8.4585988846312401, 1e-13, "nps diff lower 60 - z 100 sqrt(.122)");
	CHECK_CLOSE(hi, 128.45859888463124, 1e-13, "nps diff upper");
	cx_nps_diff_interval(&t, &s, 0.95, &lo, &hi, &err);
	CHECK_CLOSE(hi, 8.4585988846312401, 1e-13, "nps diff is a minus b");
	cx_nps_test(&s, &s, &v);
	CHECK(v == 1.0, "a sample against itself: p = 1");

	/* NULLs */
	nps_summary(&t, 7, 0, 0);
	nps_summary(&s, 0, 0, 9);
	CHECK(cx_nps_test(&s, &t, &v) == CX_STAT_NULL, "nps test with zero standard error is NULL");
	cx_nps_diff_interval(&s, &t, 0.95, &lo, &hi, &err);
	CHECK(lo == -200.0 && hi == -200.0, "nps diff interval of two degenerate samples is a point");
	summary_clear(&t);
	put(&t, CX_BUCKET_CSAT5, 5, 10);
	CHECK(cx_nps_stderr(&t, &v) == CX_STAT_NULL, "no NPS responses: stderr NULL");
	CHECK(cx_nps_interval(&t, 0.95, CX_CI_SCORE, &lo, &hi, &err) == CX_STAT_NULL, "no NPS: ci NULL");
	CHECK(cx_nps_test(&s, &t, &v) == CX_STAT_NULL && cx_nps_test(&t, &s, &v) == CX_STAT_NULL,
		  "no NPS in either: test NULL");
	CHECK(cx_nps_diff_interval(&t, &s, 0.95, &lo, &hi, &err) == CX_STAT_NULL, "no NPS: diff NULL");

	/* errors come before the data */
	CHECK(cx_nps_interval(&t, 1.5, CX_CI_WALD, &lo, &hi, &err) == CX_STAT_ERROR &&
		  err.status == CX_ERR_PARAMETER, "bad confidence fails even without NPS data");
	CHECK(cx_nps_interval(&s, 0.95, CX_CI_WILSON, &lo, &hi, &err) == CX_STAT_ERROR,
		  "wilson is not an NPS method");
	CHECK(cx_nps_diff_interval(&s, &s, 0.0, &lo, &hi, &err) == CX_STAT_ERROR, "diff: bad confidence");

	/* one response */
	nps_summary(&s, 0, 1, 0);
	CHECK(cx_nps_stderr(&s, &v) == CX_STAT_VALUE && v == 0.0, "n = 1: stderr 0 (plug-in variance)");
	cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err);
	CHECK_CLOSE(hi, 100.0 * Z975 * Z975 / (1 + Z975 * Z975), 1e-13, "n = 1 passive: score upper 79.3...");

	/* large n: exact shares, no overflow */
	nps_summary(&s, INT64_C(500000000000), INT64_C(300000000000), INT64_C(200000000000));
	cx_nps_stderr(&s, &v);
	CHECK_CLOSE(v, 100.0 * sqrt(0.61 / 1e12), 1e-13, "n = 1e12: stderr");
	cx_nps_interval(&s, 0.95, CX_CI_SCORE, &lo, &hi, &err);
	CHECK(fabs(lo - (30.0 - Z975 * v)) < 1e-6 && fabs(hi - (30.0 + Z975 * v)) < 1e-6,
		  "n = 1e12: score and wald agree to 1e-6");

	/*
	 * Weighted: promoters of weight 1 and 2, a detractor of weight 1.
	 * W = 4, sum w^2 = 6, n_eff = 16/6; p+ = .75, p- = .25, v = .75;
	 * stderr = 100 sqrt(.75 * 6 / 16) = 53.0330...
	 */
	summary_clear(&s);
	put_weighted(&s, CX_BUCKET_NPS, 9, 1.0);
	put_weighted(&s, CX_BUCKET_NPS, 10, 2.0);
	put_weighted(&s, CX_BUCKET_NPS, 0, 1.0);
	cx_nps_stderr(&s, &v);
	CHECK_CLOSE(v, 53.033008588991064, 1e-14, "weighted nps stderr uses Kish's n_eff");
	cx_nps_interval(&s, 0.95, CX_CI_WALD, &lo, &hi, &err);
	CHECK_CLOSE(0.5 * (lo + hi), 50.0, 1e-14, "weighted wald centre is the weighted NPS");

	/* weighted, but every weight zero: nothing to estimate */
	summary_clear(&s);
	put_weighted(&s, CX_BUCKET_NPS, 9, 0.0);
	CHECK(cx_nps_stderr(&s, &v) == CX_STAT_NULL, "all weights zero: NULL");
}

/* ---- CSAT ---------------------------------------------------------- */

static void
test_csat(void)
{
	CxSummary	s,
				t;
	CxError		err;
	double		v,
				lo,
				hi;

	/* 7 satisfied of 10 on the 5-point scale (scores 4, 5 satisfied) */
	summary_clear(&s);
	put(&s, CX_BUCKET_CSAT5, 5, 4);
	put(&s, CX_BUCKET_CSAT5, 4, 3);
	put(&s, CX_BUCKET_CSAT5, 3, 2);
	put(&s, CX_BUCKET_CSAT5, 1, 1);
	cx_csat_stderr(&s, &v);
	CHECK_CLOSE(v, 100.0 * sqrt(0.21 / 10.0), 1e-14, "csat stderr 100 sqrt(.7 .3 / 10)");
	CHECK(cx_csat_interval(&s, 0.95, CX_CI_WILSON, &lo, &hi, &err) == CX_STAT_VALUE, "wilson value");
	CHECK_CLOSE(lo, 39.677814746114532, 1e-13, "wilson lower 7/10");
	CHECK_CLOSE(hi, 89.220873259369898, 1e-13, "wilson upper 7/10");
	cx_csat_interval(&s, 0.95, CX_CI_WALD, &lo, &hi, &err);
	CHECK_CLOSE(lo, 41.597423491067462, 1e-13, "wald lower 7/10");
	CHECK_CLOSE(hi, 98.402576508932538, 1e-13, "wald upper 7/10");

	/* pooling scales: 7/10 above plus 3 of 10 satisfied on a 10-point scale (8..10) */
	put(&s, CX_BUCKET_CSAT10, 10, 1);
	put(&s, CX_BUCKET_CSAT10, 8, 2);
	put(&s, CX_BUCKET_CSAT10, 7, 7);
	cx_csat_stderr(&s, &v);
	CHECK_CLOSE(v, 100.0 * sqrt(0.25 / 20.0), 1e-14, "csat pools scales: 10 of 20 satisfied");

	/* n = 1 satisfied: wilson 100/(1 + z^2) .. 100 */
	summary_clear(&s);
	put(&s, CX_BUCKET_CSAT2, 2, 1);
	cx_csat_interval(&s, 0.95, CX_CI_WILSON, &lo, &hi, &err);
	CHECK_CLOSE(lo, 20.654931437723739, 1e-13, "wilson n = 1: lower 100/(1+z^2)");
	CHECK_CLOSE(hi, 100.0, 1e-13, "wilson n = 1: upper 100");
	cx_csat_interval(&s, 0.95, CX_CI_WALD, &lo, &hi, &err);
	CHECK(lo == 100.0 && hi == 100.0, "wald n = 1: a point");

	/* test: 45/100 against 30/100, pooled .375 */
	summary_clear(&s);
	put(&s, CX_BUCKET_CSAT5, 5, 45);
	put(&s, CX_BUCKET_CSAT5, 2, 55);
	summary_clear(&t);
	put(&t, CX_BUCKET_CSAT7, 7, 30);
	put(&t, CX_BUCKET_CSAT7, 3, 70);
	CHECK(cx_csat_test(&s, &t, &v) == CX_STAT_VALUE, "csat test value");
	CHECK_CLOSE(v, 0.028459736916310577, 1e-13, "csat test p, z = .15 / sqrt(.375 .625 .02)");
	cx_csat_test(&t, &s, &lo);
	CHECK(lo == v, "csat test is symmetric");

	/* NULLs and errors */
	summary_clear(&t);
	put(&t, CX_BUCKET_CSAT5, 5, 3);
	summary_clear(&s);
	put(&s, CX_BUCKET_CSAT3, 3, 8);
	CHECK(cx_csat_test(&s, &t, &v) == CX_STAT_NULL, "everybody satisfied in both: test NULL");
	summary_clear(&s);
	put(&s, CX_BUCKET_NPS, 10, 8);
	CHECK(cx_csat_stderr(&s, &v) == CX_STAT_NULL, "no CSAT: stderr NULL");
	CHECK(cx_csat_interval(&s, 0.9, CX_CI_WILSON, &lo, &hi, &err) == CX_STAT_NULL, "no CSAT: ci NULL");
	CHECK(cx_csat_test(&s, &t, &v) == CX_STAT_NULL, "no CSAT: test NULL");
	CHECK(cx_csat_interval(&s, -1.0, CX_CI_WILSON, &lo, &hi, &err) == CX_STAT_ERROR,
		  "csat bad confidence");
	CHECK(cx_csat_interval(&t, 0.9, CX_CI_SCORE, &lo, &hi, &err) == CX_STAT_ERROR,
		  "score is not a CSAT method");
}

/* ---- CES ----------------------------------------------------------- */

static void
test_ces(void)
{
	CxSummary	s,
				t;
	CxError		err;
	double		v,
				lo,
				hi;

	/*
	 * Scores 1, 4, 4, 7 (7-point): mean 4, s^2 = (9 + 0 + 0 + 9) / 3 = 6,
	 * stderr sqrt(6/4); 95% interval 4 -+ t(.975, 3) sqrt(1.5).
	 */
	summary_clear(&s);
	put(&s, CX_BUCKET_CES7, 1, 1);
	put(&s, CX_BUCKET_CES7, 4, 2);
	put(&s, CX_BUCKET_CES7, 7, 1);
	CHECK(cx_ces_stderr(&s, &v, &err) == CX_STAT_VALUE, "ces stderr value");
	CHECK_CLOSE(v, sqrt(1.5), 1e-15, "ces stderr sqrt(6/4)");
	CHECK(cx_ces_interval(&s, 0.95, &lo, &hi, &err) == CX_STAT_VALUE, "ces ci value");
	CHECK_CLOSE(lo, 0.10231520912466815, 1e-13, "ces lower 4 - 3.18244630528371 sqrt 1.5");
	CHECK_CLOSE(hi, 7.8976847908753319, 1e-13, "ces upper");

	/*
	 * Welch: a as above; b = 6, 6, 7, 7: mean 6.5, s^2 = 1/3.
	 * va = 1.5, vb = 1/12, t = -2.5 / sqrt(19/12), df = 1083/325.
	 */
	summary_clear(&t);
	put(&t, CX_BUCKET_CES7, 6, 2);
	put(&t, CX_BUCKET_CES7, 7, 2);
	CHECK(cx_ces_test(&s, &t, &v, &err) == CX_STAT_VALUE, "ces test value");
	CHECK_CLOSE(v, 0.13192909565636023, 1e-13, "welch p, t -1.98680, df 3.33231");
	cx_ces_test(&t, &s, &lo, &err);
	CHECK_CLOSE(lo, v, 1e-15, "welch is symmetric");

	/* the same p from the t CDF directly */
	CHECK_CLOSE(2.0 * cx_t_cdf(-2.5 / sqrt(19.0 / 12.0), 1083.0 / 325.0), v, 1e-13,
				"welch p = 2 F(-|t|, df)");

	/* n = 1: no variance */
	summary_clear(&t);
	put(&t, CX_BUCKET_CES7, 5, 1);
	CHECK(cx_ces_stderr(&t, &v, &err) == CX_STAT_NULL, "ces n = 1: stderr NULL");
	CHECK(cx_ces_interval(&t, 0.95, &lo, &hi, &err) == CX_STAT_NULL, "ces n = 1: ci NULL");
	CHECK(cx_ces_test(&s, &t, &v, &err) == CX_STAT_NULL, "ces n = 1: test NULL");

	/* zero variance in both: NULL; in one: df = the other's n - 1 */
	summary_clear(&t);
	put(&t, CX_BUCKET_CES7, 5, 10);
	{
		CxSummary	u;

		summary_clear(&u);
		put(&u, CX_BUCKET_CES7, 6, 3);
		CHECK(cx_ces_test(&t, &u, &v, &err) == CX_STAT_NULL, "two constant samples: test NULL");
		CHECK(cx_ces_stderr(&t, &v, &err) == CX_STAT_VALUE && v == 0.0, "constant sample: stderr 0");
		cx_ces_test(&t, &s, &v, &err);
		CHECK_CLOSE(v, cx_t_two_sided_p(1.0 / sqrt(1.5), 3.0), 1e-14,
					"one constant sample: Welch df is the other's n - 1");
	}

	/* scales */
	summary_clear(&t);
	put(&t, CX_BUCKET_CES5, 5, 3);
	put(&t, CX_BUCKET_CES5, 1, 3);
	memset(&err, 0, sizeof(err));
	CHECK(cx_ces_test(&s, &t, &v, &err) == CX_STAT_ERROR && err.status == CX_ERR_MIXED_SCALE &&
		  strcmp(err.message, "cannot compare CES scores measured on different scales") == 0,
		  "ces test of a 7-point and a 5-point summary fails");
	put(&t, CX_BUCKET_CES7, 7, 1);
	memset(&err, 0, sizeof(err));
	CHECK(cx_ces_stderr(&t, &v, &err) == CX_STAT_ERROR && err.status == CX_ERR_MIXED_SCALE &&
		  strcmp(err.message, "cannot average CES scores measured on different scales") == 0,
		  "a summary mixing CES scales fails as ces_agg does");
	CHECK(cx_ces_interval(&t, 0.95, &lo, &hi, &err) == CX_STAT_ERROR, "mixed scales: ci fails");
	summary_clear(&s);
	CHECK(cx_ces_test(&s, &t, &v, &err) == CX_STAT_ERROR,
		  "mixed scales fail even when the other sample is empty");
	CHECK(cx_ces_stderr(&s, &v, &err) == CX_STAT_NULL, "no CES: NULL");
	CHECK(cx_ces_interval(&s, 2.0, &lo, &hi, &err) == CX_STAT_ERROR, "ces bad confidence, no data");

	/*
	 * Weighted: score 2 weight 1, score 5 weight 3 (5-point).  W = 4,
	 * mean 17/4, sum w (x - mean)^2 = 6.75, n_eff = 16/10, s^2 = 6.75/4 *
	 * 1.6/0.6 = 4.5, stderr sqrt(4.5/1.6); df = 0.6.
	 */
	summary_clear(&s);
	put_weighted(&s, CX_BUCKET_CES5, 2, 1.0);
	put_weighted(&s, CX_BUCKET_CES5, 5, 3.0);
	cx_ces_stderr(&s, &v, &err);
	CHECK_CLOSE(v, 1.6770509831248423, 1e-14, "weighted ces stderr with n_eff 1.6");
	cx_ces_interval(&s, 0.95, &lo, &hi, &err);
	CHECK_CLOSE(hi - 4.25, cx_t_quantile(0.975, 0.6) * 1.6770509831248423, 1e-13,
				"weighted ces interval uses t with n_eff - 1 = 0.6 df");
	summary_clear(&s);
	put_weighted(&s, CX_BUCKET_CES5, 2, 2.5);
	CHECK(cx_ces_stderr(&s, &v, &err) == CX_STAT_NULL, "weighted, one response: NULL");
	put_weighted(&s, CX_BUCKET_CES5, 4, 0.0);
	CHECK(cx_ces_stderr(&s, &v, &err) == CX_STAT_NULL,
		  "weighted, second response of weight 0: n_eff 1, NULL");
}

int
main(void)
{
	test_normal();
	test_beta();
	test_t_distribution();
	test_arguments();
	test_nps();
	test_csat();
	test_ces();
	return unit_summary();
}
