#!/usr/bin/env python3
"""Generate hostile text inputs for cxsat's types, deterministically.

Writes a COPY text-format file with one row per input:

    id  type  class  expect  input

`expect` is the outcome an independent reading of the documented text forms
predicts: an SQLSTATE (22P02 malformed, 22003 a number out of range) or
"ok:<canonical text>" for a mutant that happens to still be a valid value
(truncating "nps:10" gives "nps:1").  The suite casts every input with the
type's input function in one session and compares.

The references below are written from the README's grammar, not from the C
code: feedback and feedback_tally are classified exactly, and for
feedback_summary only mutations that cannot leave a valid value are made
(proper prefixes, inserted junk, deleted structure, numbers out of range),
so their class is known by construction.

Usage: gen_text.py OUTFILE [SCALE]   (SCALE multiplies the random mutants)
"""
import random
import sys

INT64_MAX = 2**63 - 1

# ---------------------------------------------------------------- feedback

METRICS = {"nps": 1, "csat": 2, "ces": 3}
NAMES = {1: "nps", 2: "csat", 3: "ces"}
ALLOWED = {1: {10}, 2: {2, 3, 5, 7, 10}, 3: {5, 7}}
DEFAULT_SCALE = {1: 10, 2: 5, 3: 7}
SPACE = b" \t\n\r\f\v"


def fb_classify(b):
    """('ok', canonical) or (sqlstate,) for the bytes of a feedback text."""
    n = len(b)
    pos = 0

    def skip(p):
        while p < n and b[p] in SPACE:
            p += 1
        return p

    def integer(p):
        neg = False
        if p < n and b[p] in b"+-":
            neg = b[p] == ord("-")
            p += 1
        start = p
        while p < n and 48 <= b[p] <= 57:
            p += 1
        if p == start:
            return None, p
        digits = b[start:p].lstrip(b"0") or b"0"
        v = int(digits) if len(digits) <= 40 else 10**40  # far beyond any scale
        return (-v if neg else v), p

    pos = skip(pos)
    start = pos
    while pos < n and (65 <= b[pos] <= 90 or 97 <= b[pos] <= 122):
        pos += 1
    metric = METRICS.get(b[start:pos].lower().decode("ascii"))
    if metric is None:
        return ("22P02",)
    pos = skip(pos)
    if pos >= n or b[pos] != ord(":"):
        return ("22P02",)
    pos = skip(pos + 1)
    rest = b[pos:].lower()
    if metric == 2 and rest.startswith(b"good"):
        score, scale, pos = 2, 2, pos + 4
    elif metric == 2 and rest.startswith(b"bad"):
        score, scale, pos = 1, 2, pos + 3
    else:
        score, pos = integer(pos)
        if score is None:
            return ("22P02",)
        pos = skip(pos)
        scale = DEFAULT_SCALE[metric]
        if pos < n and b[pos] == ord("/"):
            scale, pos = integer(skip(pos + 1))
            if scale is None:
                return ("22P02",)
    if skip(pos) != n:
        return ("22P02",)
    if scale not in ALLOWED[metric]:
        return ("22003",)
    if score < (0 if metric == 1 else 1) or score > scale:
        return ("22003",)
    if metric == 1:
        return ("ok", "nps:%d" % score)
    return ("ok", "%s:%d/%d" % (NAMES[metric], score, scale))


def fb_valid_texts():
    out = []
    for m, scales in ALLOWED.items():
        for k in sorted(scales):
            for s in range(0 if m == 1 else 1, k + 1):
                out.append("%s:%d/%d" % (NAMES[m], s, k))
                if k == DEFAULT_SCALE[m]:
                    out.append("%s:%d" % (NAMES[m], s))
    out += ["csat:good", "CSAT: Bad", " NPS : 9 ", "ces : 6 / 7", "nps:+7", "Csat:4/5"]
    return out


# ---------------------------------------------------------------- tally

# category of each score point, per (metric, scale): P, N, D
CATS = {
    (1, 10): "DDDDDDDNNPP",
    (2, 2): "DP", (2, 3): "DNP", (2, 5): "DDNPP", (2, 7): "DDNNNPP",
    (2, 10): "DDDNNNNPPP",
    (3, 5): "DDNPP", (3, 7): "DDDNPPP",
}
TALLY_KEYS = ["metric", "scale", "positive", "neutral", "negative", "score_sum"]
TALLY_SUM_MAX = 2**56 - 1


def tally_classify(b):
    """('ok', canonical) or ('22P02',): every tally input error is 22P02."""
    n = len(b)
    pos = 0
    vals = []
    for key in TALLY_KEYS:
        while pos < n and b[pos] == 32:
            pos += 1
        k = key.encode() + b"="
        if not b[pos:].startswith(k) or n - pos <= len(key):
            return ("22P02",)
        pos += len(k)
        start = pos
        while pos < n and b[pos] != 32:
            pos += 1
        if pos == start:
            return ("22P02",)
        vals.append(b[start:pos])
    while pos < n and b[pos] == 32:
        pos += 1
    if pos != n:
        return ("22P02",)
    metric = METRICS.get(vals[0].lower().decode("latin-1"))
    if metric is None:
        return ("22P02",)

    def uint(v):
        if not v or any(c < 48 or c > 57 for c in v):
            return None
        v = v.lstrip(b"0") or b"0"
        if len(v) > 19:
            return None
        x = int(v)
        return x if x <= INT64_MAX else None

    if vals[1] == b"none":
        scale = 0
    elif vals[1] == b"mixed":
        scale = -1
    else:
        scale = uint(vals[1])
        if scale is None or not 0 < scale <= 255:
            return ("22P02",)
    counts = [uint(v) for v in vals[2:5]]
    total = uint(vals[5])
    if None in counts or total is None:
        return ("22P02",)
    nresp = sum(counts)
    if nresp > INT64_MAX:
        return ("22P02",)
    if scale == -1:
        if metric != 2:
            return ("22P02",)
        lo, hi = 1, 10
    elif scale == 0:
        if nresp != 0:
            return ("22P02",)
        lo = hi = 0
    else:
        if (metric, scale) not in CATS:
            return ("22P02",)
        cats = CATS[(metric, scale)]
        for c, letter in enumerate("PND"):
            if counts[c] and letter not in cats:
                return ("22P02",)
        lo, hi = (0 if metric == 1 else 1), scale
    # the score sum shares a 64-bit word with the metric and scale
    if total > TALLY_SUM_MAX:
        return ("22P02",)
    if nresp == 0 and total != 0:
        return ("22P02",)
    if nresp and not lo * nresp <= total <= hi * nresp:
        return ("22P02",)
    scale_text = {0: "none", -1: "mixed"}.get(scale, str(scale))
    return ("ok", "metric=%s scale=%s positive=%d neutral=%d negative=%d score_sum=%d"
            % (NAMES[metric], scale_text, counts[0], counts[1], counts[2], total))


def tally_text(metric, scale, counts, total, sep=" "):
    return sep.join(["metric=" + metric, "scale=" + scale, "positive=%s" % counts[0],
                     "neutral=%s" % counts[1], "negative=%s" % counts[2],
                     "score_sum=%s" % total])


def tally_valid_texts():
    return [
        tally_text("nps", "10", (5, 3, 2), 71),
        tally_text("nps", "none", (0, 0, 0), 0),
        tally_text("csat", "5", (1, 1, 1), 9),
        tally_text("csat", "mixed", (2, 0, 1), 11),
        tally_text("csat", "2", (4, 0, 3), 11),
        tally_text("ces", "7", (2, 1, 1), 19),
        tally_text("ces", "5", (1, 0, 0), 5),
    ]


# ---------------------------------------------------------------- summary

SUMMARY_BUCKETS = [("nps", 11), ("csat/2", 2), ("csat/3", 3), ("csat/5", 5),
                   ("csat/7", 7), ("csat/10", 10), ("ces/5", 5), ("ces/7", 7)]


def summary_text(buckets):
    return "{" + ",".join('"%s":[%s]' % (name, ",".join(str(c) for c in counts))
                          for name, counts in buckets) + "}"


def summary_valid_texts(rng):
    out = ['{"nps":[1,0,0,0,0,0,0,2,0,3,4]}',
           '{"csat/5":[0,1,2,3,4],"ces/7":[1,1,1,1,1,1,1]}']
    for _ in range(6):
        chosen = rng.sample(SUMMARY_BUCKETS, rng.randint(1, 4))
        chosen.sort(key=SUMMARY_BUCKETS.index)
        out.append(summary_text([(name, [rng.randint(0, 50) for _ in range(k)])
                                 for name, k in chosen]))
    return out


def summary_invalid(rng, valid, scale):
    """(class, sqlstate, text) triples that cannot be valid summaries."""
    out = []
    for v in valid:
        for i in range(len(v)):  # every proper prefix of a JSON object
            out.append(("truncated", "22P02", v[:i]))
    structural = '{}[]:,"'
    for _ in range(10000 * scale):
        v = rng.choice(valid)
        kind = rng.randrange(3)
        if kind == 0:  # a character no summary may hold, anywhere
            i = rng.randrange(len(v) + 1)
            junk = rng.choice(["x", "#", "@", "é", "\u0663", "\uff19", "\U0001F600", "\\", ";", "'", "NaN"])
            out.append(("inserted junk", "22P02", v[:i] + junk + v[i:]))
        elif kind == 1:  # remove a structural character
            spots = [i for i, c in enumerate(v) if c in structural]
            i = rng.choice(spots)
            out.append(("deleted structure", "22P02", v[:i] + v[i + 1:]))
        else:  # a bucket with the wrong number of points
            name, k = rng.choice(SUMMARY_BUCKETS)
            m = rng.choice([0, 1, k - 1, k + 1, 2 * k, 100])
            if m == k:
                m += 1
            out.append(("wrong arity", "22P02",
                        '{"%s":[%s]}' % (name, ",".join("1" for _ in range(m)))))
    names = ["NPS", "nps/10", "csat", "csat/4", "ces/6", "ces", "", "nps ", " nps", "foo"]
    for name in names:
        out.append(("unknown bucket", "22P02", '{"%s":[%s]}' % (name, ",".join(["1"] * 11))))
    for big in [str(2**63), str(2**64), "1" + "0" * 30, "9" * 400]:
        out.append(("count beyond int64", "22003", '{"nps":[%s,0,0,0,0,0,0,0,0,0,0]}' % big))
        out.append(("count beyond int64", "22003", '{"ces/5":[0,0,%s,0,0]}' % big))
    out.append(("negative count", "22003", '{"nps":[-1,0,0,0,0,0,0,0,0,0,0]}'))
    out.append(("negative count", "22003", '{"csat/2":[-9223372036854775808,1]}'))
    half = 2**62
    out.append(("total beyond int64", "22003",
                '{"nps":[%d,0,0,0,0,0,0,0,0,0,%d]}' % (half, half)))
    out.append(("total beyond int64", "22003",
                '{"csat/2":[%d,0],"ces/5":[0,0,%d,0,0]}' % (INT64_MAX, 1)))
    for n in (1000, 100000, 1000000):
        out.append(("over-long", "22P02", "{" * n))
        out.append(("over-long", "22P02", '{"nps":[' + "1," * n + "1]}"))
        out.append(("over-long", "22P02", '{"' + "n" * n + '":[1]}'))
        out.append(("over-long", "22P02", "x" * n))
    return out


# ---------------------------------------------------------------- mutation

ALPHABET = list("0123456789:/+- \t\n\r\x0b\x0cabcgnpsdoNPSCEX=.,eE") + \
    ["é", "\u0663", "\uff19", "\U0001F600", "\u00a0", "\u2028", "_", "\\", "'"]


def mutate(rng, s):
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(4)
        i = rng.randrange(len(s) + 1)
        if op == 0 or not s:
            s = s[:i] + rng.choice(ALPHABET) + s[i:]
        elif op == 1:
            s = s[:i] + s[i + 1:]
        elif op == 2 and i < len(s):
            s = s[:i] + rng.choice(ALPHABET) + s[i + 1:]
        else:
            j = rng.randrange(len(s) + 1)
            s = s[:min(i, j)] + s[max(i, j):] * 2
    return s


def numeric_edges():
    return [-1, 0, 1, 11, 255, 256, 2**31 - 1, 2**31, 2**32, 2**63 - 1, 2**63, 2**64,
            10**17, 10**18, 10**30, -(2**63), "00000000000000000000009", "+5", "-0"]


def main():
    out_path = sys.argv[1]
    scale = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(20240607)
    rows = []  # (type, class, expect, text)

    def add(typ, cls, text, classify):
        result = classify(text.encode("utf-8"))
        expect = result[0] if result[0] != "ok" else "ok:" + result[1]
        rows.append((typ, cls, expect, text))

    # feedback
    valid = fb_valid_texts()
    for v in valid:
        for i in range(len(v)):
            add("feedback", "truncated", v[:i], fb_classify)
    for _ in range(9000 * scale):
        add("feedback", "mutated", mutate(rng, rng.choice(valid)), fb_classify)
    for name in ["nps", "csat", "ces", "NPS", "xps", "np", "npsx", "nps2"]:
        for a in numeric_edges():
            add("feedback", "numeric edge", "%s:%s" % (name, a), fb_classify)
            for b in numeric_edges():
                add("feedback", "numeric edge", "%s:%s/%s" % (name, a, b), fb_classify)
    for n in (1000, 100000, 1000000):
        add("feedback", "over-long", "nps:" + "9" * n, fb_classify)
        add("feedback", "over-long", "csat:" + "1" * n + "/5", fb_classify)
        add("feedback", "over-long", "nps:9" + "x" * n, fb_classify)
        add("feedback", "over-long", "x" * n, fb_classify)
        add("feedback", "over-long", "n" * n + ":9", fb_classify)
        add("feedback", "over-long", " " * n, fb_classify)
        add("feedback", "over-long", "nps:" + "0" * n + "9", fb_classify)

    # feedback_tally
    valid = tally_valid_texts()
    for v in valid:
        for i in range(len(v)):
            add("feedback_tally", "truncated", v[:i], tally_classify)
    for _ in range(3000 * scale):
        add("feedback_tally", "mutated", mutate(rng, rng.choice(valid)), tally_classify)
    edges = [-1, 0, 1, 2**62, INT64_MAX, 2**63, 2**64, 10**30, "+1", " 1", "1.0", "0x10"]
    for metric, sc in [("nps", "10"), ("csat", "mixed"), ("ces", "5"), ("ces", "none"),
                       ("csat", "2"), ("nps", "mixed"), ("csat", "4"), ("ces", "256")]:
        for e in edges:
            add("feedback_tally", "numeric edge", tally_text(metric, sc, (e, 1, 1), 15), tally_classify)
            add("feedback_tally", "numeric edge", tally_text(metric, sc, (1, 1, 1), e), tally_classify)
            add("feedback_tally", "numeric edge",
                tally_text(metric, sc, (INT64_MAX, e, 0), INT64_MAX), tally_classify)
        # the score sum's own limit, 2^56 - 1, with counts that allow it
        for total in (2**56 - 2, 2**56 - 1, 2**56, 2**56 + 1):
            add("feedback_tally", "numeric edge",
                tally_text(metric, sc, (0, 0, 2**56 - 1), total), tally_classify)
            add("feedback_tally", "numeric edge",
                tally_text(metric, sc, (2**56 - 1, 0, 0), total), tally_classify)
    for n in (1000, 100000, 1000000):
        add("feedback_tally", "over-long", tally_text("nps", "10", ("9" * n, 0, 0), 0), tally_classify)
        add("feedback_tally", "over-long", tally_text("nps", "10", (1, 0, 0), "0" * n + "9"), tally_classify)
        add("feedback_tally", "over-long", "metric=" + "n" * n, tally_classify)
        add("feedback_tally", "over-long", tally_text("nps", "10", (1, 0, 0), 9) + "x" * n, tally_classify)

    # feedback_summary
    for cls, state, text in summary_invalid(rng, summary_valid_texts(rng), scale):
        rows.append(("feedback_summary", cls, state, text))

    with open(out_path, "w", encoding="utf-8") as f:
        for i, (typ, cls, expect, text) in enumerate(rows, 1):
            esc = (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                   .replace("\r", "\\r").replace("\x0b", "\\v").replace("\x0c", "\\f"))
            f.write("%d\t%s\t%s\t%s\t%s\n" % (i, typ, cls, expect, esc))


if __name__ == "__main__":
    main()
