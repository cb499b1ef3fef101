#!/usr/bin/env python3
"""Reference implementation of cxsat's paired change statistics, for
test/suites/42_paired_reference.sh.

Written separately from src/cx_change.c and src/cx_stats.c, by other
methods, so that agreement means something:

  quantity               here                                   in the C code
  ---------------------  -------------------------------------  ----------------------------
  categories             the README's category table, by score  cx_slot_category lookup
  per-customer d         from each raw (before, after) pair     from the 3 x 3 cell counts
  mean, variance of d    exact rationals (fractions)            double precision, two pass
  Student's t tail       A&S 26.7.3 / 26.7.4: the finite        continued fraction of the
                         trigonometric series for integer df,   incomplete beta (Lentz)
                         in decimal; its infinite remainder
                         when p < 1e-15 (no cancellation); for
                         df > 10^7 Romberg quadrature of the
                         density
  t quantile             Newton on that series, started from    safeguarded Newton on log
                         the normal quantile; for df > 10^7     of the tail, in double
                         the Cornish-Fisher expansion (A&S
                         26.7.5) to the 1/df^4 term

Only the Python standard library is used.

Input (stdin), one JSON object per line (one data set):
  {"ds": 12, "group": "nps / small n", "metric": "nps",
   "pairs": [["nps:3", "nps:9", 2], ...]        raw pairs with counts, or
   "cells": [["neg", "pos", 1000000000], ...]   category cells (typed states)
   "got": {"pairs": "12", "nps_change": "8.33", "nps_change_ci_lower@0.95": ...,
           "csat_change_test": null, ...},
   "error": {"csat_change": "22023", ...}}
Every value in "got" is the text SQL printed (null for SQL NULL); "error"
holds the SQLSTATE a call raised.  Output: one line per comparison group,
"ok GROUP (N values)" or "FAIL GROUP: ..." with details, then lines
"# compared N values in M data sets" and "# largest relative difference X
(FUNCTION, data set)".

"python3 paired_ref.py selftest" checks the t distribution here against
closed forms and published table values.
"""

import json
import math
import sys
from decimal import Decimal, getcontext, localcontext
from fractions import Fraction
from statistics import NormalDist

TOLERANCE = 1e-9

# --------------------------------------------------------------------------
# categories (README "Definitions": NPS Bain's split, top-2-box on 5 and 7
# points, top and bottom three on 10, one point each on 2 and 3; CES 1-7:
# 1-3 difficult, 4 neutral, 5-7 easy)
# --------------------------------------------------------------------------


def category(text):
    """'pos', 'neu' or 'neg' of a feedback text like 'nps:9', 'csat:4/5'."""
    metric, rest = text.split(":", 1)
    if "/" in rest:
        score, scale = (int(x) for x in rest.split("/"))
    else:
        score, scale = int(rest), {"nps": 10, "csat": 5, "ces": 7}[metric]
    if metric == "nps":
        return "pos" if score >= 9 else "neu" if score >= 7 else "neg"
    if metric == "ces" and scale == 7:
        return "pos" if score >= 5 else "neu" if score == 4 else "neg"
    if scale == 2:
        return "pos" if score == 2 else "neg"
    if scale == 3:
        return ["neg", "neu", "pos"][score - 1]
    if scale == 10:
        return "pos" if score >= 8 else "neg" if score <= 3 else "neu"
    # 5 and 7 points (CSAT and CES/5): the top two and the bottom two
    return "pos" if score >= scale - 1 else "neg" if score <= 2 else "neu"


RANK = {"pos": 2, "neu": 1, "neg": 0}


def code(metric, cat):
    if metric == "nps":
        return {"pos": 1, "neu": 0, "neg": -1}[cat]
    return 1 if cat == "pos" else 0


# --------------------------------------------------------------------------
# decimal helpers
# --------------------------------------------------------------------------


def dec_atan(x):
    """arctan of a Decimal x >= 0 at the current precision."""
    with localcontext() as ctx:
        ctx.prec += 10
        doublings = 0
        # atan x = 2 atan(x / (1 + sqrt(1 + x^2))) until x is small
        while x > Decimal("0.05"):
            x = x / (1 + (1 + x * x).sqrt())
            doublings += 1
        eps = Decimal(10) ** -(ctx.prec + 2)
        term = x
        total = x
        x2 = x * x
        k = 1
        while abs(term) > eps:
            term *= -x2
            k += 2
            total += term / k
        result = total * (2 ** doublings)
    return +result


_pi = {}


def dec_pi():
    prec = getcontext().prec
    if prec not in _pi:
        with localcontext() as ctx:
            ctx.prec += 5
            _pi[prec] = 4 * dec_atan(Decimal(1))
    return +_pi[prec]


def two_sided_p(t, df):
    """P(|T| >= |t|) for integer df >= 1, to about 30 significant digits.

    1 - A(t) from the finite series (A&S 26.7.3-4) when that leaves the
    digits, else the same series' infinite remainder, which is 1 - A with
    no cancellation (positive terms, ratio cos^2 theta) and is short
    exactly when the p-value is tiny."""
    if df > 10 ** 7:
        return Decimal(repr(two_sided_p_huge_df(abs(float(t)), df)))
    with localcontext() as ctx:
        ctx.prec = 50
        t = Decimal(abs(t))
        p = 1 - central(t, df)
        if p > Decimal("1e-15"):
            return +p
        return upper_tail(t, df)


def two_sided_p_huge_df(t, df):
    """P(|T| >= t) for df beyond the series' reach: Romberg quadrature of
    the density over [t, t + 60], in double precision.  The density's
    constant Gamma((df+1)/2) / (sqrt(df pi) Gamma(df/2)) is
    (1 - 1/(4 df) + 1/(32 df^2) + O(df^-3)) / sqrt(2 pi)."""
    c = (1 - 1 / (4 * df) + 1 / (32 * df * df)) / math.sqrt(2 * math.pi)

    def f(x):
        return c * math.exp(-(df + 1) / 2 * math.log1p(x * x / df))

    a, b = t, t + 60.0
    rows = [[(b - a) / 2 * (f(a) + f(b))]]
    for level in range(1, 22):
        m = 2 ** (level - 1)
        h = (b - a) / (2 * m)
        trap = rows[-1][0] / 2 + h * math.fsum(f(a + (2 * i + 1) * h) for i in range(m))
        row = [trap]
        for j in range(1, level + 1):
            row.append(row[j - 1] + (row[j - 1] - rows[-1][j - 1]) / (4 ** j - 1))
        rows.append(row)
        if level > 5 and abs(row[-1] - rows[-2][-1]) <= 1e-15 * abs(row[-1]):
            return 2 * row[-1]
    return 2 * rows[-1][-1]


def upper_tail(t, df):
    """1 - A(t | df) as the remainder of the series, current precision.
    Even df: sin(theta) sum_{k >= df/2} b_k cos^(2k), since the whole sum is
    1 / sin(theta); odd df: (2/pi) sin cos sum_{k >= (df-1)/2} a_k cos^(2k),
    since the whole of sin cos sum a_k cos^(2k) is pi/2 - theta."""
    x2 = t * t / df
    c2 = 1 / (1 + x2)
    s = (x2 / (1 + x2)).sqrt()
    eps = Decimal(10) ** -(getcontext().prec + 2)
    if df % 2 == 0:
        k = df // 2
        coef = Decimal(1)
        for j in range(1, k + 1):
            coef = coef * (2 * j - 1) / (2 * j)
        ratio = lambda k: Decimal(2 * k + 1) / (2 * k + 2)
        factor = s
    else:
        k = (df - 1) // 2
        coef = Decimal(1)
        for j in range(1, k + 1):
            coef = coef * (2 * j) / (2 * j + 1)
        ratio = lambda k: Decimal(2 * k + 2) / (2 * k + 3)
        factor = 2 * s * c2.sqrt() / dec_pi()
    term = coef * c2 ** k
    total = Decimal(0)
    while term > total * eps:
        total += term
        term = term * ratio(k) * c2
        k += 1
    return +(factor * total)


def central(t, df):
    """A(t | df) = P(|T| <= t) for a Decimal t >= 0, at the current precision."""
    x2 = t * t / df
    c2 = 1 / (1 + x2)                  # cos^2 theta
    s = (x2 / (1 + x2)).sqrt()         # sin theta
    if df % 2 == 0:
        # sin(theta) [1 + 1/2 cos^2 + 1.3/(2.4) cos^4 + ... up to cos^(df-2)]
        term = Decimal(1)
        total = Decimal(1)
        for k in range(1, df // 2):
            term = term * (2 * k - 1) / (2 * k) * c2
            total += term
        return s * total
    theta = dec_atan((x2).sqrt())
    if df == 1:
        return 2 * theta / dec_pi()
    # (2/pi) [theta + sin cos (1 + 2/3 cos^2 + 2.4/(3.5) cos^4 + ... up to cos^(df-3))]
    term = Decimal(1)
    total = Decimal(1)
    for k in range(1, (df - 1) // 2):
        term = term * (2 * k) / (2 * k + 1) * c2
        total += term
    return 2 * (theta + s * c2.sqrt() * total) / dec_pi()


_log_const = {}


def t_pdf(t, df):
    """Student's t density at Decimal t, integer df, current precision."""
    key = (df, getcontext().prec)
    if key not in _log_const:
        # r(df) = Gamma((df+1)/2) / Gamma(df/2) by r(df+2) = r(df) (df+1)/df
        with localcontext() as ctx:
            ctx.prec += 10
            pi = dec_pi()
            if df % 2 == 1:
                r, k = 1 / pi.sqrt(), 1
            else:
                r, k = pi.sqrt() / 2, 2
            while k < df:
                r = r * (k + 1) / k
                k += 2
            _log_const[key] = r / (df * pi).sqrt()
    c = _log_const[key]
    return c * (1 + t * t / df) ** (-(Decimal(df) + 1) / 2)


_quantiles = {}


def t_quantile_upper(alpha, df):
    """t with P(T > t) = alpha (0 < alpha < 1/2), integer df, as a Decimal."""
    key = (alpha, df)
    if key in _quantiles:
        return _quantiles[key]
    z = Decimal(repr(-NormalDist().inv_cdf(alpha)))
    if df > 10 ** 7:
        # Cornish-Fisher (A&S 26.7.5); the next term is O(df^-5)
        with localcontext() as ctx:
            ctx.prec = 40
            n = Decimal(df)
            g1 = (z ** 3 + z) / 4
            g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
            g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
            g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
            result = +(z + g1 / n + g2 / n ** 2 + g3 / n ** 3 + g4 / n ** 4)
        _quantiles[key] = result
        return result
    with localcontext() as ctx:
        ctx.prec = 40
        target = 1 - 2 * Decimal(repr(alpha))     # A(t) = 1 - 2 alpha
        # a start above the root keeps Newton on the concave side of A
        t = z * 2 if df > 2 else Decimal(repr(math.tan(math.pi * (0.5 - alpha)) if df == 1
                                              else (1 - 2 * alpha) / math.sqrt(2 * alpha * (1 - alpha))))
        lo, hi = Decimal(0), None
        for _ in range(200):
            f = central(t, df) - target
            if f > 0:
                hi = t
            else:
                lo = t
            step = f / (2 * t_pdf(t, df))
            new = t - step
            # keep to the bracket; bisect if Newton leaves it
            if new <= lo or (hi is not None and new >= hi):
                new = (lo + hi) / 2 if hi is not None else t * 2
            if abs(new - t) < Decimal(10) ** -30 * abs(t):
                t = new
                break
            t = new
        else:
            raise RuntimeError("t quantile did not converge")
    _quantiles[key] = +t
    return +t


# --------------------------------------------------------------------------
# the statistics of one data set
# --------------------------------------------------------------------------


def cells_of(case):
    """{(before_cat, after_cat): count}, from raw pairs or typed cells."""
    cells = {}
    if "pairs" in case and case["pairs"] is not None:
        for b, a, n in case["pairs"]:
            key = (category(b), category(a))
            cells[key] = cells.get(key, 0) + int(n)
    else:
        for b, a, n in case["cells"]:
            cells[(b, a)] = cells.get((b, a), 0) + int(n)
    return cells


def expected(case, functions):
    """{function: value (Fraction/Decimal/int/None) or ('error', sqlstate)}."""
    metric = case["metric"]
    cells = cells_of(case)
    n = sum(cells.values())
    out = {
        "pairs": n,
        "moved_up": sum(c for (b, a), c in cells.items() if RANK[a] > RANK[b]),
        "moved_down": sum(c for (b, a), c in cells.items() if RANK[a] < RANK[b]),
        "unchanged": sum(c for (b, a), c in cells.items() if RANK[a] == RANK[b]),
    }
    # how many customers have each difference d (NPS and CSAT only)
    diffs = {}
    for (b, a), c in cells.items():
        if c and metric != "ces":
            d = code(metric, a) - code(metric, b)
            diffs[d] = diffs.get(d, 0) + c
    mean = Fraction(sum(d * c for d, c in diffs.items()), n) if n else None
    var = (sum(c * (d - mean) ** 2 for d, c in diffs.items()) / (n - 1)) if n >= 2 else None
    for fn in functions:
        name, _, conf = fn.partition("@")
        if name in out:
            continue
        fam = name.split("_")[0]
        if n and fam != metric:
            out[fn] = ("error", "22023")
            continue
        if name.endswith("_change"):
            out[fn] = None if n == 0 else 100 * mean
        elif name.endswith("_test"):
            if n < 2:
                out[fn] = None
            elif var == 0:
                out[fn] = Decimal(1) if mean == 0 else None
            else:
                with localcontext() as ctx:
                    ctx.prec = 60
                    t = Decimal(mean.numerator) / Decimal(mean.denominator) / \
                        (Decimal(var.numerator) / Decimal(var.denominator) / n).sqrt()
                out[fn] = two_sided_p(t, n - 1)
        else:
            if n < 2:
                out[fn] = None
                continue
            with localcontext() as ctx:
                ctx.prec = 60
                m = Decimal(mean.numerator) / Decimal(mean.denominator)
                if var == 0:
                    half = Decimal(0)
                else:
                    alpha = (1 - float(conf)) / 2
                    se = (Decimal(var.numerator) / Decimal(var.denominator) / n).sqrt()
                    half = t_quantile_upper(alpha, n - 1) * se
                out[fn] = 100 * (m - half) if name.endswith("_lower") else 100 * (m + half)
                out[fn + ":half"] = 100 * half
    return out


def compare(case, worst, counts, failures):
    want_all = expected(case, list(case["got"].keys()) + list(case.get("error", {}).keys()))
    for fn in sorted(set(case["got"]) | set(case.get("error", {}))):
        got = case["got"].get(fn)
        err = case.get("error", {}).get(fn)
        want = want_all[fn]
        name = fn.partition("@")[0]
        family = name.replace("_lower", "").replace("_upper", "")
        group = family + " on " + case["group"]
        counts[group] = counts.get(group, 0) + 1
        where = "data set %s (%s) %s" % (case["ds"], case["group"], fn)
        if isinstance(want, tuple):
            if err != want[1]:
                failures.setdefault(group, []).append("%s: want error %s, got %r / %r" % (where, want[1], got, err))
            continue
        if err is not None:
            failures.setdefault(group, []).append("%s: unexpected error %s" % (where, err))
            continue
        if want is None or got is None:
            if not (want is None and got is None):
                failures.setdefault(group, []).append("%s: want %r, got %r" % (where, want, got))
            continue
        if isinstance(want, int):
            if int(got) != want:
                failures.setdefault(group, []).append("%s: want %d, got %s" % (where, want, got))
            continue
        w = float(want)
        g = float(got)
        # interval ends are a difference mean - half: measure their error
        # against the larger of the end and the half width
        scale = max(abs(w), float(want_all.get(fn + ":half", 0)))
        rel = abs(g - w) / scale if scale > 0 else abs(g - w)
        if rel > worst[0]:
            worst[0], worst[1] = rel, where
        if not rel <= TOLERANCE:
            failures.setdefault(group, []).append("%s: want %.17g, got %.17g (relative %.3g)" % (where, w, g, rel))


def main():
    worst = [0.0, ""]
    counts = {}
    failures = {}
    datasets = 0
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        compare(json.loads(line), worst, counts, failures)
        datasets += 1
    for group in sorted(counts):
        if group in failures:
            print("FAIL %s: %d of %d values differ" % (group, len(failures[group]), counts[group]))
            for f in failures[group][:5]:
                print("#   " + f)
        else:
            print("ok %s (%d values)" % (group, counts[group]))
    print("# compared %d values in %d data sets" % (sum(counts.values()), datasets))
    print("# largest relative difference %.3g (%s)" % (worst[0], worst[1]))
    return 1 if failures or datasets == 0 else 0


# --------------------------------------------------------------------------
# self test
# --------------------------------------------------------------------------


def selftest():
    bad = 0

    def check(what, got, want, tol):
        nonlocal bad
        ok = abs(float(got) - want) <= tol * max(abs(want), 1e-300)
        print("%s %s: %.17g vs %.17g" % ("ok" if ok else "FAIL", what, float(got), want))
        bad += not ok

    # closed forms: df 1 (Cauchy) and df 2
    for t in (0.1, 1.0, 3.7, 40.0):
        # written without cancellation: 1 - (2/pi) atan t and 1 - t / sqrt(2 + t^2)
        check("p, df 1, t %g" % t, two_sided_p(t, 1), 2 / math.pi * math.atan(1 / t), 1e-14)
        check("p, df 2, t %g" % t, two_sided_p(t, 2),
              2 / (math.sqrt(2 + t * t) * (math.sqrt(2 + t * t) + t)), 1e-14)
    check("t(0.975, 1) = tan(0.475 pi)", t_quantile_upper(0.025, 1), math.tan(0.475 * math.pi), 1e-14)
    check("t(0.975, 2)", t_quantile_upper(0.025, 2), 0.95 / math.sqrt(2 * 0.975 * 0.025), 1e-14)
    # df 3: the root of (2/pi)(theta + sin theta cos theta) = 0.95 by bisection
    # at 40 digits (the 3.182446305284263 some tables print is 1.7e-13 off)
    check("t(0.975, 3), closed form", t_quantile_upper(0.025, 3), 3.1824463052837096, 1e-15)
    # published table values (15 digits)
    for df, want in ((4, 2.776445105197793), (10, 2.228138851986274),
                     (30, 2.042272456301238), (100, 1.983971518523552)):
        check("t(0.975, %d), table" % df, t_quantile_upper(0.025, df), want, 1e-13)
    check("t(0.95, 3), table", t_quantile_upper(0.05, 3), 2.353363434801823, 1e-13)
    # the quantile inverts the tail
    for df in (5, 12, 999):
        for alpha in (0.1, 0.025, 0.0005):
            t = t_quantile_upper(alpha, df)
            check("P(|T| > t(%g, %d)) = 2 alpha" % (alpha, df), two_sided_p(t, df), 2 * alpha, 1e-20)
    # the series against Simpson's rule on the density (float), df 7 and 8
    for df in (7, 8):
        t = 2.5
        n = 20000
        h = t / n
        c = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
        f = [c * (1 + (i * h) ** 2 / df) ** (-(df + 1) / 2) for i in range(n + 1)]
        integral = h / 3 * (f[0] + f[-1] + 4 * sum(f[1:-1:2]) + 2 * sum(f[2:-1:2]))
        check("A(2.5 | %d) against Simpson" % df, central(Decimal(2.5), df), 2 * integral, 1e-12)
    # Cornish-Fisher against Newton where both apply
    exact = t_quantile_upper(0.025, 2 * 10 ** 6)
    del _quantiles[(0.025, 2 * 10 ** 6)]
    z = Decimal(repr(-NormalDist().inv_cdf(0.025)))
    n = Decimal(2 * 10 ** 6)
    cf = z + (z ** 3 + z) / 4 / n + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96 / n ** 2
    check("t(0.975, 2e6): Newton on the series = Cornish-Fisher", exact, float(cf), 1e-15)
    # the remainder form equals 1 - A where both are accurate, odd and even df
    for df, t in ((7, 3.0), (8, 3.0), (1, 0.5), (31, 2.0), (30, 40.0)):
        with localcontext() as ctx:
            ctx.prec = 60
            direct = 1 - central(Decimal(t), df)
            ctx.prec = 40
            tail = upper_tail(Decimal(t), df)
        check("remainder = 1 - A at t %g, df %d" % (t, df), tail, float(direct), 1e-14)
    # tiny p-values keep their digits: t = 1000 on 3 df is
    # p = (2/pi) [atan(sqrt(3)/t) - sqrt(3) t / (3 + t^2)] ~ 4 sqrt(3) / (pi t^3) ...
    p = two_sided_p(1000.0, 3)
    x = math.sqrt(3) / 1000.0
    # atan(x) - x / (1 + x^2) = 2x^3/3 - 4x^5/5 + 6x^7/7 - ...
    check("p of t = 1000 on 3 df (series)", p, 2 / math.pi * (2 * x ** 3 / 3 - 4 * x ** 5 / 5 + 6 * x ** 7 / 7), 1e-12)
    # quadrature against the series where both apply
    for t in (0.3, 2.5, 6.0):
        check("quadrature = series at t %g, df 2e5" % t, two_sided_p_huge_df(t, 200000),
              float(two_sided_p(t, 200000)), 1e-11)
    check("p of t = 100 on 20000 df is tiny but positive", 1 if 0 < two_sided_p(100.0, 20000) < 1e-300 else 0, 1, 0)
    print("%d failed" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(selftest() if sys.argv[1:] == ["selftest"] else main())
