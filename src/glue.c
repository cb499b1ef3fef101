/*-------------------------------------------------------------------------
 *
 * glue.c
 *		Module magic and the helpers of glue.h.
 *
 *-------------------------------------------------------------------------
 */
#include "glue.h"

#include "utils/builtins.h"

PG_MODULE_MAGIC;

static int
cx_sqlstate(const CxError *err)
{
	int			sqlstate;

	switch (err->status)
	{
		case CX_ERR_SYNTAX:
			sqlstate = ERRCODE_INVALID_TEXT_REPRESENTATION;
			break;
		case CX_ERR_RANGE:
		case CX_ERR_OVERFLOW:
			sqlstate = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
			break;
		case CX_ERR_BINARY:
			sqlstate = ERRCODE_INVALID_BINARY_REPRESENTATION;
			break;
		case CX_ERR_MIXED_SCALE:
		case CX_ERR_PARAMETER:
			sqlstate = ERRCODE_INVALID_PARAMETER_VALUE;
			break;
		default:
			sqlstate = ERRCODE_INTERNAL_ERROR;
			break;
	}
	return sqlstate;
}

void
cx_raise(const CxError *err)
{
	ereport(ERROR,
			(errcode(cx_sqlstate(err)),
			 errmsg_internal("%s", err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
	pg_unreachable();
}

void
cx_input_error(const CxError *err, Node *escontext)
{
#if CX_HAVE_SOFT_ERRORS
	errsave(escontext,
			(errcode(cx_sqlstate(err)),
			 errmsg_internal("%s", err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
#else
	(void) escontext;
	cx_raise(err);
#endif
}

CxMetric
cx_metric_from_text(text *name)
{
	CxMetric	metric = cx_metric_from_name(VARDATA_ANY(name),
											 VARSIZE_ANY_EXHDR(name));

	if (metric == CX_METRIC_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown feedback metric \"%s\"", text_to_cstring(name)),
				 errhint("Metrics are nps, csat and ces.")));
	return metric;
}
