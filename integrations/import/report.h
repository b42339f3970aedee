/*
 * report.h - the in-memory model of analyzer results, between the readers
 * (plist.c, sarif.c) and the store.
 *
 * A report is one diagnostic as one tool run emitted it: its rule, primary
 * location (path relative to the project root), message, enclosing
 * function, the path steps that explain it, and the fingerprint that names
 * the finding across runs. A report set owns every string it points to.
 */
#ifndef TL_REPORT_H
#define TL_REPORT_H

#include <stddef.h>

struct tl_step {
	char *file;    /* relative to the project root (absolute if outside) */
	int line;      /* 1-based */
	int col;       /* 1-based, 0 when unknown */
	int depth;     /* call depth, 0 at the top-level function */
	char *message; /* what happens at this step */
};

struct tl_report {
	char *rule;        /* rule id: TL101, or the checker name for others */
	char *checker;     /* checker (plist check_name, SARIF ruleId) */
	char *message;     /* the warning text */
	char *file;        /* primary location, relative like tl_step.file */
	int line, col;
	char *function;    /* enclosing function, NULL when not known */
	char *issue_hash;  /* clang's issue hash, NULL when not given */
	char fingerprint[65]; /* identity across runs, see fingerprint.h */
	int suppressed;       /* 1 when a taskleak-ignore comment covers it */
	char *suppress_reason; /* the text after the comment's colon */
	struct tl_step *steps;
	size_t nsteps;
	/* set by `merge`, which copies stored occurrences: the path steps as
	 * the store's JSON (steps unused), and how many reports (translation
	 * units) carried it; NULL and 0 for a report read from a file (1) */
	char *path_json;
	int reports;
};

struct tl_report_set {
	struct tl_report *v;
	size_t n, alloc;
	char *tool;   /* producer, e.g. "Debian clang version 14.0.6" */
};

/* Limits on what a report may claim (docs/cli.md, "Limits"): values from
 * a report file are clamped into these ranges at import, so that a
 * nestingLevel of 2^30 cannot make `show` print 2 GB of indentation and a
 * negative line cannot reach the store. */
enum {
	TL_MAX_LINE = 10000000,  /* lines: 1 .. 10^7 */
	TL_MAX_COL = 100000,     /* columns: 0 (unknown) .. 10^5 */
	TL_MAX_DEPTH = 64,       /* call depth of a path step: 0 .. 64 */
};

/* v clamped into [lo, hi]. */
static inline int tl_clamp(long long v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : (int)v;
}

/* Clamps r's line, column and its steps' line, column and depth. */
void tl_report_clamp(struct tl_report *r);

void tl_report_set_init(struct tl_report_set *s);
void tl_report_set_clear(struct tl_report_set *s);
/* Appends a zeroed report and returns it (valid until the next add). */
struct tl_report *tl_report_set_add(struct tl_report_set *s);
/* Frees the reports past the first n. */
void tl_report_set_truncate(struct tl_report_set *s, size_t n);
/* Appends a step to r and returns it, zeroed. */
struct tl_step *tl_report_add_step(struct tl_report *r);

#endif
