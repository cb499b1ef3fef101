/*-------------------------------------------------------------------------
 *
 * cx_stats.c
 *		Distribution functions, intervals and tests for feedback_summary.
 *		Pure C: libc and libm only.  See cx_stats.h for the formulas.
 *
 *-------------------------------------------------------------------------
 */
#include "cx_stats.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CX_SQRT2 1.41421356237309504880
#define CX_HALF_PI 1.57079632679489661923
#define CX_LN_SQRT_2PI 0.91893853320467274178

/* ----------------------------------------------------------------
 * Normal distribution
 * ----------------------------------------------------------------
 */

/* erfc keeps full relative precision in the tails, where 1 - cdf cannot. */
double
cx_norm_cdf(double x)
{
	return 0.5 * erfc(-x / CX_SQRT2);
}

double
cx_norm_sf(double x)
{
	return 0.5 * erfc(x / CX_SQRT2);
}

/*
 * Wichura, M. J. (1988) Algorithm AS 241: The percentage points of the
 * normal distribution.  Applied Statistics 37, 477-484.  PPND16, relative
 * accuracy about 1e-16: three rational approximations, for the centre and
 * for two ranges of the tail variable r = sqrt(-log(min(p, 1 - p))).
 */
static double
horner(const double *coef, int degree, double x)
{
	double		v = coef[degree];

	for (int i = degree - 1; i >= 0; i--)
		v = v * x + coef[i];
	return v;
}

static const double as241_a[8] = {
	3.3871328727963666080e0, 1.3314166789178437745e+2,
	1.9715909503065514427e+3, 1.3731693765509461125e+4,
	4.5921953931549871457e+4, 6.7265770927008700853e+4,
	3.3430575583588128105e+4, 2.5090809287301226727e+3
};
static const double as241_b[8] = {
	1.0, 4.2313330701600911252e+1,
	6.8718700749205790830e+2, 5.3941960214247511077e+3,
	2.1213794301586595867e+4, 3.9307895800092710610e+4,
	2.8729085735721942674e+4, 5.2264952788528545610e+3
};
static const double as241_c[8] = {
	1.42343711074968357734e0, 4.63033784615654529590e0,
	5.76949722146069140550e0, 3.64784832476320460504e0,
	1.27045825245236838258e0, 2.41780725177450611770e-1,
	2.27238449892691845833e-2, 7.74545014278341407640e-4
};
static const double as241_d[8] = {
	1.0, 2.05319162663775882187e0,
	1.67638483018380384940e0, 6.89767334985100004550e-1,
	1.48103976427480074590e-1, 1.51986665636164571966e-2,
	5.47593808499534494600e-4, 1.05075007164441684324e-9
};
static const double as241_e[8] = {
	6.65790464350110377720e0, 5.46378491116411436990e0,
	1.78482653991729133580e0, 2.96560571828504891230e-1,
	2.65321895265761230930e-2, 1.24266094738807843860e-3,
	2.71155556874348757815e-5, 2.01033439929228813265e-7
};
static const double as241_f[8] = {
	1.0, 5.99832206555887937690e-1,
	1.36929880922735805310e-1, 1.48753612908506148525e-2,
	7.86869131145613259100e-4, 1.84631831751005468180e-5,
	1.42151175831644588870e-7, 2.04426310338993978564e-15
};

double
cx_norm_quantile(double p)
{
	double		q,
				r,
				value;

	if (isnan(p) || p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;

	q = p - 0.5;
	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * horner(as241_a, 7, r) / horner(as241_b, 7, r);
	}
	r = sqrt(-log(q < 0.0 ? p : 1.0 - p));
	if (r <= 5.0)
	{
		r -= 1.6;
		value = horner(as241_c, 7, r) / horner(as241_d, 7, r);
	}
	else
	{
		r -= 5.0;
		value = horner(as241_e, 7, r) / horner(as241_f, 7, r);
	}
	return q < 0.0 ? -value : value;
}

/* ----------------------------------------------------------------
 * Beta function and the regularized incomplete beta
 * ----------------------------------------------------------------
 */

/*
 * Stirling's remainder: log Gamma(z) - [(z - 1/2) log z - z + log sqrt(2 pi)]
 * for z >= 10, from the Bernoulli-number series (terms B_2k / (2k(2k-1)
 * z^(2k-1)), k = 1..7; the next term is below 3e-17 of the sum at z = 10).
 */
static double
stirling_remainder(double z)
{
	double		z2 = 1.0 / (z * z);

	return (1.0 / 12.0 +
			z2 * (-1.0 / 360.0 +
				  z2 * (1.0 / 1260.0 +
						z2 * (-1.0 / 1680.0 +
							  z2 * (1.0 / 1188.0 +
									z2 * (-691.0 / 360360.0 +
										  z2 * (1.0 / 156.0))))))) / z;
}

/*
 * log B(a, b).  The plain lgamma(a) + lgamma(b) - lgamma(a + b) loses
 * |lgamma| * 1e-16 absolutely, which for a t distribution with a million
 * degrees of freedom is 1e-9 relative in every probability.  For a large
 * argument the Stirling form is rearranged so that only O(1) quantities
 * are added.
 */
double
cx_log_beta(double a, double b)
{
	double		p = fmin(a, b),
				q = fmax(a, b);

	if (p >= 10.0)
	{
		double		corr = stirling_remainder(p) + stirling_remainder(q) -
			stirling_remainder(p + q);

		return -0.5 * log(q) + CX_LN_SQRT_2PI + corr +
			(p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q));
	}
	if (q >= 10.0)
	{
		/* lgamma(q) - lgamma(p + q), by the same rearrangement */
		double		corr = stirling_remainder(q) - stirling_remainder(p + q);

		return lgamma(p) + corr + p - p * log(p + q) +
			(q - 0.5) * log1p(-p / (p + q));
	}
	return lgamma(p) + lgamma(q) - lgamma(p + q);
}

/* log x, given also y = 1 - x; whichever is accurate. */
static double
log_of(double x, double y)
{
	return x < 0.5 ? log(x) : log1p(-y);
}

/*
 * Continued fraction for I_x(a, b) (DLMF 8.17.22), evaluated by the
 * modified Lentz method.  It converges fast for x < (a + 1) / (a + b + 2);
 * the caller uses the symmetry I_x(a, b) = 1 - I_y(b, a) otherwise.  The
 * number of terms grows like sqrt(max(a, b)) near that boundary, hence the
 * generous cap.
 */
#define BETA_CF_TINY 1e-300
#define BETA_CF_MAX_TERMS 1000000

static double
beta_continued_fraction(double a, double b, double x)
{
	double		c = 1.0,
				d = 1.0 - (a + b) * x / (a + 1.0),
				h;

	if (fabs(d) < BETA_CF_TINY)
		d = BETA_CF_TINY;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= BETA_CF_MAX_TERMS; m++)
	{
		double		m2 = 2.0 * m;
		double		coef,
					step;

		/* even term d_2m */
		coef = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + coef * d;
		if (fabs(d) < BETA_CF_TINY)
			d = BETA_CF_TINY;
		c = 1.0 + coef / c;
		if (fabs(c) < BETA_CF_TINY)
			c = BETA_CF_TINY;
		d = 1.0 / d;
		h *= d * c;

		/* odd term d_2m+1 */
		coef = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + coef * d;
		if (fabs(d) < BETA_CF_TINY)
			d = BETA_CF_TINY;
		c = 1.0 + coef / c;
		if (fabs(c) < BETA_CF_TINY)
			c = BETA_CF_TINY;
		d = 1.0 / d;
		step = d * c;
		h *= step;
		if (fabs(step - 1.0) <= DBL_EPSILON)
			break;
	}
	return h;
}

/* x^a y^b / (a B(a, b)) times the continued fraction */
static double
beta_inc_direct(double a, double b, double x, double y)
{
	double		log_front = a * log_of(x, y) + b * log_of(y, x) - cx_log_beta(a, b);

	return exp(log_front) * beta_continued_fraction(a, b, x) / a;
}

double
cx_beta_inc(double a, double b, double x, double y)
{
	if (isnan(a) || isnan(b) || isnan(x) || isnan(y) || a <= 0.0 || b <= 0.0)
		return NAN;
	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	if (x < (a + 1.0) / (a + b + 2.0))
		return beta_inc_direct(a, b, x, y);
	return 1.0 - beta_inc_direct(b, a, y, x);
}

/* ----------------------------------------------------------------
 * Student's t
 * ----------------------------------------------------------------
 */

/*
 * x = df / (df + t^2) and y = t^2 / (df + t^2), each computed directly so
 * that neither is 1 minus a rounded number.  Through u = |t| / sqrt(df),
 * so that t^2 cannot overflow however large t is.
 */
static void
t_beta_args(double t, double df, double *x, double *y)
{
	double		u = fabs(t) / sqrt(df);

	if (u < 1.0)
	{
		double		r = u * u;

		*x = 1.0 / (1.0 + r);
		*y = r / (1.0 + r);
	}
	else
	{
		double		r = (1.0 / u) * (1.0 / u);	/* 0 for u = inf */

		*x = r / (1.0 + r);
		*y = 1.0 / (1.0 + r);
	}
}

/* log(1 + t^2 / df), also where t^2 would overflow */
static double
log1p_t2_over_df(double t, double df)
{
	double		u = fabs(t) / sqrt(df);

	if (u < 1e8)
		return log1p(u * u);
	return 2.0 * log(u) + log1p((1.0 / u) * (1.0 / u));
}

/*
 * With many degrees of freedom the continued fraction sits close to its
 * point of slowest convergence, and its recurrences subtract nearly equal
 * numbers: at df = 1e5 it is good to only 4e-12, at 1e8 to 1e-9.  There
 * the upper tail is integrated instead, by the double-exponential
 * (exp-sinh) rule of Takahasi and Mori,
 *
 *	 P(T > t) = f(t) * integral_0^inf g(s) ds,  g(s) = f(t + s) / f(t)
 *			  = f(t) * integral exp(-(df+1)/2 log1p(s (2t + s) / (df + t^2))) ds,
 *
 * a sum of positive terms with no cancellation anywhere (accurate to about
 * 1e-13 for any t).  It is not used for few degrees of freedom, where the
 * tail is too heavy for the rule and the continued fraction is excellent.
 */
#define T_QUADRATURE_MIN_DF 1000.0
#define DE_TAU_LIMIT 6.5		/* exp(pi/2 sinh 6.5) is about 1e144 */
#define DE_MAX_LEVELS 10

static double
t_tail_term(double tau, double t, double df, double scale, double spread)
{
	double		s = scale * exp(CX_HALF_PI * sinh(tau));
	double		ds = s * CX_HALF_PI * cosh(tau);

	return ds * exp(-0.5 * (df + 1.0) * log1p(s * (2.0 * t + s) / spread));
}

static double
t_tail_by_quadrature(double t, double df)
{
	double		spread = df + t * t;
	/* substitute on the scale over which the density falls by a factor e */
	double		slope = (df + 1.0) * t / spread;
	double		scale = slope > 1.0 ? 1.0 / slope : 1.0;
	double		log_density = -0.5 * log(df) - cx_log_beta(0.5 * df, 0.5) -
		0.5 * (df + 1.0) * log1p_t2_over_df(t, df);
	double		h = 0.5,
				sum,
				previous,
				tau_lo,
				tau_hi;
	int			k;

	/* the coarsest level also finds where the terms become negligible */
	sum = t_tail_term(0.0, t, df, scale, spread);
	for (k = 1; k * h <= DE_TAU_LIMIT; k++)
	{
		double		term = t_tail_term(k * h, t, df, scale, spread);

		sum += term;
		if (term < 1e-18 * sum)
			break;
	}
	tau_hi = k * h;
	for (k = 1; k * h <= DE_TAU_LIMIT; k++)
	{
		double		term = t_tail_term(-k * h, t, df, scale, spread);

		sum += term;
		if (term < 1e-18 * sum)
			break;
	}
	tau_lo = -k * h;

	/* halve the step until the trapezoid sum stops changing */
	previous = h * sum;
	for (int level = 1; level <= DE_MAX_LEVELS; level++)
	{
		double		current;

		h *= 0.5;
		for (double tau = tau_lo + h; tau < tau_hi; tau += 2.0 * h)
			sum += t_tail_term(tau, t, df, scale, spread);
		current = h * sum;
		if (level >= 3 && fabs(current - previous) <= 1e-15 * current)
			return exp(log_density) * current;
		previous = current;
	}
	return exp(log_density) * previous;
}

double
cx_t_two_sided_p(double t, double df)
{
	double		x,
				y;

	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	if (t == 0.0)
		return 1.0;
	if (isinf(df))
		return erfc(fabs(t) / CX_SQRT2);
	if (isinf(t))
		return 0.0;
	if (df > T_QUADRATURE_MIN_DF)
	{
		/* beyond 1e100 the tail is below 1e-100000: keep t^2 finite */
		if (fabs(t) > 1e100)
			return 0.0;
		return fmin(2.0 * t_tail_by_quadrature(fabs(t), df), 1.0);
	}
	t_beta_args(t, df, &x, &y);
	return cx_beta_inc(0.5 * df, 0.5, x, y);
}

double
cx_t_sf(double t, double df)
{
	double		half_tail;

	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	half_tail = 0.5 * cx_t_two_sided_p(t, df);
	return t >= 0.0 ? half_tail : 1.0 - half_tail;
}

double
cx_t_cdf(double t, double df)
{
	double		half_tail;

	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	half_tail = 0.5 * cx_t_two_sided_p(t, df);
	return t <= 0.0 ? half_tail : 1.0 - half_tail;
}

double
cx_t_pdf(double t, double df)
{
	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	if (isinf(df))
		return exp(-0.5 * t * t - CX_LN_SQRT_2PI);
	return exp(-0.5 * (df + 1.0) * log1p_t2_over_df(t, df) - 0.5 * log(df) -
			   cx_log_beta(0.5 * df, 0.5));
}

/*
 * Newton's method on g(t) = log sf(t) - log alpha, which is close to linear
 * in the tails where sf itself varies over many orders of magnitude,
 * inside a bracket [lo, hi] that every evaluation narrows; a step that
 * leaves the bracket is replaced by bisection, so convergence is certain.
 */
double
cx_t_upper_quantile(double alpha, double df)
{
	double		lo,
				hi,
				t,
				log_alpha;

	if (isnan(alpha) || isnan(df) || df <= 0.0 || alpha < 0.0 || alpha > 1.0)
		return NAN;
	if (alpha == 0.0)
		return INFINITY;
	if (alpha == 1.0)
		return -INFINITY;
	if (alpha > 0.5)
		return -cx_t_upper_quantile(1.0 - alpha, df);
	if (alpha == 0.5)
		return 0.0;
	if (isinf(df))
		return -cx_norm_quantile(alpha);

	/* The t tail is heavier than the normal one: its quantile is no less. */
	lo = 0.0;
	hi = fmax(-cx_norm_quantile(alpha), DBL_MIN);
	while (cx_t_sf(hi, df) > alpha)
	{
		lo = hi;
		hi *= 2.0;
		if (isinf(hi))
			return INFINITY;
	}

	log_alpha = log(alpha);
	t = hi;
	for (int iter = 0; iter < 200; iter++)
	{
		double		sf = cx_t_sf(t, df);
		double		g = log(sf) - log_alpha;
		double		next;

		if (g == 0.0)
			return t;
		if (g > 0.0)
			lo = t;
		else
			hi = t;
		next = t + g * sf / cx_t_pdf(t, df);
		if (!(next > lo && next < hi))
			next = lo + 0.5 * (hi - lo);
		if (fabs(next - t) <= 2.0 * DBL_EPSILON * fabs(next) ||
			next <= lo || next >= hi)
			return next;
		t = next;
	}
	return t;
}

double
cx_t_quantile(double p, double df)
{
	if (isnan(p) || p < 0.0 || p > 1.0)
		return NAN;
	if (p < 0.5)
		return -cx_t_upper_quantile(p, df);
	return cx_t_upper_quantile(1.0 - p, df);
}

/* ----------------------------------------------------------------
 * Arguments
 * ----------------------------------------------------------------
 */

static bool
name_is(const char *name, size_t len, const char *candidate)
{
	if (strlen(candidate) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (tolower((unsigned char) name[i]) != candidate[i])
			return false;
	return true;
}

bool
cx_ci_method_parse(CxMetric metric, const char *name, size_t len,
				   CxCiMethod *method, CxError *err)
{
	char		quoted[96];

	if (metric == CX_METRIC_NPS)
	{
		if (name_is(name, len, "wald"))
			*method = CX_CI_WALD;
		else if (name_is(name, len, "adjusted_wald"))
			*method = CX_CI_ADJUSTED_WALD;
		else if (name_is(name, len, "score"))
			*method = CX_CI_SCORE;
		else
			goto unknown;
		return true;
	}
	if (metric == CX_METRIC_CSAT)
	{
		if (name_is(name, len, "wilson"))
			*method = CX_CI_WILSON;
		else if (name_is(name, len, "wald"))
			*method = CX_CI_WALD;
		else
			goto unknown;
		return true;
	}
	return cx_fail(err, CX_ERR_PARAMETER, NULL, NULL,
				   "%s has no confidence interval methods",
				   cx_metric_label(metric) ? cx_metric_label(metric) : "this metric");

unknown:
	cx_quote_input(quoted, sizeof(quoted), name, len);
	return cx_fail(err, CX_ERR_PARAMETER, NULL,
				   metric == CX_METRIC_NPS ?
				   "The NPS interval methods are wald, adjusted_wald and score." :
				   "The CSAT interval methods are wilson and wald.",
				   "unknown %s confidence interval method \"%s\"",
				   cx_metric_label(metric), quoted);
}

bool
cx_confidence_check(double confidence, CxError *err)
{
	char		detail[96];

	/* written so that NaN fails too */
	if (confidence > 0.0 && confidence < 1.0)
		return true;
	snprintf(detail, sizeof(detail), "The confidence given was %g.", confidence);
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Give the confidence level as a fraction, for example 0.95.",
				   "confidence level must be greater than 0 and less than 1");
}

/* z with P(|Z| <= z) = confidence, without forming 1 - alpha/2. */
static double
z_for(double confidence)
{
	return -cx_norm_quantile(0.5 * (1.0 - confidence));
}

/* ----------------------------------------------------------------
 * Samples
 * ----------------------------------------------------------------
 */

/*
 * Kish's effective sample size.  Unweighted, it is the response count
 * itself (taken as such, not as count^2 / count, which rounds above 2^26).
 */
static double
effective_n(const CxSummary *s, int64_t responses, double weight,
			double weight_sq)
{
	double		n;

	if (!(s->flags & CX_SUMMARY_WEIGHTED))
		return (double) responses;
	n = weight * weight / weight_sq;
	if (!isfinite(n))
	{
		/* weights near 1e154 square to infinity; divide first */
		double		r = weight / sqrt(weight_sq);

		n = r * r;
	}

	/*
	 * Kish's n_eff never exceeds the number of responses (Cauchy-Schwarz).
	 * A summary typed in by hand can claim a squared-weight sum too small
	 * for its weights; trusting it would shrink every interval to nothing,
	 * so beyond rounding noise n_eff is capped at the count.
	 */
	if (!(n <= (double) responses * (1.0 + 1e-9)))
		n = (double) responses;
	return n;
}

bool
cx_shares_of(const CxSummary *s, CxMetric metric, CxShares *out)
{
	double		cat_weight[CX_NCATEGORIES] = {0.0, 0.0, 0.0};
	double		weight = 0.0,
				weight_sq = 0.0;
	int64_t		responses = 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];
		int64_t		in_bucket = 0;

		if (info->metric != metric)
			continue;
		for (int i = 0; i < info->npoints; i++)
		{
			int			slot = info->first_slot + i;

			in_bucket += s->count[slot];
			cat_weight[cx_slot_category[slot]] += cx_summary_weight(s, slot);
		}
		if (in_bucket > 0)
		{
			responses += in_bucket;
			weight_sq += cx_summary_weight_sq(s, b);
		}
	}
	for (int c = 0; c < CX_NCATEGORIES; c++)
		weight += cat_weight[c];
	if (responses == 0 || !(weight > 0.0) || !(weight_sq > 0.0))
		return false;

	out->responses = responses;
	out->n = effective_n(s, responses, weight, weight_sq);
	for (int c = 0; c < CX_NCATEGORIES; c++)
		out->share[c] = cat_weight[c] / weight;
	return true;
}

static void
fail_mixed_ces(CxError *err)
{
	cx_fail(err, CX_ERR_MIXED_SCALE,
			"The summary holds CES responses on a 5-point and on a 7-point scale.",
			"Summarize each CES scale separately, for example by grouping by scale(feedback).",
			"cannot average CES scores measured on different scales");
}

#define NO_SCORE (-1)
#define SEVERAL_SCORES (-2)

CxStatOutcome
cx_ces_sample(const CxSummary *s, CxMeanSample *out, CxError *err)
{
	int			bucket = -1;
	const CxBucketInfo *info;
	double		weight = 0.0,
				weighted_sum = 0.0,
				squares = 0.0;
	int64_t		responses = 0;
	int			occupied = NO_SCORE;	/* the one score with weight, if one */

	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		if (cx_buckets[b].metric != CX_METRIC_CES ||
			cx_summary_bucket_count(s, b) == 0)
			continue;
		if (bucket >= 0)
		{
			fail_mixed_ces(err);
			return CX_STAT_ERROR;
		}
		bucket = b;
	}
	if (bucket < 0)
		return CX_STAT_NULL;
	info = &cx_buckets[bucket];

	for (int i = 0; i < info->npoints; i++)
	{
		int			slot = info->first_slot + i;

		responses += s->count[slot];
		weight += cx_summary_weight(s, slot);
		weighted_sum += cx_summary_weight(s, slot) * (info->min_score + i);
		if (cx_summary_weight(s, slot) > 0.0)
			occupied = occupied == NO_SCORE ? info->min_score + i : SEVERAL_SCORES;
	}
	if (!(weight > 0.0))
		return CX_STAT_NULL;

	out->responses = responses;
	out->scale = info->scale;
	/*
	 * When every response has the same score, W * x / W need not round back
	 * to x, and a variance of 1e-31 would turn a test of two constant
	 * samples into p = 0 instead of no test.
	 */
	out->mean = occupied != SEVERAL_SCORES ? occupied : weighted_sum / weight;
	out->n = effective_n(s, responses, weight, cx_summary_weight_sq(s, bucket));

	/* two passes: sums of squares about the mean, not of raw scores */
	for (int i = 0; i < info->npoints; i++)
	{
		double		dev = (info->min_score + i) - out->mean;

		squares += cx_summary_weight(s, info->first_slot + i) * dev * dev;
	}
	if (!(out->n > 1.0))
		out->variance = NAN;
	else if (!(s->flags & CX_SUMMARY_WEIGHTED))
		out->variance = squares / (out->n - 1.0);
	else
		out->variance = squares / weight * (out->n / (out->n - 1.0));
	return CX_STAT_VALUE;
}

/* ----------------------------------------------------------------
 * NPS
 * ----------------------------------------------------------------
 */

/*
 * p+ + p- - (p+ - p-)^2 rewritten as a sum of non-negative terms,
 * p0 (p+ + p-) + 4 p+ p-, using 1 - p+ = p0 + p- and 1 - p- = p0 + p+: the
 * published form cancels to nothing when one category dominates.
 */
static double
trinomial_variance(double promoters, double passives, double detractors)
{
	return passives * (promoters + detractors) + 4.0 * promoters * detractors;
}

static double
nps_variance(const CxShares *sh)
{
	return trinomial_variance(sh->share[CX_CAT_POSITIVE],
							  sh->share[CX_CAT_NEUTRAL],
							  sh->share[CX_CAT_NEGATIVE]);
}

static double
nps_share(const CxShares *sh)
{
	return sh->share[CX_CAT_POSITIVE] - sh->share[CX_CAT_NEGATIVE];
}

CxStatOutcome
cx_nps_stderr(const CxSummary *s, double *out)
{
	CxShares	sh;

	if (!cx_shares_of(s, CX_METRIC_NPS, &sh))
		return CX_STAT_NULL;
	*out = 100.0 * sqrt(nps_variance(&sh) / sh.n);
	return CX_STAT_VALUE;
}

/*
 * The score statistic's variance at delta: the NPS variance at the
 * maximum-likelihood shares constrained to promoters - detractors = delta.
 * With q the constrained detractor share, the likelihood equation is
 *	 2 q^2 + B q - K = 0,  B = (2 - p + d) delta - p - d,  K = d delta (1 - delta)
 * (p, d: observed promoter and detractor shares), and q is its larger root,
 * computed without cancellation whatever the sign of B.
 */
static double
constrained_variance(double p, double d, double delta)
{
	double		b = (2.0 - p + d) * delta - p - d;
	double		k = d * delta * (1.0 - delta);
	double		disc = sqrt(fmax(b * b + 8.0 * k, 0.0));
	double		q;

	if (b <= 0.0)
		q = (disc - b) / 4.0;
	else
		q = (disc + b) > 0.0 ? 2.0 * k / (disc + b) : 0.0;
	q = fmax(q, 0.0);
	return fmax(2.0 * q + delta * (1.0 - delta), 0.0);
}

/*
 * Is delta inside the score interval on the given side?  The test
 * |nps - delta| sqrt(n) <= z sqrt(V(delta)), taken on one side of nps.
 */
static bool
score_accepts(double p, double d, double n, double z, double delta)
{
	double		gap = fabs(p - d - delta) * sqrt(n);

	return gap <= z * sqrt(constrained_variance(p, d, delta));
}

/*
 * Bisection between an accepted inner point and a rejected outer one, to
 * adjacent doubles: the acceptance region is an interval around nps, and
 * bisection needs nothing more than that.
 */
static double
score_limit(double p, double d, double n, double z, double inner, double outer)
{
	for (int iter = 0; iter < 2100; iter++)
	{
		double		mid = inner + 0.5 * (outer - inner);

		if (mid == inner || mid == outer)
			break;
		if (score_accepts(p, d, n, z, mid))
			inner = mid;
		else
			outer = mid;
	}
	return inner;
}

static void
score_interval(const CxShares *sh, double z, double *lower, double *upper)
{
	double		p = sh->share[CX_CAT_POSITIVE],
				d = sh->share[CX_CAT_NEGATIVE],
				nps = p - d;

	/* +-1 is accepted exactly when every response is in that category */
	*upper = score_accepts(p, d, sh->n, z, 1.0) ? 1.0 :
		score_limit(p, d, sh->n, z, nps, 1.0);
	*lower = score_accepts(p, d, sh->n, z, -1.0) ? -1.0 :
		score_limit(p, d, sh->n, z, nps, -1.0);
}

/* Rocks 2016: add 0.75 detractors, 1.5 passives and 0.75 promoters */
static void
adjusted_wald(const CxShares *sh, double z, double *center, double *half)
{
	double		n = sh->n + 3.0;
	double		pro = (sh->share[CX_CAT_POSITIVE] * sh->n + 0.75) / n;
	double		pas = (sh->share[CX_CAT_NEUTRAL] * sh->n + 1.5) / n;
	double		det = (sh->share[CX_CAT_NEGATIVE] * sh->n + 0.75) / n;

	*center = pro - det;
	*half = z * sqrt(trinomial_variance(pro, pas, det) / n);
}

CxStatOutcome
cx_nps_interval(const CxSummary *s, double confidence, CxCiMethod method,
				double *lower, double *upper, CxError *err)
{
	CxShares	sh;
	double		z,
				center,
				half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	if (method != CX_CI_WALD && method != CX_CI_ADJUSTED_WALD &&
		method != CX_CI_SCORE)
	{
		cx_fail(err, CX_ERR_PARAMETER, NULL, NULL,
				"interval method is not available for NPS");
		return CX_STAT_ERROR;
	}
	if (!cx_shares_of(s, CX_METRIC_NPS, &sh))
		return CX_STAT_NULL;
	z = z_for(confidence);

	switch (method)
	{
		case CX_CI_SCORE:
			score_interval(&sh, z, lower, upper);
			*lower *= 100.0;
			*upper *= 100.0;
			return CX_STAT_VALUE;
		case CX_CI_ADJUSTED_WALD:
			adjusted_wald(&sh, z, &center, &half);
			break;
		default:
			center = nps_share(&sh);
			half = z * sqrt(nps_variance(&sh) / sh.n);
			break;
	}
	*lower = 100.0 * (center - half);
	*upper = 100.0 * (center + half);
	return CX_STAT_VALUE;
}

/* sqrt(v_a/n_a + v_b/n_b) and the difference, or false for NULL */
static bool
nps_difference(const CxSummary *a, const CxSummary *b, double *diff,
			   double *stderr_diff)
{
	CxShares	sa,
				sb;

	if (!cx_shares_of(a, CX_METRIC_NPS, &sa) ||
		!cx_shares_of(b, CX_METRIC_NPS, &sb))
		return false;
	*diff = nps_share(&sa) - nps_share(&sb);
	*stderr_diff = sqrt(nps_variance(&sa) / sa.n + nps_variance(&sb) / sb.n);
	return true;
}

CxStatOutcome
cx_nps_test(const CxSummary *a, const CxSummary *b, double *p_value)
{
	double		diff,
				se;

	if (!nps_difference(a, b, &diff, &se) || !(se > 0.0))
		return CX_STAT_NULL;
	*p_value = erfc(fabs(diff / se) / CX_SQRT2);
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_nps_diff_interval(const CxSummary *a, const CxSummary *b, double confidence,
					 double *lower, double *upper, CxError *err)
{
	double		diff,
				se,
				half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	if (!nps_difference(a, b, &diff, &se))
		return CX_STAT_NULL;
	half = z_for(confidence) * se;
	*lower = 100.0 * (diff - half);
	*upper = 100.0 * (diff + half);
	return CX_STAT_VALUE;
}

/* ----------------------------------------------------------------
 * CSAT
 * ----------------------------------------------------------------
 */

/* p (1 - p), with 1 - p taken from the other categories, not subtracted */
static double
csat_pq(const CxShares *sh)
{
	double		p = sh->share[CX_CAT_POSITIVE];

	return p * (sh->share[CX_CAT_NEUTRAL] + sh->share[CX_CAT_NEGATIVE]);
}

CxStatOutcome
cx_csat_stderr(const CxSummary *s, double *out)
{
	CxShares	sh;

	if (!cx_shares_of(s, CX_METRIC_CSAT, &sh))
		return CX_STAT_NULL;
	*out = 100.0 * sqrt(csat_pq(&sh) / sh.n);
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_csat_interval(const CxSummary *s, double confidence, CxCiMethod method,
				 double *lower, double *upper, CxError *err)
{
	CxShares	sh;
	double		z,
				p,
				n,
				center,
				half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	if (method != CX_CI_WILSON && method != CX_CI_WALD)
	{
		cx_fail(err, CX_ERR_PARAMETER, NULL, NULL,
				"interval method is not available for CSAT");
		return CX_STAT_ERROR;
	}
	if (!cx_shares_of(s, CX_METRIC_CSAT, &sh))
		return CX_STAT_NULL;
	z = z_for(confidence);
	p = sh.share[CX_CAT_POSITIVE];
	n = sh.n;

	if (method == CX_CI_WALD)
	{
		center = p;
		half = z * sqrt(csat_pq(&sh) / n);
	}
	else
	{
		double		z2n = z * z / n;
		double		denom = 1.0 + z2n;

		center = (p + 0.5 * z2n) / denom;
		half = z * sqrt(csat_pq(&sh) / n + 0.25 * z2n / n) / denom;
	}
	*lower = 100.0 * (center - half);
	*upper = 100.0 * (center + half);
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_csat_test(const CxSummary *a, const CxSummary *b, double *p_value)
{
	CxShares	sa,
				sb;
	double		pooled,
				se;

	if (!cx_shares_of(a, CX_METRIC_CSAT, &sa) ||
		!cx_shares_of(b, CX_METRIC_CSAT, &sb))
		return CX_STAT_NULL;
	pooled = (sa.share[CX_CAT_POSITIVE] * sa.n + sb.share[CX_CAT_POSITIVE] * sb.n) /
		(sa.n + sb.n);
	se = sqrt(pooled * (1.0 - pooled) * (1.0 / sa.n + 1.0 / sb.n));
	if (!(se > 0.0))
		return CX_STAT_NULL;
	*p_value = erfc(fabs((sa.share[CX_CAT_POSITIVE] - sb.share[CX_CAT_POSITIVE]) / se) /
					CX_SQRT2);
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_csat_diff_interval(const CxSummary *a, const CxSummary *b, double confidence,
					  double *lower, double *upper, CxError *err)
{
	CxShares	sa,
				sb;
	double		diff,
				half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	if (!cx_shares_of(a, CX_METRIC_CSAT, &sa) ||
		!cx_shares_of(b, CX_METRIC_CSAT, &sb))
		return CX_STAT_NULL;
	diff = sa.share[CX_CAT_POSITIVE] - sb.share[CX_CAT_POSITIVE];
	half = z_for(confidence) * sqrt(csat_pq(&sa) / sa.n + csat_pq(&sb) / sb.n);
	*lower = 100.0 * (diff - half);
	*upper = 100.0 * (diff + half);
	return CX_STAT_VALUE;
}

/* ----------------------------------------------------------------
 * CES
 * ----------------------------------------------------------------
 */

CxStatOutcome
cx_ces_stderr(const CxSummary *s, double *out, CxError *err)
{
	CxMeanSample m;
	CxStatOutcome r = cx_ces_sample(s, &m, err);

	if (r != CX_STAT_VALUE)
		return r;
	if (!(m.n > 1.0))
		return CX_STAT_NULL;
	*out = sqrt(m.variance / m.n);
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_ces_interval(const CxSummary *s, double confidence, double *lower,
				double *upper, CxError *err)
{
	CxMeanSample m;
	CxStatOutcome r;
	double		half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	r = cx_ces_sample(s, &m, err);
	if (r != CX_STAT_VALUE)
		return r;
	if (!(m.n > 1.0))
		return CX_STAT_NULL;
	half = cx_t_upper_quantile(0.5 * (1.0 - confidence), m.n - 1.0) *
		sqrt(m.variance / m.n);
	*lower = m.mean - half;
	*upper = m.mean + half;
	return CX_STAT_VALUE;
}

/*
 * The two CES samples of a two-sample statistic: CX_STAT_VALUE when both
 * have responses on the same scale and n > 1 (va, vb: s^2 / n of each),
 * else NULL or the error (a scale error in either summary wins over the
 * other being empty).
 */
static CxStatOutcome
ces_pair(const CxSummary *a, const CxSummary *b, CxMeanSample *ma,
		 CxMeanSample *mb, double *va, double *vb, CxError *err)
{
	CxStatOutcome ra,
				rb;

	ra = cx_ces_sample(a, ma, err);
	if (ra == CX_STAT_ERROR)
		return ra;
	rb = cx_ces_sample(b, mb, err);
	if (rb == CX_STAT_ERROR)
		return rb;
	if (ra == CX_STAT_NULL || rb == CX_STAT_NULL)
		return CX_STAT_NULL;
	if (ma->scale != mb->scale)
	{
		char		detail[128];

		snprintf(detail, sizeof(detail),
				 "The first summary holds CES on a %d-point scale, the second on a %d-point scale.",
				 ma->scale, mb->scale);
		cx_fail(err, CX_ERR_MIXED_SCALE, detail,
				"Compare CES summaries of the same scale.",
				"cannot compare CES scores measured on different scales");
		return CX_STAT_ERROR;
	}
	if (!(ma->n > 1.0) || !(mb->n > 1.0))
		return CX_STAT_NULL;
	*va = ma->variance / ma->n;
	*vb = mb->variance / mb->n;
	return CX_STAT_VALUE;
}

/* Welch-Satterthwaite degrees of freedom */
static double
welch_df(const CxMeanSample *ma, const CxMeanSample *mb, double va, double vb)
{
	return (va + vb) * (va + vb) /
		(va * va / (ma->n - 1.0) + vb * vb / (mb->n - 1.0));
}

CxStatOutcome
cx_ces_test(const CxSummary *a, const CxSummary *b, double *p_value,
			CxError *err)
{
	CxMeanSample ma,
				mb;
	double		va = 0.0,
				vb = 0.0;
	CxStatOutcome r = ces_pair(a, b, &ma, &mb, &va, &vb, err);

	if (r != CX_STAT_VALUE)
		return r;
	if (!(va + vb > 0.0))
		return CX_STAT_NULL;
	*p_value = cx_t_two_sided_p((ma.mean - mb.mean) / sqrt(va + vb),
								welch_df(&ma, &mb, va, vb));
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_ces_diff_interval(const CxSummary *a, const CxSummary *b, double confidence,
					 double *lower, double *upper, CxError *err)
{
	CxMeanSample ma,
				mb;
	double		va = 0.0,
				vb = 0.0,
				half;
	CxStatOutcome r;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	r = ces_pair(a, b, &ma, &mb, &va, &vb, err);
	if (r != CX_STAT_VALUE)
		return r;
	if (!(va + vb > 0.0))
		return CX_STAT_NULL;
	half = cx_t_upper_quantile(0.5 * (1.0 - confidence), welch_df(&ma, &mb, va, vb)) *
		sqrt(va + vb);
	*lower = ma.mean - mb.mean - half;
	*upper = ma.mean - mb.mean + half;
	return CX_STAT_VALUE;
}

/* ----------------------------------------------------------------
 * Segment against the rest
 * ----------------------------------------------------------------
 */

CxStatOutcome
cx_test_vs_rest(CxMetric metric, const CxSummary *segment,
				const CxSummary *total, double *p_value, CxError *err)
{
	CxSummary	rest;

	if (!cx_summary_difference(total, segment, &rest, err))
		return CX_STAT_ERROR;
	switch (metric)
	{
		case CX_METRIC_NPS:
			return cx_nps_test(segment, &rest, p_value);
		case CX_METRIC_CSAT:
			return cx_csat_test(segment, &rest, p_value);
		case CX_METRIC_CES:
			return cx_ces_test(segment, &rest, p_value, err);
		default:
			cx_fail(err, CX_ERR_PARAMETER, NULL, NULL, "unknown feedback metric");
			return CX_STAT_ERROR;
	}
}

/* ----------------------------------------------------------------
 * Margins of error and sample sizes
 * ----------------------------------------------------------------
 */

bool
cx_margin_check(double margin, CxError *err)
{
	char		detail[96];

	if (margin > 0.0 && isfinite(margin))
		return true;
	snprintf(detail, sizeof(detail), "The margin given was %g.", margin);
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Give the margin in points of the metric, for example 5 for plus or minus 5 points.",
				   "margin of error must be greater than 0");
}

CxStatOutcome
cx_nps_margin(const CxSummary *s, double confidence, double *out, CxError *err)
{
	CxShares	sh;
	double		center,
				half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	if (!cx_shares_of(s, CX_METRIC_NPS, &sh))
		return CX_STAT_NULL;
	adjusted_wald(&sh, z_for(confidence), &center, &half);
	*out = 100.0 * half;
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_csat_margin(const CxSummary *s, double confidence, double *out, CxError *err)
{
	CxShares	sh;
	double		z,
				z2,
				n,
				p,
				q;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	if (!cx_shares_of(s, CX_METRIC_CSAT, &sh))
		return CX_STAT_NULL;
	z = z_for(confidence);
	z2 = z * z;
	n = sh.n + z2;
	/* Agresti-Coull: z^2/2 satisfied and z^2/2 others added */
	p = (sh.share[CX_CAT_POSITIVE] * sh.n + 0.5 * z2) / n;
	q = ((sh.share[CX_CAT_NEUTRAL] + sh.share[CX_CAT_NEGATIVE]) * sh.n + 0.5 * z2) / n;
	*out = 100.0 * z * sqrt(p * q / n);
	return CX_STAT_VALUE;
}

/*
 * z^2 variance / m^2 - pseudo, rounded up to a count.  A variance of 0
 * needs no sample at all (and m^2 may have underflowed to 0).
 */
static bool
planned_size(double variance, double margin, double z, double pseudo,
			 int64_t *out, CxError *err)
{
	double		m = margin / 100.0;
	double		x,
				r;

	x = variance > 0.0 ? z * z * variance / (m * m) - pseudo : -pseudo;
	r = nearbyint(x);
	if (fabs(x - r) <= 1e-9 * fmax(1.0, fabs(x)))
		x = r;
	x = ceil(x);
	if (!(x < 9223372036854775808.0))
		return cx_fail(err, CX_ERR_RANGE,
					   "The margin of error is too small for a sample size in 64 bits.",
					   NULL, "sample size out of range");
	*out = x > 0.0 ? (int64_t) x : 0;
	return true;
}

static bool
fail_nps_shares(double promoters, double detractors, CxError *err)
{
	char		detail[128];

	snprintf(detail, sizeof(detail), "The shares given were %g promoters and %g detractors.",
			 promoters, detractors);
	return cx_fail(err, CX_ERR_PARAMETER, detail,
				   "Give shares as fractions, for example 0.45 promoters and 0.2 detractors.",
				   "promoter and detractor shares must be between 0 and 1 and add up to at most 1");
}

/* s^2 of the NPS once the shares are checked (passives may round below 0) */
static bool
nps_size(double margin, double p, double d, double confidence, int64_t *out,
		 CxError *err)
{
	double		passives = fmax(1.0 - p - d, 0.0);

	return planned_size(trinomial_variance(p, passives, d), margin,
						z_for(confidence), 3.0, out, err);
}

bool
cx_nps_sample_size(double margin, double promoters, double detractors,
				   double confidence, int64_t *out, CxError *err)
{
	if (!cx_confidence_check(confidence, err) || !cx_margin_check(margin, err))
		return false;
	/* 1e-12: 0.7 + 0.3 and the like must pass whatever their rounding */
	if (!(promoters >= 0.0 && promoters <= 1.0 && detractors >= 0.0 &&
		  detractors <= 1.0 && promoters + detractors <= 1.0 + 1e-12))
		return fail_nps_shares(promoters, detractors, err);
	return nps_size(margin, promoters, detractors, confidence, out, err);
}

static bool
csat_size(double margin, double p, double q, double confidence, int64_t *out,
		  CxError *err)
{
	double		z = z_for(confidence);

	return planned_size(p * q, margin, z, z * z, out, err);
}

bool
cx_csat_sample_size(double margin, double satisfied, double confidence,
					int64_t *out, CxError *err)
{
	char		detail[96];

	if (!cx_confidence_check(confidence, err) || !cx_margin_check(margin, err))
		return false;
	if (!(satisfied >= 0.0 && satisfied <= 1.0))
	{
		snprintf(detail, sizeof(detail), "The share given was %g.", satisfied);
		return cx_fail(err, CX_ERR_PARAMETER, detail,
					   "Give the satisfied share as a fraction, for example 0.8.",
					   "satisfied share must be between 0 and 1");
	}
	return csat_size(margin, satisfied, 1.0 - satisfied, confidence, out, err);
}

CxStatOutcome
cx_nps_sample_size_of(double margin, const CxSummary *s, double confidence,
					  int64_t *out, CxError *err)
{
	CxShares	sh;

	if (!cx_confidence_check(confidence, err) || !cx_margin_check(margin, err))
		return CX_STAT_ERROR;
	if (!cx_shares_of(s, CX_METRIC_NPS, &sh))
		return CX_STAT_NULL;
	if (!nps_size(margin, sh.share[CX_CAT_POSITIVE], sh.share[CX_CAT_NEGATIVE],
				  confidence, out, err))
		return CX_STAT_ERROR;
	return CX_STAT_VALUE;
}

CxStatOutcome
cx_csat_sample_size_of(double margin, const CxSummary *s, double confidence,
					   int64_t *out, CxError *err)
{
	CxShares	sh;

	if (!cx_confidence_check(confidence, err) || !cx_margin_check(margin, err))
		return CX_STAT_ERROR;
	if (!cx_shares_of(s, CX_METRIC_CSAT, &sh))
		return CX_STAT_NULL;
	if (!csat_size(margin, sh.share[CX_CAT_POSITIVE],
				   sh.share[CX_CAT_NEUTRAL] + sh.share[CX_CAT_NEGATIVE],
				   confidence, out, err))
		return CX_STAT_ERROR;
	return CX_STAT_VALUE;
}

/* ----------------------------------------------------------------
 * Response rates
 * ----------------------------------------------------------------
 */

static CxStatOutcome
rate_check(int64_t responses, int64_t invitations, CxError *err)
{
	char		detail[128];

	if (invitations < 0 || responses < 0)
	{
		snprintf(detail, sizeof(detail), "The %s given were %lld.",
				 invitations < 0 ? "invitations" : "responses",
				 (long long) (invitations < 0 ? invitations : responses));
		cx_fail(err, CX_ERR_PARAMETER, detail, NULL,
				"%s must not be negative", invitations < 0 ? "invitations" : "responses");
		return CX_STAT_ERROR;
	}
	if (responses > invitations)
	{
		snprintf(detail, sizeof(detail), "There are %lld responses to %lld invitations.",
				 (long long) responses, (long long) invitations);
		cx_fail(err, CX_ERR_PARAMETER, detail,
				"Count each respondent once, against the invitations of the same survey.",
				"responses exceed invitations");
		return CX_STAT_ERROR;
	}
	return invitations == 0 ? CX_STAT_NULL : CX_STAT_VALUE;
}

CxStatOutcome
cx_response_rate(int64_t responses, int64_t invitations, double *out,
				 CxError *err)
{
	CxStatOutcome r = rate_check(responses, invitations, err);

	if (r == CX_STAT_VALUE)
		*out = 100.0 * (double) responses / (double) invitations;
	return r;
}

CxStatOutcome
cx_response_rate_interval(int64_t responses, int64_t invitations,
						  double confidence, double *lower, double *upper,
						  CxError *err)
{
	CxStatOutcome r;
	double		z,
				n,
				p,
				q,
				z2n,
				denom,
				center,
				half;

	if (!cx_confidence_check(confidence, err))
		return CX_STAT_ERROR;
	r = rate_check(responses, invitations, err);
	if (r != CX_STAT_VALUE)
		return r;
	z = z_for(confidence);
	n = (double) invitations;
	p = (double) responses / n;
	q = (double) (invitations - responses) / n;
	z2n = z * z / n;
	denom = 1.0 + z2n;
	center = (p + 0.5 * z2n) / denom;
	half = z * sqrt(p * q / n + 0.25 * z2n / n) / denom;
	/* the ends are exactly 0 and 1 there; do not let round-off say 3e-15 */
	*lower = responses == 0 ? 0.0 : 100.0 * fmax(center - half, 0.0);
	*upper = responses == invitations ? 100.0 : 100.0 * fmin(center + half, 1.0);
	return CX_STAT_VALUE;
}

/* ----------------------------------------------------------------
 * Multiple comparisons
 * ----------------------------------------------------------------
 */

bool
cx_p_check(double p, CxError *err)
{
	char		detail[96];

	if (p >= 0.0 && p <= 1.0)
		return true;
	if (isnan(p))
		return cx_fail(err, CX_ERR_PARAMETER, NULL,
					   "Leave a p-value that could not be computed NULL; NULL p-values are not counted.",
					   "p-value must not be NaN");
	snprintf(detail, sizeof(detail), "The p-value given was %g.", p);
	return cx_fail(err, CX_ERR_RANGE, detail, NULL,
				   "p-value must be between 0 and 1");
}

/* ascending p; ties by position, so that the order is total and stable */
static int
rank_cmp(const void *x, const void *y)
{
	const CxPRank *a = x,
			   *b = y;

	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

void
cx_p_adjust(CxPAdjustMethod method, const double *p, size_t m,
			double *adjusted, CxPRank *work)
{
	double		running;

	for (size_t i = 0; i < m; i++)
	{
		work[i].p = p[i];
		work[i].index = i;
	}
	qsort(work, m, sizeof(CxPRank), rank_cmp);
	if (method == CX_P_HOLM)
	{
		/* step down: the smallest p is multiplied by m, the next by m - 1 */
		running = 0.0;
		for (size_t k = 0; k < m; k++)
		{
			double		v = fmin((double) (m - k) * work[k].p, 1.0);

			if (v > running)
				running = v;
			adjusted[work[k].index] = running;
		}
	}
	else
	{
		/* step up from the largest: p(k) m / k, the running minimum */
		running = 1.0;
		for (size_t k = m; k-- > 0;)
		{
			double		v = (double) m / (double) (k + 1) * work[k].p;

			if (v < running)
				running = v;
			adjusted[work[k].index] = running;
		}
	}
}

/* ----------------------------------------------------------------
 * JSON report
 * ----------------------------------------------------------------
 */

/* Output buffer that records overflow instead of writing past its end. */
typedef struct JsonOut
{
	char	   *buf;
	size_t		len;
	size_t		cap;
	bool		overflow;
} JsonOut;

static void json_put(JsonOut *o, const char *fmt,...) __attribute__((format(printf, 2, 3)));

static void
json_put(JsonOut *o, const char *fmt,...)
{
	va_list		ap;
	int			n;

	if (o->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t) n >= o->cap - o->len)
		o->overflow = true;
	else
		o->len += (size_t) n;
}

/* A double as a JSON number in the fewest digits that read back exactly. */
static void
json_number(JsonOut *o, double v)
{
	char		num[40];

	if (!isfinite(v))
	{
		json_put(o, "null");
		return;
	}
	for (int digits = 15; digits <= 17; digits++)
	{
		snprintf(num, sizeof(num), "%.*g", digits, v);
		if (strtod(num, NULL) == v)
			break;
	}
	json_put(o, "%s", num);
}

static void
json_outcome(JsonOut *o, const char *key, CxStatOutcome r, double v)
{
	json_put(o, ",\"%s\":", key);
	if (r == CX_STAT_VALUE)
		json_number(o, v);
	else
		json_put(o, "null");
}

static const char *const json_category_keys[CX_METRIC_MAX + 1][CX_NCATEGORIES] = {
	{NULL, NULL, NULL},
	{"promoters", "passives", "detractors"},
	{"satisfied", "neutral", "dissatisfied"},
	{"easy", "neutral", "difficult"},
};

static void
json_metric(JsonOut *o, const CxSummary *s, CxMetric metric, bool *first)
{
	int64_t		responses = cx_summary_metric_count(s, metric);
	CxStatOutcome r;
	CxError		err;
	CxShares	sh = {0};
	double		v = 0.0;
	bool		first_scale = true;

	if (responses == 0)
		return;
	json_put(o, "%s\"%s\":{\"responses\":%lld", *first ? "" : ",",
			 cx_metric_name(metric), (long long) responses);
	*first = false;

	/* score: the metric's headline value, NULL cases as in SQL */
	if (metric == CX_METRIC_NPS)
		r = cx_summary_nps(s, &v) ? CX_STAT_VALUE : CX_STAT_NULL;
	else if (metric == CX_METRIC_CSAT)
		r = cx_summary_csat(s, &v) ? CX_STAT_VALUE : CX_STAT_NULL;
	else
	{
		bool		isnull;

		r = !cx_summary_ces(s, &v, &isnull, &err) || isnull ? CX_STAT_NULL : CX_STAT_VALUE;
	}
	json_outcome(o, "score", r, v);

	if (metric == CX_METRIC_NPS)
		r = cx_nps_stderr(s, &v);
	else if (metric == CX_METRIC_CSAT)
		r = cx_csat_stderr(s, &v);
	else
		r = cx_ces_stderr(s, &v, &err);
	json_outcome(o, "stderr", r, v);

	for (int c = 0; c < CX_NCATEGORIES; c++)
		json_put(o, ",\"%s\":%lld", json_category_keys[metric][c],
				 (long long) cx_summary_category_count(s, metric, (CxCategory) c));
	if (s->flags & CX_SUMMARY_WEIGHTED)
	{
		json_put(o, ",\"weight\":");
		json_number(o, cx_summary_metric_weight(s, metric));
		r = cx_shares_of(s, metric, &sh) ? CX_STAT_VALUE : CX_STAT_NULL;
		json_outcome(o, "effective_n", r, sh.n);
	}
	json_put(o, ",\"counts\":{");
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		const CxBucketInfo *info = &cx_buckets[b];

		if (info->metric != metric || cx_summary_bucket_count(s, b) == 0)
			continue;
		json_put(o, "%s\"%d\":[", first_scale ? "" : ",", info->scale);
		first_scale = false;
		for (int i = 0; i < info->npoints; i++)
			json_put(o, "%s%lld", i ? "," : "", (long long) s->count[info->first_slot + i]);
		json_put(o, "]");
	}
	json_put(o, "}}");
}

size_t
cx_summary_json(const CxSummary *s, char *buf, size_t buflen)
{
	JsonOut		o = {buf, 0, buflen, buflen == 0};
	bool		first = false;

	json_put(&o, "{\"responses\":%lld,\"weighted\":%s",
			 (long long) cx_summary_total(s),
			 (s->flags & CX_SUMMARY_WEIGHTED) ? "true" : "false");
	json_metric(&o, s, CX_METRIC_NPS, &first);
	json_metric(&o, s, CX_METRIC_CSAT, &first);
	json_metric(&o, s, CX_METRIC_CES, &first);
	json_put(&o, "}");
	return o.overflow ? 0 : o.len;
}
