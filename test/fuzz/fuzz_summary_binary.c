/*
 * Fuzz the binary wire form of feedback_summary (cx_summary_decode_wire,
 * the receive function used by COPY ... (FORMAT binary) and binary
 * protocol clients).  Rejections must be CX_ERR_BINARY; an accepted summary
 * must satisfy summary_check_accepted, and its re-encoding is a fixed
 * point (the input itself may differ: a bucket of the mask may hold zero
 * responses on input).
 */
#include "summary_props.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char wire[CX_SUMMARY_WIRE_MAX];
	CxSummary	s;
	CxError		err;
	size_t		n;

	memset(&s, 0x55, sizeof(s));
	fuzz_poison_error(&err);
	if (!cx_summary_decode_wire((const char *) data, size, &s, &err))
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_BINARY, "bad wire bytes are a binary-format error");
		return 0;
	}
	FUZZ_ASSERT(size <= CX_SUMMARY_WIRE_MAX, "accepted input is no longer than the largest encoding");
	summary_check_accepted(&s);
	n = cx_summary_encode_wire(&s, wire);
	FUZZ_ASSERT(n <= size, "re-encoding is never longer than the input");
	return 0;
}
