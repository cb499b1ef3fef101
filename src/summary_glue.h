/*-------------------------------------------------------------------------
 *
 * summary_glue.h
 *		feedback_summary for the other fmgr files (statistics): turn a
 *		Datum of the type into the expanded CxSummary.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_SUMMARY_GLUE_H
#define CX_SUMMARY_GLUE_H

#include "postgres.h"

#include "cx_summary.h"

/*
 * Detoast and decode a feedback_summary Datum (either physical layout) into
 * *out.  Raises an error for a corrupt value.
 */
extern void cx_summary_from_datum(Datum d, CxSummary *out);

#endif							/* CX_SUMMARY_GLUE_H */
