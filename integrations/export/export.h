/*
 * export.h - the findings of one run as export sees them, shared by the
 * SARIF, GitLab Code Quality and reviewdog writers.
 *
 * collect.c reads them from the store: each finding seen in the run, with
 * its state against an optional baseline run (SARIF baselineState), and
 * the findings of the baseline that the run no longer has (absent).
 * Findings triaged false-positive or intentional are suppressed: GitHub
 * ignores SARIF `suppressions`, so they are left out unless the caller
 * asks to keep them (then `suppressed` is set and SARIF marks them).
 */
#ifndef TL_EXPORT_H
#define TL_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../store/store_export.h"

enum tl_baseline_state {
	TL_BASELINE_NONE = 0, /* no baseline asked for */
	TL_BASELINE_NEW,      /* in the run, not in the baseline */
	TL_BASELINE_UNCHANGED,
	TL_BASELINE_UPDATED,  /* in both, with another message */
	TL_BASELINE_ABSENT,   /* in the baseline, gone from the run */
};

struct tl_export_step {
	char *file;
	int line, col, depth;
	char *message;
};

struct tl_export_result {
	char *fingerprint;     /* taskleak's, 64 hex digits */
	char *rule, *checker;
	char *file;            /* relative to the root, or absolute outside it */
	int line, col;
	char *function;        /* may be NULL */
	char *message;
	char *triage;
	char *triage_note;     /* may be NULL */
	int in_source;         /* suppressed by a taskleak-ignore comment */
	int runtime_tasks;     /* tasks leaked at run time at its spawn call */
	int suppressed;        /* triaged false-positive or intentional */
	enum tl_baseline_state baseline;
	char *status;          /* stored detection status in its run: new, unchanged, reopened */
	struct tl_export_step *steps;
	size_t nsteps;
};

struct tl_export_set {
	struct tl_run_meta run;
	char *baseline_name;          /* NULL without a baseline */
	struct tl_export_result *v;
	size_t n, alloc;
	size_t n_left_out;            /* suppressed findings not exported */
};

struct tl_export_opts {
	int64_t run;                 /* run id */
	int64_t baseline;            /* run id, 0 for none */
	int include_suppressed;
};

/* Reads the run (and the baseline) into *out, results in finding order
 * followed by the absent ones. Free with tl_export_set_free. */
int tl_export_collect(struct tl_store *s, const struct tl_export_opts *o,
		      struct tl_export_set *out, char **err);
void tl_export_set_free(struct tl_export_set *set);
/* Appends a zeroed result (for tests and the collector). */
struct tl_export_result *tl_export_add(struct tl_export_set *set);

/* "new", "unchanged", "updated", "absent" (NULL for none). */
const char *tl_baseline_name(enum tl_baseline_state b);
/* 1 when triage status keeps a finding out of an export. */
int tl_export_suppresses(const char *triage);

#endif
