#!/usr/bin/env python3
"""Reference implementation of cxsat's statistics, for the test suites.

Written separately from src/cx_stats.c and deliberately by other methods
wherever the numerics are delicate, so that agreement means something:

  quantity              here                                   in the C code
  --------------------  -------------------------------------  ------------------------------
  Student's t tail      power series of the incomplete beta,    continued fraction (Lentz) in
                        in decimal at a precision chosen per    double precision
                        call (extra digits when 1 - I is used)
  log-gamma             Stirling's series with exact Bernoulli  libm lgamma / rearranged
                        numbers, in decimal                     Stirling remainder
  t quantile            Newton on the decimal tail, certified   safeguarded Newton in double
                        by a sign change 1e-12 either side
  normal tail           erf Taylor series in decimal            libm erfc
  normal quantile       statistics.NormalDist                   its own AS 241
  NPS score interval    bisection at 50 digits on the squared   bisection in double on the
                        score equation, after a grid check      unsquared one
                        that the accepted set is one interval
  shares, means, Wald,  exact rationals (fractions), then one   double precision
  Wilson, Welch...      decimal square root

  analyst (0.2.0)       subtraction by dictionary arithmetic on    cx_summary_difference in
                        the raw GROUP BY counts; Holm and BH by    double; Holm and BH by one
                        their definitions in exact rationals,      sort and a running max/min
                        O(m^2) (max / min over ranks); sample
                        sizes as exact rationals, then ceiling;
                        the jsonb report rebuilt key by key from
                        the functions here

Only the Python standard library is used.

Input (stdin), one JSON object per line:
  {"group": "...", "fn": "nps_ci_lower", "conf": 0.95, "method": "wald",
   "a": SUMMARY, "b": SUMMARY or null, "got": number or null}
where SUMMARY is
  {"weighted": bool,
   "points": {"nps": [[score, count, weight_sum], ...], "csat/5": [...], ...},
   "wsq": {"nps": weight_sq_sum, ...}}
(weights as decimal strings or numbers; for an unweighted summary weight_sum
is ignored and every weight is 1).  The 0.2.0 functions add inputs of their own: "margin", "promoters",
"detractors", "satisfied" (sample sizes), "responses" and "invitations"
(response rates), "ps" (one family of p-values, null for NULL, with "got"
the list of adjusted values), and for subtract and summary_jsonb "got" is
the summary's text form or the jsonb as text.  Output: one line per group,
"ok GROUP (N values)" or "FAIL GROUP: ..." lines, then a summary line with
the number of values compared and the largest relative difference seen.
"python3 stats_ref.py selftest" checks the reference itself against values
published in tables and closed forms.
"""

import functools
import json
import math
import sys
from decimal import Decimal, localcontext
from fractions import Fraction
from statistics import NormalDist

WORK_DIGITS = 40

# --------------------------------------------------------------------------
# constants and log-gamma in decimal
# --------------------------------------------------------------------------

_pi_cache = {}


def dec_pi(digits):
    """pi to `digits` digits by Machin's formula."""
    if digits in _pi_cache:
        return _pi_cache[digits]
    with localcontext() as ctx:
        ctx.prec = digits + 10
        eps = Decimal(10) ** -(digits + 10)

        def arctan_inverse(n):
            x = Decimal(1) / n
            power = x
            total = x
            k = 1
            sign = 1
            x2 = x * x
            while True:
                power *= x2
                k += 2
                sign = -sign
                term = power / k
                if term < eps:
                    break
                total += sign * term
            return total

        value = 4 * (4 * arctan_inverse(5) - arctan_inverse(239))
    with localcontext() as ctx:
        ctx.prec = digits
        value = +value
    _pi_cache[digits] = value
    return value


_bernoulli = [Fraction(1)]


def bernoulli(n):
    """B_n with B_1 = -1/2, from sum_{j<=m} C(m+1, j) B_j = 0."""
    while len(_bernoulli) <= n:
        m = len(_bernoulli)
        if m > 1 and m % 2 == 1:
            _bernoulli.append(Fraction(0))
            continue
        s = sum(math.comb(m + 1, j) * _bernoulli[j] for j in range(m))
        _bernoulli.append(-s / (m + 1))
    return _bernoulli[n]


def ln_gamma(z, digits):
    """log Gamma(z) for decimal z > 0, to about `digits` significant digits
    (absolute accuracy 10^-digits times max(1, |result|))."""
    with localcontext() as ctx:
        ctx.prec = digits + 15
        z = Decimal(z)
        # move the argument up so that Stirling's series converges quickly
        target = Decimal(4 * digits + 20)
        product = Decimal(1)
        w = z
        while w < target:
            product *= w
            w += 1
        total = (w - Decimal("0.5")) * w.ln() - w + (2 * dec_pi(digits + 20)).ln() / 2
        scale = max(Decimal(1), abs(total))
        eps = Decimal(10) ** -(digits + 12)
        w2 = w * w
        wpow = w
        k = 1
        while True:
            b = bernoulli(2 * k)
            term = Decimal(b.numerator) / Decimal(b.denominator) / (2 * k * (2 * k - 1)) / wpow
            total += term
            if abs(term) < eps * scale:
                break
            wpow *= w2
            k += 1
        total -= product.ln()
    return total


def ln_beta(a, b, digits):
    with localcontext() as ctx:
        ctx.prec = digits + 15
        return ln_gamma(a, digits) + ln_gamma(b, digits) - ln_gamma(Decimal(a) + Decimal(b), digits)


# --------------------------------------------------------------------------
# incomplete beta by its power series, and Student's t
# --------------------------------------------------------------------------

def beta_series(a, b, x, y, digits):
    """I_x(a, b) = x^a y^b / (a B(a,b)) * sum_n [(a+b)_n / (a+1)_n] x^n,
    with y = 1 - x; decimal, `digits` significant digits."""
    with localcontext() as ctx:
        ctx.prec = digits + 15
        a = Decimal(a)
        b = Decimal(b)
        x = Decimal(x)
        y = Decimal(y)
        eps = Decimal(10) ** -(digits + 10)
        term = Decimal(1)
        total = Decimal(1)
        n = 0
        while True:
            ratio = (a + b + n) / (a + 1 + n) * x
            term *= ratio
            total += term
            n += 1
            bound_ratio = max(ratio, x)
            if bound_ratio < 1 and term * bound_ratio / (1 - bound_ratio) < eps * total:
                break
            if n > 20_000_000:
                raise RuntimeError("incomplete beta series did not converge")
        log_front = a * x.ln() + b * y.ln() - ln_beta(a, b, digits + 5) - a.ln()
        return log_front.exp() * total


def _float_log10_beta_inc_front(a, b, x, y):
    """Rough log10 of x^a y^b / (a B(a, b)), in floats, to choose precision."""
    lb = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return (a * math.log(x) + b * math.log(y) - lb - math.log(a)) / math.log(10)


def t_two_sided_p(t, df):
    """P(|T| >= |t|) = I_x(df/2, 1/2), x = df / (df + t^2)."""
    t = Decimal(t)
    df = Decimal(df)
    if t == 0:
        return Decimal(1)
    with localcontext() as ctx:
        ctx.prec = 60
        t2 = t * t
        x = df / (df + t2)
        y = t2 / (df + t2)
    a = df / 2
    half = Decimal("0.5")
    fa, fx, fy = float(a), float(x), float(y)
    if fy == 0.0:
        return Decimal(1)
    if fx == 0.0:
        return Decimal(0)
    # far below the smallest double: report 0 rather than sum for hours
    if _float_log10_beta_inc_front(fa, 0.5, fx, fy) < -400:
        return Decimal(0)
    # cost of the direct series (ratio at most x) against 1 - I_y(1/2, a),
    # whose terms first grow for about lam = a y / (1 - y) terms
    cost_direct = WORK_DIGITS * 2.31 / -math.log(fx) if fx < 1.0 else math.inf
    lam = fa * fy / max(fx, 1e-300)
    cost_complement = lam + 12.0 * math.sqrt(lam + 1.0) + WORK_DIGITS * 2.31 / -math.log(min(fy, 0.999999))
    if cost_direct <= cost_complement:
        return beta_series(a, half, x, y, WORK_DIGITS)
    # the complement cancels: add as many digits as the result is small
    est = _float_log10_beta_inc_front(fa, 0.5, fx, fy)
    extra = int(max(0.0, -est)) + 10
    digits = WORK_DIGITS + extra
    with localcontext() as ctx:
        ctx.prec = digits + 15
        tx = df / (df + t2)
        ty = t2 / (df + t2)
        return 1 - beta_series(half, a, ty, tx, digits)


def t_sf(t, df):
    """P(T > t)."""
    p = t_two_sided_p(t, df) / 2
    return p if Decimal(t) >= 0 else 1 - p


def _t_pdf_float(t, df):
    return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)
                    - 0.5 * math.log(df * math.pi) - (df + 1) / 2 * math.log1p(t * t / df))


@functools.lru_cache(maxsize=None)
def t_upper_quantile(alpha, df):
    """t with P(T > t) = alpha, 0 < alpha < 1/2; a float accurate to ~1e-13,
    certified by the tail changing side of alpha 1e-12 (relative) either way."""
    alpha_d = Decimal(alpha)
    dff = float(df)
    z = -NormalDist().inv_cdf(alpha)
    t = z + (z ** 3 + z) / (4 * dff)
    lo, hi = 0.0, math.inf
    for _ in range(200):
        sf = t_sf(t, df)
        if sf > alpha_d:
            lo = t
        else:
            hi = t
        g = float((sf.ln() - alpha_d.ln()))
        pdf = _t_pdf_float(t, dff)
        step = g * float(sf) / pdf if pdf > 0 else math.inf
        nxt = t + step
        if not (lo < nxt < hi):
            nxt = 2 * lo if hi == math.inf else (lo + hi) / 2
            if nxt == 0.0:
                nxt = z
        if abs(nxt - t) <= 1e-15 * abs(nxt):
            t = nxt
            break
        t = nxt
    below = t_sf(t * (1 - 1e-12), df)
    above = t_sf(t * (1 + 1e-12), df)
    if not (below > alpha_d > above):
        raise RuntimeError("t quantile not certified: alpha=%r df=%r t=%r" % (alpha, df, t))
    return t


def normal_two_sided_p(z):
    """P(|Z| >= |z|) = erfc(|z| / sqrt 2), erf by its Taylor series in decimal."""
    z = abs(Decimal(z))
    if z == 0:
        return Decimal(1)
    if z > 40:
        return Decimal(0)           # below 1e-340: zero in double precision
    zf = float(z)
    # erfc is about exp(-x^2) while the series' terms reach exp(x^2):
    # 2 x^2 = z^2 nepers of cancellation to carry
    digits = WORK_DIGITS + int(zf * zf / math.log(10)) + 10
    with localcontext() as ctx:
        ctx.prec = digits + 10
        x = z / Decimal(2).sqrt()
        x2 = x * x
        term = x            # x^(2n+1) / n!, signed
        total = x
        n = 0
        eps = Decimal(10) ** -(digits + 5)
        while True:
            n += 1
            term *= -x2 / n
            contrib = term / (2 * n + 1)
            total += contrib
            if abs(contrib) < eps and n > x2:
                break
        erf = 2 * total / dec_pi(digits + 10).sqrt()
        return 1 - erf


def z_for(conf):
    """z with P(|Z| <= z) = conf: the upper (1 - conf)/2 point, taken from
    the lower tail so that no 1 - tiny is rounded."""
    return -NormalDist().inv_cdf((1.0 - conf) / 2.0)


# --------------------------------------------------------------------------
# summaries
# --------------------------------------------------------------------------

# which scores are positive / neutral / negative, restated from the README
CATEGORY = {
    "nps": ({9, 10}, {7, 8}, set(range(0, 7))),
    "csat/2": ({2}, set(), {1}),
    "csat/3": ({3}, {2}, {1}),
    "csat/5": ({4, 5}, {3}, {1, 2}),
    "csat/7": ({6, 7}, {3, 4, 5}, {1, 2}),
    "csat/10": ({8, 9, 10}, {4, 5, 6, 7}, {1, 2, 3}),
}


def exact(v):
    """An input number as an exact fraction (floats and decimal strings)."""
    if isinstance(v, str):
        return Fraction(Decimal(v))
    if isinstance(v, float):
        return Fraction(v)
    return Fraction(v)


class Sample:
    """What a summary says about one metric, in exact rationals."""

    def __init__(self, summary, metric):
        self.weighted = bool(summary.get("weighted"))
        self.buckets = [name for name in summary["points"]
                        if name.split("/")[0] == metric
                        and sum(int(p[1]) for p in summary["points"][name]) > 0]
        self.points = []            # (bucket, score, count, weight)
        w2 = Fraction(0)
        for name in self.buckets:
            for score, count, wsum in summary["points"][name]:
                count = int(count)
                if count == 0:
                    continue
                weight = exact(wsum) if self.weighted else Fraction(count)
                self.points.append((name, int(score), count, weight))
            w2 += exact(summary["wsq"][name]) if self.weighted else \
                sum(int(p[1]) for p in summary["points"][name])
        self.responses = sum(p[2] for p in self.points)
        self.weight = sum((p[3] for p in self.points), Fraction(0))
        if self.responses and self.weight > 0:
            self.n = Fraction(self.responses) if not self.weighted else self.weight ** 2 / w2
            # The sums arrive rounded to double precision, so one response
            # of weight w gives w^2 / fl(w^2), a hair off the exact 1 that
            # Kish's formula gives for a single weight: within 1e-12 of 1
            # is 1.
            if abs(self.n - 1) < Fraction(1, 10 ** 12):
                self.n = Fraction(1)
        else:
            self.n = None

    def share(self, category_index):
        total = Fraction(0)
        for name, score, _, weight in self.points:
            if score in CATEGORY[name][category_index]:
                total += weight
        return total / self.weight


def dsqrt(fr):
    with localcontext() as ctx:
        ctx.prec = 50
        if fr < 0:
            raise ValueError("negative variance")
        return (Decimal(fr.numerator) / Decimal(fr.denominator)).sqrt()


def dec_of(fr):
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(fr.numerator) / Decimal(fr.denominator)


# ---- NPS -----------------------------------------------------------------

def nps_parts(summary):
    s = Sample(summary, "nps")
    if s.n is None:
        return None
    p, d = s.share(0), s.share(2)
    return s, p, d, p + d - (p - d) ** 2          # Rocks's variance, as published


def nps_stderr(a):
    parts = nps_parts(a)
    if parts is None:
        return None
    s, _, _, v = parts
    return 100 * dsqrt(v / s.n)


@functools.lru_cache(maxsize=None)
def nps_score_interval(p, d, n, z):
    """{D : n (p - d - D)^2 <= z^2 V(D)} in 50-digit decimal."""
    p, d, n, z = dec_of(p), dec_of(d), dec_of(n), Decimal(z)
    with localcontext() as ctx:
        ctx.prec = 50

        def accepted(delta):
            delta = Decimal(delta)
            b = (2 - p + d) * delta - p - d
            k = d * delta * (1 - delta)
            disc = b * b + 8 * k
            if disc < 0:
                disc = Decimal(0)
            q = (-b + disc.sqrt()) / 4
            v = 2 * q + delta * (1 - delta)
            return n * (p - d - delta) ** 2 <= z * z * v

        # the accepted set must be one interval around p - d: check on a grid
        grid = [Decimal(i) / 200 - 1 for i in range(401)]
        marks = [accepted(g) for g in grid]
        first = marks.index(True) if True in marks else None
        if first is not None:
            last = len(marks) - 1 - marks[::-1].index(True)
            if not all(marks[first:last + 1]):
                raise RuntimeError("score acceptance region is not an interval")

        def bisect(inner, outer):
            for _ in range(140):
                mid = (inner + outer) / 2
                if accepted(mid):
                    inner = mid
                else:
                    outer = mid
            return inner

        centre = p - d
        upper = Decimal(1) if accepted(1) else bisect(centre, Decimal(1))
        lower = Decimal(-1) if accepted(-1) else bisect(centre, Decimal(-1))
        return lower, upper


def nps_interval(a, conf, method):
    parts = nps_parts(a)
    if parts is None:
        return None
    s, p, d, v = parts
    z = z_for(conf)
    if method == "score":
        lo, hi = nps_score_interval(p, d, s.n, z)
        return 100 * lo, 100 * hi
    if method == "adjusted_wald":
        passive = 1 - p - d
        n = s.n + 3
        p2 = (p * s.n + Fraction(3, 4)) / n
        d2 = (d * s.n + Fraction(3, 4)) / n
        assert (passive * s.n + Fraction(3, 2)) / n == 1 - p2 - d2
        centre, var, n_used = p2 - d2, p2 + d2 - (p2 - d2) ** 2, n
    elif method == "wald":
        centre, var, n_used = p - d, v, s.n
    else:
        raise ValueError(method)
    half = Decimal(z) * dsqrt(var / n_used)
    c = dec_of(centre)
    return 100 * (c - half), 100 * (c + half)


def nps_difference(a, b):
    pa, pb = nps_parts(a), nps_parts(b)
    if pa is None or pb is None:
        return None
    return pa[1] - pa[2] - (pb[1] - pb[2]), pa[3] / pa[0].n + pb[3] / pb[0].n


def nps_test(a, b):
    r = nps_difference(a, b)
    if r is None or r[1] == 0:
        return None
    diff, var = r
    return normal_two_sided_p(dec_of(diff) / dsqrt(var))


def nps_diff_interval(a, b, conf):
    r = nps_difference(a, b)
    if r is None:
        return None
    diff, var = r
    half = Decimal(z_for(conf)) * dsqrt(var)
    return 100 * (dec_of(diff) - half), 100 * (dec_of(diff) + half)


# ---- CSAT ----------------------------------------------------------------

def csat_parts(summary):
    s = Sample(summary, "csat")
    if s.n is None:
        return None
    return s, s.share(0)


def csat_stderr(a):
    r = csat_parts(a)
    if r is None:
        return None
    s, p = r
    return 100 * dsqrt(p * (1 - p) / s.n)


def csat_interval(a, conf, method):
    r = csat_parts(a)
    if r is None:
        return None
    s, p = r
    z = Fraction(z_for(conf))
    n = s.n
    if method == "wald":
        centre = p
        half = Decimal(z_for(conf)) * dsqrt(p * (1 - p) / n)
    elif method == "wilson":
        # Wilson (1927): centre (p + z^2/2n) / (1 + z^2/n)
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = dsqrt(z * z * (p * (1 - p) / n + z * z / (4 * n * n))) / dec_of(denom)
    else:
        raise ValueError(method)
    c = dec_of(centre)
    return 100 * (c - half), 100 * (c + half)


def csat_test(a, b):
    ra, rb = csat_parts(a), csat_parts(b)
    if ra is None or rb is None:
        return None
    (sa, pa), (sb, pb) = ra, rb
    pooled = (pa * sa.n + pb * sb.n) / (sa.n + sb.n)
    var = pooled * (1 - pooled) * (1 / sa.n + 1 / sb.n)
    if var == 0:
        return None
    return normal_two_sided_p(dec_of(pa - pb) / dsqrt(var))


# ---- CES -----------------------------------------------------------------

class MixedScales(Exception):
    pass


def ces_parts(summary):
    s = Sample(summary, "ces")
    if len(s.buckets) > 1:
        raise MixedScales()
    if s.n is None:
        return None
    mean = sum(w * score for _, score, _, w in s.points) / s.weight
    if s.n <= 1:
        return s, mean, None
    squares = sum(w * (score - mean) ** 2 for _, score, _, w in s.points)
    if s.weighted:
        var = squares / s.weight * s.n / (s.n - 1)
    else:
        var = squares / (s.n - 1)
    return s, mean, var


def ces_stderr(a):
    r = ces_parts(a)
    if r is None or r[2] is None:
        return None
    s, _, var = r
    return dsqrt(var / s.n)


def ces_interval(a, conf):
    r = ces_parts(a)
    if r is None or r[2] is None:
        return None
    s, mean, var = r
    tq = t_upper_quantile((1.0 - conf) / 2.0, dec_of(s.n - 1))
    half = Decimal(tq) * dsqrt(var / s.n)
    return dec_of(mean) - half, dec_of(mean) + half


def ces_test(a, b):
    ra, rb = ces_parts(a), ces_parts(b)
    if ra is None or rb is None:
        return None
    if ra[0].buckets != rb[0].buckets:
        raise MixedScales()
    if ra[2] is None or rb[2] is None:
        return None
    va = ra[2] / ra[0].n
    vb = rb[2] / rb[0].n
    if va + vb == 0:
        return None
    t = dec_of(ra[1] - rb[1]) / dsqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (ra[0].n - 1) + vb ** 2 / (rb[0].n - 1))
    return t_two_sided_p(t, dec_of(df))


# ---- 0.2.0: differences, segment against the rest ------------------------

def csat_diff_interval(a, b, conf):
    ra, rb = csat_parts(a), csat_parts(b)
    if ra is None or rb is None:
        return None
    (sa, pa), (sb, pb) = ra, rb
    var = pa * (1 - pa) / sa.n + pb * (1 - pb) / sb.n
    half = Decimal(z_for(conf)) * dsqrt(var)
    return 100 * (dec_of(pa - pb) - half), 100 * (dec_of(pa - pb) + half)


def ces_diff_interval(a, b, conf):
    ra, rb = ces_parts(a), ces_parts(b)
    if ra is None or rb is None:
        return None
    if ra[0].buckets != rb[0].buckets:
        raise MixedScales()
    if ra[2] is None or rb[2] is None:
        return None
    va = ra[2] / ra[0].n
    vb = rb[2] / rb[0].n
    if va + vb == 0:
        return None
    df = (va + vb) ** 2 / (va ** 2 / (ra[0].n - 1) + vb ** 2 / (rb[0].n - 1))
    tq = t_upper_quantile((1.0 - conf) / 2.0, dec_of(df))
    half = Decimal(tq) * dsqrt(va + vb)
    diff = dec_of(ra[1] - rb[1])
    return diff - half, diff + half


class NotContained(Exception):
    pass


def summary_minus(total, part):
    """total - part on the reference's own input form, exactly: counts by
    integer subtraction, weights and squared weights as exact rationals of
    the (double) sums.  Raises NotContained where a count would go negative
    or a weight would, beyond the documented 1e-9 round-off."""
    weighted = bool(total.get("weighted")) or bool(part.get("weighted"))

    def table(s):
        out = {}
        for name, pts in s["points"].items():
            for score, count, wsum in pts:
                count = int(count)
                w = exact(wsum) if s.get("weighted") else Fraction(count)
                out[(name, int(score))] = (count, w)
        return out

    def squares(s, name):
        if s.get("weighted"):
            return exact(s["wsq"].get(name, 0))
        return Fraction(sum(int(p[1]) for p in s["points"].get(name, [])))

    t, q = table(total), table(part)
    points, wsq = {}, {}
    for key in set(t) | set(q):
        tc, tw = t.get(key, (0, Fraction(0)))
        qc, qw = q.get(key, (0, Fraction(0)))
        if qc > tc:
            raise NotContained()
        rest_w = tw - qw
        if rest_w < 0 and -rest_w > tw * Fraction(1, 10 ** 9):
            raise NotContained()
        if tc == qc and abs(rest_w) > tw * Fraction(1, 10 ** 9):
            raise NotContained()
        if tc - qc > 0:
            points.setdefault(key[0], []).append([key[1], tc - qc, max(rest_w, Fraction(0))])
    for name in points:
        wsq[name] = max(squares(total, name) - squares(part, name), Fraction(0))
    return {"weighted": weighted,
            "points": {n: sorted(p) for n, p in points.items()},
            "wsq": wsq}


def test_vs_rest(metric, segment, total):
    rest = summary_minus(total, segment)
    return {"nps": nps_test, "csat": csat_test, "ces": ces_test}[metric](segment, rest)


# ---- 0.2.0: margins and sample sizes --------------------------------------

def nps_margin(a, conf):
    parts = nps_parts(a)
    if parts is None:
        return None
    s, p, d, _ = parts
    n = s.n + 3
    p2 = (p * s.n + Fraction(3, 4)) / n
    d2 = (d * s.n + Fraction(3, 4)) / n
    return 100 * Decimal(z_for(conf)) * dsqrt((p2 + d2 - (p2 - d2) ** 2) / n)


def csat_margin(a, conf):
    r = csat_parts(a)
    if r is None:
        return None
    s, p = r
    z = Fraction(z_for(conf))
    n = s.n + z * z
    pt = (p * s.n + z * z / 2) / n
    return 100 * Decimal(z_for(conf)) * dsqrt(pt * (1 - pt) / n)


class BadArgument(Exception):
    pass


def check_conf_margin(conf, margin):
    if not (0 < conf < 1):
        raise BadArgument()
    if not (margin > 0 and math.isfinite(margin)):
        raise BadArgument()


def planned(variance, margin, conf, pseudo):
    """ceil(z^2 var / m^2 - pseudo), never below 0, exact rationals; a value
    within 1e-9 of an integer counts as that integer (the documented rule)."""
    z = Fraction(z_for(conf))
    m = Fraction(margin) / 100
    x = z * z * variance / (m * m) - pseudo if variance > 0 else -Fraction(pseudo)
    r = round(x)
    if abs(x - r) <= Fraction(1, 10 ** 9) * max(1, abs(x)):
        x = Fraction(r)
    if x >= 2 ** 63:
        raise BadArgument()         # SQL: 22003, beyond bigint
    return max(0, math.ceil(x))


def nps_size(margin, p, d, conf):
    check_conf_margin(conf, margin)
    p, d = Fraction(p), Fraction(d)
    if not (0 <= p <= 1 and 0 <= d <= 1 and p + d <= 1 + Fraction(1, 10 ** 12)):
        raise BadArgument()
    return planned(p + d - (p - d) ** 2, margin, conf, 3)


def csat_size(margin, p, conf):
    check_conf_margin(conf, margin)
    p = Fraction(p)
    if not (0 <= p <= 1):
        raise BadArgument()
    z = Fraction(z_for(conf))
    return planned(p * (1 - p), margin, conf, z * z)


def nps_size_of(margin, a, conf):
    check_conf_margin(conf, margin)
    parts = nps_parts(a)
    if parts is None:
        return None
    _, p, d, v = parts
    return planned(v, margin, conf, 3)


def csat_size_of(margin, a, conf):
    check_conf_margin(conf, margin)
    r = csat_parts(a)
    if r is None:
        return None
    _, p = r
    z = Fraction(z_for(conf))
    return planned(p * (1 - p), margin, conf, z * z)


# ---- 0.2.0: response rates ------------------------------------------------

def rate_parts(x, n):
    if x < 0 or n < 0 or x > n:
        raise BadArgument()
    return None if n == 0 else Fraction(x, n)


def response_rate(x, n):
    p = rate_parts(x, n)
    return None if p is None else 100 * dec_of(p)


def response_rate_interval(x, n, conf):
    if not (0 < conf < 1):
        raise BadArgument()
    p = rate_parts(x, n)
    if p is None:
        return None
    z = Fraction(z_for(conf))
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = dsqrt(z * z * (p * (1 - p) / n + z * z / (4 * n * n))) / dec_of(denom)
    return 100 * (dec_of(centre) - half), 100 * (dec_of(centre) + half)


# ---- 0.2.0: multiple comparisons ------------------------------------------

def p_adjust(method, ps):
    """Adjusted p-values by the definitions, over the non-null entries, in
    exact rationals.  With r(i) the rank of p_i (ties broken by position;
    tied values come out equal either way):
      Holm  max over ranks j <= r(i) of min(1, (m - j + 1) p_(j))
      BH    min over ranks j >= r(i) of min(1, m p_(j) / j)"""
    idx = [i for i, p in enumerate(ps) if p is not None]
    for i in idx:
        if not (0 <= ps[i] <= 1):
            raise BadArgument()
    m = len(idx)
    order = sorted(idx, key=lambda i: (ps[i], i))
    rank = {i: k + 1 for k, i in enumerate(order)}
    out = [None] * len(ps)
    for i in idx:
        if method == "holm":
            out[i] = max(min(Fraction(1), (m - j + 1) * Fraction(ps[order[j - 1]]))
                         for j in range(1, rank[i] + 1))
        else:
            out[i] = min(min(Fraction(1), m * Fraction(ps[order[j - 1]]) / j)
                         for j in range(rank[i], m + 1))
    return out


# ---- 0.2.0: the jsonb report ----------------------------------------------

CATEGORY_KEYS = {"nps": ("promoters", "passives", "detractors"),
                 "csat": ("satisfied", "neutral", "dissatisfied"),
                 "ces": ("easy", "neutral", "difficult")}
# restated from the README's category table
CES_EASY = {"ces/5": ({4, 5}, {3}, {1, 2}), "ces/7": ({5, 6, 7}, {4}, {1, 2, 3})}
SCALE_LOW = {"nps": 0}


def summary_report(a):
    """The expected summary_jsonb: counts exact, numbers from this file."""
    cats = dict(CATEGORY)
    cats.update(CES_EASY)
    total = sum(int(p[1]) for pts in a["points"].values() for p in pts)
    out = {"responses": total, "weighted": bool(a.get("weighted")) and total > 0}
    for metric in ("nps", "csat", "ces"):
        names = [n for n in a["points"] if n.split("/")[0] == metric
                 and sum(int(p[1]) for p in a["points"][n]) > 0]
        if not names:
            continue
        m = {"responses": sum(int(p[1]) for n in names for p in a["points"][n])}
        for k, key in enumerate(CATEGORY_KEYS[metric]):
            m[key] = sum(int(p[1]) for n in names for p in a["points"][n]
                         if int(p[0]) in cats[n][k])
        s = Sample(a, metric)
        if metric == "ces":
            try:
                r = ces_parts(a)
                m["score"] = None if r is None else r[1]
                m["stderr"] = ces_stderr(a)
            except MixedScales:
                m["score"] = m["stderr"] = None
        else:
            m["score"] = None if s.n is None else \
                100 * (s.share(0) - s.share(2) if metric == "nps" else s.share(0))
            m["stderr"] = (nps_stderr if metric == "nps" else csat_stderr)(a)
        if out["weighted"]:
            m["weight"] = s.weight
            m["effective_n"] = s.n
        counts = {}
        for n in names:
            scale = "10" if n == "nps" else n.split("/")[1]
            low = SCALE_LOW.get(n, 1)
            arr = [0] * (int(scale) - low + 1)
            for score, count, _ in a["points"][n]:
                arr[int(score) - low] = int(count)
            counts[scale] = arr
        m["counts"] = counts
        out[metric] = m
    return out


def compare_structured(fn, case, note):
    """subtract, summary_jsonb and the p_adjust families: a list of
    problems, and the number of values compared."""
    got = case.get("got")
    problems = []
    values = 0
    if fn in ("p_adjust_holm", "p_adjust_bh"):
        ps = [None if p is None else float(p) for p in case["ps"]]
        try:
            want = p_adjust("holm" if fn == "p_adjust_holm" else "bh", ps)
        except BadArgument:
            if case.get("error") not in ("22003", "22023"):
                problems.append("%s: reference rejects %s, SQL gave %r" % (fn, ps, got))
            return problems, 1
        got = json.loads(got) if isinstance(got, str) else got
        for g, w in zip(got, want):
            values += 1
            if not agrees(fn + "_test", None if g is None else float(g), w):
                problems.append("%s: got %r, want %r over %s" % (fn, g, None if w is None else float(w), ps))
            else:
                note(fn, g, w, is_p=True)
        return problems, values
    if fn == "subtract":
        try:
            want = summary_minus(case["a"], case["b"])
        except NotContained:
            if case.get("error") != "22023":
                problems.append("subtract: reference finds part not contained, SQL gave %r (%s)"
                                % (got, case.get("error")))
            return problems, 1
        if case.get("error"):
            return ["subtract: SQL raised %s" % case["error"]], 1
        g = json.loads(got)
        if set(g) != set(want["points"]):
            return ["subtract: buckets %s, want %s" % (sorted(g), sorted(want["points"]))], 1
        for name, pts in want["points"].items():
            low = SCALE_LOW.get(name, 1)
            entry = g[name]
            counts = entry["counts"] if isinstance(entry, dict) else entry
            exp_counts = [0] * len(counts)
            for score, count, _ in pts:
                exp_counts[score - low] = count
            values += len(counts)
            if counts != exp_counts:
                problems.append("subtract %s: counts %s, want %s" % (name, counts, exp_counts))
            if want["weighted"] != isinstance(entry, dict):
                problems.append("subtract %s: weighted form differs" % name)
            elif want["weighted"]:
                scale_w = max([w for _, _, w in pts] + [Fraction(1)])
                for score, count, w in pts:
                    values += 1
                    gw = entry["weights"][score - low]
                    if abs(Fraction(gw) - w) > scale_w * Fraction(1, 10 ** 9):
                        problems.append("subtract %s score %d: weight %r, want %r" % (name, score, gw, float(w)))
                    note("subtract", gw, w, max(float(scale_w), 1.0))
                values += 1
                if abs(Fraction(entry["squared_weights"]) - want["wsq"][name]) > \
                        max(want["wsq"][name], Fraction(1)) * Fraction(1, 10 ** 9):
                    problems.append("subtract %s: squared weights %r, want %r"
                                    % (name, entry["squared_weights"], float(want["wsq"][name])))
        return problems, values
    if fn == "summary_jsonb":
        g = json.loads(got)
        want = summary_report(case["a"])

        def walk(path, gv, wv):
            nonlocal values
            if isinstance(wv, dict):
                if not isinstance(gv, dict) or set(gv) != set(wv):
                    problems.append("%s: keys %s, want %s" % (path, sorted(gv) if isinstance(gv, dict) else gv,
                                                              sorted(wv)))
                    return
                for k in wv:
                    walk(path + "." + k, gv[k], wv[k])
            elif isinstance(wv, list) or isinstance(wv, (bool, int)) and not isinstance(wv, Fraction):
                values += 1
                if gv != wv or type(gv) != type(wv):
                    problems.append("%s: %r, want %r" % (path, gv, wv))
            else:
                values += 1
                if wv is None or gv is None:
                    if not (wv is None and gv is None):
                        problems.append("%s: %r, want %r" % (path, gv, None if wv is None else float(wv)))
                elif not agrees("json", float(gv), wv):
                    problems.append("%s: %r, want %r" % (path, gv, float(wv)))
                else:
                    note("summary_jsonb", gv, wv)
        walk("jsonb", g, want)
        return problems, values
    raise ValueError(fn)


STRUCTURED = ("subtract", "summary_jsonb", "p_adjust_holm", "p_adjust_bh")


# --------------------------------------------------------------------------
# dispatch and comparison
# --------------------------------------------------------------------------

def expected(case):
    fn = case["fn"]
    a, b = case.get("a"), case.get("b")
    conf = case.get("conf", 0.95)
    method = case.get("method")

    def pick(r, i):
        return None if r is None else r[i]

    if fn == "nps_stderr":
        return nps_stderr(a)
    if fn in ("nps_ci_lower", "nps_ci_upper"):
        return pick(nps_interval(a, conf, method or "wald"), fn.endswith("upper"))
    if fn == "nps_test":
        return nps_test(a, b)
    if fn in ("nps_diff_ci_lower", "nps_diff_ci_upper"):
        return pick(nps_diff_interval(a, b, conf), fn.endswith("upper"))
    if fn == "csat_stderr":
        return csat_stderr(a)
    if fn in ("csat_ci_lower", "csat_ci_upper"):
        return pick(csat_interval(a, conf, method or "wilson"), fn.endswith("upper"))
    if fn == "csat_test":
        return csat_test(a, b)
    if fn == "ces_stderr":
        return ces_stderr(a)
    if fn in ("ces_ci_lower", "ces_ci_upper"):
        return pick(ces_interval(a, conf), fn.endswith("upper"))
    if fn == "ces_test":
        return ces_test(a, b)
    if fn in ("csat_diff_ci_lower", "csat_diff_ci_upper"):
        return pick(csat_diff_interval(a, b, conf), fn.endswith("upper"))
    if fn in ("ces_diff_ci_lower", "ces_diff_ci_upper"):
        return pick(ces_diff_interval(a, b, conf), fn.endswith("upper"))
    if fn.endswith("_test_vs_rest"):
        return test_vs_rest(fn.split("_")[0], a, b)
    if fn == "nps_margin":
        return nps_margin(a, conf)
    if fn == "csat_margin":
        return csat_margin(a, conf)
    if fn.endswith("_sample_size"):
        case = dict(case, margin=float(case["margin"]))   # "NaN" arrives as a string
    if fn == "nps_sample_size":
        if a is not None:
            return nps_size_of(case["margin"], a, conf)
        return nps_size(case["margin"], case["promoters"], case["detractors"], conf)
    if fn == "csat_sample_size":
        if a is not None:
            return csat_size_of(case["margin"], a, conf)
        return csat_size(case["margin"], case["satisfied"], conf)
    if fn == "response_rate":
        return response_rate(case["responses"], case["invitations"])
    if fn in ("response_rate_ci_lower", "response_rate_ci_upper"):
        return pick(response_rate_interval(case["responses"], case["invitations"], conf),
                    fn.endswith("upper"))
    raise ValueError("unknown function " + fn)


REL_TOL = 1e-9


def agrees(fn, got, want):
    """Relative 1e-9.  Interval ends and standard errors are on the metric's
    own scale, where 1e-9 of a point is the floor (a bound at 0.000001 need
    not agree to 1e-15 points); p-values are compared strictly relatively,
    down to the double-precision underflow."""
    if want is None or got is None:
        return want is None and got is None
    want = float(want)
    if fn.endswith("_sample_size"):
        return got == want          # integers: exactly
    if fn.endswith("_test") or fn.endswith("_test_vs_rest"):
        if want < 1e-300:
            return got < 1e-290
        return abs(got - want) <= REL_TOL * want
    return abs(got - want) <= REL_TOL * max(abs(want), 1.0)


LARGEST = [0.0, ""]
PER_FN = {}                 # function -> [values compared, largest relative difference]


def note(fn, got, want, floor=None, is_p=None):
    """Record the relative difference of one value for fn (on the scale
    agrees() uses: relative for p-values, else against max(|want|, 1))."""
    if got is None or want is None:
        return
    got, want = float(got), float(want)
    if is_p is None:
        is_p = fn.endswith("_test") or fn.endswith("_test_vs_rest")
    if floor is None:
        floor = abs(want) if is_p else max(abs(want), 1.0)
    if floor < 1e-300:
        return
    rel = abs(got - want) / floor
    entry = PER_FN.setdefault(fn, [0, 0.0])
    entry[1] = max(entry[1], rel)
    if rel > LARGEST[0]:
        LARGEST[0], LARGEST[1] = rel, fn


def run_cases(stream):
    groups = {}
    order = []
    total_values = 0
    for line in stream:
        line = line.strip()
        if not line:
            continue
        case = json.loads(line)
        g = case["group"]
        if g not in groups:
            groups[g] = [0, []]
            order.append(g)
        PER_FN.setdefault(case["fn"], [0, 0.0])
        if case["fn"] in STRUCTURED:
            problems, values = compare_structured(case["fn"], case, note)
            PER_FN[case["fn"]][0] += values
            groups[g][0] += values
            total_values += values
            groups[g][1].extend(problems)
            continue
        groups[g][0] += 1
        total_values += 1
        PER_FN[case["fn"]][0] += 1
        got = case.get("got")
        got = None if got is None else float(got)
        try:
            want = expected(case)
            if case.get("error"):
                groups[g][1].append("%s: SQL raised %s, reference computed %s"
                                    % (case["fn"], case["error"], want))
                continue
        except MixedScales:
            if case.get("error") != "22023":
                groups[g][1].append("%s: reference refuses mixed CES scales, SQL gave %r (%s)"
                                    % (case["fn"], got, case.get("error")))
            continue
        except NotContained:
            if case.get("error") != "22023":
                groups[g][1].append("%s: reference finds the segment not in the total, SQL gave %r (%s)"
                                    % (case["fn"], got, case.get("error")))
            continue
        except BadArgument:
            if case.get("error") not in ("22023", "22003"):
                groups[g][1].append("%s: reference rejects the arguments, SQL gave %r (%s)"
                                    % (case["fn"], got, case.get("error")))
            continue
        note(case["fn"], got, want)
        if not agrees(case["fn"], got, want):
            groups[g][1].append("%s(conf=%s, method=%s): got %r, want %s; a=%s b=%s"
                                % (case["fn"], case.get("conf"), case.get("method"), got,
                                   None if want is None else repr(float(want)),
                                   json.dumps(case.get("a"))[:400], json.dumps(case.get("b"))[:400]))
    failed = 0
    for g in order:
        count, problems = groups[g]
        if problems:
            failed += 1
            print("FAIL %s" % g)
            for p in problems[:10]:
                print("#   " + p)
        else:
            print("ok %s (%d values)" % (g, count))
    for fn in sorted(PER_FN):
        print("# %-24s %6d values, largest relative difference %.3g" % (fn, PER_FN[fn][0], PER_FN[fn][1]))
    print("# %d groups, %d failed; %d values compared, largest relative difference %.3g (%s)"
          % (len(order), failed, total_values, LARGEST[0], LARGEST[1]))
    return failed == 0


# --------------------------------------------------------------------------
# self-test of the reference against published values and closed forms
# --------------------------------------------------------------------------

def selftest():
    checks = []

    def check(name, got, want, tol):
        ok = abs(float(got) - want) <= tol * max(abs(want), 1e-300)
        checks.append(ok)
        print("%s %s: %r vs %r" % ("ok" if ok else "FAIL", name, float(got), want))

    # closed forms: df = 1 (Cauchy) and df = 2
    for t in (0.1, 1.0, 3.0, 12.706204736174707, 100.0, 1e6):
        check("t1 sf(%g)" % t, t_sf(t, 1), 0.5 - math.atan(t) / math.pi
              if t < 10 else math.atan(1 / t) / math.pi, 1e-13)
        root = math.sqrt(2 + t * t)
        check("t2 sf(%g)" % t, t_sf(t, 2), 1 / (root * (root + t)), 1e-13)
    # df = 3: P(|T| > t) = 1 - (2/pi)(theta + sin theta cos theta), theta = atan(t / sqrt 3)
    for t in (0.5, 2.0, 5.0):
        th = math.atan(t / math.sqrt(3))
        check("t3 p(%g)" % t, t_two_sided_p(t, 3),
              1 - 2 / math.pi * (th + math.sin(th) * math.cos(th)), 1e-12)
    # table values (two-sided 95 %, three decimals as printed in tables)
    for df, table in ((1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042), (120, 1.980)):
        check("t(0.975, %d)" % df, round(t_upper_quantile(0.025, df), 3), table, 1e-12)
    check("t quantile df=1", t_upper_quantile(0.025, 1), math.tan(math.pi * 0.475), 1e-12)
    check("t quantile df=2", t_upper_quantile(0.025, 2), 0.95 / math.sqrt(2 * 0.975 * 0.025), 1e-12)
    # large df tends to the normal
    check("t(1e12) p(1.96)", t_two_sided_p(1.96, 10 ** 12), math.erfc(1.96 / math.sqrt(2)), 1e-9)
    check("normal p(1.96)", normal_two_sided_p(1.96), 0.04999579029644087, 1e-13)
    check("normal p(5)", normal_two_sided_p(5), math.erfc(5 / math.sqrt(2)), 1e-13)
    print("# selftest: %d checks, %d failed" % (len(checks), checks.count(False)))
    return all(checks)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "selftest":
        sys.exit(0 if selftest() else 1)
    sys.exit(0 if run_cases(sys.stdin) else 1)
