/* ingest.c - reads report files into one run, file by file, so memory
 * stays bounded by the largest file rather than the whole run. */
#include "ingest.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdlib.h>

int tl_ingest(struct tl_store *s, struct tl_import_ctx *ctx, const struct tl_input_list *in,
	      const struct tl_run_info *info, struct tl_run_summary *sum, char **err)
{
	struct tl_run_tx *tx;
	struct tl_run_info ri = *info;
	struct tl_report_set set;
	int rc;
	char *tool = NULL;

	tl_report_set_init(&set);
	if ((rc = tl_run_begin(s, &ri, &tx, err)))
		return rc;
	for (size_t i = 0; i < in->n; i++) {
		if ((rc = tl_input_read(ctx, &in->v[i], &set, err)) ||
		    (rc = tl_run_add(tx, &set, err)))
			break;
		if (!tool && set.tool)
			tool = xstrdup(set.tool);
		tl_report_set_clear(&set);
	}
	tl_report_set_clear(&set);
	if (rc) {
		tl_run_abort(tx);
		free(tool);
		return rc;
	}
	rc = tl_run_set_tool(tx, tool, err);
	free(tool);
	if (rc) {
		tl_run_abort(tx);
		return rc;
	}
	return tl_run_commit(tx, sum, err);
}
