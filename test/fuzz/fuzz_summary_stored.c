/*
 * Fuzz the stored forms of feedback_summary (cx_summary_decode: compact
 * on-disk bytes, and the raw and single-scale raw aggregate states).  A
 * damaged page or a hand-made datum reaches this decoder, so it must reject
 * anything it did not write with CX_ERR_BINARY.  Accepted bytes re-encode
 * to exactly the same bytes, except a weighted aggregate state with no
 * response, which reads as the empty summary.
 *
 * The rollup's fast path (cx_summary_add_compact) reads the same bytes and
 * must agree with the decoder: it handles exactly the unweighted compact
 * values, accepts what the decoder accepts and adds the decoded counts,
 * and rejects the rest with the decoder's error, leaving its state alone.
 */
#include "summary_props.h"

/* Run the fast path on data into a state with one count, and compare. */
static void
check_fast_path(const uint8_t *data, size_t size, bool decoded,
				const CxSummary *s, const CxError *decode_err)
{
	int64_t		counts[CX_NSLOTS] = {0};
	bool		handled = size >= 3 && data[0] == CX_SUMMARY_FORMAT_COMPACT &&
		data[1] == 0;
	CxError		err;
	CxAddResult r;

	counts[CX_NSLOTS - 1] = 1;
	fuzz_poison_error(&err);
	r = cx_summary_add_compact(counts, (const char *) data, size, &err);
	if (!handled)
	{
		FUZZ_ASSERT(r == CX_ADD_NOT_HANDLED, "fast path leaves other layouts to the decoder");
		FUZZ_ASSERT(counts[CX_NSLOTS - 1] == 1, "fast path touches nothing it leaves");
		return;
	}
	if (!decoded)
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(r == CX_ADD_FAILED && err.status == CX_ERR_BINARY &&
					strcmp(err.detail, decode_err->detail) == 0,
					"fast path rejects what the decoder rejects, for the same reason");
		for (int slot = 0; slot < CX_NSLOTS; slot++)
			FUZZ_ASSERT(counts[slot] == (slot == CX_NSLOTS - 1),
						"a rejected value leaves the state alone");
		return;
	}
	if (cx_summary_total(s) == INT64_MAX)
	{
		FUZZ_ASSERT(r == CX_ADD_FAILED && err.status == CX_ERR_OVERFLOW,
					"a total of INT64_MAX plus the state's 1 overflows");
		return;
	}
	FUZZ_ASSERT(r == CX_ADD_DONE, "fast path accepts what the decoder accepts");
	for (int slot = 0; slot < CX_NSLOTS; slot++)
		FUZZ_ASSERT(counts[slot] == s->count[slot] + (slot == CX_NSLOTS - 1),
					"fast path adds exactly the decoded counts");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char again[CX_SUMMARY_RAW_LEN(1) + CX_SUMMARY_COMPACT_MAX];
	CxSummary	s;
	CxError		err;

	memset(&s, 0x55, sizeof(s));
	fuzz_poison_error(&err);
	if (!cx_summary_decode((const char *) data, size, &s, &err))
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_BINARY, "corrupt stored bytes are a binary-format error");
		check_fast_path(data, size, false, &s, &err);
		return 0;
	}
	summary_check_accepted(&s);
	check_fast_path(data, size, true, &s, &err);
	FUZZ_ASSERT(size >= 1, "empty input is never accepted");
	if (data[0] == CX_SUMMARY_FORMAT_COMPACT)
	{
		size_t		n = cx_summary_encode_compact(&s, again);

		FUZZ_ASSERT(n == size && memcmp(again, data, n) == 0,
					"compact form is canonical");
	}
	else if (data[0] == CX_SUMMARY_FORMAT_RAW_ONE)
	{
		int			bucket = data[2];
		int32_t		counts[CX_NSLOTS];

		FUZZ_ASSERT(bucket < CX_NBUCKETS && size == (size_t) CX_SUMMARY_RAW_ONE_LEN(bucket),
					"single-scale raw form has its exact length");
		FUZZ_ASSERT(!(s.flags & CX_SUMMARY_WEIGHTED), "single-scale raw form is unweighted");
		FUZZ_ASSERT(cx_summary_total(&s) == cx_summary_bucket_count(&s, bucket),
					"single-scale raw form holds one scale only");
		for (int i = 0; i < cx_buckets[bucket].npoints; i++)
		{
			int64_t		c = s.count[cx_buckets[bucket].first_slot + i];

			FUZZ_ASSERT(c >= 0 && c <= INT32_MAX, "single-scale counts fit 32 bits");
			counts[i] = (int32_t) c;
		}
		cx_summary_encode_raw_one(bucket, counts, again);
		FUZZ_ASSERT(memcmp(again, data, size) == 0, "single-scale raw form is exactly what was read");
	}
	else
	{
		FUZZ_ASSERT(data[0] == CX_SUMMARY_FORMAT_RAW, "only the three known formats are accepted");
		if (size == CX_SUMMARY_RAW_LEN(1) && !(s.flags & CX_SUMMARY_WEIGHTED))
		{
			/* an aggregate state may be weighted and empty; it reads as {} */
			FUZZ_ASSERT(cx_summary_total(&s) == 0, "only an empty weighted state loses its flag");
			return 0;
		}
		FUZZ_ASSERT(size == CX_SUMMARY_RAW_LEN(s.flags & CX_SUMMARY_WEIGHTED),
					"raw form has its exact length");
		cx_summary_encode_raw(&s, again);
		FUZZ_ASSERT(memcmp(again, data, size) == 0, "raw form is exactly what was read");
	}
	return 0;
}
