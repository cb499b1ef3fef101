/*
 * Shared by the libFuzzer harnesses of the pure C core.
 *
 * A harness feeds the fuzzer's bytes to one parser or decoder and then
 * checks properties that must hold whatever the input: a rejected input
 * leaves a well-formed error record, an accepted one is a valid value, and
 * printing or encoding it and reading it back gives the same value.  A
 * violated property aborts, which libFuzzer reports as a crash and saves
 * the input that caused it.
 */
#ifndef CX_FUZZ_H
#define CX_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_core.h"

#define FUZZ_ASSERT(cond, what) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "property violated: %s (%s:%d: %s)\n", \
					(what), __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/*
 * A failed call must say why: a known status, NUL-terminated texts inside
 * their buffers, and a message that is not empty.  The glue hands these to
 * ereport() as they are.
 */
static inline void
fuzz_check_error(const CxError *err)
{
	FUZZ_ASSERT(err->status > CX_OK && err->status <= CX_ERR_OVERFLOW,
				"error status is a known failure");
	FUZZ_ASSERT(memchr(err->message, '\0', sizeof(err->message)) != NULL &&
				memchr(err->detail, '\0', sizeof(err->detail)) != NULL &&
				memchr(err->hint, '\0', sizeof(err->hint)) != NULL,
				"error texts are terminated");
	FUZZ_ASSERT(err->message[0] != '\0', "error message is not empty");
}

/*
 * Poison an error record so that a field the code under test forgets to
 * set is not mistaken for one it set.
 */
static inline void
fuzz_poison_error(CxError *err)
{
	memset(err, 0x7F, sizeof(*err));
	err->status = CX_OK;
}

#endif
