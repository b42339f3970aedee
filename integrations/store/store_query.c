/*
 * store_query.c - reading the database: list, show, diff, runs, stats.
 * Read-only statements; each call is one implicit read transaction.
 */
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Columns every finding query selects, in this order (see fill_row). */
#define FINDING_COLS \
	"f.id, f.fingerprint, f.rule, f.checker, fi.path, o.line, o.col, f.function, " \
	"o.message, f.detection, f.triage, f.triage_note, f.first_run, f.last_run, f.runtime_tasks"
#define FINDING_FROM \
	" FROM findings f JOIN files fi ON fi.id = f.file_id " \
	"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id"

static void fill_row(struct tl_stmt *st, struct tl_finding_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = tl_col_int64(st, 0);
	r->fingerprint = tl_col_text(st, 1);
	r->rule = tl_col_text(st, 2);
	r->checker = tl_col_text(st, 3);
	r->file = tl_col_text(st, 4);
	r->line = tl_col_int(st, 5);
	r->col = tl_col_int(st, 6);
	r->function = tl_col_text(st, 7);
	r->message = tl_col_text(st, 8);
	r->detection = tl_col_text(st, 9);
	r->triage = tl_col_text(st, 10);
	r->triage_note = tl_col_text(st, 11);
	r->first_run = tl_col_int64(st, 12);
	r->last_run = tl_col_int64(st, 13);
	r->runtime_tasks = tl_col_int(st, 14);
}

static int each_row(struct tl_store *s, struct tl_stmt *st, tl_finding_fn fn, void *arg,
		    long limit, int *more, char **err)
{
	int rc;
	long n = 0;
	if (more)
		*more = 0;
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		if (limit > 0 && n == limit) {
			if (more)
				*more = 1;
			rc = TL_STEP_DONE;
			break;
		}
		struct tl_finding_row r;
		fill_row(st, &r);
		if (tl_col_count(st) > 15)
			r.path_json = tl_col_text(st, 15);
		n++;
		if (fn(arg, &r)) {
			rc = TL_STEP_DONE;
			break;
		}
	}
	if (rc != TL_STEP_DONE) {
		rc = tl_db_fail(s, "cannot read findings", err);
		tl_finalize(st);
		return rc;
	}
	tl_finalize(st);
	return TL_OK;
}

int tl_store_list(struct tl_store *s, const struct tl_list_filter *f,
		  tl_finding_fn fn, void *arg, int *more, char **err)
{
	struct strbuf q;
	sb_init(&q);
	sb_adds(&q, "SELECT " FINDING_COLS FINDING_FROM " WHERE 1 = 1");
	const char *status = f->status ? f->status : "open";
	if (!strcmp(status, "open"))
		sb_adds(&q, " AND f.detection <> 'resolved' AND f.triage NOT IN " TL_SUPPRESSED_SQL);
	else if (!strcmp(status, "new"))
		sb_adds(&q, " AND f.detection IN ('new','reopened') AND f.triage NOT IN "
			TL_SUPPRESSED_SQL);
	else if (!strcmp(status, "resolved"))
		sb_adds(&q, " AND f.detection = 'resolved'");
	else if (!strcmp(status, "suppressed"))
		sb_adds(&q, " AND f.detection <> 'resolved' AND f.triage IN " TL_SUPPRESSED_SQL);
	else if (strcmp(status, "all")) {
		sb_release(&q);
		return tl_error(err, TL_E_USAGE, "unknown status '%s' (new, open, resolved, "
				"suppressed or all)", status);
	}
	if (f->rule)
		sb_adds(&q, " AND f.rule = ?1");
	if (f->file_glob)
		sb_adds(&q, " AND f.file_id IN (SELECT id FROM files WHERE path GLOB ?2)");
	sb_adds(&q, " ORDER BY f.id");
	if (f->limit > 0)
		sb_adds(&q, " LIMIT ?3"); /* limit + 1: the extra row tells there is more */
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, q.buf, &st, err);
	sb_release(&q);
	if (rc)
		return rc;
	int b = 0;
	if (f->rule)
		b |= tl_bind_text(st, 1, f->rule);
	if (f->file_glob)
		b |= tl_bind_text(st, 2, f->file_glob);
	if (f->limit > 0)
		b |= tl_bind_int64(st, 3, (int64_t)f->limit + 1);
	if ((rc = tl_db_bound(s, st, b, err)))
		return rc;
	return each_row(s, st, fn, arg, f->limit, more, err);
}

int tl_store_resolve_id(struct tl_store *s, const char *prefix, int64_t *id, char **err)
{
	size_t n = strlen(prefix);
	char lo[65], hi[65];
	if (n < 4 || n > 64)
		return tl_error(err, TL_E_NOTFOUND, "finding id '%s': give 4 to 64 hex digits", prefix);
	for (size_t i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)prefix[i]))
			return tl_error(err, TL_E_NOTFOUND, "finding id '%s': not hexadecimal", prefix);
		lo[i] = (char)tolower((unsigned char)prefix[i]);
	}
	lo[n] = '\0';
	memcpy(hi, lo, n + 1);
	hi[n] = '~'; /* sorts after every hex digit */
	hi[n + 1] = '\0';
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT id FROM findings WHERE fingerprint >= ?1 "
			       "AND fingerprint < ?2 LIMIT 2", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_text(st, 1, lo) |
				     tl_bind_text(st, 2, hi), err)))
		return rc;
	int found = 0;
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		*id = tl_col_int64(st, 0);
		found++;
	}
	tl_finalize(st);
	if (rc != TL_STEP_DONE)
		return tl_db_fail(s, "cannot read findings", err);
	if (found == 0)
		return tl_error(err, TL_E_NOTFOUND, "no finding with id '%s' in %s", prefix, s->path);
	if (found > 1)
		return tl_error(err, TL_E_NOTFOUND, "finding id '%s' is ambiguous: give more digits",
				prefix);
	return TL_OK;
}

int tl_store_get(struct tl_store *s, int64_t id, tl_finding_fn fn, void *arg, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT " FINDING_COLS ", o.path" FINDING_FROM
			       " WHERE f.id = ?1", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, id), err)))
		return rc;
	return each_row(s, st, fn, arg, 0, NULL, err);
}

int tl_store_events(struct tl_store *s, int64_t id,
		    int (*fn)(void *arg, const struct tl_event_row *ev), void *arg, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT at, by, from_status, to_status, note FROM triage_events "
			       "WHERE finding_id = ?1 ORDER BY id", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, id), err)))
		return rc;
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		struct tl_event_row ev = { tl_col_text(st, 0), tl_col_text(st, 1),
					   tl_col_text(st, 2), tl_col_text(st, 3),
					   tl_col_text(st, 4) };
		if (fn(arg, &ev)) {
			rc = TL_STEP_DONE;
			break;
		}
	}
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot read triage events", err);
}

static int one_int(struct tl_store *s, const char *q, const char *arg, int64_t *out,
		   int *found, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, q, &st, err);
	if (rc)
		return rc;
	if (arg && (rc = tl_db_bound(s, st, tl_bind_text(st, 1, arg), err)))
		return rc;
	rc = tl_step(st);
	*found = rc == TL_STEP_ROW && !tl_col_null(st, 0);
	if (*found)
		*out = tl_col_int64(st, 0);
	tl_finalize(st);
	if (rc != TL_STEP_ROW && rc != TL_STEP_DONE)
		return tl_db_fail(s, "cannot read runs", err);
	return TL_OK;
}

int tl_store_find_run(struct tl_store *s, const char *ref, int64_t *id, char **err)
{
	int found = 0, rc;
	if (!strcmp(ref, "latest") || !strcmp(ref, "last"))
		rc = one_int(s, "SELECT max(id) FROM runs WHERE finished_at IS NOT NULL", NULL, id,
			     &found, err);
	else if (!strcmp(ref, "previous"))
		rc = one_int(s, "SELECT id FROM runs WHERE finished_at IS NOT NULL "
			     "ORDER BY id DESC LIMIT 1 OFFSET 1", NULL, id, &found, err);
	else
		rc = one_int(s, "SELECT id FROM runs WHERE finished_at IS NOT NULL AND "
			     "(name = ?1 OR CAST(id AS TEXT) = ?1)", ref, id, &found, err);
	if (rc)
		return rc;
	if (!found)
		return tl_error(err, TL_E_NOTFOUND, "no run '%s' in %s", ref, s->path);
	return TL_OK;
}

int tl_store_run_root(struct tl_store *s, int64_t id, char **root, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT root FROM runs WHERE id = ?1", &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, id), err)))
		return rc;
	rc = tl_step(st);
	if (rc == TL_STEP_ROW)
		*root = xstrdup(tl_col_text(st, 0));
	tl_finalize(st);
	if (rc == TL_STEP_DONE)
		return tl_error(err, TL_E_NOTFOUND, "no run %lld in %s", (long long)id, s->path);
	return rc == TL_STEP_ROW ? TL_OK : tl_db_fail(s, "cannot read runs", err);
}

int tl_store_previous_run(struct tl_store *s, int64_t id, int64_t *prev, char **err)
{
	char buf[32];
	int found;
	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	int rc = one_int(s, "SELECT max(id) FROM runs WHERE finished_at IS NOT NULL "
			 "AND id < CAST(?1 AS BIGINT)", buf, prev, &found, err);
	if (!rc && !found)
		*prev = 0;
	return rc;
}

/*
 * diff: for the usual case, base = the run just before head, the statuses
 * stored with head's occurrences already are the answer (and use the
 * (run_id, status) index). For any other pair, only findings that changed
 * status (new, reopened, resolved rows) in some run between the two can
 * differ between them, so those few are the candidates, each checked for
 * presence in both runs: the cost follows the changes, not the database.
 * (CROSS JOIN keeps runs as the outer loop, so each run's changes are
 * found by seeks on (run_id, status) rather than a scan of its rows.)
 * A finding seen in head only is new (reopened when it was seen before
 * base), in base only resolved, in both unchanged (that list alone needs
 * a pass over head's occurrences).
 */
#define DIFF_JOINS \
	" JOIN findings f ON f.id = c.id JOIN files fi ON fi.id = f.file_id " \
	"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id"
#define SEEN_IN(run) \
	"EXISTS (SELECT 1 FROM occurrences x WHERE x.run_id = " run " AND x.finding_id = f.id " \
	"AND x.status <> 'resolved')"
#define CHANGED \
	"WITH c(id) AS (SELECT DISTINCT oc.finding_id FROM runs r CROSS JOIN occurrences oc " \
	"ON oc.run_id = r.id AND oc.status IN ('new','reopened','resolved') " \
	"WHERE r.id > min(CAST(?1 AS BIGINT), CAST(?2 AS BIGINT)) " \
	"AND r.id <= max(CAST(?1 AS BIGINT), CAST(?2 AS BIGINT))) "

static const char *const diff_adjacent[] = {
	/* new and reopened, from head's statuses */
	"SELECT " FINDING_COLS ", h.status FROM occurrences h "
	"JOIN findings f ON f.id = h.finding_id JOIN files fi ON fi.id = f.file_id "
	"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id "
	"WHERE h.run_id = ?2 AND h.status IN ('new','reopened')",
	"SELECT " FINDING_COLS ", h.status FROM occurrences h "
	"JOIN findings f ON f.id = h.finding_id JOIN files fi ON fi.id = f.file_id "
	"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id "
	"WHERE h.run_id = ?2 AND h.status = 'resolved'",
	"SELECT " FINDING_COLS ", h.status FROM occurrences h "
	"JOIN findings f ON f.id = h.finding_id JOIN files fi ON fi.id = f.file_id "
	"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id "
	"WHERE h.run_id = ?2 AND h.status = 'unchanged'",
};

static const char *const diff_general[] = {
	CHANGED "SELECT " FINDING_COLS ", CASE WHEN EXISTS (SELECT 1 FROM occurrences e "
	"WHERE e.finding_id = f.id AND e.run_id < ?1 AND e.status <> 'resolved') "
	"THEN 'reopened' ELSE 'new' END FROM c" DIFF_JOINS
	" WHERE " SEEN_IN("?2") " AND NOT " SEEN_IN("?1"),
	CHANGED "SELECT " FINDING_COLS ", 'resolved' FROM c" DIFF_JOINS
	" WHERE " SEEN_IN("?1") " AND NOT " SEEN_IN("?2"),
	"SELECT " FINDING_COLS ", 'unchanged' FROM occurrences h "
	"JOIN findings f ON f.id = h.finding_id JOIN files fi ON fi.id = f.file_id "
	"JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id "
	"JOIN occurrences b ON b.run_id = ?1 AND b.finding_id = f.id AND b.status <> 'resolved' "
	"WHERE h.run_id = ?2 AND h.status <> 'resolved'",
};

/* One part of a diff (its rows in finding order) handed to fn. */
static int diff_part(struct tl_store *s, const char *part, int64_t base, int64_t head,
		     tl_finding_fn fn, void *arg, char **err)
{
	struct strbuf q;
	struct tl_stmt *st;
	sb_init(&q);
	sb_addf(&q, "%s ORDER BY f.id", part);
	int rc = tl_db_prepare(s, q.buf, &st, err);
	sb_release(&q);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, base) | tl_bind_int64(st, 2, head), err)))
		return rc;
	int step;
	while ((step = tl_step(st)) == TL_STEP_ROW) {
		struct tl_finding_row r;
		fill_row(st, &r);
		r.detection = tl_col_text(st, 15);
		if (fn(arg, &r))
			break;
	}
	tl_finalize(st);
	if (step != TL_STEP_ROW && step != TL_STEP_DONE)
		return tl_db_fail(s, "cannot compare runs", err);
	return TL_OK;
}

int tl_store_diff(struct tl_store *s, int64_t base, int64_t head, int which,
		  tl_finding_fn fn, void *arg, char **err)
{
	int64_t prev;
	int rc = tl_store_previous_run(s, head, &prev, err);
	if (rc)
		return rc;
	const char *const *parts = prev == base ? diff_adjacent : diff_general;
	for (int i = 0; i < 3 && !rc; i++)
		if (which & (1 << i))
			rc = diff_part(s, parts[i], base, head, fn, arg, err);
	return rc;
}

int tl_store_runs(struct tl_store *s, int (*fn)(void *arg, const struct tl_run_row *r),
		  void *arg, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT id, name, started_at, finished_at, tool, source, n_new, "
			       "n_unchanged, n_reopened, n_resolved FROM runs "
			       "WHERE finished_at IS NOT NULL ORDER BY id", &st, err);
	if (rc)
		return rc;
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		struct tl_run_row r = {
			tl_col_int64(st, 0), tl_col_text(st, 1), tl_col_text(st, 2),
			tl_col_text(st, 3), tl_col_text(st, 4), tl_col_text(st, 5),
			tl_col_int(st, 6), tl_col_int(st, 7),
			tl_col_int(st, 8), tl_col_int(st, 9),
		};
		if (fn(arg, &r)) {
			rc = TL_STEP_DONE;
			break;
		}
	}
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot read runs", err);
}

/* A (key, count) tally, in first-seen order. */
struct tally {
	char **keys;
	long *counts;
	size_t n;
};

static void tally_add(struct tally *t, const char *key, long n)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->keys[i], key)) {
			t->counts[i] += n;
			return;
		}
	t->keys = xrealloc(t->keys, (t->n + 1) * sizeof(*t->keys));
	t->counts = xrealloc(t->counts, (t->n + 1) * sizeof(*t->counts));
	t->keys[t->n] = xstrdup(key);
	t->counts[t->n++] = n;
}

/* Sorts by key, so the output does not depend on table order. */
static void tally_sort(struct tally *t)
{
	for (size_t i = 1; i < t->n; i++) /* a few dozen keys: insertion sort */
		for (size_t j = i; j > 0 && strcmp(t->keys[j - 1], t->keys[j]) > 0; j--) {
			char *k = t->keys[j];
			long c = t->counts[j];
			t->keys[j] = t->keys[j - 1];
			t->counts[j] = t->counts[j - 1];
			t->keys[j - 1] = k;
			t->counts[j - 1] = c;
		}
}

static void tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->counts);
}

/* One pass over findings (NOT INDEXED: in table order, which is what a
 * full count wants; through the rule index it is random reads), tallied
 * here by detection, by triage, and open ones by rule. */
int tl_store_stats(struct tl_store *s, int (*fn)(void *arg, const struct tl_stat_row *r),
		   void *arg, char **err)
{
	struct tl_stmt *st;
	struct tally t[3] = { { 0 } };
	static const char *const group[3] = { "detection", "triage", "rule" };
	/* grouped here rather than by SQL: GROUP BY without an index sorts
	 * every row, and there are only a few dozen groups */
	int rc = tl_db_prepare(s, "SELECT detection, triage, rule, 1 FROM findings NOT INDEXED", &st, err);
	if (rc)
		return rc;
	while ((rc = tl_step(st)) == TL_STEP_ROW) {
		const char *det = tl_col_text(st, 0), *tri = tl_col_text(st, 1);
		long n = (long)tl_col_int64(st, 3);
		tally_add(&t[0], det, n);
		tally_add(&t[1], tri, n);
		if (strcmp(det, "resolved") && !tl_triage_suppresses(tri))
			tally_add(&t[2], tl_col_text(st, 2), n);
	}
	tl_finalize(st);
	if (rc != TL_STEP_DONE)
		rc = tl_db_fail(s, "cannot read statistics", err);
	else
		rc = TL_OK;
	for (int g = 0; g < 3 && !rc; g++) {
		tally_sort(&t[g]);
		for (size_t i = 0; i < t[g].n; i++) {
			struct tl_stat_row r = { group[g], t[g].keys[i], t[g].counts[i] };
			if (fn(arg, &r))
				break;
		}
	}
	for (int g = 0; g < 3; g++)
		tally_free(&t[g]);
	return rc;
}
