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

/* Keys looked up per statement (an IN list; unused places bound NULL). */
#define BATCH 1000

enum {
	Q_SEL_FILES, Q_SEL_FINDINGS, Q_UPD_FINDING, Q_BUMP_OCC, Q_SET_TRIAGE, Q_INS_EVENT, Q_COUNT
};

/* Rows written in bulk (store_db.h): parents first. */
enum { B_FILES, B_FINDINGS, B_OCC, B_COUNT };

static const char *const bulk_cols[B_COUNT][2] = {
	{ "files(id, path)", "2" },
	{ "findings(id, fingerprint, rule, checker, file_id, function, first_run, last_run, "
	  "detection)", "9" },
	{ "occurrences(run_id, finding_id, status, line, col, message, issue_hash, path, reports)",
	  "9" },
};

static const char *const sql[Q_COUNT] = {
	/* BATCH keys a statement: one round trip per 1000 reports, not per
	 * report (the IN list is built once, at begin) */
	[Q_SEL_FILES] = "SELECT id, path FROM files WHERE path IN (%s)",
	[Q_SEL_FINDINGS] = "SELECT fingerprint, id, detection, last_run, triage, triage_in_source "
			   "FROM findings WHERE fingerprint IN (%s)",
	[Q_UPD_FINDING] = "UPDATE findings SET last_run = ?2, detection = ?3, rule = ?4, "
			  "checker = ?5, file_id = ?6, function = ?7 WHERE id = ?1",
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
	struct tl_bulk *bulk[B_COUNT];
	int64_t max_file, max_finding; /* ids given here: writers hold the lock */
	int stream;               /* bulk rows kept across sets (tl_run_stream) */
	struct strmap unsent;     /* fingerprints whose occurrence is not sent yet */
	struct strmap file_ids; /* path -> (void *)(intptr_t)id */
	struct strbuf json;     /* scratch for path steps */
	struct strmap rule_index; /* rule -> 1 + index in sum.rules */
	struct tl_run_summary sum; /* counted while adding */
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
	for (int i = 0; i < B_COUNT; i++)
		tl_bulk_free(tx->bulk[i]);
	strmap_free(&tx->file_ids);
	strmap_free(&tx->unsent);
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

/* The run's statements and bulk writers, and the highest ids so far. */
static int prepare_all(struct tl_run_tx *tx, char **err)
{
	struct strbuf in, q;
	int rc = TL_OK;
	sb_init(&in);
	sb_init(&q);
	for (int i = 1; i <= BATCH; i++)
		sb_addf(&in, i > 1 ? ",?%d" : "?%d", i);
	for (int i = 0; i < Q_COUNT && !rc; i++) {
		sb_reset(&q);
		if (i == Q_SEL_FILES || i == Q_SEL_FINDINGS)
			sb_addf(&q, sql[i], in.buf);
		else
			sb_adds(&q, sql[i]); /* NOW_SQL has its own % */
		rc = tl_db_prepare(tx->s, q.buf, &tx->q[i], err);
	}
	for (int i = 0; i < B_COUNT && !rc; i++)
		rc = tl_bulk_open(tx->s, bulk_cols[i][0], atoi(bulk_cols[i][1]), &tx->bulk[i], err);
	sb_release(&in);
	sb_release(&q);
	struct tl_stmt *st;
	if (rc || (rc = tl_db_prepare(tx->s, "SELECT (SELECT coalesce(max(id), 0) FROM files), "
				      "(SELECT coalesce(max(id), 0) FROM findings)", &st, err)))
		return rc;
	if (tl_step(st) == TL_STEP_ROW) {
		tx->max_file = tl_col_int64(st, 0);
		tx->max_finding = tl_col_int64(st, 1);
	} else {
		rc = tl_db_fail(tx->s, "cannot read findings", err);
	}
	tl_finalize(st);
	return rc;
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
	strmap_init(&tx->unsent);
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
	if (!rc)
		rc = prepare_all(tx, err);
	if (!rc && !(rc = insert_run(tx, info, err)) && info->shard)
		rc = record_shard(tx, info->shard, err);
	if (rc) {
		tl_run_abort(tx);
		return rc;
	}
	*out = tx;
	return TL_OK;
}

/* A failed bulk row or flush as the run's error. */
static int bulk_fail(struct tl_run_tx *tx, int rc, char **err)
{
	if (rc == TL_STEP_TOOBIG)
		return tl_error(err, TL_E_INPUT, "%s: cannot store the run: a report's text is "
				"larger than the database allows", tx->s->path);
	return tl_db_fail(tx->s, "cannot store the run", err);
}

/* Runs st (Q_SEL_FILES or Q_SEL_FINDINGS) over keys, BATCH at a time,
 * handing each row found to fn: a round trip per batch, not per key. */
static int lookup_batches(struct tl_run_tx *tx, struct tl_stmt *st, const char **keys, size_t n,
			  void (*fn)(struct tl_run_tx *tx, struct tl_stmt *st, void *arg), void *arg,
			  char **err)
{
	for (size_t i = 0; i < n; i += BATCH) {
		for (size_t k = 0; k < BATCH; k++)
			bind_text(tx, st, (int)k + 1, i + k < n ? keys[i + k] : NULL);
		int rc = bind_check(tx, st, err);
		if (rc)
			return rc;
		while ((rc = tl_step(st)) == TL_STEP_ROW)
			fn(tx, st, arg);
		tl_reset(st);
		if (rc != TL_STEP_DONE)
			return tl_db_fail(tx->s, "cannot read findings", err);
	}
	return TL_OK;
}

#define NO_ID ((void *)(intptr_t)-1) /* a file being looked up */

static void file_found(struct tl_run_tx *tx, struct tl_stmt *st, void *arg)
{
	void **slot = strmap_find(&tx->file_ids, tl_col_text(st, 1));
	(void)arg;
	if (slot)
		*slot = (void *)(intptr_t)tl_col_int64(st, 0);
}

/* Every file of the set gets its id in tx->file_ids: those stored looked
 * up, the others numbered here and written in bulk. */
static int set_files(struct tl_run_tx *tx, const struct tl_report_set *set, char **err)
{
	const char **miss = xcalloc(set->n + 1, sizeof(*miss));
	size_t n = 0;
	for (size_t i = 0; i < set->n; i++) {
		void **slot = strmap_put(&tx->file_ids, set->v[i].file);
		if (!*slot) {
			*slot = NO_ID;
			miss[n++] = set->v[i].file;
		}
	}
	int rc = lookup_batches(tx, tx->q[Q_SEL_FILES], miss, n, file_found, NULL, err);
	struct tl_bulk *b = tx->bulk[B_FILES];
	for (size_t i = 0; i < n && !rc; i++) {
		void **slot = strmap_find(&tx->file_ids, miss[i]);
		if (*slot != NO_ID)
			continue;
		*slot = (void *)(intptr_t)++tx->max_file;
		tl_bulk_int64(b, 1, tx->max_file);
		tl_bulk_text(b, 2, miss[i]);
		int step = tl_bulk_row(b);
		if (step)
			rc = bulk_fail(tx, step, err);
	}
	free(miss);
	return rc;
}

/* Bytes of bulk rows kept before they are sent anyway (PostgreSQL). */
#define SEND_BYTES (8 << 20)

/* Sends the bulk rows kept, parents first. */
static int send_rows(struct tl_run_tx *tx, char **err)
{
	for (int i = 0; i < B_COUNT; i++) {
		int step = tl_bulk_flush(tx->bulk[i]);
		if (step)
			return bulk_fail(tx, step, err);
	}
	strmap_free(&tx->unsent);
	strmap_init(&tx->unsent);
	return TL_OK;
}

void tl_run_stream(struct tl_run_tx *tx)
{
	tx->stream = 1;
}

static int64_t file_of(struct tl_run_tx *tx, const char *path)
{
	return (int64_t)(intptr_t)*strmap_find(&tx->file_ids, path);
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

/* What the store knows of one fingerprint of the set being added. */
struct known {
	int64_t id, last;
	int fresh;           /* not stored before this set: new */
	int resolved, in_source;
	char triage[32];
	size_t occ;          /* 1 + the report whose occurrence it gets here, or 0 */
	int64_t reports;     /* reports of it in this set */
	const char *status;
};

static void finding_found(struct tl_run_tx *tx, struct tl_stmt *st, void *arg)
{
	void **slot = strmap_find(arg, tl_col_text(st, 0));
	(void)tx;
	if (!slot)
		return;
	struct known *k = *slot;
	k->fresh = 0;
	k->id = tl_col_int64(st, 1);
	k->resolved = !strcmp(tl_col_text(st, 2), "resolved");
	k->last = tl_col_int64(st, 3);
	snprintf(k->triage, sizeof(k->triage), "%s", tl_col_text(st, 4));
	k->in_source = tl_col_int(st, 5);
}

/* ent[i]: the fingerprint of report i, looked up in batches; the new ones
 * numbered here and written in bulk (the first report's rule and place). */
static int set_findings(struct tl_run_tx *tx, const struct tl_report_set *set,
			struct strmap *known, struct known **ent, char **err)
{
	const char **keys = xcalloc(set->n + 1, sizeof(*keys));
	size_t n = 0;
	for (size_t i = 0; i < set->n; i++) {
		void **slot = strmap_put(known, set->v[i].fingerprint);
		if (!*slot) {
			struct known *k = xcalloc(1, sizeof(*k));
			k->fresh = 1;
			snprintf(k->triage, sizeof(k->triage), "unreviewed");
			*slot = k;
			keys[n++] = set->v[i].fingerprint;
		}
		ent[i] = *slot;
	}
	/* one of them already in this run, its rows not sent: send them, so
	 * that the lookup sees it (and its occurrence can be bumped) */
	int rc = TL_OK;
	for (size_t i = 0; i < n && !rc; i++)
		if (strmap_find(&tx->unsent, keys[i]))
			rc = send_rows(tx, err);
	if (!rc)
		rc = lookup_batches(tx, tx->q[Q_SEL_FINDINGS], keys, n, finding_found, known, err);
	free(keys);
	struct tl_bulk *b = tx->bulk[B_FINDINGS];
	for (size_t i = 0; i < set->n && !rc; i++) {
		const struct tl_report *r = &set->v[i];
		if (!ent[i]->fresh || ent[i]->id)
			continue;
		ent[i]->id = ++tx->max_finding;
		tl_bulk_int64(b, 1, ent[i]->id);
		tl_bulk_text(b, 2, r->fingerprint);
		tl_bulk_text(b, 3, r->rule);
		tl_bulk_text(b, 4, r->checker);
		tl_bulk_int64(b, 5, file_of(tx, r->file));
		tl_bulk_text(b, 6, r->function);
		tl_bulk_int64(b, 7, tx->run_id);
		tl_bulk_int64(b, 8, tx->run_id);
		tl_bulk_text(b, 9, "new");
		int step = tl_bulk_row(b);
		if (step)
			rc = bulk_fail(tx, step, err);
	}
	return rc;
}

/* One report, its finding known (k). Its occurrence is written after the
 * set (set_occurrences), with the reports of every TU that carried it. */
static int add_one(struct tl_run_tx *tx, const struct tl_report *r, size_t i, struct known *k,
		   char **err)
{
	int64_t n = r->reports > 0 ? r->reports : 1;
	int rc;
	if (k->occ) { /* again in this set: another TU */
		k->reports += n;
		return TL_OK;
	}
	if (!k->fresh && k->last == tx->run_id) { /* in an earlier set of this run */
		bind_int64(tx, tx->q[Q_BUMP_OCC], 1, tx->run_id);
		bind_int64(tx, tx->q[Q_BUMP_OCC], 2, k->id);
		bind_int64(tx, tx->q[Q_BUMP_OCC], 3, n);
		return step_done(tx, tx->q[Q_BUMP_OCC], err);
	}
	k->status = k->fresh ? "new" : k->resolved ? "reopened" : "unchanged";
	if (!k->fresh) {
		struct tl_stmt *u = tx->q[Q_UPD_FINDING];
		bind_int64(tx, u, 1, k->id);
		bind_int64(tx, u, 2, tx->run_id);
		bind_text(tx, u, 3, k->status);
		bind_text(tx, u, 4, r->rule);
		bind_text(tx, u, 5, r->checker);
		bind_int64(tx, u, 6, file_of(tx, r->file));
		bind_text(tx, u, 7, r->function);
		if ((rc = step_done(tx, u, err)))
			return rc;
	}
	k->occ = i + 1;
	k->reports = n;
	/* open after apply_source_triage(): a comment suppresses; a removed
	 * comment un-suppresses; otherwise the finding's triage decides */
	int open = r->suppressed ? 0 : k->in_source ? 1 : !tl_triage_suppresses(k->triage);
	count(tx, r->rule, k->status, open);
	return apply_source_triage(tx, k->id, r, k->triage, k->in_source, err);
}

/* The set's occurrences, one per finding, in bulk. */
static int set_occurrences(struct tl_run_tx *tx, const struct tl_report_set *set,
			   struct known **ent, char **err)
{
	struct tl_bulk *b = tx->bulk[B_OCC];
	for (size_t i = 0; i < set->n; i++) {
		const struct tl_report *r = &set->v[i];
		if (ent[i]->occ != i + 1)
			continue;
		tl_bulk_int64(b, 1, tx->run_id);
		tl_bulk_int64(b, 2, ent[i]->id);
		tl_bulk_text(b, 3, ent[i]->status);
		tl_bulk_int64(b, 4, r->line);
		tl_bulk_int64(b, 5, r->col);
		tl_bulk_text(b, 6, r->message);
		tl_bulk_text(b, 7, r->issue_hash);
		tl_bulk_text(b, 8, path_json(tx, r));
		tl_bulk_int64(b, 9, ent[i]->reports);
		int step = tl_bulk_row(b);
		if (step)
			return bulk_fail(tx, step, err);
		if (tl_bulk_kept(b))
			strmap_put(&tx->unsent, r->fingerprint);
	}
	return TL_OK;
}

static void free_known(const char *key, void *value)
{
	(void)key;
	free(value);
}

/*
 * A set of reports in three passes, so that the store is asked in batches
 * and written in bulk rather than a round trip per report: files and
 * fingerprints looked up BATCH at a time (new ones numbered here: writers
 * hold the store's lock), then each report's status, then the
 * occurrences. Parents are sent before children; when streaming, the rows
 * of several sets go together (tl_run_stream).
 */
int tl_run_add(struct tl_run_tx *tx, const struct tl_report_set *set, char **err)
{
	struct strmap known;
	struct known **ent = xcalloc(set->n + 1, sizeof(*ent));
	strmap_init(&known);
	int rc = set_files(tx, set, err);
	if (!rc)
		rc = set_findings(tx, set, &known, ent, err);
	for (size_t i = 0; i < set->n && !rc; i++)
		rc = add_one(tx, &set->v[i], i, ent[i], err);
	if (!rc)
		rc = set_occurrences(tx, set, ent, err);
	size_t kept = 0;
	for (int i = 0; i < B_COUNT; i++)
		kept += tl_bulk_kept(tx->bulk[i]);
	if (!rc && (!tx->stream || kept >= SEND_BYTES))
		rc = send_rows(tx, err);
	strmap_each(&known, free_known);
	strmap_free(&known);
	free(ent);
	return rc;
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
	/* ids given here: the sequences (PostgreSQL) must go on from them */
	if ((rc = send_rows(tx, err)) || (rc = tl_db_ids_copied(tx->s, err)) ||
	    (!tx->partial && (rc = resolve_unseen(tx, err))) || (rc = finish_run(tx, err)) ||
	    (rc = bind_check(tx, NULL, err)) || (rc = tl_db_analyze_grown(tx->s, err)))
		goto fail;
	for (int i = 0; i < Q_COUNT; i++) {
		tl_finalize(tx->q[i]);
		tx->q[i] = NULL;
	}
	for (int i = 0; i < B_COUNT; i++) {
		tl_bulk_free(tx->bulk[i]);
		tx->bulk[i] = NULL;
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
