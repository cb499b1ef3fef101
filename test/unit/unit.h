/*
 * A minimal test harness for the pure C core: every CHECK prints one line,
 * "ok N - what" or "not ok N - what (file:line)", in TAP style; main()
 * returns unit_summary() so a failure makes the program exit non-zero.
 */
#ifndef CX_UNIT_H
#define CX_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int	unit_run;
static int	unit_failed;

#define CHECK(cond, ...) \
	do { \
		int			ok_ = (cond) ? 1 : 0;	/* evaluate once: cond may have effects */ \
		unit_run++; \
		if (ok_) \
			printf("ok %d - ", unit_run); \
		else \
		{ \
			unit_failed++; \
			printf("not ok %d - ", unit_run); \
		} \
		printf(__VA_ARGS__); \
		if (!ok_) \
			printf(" (%s:%d: %s)", __FILE__, __LINE__, #cond); \
		printf("\n"); \
	} while (0)

/* Doubles agree to a relative (or, near zero, absolute) tolerance. */
#define CHECK_CLOSE(got, want, tol, ...) \
	do { \
		double g_ = (got), w_ = (want); \
		double d_ = fabs(g_ - w_), s_ = fabs(w_) > 1.0 ? fabs(w_) : 1.0; \
		CHECK(d_ <= (tol) * s_, __VA_ARGS__); \
		if (!(d_ <= (tol) * s_)) \
			printf("#   got %.17g, want %.17g\n", g_, w_); \
	} while (0)

static inline int
unit_summary(void)
{
	printf("1..%d\n", unit_run);
	return unit_failed == 0 ? 0 : 1;
}

#endif
