/*
 * store_export.h - what export reads from the database: one run's record
 * and the findings seen in it, each with its occurrence in that run (the
 * place, message and path as that run saw them) and its triage.
 */
#ifndef TL_STORE_EXPORT_H
#define TL_STORE_EXPORT_H

#include <stdint.h>

#include "store.h"

struct tl_run_meta {
	int64_t id;
	char *name;
	char *root;                    /* project root, absolute */
	char *tool;                    /* producer, may be NULL */
	char *source;                  /* scan or import */
	char *command;                 /* may be NULL */
	char *started_at, *finished_at; /* UTC, ISO 8601 */
};

struct tl_occurrence_row {
	const char *fingerprint;
	const char *rule, *checker;
	const char *file;           /* relative to the run's root, or absolute */
	int line, col;
	const char *function;       /* may be NULL */
	const char *message;
	const char *status;         /* in that run: new, unchanged or reopened */
	const char *triage;         /* the finding's triage status now */
	const char *triage_note;    /* may be NULL */
	int triage_in_source;       /* 1 when a taskleak-ignore comment set it */
	const char *issue_hash;     /* clang's, may be NULL */
	const char *path_json;      /* steps, JSON array, may be NULL */
	int runtime_tasks;          /* leaked at run time at its spawn call (0: not seen) */
};

typedef int (*tl_occurrence_fn)(void *arg, const struct tl_occurrence_row *row);

/* Fills *out for run id (free with tl_run_meta_free). */
int tl_store_run_meta(struct tl_store *s, int64_t id, struct tl_run_meta *out, char **err);
void tl_run_meta_free(struct tl_run_meta *m);

/* Calls fn for each finding seen in run id (resolved ones are not), in
 * finding order; stops early when fn returns non-zero. */
int tl_store_occurrences(struct tl_store *s, int64_t id, tl_occurrence_fn fn, void *arg,
			 char **err);

#endif
