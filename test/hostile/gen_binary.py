#!/usr/bin/env python3
"""Write hand-crafted COPY ... (FORMAT binary) files, valid and malformed.

Usage: gen_binary.py DIR

Writes DIR/<case>.bin and DIR/manifest.tsv with one line per case:

    case  table  expect  what  rows

`table` is one of hb_feedback (f feedback), hb_tally (t feedback_tally),
hb_summary (s feedback_summary), each a single column; `expect` is the
SQLSTATE the load must fail with, or "ok" for a valid file, whose `rows`
are the text forms the loaded values must print as, in file order, joined
by " ; " (NULL for a null).

Layouts, from the PostgreSQL documentation of the binary COPY format and
the cxsat README:
  file      "PGCOPY\\n\\377\\r\\n\\0", int32 flags, int32 extension length,
            tuples, int16 -1 trailer
  tuple     int16 field count, then per field int32 length (-1 NULL) + bytes
  feedback  3 bytes: metric code, scale, score
  tally     int32 metric, int32 scale, int64 positive, neutral, negative,
            score_sum (network order)
  summary   int8 version 1, int8 flags (1 = weighted), int8 bucket mask,
            then per bucket of the mask: its int64 counts, and if weighted
            its float8 weight sums and one float8 squared-weight sum
"""
import os
import struct
import sys

SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
HEADER = SIGNATURE + struct.pack(">ii", 0, 0)
TRAILER = struct.pack(">h", -1)
NPOINTS = [11, 2, 3, 5, 7, 10, 5, 7]
INT64_MAX = 2**63 - 1


def field(data):
    return struct.pack(">i", len(data)) + data


def tuple_(*fields):
    return struct.pack(">h", len(fields)) + b"".join(fields)


def file_of(*tuples, trailer=True):
    return HEADER + b"".join(tuples) + (TRAILER if trailer else b"")


def fb(metric, scale, score):
    return bytes([metric, scale, score])


def tally(metric, scale, pos, neu, neg, total):
    return struct.pack(">iiqqqq", metric, scale, pos, neu, neg, total)


def summary(buckets, weighted=False, version=1, flags=None, mask=None):
    """buckets: {bucket: counts} or {bucket: (counts, wsums, wsq)}"""
    body = b""
    m = 0
    for b in sorted(buckets):
        m |= 1 << b
        v = buckets[b]
        counts, wsums, wsq = (v, None, None) if not weighted else v
        body += b"".join(struct.pack(">q", c) for c in counts)
        if weighted:
            body += b"".join(struct.pack(">d", w) for w in wsums) + struct.pack(">d", wsq)
    f = (1 if weighted else 0) if flags is None else flags
    return bytes([version, f, m if mask is None else mask]) + body


NPS = {0: [1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 4]}
CASES = []


def case(name, table, expect, what, data, rows=()):
    CASES.append((name, table, expect, what, data, " ; ".join(rows)))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    F, T, S = "hb_feedback", "hb_tally", "hb_summary"

    # valid files: they must load, so the malformed ones fail for their fault
    case("fb_valid", F, "ok", "four valid feedback values and a NULL",
         file_of(tuple_(field(fb(1, 10, 9))), tuple_(field(fb(2, 5, 4))),
                 tuple_(field(fb(3, 7, 1))), tuple_(field(fb(2, 2, 2))),
                 tuple_(struct.pack(">i", -1))),
         ["nps:9", "csat:4/5", "ces:1/7", "csat:2/2", "NULL"])
    case("fb_no_trailer", F, "ok", "no end-of-data trailer: COPY accepts end of file instead",
         file_of(tuple_(field(fb(1, 10, 0))), trailer=False), ["nps:0"])
    case("tally_valid", T, "ok", "a valid tally",
         file_of(tuple_(field(tally(1, 10, 5, 3, 2, 71)))),
         ["metric=nps scale=10 positive=5 neutral=3 negative=2 score_sum=71"])
    case("summary_valid", S, "ok", "valid summaries, one weighted, one with an empty bucket",
         file_of(tuple_(field(summary(NPS))),
                 tuple_(field(summary({3: ([0, 1, 0, 0, 2], [0, 0.5, 0, 0, 3.0], 4.25)},
                                      weighted=True))),
                 tuple_(field(summary({1: [0, 0], 7: [0, 0, 0, 0, 0, 0, 9]})))),
         ['{"nps":[1,0,0,0,0,0,0,2,0,3,4]}',
          '{"csat/5":{"counts":[0,1,0,0,2],"weights":[0,0.5,0,0,3],"squared_weights":4.25}}',
          '{"ces/7":[0,0,0,0,0,0,9]}'])

    # feedback
    case("fb_short", F, "22P03", "feedback field of 2 bytes", file_of(tuple_(field(b"\x01\x0a"))))
    case("fb_long", F, "22P03", "feedback field of 4 bytes", file_of(tuple_(field(fb(1, 10, 9) + b"\x00"))))
    case("fb_empty", F, "22P03", "feedback field of 0 bytes", file_of(tuple_(field(b""))))
    for code in (0, 4, 255):
        case("fb_metric_%d" % code, F, "22P03", "unknown metric code %d" % code,
             file_of(tuple_(field(fb(code, 10, 9)))))
    case("fb_scale", F, "22003", "NPS on a 7-point scale", file_of(tuple_(field(fb(1, 7, 5)))))
    case("fb_score", F, "22003", "NPS score 11", file_of(tuple_(field(fb(1, 10, 11)))))
    case("fb_score_zero", F, "22003", "CSAT score 0", file_of(tuple_(field(fb(2, 5, 0)))))
    case("fb_scale_255", F, "22003", "CES on a 255-point scale", file_of(tuple_(field(fb(3, 255, 255)))))

    # feedback_tally
    case("tally_short", T, "22P03", "tally of 39 bytes", file_of(tuple_(field(tally(1, 10, 1, 0, 0, 9)[:-1]))))
    case("tally_long", T, "22P03", "tally of 41 bytes", file_of(tuple_(field(tally(1, 10, 1, 0, 0, 9) + b"\x00"))))
    case("tally_metric", T, "22P03", "unknown metric code 7", file_of(tuple_(field(tally(7, 10, 1, 0, 0, 9)))))
    case("tally_negative", T, "22P03", "a negative count", file_of(tuple_(field(tally(1, 10, -1, 0, 0, 0)))))
    case("tally_overflow", T, "22P03", "counts whose total overflows int64",
         file_of(tuple_(field(tally(1, 10, INT64_MAX, 1, 0, INT64_MAX)))))
    case("tally_sum", T, "22P03", "a score sum no response could give",
         file_of(tuple_(field(tally(3, 7, 1, 0, 0, 100)))))
    case("tally_huge_sum", T, "22P03", "2^62 promoters with a score sum of 0",
         file_of(tuple_(field(tally(3, 7, 2**62, 0, 0, 0)))))
    case("tally_mixed_ces", T, "22P03", "CES marked as mixing scales",
         file_of(tuple_(field(tally(3, -1, 1, 0, 0, 7)))))
    # values the packed in-memory form (metric, scale and score sum in one
    # word) cannot hold must be refused, not truncated into a valid tally
    case("tally_metric_alias", T, "22P03", "metric code 9, which is nps (1) in its low 3 bits",
         file_of(tuple_(field(tally(9, 10, 1, 0, 0, 9)))))
    case("tally_scale_alias", T, "22P03", "scale 42, which is 10 in its low 5 bits",
         file_of(tuple_(field(tally(1, 42, 1, 0, 0, 9)))))
    case("tally_sum_limit", T, "22P03", "a CES score sum of 2^56, one past its limit",
         file_of(tuple_(field(tally(3, 7, 2**56, 0, 0, 2**56)))))

    # feedback_summary
    case("sum_empty_field", S, "22P03", "summary field of 0 bytes", file_of(tuple_(field(b""))))
    case("sum_version", S, "22P03", "wire version 2", file_of(tuple_(field(summary(NPS, version=2)))))
    case("sum_flags", S, "22P03", "an unknown flag bit", file_of(tuple_(field(summary(NPS, flags=0x80)))))
    case("sum_short", S, "22P03", "mask announces a bucket, one count byte missing",
         file_of(tuple_(field(summary(NPS)[:-1]))))
    case("sum_mask_no_data", S, "22P03", "mask 0xff and no counts",
         file_of(tuple_(field(bytes([1, 0, 0xFF])))))
    case("sum_trailing", S, "22P03", "a byte after the last bucket",
         file_of(tuple_(field(summary(NPS) + b"\x00"))))
    case("sum_negative", S, "22P03", "a negative count",
         file_of(tuple_(field(summary({1: [-1, 5]})))))
    case("sum_overflow", S, "22P03", "counts whose total overflows int64",
         file_of(tuple_(field(summary({1: [INT64_MAX, 0], 6: [0, 0, 1, 0, 0]})))))
    case("sum_overflow_slot", S, "22P03", "two points of one scale at 2^62 and 2^63-1",
         file_of(tuple_(field(summary({0: [2**62] + [0] * 9 + [INT64_MAX]})))))
    case("sum_nan_weight", S, "22P03", "a NaN weight sum",
         file_of(tuple_(field(summary({1: ([1, 1], [float("nan"), 1.0], 2.0)}, weighted=True)))))
    case("sum_inf_weight", S, "22P03", "an infinite weight sum",
         file_of(tuple_(field(summary({1: ([1, 1], [float("inf"), 1.0], 2.0)}, weighted=True)))))
    case("sum_negative_weight", S, "22P03", "a negative weight sum",
         file_of(tuple_(field(summary({1: ([1, 1], [-1.0, 1.0], 2.0)}, weighted=True)))))
    case("sum_weight_without_count", S, "22P03", "weight on a point with no responses",
         file_of(tuple_(field(summary({1: ([0, 1], [1.0, 1.0], 2.0)}, weighted=True)))))
    case("sum_weight_total", S, "22P03", "weight sums that together exceed double precision",
         file_of(tuple_(field(summary({1: ([1, 1], [1.5e308, 1.5e308], 1.0)}, weighted=True)))))

    # the COPY framing itself
    case("copy_signature", F, "22P04", "wrong file signature",
         b"PGCOPY\n\xff\r\n\x01" + struct.pack(">ii", 0, 0) + tuple_(field(fb(1, 10, 9))) + TRAILER)
    case("copy_header_short", F, "22P04", "file ends inside the header", HEADER[:13])
    case("copy_field_count", F, "22P04", "a tuple with 2 fields for 1 column",
         file_of(tuple_(field(fb(1, 10, 9)), field(fb(1, 10, 9)))))
    case("copy_past_eof", F, "22P04", "field length 3, file ends after 1 byte",
         HEADER + struct.pack(">h", 1) + struct.pack(">i", 3) + b"\x01")
    case("copy_length_past_eof", S, "22P04", "field length 1000 in a file of 40 bytes",
         HEADER + struct.pack(">h", 1) + struct.pack(">i", 1000) + summary(NPS)[:10])
    case("copy_negative_length", F, "22P04", "field length -2",
         HEADER + struct.pack(">h", 1) + struct.pack(">i", -2) + TRAILER)
    case("copy_huge_length", S, "54000", "field length 2^31-1: COPY refuses the allocation",
         HEADER + struct.pack(">h", 1) + struct.pack(">i", 2**31 - 1) + b"\x01\x00\x01")
    case("copy_1gb_length", F, "54000", "field length 2^30: COPY refuses the allocation",
         HEADER + struct.pack(">h", 1) + struct.pack(">i", 2**30) + b"\x01\x0a\x09")
    case("copy_ext_length", F, "22P04", "header extension longer than the file",
         SIGNATURE + struct.pack(">ii", 0, 2**30) + b"\x00" * 4)

    with open(os.path.join(out, "manifest.tsv"), "w") as m:
        for name, table, expect, what, data, rows in CASES:
            with open(os.path.join(out, name + ".bin"), "wb") as f:
                f.write(data)
            m.write("%s\t%s\t%s\t%s\t%s\n" % (name, table, expect, what, rows))


if __name__ == "__main__":
    main()
