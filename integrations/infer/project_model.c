/* project_model.c - database and models in, model file out (see
 * project_model.h). */
#include "project_model.h"

#include "common/fileio.h"
#include "common/tl_error.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tl_project_model_req_init(struct tl_project_model_req *r)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	memset(r, 0, sizeof(*r));
	sb_init(&r->models);
	r->opts.jobs = ncpu > 0 ? (int)ncpu : 1;
}

void tl_project_model_req_release(struct tl_project_model_req *r)
{
	sb_release(&r->models);
}

void tl_project_model_add_model(struct tl_project_model_req *r, const char *path)
{
	if (r->models.len)
		sb_addc(&r->models, ':');
	sb_adds(&r->models, path);
}

static int load_base(const struct tl_project_model_req *r, tl_model_set **out, char **err)
{
	char *msg = NULL;
	tl_model_set *set = tl_models_new();
	if (!set)
		return tl_error(err, TL_E_NOMEM, "out of memory");
	if (tl_models_load_builtin(set, &msg) ||
	    (r->models.len && tl_models_load_list(set, r->models.buf, &msg))) {
		tl_models_free(set);
		int rc = tl_error(err, TL_E_INPUT, "%s", msg ? msg : "cannot load the models");
		free(msg);
		return rc;
	}
	*out = set;
	return TL_OK;
}

int tl_project_model(const struct tl_project_model_req *r, char **json,
		     struct tl_infer_stats *st, char **err)
{
	struct tl_compdb own = { 0 };
	const struct tl_compdb *db = r->db;
	struct tl_infer_opts o = r->opts;
	tl_model_set *base = NULL;
	char real[PATH_MAX], *root = NULL;
	int rc;

	*json = NULL;
	memset(st, 0, sizeof(*st));
	if (!db && (rc = tl_compdb_load(r->compdb, &own, err)))
		return rc;
	if (!db)
		db = &own;
	if (!o.root && getcwd(real, sizeof(real)))
		o.root = root = strdup(real);
	if (!(rc = load_base(r, &base, err)))
		rc = tl_infer(db, base, &o, json, st, err);
	tl_models_free(base);
	free(root);
	tl_compdb_free(&own);
	return rc;
}

int tl_project_model_save(const char *path, const char *text, char **err)
{
	return tl_write_file_atomic(path, text, strlen(text), err);
}
