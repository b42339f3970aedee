/*
 * cli.h - what the subcommands share: the global options, the command
 * table's entry points, exit statuses and output helpers.
 *
 * A subcommand parses its options, calls library code, prints, and picks
 * the exit status. Exit statuses (spec section 10): 0 success, 1 the gate
 * tripped, 2 bad usage or input, 3 the analysis or the database failed.
 */
#ifndef TL_CLI_H
#define TL_CLI_H

#include <stdio.h>

#include "common/tl_error.h"
#include "import/catalog.h"

enum { EXIT_OK = 0, EXIT_GATE = 1, EXIT_USAGE = 2, EXIT_FAILED = 3 };

struct tl_global {
	const char *db_path; /* --db, $TASKLEAK_DB or .taskleak/findings.db */
};

/* One subcommand per file: cmd_<name>.c. */
int cmd_scan(int argc, char **argv, const struct tl_global *g);
int cmd_import(int argc, char **argv, const struct tl_global *g);
int cmd_merge(int argc, char **argv, const struct tl_global *g);
int cmd_list(int argc, char **argv, const struct tl_global *g);
int cmd_show(int argc, char **argv, const struct tl_global *g);
int cmd_triage(int argc, char **argv, const struct tl_global *g);
int cmd_diff(int argc, char **argv, const struct tl_global *g);
int cmd_runs(int argc, char **argv, const struct tl_global *g);
int cmd_stats(int argc, char **argv, const struct tl_global *g);
int cmd_rules(int argc, char **argv, const struct tl_global *g);
int cmd_models(int argc, char **argv, const struct tl_global *g);
int cmd_export(int argc, char **argv, const struct tl_global *g);
int cmd_report(int argc, char **argv, const struct tl_global *g);

/* cmd_export.c: one run written for code review (also `scan --sarif`).
 * Prints only warnings (limits, unreadable sources) on stderr. */
struct tl_store;
struct tl_export_request {
	const char *format;     /* sarif, gitlab or rdjson */
	const char *run;        /* NULL: latest */
	const char *baseline;   /* NULL: none */
	const char *category;   /* SARIF automationDetails prefix; NULL: taskleak */
	const char *out;        /* NULL or "-": stdout */
	int include_suppressed;
};
int tl_export_run(struct tl_store *s, const struct tl_export_request *req, char **err);

/* status.c: the one mapping from library status to exit code. */
int tl_exit_code(int status);
/* Prints "taskleak: <err>" as one line and returns the exit code. Frees err. */
int tl_fail(int status, char *err);
/* Prints a usage error for cmd ("taskleak cmd: <msg> (see --help)"); returns 2. */
int tl_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* opts.c */
/* Prints usage text to stdout and returns 0 (for --help). */
int tl_help(const char *text);
/* Parses a positive integer option value; returns 0 on error. */
int tl_parse_int(const char *s, long *out);
/* Loads the rule catalog ($TASKLEAK_CATALOG, else the built-in path). */
int tl_load_catalog(struct tl_catalog *c, char **err);

/* locate.c: installed files, found relative to the executable first. */
/* The rule catalog's path (malloc'ed; NULL when none is known). */
char *tl_locate_catalog(void);
/* The plugin for the clang a scan runs (malloc'ed into *plugin); exit 3
 * material (TL_E_ANALYSIS) naming the installed versions when none fits. */
int tl_locate_plugin(const char *clang, char **plugin, char **err);

/* output.c */
/* 1 when f is a terminal that should get colour (NO_COLOR unset). */
int tl_colour(FILE *f);
/* Colour escape for a detection or triage status ("" when off). */
const char *tl_status_colour(const char *status, int on);
const char *tl_colour_reset(int on);
struct tl_run_summary;
/* The per-rule table printed after scan and import. */
void tl_print_summary(const struct tl_run_summary *sum);
/* Exit status for --fail-on new|any|none given a run. */
int tl_gate(const char *fail_on, const struct tl_run_summary *sum);
/* s with control characters shown as escapes (common/visible.h), for
 * text output of anything a report or a user wrote. The result is valid
 * until eight more calls. */
const char *tl_shown(const char *s);
/* Flushes stdout; a write error becomes exit 3. */
int tl_finish_stdout(int code);

#endif
