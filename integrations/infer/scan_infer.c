/* scan_infer.c - the inference inside `taskleak scan` (see scan_infer.h). */
#include "scan_infer.h"

#include "common/strbuf.h"
#include "common/tl_error.h"
#include "project_model.h"

#include <stdlib.h>
#include <sys/stat.h>

int tl_scan_infer(const struct tl_scan_infer_req *r, char **model_path,
		  struct tl_infer_stats *st, char **err)
{
	struct tl_project_model_req req;
	struct strbuf cache, out;
	char *json = NULL;
	int rc;

	*model_path = NULL;
	mkdir(r->state_dir, 0777); /* the store creates it too, later */
	sb_init(&cache);
	sb_init(&out);
	sb_addf(&cache, "%s/infer", r->state_dir);
	sb_addf(&out, "%s/project-model.json", r->state_dir);
	tl_project_model_req_init(&req);
	req.db = r->db;
	if (r->user_models && *r->user_models)
		tl_project_model_add_model(&req, r->user_models);
	req.opts.root = r->root;
	req.opts.cache_dir = cache.buf;
	req.opts.jobs = r->jobs;
	req.opts.skipped = r->skipped;
	req.opts.bad_annotation = r->skipped;
	req.opts.arg = r->arg;
	rc = tl_project_model(&req, &json, st, err);
	if (!rc && (st->rows || st->owners || st->entries || st->keeps) && !(rc = tl_project_model_save(out.buf, json, err)))
		*model_path = sb_detach(&out);
	free(json);
	tl_project_model_req_release(&req);
	sb_release(&cache);
	sb_release(&out);
	return rc;
}
