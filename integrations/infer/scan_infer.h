/*
 * scan_infer.h - the inference as the first step of `taskleak scan`: the
 * per-unit facts are cached under the store's folder (.taskleak/infer),
 * the project model is written beside it (.taskleak/project-model.json)
 * and handed to the analyzer with the other model files.
 */
#ifndef TL_INFER_SCAN_INFER_H
#define TL_INFER_SCAN_INFER_H

#include "infer.h"

struct tl_scan_infer_req {
	const struct tl_compdb *db;
	const char *state_dir;    /* the store's folder (.taskleak) */
	const char *root;         /* origins relative to it */
	const char *user_models;  /* ':'-joined --model files, or NULL */
	int jobs;
	void (*skipped)(void *arg, const char *msg);
	void *arg;
};

/* Infers and writes the model file; *model_path (malloc'ed) is its path,
 * or NULL when no wrapper was found (nothing to hand on). */
int tl_scan_infer(const struct tl_scan_infer_req *r, char **model_path,
		  struct tl_infer_stats *st, char **err);

#endif
