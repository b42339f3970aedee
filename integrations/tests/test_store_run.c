/* test_store_run.c - detection statuses across runs, dedupe inside a run,
 * triage that holds, in-source suppression, and rollback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "common/strbuf.h"
#include "common/tl_error.h"
#include "store/store.h"
#include "test_util.h"

struct fx {
	char *path;
	struct tl_store *s;
	char *err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->path = tmp_path("f.db");
	if (tl_store_open(f->path, TL_STORE_CREATE | TL_STORE_WRITE, &f->s, &f->err))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tl_store_close(f->s);
	rm_tree(f->path);
	free(f->path);
	free(f->err);
	free(f);
	return 0;
}

/* A report whose fingerprint is its name, padded ("A" -> "a000..."). */
static void add(struct tl_report_set *set, char name, const char *suppress)
{
	struct tl_report *r = tl_report_set_add(set);
	r->rule = xstrdup("TL101");
	r->checker = xstrdup("taskleak.lifetime.UnjoinedTask");
	r->message = xstrdup("never joined");
	r->file = xstrdup("src/a.c");
	r->line = 10;
	r->col = 3;
	memset(r->fingerprint, '0', 64);
	r->fingerprint[0] = (char)(name - 'A' + 'a');
	r->fingerprint[64] = '\0';
	struct tl_step *st = tl_report_add_step(r);
	st->file = xstrdup("src/a.c");
	st->line = 9;
	st->message = xstrdup("spawned \"here\"");
	if (suppress) {
		r->suppressed = 1;
		r->suppress_reason = xstrdup(suppress);
	}
}

/* Stores a run of the named findings; suppressed ones are lower case. */
static void run(struct fx *f, const char *names, struct tl_run_summary *sum)
{
	struct tl_report_set set;
	struct tl_run_tx *tx;
	struct tl_run_info info = { NULL, "/p", "test", "import", NULL, NULL };
	tl_report_set_init(&set);
	for (const char *p = names; *p; p++)
		add(&set, (char)(*p & ~0x20), (*p & 0x20) ? "on purpose" : NULL);
	assert_int_equal(tl_run_begin(f->s, &info, &tx, &f->err), TL_OK);
	assert_int_equal(tl_run_add(tx, &set, &f->err), TL_OK);
	assert_int_equal(tl_run_commit(tx, sum, &f->err), TL_OK);
	tl_report_set_clear(&set);
}

static char *status_in(struct fx *f, int64_t run_id, char name)
{
	char fp[65];
	memset(fp, '0', 64);
	fp[0] = (char)(name - 'A' + 'a');
	fp[64] = '\0';
	sqlite3_stmt *st;
	sqlite3_prepare_v2(f->s->db, "SELECT o.status FROM occurrences o JOIN findings f ON f.id = "
			   "o.finding_id WHERE o.run_id = ?1 AND f.fingerprint = ?2", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, fp, -1, SQLITE_STATIC);
	char *r = xstrdup(sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "absent");
	sqlite3_finalize(st);
	return r;
}

#define ASSERT_STATUS(f, run, name, want) do { \
	char *got_ = status_in(f, run, name); \
	assert_string_equal(got_, want); \
	free(got_); } while (0)

static void four_statuses(void **state)
{
	struct fx *f = *state;
	struct tl_run_summary s1, s2, s3;
	run(f, "AB", &s1);
	assert_int_equal(s1.n_new, 2);
	assert_string_equal(s1.name, "run-1");
	run(f, "AC", &s2);
	assert_int_equal(s2.n_new, 1);
	assert_int_equal(s2.n_unchanged, 1);
	assert_int_equal(s2.n_resolved, 1);
	ASSERT_STATUS(f, s2.run_id, 'A', "unchanged");
	ASSERT_STATUS(f, s2.run_id, 'B', "resolved");
	ASSERT_STATUS(f, s2.run_id, 'C', "new");
	run(f, "AB", &s3);
	ASSERT_STATUS(f, s3.run_id, 'B', "reopened");
	ASSERT_STATUS(f, s3.run_id, 'C', "resolved");
	ASSERT_STATUS(f, s3.run_id, 'A', "unchanged");
	assert_int_equal(s3.n_reopened, 1);
	assert_int_equal(s3.gate_new, 1);   /* reopened counts for the gate */
	assert_int_equal(s3.gate_any, 2);
	tl_run_summary_free(&s1);
	tl_run_summary_free(&s2);
	tl_run_summary_free(&s3);
}

static void same_fingerprint_twice_is_one_occurrence(void **state)
{
	struct fx *f = *state;
	struct tl_run_summary s;
	run(f, "AAB", &s);
	assert_int_equal(s.n_new, 2);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(f->s->db, "SELECT reports FROM occurrences WHERE finding_id = 1", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
	/* the path is valid JSON, quotes escaped */
	sqlite3_prepare_v2(f->s->db, "SELECT json_valid(path), path ->> '$[0].message', "
			   "path ->> '$[0].line', path ->> '$[0].file' FROM occurrences WHERE finding_id = 1",
			   -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "spawned \"here\"");
	assert_int_equal(sqlite3_column_int(st, 2), 9);
	assert_string_equal((const char *)sqlite3_column_text(st, 3), "src/a.c");
	sqlite3_finalize(st);
	tl_run_summary_free(&s);
}

static int collect(void *arg, const struct tl_finding_row *r)
{
	struct strbuf *sb = arg;
	sb_addf(sb, "%c:%s:%s;", r->fingerprint[0], r->detection, r->triage);
	return 0;
}

static void triage_holds_across_runs(void **state)
{
	struct fx *f = *state;
	struct tl_run_summary s;
	int64_t id;
	char *from = NULL;
	run(f, "AB", &s);
	tl_run_summary_free(&s);
	assert_int_equal(tl_store_resolve_id(f->s, "a000", &id, &f->err), TL_OK);
	assert_int_equal(tl_store_triage(f->s, id, "false-positive", "not a leak", "ann", &from, &f->err), TL_OK);
	assert_string_equal(from, "unreviewed");
	free(from);
	run(f, "AB", &s);
	assert_int_equal(s.gate_any, 1); /* only B counts */
	assert_int_equal(s.gate_new, 0);
	tl_run_summary_free(&s);
	run(f, "B", &s);  /* A goes away ... */
	tl_run_summary_free(&s);
	run(f, "AB", &s); /* ... and comes back: reopened, still suppressed */
	assert_int_equal(s.n_reopened, 1);
	assert_int_equal(s.gate_new, 0);
	tl_run_summary_free(&s);
	struct strbuf sb;
	sb_init(&sb);
	struct tl_list_filter all = { "all", NULL, NULL, 0 }, open = { "open", NULL, NULL, 0 };
	assert_int_equal(tl_store_list(f->s, &all, collect, &sb, NULL, &f->err), TL_OK);
	assert_string_equal(sb.buf, "a:reopened:false-positive;b:unchanged:unreviewed;");
	sb_reset(&sb);
	assert_int_equal(tl_store_list(f->s, &open, collect, &sb, NULL, &f->err), TL_OK);
	assert_string_equal(sb.buf, "b:unchanged:unreviewed;");
	sb_release(&sb);
}

static void in_source_suppression_and_its_removal(void **state)
{
	struct fx *f = *state;
	struct tl_run_summary s;
	run(f, "aB", &s);   /* A carries a taskleak-ignore comment */
	assert_int_equal(s.gate_any, 1);
	tl_run_summary_free(&s);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(f->s->db, "SELECT triage, triage_note, triage_in_source FROM findings "
			   "WHERE id = 1", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "intentional");
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "on purpose");
	sqlite3_finalize(st);
	run(f, "aB", &s);   /* unchanged: no second event */
	tl_run_summary_free(&s);
	run(f, "AB", &s);   /* comment removed */
	assert_int_equal(s.gate_any, 2);
	tl_run_summary_free(&s);
	sqlite3_prepare_v2(f->s->db, "SELECT group_concat(by || ':' || from_status || '>' || to_status, ' ') "
			   "FROM triage_events WHERE finding_id = 1", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "taskleak-ignore:unreviewed>intentional taskleak-ignore:intentional>unreviewed");
	sqlite3_finalize(st);
}

static void abort_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct tl_report_set set;
	struct tl_run_tx *tx;
	struct tl_run_info info = { "doomed", "/p", NULL, "import", NULL, NULL };
	tl_report_set_init(&set);
	add(&set, 'A', NULL);
	assert_int_equal(tl_run_begin(f->s, &info, &tx, &f->err), TL_OK);
	assert_int_equal(tl_run_add(tx, &set, &f->err), TL_OK);
	tl_run_abort(tx);
	tl_report_set_clear(&set);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(f->s->db, "SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM findings) "
			   "+ (SELECT count(*) FROM occurrences) + (SELECT count(*) FROM files)", -1, &st, NULL);
	sqlite3_step(st);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
}

static void run_names_are_unique(void **state)
{
	struct fx *f = *state;
	struct tl_run_tx *tx;
	struct tl_run_summary s;
	struct tl_run_info info = { "nightly", "/p", NULL, "import", NULL, NULL };
	assert_int_equal(tl_run_begin(f->s, &info, &tx, &f->err), TL_OK);
	assert_int_equal(tl_run_commit(tx, &s, &f->err), TL_OK);
	tl_run_summary_free(&s);
	assert_int_equal(tl_run_begin(f->s, &info, &tx, &f->err), TL_E_USAGE);
	assert_non_null(strstr(f->err, "a run named 'nightly' already exists"));
}

static void id_prefixes(void **state)
{
	struct fx *f = *state;
	struct tl_run_summary s;
	int64_t id;
	run(f, "AB", &s);
	tl_run_summary_free(&s);
	assert_int_equal(tl_store_resolve_id(f->s, "B000", &id, &f->err), TL_OK); /* any case */
	assert_int_equal(id, 2);
	assert_int_equal(tl_store_resolve_id(f->s, "c000", &id, &f->err), TL_E_NOTFOUND);
	assert_int_equal(tl_store_resolve_id(f->s, "a0", &id, &f->err), TL_E_NOTFOUND);
	assert_int_equal(tl_store_resolve_id(f->s, "zzzz", &id, &f->err), TL_E_NOTFOUND);
	assert_int_equal(tl_store_resolve_id(f->s, "0000", &id, &f->err), TL_E_NOTFOUND);
}

/* issue 13: a text over SQLite's length limit failed to bind and was
 * stored as NULL, the error ignored. Now the run fails and stores nothing.
 * (The limit is lowered here; in the field it is 1 GB.) */
static void oversized_text_fails_the_run(void **state)
{
	struct fx *f = *state;
	struct tl_report_set set;
	struct tl_run_tx *tx;
	struct tl_run_info info = { "big", "/p", "test", "import", NULL, NULL };
	tl_report_set_init(&set);
	add(&set, 'A', NULL);
	free(set.v[0].message);
	set.v[0].message = malloc(5001);
	memset(set.v[0].message, 'x', 5000);
	set.v[0].message[5000] = '\0';
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 4096);
	assert_int_equal(tl_run_begin(f->s, &info, &tx, &f->err), TL_OK);
	assert_int_equal(tl_run_add(tx, &set, &f->err), TL_E_INPUT);
	assert_non_null(strstr(f->err, "a report's text is larger than the database allows"));
	tl_run_abort(tx);
	tl_report_set_clear(&set);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(f->s->db, "SELECT count(*) FROM occurrences", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
}

/* The same for a triage note (store_triage.c). */
static void oversized_note_fails_the_triage(void **state)
{
	struct fx *f = *state;
	struct tl_run_summary sum;
	run(f, "A", &sum);
	tl_run_summary_free(&sum);
	char note[5001];
	memset(note, 'n', 5000);
	note[5000] = '\0';
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 4096);
	assert_int_equal(tl_store_triage(f->s, 1, "confirmed", note, "me", NULL, &f->err), TL_E_USAGE);
	assert_non_null(strstr(f->err, "larger than the database allows"));
	sqlite3_stmt *st;
	sqlite3_prepare_v2(f->s->db, "SELECT triage FROM findings WHERE id = 1", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "unreviewed");
	sqlite3_finalize(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(four_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(same_fingerprint_twice_is_one_occurrence, setup, teardown),
		cmocka_unit_test_setup_teardown(triage_holds_across_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(in_source_suppression_and_its_removal, setup, teardown),
		cmocka_unit_test_setup_teardown(abort_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(run_names_are_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(id_prefixes, setup, teardown),
		cmocka_unit_test_setup_teardown(oversized_text_fails_the_run, setup, teardown),
		cmocka_unit_test_setup_teardown(oversized_note_fails_the_triage, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
