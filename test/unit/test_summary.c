/*
 * Unit tests of feedback_summary's pure core (src/cx_summary.c): the lookup
 * tables, counting and merging with their overflow checks, the compact,
 * raw, wire and text forms (round trips, canonical bytes, every kind of
 * malformed input), and the metrics read from a summary.
 *
 * Expected values are independent of the code under test: byte strings and
 * texts written out by hand, counts kept in plain arrays next to the
 * summary, and the one-step tally (cx_tally.c) for the metrics.
 */
#include <float.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

#include "cx_core.h"
#include "cx_summary.h"
#include "cx_tally.h"
#include "unit.h"

/* A small deterministic generator (xorshift64*), so runs are repeatable. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

/* Copy into an exactly sized heap buffer, so ASan sees any over-read. */
static char *
exact_copy(const void *src, size_t len)
{
	char	   *p = malloc(len ? len : 1);

	memcpy(p, src, len);
	return p;
}

static bool
decode_exact(const unsigned char *buf, size_t len, CxSummary *out, CxError *err)
{
	char	   *copy = exact_copy(buf, len);
	bool		ok = cx_summary_decode(copy, len, out, err);

	free(copy);
	return ok;
}

static bool
wire_exact(const unsigned char *buf, size_t len, CxSummary *out, CxError *err)
{
	char	   *copy = exact_copy(buf, len);
	bool		ok = cx_summary_decode_wire(copy, len, out, err);

	free(copy);
	return ok;
}

static bool
parse_buf(const char *text, size_t len, CxSummary *out, CxError *err)
{
	char	   *copy = exact_copy(text, len);	/* no terminating NUL */
	bool		ok = cx_summary_parse(copy, len, out, err);

	free(copy);
	return ok;
}

static bool
parse_exact(const char *text, CxSummary *out, CxError *err)
{
	return parse_buf(text, strlen(text), out, err);
}

/* A random valid summary: some buckets, counts of random magnitude. */
static void
random_summary(CxSummary *s, bool weighted)
{
	cx_summary_init(s);
	for (int b = 0; b < CX_NBUCKETS; b++)
	{
		if (rng() % 3 == 0)
			continue;
		for (int i = 0; i < cx_buckets[b].npoints; i++)
		{
			int			magnitude = (int) (rng() % 5);
			int64_t		c = magnitude == 0 ? 0 :
				magnitude == 1 ? (int64_t) (rng() % 256) :
				magnitude == 2 ? (int64_t) (rng() % 70000) :
				magnitude == 3 ? (int64_t) (rng() % 5000000000LL) :
				(int64_t) (rng() % (1ULL << 50));

			s->count[cx_buckets[b].first_slot + i] = c;
		}
	}
	if (weighted && cx_summary_total(s) > 0)
	{
		s->flags = CX_SUMMARY_WEIGHTED;
		for (int slot = 0; slot < CX_NSLOTS; slot++)
			if (s->count[slot] > 0)
				s->wsum[slot] = (double) (rng() % 1000000) / 7.0 * (double) (rng() % 3);
		for (int b = 0; b < CX_NBUCKETS; b++)
			if (cx_summary_bucket_count(s, b) > 0)
				s->wsq[b] = (double) (rng() % 1000000) / 3.0;
	}
}

/* ----------------------------------------------------------------
 * Tables
 * ----------------------------------------------------------------
 */

static void
test_tables(void)
{
	int			bad = 0;

	for (int b = 0; b < CX_NBUCKETS; b++)
		for (int i = 0; i < cx_buckets[b].npoints; i++)
			if (cx_slot_bucket[cx_buckets[b].first_slot + i] != b)
				bad++;
	CHECK(bad == 0, "cx_slot_bucket maps every slot to its bucket");

	bad = 0;
	for (int m = 0; m <= CX_METRIC_MAX; m++)
		for (int scale = 0; scale <= 10; scale++)
			if (cx_pair_bucket[m][scale] !=
				(m == 0 ? -1 : cx_bucket_of((CxMetric) m, scale)))
				bad++;
	CHECK(bad == 0, "cx_pair_bucket agrees with cx_bucket_of");

	/* every 24-bit word and a sample of words with the top byte set */
	bad = 0;
	for (uint32_t fb = 0; fb < (1u << 24); fb++)
	{
		int			got = cx_summary_feedback_bucket(fb);
		int			want = cx_feedback_valid(fb) ? cx_feedback_bucket(fb) : -1;

		if (got != want)
			bad++;
	}
	for (int i = 0; i < 100000; i++)
	{
		uint32_t	fb = (uint32_t) rng() | 0x01000000u;

		if (cx_summary_feedback_bucket(fb) != -1)
			bad++;
	}
	CHECK(bad == 0, "feedback bucket lookup is right for every packed word");
	CHECK(cx_slot_of(CX_BUCKET_NPS, 9) == 9 && cx_slot_of(CX_BUCKET_CSAT5, 4) == 19 &&
		  cx_slot_of(CX_BUCKET_CES7, 7) == 49, "slots of nps:9, csat:4/5, ces:7/7");
}

/* ----------------------------------------------------------------
 * Counting and merging
 * ----------------------------------------------------------------
 */

static void
test_add_merge(void)
{
	CxSummary	a,
				b,
				whole,
				parts;
	CxError		err;
	int64_t		want[CX_NSLOTS] = {0};
	int			bad = 0;

	cx_summary_init(&whole);
	cx_summary_init(&a);
	cx_summary_init(&b);
	for (int i = 0; i < 20000; i++)
	{
		int			slot = (int) (rng() % CX_NSLOTS);

		want[slot]++;
		if (!cx_summary_add(&whole, slot, &err))
			bad++;
		if (!cx_summary_add(i % 3 ? &a : &b, slot, &err))
			bad++;
	}
	CHECK(bad == 0, "20000 adds succeed");
	CHECK(memcmp(whole.count, want, sizeof(want)) == 0, "adds count every slot exactly");
	parts = a;
	CHECK(cx_summary_merge(&parts, &b, &err), "merge the two parts");
	CHECK(cx_summary_equal(&parts, &whole), "merge of parts equals the whole");
	CHECK(cx_summary_total(&whole) == 20000, "total is 20000");

	/* merge is commutative, and the empty summary is its identity */
	{
		CxSummary	ba = b,
					empty,
					x = whole;

		CHECK(cx_summary_merge(&ba, &a, &err) && cx_summary_equal(&ba, &parts),
			  "b + a equals a + b");
		cx_summary_init(&empty);
		CHECK(cx_summary_merge(&x, &empty, &err) && cx_summary_equal(&x, &whole),
			  "s + {} = s");
		CHECK(cx_summary_merge(&empty, &whole, &err) && cx_summary_equal(&empty, &whole),
			  "{} + s = s");
	}

	/* the inverses: whole minus a part gives the other part */
	{
		CxSummary	rest = whole,
					w,
					keep;

		CHECK(cx_summary_subtract(&rest, &a, &err) && cx_summary_equal(&rest, &b),
			  "whole - a = b");
		keep = rest;
		CHECK(!cx_summary_subtract(&rest, &a, &err) && err.status == CX_ERR_PARAMETER &&
			  cx_summary_equal(&rest, &keep), "subtracting more than is there fails, unchanged");
		cx_summary_init(&w);
		CHECK(cx_summary_add(&w, 5, &err) && cx_summary_remove(&w, 5, &err) &&
			  cx_summary_total(&w) == 0, "add then remove leaves nothing");
		CHECK(!cx_summary_remove(&w, 5, &err) && err.status == CX_ERR_PARAMETER,
			  "removing from an empty slot fails");
		CHECK(cx_summary_add_weighted(&w, 5, 1.0, &err) && !cx_summary_remove(&w, 5, &err) &&
			  w.count[5] == 1, "a weighted summary refuses removal");
		keep = whole;
		CHECK(!cx_summary_subtract(&keep, &w, &err), "a weighted summary refuses subtraction");
	}

	/* overflow: one slot, and the total across slots */
	{
		CxSummary	big,
					one,
					keep;

		cx_summary_init(&big);
		big.count[3] = INT64_MAX;
		cx_summary_init(&one);
		one.count[3] = 1;
		keep = big;
		CHECK(!cx_summary_merge(&big, &one, &err) && err.status == CX_ERR_OVERFLOW,
			  "merge overflowing a slot fails with CX_ERR_OVERFLOW");
		CHECK(cx_summary_equal(&big, &keep), "a failed merge leaves its target unchanged");
		CHECK(!cx_summary_add(&big, 3, &err) && err.status == CX_ERR_OVERFLOW,
			  "add overflowing a slot fails");
		CHECK(!cx_summary_add(&big, 20, &err) && err.status == CX_ERR_OVERFLOW,
			  "add past a total of INT64_MAX fails, even in another slot");

		cx_summary_init(&big);
		big.count[0] = INT64_MAX / 2 + 1;
		cx_summary_init(&one);
		one.count[45] = INT64_MAX / 2 + 1;
		CHECK(!cx_summary_merge(&big, &one, &err) && err.status == CX_ERR_OVERFLOW,
			  "merge whose total overflows though no slot does fails");
		one.count[45] = INT64_MAX / 2;
		CHECK(cx_summary_merge(&big, &one, &err) && cx_summary_total(&big) == INT64_MAX,
			  "merge to a total of exactly INT64_MAX succeeds");
	}
}

static void
test_weights(void)
{
	CxSummary	s,
				u,
				m;
	CxError		err;

	CHECK(cx_summary_check_weight(0, &err), "weight 0 is allowed");
	CHECK(cx_summary_check_weight(2.5, &err), "weight 2.5 is allowed");
	CHECK(cx_summary_check_weight(DBL_MAX, &err), "weight DBL_MAX is allowed");
	CHECK(!cx_summary_check_weight(-1, &err) && err.status == CX_ERR_PARAMETER,
		  "weight -1 is refused with CX_ERR_PARAMETER");
	CHECK(!cx_summary_check_weight(NAN, &err), "NaN weight is refused");
	CHECK(!cx_summary_check_weight(INFINITY, &err), "infinite weight is refused");
	CHECK(!cx_summary_check_weight(-INFINITY, &err), "-infinite weight is refused");

	cx_summary_init(&s);
	CHECK(cx_summary_add_weighted(&s, 9, 2.0, &err), "weighted add");
	CHECK(cx_summary_add_weighted(&s, 9, 0.5, &err), "weighted add");
	CHECK(cx_summary_add_weighted(&s, 0, -0.0, &err), "weight -0.0 counts as 0");
	CHECK(!signbit(s.wsum[0]) && s.wsum[0] == 0 && s.count[0] == 1,
		  "a -0.0 weight leaves +0.0 in the sum");
	CHECK(s.flags == CX_SUMMARY_WEIGHTED && s.count[9] == 2 && s.wsum[9] == 2.5 &&
		  s.wsq[CX_BUCKET_NPS] == 4.25, "weights and squares are summed");
	CHECK(cx_summary_problem(&s) == NULL, "weighted summary is valid");
	CHECK(!cx_summary_add_weighted(&s, 9, -1, &err) && s.count[9] == 2,
		  "negative weight refused, summary unchanged");
	CHECK(!cx_summary_add_weighted(&s, 9, 1e200, &err) && err.status == CX_ERR_OVERFLOW &&
		  s.count[9] == 2, "a weight whose square overflows is refused, summary unchanged");

	/* an unweighted summary joins a weighted one as weight 1 per response */
	cx_summary_init(&u);
	cx_summary_add(&u, 9, &err);
	cx_summary_add(&u, 10, &err);
	cx_summary_add(&u, 20, &err);
	m = u;
	CHECK(cx_summary_merge(&m, &s, &err), "merge weighted into unweighted");
	CHECK(m.flags == CX_SUMMARY_WEIGHTED && m.count[9] == 3 && m.wsum[9] == 3.5 &&
		  m.wsum[10] == 1 && m.wsum[20] == 1 && m.wsq[CX_BUCKET_NPS] == 6.25 &&
		  m.wsq[CX_BUCKET_CSAT5] == 1, "the unweighted side counts as weight 1");
	CHECK(cx_summary_problem(&m) == NULL, "merged summary is valid");
	/* and adding a weight to a non-empty unweighted summary promotes it */
	CHECK(cx_summary_add_weighted(&u, 9, 3, &err) && u.wsum[9] == 4 && u.wsum[10] == 1 &&
		  u.wsq[CX_BUCKET_NPS] == 11, "weighted add promotes earlier responses to weight 1");
	/* an unweighted add to a weighted summary gives weight 1 */
	CHECK(cx_summary_add(&u, 10, &err) && u.wsum[10] == 2 && u.count[10] == 2,
		  "unweighted add to a weighted summary adds weight 1");
	{
		CxSummary	big = s,
					big2 = s;

		big.wsum[9] = DBL_MAX;
		big2.wsum[9] = DBL_MAX;
		CHECK(!cx_summary_merge(&big, &big2, &err) && err.status == CX_ERR_OVERFLOW,
			  "merge whose weight sum overflows fails");
	}
}

/* ----------------------------------------------------------------
 * Compact form
 * ----------------------------------------------------------------
 */

/* cx_summary_add_compact on an exact copy of buf, so ASan sees any over-read. */
static CxAddResult
add_compact_exact(const unsigned char *buf, size_t len, int64_t *counts,
				  CxError *err)
{
	char	   *copy = exact_copy(buf, len);
	CxAddResult r = cx_summary_add_compact(counts, copy, len, err);

	free(copy);
	return r;
}

/*
 * Corrupt stored bytes: the full decoder rejects them, and the rollup's
 * fast path either leaves them to the decoder (not an unweighted compact
 * value) or rejects them the same way without touching its state.
 */
static void
expect_corrupt(const unsigned char *buf, size_t len, const char *what)
{
	CxSummary	s;
	CxError		err = {0};
	CxError		fast_err = {0};
	int64_t		counts[CX_NSLOTS] = {0};
	bool		compact_unweighted = len >= 3 && buf[0] == CX_SUMMARY_FORMAT_COMPACT &&
		buf[1] == 0;
	bool		untouched = true;
	CxAddResult r;

	CHECK(!decode_exact(buf, len, &s, &err) && err.status == CX_ERR_BINARY,
		  "reject %s (%s)", what, err.detail);
	counts[3] = 7;
	r = add_compact_exact(buf, len, counts, &fast_err);
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		if (counts[slot] != (slot == 3 ? 7 : 0))
			untouched = false;
	CHECK(untouched &&
		  (compact_unweighted ?
		   r == CX_ADD_FAILED && fast_err.status == CX_ERR_BINARY &&
		   strcmp(fast_err.detail, err.detail) == 0 :
		   r == CX_ADD_NOT_HANDLED),
		  "the rollup fast path %s %s too, state untouched",
		  compact_unweighted ? "rejects" : "leaves to the decoder", what);
}

/*
 * The rollup fast path against plain arithmetic: random stored summaries
 * added to random states give the slot-by-slot sums, weighted values and
 * other layouts are left to the decoder, and a total past INT64_MAX is an
 * overflow that leaves the state as it was.
 */
static void
test_add_compact(void)
{
	unsigned char buf[CX_SUMMARY_COMPACT_MAX];
	int			wrong = 0;
	CxError		err;
	CxSummary	s;
	size_t		len;
	int64_t		counts[CX_NSLOTS];
	int64_t		before[CX_NSLOTS];
	CxAddResult r;

	for (int i = 0; i < 3000; i++)
	{
		CxSummary	state;

		random_summary(&state, false);
		random_summary(&s, false);
		memcpy(counts, state.count, sizeof(counts));
		len = cx_summary_encode_compact(&s, buf);
		r = add_compact_exact(buf, len, counts, &err);
		if (r != CX_ADD_DONE)
			wrong++;
		for (int slot = 0; slot < CX_NSLOTS; slot++)
			if (counts[slot] != state.count[slot] + s.count[slot])
				wrong++;
	}
	CHECK(wrong == 0, "3000 random summaries added to random states: slot-by-slot sums");

	/* the empty summary adds nothing */
	memset(counts, 0, sizeof(counts));
	counts[0] = 5;
	r = add_compact_exact((const unsigned char *) "\x01\x00\x00", 3, counts, &err);
	CHECK(r == CX_ADD_DONE && counts[0] == 5, "the empty summary 01 00 00 adds nothing");

	/* nps:9 once and csat:1/2 300 times, bytes written by hand */
	{
		static const unsigned char bytes[] = {
			0x01, 0x00, 0x03,
			1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
			2, 0x2C, 0x01, 0, 0
		};

		memset(counts, 0, sizeof(counts));
		counts[9] = 41;
		r = add_compact_exact(bytes, sizeof(bytes), counts, &err);
		CHECK(r == CX_ADD_DONE && counts[9] == 42 && counts[11] == 300 &&
			  counts[12] == 0 && counts[10] == 0,
			  "hand-written bytes: nps:9 41 -> 42, csat:1/2 0 -> 300");
	}

	/* other layouts go to the full decoder, untouched */
	random_summary(&s, true);
	while (!(s.flags & CX_SUMMARY_WEIGHTED))
		random_summary(&s, true);
	len = cx_summary_encode_compact(&s, buf);
	memset(counts, 0, sizeof(counts));
	r = add_compact_exact(buf, len, counts, &err);
	CHECK(r == CX_ADD_NOT_HANDLED && counts[0] == 0, "a weighted summary is left to the decoder");
	cx_summary_encode_raw(&s, buf);
	r = add_compact_exact(buf, CX_SUMMARY_RAW_LEN(true), counts, &err);
	CHECK(r == CX_ADD_NOT_HANDLED, "a raw layout is left to the decoder");
	r = add_compact_exact(buf, 0, counts, &err);
	CHECK(r == CX_ADD_NOT_HANDLED, "zero bytes are left to the decoder");

	/* the total may reach INT64_MAX but not pass it */
	cx_summary_init(&s);
	s.count[CX_NSLOTS - 1] = 2;
	len = cx_summary_encode_compact(&s, buf);
	memset(counts, 0, sizeof(counts));
	counts[0] = INT64_MAX - 3;
	counts[20] = 1;
	memcpy(before, counts, sizeof(before));
	r = add_compact_exact(buf, len, counts, &err);
	CHECK(r == CX_ADD_DONE && counts[CX_NSLOTS - 1] == 2,
		  "a state total of INT64_MAX - 2 plus 2: exactly INT64_MAX, allowed");
	memcpy(counts, before, sizeof(before));
	counts[21] = 1;
	memcpy(before, counts, sizeof(before));
	r = add_compact_exact(buf, len, counts, &err);
	CHECK(r == CX_ADD_FAILED && err.status == CX_ERR_OVERFLOW &&
		  memcmp(counts, before, sizeof(before)) == 0,
		  "a state total of INT64_MAX - 1 plus 2: overflow, state unchanged");
}

static void
test_compact(void)
{
	CxSummary	s,
				d;
	CxError		err;
	unsigned char buf[CX_SUMMARY_COMPACT_MAX];
	size_t		len;
	int			bad = 0;

	/* the empty summary: format, flags, mask */
	cx_summary_init(&s);
	len = cx_summary_encode_compact(&s, buf);
	CHECK(len == 3 && buf[0] == 0x01 && buf[1] == 0 && buf[2] == 0,
		  "empty summary is 01 00 00");

	/* nps:9 once, csat:1/2 300 times: written out by hand */
	s.count[9] = 1;
	s.count[11] = 300;
	len = cx_summary_encode_compact(&s, buf);
	{
		static const unsigned char want[] = {
			0x01, 0x00, 0x03,
			1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
			2, 0x2C, 0x01, 0, 0
		};

		CHECK(len == sizeof(want) && memcmp(buf, want, len) == 0,
			  "compact bytes of {nps:9 x1, csat:1/2 x300} as written by hand");
		CHECK(cx_summary_compact_size(&s) == len, "compact_size agrees");
	}

	/* widths at their boundaries */
	{
		static const struct
		{
			int64_t		count;
			int			width;
		}			cases[] = {
			{1, 1}, {255, 1}, {256, 2}, {65535, 2}, {65536, 4},
			{4294967295LL, 4}, {4294967296LL, 8}, {INT64_MAX, 8}
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		{
			cx_summary_init(&s);
			s.count[CX_NSLOTS - 1] = cases[i].count;
			len = cx_summary_encode_compact(&s, buf);
			CHECK(buf[2] == 0x80 && buf[3] == cases[i].width &&
				  len == 4 + 7 * (size_t) cases[i].width &&
				  decode_exact(buf, len, &d, &err) && cx_summary_equal(&s, &d),
				  "count %" PRId64 " is stored in %d bytes and reads back",
				  cases[i].count, cases[i].width);
		}
	}

	/* NPS alone stays well under 128 bytes even at the largest counts */
	cx_summary_init(&s);
	for (int i = 0; i < 11; i++)
		s.count[i] = INT64_MAX / 11;
	CHECK(cx_summary_compact_size(&s) == 3 + 1 + 88, "largest NPS-only summary: 92 data bytes");
	for (int i = 0; i < 11; i++)
		s.count[i] = 1000000;
	CHECK(cx_summary_compact_size(&s) == 3 + 1 + 44, "NPS with a million per point: 48 data bytes");

	for (int i = 0; i < 3000; i++)
	{
		random_summary(&s, i % 2 == 1);
		if (cx_summary_problem(&s) != NULL)
			bad++;
	}
	CHECK(bad == 0, "the random summaries of these tests are valid");

	/* random round trips, and canonical: decode then encode gives the same bytes */
	for (int i = 0; i < 3000; i++)
	{
		unsigned char again[CX_SUMMARY_COMPACT_MAX];

		random_summary(&s, i % 2 == 1);
		len = cx_summary_encode_compact(&s, buf);
		if (len != cx_summary_compact_size(&s) || !decode_exact(buf, len, &d, &err) ||
			!cx_summary_equal(&s, &d) || cx_summary_encode_compact(&d, again) != len ||
			memcmp(buf, again, len) != 0)
			bad++;
	}
	CHECK(bad == 0, "3000 random summaries round-trip through the compact form");

	/* equal content built in different orders gives equal bytes */
	{
		CxSummary	x,
					y;
		unsigned char bx[CX_SUMMARY_COMPACT_MAX],
					by[CX_SUMMARY_COMPACT_MAX];
		size_t		lx,
					ly;

		cx_summary_init(&x);
		cx_summary_init(&y);
		for (int slot = 0; slot < CX_NSLOTS; slot += 3)
			for (int k = 0; k < slot * 7; k++)
				cx_summary_add(&x, slot, &err);
		for (int slot = CX_NSLOTS - 1; slot >= 0; slot--)
			if (slot % 3 == 0)
			{
				CxSummary	part;

				cx_summary_init(&part);
				part.count[slot] = slot * 7;
				cx_summary_merge(&y, &part, &err);
			}
		lx = cx_summary_encode_compact(&x, bx);
		ly = cx_summary_encode_compact(&y, by);
		CHECK(lx == ly && memcmp(bx, by, lx) == 0,
			  "same counts built by adds and by merges encode to the same bytes");
	}

	/* malformed stored values */
	cx_summary_init(&s);
	s.count[9] = 1;
	s.count[11] = 300;
	len = cx_summary_encode_compact(&s, buf);
	for (size_t cut = 0; cut < len; cut++)
		if (decode_exact(buf, cut, &d, &err))
			bad++;
	CHECK(bad == 0, "every truncation of a stored value is rejected");
	{
		unsigned char t[64];

		memcpy(t, buf, len);
		t[len] = 0;
		expect_corrupt(t, len + 1, "a trailing byte");
		memcpy(t, buf, len);
		t[0] = 0x02;
		expect_corrupt(t, len, "an unknown format byte");
		memcpy(t, buf, len);
		t[1] = 0x02;
		expect_corrupt(t, len, "an unknown flag");
		memcpy(t, buf, len);
		t[3] = 3;
		expect_corrupt(t, len, "count width 3");
		memcpy(t, buf, len);
		t[3] = 2;				/* nps counts fit in 1 byte */
		expect_corrupt(t, len, "a wider count width than needed");
		memcpy(t, buf, len);
		t[13] = 0;				/* nps bucket now all zero */
		expect_corrupt(t, len, "a stored bucket without responses");
		memcpy(t, buf, len);
		t[2] = 0x07;			/* mask announces csat/3 as well */
		expect_corrupt(t, len, "a mask announcing a missing bucket");
		{
			static const unsigned char weighted_empty[] = {0x01, 0x01, 0x00};
			static const unsigned char huge[] = {
				0x01, 0x00, 0x80, 8,
				0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
			static const unsigned char total[] = {
				0x01, 0x00, 0x80, 8,
				0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F,
				0x01, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
			static const unsigned char empty_input[] = {0};

			expect_corrupt(weighted_empty, sizeof(weighted_empty), "an empty summary flagged weighted");
			expect_corrupt(huge, sizeof(huge), "a count above INT64_MAX");
			expect_corrupt(total, sizeof(total), "a total above INT64_MAX");
			expect_corrupt(empty_input, 0, "zero bytes");
		}
	}

	/* weighted: bad weight values */
	cx_summary_init(&s);
	cx_summary_add_weighted(&s, 9, 1.5, &err);
	len = cx_summary_encode_compact(&s, buf);
	CHECK(len == 3 + 1 + 11 + 12 * 8, "weighted nps summary: 3 + 1 + 11 + 96 bytes");
	CHECK(decode_exact(buf, len, &d, &err) && cx_summary_equal(&s, &d),
		  "weighted summary round-trips");
	{
		/* weight sum of score 9 sits at 3 + 1 + 11 + 9 * 8 */
		size_t		at = 3 + 1 + 11 + 9 * 8;
		const double bad_values[] = {-1.0, NAN, INFINITY, -0.0};
		const char *names[] = {"a negative weight sum", "a NaN weight sum",
		"an infinite weight sum", "a -0.0 weight sum"};

		for (int i = 0; i < 4; i++)
		{
			unsigned char t[CX_SUMMARY_COMPACT_MAX];
			uint64_t	bits;

			memcpy(t, buf, len);
			memcpy(&bits, &bad_values[i], 8);
			for (int k = 0; k < 8; k++)
				t[at + k] = (unsigned char) (bits >> (8 * k));
			expect_corrupt(t, len, names[i]);
		}
		{
			unsigned char t[CX_SUMMARY_COMPACT_MAX];

			memcpy(t, buf, len);
			t[3 + 1 + 11 + 3 * 8 + 7] = 0x3F;	/* weight 1/128-ish on score 3, count 0 */
			expect_corrupt(t, len, "a weight on a score without responses");
		}
	}

	/* single-scale raw layout, and the compact form straight from counts */
	{
		int32_t		c7[7] = {0, 3, 0, 0, 0, 0, 70000};
		unsigned char one[CX_SUMMARY_RAW_HEADER + 4 * 11];
		unsigned char direct[CX_SUMMARY_COMPACT_MAX],
					via[CX_SUMMARY_COMPACT_MAX];
		size_t		ldirect,
					lvia;
		int32_t		zeros[11] = {0};

		cx_summary_encode_raw_one(CX_BUCKET_CES7, c7, one);
		CHECK(decode_exact(one, CX_SUMMARY_RAW_ONE_LEN(CX_BUCKET_CES7), &d, &err) &&
			  d.count[44] == 3 && d.count[49] == 70000 && cx_summary_total(&d) == 70003 &&
			  d.flags == 0, "single-scale raw layout decodes");
		CHECK(cx_summary_encode_one(CX_BUCKET_CES7, c7, direct, &ldirect, &err), "encode_one");
		lvia = cx_summary_encode_compact(&d, via);
		CHECK(ldirect == lvia && memcmp(direct, via, lvia) == 0,
			  "encode_one gives the canonical compact bytes");
		CHECK(cx_summary_encode_counts(d.count, direct, &ldirect, &err) &&
			  ldirect == lvia && memcmp(direct, via, lvia) == 0,
			  "encode_counts gives the canonical compact bytes");
		CHECK(cx_summary_encode_one(CX_BUCKET_NPS, zeros, direct, &ldirect, &err) &&
			  ldirect == 3 && direct[2] == 0, "encode_one of zero counts is the empty summary");
		expect_corrupt(one, CX_SUMMARY_RAW_ONE_LEN(CX_BUCKET_CES7) - 1,
					   "a single-scale raw layout of the wrong length");
		expect_corrupt(one, CX_SUMMARY_RAW_ONE_LEN(CX_BUCKET_CES7) + 4,
					   "a single-scale raw layout with a count too many");
		expect_corrupt(one, 2, "a truncated single-scale raw header");
		one[2] = 9;
		expect_corrupt(one, CX_SUMMARY_RAW_ONE_LEN(CX_BUCKET_CES7), "a single-scale raw layout of bucket 9");
		one[2] = CX_BUCKET_CES7;
		one[1] = 1;
		expect_corrupt(one, CX_SUMMARY_RAW_ONE_LEN(CX_BUCKET_CES7), "a weighted single-scale raw layout");
		one[1] = 0;
		c7[3] = -1;
		cx_summary_encode_raw_one(CX_BUCKET_CES7, c7, one);
		expect_corrupt(one, CX_SUMMARY_RAW_ONE_LEN(CX_BUCKET_CES7), "a single-scale raw layout with a negative count");
		CHECK(!cx_summary_encode_one(CX_BUCKET_CES7, c7, direct, &ldirect, &err) &&
			  err.status == CX_ERR_BINARY, "encode_one refuses a negative count");
		d.count[3] = -1;
		CHECK(!cx_summary_encode_counts(d.count, direct, &ldirect, &err), "encode_counts refuses a negative count");
		d.count[3] = INT64_MAX;
		CHECK(!cx_summary_encode_counts(d.count, direct, &ldirect, &err), "encode_counts refuses a total overflow");
	}
	for (int i = 0; i < 1000; i++)
	{
		unsigned char a[CX_SUMMARY_COMPACT_MAX],
					b[CX_SUMMARY_COMPACT_MAX];
		size_t		la,
					lb;

		random_summary(&s, false);
		la = cx_summary_encode_compact(&s, a);
		if (!cx_summary_encode_counts(s.count, b, &lb, &err) || la != lb || memcmp(a, b, la) != 0)
			bad++;
	}
	CHECK(bad == 0, "encode_counts equals encode_compact on 1000 random summaries");

	/* raw layout */
	{
		unsigned char raw[CX_SUMMARY_RAW_LEN(true)];

		random_summary(&s, false);
		cx_summary_encode_raw(&s, raw);
		CHECK(decode_exact(raw, CX_SUMMARY_RAW_LEN(false), &d, &err) &&
			  cx_summary_equal(&s, &d), "unweighted raw layout decodes");
		do
			random_summary(&s, true);
		while (!(s.flags & CX_SUMMARY_WEIGHTED));
		cx_summary_encode_raw(&s, raw);
		CHECK(decode_exact(raw, CX_SUMMARY_RAW_LEN(true), &d, &err) &&
			  cx_summary_equal(&s, &d), "weighted raw layout decodes");
		expect_corrupt(raw, CX_SUMMARY_RAW_LEN(true) - 1, "a raw layout of the wrong length");
		expect_corrupt(raw, CX_SUMMARY_RAW_LEN(false), "a weighted raw header with the unweighted length");
		raw[2] = 1;
		expect_corrupt(raw, CX_SUMMARY_RAW_LEN(true), "a raw layout with padding set");
		raw[2] = 0;
		{
			int64_t		neg = -5;

			memcpy(raw + CX_SUMMARY_RAW_HEADER + 8 * 4, &neg, 8);
			expect_corrupt(raw, CX_SUMMARY_RAW_LEN(true), "a raw layout with a negative count");
		}
	}
}

/* ----------------------------------------------------------------
 * Wire form
 * ----------------------------------------------------------------
 */

static void
expect_wire_error(const unsigned char *buf, size_t len, const char *what)
{
	CxSummary	s;
	CxError		err = {0};

	CHECK(!wire_exact(buf, len, &s, &err) && err.status == CX_ERR_BINARY,
		  "wire: reject %s (%s)", what, err.detail);
}

static void
test_wire(void)
{
	CxSummary	s,
				d;
	CxError		err;
	unsigned char buf[CX_SUMMARY_WIRE_MAX];
	size_t		len;
	int			bad = 0;

	cx_summary_init(&s);
	s.count[CX_NSLOTS - 1] = 258;	/* ces:7/7 */
	len = cx_summary_encode_wire(&s, buf);
	{
		unsigned char want[3 + 7 * 8] = {1, 0, 0x80};

		want[3 + 6 * 8 + 6] = 0x01;
		want[3 + 6 * 8 + 7] = 0x02;
		CHECK(len == sizeof(want) && memcmp(buf, want, len) == 0,
			  "wire bytes of 258 x ces:7/7 as written by hand (big-endian int8)");
	}
	for (int i = 0; i < 3000; i++)
	{
		random_summary(&s, i % 2 == 1);
		len = cx_summary_encode_wire(&s, buf);
		if (len != cx_summary_wire_size(&s) || !wire_exact(buf, len, &d, &err) ||
			!cx_summary_equal(&s, &d))
			bad++;
	}
	CHECK(bad == 0, "3000 random summaries round-trip through the wire form");

	cx_summary_init(&s);
	s.count[0] = 5;
	len = cx_summary_encode_wire(&s, buf);
	for (size_t cut = 0; cut < len; cut++)
		if (wire_exact(buf, cut, &d, &err))
			bad++;
	CHECK(bad == 0, "every truncation of a wire value is rejected");
	{
		unsigned char t[CX_SUMMARY_WIRE_MAX + 1];

		memcpy(t, buf, len);
		t[len] = 0;
		expect_wire_error(t, len + 1, "a trailing byte");
		memcpy(t, buf, len);
		t[0] = 2;
		expect_wire_error(t, len, "version 2");
		memcpy(t, buf, len);
		t[1] = 4;
		expect_wire_error(t, len, "an unknown flag");
		memcpy(t, buf, len);
		t[3] = 0x80;
		expect_wire_error(t, len, "a negative count");
		memcpy(t, buf, len);
		t[2] = 0x03;
		expect_wire_error(t, len, "a mask announcing more data than sent");
	}
	{
		/* zero buckets and an empty weighted value are accepted and normalized */
		unsigned char zero[3 + 11 * 8] = {1, 0, 0x01};
		unsigned char wempty[3] = {1, 1, 0};
		CxSummary	empty;

		cx_summary_init(&empty);
		CHECK(wire_exact(zero, sizeof(zero), &d, &err) && cx_summary_equal(&d, &empty),
			  "wire: an all-zero bucket is dropped");
		CHECK(wire_exact(wempty, sizeof(wempty), &d, &err) && cx_summary_equal(&d, &empty),
			  "wire: an empty weighted value becomes the empty summary");
	}
}

/* ----------------------------------------------------------------
 * Text form
 * ----------------------------------------------------------------
 */

static void
text_is(const CxSummary *s, const char *want)
{
	char		buf[CX_SUMMARY_TEXT_MAX];
	size_t		len = cx_summary_format(s, buf, sizeof(buf));

	CHECK(len == strlen(want) && strcmp(buf, want) == 0, "text %s (got %s)", want, buf);
}

static void
parses_as(const char *text, const char *want)
{
	CxSummary	s;
	CxError		err;

	if (!parse_exact(text, &s, &err))
	{
		CHECK(false, "parse %s: %s %s", text, err.message, err.detail);
		return;
	}
	text_is(&s, want);
}

static void
parse_fails(const char *text, CxStatus status)
{
	CxSummary	s;
	CxError		err = {0};
	bool		ok = parse_exact(text, &s, &err);

	CHECK(!ok && err.status == status, "reject %s with status %d (%s / %s)",
		  text, (int) status, err.message, err.detail);
}

static void
test_text(void)
{
	CxSummary	s,
				d;
	CxError		err;
	char		buf[CX_SUMMARY_TEXT_MAX];
	int			bad = 0;

	cx_summary_init(&s);
	text_is(&s, "{}");
	s.count[0] = 1;
	s.count[10] = 11;
	s.count[16] = 3;
	s.count[20] = 9223372036854775807LL - 15;
	text_is(&s, "{\"nps\":[1,0,0,0,0,0,0,0,0,0,11],\"csat/5\":[3,0,0,0,9223372036854775792]}");

	cx_summary_init(&s);
	cx_summary_add_weighted(&s, CX_NSLOTS - 1, 0.1, &err);
	cx_summary_add_weighted(&s, CX_NSLOTS - 1, 0.2, &err);
	cx_summary_add_weighted(&s, 38, 2, &err);
	text_is(&s, "{\"ces/5\":{\"counts\":[1,0,0,0,0],\"weights\":[2,0,0,0,0],\"squared_weights\":4},"
			"\"ces/7\":{\"counts\":[0,0,0,0,0,0,2],\"weights\":[0,0,0,0,0,0,0.30000000000000004],"
			"\"squared_weights\":0.05000000000000001}}");

	parses_as("{}", "{}");
	parses_as("  { }  ", "{}");
	parses_as("{\"nps\":[0,0,0,0,0,0,0,0,0,0,0]}", "{}");
	parses_as("{ \"csat/2\" : [ 1 , 2 ] , \"nps\" : [0,0,0,0,0,0,0,0,0,0,7]\n}",
			  "{\"nps\":[0,0,0,0,0,0,0,0,0,0,7],\"csat/2\":[1,2]}");
	parses_as("{\"csat/3\":[0,0,007]}", "{\"csat/3\":[0,0,7]}");
	parses_as("{\"ces/5\":[-0,1,0,0,0]}", "{\"ces/5\":[0,1,0,0,0]}");
	parses_as("{\"csat/2\":{\"counts\":[1,1],\"weights\":[0.5,1e0],\"squared_weights\":1.25E+0}}",
			  "{\"csat/2\":{\"counts\":[1,1],\"weights\":[0.5,1],\"squared_weights\":1.25}}");
	parses_as("{\"csat/2\":{\"counts\":[0,0],\"weights\":[0,0],\"squared_weights\":0}}", "{}");

	parse_fails("", CX_ERR_SYNTAX);
	parse_fails("nps", CX_ERR_SYNTAX);
	parse_fails("{", CX_ERR_SYNTAX);
	parse_fails("{}}", CX_ERR_SYNTAX);
	parse_fails("{} x", CX_ERR_SYNTAX);
	parse_fails("{\"nps\"}", CX_ERR_SYNTAX);
	parse_fails("{\"nps\":[1,2,3]}", CX_ERR_SYNTAX);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,0,0]}", CX_ERR_SYNTAX);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,]}", CX_ERR_SYNTAX);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,1.5]}", CX_ERR_SYNTAX);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,1e3]}", CX_ERR_SYNTAX);
	parse_fails("{\"csat\":[1,2,3,4,5]}", CX_ERR_SYNTAX);
	parse_fails("{\"NPS\":[0,0,0,0,0,0,0,0,0,0,1]}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":[1,1],\"csat/2\":[1,1]}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":[1,1],}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":[1,1] \"csat/3\":[1,1,1]}", CX_ERR_SYNTAX);
	parse_fails("{\"cs\\u0061t/2\":[1,1]}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2:[1,1]}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":[1,1],\"csat/3\":{\"counts\":[1,1,1],\"weights\":[1,1,1],\"squared_weights\":3}}",
				CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,1]}}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"weights\":[1,1],\"counts\":[1,1],\"squared_weights\":2}}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"counts\":[1,0],\"weights\":[1,1],\"squared_weights\":2}}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,.5],\"squared_weights\":2}}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,NaN],\"squared_weights\":2}}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,Infinity],\"squared_weights\":2}}", CX_ERR_SYNTAX);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,1],\"squared_weights\":2,}}", CX_ERR_SYNTAX);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,-1]}", CX_ERR_RANGE);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,9223372036854775808]}", CX_ERR_RANGE);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,0,99999999999999999999999999]}", CX_ERR_RANGE);
	parse_fails("{\"nps\":[0,0,0,0,0,0,0,0,0,1,9223372036854775807]}", CX_ERR_RANGE);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,-1],\"squared_weights\":2}}", CX_ERR_RANGE);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,1e999],\"squared_weights\":2}}", CX_ERR_RANGE);
	parse_fails("{\"csat/2\":{\"counts\":[1,1],\"weights\":[1,1],\"squared_weights\":-0}}", CX_ERR_RANGE);
	{
		/* an embedded NUL is just a bad character */
		static const char nul[] = "{\"csat/2\":[1,\0001]}";
		char	   *copy = exact_copy(nul, sizeof(nul) - 1);
		CxError		e = {0};

		CHECK(!cx_summary_parse(copy, sizeof(nul) - 1, &s, &e) && e.status == CX_ERR_SYNTAX,
			  "reject an embedded NUL");
		free(copy);
	}

	/* random round trips through text, weighted ones too */
	for (int i = 0; i < 3000; i++)
	{
		size_t		len;

		random_summary(&s, i % 2 == 1);
		len = cx_summary_format(&s, buf, sizeof(buf));
		if (len >= sizeof(buf) || !parse_exact(buf, &d, &err) || !cx_summary_equal(&s, &d))
			bad++;
	}
	CHECK(bad == 0, "3000 random summaries round-trip through text");

	/* doubles that need 17 digits, and the extremes */
	{
		const double hard[] = {0.1 + 0.2, 1.0 / 3.0, DBL_MAX, DBL_MIN, 4.9e-324,
		123456789.123456789, 1e22, 5e-310};

		for (size_t i = 0; i < sizeof(hard) / sizeof(hard[0]); i++)
		{
			cx_summary_init(&s);
			s.flags = CX_SUMMARY_WEIGHTED;
			s.count[12] = 1;
			s.wsum[12] = hard[i];
			s.wsq[CX_BUCKET_CSAT2] = hard[i];
			cx_summary_format(&s, buf, sizeof(buf));
			CHECK(parse_exact(buf, &d, &err) && cx_summary_equal(&s, &d),
				  "weight %.17g round-trips exactly through %s", hard[i], buf);
		}
	}

	/* the largest text fits in CX_SUMMARY_TEXT_MAX */
	cx_summary_init(&s);
	s.flags = CX_SUMMARY_WEIGHTED;
	for (int slot = 0; slot < CX_NSLOTS; slot++)
	{
		s.count[slot] = INT64_MAX / CX_NSLOTS;
		s.wsum[slot] = 1.2345678901234567e-300;
	}
	for (int b = 0; b < CX_NBUCKETS; b++)
		s.wsq[b] = 1.2345678901234567e-300;
	CHECK(cx_summary_format(&s, buf, sizeof(buf)) < 3000, "the longest text is under 3000 bytes");
	CHECK(parse_exact(buf, &d, &err) && cx_summary_equal(&s, &d), "and round-trips");
	{
		char		small[8];
		size_t		need = cx_summary_format(&s, small, sizeof(small));

		CHECK(need > sizeof(small) && small[sizeof(small) - 1] == '\0',
			  "a short buffer is NUL-terminated and the needed length returned");
	}
}

/* ----------------------------------------------------------------
 * Metrics: unweighted results equal the tally's bit for bit
 * ----------------------------------------------------------------
 */

static void
test_results(void)
{
	int			bad = 0;
	CxError		err;

	for (int round = 0; round < 500; round++)
	{
		CxSummary	s;
		CxTally		nps,
					csat,
					ces;
		int			ces_bucket = round % 2 ? CX_BUCKET_CES5 : CX_BUCKET_CES7;
		int			n = (int) (rng() % 300);
		double		a,
					b;
		bool		isnull;

		cx_summary_init(&s);
		cx_tally_init(&nps, CX_METRIC_NPS);
		cx_tally_init(&csat, CX_METRIC_CSAT);
		cx_tally_init(&ces, CX_METRIC_CES);
		for (int i = 0; i < n; i++)
		{
			int			bucket = (int) (rng() % 7);
			int			score;

			if (bucket >= CX_BUCKET_CES5)
				bucket = ces_bucket;
			score = cx_buckets[bucket].min_score + (int) (rng() % cx_buckets[bucket].npoints);
			cx_summary_add(&s, cx_slot_of(bucket, score), &err);
			cx_tally_add(cx_buckets[bucket].metric == CX_METRIC_NPS ? &nps :
						 cx_buckets[bucket].metric == CX_METRIC_CSAT ? &csat : &ces,
						 bucket, score, &err);
		}
		if (cx_summary_nps(&s, &a) != cx_tally_nps(&nps, &b) ||
			(cx_tally_total(&nps) > 0 && a != b))
			bad++;
		if (cx_summary_csat(&s, &a) != cx_tally_csat(&csat, &b) ||
			(cx_tally_total(&csat) > 0 && a != b))
			bad++;
		if (!cx_summary_ces(&s, &a, &isnull, &err) ||
			isnull != !cx_tally_ces(&ces, &b) || (!isnull && a != b))
			bad++;
		for (int c = 0; c < CX_NCATEGORIES; c++)
			if (cx_summary_category_count(&s, CX_METRIC_NPS, (CxCategory) c) != nps.count[c] ||
				cx_summary_category_count(&s, CX_METRIC_CSAT, (CxCategory) c) != csat.count[c] ||
				cx_summary_category_count(&s, CX_METRIC_CES, (CxCategory) c) != ces.count[c])
				bad++;
		if (cx_summary_metric_count(&s, CX_METRIC_CSAT) != cx_tally_total(&csat))
			bad++;
	}
	CHECK(bad == 0, "500 random summaries: NPS, CSAT, CES and categories equal the tally's exactly");

	/* hand-computed values */
	{
		CxSummary	s;
		double		v;
		bool		isnull;

		CHECK(parse_exact("{\"nps\":[1,0,0,0,0,0,0,2,0,3,4]}", &s, &err), "parse nps sample");
		/* promoters 7, passives 2, detractors 1, n 10: NPS 60 */
		CHECK(cx_summary_nps(&s, &v) && v == 60.0, "NPS of 7/2/1 is 60");
		CHECK(!cx_summary_csat(&s, &v), "CSAT of an NPS-only summary is NULL");
		CHECK(cx_summary_ces(&s, &v, &isnull, &err) && isnull, "CES of an NPS-only summary is NULL");
		CHECK(cx_summary_only_bucket(&s, CX_METRIC_NPS) == CX_BUCKET_NPS &&
			  cx_summary_only_bucket(&s, CX_METRIC_CES) == -1, "only_bucket");

		CHECK(parse_exact("{\"csat/2\":[1,3],\"csat/10\":[0,0,0,0,0,0,0,1,1,0]}", &s, &err),
			  "parse mixed CSAT scales");
		/* satisfied: 3 at csat/2 point 2, 1 each at csat/10 points 8 and 9 */
		CHECK(cx_summary_csat(&s, &v) && v == 100.0 * 5.0 / 6.0,
			  "CSAT pools scales: 5 satisfied of 6");
		CHECK(cx_summary_only_bucket(&s, CX_METRIC_CSAT) == -2, "two CSAT scales");

		CHECK(parse_exact("{\"ces/5\":[1,0,0,0,0],\"ces/7\":[0,0,0,0,0,0,1]}", &s, &err),
			  "parse mixed CES scales");
		CHECK(!cx_summary_ces(&s, &v, &isnull, &err) && err.status == CX_ERR_MIXED_SCALE,
			  "CES over two scales is CX_ERR_MIXED_SCALE");

		CHECK(parse_exact("{\"ces/7\":[2,0,0,0,0,0,1]}", &s, &err), "parse ces");
		CHECK(cx_summary_ces(&s, &v, &isnull, &err) && !isnull && v == 3.0, "CES mean (1+1+7)/3 = 3");

		/* weighted: promoters 3.0, passives 1.0, detractors 0.5 */
		CHECK(parse_exact("{\"nps\":{\"counts\":[1,0,0,0,0,0,0,1,0,2,0],"
						  "\"weights\":[0.5,0,0,0,0,0,0,1,0,3,0],\"squared_weights\":5.5}}",
						  &s, &err), "parse weighted nps");
		CHECK(cx_summary_nps(&s, &v) && v == 100.0 * 2.5 / 4.5, "weighted NPS 100 * (3 - 0.5) / 4.5");
		CHECK(cx_summary_metric_weight(&s, CX_METRIC_NPS) == 4.5, "total weight 4.5");
		CHECK(cx_summary_metric_count(&s, CX_METRIC_NPS) == 4, "4 responses");
		CHECK(cx_summary_weight_sq(&s, CX_BUCKET_NPS) == 5.5, "squared weights kept");

		CHECK(parse_exact("{\"ces/5\":{\"counts\":[1,0,0,0,1],\"weights\":[3,0,0,0,1],"
						  "\"squared_weights\":10}}", &s, &err), "parse weighted ces");
		CHECK(cx_summary_ces(&s, &v, &isnull, &err) && !isnull && v == 2.0,
			  "weighted CES (3*1 + 1*5) / 4 = 2");

		CHECK(parse_exact("{\"nps\":{\"counts\":[1,0,0,0,0,0,0,0,0,0,0],"
						  "\"weights\":[0,0,0,0,0,0,0,0,0,0,0],\"squared_weights\":0}}",
						  &s, &err), "parse zero-weight nps");
		CHECK(!cx_summary_nps(&s, &v), "weighted NPS with total weight 0 is NULL");
		CHECK(cx_summary_metric_count(&s, CX_METRIC_NPS) == 1, "zero-weight response still counted");
	}
	{
		CxSummary	s;
		double		v;
		bool		isnull;

		cx_summary_init(&s);
		s.count[CX_NSLOTS - 1] = INT64_MAX / 2;
		CHECK(!cx_summary_ces(&s, &v, &isnull, &err) && err.status == CX_ERR_OVERFLOW,
			  "CES score sum beyond int64 is CX_ERR_OVERFLOW, like ces_agg");
	}
}

/* ----------------------------------------------------------------
 * Mutated inputs: no decoder may crash, and whatever decodes is valid
 * and stable under a round trip.
 * ----------------------------------------------------------------
 */

static void
test_mutations(void)
{
	int			accepted = 0,
				bad = 0;

	for (int i = 0; i < 20000; i++)
	{
		CxSummary	s,
					d,
					e;
		CxError		err;
		unsigned char buf[CX_SUMMARY_COMPACT_MAX + 8];
		char		text[CX_SUMMARY_TEXT_MAX + 8];
		size_t		len;
		int			form = i % 3;

		random_summary(&s, i % 2 == 0);
		if (form == 0)
			len = cx_summary_encode_compact(&s, buf);
		else if (form == 1)
			len = cx_summary_encode_wire(&s, buf);
		else
			len = cx_summary_format(&s, text, sizeof(text));
		for (int k = (int) (rng() % 4); k >= 0; k--)
		{
			unsigned char *p = form == 2 ? (unsigned char *) text : buf;

			if (len == 0)
				break;
			switch (rng() % 3)
			{
				case 0:
					p[rng() % len] ^= (unsigned char) (1u << (rng() % 8));
					break;
				case 1:
					p[rng() % len] = (unsigned char) rng();
					break;
				case 2:
					len -= rng() % (len < 4 ? len : 4);
					break;
			}
		}
		if (form == 0 ? decode_exact(buf, len, &d, &err) :
			form == 1 ? wire_exact(buf, len, &d, &err) :
			parse_buf(text, len, &d, &err))
		{
			unsigned char again[CX_SUMMARY_COMPACT_MAX];
			size_t		n;

			accepted++;
			n = cx_summary_encode_compact(&d, again);
			if (cx_summary_problem(&d) != NULL || !decode_exact(again, n, &e, &err) ||
				!cx_summary_equal(&d, &e))
				bad++;
		}
	}
	CHECK(bad == 0, "20000 mutated inputs: no crash, accepted ones (%d) are valid and round-trip",
		  accepted);
}

int
main(void)
{
	test_tables();
	test_add_merge();
	test_weights();
	test_compact();
	test_add_compact();
	test_wire();
	test_text();
	test_results();
	test_mutations();
	return unit_summary();
}
