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
	/* PostgreSQL matches GLOB as an anchored regular expression, whose
	 * literal prefix its planner turns into a range on the path index;
	 * bound as is (SQLite keeps the pointer): freed after the rows */
	char *glob = f->file_glob ? tl_db_glob(s, f->file_glob) : NULL;
	if (glob)
		b |= tl_bind_text(st, 2, glob);
	if (f->limit > 0)
		b |= tl_bind_int64(st, 3, (int64_t)f->limit + 1);
	if (!(rc = tl_db_bound(s, st, b, err)))
		rc = each_row(s, st, fn, arg, f->limit, more, err);
	free(glob);
	return rc;
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
 * A finding that came to be seen after base has a new or reopened row in
 * between, one that went away a resolved row, so each part takes only
 * its own kind of change as candidates (the other kind when base is the
 * later run). The runs in between are written into the statement as a
 * list of ids (%s, changes_between): each (run, status) pair is one seek
 * on (run_id, status), and PostgreSQL's planner, which sees constants,
 * estimates the few rows they bring from its (run_id, status) statistics;
 * given them as a join with runs, it expected a third of each run's rows
 * and joined whole tables (940 ms at 1M findings).
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
	"WITH c(id) AS (SELECT DISTINCT oc.finding_id FROM occurrences oc WHERE %s) "

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

/* The ids of the runs after min(a, b) up to max(a, b), comma-separated,
 * into ids (nothing when there are none). */
static int runs_between(struct tl_store *s, int64_t a, int64_t b, struct strbuf *ids,
			char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT id FROM runs WHERE id > ?1 AND id <= ?2 ORDER BY id",
			       &st, err);
	if (rc)
		return rc;
	if ((rc = tl_db_bound(s, st, tl_bind_int64(st, 1, a < b ? a : b) |
				     tl_bind_int64(st, 2, a < b ? b : a), err)))
		return rc;
	while ((rc = tl_step(st)) == TL_STEP_ROW)
		sb_addf(ids, "%s%lld", ids->len ? "," : "", (long long)tl_col_int64(st, 0));
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot read runs", err);
}

/* The candidates of part (0 new, 1 resolved) of a diff from base to head:
 * the changes that make a finding appear, or go, on the way from base to
 * head, in the runs in between (runs). */
static void changes_between(struct strbuf *where, const char *runs, int part, int64_t base,
			    int64_t head)
{
	int appear = (part == 0) == (base < head);
	sb_reset(where);
	sb_addf(where, "oc.run_id IN (%s) AND oc.status IN %s", runs,
		appear ? "('new','reopened')" : "('resolved')");
}

/* One part of a diff (its rows in finding order) handed to fn; cands
 * replaces the part's %s (which changes are candidates, diff_general). */
static int diff_part(struct tl_store *s, const char *part, const char *cands, int64_t base,
		     int64_t head, tl_finding_fn fn, void *arg, char **err)
{
	struct strbuf q;
	struct tl_stmt *st;
	const char *at = strstr(part, "%s");
	sb_init(&q);
	if (at) {
		sb_add(&q, part, (size_t)(at - part));
		sb_adds(&q, cands);
		part = at + 2;
	}
	sb_adds(&q, part);
	sb_adds(&q, " ORDER BY f.id");
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
	struct strbuf runs, where;
	sb_init(&runs);
	sb_init(&where);
	if (parts == diff_general && (which & 3))
		rc = runs_between(s, base, head, &runs, err);
	for (int i = 0; i < 3 && !rc; i++) {
		if (!(which & (1 << i)))
			continue;
		if (parts == diff_general && i < 2 && !runs.len)
			continue; /* no run in between: nothing new, nothing resolved */
		if (parts == diff_general && i < 2)
			changes_between(&where, runs.buf, i, base, head);
		rc = diff_part(s, parts[i], where.buf, base, head, fn, arg, err);
	}
	sb_release(&where);
	sb_release(&runs);
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
