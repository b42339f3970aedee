/*
 * model_set.h - the model set's layout, shared by the loader's files
 * (model.c: function rows; model_project.c: owners and entries).  Not
 * part of the API: use model.h and model_project.h.
 */
#ifndef TASKLEAK_MODEL_SET_H
#define TASKLEAK_MODEL_SET_H

#include "model_project.h"
#include "name_index.h"

#include <cjson/cJSON.h>

struct tl_model_set {
	tl_fn_model *fns;
	size_t n, cap;
	struct tl_name_index by_name; /* fns by name: tl_models_lookup */
	tl_owner_row *owners;
	size_t nowners;
	tl_entry_row *entries;
	size_t nentries;
};

/* Reads the root's "owners" and "entries" (both optional) into `set`;
 * on error nothing is added and *err says "ORIGIN:LINE: owners[i].key: what". */
int tl_models_load_project(tl_model_set *set, const cJSON *root, const char *origin,
			   const char *text, size_t len, char **err);
void tl_models_free_project(tl_model_set *set);

#endif
