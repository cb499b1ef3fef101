#!/usr/bin/env python3
"""Write the binary seed inputs of the feedback_summary harnesses.

The text seeds are typed by hand; these are built from the layouts that
cx_summary.h documents, so that the fuzzer starts from valid wire, compact
and raw encodings (and a few near misses) instead of having to discover the
headers byte by byte.  Run it from anywhere; it rewrites corpus/summary_binary
and corpus/summary_stored seeds named seed-*.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
NPOINTS = [11, 2, 3, 5, 7, 10, 5, 7]


def wire(buckets, weighted=False, version=1, flags=None):
    """buckets: {bucket: (counts, wsums, wsq)}"""
    mask = 0
    body = b""
    for b in sorted(buckets):
        mask |= 1 << b
        counts, wsums, wsq = buckets[b]
        body += b"".join(struct.pack(">q", c) for c in counts)
        if weighted:
            body += b"".join(struct.pack(">d", w) for w in wsums) + struct.pack(">d", wsq)
    f = (1 if weighted else 0) if flags is None else flags
    return bytes([version, f, mask]) + body


def width(largest):
    for w in (1, 2, 4):
        if largest < 1 << (8 * w):
            return w
    return 8


def compact(buckets, weighted=False):
    mask = 0
    body = b""
    for b in sorted(buckets):
        mask |= 1 << b
        counts, wsums, wsq = buckets[b]
        w = width(max(counts))
        body += bytes([w]) + b"".join(c.to_bytes(w, "little") for c in counts)
        if weighted:
            body += b"".join(struct.pack("<d", x) for x in wsums) + struct.pack("<d", wsq)
    return bytes([0x01, 1 if weighted else 0, mask]) + body


def raw(buckets, weighted=False):
    counts = [0] * 50
    wsums = [0.0] * 50
    wsq = [0.0] * 8
    first = [0, 11, 13, 16, 21, 28, 38, 43]
    for b, (c, w, q) in buckets.items():
        for i, x in enumerate(c):
            counts[first[b] + i] = x
            if weighted:
                wsums[first[b] + i] = w[i]
        if weighted:
            wsq[b] = q
    out = bytes([0x81, 1 if weighted else 0, 0, 0]) + struct.pack("<50q", *counts)
    if weighted:
        out += struct.pack("<50d", *wsums) + struct.pack("<8d", *wsq)
    return out


def unweighted(b, counts):
    return {b: (counts, None, None)}


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


nps = unweighted(0, [1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 4])
two = {3: ([0, 1, 2, 3, 4], None, None), 7: ([1] * 7, None, None)}
big = unweighted(6, [0, 0, 2**63 - 1, 0, 0])
wide = unweighted(5, [300, 70000, 5000000000, 1, 0, 0, 0, 0, 0, 9])
weighted = {0: ([1] + [0] * 9 + [1], [0.5] + [0.0] * 9 + [2.25], 5.3125)}

for name, data in [("empty", wire({})), ("nps", wire(nps)), ("two", wire(two)),
                   ("big", wire(big)), ("weighted", wire(weighted, True)),
                   ("zero-bucket", wire(unweighted(1, [0, 0]))),
                   ("version2", wire(nps, version=2)), ("short", wire(nps)[:-1])]:
    write("summary_binary", name, data)

for name, data in [("compact-nps", compact(nps)), ("compact-two", compact(two)),
                   ("compact-wide", compact(wide)), ("compact-weighted", compact(weighted, True)),
                   ("compact-empty", bytes([0x01, 0, 0])),
                   ("raw-nps", raw(nps)), ("raw-weighted", raw(weighted, True)),
                   ("raw-empty", raw({})),
                   ("raw-one-nps", bytes([0x82, 0, 0, 0]) + struct.pack("<11i", 1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 4)),
                   ("raw-one-ces", bytes([0x82, 0, 7, 0]) + struct.pack("<7i", 0, 0, 0, 0, 0, 0, 9))]:
    write("summary_stored", name, data)
