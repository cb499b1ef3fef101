/*-------------------------------------------------------------------------
 *
 * compat.h
 *		Every difference between the PostgreSQL majors cxsat supports
 *		(14 to 19), in one place.  Each entry names the major that
 *		changed and what the older ones get instead.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_COMPAT_H
#define CX_COMPAT_H

#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/tuplestore.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
/* 19's postgres.h no longer includes varatt.h (VARDATA_ANY, SET_VARSIZE) */
#include "varatt.h"
#endif

/*
 * 18 replaced the attribute-style pg_attribute_noreturn(), written after a
 * declaration, with the C11-style specifier pg_noreturn, written before it;
 * 14 to 17 have only the former.  CX_NORETURN goes in front of the
 * declaration, where both spellings are accepted by the compilers PGXS uses.
 */
#ifdef pg_noreturn
#define CX_NORETURN pg_noreturn
#else
#define CX_NORETURN __attribute__((noreturn))
#endif

/*
 * 15 added InitMaterializedSRF() (first as SetSingleFuncCall()); 14 gets a
 * small equivalent: a tuplestore in per-query memory with the function's
 * declared result row type.
 */
#if PG_VERSION_NUM < 150000
#include "miscadmin.h"

static inline void
InitMaterializedSRF(FunctionCallInfo fcinfo, bits32 flags)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext oldcontext;
	TupleDesc	tupdesc;

	(void) flags;
	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	oldcontext = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
											  false, work_mem);
	rsinfo->setDesc = CreateTupleDescCopy(tupdesc);
	MemoryContextSwitchTo(oldcontext);
}
#endif

/*
 * 16 added soft input errors: a type input function called with an
 * ErrorSaveContext in fcinfo->context (pg_input_is_valid(), COPY ... ON_ERROR
 * on 17) reports a bad value there and returns, instead of raising.
 * CX_SOFT_CONTEXT(fcinfo) is that context on 16 and later and NULL before,
 * where every input error is raised as it always was.
 */
#if PG_VERSION_NUM >= 160000
#define CX_SOFT_CONTEXT(fcinfo)	((fcinfo)->context)
#define CX_HAVE_SOFT_ERRORS 1
#else
#define CX_SOFT_CONTEXT(fcinfo)	((Node *) NULL)
#define CX_HAVE_SOFT_ERRORS 0
#endif

#endif							/* CX_COMPAT_H */
