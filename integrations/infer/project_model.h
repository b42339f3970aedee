/*
 * project_model.h - one call from a compilation database to a project
 * model file, shared by `taskleak models infer` and `taskleak scan`:
 * loads the database and the models it builds on, runs the inference,
 * saves the file.
 */
#ifndef TL_INFER_PROJECT_MODEL_H
#define TL_INFER_PROJECT_MODEL_H

#include "common/strbuf.h"
#include "infer.h"

struct tl_project_model_req {
	const char *compdb;          /* compile_commands.json (unless db is set) */
	const struct tl_compdb *db;  /* an already loaded database, or NULL */
	struct strbuf models;        /* ':'-joined model files the project has */
	struct tl_infer_opts opts;   /* root NULL: the working directory */
};

void tl_project_model_req_init(struct tl_project_model_req *r);
void tl_project_model_req_release(struct tl_project_model_req *r);
void tl_project_model_add_model(struct tl_project_model_req *r, const char *path);

/* The model file's text in *json; TL_E_INPUT for a bad database or
 * model file (the message names the file and place). */
int tl_project_model(const struct tl_project_model_req *r, char **json,
		     struct tl_infer_stats *st, char **err);

/* Writes `text` to `path` through a temporary file and a rename. */
int tl_project_model_save(const char *path, const char *text, char **err);

#endif
