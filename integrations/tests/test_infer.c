/* test_infer.c - `taskleak models infer` on small sources: which
 * functions become model rows (wrappers, wrappers of wrappers, macro
 * bodies, struct handles, free wrappers, borrows), which do not (spawn then
 * detach, a fixed entry, a status not passed on), units that do not
 * parse, the per-unit cache, and that every file written loads with the
 * plugin's own loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/tl_error.h"
#include "infer/project_model.h"
#include "model_project.h"

/* A project in a temporary folder: NULL-terminated name, text pairs. */
static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void make_project(const char *const *files)
{
	struct strbuf cdb;
	strcpy(dir, "/tmp/tl-test-infer-XXXXXX");
	assert_non_null(mkdtemp(dir));
	sb_init(&cdb);
	sb_adds(&cdb, "[");
	for (size_t i = 0; files[i]; i += 2) {
		write_file(files[i], files[i + 1]);
		if (strstr(files[i], ".c"))
			sb_addf(&cdb, "%s{\"directory\": \"%s\", \"file\": \"%s\", "
				"\"arguments\": [\"cc\", \"-c\", \"%s\"]}",
				cdb.len > 1 ? "," : "", dir, files[i], files[i]);
	}
	sb_adds(&cdb, "]");
	write_file("compile_commands.json", cdb.buf);
	sb_release(&cdb);
}

static void remove_project(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static char skipped_msg[512];
static void on_skip(void *arg, const char *msg)
{
	(void)arg;
	snprintf(skipped_msg, sizeof(skipped_msg), "%s", msg);
}

/* Infers over the project; the file must load with the built-in models. */
static tl_model_set *infer(bool handle_fields, const char *cache, struct tl_infer_stats *st)
{
	struct tl_project_model_req r;
	char path[128], *json = NULL, *err = NULL;
	tl_model_set *set = tl_models_new();

	snprintf(path, sizeof(path), "%s/compile_commands.json", dir);
	tl_project_model_req_init(&r);
	r.compdb = path;
	r.opts.root = dir;
	r.opts.jobs = 2;
	r.opts.no_handle_fields = !handle_fields;
	r.opts.cache_dir = cache;
	r.opts.skipped = on_skip;
	r.opts.bad_annotation = on_skip;
	assert_int_equal(tl_project_model(&r, &json, st, &err), TL_OK);
	tl_project_model_req_release(&r);
	assert_int_equal(tl_models_load_builtin(set, &err), 0);
	size_t builtin = tl_models_count(set);
	if (tl_models_load_buffer(set, "inferred.json", json, strlen(json), &err))
		fail_msg("the inferred file does not load: %s\n%s", err, json);
	assert_int_equal(tl_models_count(set) - builtin, st->rows + st->keeps);
	free(json);
	return set;
}

static const char thr_h[] =
	"typedef unsigned long pthread_t;\n"
	"int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);\n"
	"int pthread_join(pthread_t, void **);\n"
	"int pthread_detach(pthread_t);\n"
	"void free(void *);\n"
	"#define NULL ((void *)0)\n";

static void spawn_and_join_wrappers_in_another_file(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"thr.c", "#include \"thr.h\"\n"
			 "int thr_start(pthread_t *t, void *(*fn)(void *), void *arg)\n"
			 "{ return pthread_create(t, NULL, fn, arg); }\n"
			 "void thr_wait(pthread_t *t) { pthread_join(*t, NULL); }\n",
		"main.c", "#include \"thr.h\"\n"
			  "int thr_start(pthread_t *, void *(*)(void *), void *);\n"
			  "static void *work(void *a) { return a; }\n"
			  "int run(void) { pthread_t t; return thr_start(&t, work, NULL); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "thr_start");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->handle_out_arg, 0);
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	assert_int_equal(m->attr_arg, TL_NO_ARG);
	assert_int_equal(m->success, TL_SUCCESS_ZERO);
	assert_string_equal(m->origin, "thr.c:2");
	m = tl_models_lookup(set, "thr_wait");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_JOIN);
	assert_true(m->handle_by_pointer);
	assert_null(tl_models_lookup(set, "run"));
	assert_int_equal(st.units, 2);
	assert_int_equal(st.rows, 2);
	tl_models_free(set);
	remove_project();
}

static void wrapper_of_wrapper_through_a_macro(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"thr.c", "#include \"thr.h\"\n"
			 "#define THR_CREATE(t, f, a) pthread_create((t), NULL, (f), (a))\n"
			 "int thr_go(pthread_t *t, void *(*f)(void *), void *a)\n"
			 "{ return THR_CREATE(t, f, a); }\n",
		"pool.c", "#include \"thr.h\"\n"
			  "int thr_go(pthread_t *, void *(*)(void *), void *);\n"
			  "int pool_add(void *arg, pthread_t *slot, void *(*fn)(void *))\n"
			  "{ return thr_go(slot, fn, arg); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "pool_add");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->handle_out_arg, 1);
	assert_int_equal(m->entry_arg, 2);
	assert_int_equal(m->entry_param_arg, 0);
	assert_string_equal(m->origin, "pool.c:3");
	assert_non_null(tl_models_lookup(set, "thr_go"));
	tl_models_free(set);
	remove_project();
}

static void struct_handle_written_unless_left_out(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.c", "#include \"thr.h\"\n"
			 "typedef struct { int started; pthread_t id; } thr_t;\n"
			 "int thr_start(thr_t *t, void *(*fn)(void *), void *arg)\n"
			 "{ return pthread_create(&t->id, NULL, fn, arg); }\n"
			 "void thr_join(thr_t *t) { pthread_join(t->id, NULL); }\n",
		"thr.h", thr_h,
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	assert_int_equal(st.rows, 0);
	assert_int_equal(st.held_back, 2);
	tl_models_free(set);
	set = infer(true, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "thr_start");
	assert_non_null(m);
	assert_string_equal(m->handle_field, "id");
	m = tl_models_lookup(set, "thr_join");
	assert_non_null(m);
	assert_true(m->handle_by_pointer);
	assert_string_equal(m->handle_field, "id");
	tl_models_free(set);
	remove_project();
}

/* A function that only lends a handle to borrowers is a borrow; one that
 * stores it, passes it on or joins it is not. */
static void borrow_inferred(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", "typedef unsigned long pthread_t;\n"
			 "int pthread_setname_np(pthread_t, const char *);\n"
			 "int pthread_join(pthread_t, void **);\n"
			 "void lock(int *);\n"
			 "void list_push(pthread_t);\n"
			 "typedef struct { pthread_t tid; int mtx, started; } thr_t;\n",
		"thr.c", "#include \"thr.h\"\n"
			 "void thr_name(thr_t *t, const char *n) { pthread_setname_np(t->tid, n); }\n"
			 "void thr_run(thr_t *t) { lock(&t->mtx); t->started = 1; thr_name(t, \"w\"); }\n"
			 "pthread_t kept;\n"
			 "void thr_keep(pthread_t t) { pthread_setname_np(t, \"k\"); kept = t; }\n"
			 "void thr_give(pthread_t t) { pthread_setname_np(t, \"g\"); list_push(t); }\n"
			 "void thr_stop(pthread_t t) { pthread_setname_np(t, \"s\"); pthread_join(t, 0); }\n"
			 "void thr_lend(pthread_t t) { if (pthread_setname_np(t, \"l\")) return; }\n"
			 "void thr_label(thr_t *t, const char *n)\n"
			 "{ if (t == 0) return; pthread_setname_np(t->tid, n); }\n"
			 "typedef struct { thr_t thr; } nthr;\n"
			 "void nthr_set_name(nthr *t, const char *n)\n"
			 "{ thr_label(t != 0 ? &t->thr : 0, n); }\n"
			 "void nthr_flip(nthr *t, const char *n)\n"
			 "{ thr_label(t == 0 ? 0 : &t->thr, n); }\n"
			 "thr_t other;\n"
			 "void nthr_either(nthr *t, const char *n)\n"
			 "{ thr_label(t != 0 ? &t->thr : &other, n); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "thr_name");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_BORROW);
	assert_int_equal(m->handle_arg, 0);
	assert_true(m->handle_by_pointer);
	assert_string_equal(m->handle_field, "tid");
	m = tl_models_lookup(set, "thr_run");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_BORROW);
	assert_string_equal(m->handle_field, "tid");
	m = tl_models_lookup(set, "thr_lend");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_BORROW);
	assert_false(m->handle_by_pointer);
	/* nng's nni_plat_thr_set_name: a null test first keeps nothing */
	m = tl_models_lookup(set, "thr_label");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_BORROW);
	assert_string_equal(m->handle_field, "tid");
	/* nng's nni_thr_set_name: the handle or NULL, either way round */
	const char *choices[] = { "nthr_set_name", "nthr_flip" };
	for (int i = 0; i < 2; i++) {
		m = tl_models_lookup(set, choices[i]);
		assert_non_null(m);
		assert_int_equal(m->role, TL_ROLE_BORROW);
		assert_int_equal(m->handle_arg, 0);
		assert_string_equal(m->handle_field, "thr.tid");
	}
	assert_null(tl_models_lookup(set, "nthr_either")); /* another object: not a lend */
	assert_null(tl_models_lookup(set, "thr_keep"));
	assert_null(tl_models_lookup(set, "thr_give"));
	assert_int_equal(tl_models_lookup(set, "thr_stop")->role, TL_ROLE_JOIN);
	tl_models_free(set);
	remove_project();
}

/* Owner fields and entry summaries across units: a field filled in one
 * file, joined in another; an entry that detaches itself. */
/* Role keep: functions an owner may be handed across files without its
 * tasks escaping; transitively, and never one that stores, frees, joins,
 * names a handle field or hands the object to an unknown function. */
static void keeps_across_units(void **state)
{
	(void)state;
	const char *files[] = {
		"conn.h", "typedef unsigned long pthread_t;\n"
			  "int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);\n"
			  "int pthread_join(pthread_t, void **);\n"
			  "void free(void *);\n"
			  "void unknown_fn(void *);\n"
			  "struct conn { pthread_t t; char *name; int fd; };\n"
			  "struct pair { pthread_t a; };\n"
			  "void xfree(void *p);\n",
		"start.c", "#include \"conn.h\"\n"
			   "static void *loop(void *a) { return a; }\n"
			   "int conn_start(struct conn *c) { return pthread_create(&c->t, 0, loop, c); }\n"
			   "void xfree(void *p) { free(p); }\n",
		"helpers.c", "#include \"conn.h\"\n"
			     "static struct conn *saved;\n"
			     "void conn_clear(struct conn *c) { if (!c) return; xfree(c->name); c->name = 0; }\n"
			     "void conn_log(struct conn *c) { if (c && c->fd != -1) conn_clear(c); }\n"
			     "void conn_stash(struct conn *c) { saved = c; }\n"
			     "void conn_pass(struct conn *c) { conn_stash(c); }\n"
			     "void conn_peek(struct conn *c) { pthread_t t = c->t; (void)t; }\n"
			     "void conn_ext(struct conn *c) { unknown_fn(c); }\n"
			     "void conn_end(struct conn *c) { xfree(c); }\n"
			     "void pair_join(struct pair *p) { pthread_join(p->a, 0); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	static const char *const keeps[] = { "conn_clear", "conn_log" };
	static const char *const not_keeps[] = { "conn_stash", "conn_pass", "conn_peek",
						 "conn_ext", "conn_end", "pair_join",
						 "conn_start", "xfree" };
	for (size_t i = 0; i < sizeof(keeps) / sizeof(*keeps); i++) {
		const tl_fn_model *m = tl_models_lookup(set, keeps[i]);
		assert_non_null(m);
		assert_int_equal(m->role, TL_ROLE_KEEP);
	}
	for (size_t i = 0; i < sizeof(not_keeps) / sizeof(*not_keeps); i++) {
		const tl_fn_model *m = tl_models_lookup(set, not_keeps[i]);
		if (m)
			assert_int_not_equal(m->role, TL_ROLE_KEEP);
	}
	assert_int_equal(st.keeps, 2);
	assert_string_equal(tl_models_lookup(set, "conn_clear")->origin, "helpers.c:3");
	tl_models_free(set);
	remove_project();
}

static void owners_and_entries_across_units(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", "typedef unsigned long pthread_t;\n"
			 "int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);\n"
			 "int pthread_join(pthread_t, void **);\n"
			 "int pthread_detach(pthread_t);\n"
			 "pthread_t pthread_self(void);\n"
			 "struct client { pthread_t loop; int quit; };\n"
			 "typedef struct { pthread_t tid; } pool_t;\n",
		"loop.c", "#include \"thr.h\"\n"
			  "static void *client_loop(void *a)\n"
			  "{ struct client *c = a; c->quit = 0; c->quit += 1; pthread_detach(pthread_self()); return a; }\n"
			  "int client_start(struct client *c)\n"
			  "{ return pthread_create(&c->loop, 0, client_loop, c); }\n"
			  "void *pool_main(void *a) { return a; }\n"
			  "int pool_start(pool_t *p) { return pthread_create(&p->tid, 0, pool_main, 0); }\n",
		"stop.c", "#include \"thr.h\"\n"
			  "void client_stop(struct client *c) { c->quit = 1; pthread_join(c->loop, 0); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	assert_int_equal(st.owners, 2);
	assert_int_equal(tl_models_owner_count(set), 2);
	const tl_owner_row *o = tl_models_owner_at(set, 0);
	assert_string_equal(o->record, "client");
	assert_string_equal(o->field, "loop");
	assert_string_equal(o->spawn, "pthread_create");
	assert_string_equal(o->acquired_in, "client_start");
	assert_string_equal(o->entry, "client_loop");
	assert_true(o->entry_gets_owner);
	assert_int_equal(o->nreleased, 1);
	assert_string_equal(o->released_in[0], "client_stop");
	assert_string_equal(o->origin, "loop.c:4");
	o = tl_models_owner_at(set, 1);
	assert_string_equal(o->record, "pool_t");
	assert_false(o->entry_gets_owner);
	assert_int_equal(o->nreleased, 0);
	assert_int_equal(st.entries, 2);
	assert_true(tl_models_entry_lookup(set, "client_loop")->detaches_self);
	assert_false(tl_models_entry_lookup(set, "pool_main")->detaches_self);
	assert_string_equal(tl_models_entry_lookup(set, "pool_main")->origin, "loop.c:6");
	assert_int_equal(tl_models_entry_lookup(set, "client_loop")->nwrites, 1);
	assert_string_equal(tl_models_entry_lookup(set, "client_loop")->writes[0], "quit");
	assert_int_equal(tl_models_entry_lookup(set, "pool_main")->nwrites, 0);
	tl_models_free(set);
	remove_project();
}

/* The loop an entry settles in, for TL403 across files: the way out of
 * each shape, and the shapes left unsummarised. */
static void entry_stop_loops(void **state)
{
	(void)state;
	const char *files[] = {
		"q.h", "typedef unsigned long pthread_t;\n"
		       "int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);\n"
		       "void pthread_exit(void *);\n"
		       "void poll_dev(void);\n"
		       "int more(void);\n"
		       "typedef struct { pthread_t thr; int exit; int state; } q_t;\n"
		       "struct w { pthread_t thr; int stop; };\n",
		"worker.c", "#include \"q.h\"\n"
			    "void *q_loop(void *a) { q_t *q = a;\n"
			    "  for (;;) { poll_dev(); if (q->exit) break; } return 0; }\n"
			    "void *w_loop(void *a) { struct w *w = a; while (!w->stop) poll_dev(); return 0; }\n"
			    "void *state_loop(void *a) { q_t *q = a; while (q->state != 2 && 1 == 1) { } return 0; }\n"
			    "void *eq_loop(void *a) { q_t *q = a; do poll_dev(); while (!(q->state == 3)); return 0; }\n"
			    "void *spin(void *a) { for (;;) poll_dev(); return a; }\n"
			    "void *both(void *a) { q_t *q = a; while (!q->exit) { if (q->state == 1) return 0; } return 0; }\n"
			    "void *computed(void *a) { q_t *q = a; while (!q->exit) { if (more()) break; } return 0; }\n"
			    "void *exits(void *a) { q_t *q = a; for (;;) { if (q->exit) break; pthread_exit(0); } return 0; }\n"
			    "void *self_stop(void *a) { q_t *q = a; while (!q->exit) q->exit = more(); return 0; }\n"
			    "void *two(void *a) { q_t *q = a; while (!q->exit) { } while (!q->state) { } return 0; }\n"
			    "void *counted(void *a) { int i; for (i = 0; i < 3; i++) poll_dev(); return a; }\n",
		"owner.c", "#include \"q.h\"\n"
			   "void *q_loop(void *); void *w_loop(void *); void *state_loop(void *);\n"
			   "void *eq_loop(void *); void *spin(void *); void *both(void *);\n"
			   "void *computed(void *); void *exits(void *); void *self_stop(void *);\n"
			   "void *two(void *); void *counted(void *);\n"
			   "void start(q_t *q, struct w *w) {\n"
			   "  void *(*fns[])(void *) = { 0 };\n"
			   "  pthread_create(&q->thr, 0, q_loop, q); pthread_create(&w->thr, 0, w_loop, w);\n"
			   "  pthread_create(&q->thr, 0, state_loop, q); pthread_create(&q->thr, 0, eq_loop, q);\n"
			   "  pthread_create(&q->thr, 0, spin, q); pthread_create(&q->thr, 0, both, q);\n"
			   "  pthread_create(&q->thr, 0, computed, q); pthread_create(&q->thr, 0, exits, q);\n"
			   "  pthread_create(&q->thr, 0, self_stop, q); pthread_create(&q->thr, 0, two, q);\n"
			   "  pthread_create(&q->thr, 0, counted, q); (void)fns; }\n",
		NULL };
	struct tl_infer_stats st;
	char cache[128];
	make_project(files);
	snprintf(cache, sizeof(cache), "%s/.taskleak/infer", dir);
	tl_models_free(infer(true, cache, &st));
	/* read back from the facts cache: the loops survive it */
	tl_model_set *set = infer(true, cache, &st);
	assert_int_equal(st.cached, 2);
	const tl_entry_row *e = tl_models_entry_lookup(set, "q_loop");
	assert_non_null(e);
	assert_true(e->has_stops);
	assert_int_equal(e->nstops, 1);
	assert_string_equal(e->stops[0].record, "q_t");
	assert_string_equal(e->stops[0].field, "exit");
	assert_false(e->stops[0].equal);
	assert_int_equal(e->stops[0].value, 0);
	e = tl_models_entry_lookup(set, "w_loop");
	assert_true(e->has_stops);
	assert_int_equal(e->nstops, 1);
	assert_string_equal(e->stops[0].record, "w");
	assert_string_equal(e->stops[0].field, "stop");
	assert_false(e->stops[0].equal);
	e = tl_models_entry_lookup(set, "state_loop"); /* `&& 1 == 1`: no test needed */
	assert_false(e->has_stops);
	e = tl_models_entry_lookup(set, "eq_loop");
	assert_true(e->has_stops);
	assert_string_equal(e->stops[0].field, "state");
	assert_true(e->stops[0].equal);
	assert_int_equal(e->stops[0].value, 3);
	e = tl_models_entry_lookup(set, "spin");
	assert_true(e->has_stops);
	assert_int_equal(e->nstops, 0);
	e = tl_models_entry_lookup(set, "both");
	assert_true(e->has_stops);
	assert_int_equal(e->nstops, 2);
	assert_string_equal(e->stops[0].field, "exit");
	assert_string_equal(e->stops[1].field, "state");
	assert_true(e->stops[1].equal);
	assert_int_equal(e->stops[1].value, 1);
	const char *silent[] = { "computed", "exits", "self_stop", "two", "counted" };
	for (size_t i = 0; i < sizeof(silent) / sizeof(*silent); i++) {
		e = tl_models_entry_lookup(set, silent[i]);
		assert_non_null(e);
		if (e->has_stops)
			fail_msg("%s: summarised", silent[i]);
	}
	tl_models_free(set);
	remove_project();
}

static void free_wrappers_and_owner_enders(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"mem.c", "#include \"thr.h\"\n"
			 "void xfree(void *p) { if (p) free(p); }\n",
		"node.c", "#include \"thr.h\"\n"
			  "void xfree(void *);\n"
			  "struct node { char *name; pthread_t thr; };\n"
			  "void node_free(struct node *n) { xfree(n->name); xfree(n); }\n"
			  "void node_stop(struct node *n) { pthread_join(n->thr, NULL); xfree(n); }\n"
			  "void node_close(struct node *n);\n"
			  "void node_drop(struct node *n) { node_close(n); free(n); }\n"
			  "void node_close(struct node *n) { (void)n; }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "xfree");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_FREE);
	assert_int_equal(m->object_arg, 0);
	/* freeing a field first is still a free of the node */
	assert_non_null(tl_models_lookup(set, "node_free"));
	/* a join before the free: not a plain free */
	assert_null(tl_models_lookup(set, "node_stop"));
	/* handed to another project function first: it might join */
	assert_null(tl_models_lookup(set, "node_drop"));
	tl_models_free(set);
	remove_project();
}

static void not_wrappers(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"a.c", "#include \"thr.h\"\n"
		       "static void *fixed(void *a) { return a; }\n"
		       /* spawn then detach: a detached thread, not a spawn */
		       "int spawn_detached(pthread_t *t, void *(*f)(void *), void *a)\n"
		       "{ int r = pthread_create(t, NULL, f, a); if (!r) pthread_detach(*t); return r; }\n"
		       /* a fixed entry: a user of the API, not a wrapper */
		       "int start_fixed(pthread_t *t) { return pthread_create(t, NULL, fixed, 0); }\n"
		       /* an int status that is not the call's */
		       "int start_bool(pthread_t *t, void *(*f)(void *), void *a)\n"
		       "{ return pthread_create(t, NULL, f, a) == 0; }\n"
		       /* an attribute object of its own might detach */
		       "int start_attr(pthread_t *t, void *(*f)(void *), void *a)\n"
		       "{ char attr[64]; return pthread_create(t, (void *)attr, f, a); }\n"
		       /* a liveness flag written beside the spawn: still a wrapper */
		       "int start_alive(int *alive, pthread_t *t, void *(*f)(void *), void *a)\n"
		       "{ *alive = 1; return pthread_create(t, NULL, f, a); }\n"
		       /* a void wrapper has no status: it always succeeds */
		       "void start_or_die(pthread_t *t, void *(*f)(void *), void *a)\n"
		       "{ if (pthread_create(t, NULL, f, a)) for (;;); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	assert_null(tl_models_lookup(set, "spawn_detached"));
	assert_null(tl_models_lookup(set, "start_fixed"));
	assert_null(tl_models_lookup(set, "start_bool"));
	assert_null(tl_models_lookup(set, "start_attr"));
	const tl_fn_model *m = tl_models_lookup(set, "start_or_die");
	assert_non_null(m);
	assert_int_equal(m->success, TL_SUCCESS_ALWAYS);
	m = tl_models_lookup(set, "start_alive");
	assert_non_null(m);
	assert_int_equal(m->handle_out_arg, 1);
	assert_int_equal(m->entry_arg, 2);
	assert_int_equal(st.rows, 2);
	tl_models_free(set);
	remove_project();
}

static void timer_wrappers(void **state)
{
	(void)state;
	const char *files[] = {
		"fe.c", "typedef int (*GSourceFunc)(void *);\n"
			"unsigned g_timeout_add(unsigned, GSourceFunc, void *);\n"
			"int g_source_remove(unsigned);\n"
			"unsigned fe_timeout_add(int ms, void *func, void *data)\n"
			"{ return g_timeout_add(ms, (GSourceFunc)func, data); }\n"
			"void fe_timeout_remove(int tag) { g_source_remove(tag); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "fe_timeout_add");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_TIMER_CREATE);
	assert_true(m->handle_return);
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	assert_int_equal(m->repeats, TL_REPEAT_CALLBACK);
	assert_true(m->armed);
	m = tl_models_lookup(set, "fe_timeout_remove");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_TIMER_FREE);
	tl_models_free(set);
	remove_project();
}

static void same_name_defined_twice_differently(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"a.c", "#include \"thr.h\"\nstatic void stop(pthread_t t) { pthread_join(t, NULL); }\n"
		       "void a(pthread_t t) { stop(t); }\n",
		"b.c", "#include \"thr.h\"\nstatic void stop(pthread_t t) { pthread_detach(t); }\n"
		       "void b(pthread_t t) { stop(t); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	assert_null(tl_models_lookup(set, "stop"));
	assert_int_equal(st.conflicts, 1);
	tl_models_free(set);
	remove_project();
}

static void bad_unit_is_skipped_and_named(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"bad.c", "int broken(void) { return undeclared; }\n",
		"good.c", "#include \"thr.h\"\nvoid reap(pthread_t t) { pthread_join(t, NULL); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	skipped_msg[0] = '\0';
	tl_model_set *set = infer(false, NULL, &st);
	assert_int_equal(st.skipped, 1);
	assert_non_null(strstr(skipped_msg, "bad.c:1:27: error: use of undeclared identifier 'undeclared'"));
	assert_null(strchr(skipped_msg, '\n'));
	assert_non_null(tl_models_lookup(set, "reap"));
	tl_models_free(set);
	remove_project();
}

static void cache_reparses_only_changed_units(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"a.c", "#include \"thr.h\"\nvoid reap(pthread_t t) { pthread_join(t, NULL); }\n",
		"b.c", "#include \"thr.h\"\nvoid drop(pthread_t t) { pthread_detach(t); }\n",
		"c.c", "void reap(unsigned long);\nvoid reap2(unsigned long t) { reap(t); }\n",
		NULL };
	struct tl_infer_stats st;
	char cache[128];
	make_project(files);
	snprintf(cache, sizeof(cache), "%s/.taskleak/infer", dir);
	tl_models_free(infer(false, cache, &st));
	assert_int_equal(st.parsed, 3);
	tl_models_free(infer(false, cache, &st));
	assert_int_equal(st.parsed, 0);
	assert_int_equal(st.cached, 3);
	assert_int_equal(st.rows, 3); /* reap2 through the cached facts */
	write_file("b.c", "#include \"thr.h\"\nvoid drop(pthread_t t) { pthread_join(t, NULL); }\n");
	tl_model_set *set = infer(false, cache, &st);
	assert_int_equal(st.parsed, 1);
	assert_int_equal(tl_models_lookup(set, "drop")->role, TL_ROLE_JOIN);
	tl_models_free(set);
	write_file("thr.h", "#include <stddef.h>\n#define NULL ((void *)0)\n"
		   "typedef unsigned long pthread_t;\nint pthread_join(pthread_t, void **);\n"
		   "int pthread_detach(pthread_t);\n");
	tl_models_free(infer(false, cache, &st));
	assert_int_equal(st.parsed, 2); /* a.c and b.c read the header */
	remove_project();
}

static void annotated_declarations(void **state)
{
	(void)state;
	const char *files[] = {
		"lib.h", "#include \"" TASKLEAK_H "\"\n"
			 "typedef struct lib_thr lib_thr;\n"
			 "/* a closed library: no body to infer from */\n"
			 "int lib_go(lib_thr **t, void (*fn)(void *), void *arg)\n"
			 "    TL_SPAWN(\"handle_out=0 entry=1 entry_arg=2 success=zero\");\n"
			 "void lib_wait(lib_thr *t) TL_JOIN(\"handle=0\");\n"
			 "void lib_bad(lib_thr *t) TL_JOIN(\"handel=0\");\n",
		"a.c", "#include \"lib.h\"\n"
		       "int go(lib_thr **t, void (*fn)(void *), void *arg) { return lib_go(t, fn, arg); }\n",
		"b.c", "#include \"lib.h\"\nvoid b(lib_thr *t) { lib_wait(t); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	skipped_msg[0] = '\0';
	tl_model_set *set = infer(false, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "lib_go");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->entry_param_arg, 2);
	assert_int_equal(m->success, TL_SUCCESS_ZERO);
	assert_string_equal(m->origin, "lib.h:4");
	assert_int_equal(tl_models_lookup(set, "lib_wait")->role, TL_ROLE_JOIN);
	/* a wrapper of an annotated function is inferred as any other */
	m = tl_models_lookup(set, "go");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	/* seen from two units, written once; the misspelt one refused */
	assert_int_equal(st.annotated, 2);
	assert_int_equal(st.rows, 4); /* lib_go, lib_wait, go, b */
	assert_null(tl_models_lookup(set, "lib_bad"));
	assert_string_equal(skipped_msg, "lib.h:7: annotation on lib_bad: handel: field does not apply to role 'join'");
	tl_models_free(set);
	remove_project();
}

/* Only the fields the starting function sets are its "started" flags;
 * a C++ class filled in a method is an owner, its destructor its ender. */
static void starter_flags_and_cxx_owners(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"loop.c", "#include \"thr.h\"\n"
			  "struct conn { pthread_t thread; int threaded; int sock; };\n"
			  "static void *conn_main(void *a) { struct conn *c = a; c->threaded = 0; return a; }\n"
			  "int conn_start(struct conn *c)\n"
			  "{ c->threaded = 1; return pthread_create(&c->thread, 0, conn_main, c); }\n",
		"worker.cpp", "#include \"thr.h\"\n"
			      "namespace app { class Worker { public: int start(); ~Worker();\n"
			      "  static void *run(void *); pthread_t tid_; int started_; }; }\n"
			      "void *app::Worker::run(void *a) { return a; }\n"
			      "int app::Worker::start()\n"
			      "{ started_ = 1; return pthread_create(&tid_, NULL, run, this); }\n",
		"dtor.cpp", "#include \"thr.h\"\n"
			    "namespace app { class Worker { public: int start(); ~Worker();\n"
			    "  static void *run(void *); pthread_t tid_; int started_; }; }\n"
			    "app::Worker::~Worker() { if (started_) pthread_join(this->tid_, 0); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	assert_int_equal(tl_models_owner_count(set), 2);
	const tl_owner_row *o = tl_models_owner_at(set, 0);
	assert_string_equal(o->record, "Worker");
	assert_string_equal(o->field, "tid_");
	assert_string_equal(o->acquired_in, "Worker::start");
	assert_string_equal(o->entry, "Worker::run");
	assert_true(o->entry_gets_owner);
	assert_int_equal(o->nflags, 1);
	assert_string_equal(o->flags[0], "started_");
	assert_int_equal(o->nreleased, 1);
	assert_string_equal(o->released_in[0], "Worker::~Worker");
	assert_int_equal(o->nended, 1);
	assert_string_equal(o->ended_in[0], "Worker::~Worker");
	assert_non_null(tl_models_entry_lookup(set, "Worker::run"));
	o = tl_models_owner_at(set, 1);
	assert_string_equal(o->record, "conn");
	assert_int_equal(o->nflags, 1);
	assert_string_equal(o->flags[0], "threaded");
	assert_int_equal(o->nended, 0);
	assert_int_equal(tl_models_entry_lookup(set, "conn_main")->nwrites, 1);
	tl_models_free(set);
	remove_project();
}

/* A handle created into a local and stored into a field fills it; so
 * does a wrapper that returns the local, its result stored by a caller. */
static void owners_filled_through_locals(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"spawn.c", "#include \"thr.h\"\n"
			   "pthread_t thr_spawn(void *(*fn)(void *), void *arg)\n"
			   "{ pthread_t t; pthread_create(&t, NULL, fn, arg); return t; }\n",
		"svc.c", "#include \"thr.h\"\n"
			 "pthread_t thr_spawn(void *(*fn)(void *), void *arg);\n"
			 "struct svc { pthread_t thr; pthread_t aux; };\n"
			 "static void *svc_main(void *a) { return a; }\n"
			 "int svc_start(struct svc *s)\n"
			 "{ pthread_t t; if (pthread_create(&t, NULL, svc_main, s)) return -1;\n"
			 "  s->thr = t; return 0; }\n"
			 "void svc_aux(struct svc *s) { s->aux = thr_spawn(svc_main, s); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	const tl_fn_model *w = tl_models_lookup(set, "thr_spawn");
	assert_non_null(w);
	assert_int_equal(w->role, TL_ROLE_SPAWN);
	assert_true(w->handle_return);
	assert_int_equal(w->entry_arg, 0);
	assert_int_equal(w->entry_param_arg, 1);
	assert_int_equal(tl_models_owner_count(set), 2);
	const tl_owner_row *o = tl_models_owner_at(set, 0);
	assert_string_equal(o->field, "aux");
	assert_string_equal(o->spawn, "thr_spawn");
	assert_string_equal(o->acquired_in, "svc_aux");
	assert_true(o->entry_gets_owner);
	o = tl_models_owner_at(set, 1);
	assert_string_equal(o->field, "thr");
	assert_string_equal(o->spawn, "pthread_create");
	assert_string_equal(o->acquired_in, "svc_start");
	assert_string_equal(o->entry, "svc_main");
	assert_true(o->entry_gets_owner);
	tl_models_free(set);
	remove_project();
}

/* A start function that stores the entry and its argument for a fixed
 * trampoline entry is a spawn of the stored entry (trampoline.c): the
 * collectd shape (a malloc'd capsule, the trampoline reading the fields
 * into locals) and the nng shape (the handle struct itself, a field
 * handle, a direct x->f(x->g)); a wrapper of one is a spawn too. */
static void trampoline_starts_are_spawns_of_the_stored_entry(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"cap.c", "#include \"thr.h\"\n"
			 "void *malloc(unsigned long);\n"
			 "typedef struct { int ctx; void *(*start)(void *); void *arg; } cap_t;\n"
			 "static void *cap_main(void *p) { cap_t *c = p;\n"
			 "  void *(*fn)(void *) = c->start; void *a = c->arg; free(c); return fn(a); }\n"
			 "int cap_create(pthread_t *t, void *(*start)(void *), void *arg, const char *n)\n"
			 "{ cap_t *c = malloc(sizeof *c); if (!c) return 12;\n"
			 "  c->start = start; c->arg = arg; (void)n;\n"
			 "  int ret = pthread_create(t, NULL, cap_main, c);\n"
			 "  if (ret != 0) { free(c); return ret; } return 0; }\n",
		"plat.c", "#include \"thr.h\"\n"
			  "struct plat { pthread_t tid; void (*func)(void *); void *arg; };\n"
			  "static void *plat_main(void *p) { struct plat *t = p; t->func(t->arg); return 0; }\n"
			  "int plat_init(struct plat *t, void (*fn)(void *), void *arg)\n"
			  "{ t->func = fn; t->arg = arg;\n"
			  "  if (pthread_create(&t->tid, NULL, plat_main, t) != 0) return -1; return 0; }\n"
			  "int cap_create(pthread_t *, void *(*)(void *), void *, const char *);\n"
			  "int named(pthread_t *t, void *(*f)(void *), void *a) { return cap_create(t, f, a, \"x\"); }\n"
			  "static void *w(void *a) { return a; }\n"
			  "int fixed(pthread_t *t) { return cap_create(t, w, NULL, \"w\"); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "cap_create");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->handle_out_arg, 0);
	assert_null(m->handle_field);
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	assert_int_equal(m->success, TL_SUCCESS_ZERO);
	m = tl_models_lookup(set, "plat_init");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->handle_out_arg, 0);
	assert_string_equal(m->handle_field, "tid");
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	m = tl_models_lookup(set, "named");
	assert_non_null(m);
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	/* a fixed entry through the start function: a user, not a wrapper */
	assert_null(tl_models_lookup(set, "fixed"));
	assert_null(tl_models_lookup(set, "cap_main"));
	tl_models_free(set);
	remove_project();
}

/* What looks like a trampoline and is not: the fixed entry calls a field
 * the start function did not fill, the start function fills another
 * struct, or the fixed entry calls nothing stored. */
static void not_trampolines(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"t.c", "#include \"thr.h\"\n"
		       "struct a { void *(*fn)(void *); void *(*other)(void *); void *arg; pthread_t t; };\n"
		       "struct b { void *(*fn)(void *); void *arg; };\n"
		       "static void *calls_other(void *p) { struct a *x = p; return x->other(x->arg); }\n"
		       "int wrong_field(struct a *x, void *(*fn)(void *), void *arg)\n"
		       "{ x->fn = fn; x->arg = arg; return pthread_create(&x->t, NULL, calls_other, x); }\n"
		       "static void *calls_b(void *p) { struct b *x = p; return x->fn(x->arg); }\n"
		       "int wrong_struct(struct a *x, void *(*fn)(void *), void *arg)\n"
		       "{ x->fn = fn; x->arg = arg; return pthread_create(&x->t, NULL, calls_b, x); }\n"
		       "static void *plain(void *p) { return p; }\n"
		       "int no_call(struct a *x, void *(*fn)(void *), void *arg)\n"
		       "{ x->fn = fn; x->arg = arg; return pthread_create(&x->t, NULL, plain, x); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	assert_null(tl_models_lookup(set, "wrong_field"));
	assert_null(tl_models_lookup(set, "wrong_struct"));
	assert_null(tl_models_lookup(set, "no_call"));
	tl_models_free(set);
	remove_project();
}

/* nng's shape: a trampoline start with a spawn attribute in a global (set
 * up once, never detached) wrapped by a second trampoline whose handle
 * struct holds the first one's ("thr.tid"); a global attribute that some
 * function sets detached keeps the start from being a spawn row. */
static void nested_trampoline_with_a_global_attribute(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"plat.c", "#include \"thr.h\"\n"
			  "typedef struct { int stack; } attr_t;\n"
			  "int pthread_attr_setdetachstate(attr_t *, int);\n"
			  "attr_t plat_attr, det_attr;\n"
			  "void setup(void) { pthread_attr_setdetachstate(&det_attr, 1); }\n"
			  "struct plat { pthread_t tid; void (*func)(void *); void *arg; };\n"
			  "static void *plat_main(void *p) { struct plat *t = p; t->func(t->arg); return 0; }\n"
			  "int plat_init(struct plat *t, void (*fn)(void *), void *arg)\n"
			  "{ int rv; t->func = fn; t->arg = arg;\n"
			  "  if ((rv = pthread_create(&t->tid, &plat_attr, plat_main, t)) != 0) return rv;\n"
			  "  return 0; }\n"
			  "void plat_fini(struct plat *t) { pthread_join(t->tid, NULL); }\n"
			  "int det_init(struct plat *t, void (*fn)(void *), void *arg)\n"
			  "{ t->func = fn; t->arg = arg;\n"
			  "  return pthread_create(&t->tid, &det_attr, plat_main, t); }\n",
		"nthr.c", "struct plat { unsigned long tid; void (*func)(void *); void *arg; };\n"
			  "int plat_init(struct plat *, void (*)(void *), void *);\n"
			  "void plat_fini(struct plat *);\n"
			  "struct nthr { struct plat thr; void (*fn)(void *); void *arg; int done; };\n"
			  "static void nthr_wrap(void *p) { struct nthr *n = p; n->fn(n->arg); n->done = 1; }\n"
			  "int nthr_init(struct nthr *n, void (*fn)(void *), void *arg)\n"
			  "{ n->fn = fn; n->arg = arg; n->done = 0; return plat_init(&n->thr, nthr_wrap, n); }\n"
			  "void nthr_fini(struct nthr *n) { plat_fini(&n->thr); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "plat_init");
	assert_non_null(m);
	assert_string_equal(m->handle_field, "tid");
	assert_int_equal(m->attr_arg, TL_NO_ARG);
	m = tl_models_lookup(set, "nthr_init");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->handle_out_arg, 0);
	assert_string_equal(m->handle_field, "thr.tid");
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	m = tl_models_lookup(set, "nthr_fini");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_JOIN);
	assert_true(m->handle_by_pointer);
	assert_string_equal(m->handle_field, "thr.tid");
	assert_null(tl_models_lookup(set, "det_init"));
	tl_models_free(set);
	remove_project();
}

/* nng's nni_thr_run (issue 12): a function given the struct around a
 * handle that only locks it, sets a flag and wakes the thread, through the
 * project's own lock and condition wrappers in another file, never
 * touching the handle, does not take the thread over. */
static void run_only_uses_the_struct_around_the_handle(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", "typedef unsigned long pthread_t;\n"
			 "typedef struct { int m; } pthread_mutex_t;\n"
			 "typedef struct { int c; } pthread_cond_t;\n"
			 "int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);\n"
			 "int pthread_join(pthread_t, void **);\n"
			 "int pthread_mutex_lock(pthread_mutex_t *);\n"
			 "int pthread_mutex_unlock(pthread_mutex_t *);\n"
			 "int pthread_cond_broadcast(pthread_cond_t *);\n"
			 "typedef struct { pthread_t tid; pthread_mutex_t mtx; pthread_cond_t cv;\n"
			 "                 int start, stop; } thr_t;\n"
			 "void mtx_lock(pthread_mutex_t *);\n"
			 "void mtx_unlock(pthread_mutex_t *);\n"
			 "void cv_wake(pthread_cond_t *);\n",
		"plat.c", "#include \"thr.h\"\n"
			  "void mtx_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }\n"
			  "void mtx_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }\n"
			  "void cv_wake(pthread_cond_t *c) { pthread_cond_broadcast(c); }\n",
		"thr.c", "#include \"thr.h\"\n"
			 "int thr_init(thr_t *t, void *(*fn)(void *), void *arg)\n"
			 "{ t->start = t->stop = 0; return pthread_create(&t->tid, 0, fn, arg); }\n"
			 "void thr_run(thr_t *t)\n"
			 "{ mtx_lock(&t->mtx); t->start = 1; cv_wake(&t->cv); mtx_unlock(&t->mtx); }\n"
			 "void thr_peek(thr_t *t) { pthread_t x = t->tid; (void)x; }\n"
			 "void thr_fini(thr_t *t)\n"
			 "{ mtx_lock(&t->mtx); t->stop = 1; mtx_unlock(&t->mtx); pthread_join(t->tid, 0); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	const tl_fn_model *m = tl_models_lookup(set, "thr_run");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_KEEP);
	m = tl_models_lookup(set, "thr_peek");
	assert_true(!m || m->role != TL_ROLE_KEEP);
	m = tl_models_lookup(set, "thr_fini");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_JOIN);
	assert_string_equal(m->handle_field, "tid");
	tl_models_free(set);
	remove_project();
}

/* A role given by the models, or -1 when the function has no row. */
static int role_of(const tl_model_set *set, const char *name)
{
	const tl_fn_model *m = tl_models_lookup(set, name);
	return m ? (int)m->role : -1;
}

static void assert_no_rows(const tl_model_set *set, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (role_of(set, names[i]) != -1)
			fail_msg("%s has a row of role %d", names[i], role_of(set, names[i]));
}

/* zstd's POOL_join (issue 12): a join of an element of an array field, or
 * of what a field points to, is a task operation on what the parameter
 * holds, as a join of the field itself is: never a keep row. */
static void joins_through_access_paths_are_no_keep(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"pool.c", "#include \"thr.h\"\n"
			  "struct inner { pthread_t t; };\n"
			  "typedef struct { pthread_t one; pthread_t *threads; unsigned cap;\n"
			  "                 struct inner in; } pool;\n"
			  "void join_field(pool *c) { pthread_join(c->one, NULL); }\n"
			  "void join_elem(pool *c) { pthread_join(c->threads[0], NULL); }\n"
			  "void join_ptr(pool *c) { pthread_join(*c->threads, NULL); }\n"
			  "void join_nested(pool *c) { pthread_join(c->in.t, NULL); }\n"
			  "void join_deref(pool *c) { pthread_join((*c).one, NULL); }\n"
			  "void join_all(pool *c)\n"
			  "{ for (unsigned i = 0; i < c->cap; ++i) pthread_join(c->threads[i], NULL); }\n"
			  "void detach_all(pool *c)\n"
			  "{ for (unsigned i = 0; i < c->cap; ++i) pthread_detach(c->threads[i]); }\n"
			  "void pool_free(pool *c) { join_all(c); free(c->threads); free(c); }\n"
			  "unsigned pool_cap(pool *c) { return c->cap + (c->threads[0] != 0); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(true, NULL, &st);
	assert_int_equal(role_of(set, "join_field"), TL_ROLE_JOIN);
	static const char *const no_row[] = { "join_elem", "join_ptr", "join_nested",
					      "join_deref", "join_all", "detach_all",
					      "pool_free" };
	assert_no_rows(set, no_row, sizeof(no_row) / sizeof(*no_row));
	/* reading an element is no operation: still a keep */
	assert_int_equal(role_of(set, "pool_cap"), TL_ROLE_KEEP);
	tl_models_free(set);
	remove_project();
}

/* chan's assert_true (issue 12): a free reached only on a branch that ends
 * the process is not what the function does to its parameter: no free
 * row, and no keep row either. */
static void frees_before_exit_are_no_free_rows(void **state)
{
	(void)state;
	const char *files[] = {
		"thr.h", thr_h,
		"check.c", "#include \"thr.h\"\n"
			   "void exit(int);\n"
			   "void abort(void);\n"
			   "__attribute__((noreturn)) void die(const char *);\n"
			   "_Noreturn void fatal(void);\n"
			   "void box_free(void *b) { free(b); }\n"
			   "void check(int ok, void *b) { if (!ok) { free(b); exit(1); } }\n"
			   "void check_wrapped(int ok, void *b) { if (!ok) { box_free(b); abort(); } }\n"
			   "void check_die(int ok, void *b) { if (!ok) { box_free(b); die(\"x\"); } }\n"
			   "void check_fatal(int ok, void *b) { if (!ok) { free(b); fatal(); } }\n"
			   "void check_loop(int ok, void *b)\n"
			   "{ while (!ok) { if (ok > 1) { free(b); exit(2); } ok++; } }\n"
			   "void release(int ok, void *b) { if (!ok) exit(1); free(b); }\n"
			   /* enders are process_exit rows: quick_exit's, an
			    * annotated project function's; stop() has none */
			   "void quick_exit(int);\n"
			   "void halt(const char *) __attribute__((annotate(\"taskleak_process_exit\")));\n"
			   "void stop(const char *);\n"
			   "void check_quick(int ok, void *b) { if (!ok) { free(b); quick_exit(1); } }\n"
			   "void check_halt(int ok, void *b) { if (!ok) { box_free(b); halt(\"x\"); } }\n"
			   "void check_stop(int ok, void *b) { if (!ok) { free(b); stop(\"x\"); } }\n",
		"die.c", "void exit(int);\n"
			 "void halt(const char *m) { (void)m; exit(3); }\n"
			 "void stop(const char *m) { (void)m; exit(3); }\n",
		NULL };
	struct tl_infer_stats st;
	make_project(files);
	tl_model_set *set = infer(false, NULL, &st);
	assert_int_equal(role_of(set, "box_free"), TL_ROLE_FREE);
	static const char *const no_row[] = { "check", "check_wrapped", "check_die",
					      "check_fatal", "check_loop", "check_quick",
					      "check_halt" };
	assert_no_rows(set, no_row, sizeof(no_row) / sizeof(*no_row));
	/* the free after the exit branch is unconditional on the way out */
	const tl_fn_model *m = tl_models_lookup(set, "release");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_FREE);
	assert_int_equal(m->object_arg, 1);
	/* no row says stop() ends the process: its branch is the way out */
	m = tl_models_lookup(set, "check_stop");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_FREE);
	tl_models_free(set);
	remove_project();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spawn_and_join_wrappers_in_another_file),
		cmocka_unit_test(wrapper_of_wrapper_through_a_macro),
		cmocka_unit_test(struct_handle_written_unless_left_out),
		cmocka_unit_test(borrow_inferred),
		cmocka_unit_test(owners_and_entries_across_units),
		cmocka_unit_test(entry_stop_loops),
		cmocka_unit_test(keeps_across_units),
		cmocka_unit_test(free_wrappers_and_owner_enders),
		cmocka_unit_test(not_wrappers),
		cmocka_unit_test(timer_wrappers),
		cmocka_unit_test(same_name_defined_twice_differently),
		cmocka_unit_test(bad_unit_is_skipped_and_named),
		cmocka_unit_test(cache_reparses_only_changed_units),
		cmocka_unit_test(annotated_declarations),
		cmocka_unit_test(starter_flags_and_cxx_owners),
		cmocka_unit_test(owners_filled_through_locals),
		cmocka_unit_test(trampoline_starts_are_spawns_of_the_stored_entry),
		cmocka_unit_test(not_trampolines),
		cmocka_unit_test(nested_trampoline_with_a_global_attribute),
		cmocka_unit_test(run_only_uses_the_struct_around_the_handle),
		cmocka_unit_test(joins_through_access_paths_are_no_keep),
		cmocka_unit_test(frees_before_exit_are_no_free_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
