/*
 * Fuzz the binary wire form of feedback (cx_feedback_decode, the receive
 * function of the SQL type).
 *
 * The wire form is three bytes: metric code, scale, score.  Independent of
 * the decoder, a buffer is acceptable exactly when it is three bytes long,
 * the metric code is 1..3, the scale is one the metric allows and the score
 * lies on it.  An accepted buffer encodes back to the same bytes and its
 * text form parses to the same value.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <stdint.h>

static bool
ref_acceptable(const uint8_t *d, size_t n)
{
	int			metric,
				scale,
				score;

	if (n != 3)
		return false;
	metric = d[0];
	scale = d[1];
	score = d[2];
	switch (metric)
	{
		case 1:
			return scale == 10 && score <= 10;
		case 2:
			return (scale == 2 || scale == 3 || scale == 5 || scale == 7 ||
					scale == 10) && score >= 1 && score <= scale;
		case 3:
			return (scale == 5 || scale == 7) && score >= 1 && score <= scale;
		default:
			return false;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CxFeedback	fb = 0;
	CxError		err;
	bool		ok;

	fuzz_poison_error(&err);
	ok = cx_feedback_decode(data, size, &fb, &err);
	FUZZ_ASSERT(ok == ref_acceptable(data, size), "decoder agrees with the wire format");
	if (!ok)
	{
		fuzz_check_error(&err);
		if (size != 3 || data[0] < 1 || data[0] > 3)
			FUZZ_ASSERT(err.status == CX_ERR_BINARY,
						"bad length or metric code is a binary-format error");
		else
			FUZZ_ASSERT(err.status == CX_ERR_RANGE,
						"bad scale or score is a range error");
		return 0;
	}

	FUZZ_ASSERT(cx_feedback_valid(fb), "decoded value is valid");
	{
		unsigned char wire[CX_FEEDBACK_WIRE_LEN];

		cx_feedback_encode(fb, wire);
		FUZZ_ASSERT(memcmp(wire, data, 3) == 0, "encode gives back the bytes decoded");
	}
	{
		char		text[CX_FEEDBACK_TEXT_MAX];
		CxFeedback	back = 0;
		int			len = cx_feedback_format(fb, text);

		FUZZ_ASSERT(cx_feedback_parse(text, (size_t) len, &back, &err) && back == fb,
					"decoded value survives its text form");
	}
	return 0;
}
