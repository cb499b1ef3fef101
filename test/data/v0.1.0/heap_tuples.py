#!/usr/bin/env python3
"""Read the tuples of a PostgreSQL heap relation file (8 kB pages).

  heap_tuples.py FILE            one line per live tuple: page, item,
                                 attribute count, null bitmap and the
                                 tuple's data bytes, in hex
  heap_tuples.py --clear-lsn FILE
                                 set every page's LSN and checksum to zero
                                 in place, so that a page taken from one
                                 cluster does not refer to that cluster's
                                 WAL (see README.md)

The page layout read here (page header, line pointers, heap tuple header)
has been page layout version 4 since PostgreSQL 8.3; the script refuses a
page of another version.  Standard library only.
"""
import struct
import sys

BLCKSZ = 8192
LP_NORMAL = 1
HEAP_HASNULL = 0x0001
HEAP_NATTS_MASK = 0x07FF


def pages(data):
    if len(data) % BLCKSZ:
        raise SystemExit("heap_tuples: %d bytes is not a whole number of pages" % len(data))
    for blk in range(len(data) // BLCKSZ):
        yield blk, data[blk * BLCKSZ:(blk + 1) * BLCKSZ]


def tuples(data):
    for blk, page in pages(data):
        lower, upper, special, size_version = struct.unpack_from("<HHHH", page, 12)
        if size_version & 0xFF != 4 or size_version & 0xFF00 != BLCKSZ:
            raise SystemExit("heap_tuples: page %d: layout %#x is not 8 kB version 4" % (blk, size_version))
        for item in range((lower - 24) // 4):
            (lp,) = struct.unpack_from("<I", page, 24 + 4 * item)
            off, flags, length = lp & 0x7FFF, (lp >> 15) & 3, lp >> 17
            if flags != LP_NORMAL:
                continue
            tup = page[off:off + length]
            infomask2, infomask, hoff = struct.unpack_from("<HHB", tup, 18)
            natts = infomask2 & HEAP_NATTS_MASK
            nulls = tup[23:23 + (natts + 7) // 8] if infomask & HEAP_HASNULL else b""
            yield blk, item + 1, natts, nulls, tup[hoff:]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--clear-lsn":
        with open(sys.argv[2], "r+b") as f:
            data = f.read()
            for blk, _ in pages(data):
                f.seek(blk * BLCKSZ)
                f.write(b"\0" * 10)		# pd_lsn (8 bytes), pd_checksum (2)
        return
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    for blk, item, natts, nulls, body in tuples(data):
        print("%d %d %d %s %s" % (blk, item, natts, nulls.hex() or "-", body.hex()))


if __name__ == "__main__":
    main()
