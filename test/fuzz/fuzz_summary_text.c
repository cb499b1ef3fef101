/*
 * Fuzz the text (JSON) form of feedback_summary (cx_summary_parse, the
 * input function of the SQL type).  Rejections must be syntax or range
 * errors; an accepted summary must satisfy summary_check_accepted: valid,
 * the same after every round trip, exact under merge, results in range.
 */
#include "summary_props.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CxSummary	s;
	CxError		err;

	memset(&s, 0x55, sizeof(s));
	fuzz_poison_error(&err);
	if (!cx_summary_parse((const char *) data, size, &s, &err))
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(err.status == CX_ERR_SYNTAX || err.status == CX_ERR_RANGE,
					"bad summary text is a syntax or range error");
		return 0;
	}
	summary_check_accepted(&s);
	return 0;
}
