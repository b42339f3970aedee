/*
 * store_run.c - writing a run: one IMMEDIATE transaction from begin to
 * commit, so concurrent writers queue on the busy timeout, a crash leaves
 * no trace of the run, and readers see whole runs only.
 *
 * Detection status of a finding in a run:
 *   new        first time this fingerprint is seen
 *   unchanged  seen in the previous run too
 *   reopened   seen before, resolved since, seen again
 *   resolved   open before this run, not seen in it (row without location)
 */
#include "store_int.h"
#include "../scan/shard.h"
#include "../common/strbuf.h"
#include "../common/strmap.h"
#include "../common/tl_error.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

enum {
	Q_SEL_FILE, Q_INS_FILE, Q_SEL_FINDING, Q_INS_FINDING, Q_UPD_FINDING,
	Q_INS_OCC, Q_BUMP_OCC, Q_SET_TRIAGE, Q_INS_EVENT, Q_COUNT
};

static const char *const sql[Q_COUNT] = {
	[Q_SEL_FILE] = "SELECT id FROM files WHERE path = ?1",
	[Q_INS_FILE] = "INSERT INTO files(path) VALUES (?1)",
	/* No RETURNING and no IN lists in these: SQLite builds an ephemeral
	 * table for each, per row, which doubled the cost of an import. */
	[Q_SEL_FINDING] = "SELECT id, detection, last_run, triage, triage_in_source "
			  "FROM findings WHERE fingerprint = ?1",
	[Q_INS_FINDING] = "INSERT INTO findings(fingerprint, rule, checker, file_id, function, "
			  "first_run, last_run, detection) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 'new') "
			  "ON CONFLICT(fingerprint) DO NOTHING",
	[Q_UPD_FINDING] = "UPDATE findings SET last_run = ?2, detection = ?3, rule = ?4, "
			  "checker = ?5, file_id = ?6, function = ?7 WHERE id = ?1",
	[Q_INS_OCC] = "INSERT INTO occurrences(run_id, finding_id, status, line, col, message, "
		      "issue_hash, path, reports) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_BUMP_OCC] = "UPDATE occurrences SET reports = reports + ?3 "
		       "WHERE run_id = ?1 AND finding_id = ?2",
	[Q_SET_TRIAGE] = "UPDATE findings SET triage = ?2, triage_note = ?3, "
			 "triage_in_source = ?4 WHERE id = ?1",
	[Q_INS_EVENT] = "INSERT INTO triage_events(finding_id, at, by, from_status, to_status, "
			"note, run_id) VALUES (?1, " NOW_SQL ", ?2, ?3, ?4, ?5, ?6)",
};

struct tl_run_tx {
	struct tl_store *s;
	int64_t run_id;
	struct tl_stmt *q[Q_COUNT];
	struct strmap file_ids; /* path -> (void *)(intptr_t)id */
	struct strbuf json;     /* scratch for path steps */
	struct strmap rule_index; /* rule -> 1 + index in sum.rules */
	struct tl_run_summary sum; /* counted while adding */
	int expect_known;         /* the last finding was already stored */
	int runtime;              /* a run-time import (source "runtime") */
	int bind_rc;              /* first failed bind, see bind_text() */
	int partial;              /* a shard: resolves nothing */
};

struct tl_store *tl_run_store(struct tl_run_tx *tx)
{
	return tx->s;
}

int64_t tl_run_id(struct tl_run_tx *tx)
{
	return tx->run_id;
}

static void tx_free(struct tl_run_tx *tx)
{
	for (int i = 0; i < Q_COUNT; i++)
		tl_finalize(tx->q[i]);
	strmap_free(&tx->file_ids);
	strmap_free(&tx->rule_index);
	tl_run_summary_free(&tx->sum);
	sb_release(&tx->json);
	free(tx);
}

void tl_run_abort(struct tl_run_tx *tx)
{
	if (!tx)
		return;
	tl_db_exec_quiet(tx->s, "ROLLBACK");
	tl_db_foreign_keys(tx->s, 1);
	tx_free(tx);
}

/* Every bind is checked: a value over SQLite's length limit (a 3 GB
 * message) fails to bind and would otherwise be stored as NULL. The first
 * failure is kept in tx->bind_rc and reported by the next step. */
static void bind_text(struct tl_run_tx *tx, struct tl_stmt *st, int i, const char *s)
{
	int rc = s ? tl_bind_text(st, i, s) : tl_bind_text(st, i, NULL);
	if (rc != 0 && !tx->bind_rc)
		tx->bind_rc = rc;
}

static void bind_int64(struct tl_run_tx *tx, struct tl_stmt *st, int i, int64_t v)
{
	int rc = tl_bind_int64(st, i, v);
	if (rc != 0 && !tx->bind_rc)
		tx->bind_rc = rc;
}

/* TL_OK, or the error for the first failed bind since the last check. */
static int bind_check(struct tl_run_tx *tx, struct tl_stmt *st, char **err)
{
	int rc = tx->bind_rc;
	if (!rc)
		return TL_OK;
	tx->bind_rc = 0;
	tl_reset(st);
	return tl_error(err, TL_E_INPUT, "%s: cannot store the run: %s", tx->s->path,
			rc == TL_STEP_TOOBIG ? "a report's text is larger than the database allows"
					    : "a value cannot be bound");
}

static int step_done(struct tl_run_tx *tx, struct tl_stmt *st, char **err)
{
	int rc = bind_check(tx, st, err);
	if (rc)
		return rc;
	rc = tl_step(st);
	tl_reset(st);
	if (rc != TL_STEP_DONE)
		return tl_db_fail(tx->s, "cannot store the run", err);
	return TL_OK;
}

/* The units a sharded or merged run covers (migration 5). */
static int record_shard(struct tl_run_tx *tx, const struct tl_shard *sh, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(tx->s, "UPDATE runs SET shard_index = ?2, shard_count = ?3, "
			       "units_total = ?4, units_analyzed = ?5, units_hash = ?6 WHERE id = ?1",
			       &st, err);
	if (rc)
		return rc;
	bind_int64(tx, st, 1, tx->run_id);
	if (sh->count > 0) {
		bind_int64(tx, st, 2, sh->index);
		bind_int64(tx, st, 3, sh->count);
	}
	bind_int64(tx, st, 4, sh->units_total);
	bind_int64(tx, st, 5, sh->units);
	bind_text(tx, st, 6, sh->units_hash);
	if ((rc = bind_check(tx, st, err))) {
		tl_finalize(st);
		return rc;
	}
	rc = tl_step(st);
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(tx->s, "cannot record the shard", err);
}

/* The run's row, named "run-<id>" when info has no name. */
static int insert_run(struct tl_run_tx *tx, const struct tl_run_info *info, char **err)
{
	struct tl_store *s = tx->s;
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "INSERT INTO runs(name, started_at, root, tool, source, command) "
			       "VALUES (coalesce(?1, 'pending-' || hex(randomblob(8))), " NOW_SQL
			       ", ?2, ?3, ?4, ?5)", &st, err);
	if (rc)
		return rc;
	bind_text(tx, st, 1, info->name);
	bind_text(tx, st, 2, info->root ? info->root : "");
	bind_text(tx, st, 3, info->tool);
	bind_text(tx, st, 4, info->source ? info->source : "import");
	bind_text(tx, st, 5, info->command);
	if ((rc = bind_check(tx, st, err))) {
		tl_finalize(st);
		return rc;
	}
	int step = tl_step(st);
	tl_finalize(st);
	if (step == TL_STEP_CONSTRAINT)
		return tl_error(err, TL_E_USAGE, "%s: a run named '%s' already exists", s->path,
				info->name);
	if (step != TL_STEP_DONE)
		return tl_db_fail(s, "cannot record the run", err);
	tx->run_id = tl_db_last_id(s);
	if (info->name)
		return TL_OK;
	if ((rc = tl_db_prepare(s, "UPDATE runs SET name = 'run-' || id WHERE id = ?1", &st, err)))
		return rc;
	bind_int64(tx, st, 1, tx->run_id);
	step = tl_step(st);
	tl_finalize(st);
	return step == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot name the run", err);
}

int tl_run_begin(struct tl_store *s, const struct tl_run_info *info,
		 struct tl_run_tx **out, char **err)
{
	struct tl_run_tx *tx = xcalloc(1, sizeof(*tx));
	int rc;
	tx->s = s;
	tx->runtime = info->source && !strcmp(info->source, "runtime");
	tx->partial = info->shard && info->shard->count > 0;
	strmap_init(&tx->file_ids);
	strmap_init(&tx->rule_index);
	sb_init(&tx->json);
	*out = NULL;
	/* A run inserts parents before children itself; checking every
	 * reference per row costs ~30% of an import on SQLite. Off for the
	 * run only (the pragma cannot change inside a transaction); the tests
	 * check PRAGMA foreign_key_check after concurrent and killed imports.
	 * PostgreSQL keeps checking. */
	tl_db_foreign_keys(s, 0);
	if ((rc = tl_db_begin_write(s, err))) {
		tl_db_foreign_keys(s, 1);
		tx_free(tx);
		return rc;
	}
	for (int i = 0; i < Q_COUNT && !rc; i++)
		rc = tl_db_prepare(s, sql[i], &tx->q[i], err);
	if (!rc && !(rc = insert_run(tx, info, err)) && info->shard)
		rc = record_shard(tx, info->shard, err);
	if (rc) {
		tl_run_abort(tx);
		return rc;
	}
	*out = tx;
	return TL_OK;
}

static int file_id(struct tl_run_tx *tx, const char *path, int64_t *id, char **err)
{
	void **slot = strmap_put(&tx->file_ids, path);
	if (*slot) {
		*id = (int64_t)(intptr_t)*slot;
		return TL_OK;
	}
	struct tl_stmt *st = tx->q[Q_SEL_FILE];
	bind_text(tx, st, 1, path);
	int rc = bind_check(tx, st, err);
	if (rc)
		return rc;
	rc = tl_step(st);
	if (rc == TL_STEP_ROW)
		*id = tl_col_int64(st, 0);
	tl_reset(st);
	if (rc != TL_STEP_ROW) {
		if (rc != TL_STEP_DONE)
			return tl_db_fail(tx->s, "cannot read files", err);
		bind_text(tx, tx->q[Q_INS_FILE], 1, path);
		if ((rc = step_done(tx, tx->q[Q_INS_FILE], err)))
			return rc;
		*id = tl_db_last_id(tx->s);
	}
	*slot = (void *)(intptr_t)*id;
	return TL_OK;
}

static const char *path_json(struct tl_run_tx *tx, const struct tl_report *r)
{
	struct strbuf *j = &tx->json;
	if (r->path_json)
		return r->path_json;
	sb_reset(j);
	sb_addc(j, '[');
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct tl_step *st = &r->steps[i];
		sb_adds(j, i ? ",{\"file\":\"" : "{\"file\":\"");
		sb_add_json(j, st->file ? st->file : "");
		sb_adds(j, "\",\"line\":");
		sb_add_int(j, st->line);
		sb_adds(j, ",\"col\":");
		sb_add_int(j, st->col);
		sb_adds(j, ",\"depth\":");
		sb_add_int(j, st->depth);
		sb_adds(j, ",\"message\":\"");
		sb_add_json(j, st->message ? st->message : "");
		sb_adds(j, "\"}");
	}
	sb_addc(j, ']');
	return j->buf;
}

static int event(struct tl_run_tx *tx, int64_t id, const char *from, const char *to,
		 const char *note, char **err)
{
	struct tl_stmt *st = tx->q[Q_INS_EVENT];
	bind_int64(tx, st, 1, id);
	bind_text(tx, st, 2, "taskleak-ignore");
	bind_text(tx, st, 3, from);
	bind_text(tx, st, 4, to);
	bind_text(tx, st, 5, note);
	bind_int64(tx, st, 6, tx->run_id);
	return step_done(tx, st, err);
}

/* In-source suppression: a taskleak-ignore comment marks the finding
 * intentional with its reason; removing the comment undoes what it did. */
static int apply_source_triage(struct tl_run_tx *tx, int64_t id, const struct tl_report *r,
			       const char *triage, int in_source, char **err)
{
	struct tl_stmt *st = tx->q[Q_SET_TRIAGE];
	int rc;
	if (r->suppressed && !(in_source && !strcmp(triage, "intentional"))) {
		bind_int64(tx, st, 1, id);
		bind_text(tx, st, 2, "intentional");
		bind_text(tx, st, 3, r->suppress_reason);
		bind_int64(tx, st, 4, 1);
		if ((rc = step_done(tx, st, err)))
			return rc;
		return event(tx, id, triage, "intentional", r->suppress_reason, err);
	}
	if (!r->suppressed && in_source) {
		bind_int64(tx, st, 1, id);
		bind_text(tx, st, 2, "unreviewed");
		bind_text(tx, st, 3, NULL);
		bind_int64(tx, st, 4, 0);
		if ((rc = step_done(tx, st, err)))
			return rc;
		return event(tx, id, triage, "unreviewed", "taskleak-ignore comment removed", err);
	}
	return TL_OK;
}

/* Counts one finding of this run in the summary (status: new, unchanged,
 * reopened or resolved; open: not suppressed by triage). */
static void count(struct tl_run_tx *tx, const char *rule, const char *status, int open)
{
	struct tl_run_summary *sum = &tx->sum;
	void **slot = strmap_put(&tx->rule_index, rule);
	if (!*slot) {
		sum->rules = xrealloc(sum->rules, (sum->nrules + 1) * sizeof(*sum->rules));
		memset(&sum->rules[sum->nrules], 0, sizeof(*sum->rules));
		sum->rules[sum->nrules].rule = xstrdup(rule);
		*slot = (void *)(intptr_t)++sum->nrules;
	}
	struct tl_rule_counts *c = &sum->rules[(intptr_t)*slot - 1];
	if (!strcmp(status, "new")) {
		c->n_new++, sum->n_new++;
		sum->gate_new += open, sum->gate_any += open;
	} else if (!strcmp(status, "reopened")) {
		c->n_reopened++, sum->n_reopened++;
		sum->gate_new += open, sum->gate_any += open;
	} else if (!strcmp(status, "unchanged")) {
		c->n_unchanged++, sum->n_unchanged++;
		sum->gate_any += open;
	} else {
		c->n_resolved++, sum->n_resolved++;
	}
}

/* Looks the fingerprint up: 1 and the row's fields when stored. */
static int lookup(struct tl_run_tx *tx, const struct tl_report *r, int64_t *id, int *resolved,
		  int64_t *last, char triage[32], int *in_source, char **err)
{
	struct tl_stmt *st = tx->q[Q_SEL_FINDING];
	bind_text(tx, st, 1, r->fingerprint);
	int rc = bind_check(tx, st, err);
	if (rc)
		return -rc;
	rc = tl_step(st);
	int found = rc == TL_STEP_ROW;
	if (found) {
		*id = tl_col_int64(st, 0);
		*resolved = !strcmp(tl_col_text(st, 1), "resolved");
		*last = tl_col_int64(st, 2);
		snprintf(triage, 32, "%s", tl_col_text(st, 3));
		*in_source = tl_col_int(st, 4);
	}
	tl_reset(st);
	if (!found && rc != TL_STEP_DONE)
		return -tl_db_fail(tx->s, "cannot read findings", err);
	return found;
}

/* Inserts a new finding; 1 when inserted, 0 when the fingerprint exists. */
static int insert_finding(struct tl_run_tx *tx, const struct tl_report *r, int64_t file,
			  int64_t *id, char **err)
{
	struct tl_stmt *ins = tx->q[Q_INS_FINDING];
	bind_text(tx, ins, 1, r->fingerprint);
	bind_text(tx, ins, 2, r->rule);
	bind_text(tx, ins, 3, r->checker);
	bind_int64(tx, ins, 4, file);
	bind_text(tx, ins, 5, r->function);
	bind_int64(tx, ins, 6, tx->run_id);
	int rc = step_done(tx, ins, err);
	if (rc)
		return -rc;
	if (!tl_db_changes(tx->s))
		return 0;
	*id = tl_db_last_id(tx->s);
	return 1;
}

/*
 * One report. Most runs are either mostly new findings (a first import)
 * or mostly known ones (the next CI run), so the order of the two probes
 * follows the previous report: try the insert first after a new finding,
 * the lookup first after a known one.
 */
static int add_one(struct tl_run_tx *tx, const struct tl_report *r, char **err)
{
	int64_t fid = 0, id = 0, last = 0;
	int rc, found = 0, resolved = 0, in_source = 0;
	char triage[32] = "unreviewed";
	const char *status = "new";
	if ((rc = file_id(tx, r->file, &fid, err)))
		return rc;
	if (tx->expect_known) {
		found = lookup(tx, r, &id, &resolved, &last, triage, &in_source, err);
		if (found < 0)
			return -found;
		if (!found && (rc = insert_finding(tx, r, fid, &id, err)) < 0)
			return -rc;
	} else {
		int inserted = insert_finding(tx, r, fid, &id, err);
		if (inserted < 0)
			return -inserted;
		if (!inserted && (found = lookup(tx, r, &id, &resolved, &last, triage,
						 &in_source, err)) < 0)
			return -found;
	}
	tx->expect_known = found;
	if (found) {
		if (last == tx->run_id) { /* again in this run: another TU */
			bind_int64(tx, tx->q[Q_BUMP_OCC], 1, tx->run_id);
			bind_int64(tx, tx->q[Q_BUMP_OCC], 2, id);
			bind_int64(tx, tx->q[Q_BUMP_OCC], 3, r->reports > 0 ? r->reports : 1);
			return step_done(tx, tx->q[Q_BUMP_OCC], err);
		}
		status = resolved ? "reopened" : "unchanged";
		struct tl_stmt *u = tx->q[Q_UPD_FINDING];
		bind_int64(tx, u, 1, id);
		bind_int64(tx, u, 2, tx->run_id);
		bind_text(tx, u, 3, status);
		bind_text(tx, u, 4, r->rule);
		bind_text(tx, u, 5, r->checker);
		bind_int64(tx, u, 6, fid);
		bind_text(tx, u, 7, r->function);
		if ((rc = step_done(tx, u, err)))
			return rc;
	}
	struct tl_stmt *o = tx->q[Q_INS_OCC];
	bind_int64(tx, o, 1, tx->run_id);
	bind_int64(tx, o, 2, id);
	bind_text(tx, o, 3, status);
	bind_int64(tx, o, 4, r->line);
	bind_int64(tx, o, 5, r->col);
	bind_text(tx, o, 6, r->message);
	bind_text(tx, o, 7, r->issue_hash);
	bind_text(tx, o, 8, path_json(tx, r));
	bind_int64(tx, o, 9, r->reports > 0 ? r->reports : 1);
	if ((rc = step_done(tx, o, err)))
		return rc;
	/* open after apply_source_triage(): a comment suppresses; a removed
	 * comment un-suppresses; otherwise the finding's triage decides */
	int open = r->suppressed ? 0 : in_source ? 1 : !tl_triage_suppresses(triage);
	count(tx, r->rule, status, open);
	return apply_source_triage(tx, id, r, triage, in_source, err);
}

int tl_run_add(struct tl_run_tx *tx, const struct tl_report_set *set, char **err)
{
	for (size_t i = 0; i < set->n; i++) {
		int rc = add_one(tx, &set->v[i], err);
		if (rc)
			return rc;
	}
	return TL_OK;
}

int tl_run_set_tool(struct tl_run_tx *tx, const char *tool, char **err)
{
	if (!tool)
		return TL_OK;
	struct tl_stmt *st;
	int rc = tl_db_prepare(tx->s, "UPDATE runs SET tool = ?2 WHERE id = ?1 AND tool IS NULL",
			       &st, err);
	if (rc)
		return rc;
	bind_int64(tx, st, 1, tx->run_id);
	bind_text(tx, st, 2, tool);
	if ((rc = bind_check(tx, st, err))) {
		tl_finalize(st);
		return rc;
	}
	rc = tl_step(st);
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(tx->s, "cannot record the run", err);
}

static int cmp_rules(const void *a, const void *b)
{
	return strcmp(((const struct tl_rule_counts *)a)->rule, ((const struct tl_rule_counts *)b)->rule);
}

/* Resolves the open findings this run did not see: one pass over them,
 * counted per rule, then one occurrence row each. A run sees one kind of
 * finding: a run-time import resolves only run-time findings (TL101R),
 * an analysis never resolves them. */
static int resolve_unseen(struct tl_run_tx *tx, char **err)
{
	struct tl_stmt *st, *ins;
	int rc = tl_db_prepare(tx->s, "UPDATE findings SET detection = 'resolved' "
			       "WHERE detection <> 'resolved' AND last_run < ?1 "
			       "AND CASE WHEN rule = '" TL_RUNTIME_RULE "' THEN 1 ELSE 0 END = ?2 "
			       "RETURNING id, rule", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_prepare(tx->s, "INSERT INTO occurrences(run_id, finding_id, status) "
				"VALUES (?1, ?2, 'resolved')", &ins, err))) {
		tl_finalize(st);
		return rc;
	}
	bind_int64(tx, st, 1, tx->run_id);
	bind_int64(tx, st, 2, tx->runtime);
	bind_int64(tx, ins, 1, tx->run_id);
	/* RETURNING rows are all computed before the first is handed out, so
	 * inserting while stepping is safe */
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		count(tx, tl_col_text(st, 1), "resolved", 0);
		bind_int64(tx, ins, 2, tl_col_int64(st, 0));
		if (tl_step(ins) != TL_STEP_DONE) {
			rc = TL_STEP_FAIL;
			break;
		}
		tl_reset(ins);
	}
	tl_finalize(ins);
	tl_finalize(st);
	if (rc != TL_STEP_DONE)
		return tl_db_fail(tx->s, "cannot resolve findings", err);
	return TL_OK;
}

static int finish_run(struct tl_run_tx *tx, char **err)
{
	struct tl_run_summary *sum = &tx->sum;
	struct tl_stmt *st;
	int rc = tl_db_prepare(tx->s, "UPDATE runs SET finished_at = " NOW_SQL ", n_new = ?2, "
			       "n_unchanged = ?3, n_reopened = ?4, n_resolved = ?5 WHERE id = ?1 "
			       "RETURNING name", &st, err);
	if (rc)
		return rc;
	bind_int64(tx, st, 1, tx->run_id);
	bind_int64(tx, st, 2, sum->n_new);
	bind_int64(tx, st, 3, sum->n_unchanged);
	bind_int64(tx, st, 4, sum->n_reopened);
	bind_int64(tx, st, 5, sum->n_resolved);
	rc = tl_step(st);
	if (rc == TL_STEP_ROW)
		sum->name = xstrdup(tl_col_text(st, 0));
	tl_finalize(st);
	if (rc != TL_STEP_ROW)
		return tl_db_fail(tx->s, "cannot finish the run", err);
	if (sum->nrules) /* rules is NULL in an empty run: qsort(NULL) is undefined */
		qsort(sum->rules, sum->nrules, sizeof(*sum->rules), cmp_rules);
	return TL_OK;
}

int tl_run_commit(struct tl_run_tx *tx, struct tl_run_summary *sum, char **err)
{
	int rc;
	memset(sum, 0, sizeof(*sum));
	if ((!tx->partial && (rc = resolve_unseen(tx, err))) || (rc = finish_run(tx, err)) ||
	    (rc = bind_check(tx, NULL, err)))
		goto fail;
	for (int i = 0; i < Q_COUNT; i++) {
		tl_finalize(tx->q[i]);
		tx->q[i] = NULL;
	}
	if ((rc = tl_db_exec(tx->s, "COMMIT", err)))
		goto fail;
	tl_db_foreign_keys(tx->s, 1);
	*sum = tx->sum;
	sum->run_id = tx->run_id;
	memset(&tx->sum, 0, sizeof(tx->sum)); /* handed to the caller */
	tx_free(tx);
	return TL_OK;
fail:
	tl_run_abort(tx);
	return rc;
}

void tl_run_summary_free(struct tl_run_summary *sum)
{
	for (size_t i = 0; i < sum->nrules; i++)
		free(sum->rules[i].rule);
	free(sum->rules);
	free(sum->name);
	memset(sum, 0, sizeof(*sum));
}
