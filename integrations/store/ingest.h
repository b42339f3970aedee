/*
 * ingest.h - one run from report files: read each input and add its
 * reports inside one run transaction (a failure anywhere rolls it all
 * back). Shared by `scan` and `import`.
 */
#ifndef TL_INGEST_H
#define TL_INGEST_H

#include "store.h"
#include "../import/import.h"

int tl_ingest(struct tl_store *s, struct tl_import_ctx *ctx, const struct tl_input_list *in,
	      const struct tl_run_info *info, struct tl_run_summary *sum, char **err);

#endif
