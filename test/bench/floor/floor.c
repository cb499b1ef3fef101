/*-------------------------------------------------------------------------
 *
 * floor.c
 *		The benchmark's floor: the cheapest C aggregate a pass-by-reference
 *		state allows, to tell PostgreSQL's share of a cxsat aggregate's cost
 *		from cxsat's own.
 *
 * bench_floor_count() is a transition function that does the least work
 * an aggregate can do: it makes the aggregate-context test that every
 * cxsat transition function makes (inline, as theirs is), adds one to the
 * first 64-bit word of its state, and returns the state.  The benchmark
 * declares it over cxsat's 32-byte feedback_tally state, whose first word
 * is the count of positive answers, so an aggregate built on it costs what
 * PostgreSQL charges any aggregate with such a state (the call through
 * fmgr, the pass-by-reference bookkeeping after it, what JIT compiles for
 * both) plus one read and one write of the state, which in a hash
 * aggregate lives outside the hash entry.  Whatever nps_agg costs above
 * this floor is the rest of cxsat's per-row work.
 *
 * This module is not part of the extension.  test/bench/run.sh builds it
 * with PGXS and loads it by absolute path from the benchmark server's
 * private directory; nothing is installed.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "nodes/execnodes.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(bench_floor_count);

Datum
bench_floor_count(PG_FUNCTION_ARGS)
{
	int64	   *first_count = (int64 *) PG_GETARG_POINTER(0);

	if (unlikely(fcinfo->context == NULL ||
				 !(IsA(fcinfo->context, AggState) ||
				   IsA(fcinfo->context, WindowAggState))))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("bench_floor_count can only be called as an aggregate transition function")));
	/* no overflow test: the benchmark adds at most a few million rows */
	(*first_count)++;
	PG_RETURN_POINTER(first_count);
}
