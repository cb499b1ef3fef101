/*
 * Fuzz the text form of feedback (cx_feedback_parse, the input function of
 * the SQL type).
 *
 * Besides surviving every input under ASan and UBSan, the parser must agree
 * with an independent reading of the documented grammar, written here from
 * the README rather than from cx_core.c:
 *
 *	 value  := ws* metric ws* ':' ws* answer ws*
 *	 answer := integer ws* ['/' ws* integer] | "good" | "bad" (CSAT only)
 *	 metric := nps | csat | ces, any case; integer := [+-] digits
 *
 * A value is accepted exactly when it matches and its scale and score are
 * allowed; "good" and "bad" are 2 and 1 on the 2-point CSAT scale.
 * Accepted values print canonically and read back unchanged, and their
 * 3-byte wire form decodes to the same value.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <stdint.h>

static bool
ref_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned char
ref_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c - 'A' + 'a') : c;
}

/* Case-insensitive match of word at *pos; advances on success. */
static bool
ref_word(const unsigned char *s, size_t n, size_t *pos, const char *word)
{
	size_t		w = strlen(word);

	if (n - *pos < w)
		return false;
	for (size_t i = 0; i < w; i++)
		if (ref_lower(s[*pos + i]) != (unsigned char) word[i])
			return false;
	*pos += w;
	return true;
}

/*
 * An integer: sign and digits.  Its value saturates far above any allowed
 * score, which is all the comparison below needs.
 */
static bool
ref_integer(const unsigned char *s, size_t n, size_t *pos, long long *value)
{
	bool		neg = false;
	long long	v = 0;
	size_t		start;

	if (*pos < n && (s[*pos] == '+' || s[*pos] == '-'))
		neg = s[(*pos)++] == '-';
	start = *pos;
	while (*pos < n && s[*pos] >= '0' && s[*pos] <= '9')
	{
		if (v < 1000000)
			v = v * 10 + (s[*pos] - '0');
		(*pos)++;
	}
	*value = neg ? -v : v;
	return *pos > start;
}

static void
ref_skip(const unsigned char *s, size_t n, size_t *pos)
{
	while (*pos < n && ref_space(s[*pos]))
		(*pos)++;
}

/*
 * Returns 1 and the packed value when the grammar matches and the numbers
 * are allowed, 0 for a syntax error, 2 for a well-formed value whose numbers
 * are not allowed.
 */
static int
ref_parse(const unsigned char *s, size_t n, uint32_t *out)
{
	static const int allowed[4][11] = {
		{0},
		{[10] = 1},
		{[2] = 1,[3] = 1,[5] = 1,[7] = 1,[10] = 1},
		{[5] = 1,[7] = 1},
	};
	static const int default_scale[4] = {0, 10, 5, 7};
	size_t		pos = 0;
	int			metric;
	long long	score,
				scale;

	ref_skip(s, n, &pos);
	if (ref_word(s, n, &pos, "csat"))
		metric = 2;
	else if (ref_word(s, n, &pos, "ces"))
		metric = 3;
	else if (ref_word(s, n, &pos, "nps"))
		metric = 1;
	else
		return 0;
	/* the name is the whole run of letters */
	if (pos < n && ((s[pos] | 0x20) >= 'a' && (s[pos] | 0x20) <= 'z'))
		return 0;
	ref_skip(s, n, &pos);
	if (pos >= n || s[pos] != ':')
		return 0;
	pos++;
	ref_skip(s, n, &pos);
	if (metric == 2 && ref_word(s, n, &pos, "good"))
	{
		score = 2;
		scale = 2;
	}
	else if (metric == 2 && ref_word(s, n, &pos, "bad"))
	{
		score = 1;
		scale = 2;
	}
	else
	{
		if (!ref_integer(s, n, &pos, &score))
			return 0;
		ref_skip(s, n, &pos);
		scale = default_scale[metric];
		if (pos < n && s[pos] == '/')
		{
			pos++;
			ref_skip(s, n, &pos);
			if (!ref_integer(s, n, &pos, &scale))
				return 0;
		}
	}
	ref_skip(s, n, &pos);
	if (pos != n)
		return 0;
	if (scale < 0 || scale > 10 || !allowed[metric][scale])
		return 2;
	if (score < (metric == 1 ? 0 : 1) || score > scale)
		return 2;
	*out = ((uint32_t) metric << 16) | ((uint32_t) scale << 8) | (uint32_t) score;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CxFeedback	fb = 0;
	CxError		err;
	uint32_t	want = 0;
	int			ref;
	bool		ok;

	fuzz_poison_error(&err);
	ok = cx_feedback_parse((const char *) data, size, &fb, &err);
	ref = ref_parse(data, size, &want);

	if (!ok)
	{
		fuzz_check_error(&err);
		FUZZ_ASSERT(ref != 1, "parser rejects a value the grammar allows");
		if (ref == 0)
			FUZZ_ASSERT(err.status == CX_ERR_SYNTAX,
						"malformed text is a syntax error");
		else
			FUZZ_ASSERT(err.status == CX_ERR_RANGE,
						"a disallowed score or scale is a range error");
		return 0;
	}

	FUZZ_ASSERT(ref == 1, "parser accepts text the grammar rejects");
	FUZZ_ASSERT(fb == want, "parser and reference read different values");
	FUZZ_ASSERT(cx_feedback_valid(fb), "accepted value is valid");
	FUZZ_ASSERT(cx_feedback_bucket(fb) >= 0, "accepted value has a bucket");

	/* canonical text reads back as the same value and is a fixed point */
	{
		char		text[CX_FEEDBACK_TEXT_MAX];
		char		again[CX_FEEDBACK_TEXT_MAX];
		CxFeedback	back = 0;
		int			len = cx_feedback_format(fb, text);

		FUZZ_ASSERT(len > 0 && len < CX_FEEDBACK_TEXT_MAX, "text fits its buffer");
		FUZZ_ASSERT(cx_feedback_parse(text, (size_t) len, &back, &err) && back == fb,
					"text round trip");
		FUZZ_ASSERT(cx_feedback_format(back, again) == len && strcmp(text, again) == 0,
					"canonical text is stable");
	}

	/* wire form */
	{
		unsigned char wire[CX_FEEDBACK_WIRE_LEN];
		CxFeedback	back = 0;

		cx_feedback_encode(fb, wire);
		FUZZ_ASSERT(cx_feedback_decode(wire, sizeof(wire), &back, &err) && back == fb,
					"binary round trip");
	}

	/* the category table covers every accepted score */
	{
		int			bucket = cx_feedback_bucket(fb);
		CxCategory	c = cx_category(bucket, cx_feedback_score(fb));

		FUZZ_ASSERT(cx_category_name(cx_feedback_metric(fb), c) != NULL,
					"accepted value has a category name");
	}
	return 0;
}
