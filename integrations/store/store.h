/*
 * store.h - the findings database: a SQLite file or a PostgreSQL database.
 *
 * SQLite: one file (default .taskleak/findings.db), WAL mode, a busy timeout so
 * that concurrent writers queue instead of failing, schema version in
 * PRAGMA user_version brought up to date by migrations (schema.c). Every
 * change is one transaction; SQL uses bound parameters only.
 *
 * Model: a run is one analysis of the whole project. A finding is one
 * fingerprint. An occurrence is a finding in a run, with its detection
 * status there (new, unchanged, reopened, or resolved when the finding was
 * open before and is gone), location, message and path steps (JSON). A
 * finding's triage status lives on the finding, so it carries across runs;
 * each change is a triage event.
 *
 * The library never prints: results go to callbacks or out-parameters,
 * failures to `char **err` (see common/tl_error.h).
 */
#ifndef TL_STORE_H
#define TL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../import/report.h"

struct sqlite3;
struct tl_shard;
struct tl_pg;

struct tl_store {
	struct sqlite3 *db; /* the SQLite connection, or NULL */
	struct tl_pg *pg;   /* the PostgreSQL connection, or NULL */
	char *path;         /* the file or URL (without password), for messages */
	int created;        /* 1 when this open made the file */
	int created_dir;    /* 1 when this open made its folder */
	int64_t last_id;    /* PostgreSQL: id returned by the last INSERT */
	int changes;        /* PostgreSQL: rows the last statement changed */
};

enum tl_store_flags {
	TL_STORE_CREATE = 1,   /* make the file (and its folder) if missing */
	TL_STORE_WRITE = 2,    /* fail now if the database cannot be written */
};

/* 1 when path is a postgresql:// (or postgres://) URL, not a file. */
int tl_store_is_url(const char *path);

/* The schema version this build writes. */
int tl_store_schema_version(void);

int tl_store_open(const char *path, int flags, struct tl_store **out, char **err);
/* Closes s. A database is never removed, not even one this process made
 * and failed to fill: once the file exists, another process may have
 * opened it and committed a run (it waits on our lock, then writes to the
 * same inode); unlinking would silently lose that run. An empty
 * schema-only file is harmless. */
void tl_store_close(struct tl_store *s);

/* Applies migrations up to version `target` (for tests: an old schema).
 * Runs in one IMMEDIATE transaction. */
int tl_store_migrate(struct tl_store *s, int target, char **err);

/* --- runs (store_run.c) ------------------------------------------------ */

struct tl_run_info {
	const char *name;    /* unique; NULL: "run-<id>" */
	const char *root;    /* project root the paths are relative to */
	const char *tool;    /* analyzer version or SARIF driver */
	const char *source;  /* "scan" or "import" */
	const char *command; /* what was run, for the record; may be NULL */
	/* NULL: a whole run. Else the units it covers (shard.h): with a
	 * shard count, a partial run, which resolves nothing (the findings it
	 * did not see may belong to another shard); without one, a merged
	 * run. */
	const struct tl_shard *shard;
};

struct tl_rule_counts {
	char *rule;
	int n_new, n_unchanged, n_reopened, n_resolved;
};

struct tl_run_summary {
	int64_t run_id;
	char *name;
	struct tl_rule_counts *rules; /* per rule, ordered by rule */
	size_t nrules;
	int n_new, n_unchanged, n_reopened, n_resolved; /* totals */
	int gate_new;  /* new or reopened, and not suppressed by triage */
	int gate_any;  /* seen in this run, and not suppressed by triage */
};

struct tl_run_tx; /* a run being written: one transaction */

/* BEGIN IMMEDIATE, then records the run. */
int tl_run_begin(struct tl_store *s, const struct tl_run_info *info,
		 struct tl_run_tx **out, char **err);
/* Adds reports. A fingerprint seen twice in a run (a header reported by
 * many translation units) is one occurrence, counted in `reports`. */
int tl_run_add(struct tl_run_tx *tx, const struct tl_report_set *set, char **err);
/* Records the producer when the run's info had none (it is known only
 * once the first report is read). tool may be NULL. */
int tl_run_set_tool(struct tl_run_tx *tx, const char *tool, char **err);
/* Marks open findings this run did not see as resolved, commits, and fills
 * the summary (free with tl_run_summary_free). Frees tx in every case. */
int tl_run_commit(struct tl_run_tx *tx, struct tl_run_summary *sum, char **err);
/* Rolls back and frees tx. */
void tl_run_abort(struct tl_run_tx *tx);
void tl_run_summary_free(struct tl_run_summary *sum);

/* --- run-time confirmation (store_runtime.c) --------------------------- */

/* The rule of a task leak a run showed and no analysis found. */
#define TL_RUNTIME_RULE "TL101R"
#define TL_RUNTIME_CHECKER "taskleak.runtime.UnjoinedTask"

struct tl_rt_set;
struct tl_import_ctx;
struct tl_rt_outcome {
	int sites;      /* leak sites with file:line */
	int confirmed;  /* sites that confirmed a static finding */
	int findings;   /* static findings confirmed */
	int missed;     /* sites that became TL101R findings */
};
/* In a run begun with source "runtime": each leak site whose file and
 * line are those of the spawn step of an open static finding (paths
 * compared relative to the root, else by their longest common tail at a
 * '/') confirms that finding (findings.runtime_tasks); a site without one
 * becomes a TL101R finding of this run. Every site is a runtime_leaks
 * row. */
int tl_run_add_runtime(struct tl_run_tx *tx, struct tl_import_ctx *ctx,
		       const struct tl_rt_set *leaks, struct tl_rt_outcome *out, char **err);

/* --- queries (store_query.c) ----------------------------------------- */

struct tl_finding_row {
	int64_t id;
	const char *fingerprint;
	const char *rule, *checker;
	const char *file;
	int line, col;
	const char *function;   /* may be NULL */
	const char *message;
	const char *detection;  /* status in the latest run (or in the diff) */
	const char *triage;
	const char *triage_note; /* may be NULL */
	const char *path_json;  /* steps, JSON array; NULL when not asked */
	int64_t first_run, last_run;
	int runtime_tasks;      /* leaked tasks a run-time import saw at its
				   spawn call; 0: not confirmed at run time */
};

typedef int (*tl_finding_fn)(void *arg, const struct tl_finding_row *row);

struct tl_list_filter {
	const char *status; /* new, open, resolved, suppressed, all */
	const char *rule;   /* NULL: any */
	const char *file_glob; /* NULL: any; SQLite GLOB on the relative path */
	long limit;         /* 0: no limit */
};

/* Calls fn for each matching finding, oldest first; stops early when fn
 * returns non-zero. *more is set when the limit cut the list short. */
int tl_store_list(struct tl_store *s, const struct tl_list_filter *f,
		  tl_finding_fn fn, void *arg, int *more, char **err);

/* Resolves a fingerprint prefix (at least 4 hex digits) to a finding.
 * TL_E_NOTFOUND when none or several match. */
int tl_store_resolve_id(struct tl_store *s, const char *prefix, int64_t *id, char **err);

/* One finding with its path (path_json set). */
int tl_store_get(struct tl_store *s, int64_t id, tl_finding_fn fn, void *arg, char **err);

struct tl_event_row {
	const char *at, *by, *from, *to, *note; /* note may be NULL */
};
int tl_store_events(struct tl_store *s, int64_t id,
		    int (*fn)(void *arg, const struct tl_event_row *ev), void *arg, char **err);

/* Resolves a run by name, by number, or "latest"/"previous". */
int tl_store_find_run(struct tl_store *s, const char *ref, int64_t *id, char **err);
/* The project root run id was made in (malloc'ed). */
int tl_store_run_root(struct tl_store *s, int64_t id, char **root, char **err);
/* The run before run id (0 when none). */
int tl_store_previous_run(struct tl_store *s, int64_t id, int64_t *prev, char **err);

enum tl_diff_which {
	TL_DIFF_NEW = 1,       /* includes reopened */
	TL_DIFF_RESOLVED = 2,
	TL_DIFF_UNCHANGED = 4,
};
/* Compares two runs by fingerprint. row->detection is new, reopened,
 * resolved or unchanged relative to base. */
int tl_store_diff(struct tl_store *s, int64_t base, int64_t head, int which,
		  tl_finding_fn fn, void *arg, char **err);

struct tl_run_row {
	int64_t id;
	const char *name, *started_at, *finished_at, *tool, *source;
	int n_new, n_unchanged, n_reopened, n_resolved;
};
int tl_store_runs(struct tl_store *s, int (*fn)(void *arg, const struct tl_run_row *r),
		  void *arg, char **err);

struct tl_stat_row {
	const char *group;  /* "detection", "triage" or "rule" */
	const char *key;
	long count;
};
int tl_store_stats(struct tl_store *s, int (*fn)(void *arg, const struct tl_stat_row *r),
		   void *arg, char **err);

/* --- triage (store_triage.c) ------------------------------------------ */

/* 1 when status is a triage status name. */
int tl_triage_valid(const char *status);
/* 1 when a finding with this triage status stays out of gates and lists. */
int tl_triage_suppresses(const char *status);
/* Sets the triage status (one transaction with its event). *from gets the
 * previous status (malloc'ed) when from is not NULL. */
int tl_store_triage(struct tl_store *s, int64_t id, const char *to, const char *note,
		    const char *by, char **from, char **err);

#endif
