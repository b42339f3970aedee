/*
 * test_model.c - the model loader: the built-in models load, every field is
 * read as documented, and each kind of bad input is one precise error that
 * leaves the set unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "annotation.h"
#include "model.h"
#include "model_project.h"

static int load(tl_model_set *set, const char *text, char **err)
{
	return tl_models_load_buffer(set, "m.json", text, strlen(text), err);
}

/* Loads `text`, expects failure with exactly `want` as the message. */
static void expect_error(const char *text, const char *want)
{
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set, text, &err), -1);
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_int_equal(tl_models_count(set), 0);
	free(err);
	tl_models_free(set);
}

/* Role "borrow": a handle, optionally in a struct's field. */
static void borrow_rows(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set, "{\"library\": \"x\", \"functions\": [\n"
			 "  {\"name\": \"run\", \"role\": \"borrow\", \"handle\": 0, \"handle_by\": \"pointer\",\n"
			 "   \"handle_field\": \"tid\"}]}", &err), 0);
	const tl_fn_model *m = tl_models_lookup(set, "run");
	assert_int_equal(m->role, TL_ROLE_BORROW);
	assert_true(m->handle_by_pointer);
	assert_string_equal(m->handle_field, "tid");
	tl_models_free(set);
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"run\", \"role\": \"borrow\"}]}",
		     "m.json:2: functions[0]: role 'borrow' needs field 'handle'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"run\", \"role\": \"borrow\", \"handle\": 0, \"entry\": 1}]}",
		     "m.json:2: functions[0].entry: field does not apply to role 'borrow'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"run\", \"role\": \"borrow\", \"handle\": 0, \"handle_field\": \"tid\"}]}",
		     "m.json:2: functions[0].handle_field: needs \"handle_by\": \"pointer\" (a pointer to the struct)");
}

/* A project model's owners and entries (issue 12): read back, and checked
 * as strictly as function rows. */
static void project_owners_and_entries(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set, "{\"library\": \"project\", \"functions\": [],\n"
			 "  \"owners\": [{\"record\": \"client\", \"field\": \"loop\", \"spawn\": \"pthread_create\",\n"
			 "    \"acquired_in\": \"client_start\", \"entry\": \"client_loop\", \"entry_gets_owner\": true,\n"
			 "    \"released_in\": [\"client_stop\"], \"flags\": [\"quit\", \"started\"],\n"
			 "    \"ended_in\": [\"client::~client\"], \"origin\": \"loop.c:14\"}],\n"
			 "  \"entries\": [{\"name\": \"client_loop\", \"detaches_self\": true, \"origin\": \"loop.c:5\"}]}",
			 &err), 0);
	assert_int_equal(tl_models_owner_count(set), 1);
	const tl_owner_row *o = tl_models_owner_at(set, 0);
	assert_string_equal(o->record, "client");
	assert_string_equal(o->entry, "client_loop");
	assert_true(o->entry_gets_owner);
	assert_int_equal(o->nreleased, 1);
	assert_string_equal(o->released_in[0], "client_stop");
	assert_int_equal(o->nflags, 2);
	assert_string_equal(o->flags[1], "started");
	assert_int_equal(o->nended, 1);
	assert_string_equal(o->ended_in[0], "client::~client");
	assert_string_equal(o->origin, "loop.c:14");
	const tl_entry_row *e = tl_models_entry_lookup(set, "client_loop");
	assert_non_null(e);
	assert_true(e->detaches_self);
	assert_null(tl_models_entry_lookup(set, "other"));
	/* the same entry again, in a second file: an error, the set unchanged */
	assert_int_equal(load(set, "{\"library\": \"p2\", \"functions\": [],\n"
			 "  \"entries\": [{\"name\": \"client_loop\", \"origin\": \"x.c:1\"}]}", &err), -1);
	assert_string_equal(err, "m.json:2: entries[0].name: entry listed twice");
	free(err);
	assert_int_equal(tl_models_entry_count(set), 1);
	tl_models_free(set);
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"owners\": [{\"record\": \"c\", \"field\": \"f\", \"spawn\": \"s\",\n"
		     "    \"acquired_in\": \"a\", \"origin\": \"c.c:1\", \"entry_arg\": 2}]}",
		     "m.json:3: owners[0].entry_arg: unknown field");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"owners\": [{\"record\": \"c\", \"spawn\": \"s\", \"acquired_in\": \"a\", \"origin\": \"c.c:1\"}]}",
		     "m.json:2: owners[0].field: missing field");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"owners\": [{\"record\": \"c\", \"field\": \"f\", \"spawn\": \"s\",\n"
		     "    \"acquired_in\": \"a\", \"origin\": \"c.c:1\", \"flags\": \"started\"}]}",
		     "m.json:3: owners[0].flags: expected an array of names");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"detaches_self\": 1, \"origin\": \"w.c:1\"}]}",
		     "m.json:2: entries[0].detaches_self: expected true or false");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c\"}]}",
		     "m.json:2: entries[0].origin: expected \"FILE:LINE\"");
	expect_error("{\"library\": \"p\", \"functions\": [], \"entries\": {}}",
		     "m.json:1: entries: expected an array");
}

/* An entry's stop loop ("stops_on", TL403 across files): read back, and
 * every malformed form one error naming the file, line and member. */
static void project_entry_stops(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set, "{\"library\": \"project\", \"functions\": [],\n"
			 "  \"entries\": [{\"name\": \"q_loop\", \"origin\": \"w.c:3\",\n"
			 "    \"stops_on\": [{\"record\": \"q_t\", \"field\": \"exit\"},\n"
			 "                 {\"record\": \"q_t\", \"field\": \"state\", \"equal\": true, \"value\": -2}]},\n"
			 "   {\"name\": \"spin\", \"origin\": \"w.c:9\", \"stops_on\": []},\n"
			 "   {\"name\": \"plain\", \"origin\": \"w.c:12\"}]}", &err), 0);
	const tl_entry_row *e = tl_models_entry_lookup(set, "q_loop");
	assert_true(e->has_stops);
	assert_int_equal(e->nstops, 2);
	assert_string_equal(e->stops[0].record, "q_t");
	assert_string_equal(e->stops[0].field, "exit");
	assert_false(e->stops[0].equal);
	assert_int_equal(e->stops[0].value, 0);
	assert_true(e->stops[1].equal);
	assert_int_equal(e->stops[1].value, -2);
	e = tl_models_entry_lookup(set, "spin");
	assert_true(e->has_stops);
	assert_int_equal(e->nstops, 0);
	assert_false(tl_models_entry_lookup(set, "plain")->has_stops);
	tl_models_free(set);
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c:1\",\n"
		     "    \"stops_on\": {\"record\": \"q\", \"field\": \"f\"}}]}",
		     "m.json:3: entries[0].stops_on: expected an array of tests");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c:1\",\n"
		     "    \"stops_on\": [\"exit\"]}]}",
		     "m.json:3: entries[0].stops_on: expected an array of tests {\"record\", \"field\"}");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c:1\",\n"
		     "    \"stops_on\": [{\"record\": \"q\"}]}]}",
		     "m.json:3: entries[0].stops_on: a test needs \"record\" and \"field\" names");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c:1\",\n"
		     "    \"stops_on\": [{\"record\": \"q\", \"field\": \"f\", \"when\": 1}]}]}",
		     "m.json:3: entries[0].stops_on: a test has only \"record\", \"field\", \"equal\" and \"value\", once each");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c:1\",\n"
		     "    \"stops_on\": [{\"record\": \"q\", \"field\": \"f\", \"value\": 1.5}]}]}",
		     "m.json:3: entries[0].stops_on: \"equal\" is true or false, \"value\" an integer");
	expect_error("{\"library\": \"p\", \"functions\": [],\n"
		     "  \"entries\": [{\"name\": \"w\", \"origin\": \"w.c:1\",\n"
		     "    \"stops_on\": [{\"record\": \"q\", \"field\": \"f\", \"equal\": 0}]}]}",
		     "m.json:3: entries[0].stops_on: \"equal\" is true or false, \"value\" an integer");
}

static void builtin_models_load(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_builtin(set, &err), 0);
	assert_null(err);

	const tl_fn_model *m = tl_models_lookup(set, "pthread_create");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->handle_out_arg, 0);
	assert_int_equal(m->attr_arg, 1);
	assert_int_equal(m->entry_arg, 2);
	assert_int_equal(m->entry_param_arg, 3);
	assert_int_equal(m->success, TL_SUCCESS_ZERO);
	assert_string_equal(m->library, "pthread");

	m = tl_models_lookup(set, "uv_thread_join");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_JOIN);
	assert_true(m->handle_by_pointer);

	m = tl_models_lookup(set, "g_thread_try_new");
	assert_non_null(m);
	assert_true(m->handle_return);
	assert_int_equal(m->success, TL_SUCCESS_NONNULL);

	m = tl_models_lookup(set, "pthread_attr_setdetachstate");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_ATTR_DETACH);
	assert_int_equal(m->detached_value, 1);

	assert_non_null(tl_models_lookup(set, "thrd_create"));
	assert_non_null(tl_models_lookup(set, "g_thread_unref"));
	/* a mutex is no task: its row is a call class, which no handle role is */
	m = tl_models_lookup(set, "pthread_mutex_lock");
	assert_int_equal(m->role, TL_ROLE_LOCK);
	assert_true(tl_role_is_call_class(m->role));
	assert_false(tl_role_is_call_class(TL_ROLE_SPAWN));
	tl_models_free(set);
}

static void user_model_adds_rows(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set,
		"{\"library\": \"w\", \"functions\": ["
		"{\"name\": \"w_go\", \"role\": \"spawn\", \"handle_return\": true,"
		" \"entry\": 0, \"entry_arg\": 1, \"success\": \"nonnull\"},"
		"{\"name\": \"w_wait\", \"role\": \"join\", \"handle\": 0, \"handle_by\": \"pointer\"}]}",
		&err), 0);
	assert_int_equal(tl_models_count(set), 2);
	const tl_fn_model *m = tl_models_lookup(set, "w_wait");
	assert_non_null(m);
	assert_true(m->handle_by_pointer);
	assert_int_equal(tl_models_at(set, 0)->entry_param_arg, 1);
	tl_models_free(set);
}

static void errors_name_file_line_and_field(void **state)
{
	(void)state;
	expect_error("{\"library\": \"x\",\n \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawnn\"}\n]}",
		     "m.json:3: functions[0].role: unknown role 'spawnn' (known: spawn, join, detach, attr_detach, self, exit, free, wait, signal, chan_make, send, recv, close, dup, fork, exec, wait_child, timer_create, timer_arm, timer_disarm, timer_free, coroutine, cancel_type, cancel_make, cancel, cancel_check, cancel_get, cancel_release, cancel_connect, cancel_disconnect, cancel_wait, cancel_spawn, cancel_join, task_new, task_return, borrow, lock, loop_run, loop_close, timer_query, task_kill, io_wait, fd_control, fd_ioctl, signal_setup, process_kill, process_exit, close_all, pause, throws, keep, list_find, list_remove, timer_self)");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"join\"}]}",
		     "m.json:2: functions[0]: role 'join' needs field 'handle'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"join\",\n   \"handle\": 0, \"entry\": 1}]}",
		     "m.json:3: functions[0].entry: field does not apply to role 'join'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"join\", \"handle\": -1}]}",
		     "m.json:2: functions[0].handle: expected an argument index from 0 to 15");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"join\", \"handle\": 1.5}]}",
		     "m.json:2: functions[0].handle: expected an argument index from 0 to 15");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawn\", \"entry\": 1, \"entry_arg\": 2}]}",
		     "m.json:2: functions[0]: role 'spawn' needs exactly one of 'handle_out' and 'handle_return'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawn\", \"handle_out\": 0, \"entry\": 1,"
		     " \"entry_arg\": 2, \"success\": \"nonnull\"}]}",
		     "m.json:2: functions[0].success: \"nonnull\" needs the handle as the return value");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"self\"},\n  {\"name\": \"f\", \"role\": \"exit\"}]}",
		     "m.json:3: functions[1].name: function 'f' is modelled twice");
	expect_error("{\"library\": \"x\", \"functions\": [\n  {\"role\": \"self\"}]}",
		     "m.json:2: functions[0]: missing field 'name'");
	expect_error("{\"library\": \"x\", \"functions\": [\n  7]}",
		     "m.json:2: functions[0]: expected an object");
}

/* The channel, process and timer roles read every field they document. */
static void channel_and_timer_roles(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	int rc = load(set,
		"{\"library\": \"w\", \"functions\": ["
		"{\"name\": \"mk\", \"role\": \"chan_make\", \"handle_return\": true,"
		" \"buffer\": \"arg\", \"capacity\": 0, \"success\": \"nonnull\"},"
		"{\"name\": \"pp\", \"role\": \"chan_make\", \"handle_out\": 0,"
		" \"ends\": \"pipe\", \"buffer\": \"bounded\", \"success\": \"zero\"},"
		"{\"name\": \"try_send\", \"role\": \"send\", \"handle\": 0, \"blocking\": false},"
		"{\"name\": \"rcv\", \"role\": \"recv\", \"handle\": 1, \"handle_by\": \"pointer\"},"
		"{\"name\": \"dp\", \"role\": \"dup\", \"handle\": 0, \"target\": 1},"
		"{\"name\": \"fk\", \"role\": \"fork\"},"
		"{\"name\": \"pp2\", \"role\": \"chan_make\", \"handle_out\": 0,"
		" \"ends\": \"pipe\", \"buffer\": \"bounded\", \"flags\": 1},"
		"{\"name\": \"wp\", \"role\": \"wait_child\", \"handle\": 0, \"flags\": 2},"
		"{\"name\": \"wt\", \"role\": \"wait_child\"},"
		"{\"name\": \"sig\", \"role\": \"signal\", \"object\": 0},"
		"{\"name\": \"ev\", \"role\": \"timer_create\", \"handle_return\": true,"
		" \"entry\": 3, \"entry_arg\": 4, \"flags\": 2, \"repeat_flag\": 16,"
		" \"repeats\": \"flag\", \"success\": \"nonnull\"},"
		"{\"name\": \"ti\", \"role\": \"timer_create\", \"object\": 1},"
		"{\"name\": \"ta\", \"role\": \"timer_arm\", \"handle\": 0, \"entry\": 1,"
		" \"repeat\": 3, \"repeats\": \"arg\"},"
		"{\"name\": \"tc\", \"role\": \"timer_free\", \"handle\": 0, \"entry\": 1},"
		"{\"name\": \"tfd\", \"role\": \"timer_create\", \"handle_return\": true,"
		" \"success\": \"nonnegative\"}]}",
		&err);
	if (err)
		fail_msg("%s", err);
	assert_int_equal(rc, 0);
	const tl_fn_model *m = tl_models_lookup(set, "mk");
	assert_int_equal(m->buffer, TL_BUFFER_ARG);
	assert_int_equal(m->capacity_arg, 0);
	assert_int_equal(m->ends, TL_ENDS_ONE);
	m = tl_models_lookup(set, "pp");
	assert_int_equal(m->ends, TL_ENDS_PIPE);
	assert_int_equal(m->handle_out_arg, 0);
	assert_int_equal(m->success, TL_SUCCESS_ZERO);
	assert_true(tl_models_lookup(set, "try_send")->nonblocking);
	assert_false(tl_models_lookup(set, "rcv")->nonblocking);
	assert_true(tl_models_lookup(set, "rcv")->handle_by_pointer);
	assert_int_equal(tl_models_lookup(set, "dp")->target_arg, 1);
	assert_int_equal(tl_models_lookup(set, "fk")->role, TL_ROLE_FORK);
	assert_int_equal(tl_models_lookup(set, "pp2")->flags_arg, 1);
	assert_int_equal(tl_models_lookup(set, "pp")->flags_arg, TL_NO_ARG);
	m = tl_models_lookup(set, "wp");
	assert_int_equal(m->role, TL_ROLE_WAIT_CHILD);
	assert_int_equal(m->handle_arg, 0);
	assert_int_equal(m->flags_arg, 2);
	m = tl_models_lookup(set, "wt");
	assert_int_equal(m->handle_arg, TL_NO_ARG);
	assert_int_equal(m->flags_arg, TL_NO_ARG);
	m = tl_models_lookup(set, "ev");
	assert_int_equal(m->repeats, TL_REPEAT_FLAG);
	assert_int_equal(m->repeat_flag, 16);
	assert_int_equal(m->flags_arg, 2);
	assert_int_equal(m->entry_arg, 3);
	assert_int_equal(m->entry_param_arg, 4);
	assert_int_equal(tl_models_lookup(set, "ti")->object_arg, 1);
	assert_int_equal(tl_models_lookup(set, "ta")->repeat_arg, 3);
	assert_int_equal(tl_models_lookup(set, "tc")->entry_arg, 1);
	assert_int_equal(tl_models_lookup(set, "tfd")->success, TL_SUCCESS_NONNEGATIVE);
	tl_models_free(set);

	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"chan_make\", \"handle_return\": true}]}",
		     "m.json:2: functions[0]: role 'chan_make' needs field 'buffer'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"chan_make\", \"handle_return\": true,\n"
		     "   \"buffer\": \"small\"}]}",
		     "m.json:3: functions[0].buffer: expected \"unbuffered\", \"arg\", \"bounded\" or \"unbounded\"");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"chan_make\", \"handle_return\": true,\n"
		     "   \"ends\": \"pipe\", \"buffer\": \"bounded\"}]}",
		     "m.json:3: functions[0].ends: two ends need 'handle_out' (an int[2])");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"send\", \"handle\": 0, \"blocking\": 1}]}",
		     "m.json:2: functions[0].blocking: expected true or false");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"timer_create\", \"object\": 0,\n"
		     "   \"handle_return\": true}]}",
		     "m.json:2: functions[0]: role 'timer_create' needs exactly one of 'handle_out', 'handle_return' and 'object'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"timer_arm\", \"handle\": 0,\n"
		     "   \"repeats\": \"arg\"}]}",
		     "m.json:3: functions[0].repeats: \"arg\" and field 'repeat' go together");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"timer_create\", \"handle_out\": 0,\n"
		     "   \"success\": \"nonnegative\"}]}",
		     "m.json:3: functions[0].success: \"nonnegative\" needs the handle as the return value");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawn\", \"handle_return\": true,\n"
		     "   \"entry\": 0, \"entry_arg\": 1, \"success\": \"nonnegative\"}]}",
		     "m.json:3: functions[0].success: a spawn cannot succeed by \"nonnegative\"");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"join\", \"handle\": 0,\n"
		     "   \"success\": \"nonnegative\"}]}",
		     "m.json:3: functions[0].success: a join cannot succeed by \"nonnegative\"");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"dup\", \"handle\": 0}]}",
		     "m.json:2: functions[0]: role 'dup' needs field 'target'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"close\", \"handle\": 0, \"buffer\": 1}]}",
		     "m.json:2: functions[0].buffer: field does not apply to role 'close'");
}

/* libdill's timed channel operations and the coroutine prologue of the
 * go() macros (libmill, libdill). */
static void deadline_and_coroutine(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	int rc = load(set,
		"{\"library\": \"d\", \"functions\": ["
		"{\"name\": \"snd\", \"role\": \"send\", \"handle\": 0, \"deadline\": 3},"
		"{\"name\": \"rcv\", \"role\": \"recv\", \"handle\": 0},"
		"{\"name\": \"pro\", \"role\": \"coroutine\", \"handle_return\": true},"
		"{\"name\": \"pro2\", \"role\": \"coroutine\"}]}",
		&err);
	if (err)
		fail_msg("%s", err);
	assert_int_equal(rc, 0);
	assert_int_equal(tl_models_lookup(set, "snd")->deadline_arg, 3);
	assert_int_equal(tl_models_lookup(set, "rcv")->deadline_arg, TL_NO_ARG);
	assert_int_equal(tl_models_lookup(set, "pro")->role, TL_ROLE_COROUTINE);
	assert_true(tl_models_lookup(set, "pro")->handle_return);
	assert_false(tl_models_lookup(set, "pro2")->handle_return);
	assert_string_equal(tl_role_name(TL_ROLE_COROUTINE), "coroutine");
	tl_models_free(set);

	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"recv\", \"handle\": 0,\n"
		     "   \"blocking\": false, \"deadline\": 2}]}",
		     "m.json:3: functions[0].deadline: a nonblocking operation has no deadline");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"send\", \"handle\": 1, \"deadline\": 1}]}",
		     "m.json:2: functions[0].deadline: the deadline cannot be the handle");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"close\", \"handle\": 0, \"deadline\": 1}]}",
		     "m.json:2: functions[0].deadline: field does not apply to role 'close'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"coroutine\", \"entry\": 0}]}",
		     "m.json:2: functions[0].entry: field does not apply to role 'coroutine'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"coroutine\", \"success\": \"zero\"}]}",
		     "m.json:2: functions[0].success: a test of success needs 'handle_return'");
}

/* Project models (taskleak models infer): "origin" on any role,
 * "handle_field" where a handle points to a struct. */
static void origin_and_handle_field(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set,
		"{\"library\": \"project\", \"functions\": ["
		"{\"name\": \"thr_start\", \"role\": \"spawn\", \"handle_out\": 0, \"entry\": 1,"
		" \"entry_arg\": 2, \"handle_field\": \"id\", \"origin\": \"src/thr.c:14\"},"
		"{\"name\": \"thr_join\", \"role\": \"join\", \"handle\": 0, \"handle_by\": \"pointer\","
		" \"handle_field\": \"id\"},"
		"{\"name\": \"xfree\", \"role\": \"free\", \"object\": 0, \"origin\": \"mem.c:3\"}]}",
		&err), 0);
	assert_string_equal(tl_models_lookup(set, "thr_start")->handle_field, "id");
	assert_string_equal(tl_models_lookup(set, "thr_start")->origin, "src/thr.c:14");
	assert_null(tl_models_lookup(set, "thr_join")->origin);
	assert_string_equal(tl_models_lookup(set, "xfree")->origin, "mem.c:3");
	assert_null(tl_models_lookup(set, "xfree")->handle_field);
	tl_models_free(set);
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"free\", \"object\": 0, \"origin\": \"mem.c\"}]}",
		     "m.json:2: functions[0].origin: expected \"FILE:LINE\"");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"free\", \"object\": 0, \"origin\": 3}]}",
		     "m.json:2: functions[0].origin: expected \"FILE:LINE\"");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"free\", \"object\": 0, \"handle_field\": \"id\"}]}",
		     "m.json:2: functions[0].handle_field: field does not apply to role 'free'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"join\", \"handle\": 0, \"handle_field\": \"id\"}]}",
		     "m.json:2: functions[0].handle_field: needs \"handle_by\": \"pointer\" (a pointer to the struct)");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawn\", \"handle_return\": true, \"entry\": 0,"
		     " \"entry_arg\": 1, \"handle_field\": \"id\"}]}",
		     "m.json:2: functions[0].handle_field: needs 'handle_out' (a pointer to the struct)");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"detach\", \"handle\": 0, \"handle_by\": \"pointer\","
		     " \"handle_field\": \"a->b\"}]}",
		     "m.json:2: functions[0].handle_field: expected a field name (or a path f.g)");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"detach\", \"handle\": 0, \"handle_by\": \"pointer\","
		     " \"handle_field\": \"thr..tid\"}]}",
		     "m.json:2: functions[0].handle_field: expected a field name (or a path f.g)");
}

static void annotations_are_rows(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_annotation(set, "lib_go",
		"taskleak_spawn handle_out=0 entry=1 entry_arg=2 success=zero", "lib.h:4", &err), 0);
	const tl_fn_model *m = tl_models_lookup(set, "lib_go");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_SPAWN);
	assert_int_equal(m->entry_param_arg, 2);
	assert_int_equal(m->success, TL_SUCCESS_ZERO);
	assert_string_equal(m->origin, "lib.h:4");
	assert_string_equal(m->library, "annotation");
	assert_int_equal(tl_models_load_annotation(set, "w", "taskleak_join handle=0 handle_by=pointer",
						   "w.h:1", &err), 0);
	assert_true(tl_models_lookup(set, "w")->handle_by_pointer);
	assert_int_equal(tl_models_load_annotation(set, "bad", "taskleak_join handel=0", "b.h:9", &err), -1);
	assert_string_equal(err, "b.h:9:1: functions[0].handel: field does not apply to role 'join'");
	free(err);
	assert_int_equal(tl_models_load_annotation(set, "x", "other", "b.h:9", &err), -1);
	assert_string_equal(err, "b.h:9: not a taskleak annotation: 'other'");
	free(err);
	tl_models_free(set);
}

/* Cancellation roles (issue 14): the built-in cancel.json, C++ members that
 * act on their own object, and each bad combination as one error. */
static void cancellation_builtins(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_builtin(set, &err), 0);

	const tl_fn_model *m = tl_models_lookup(set, "GCancellable");
	assert_non_null(m);
	assert_int_equal(m->role, TL_ROLE_CANCEL_TYPE);
	m = tl_models_lookup(set, "g_cancellable_connect");
	assert_int_equal(m->role, TL_ROLE_CANCEL_CONNECT);
	assert_int_equal(m->entry_arg, 1);
	assert_int_equal(m->entry_param_arg, 2);
	assert_true(m->handle_return);
	m = tl_models_lookup(set, "g_cancellable_disconnect");
	assert_int_equal(m->connection_arg, 1);
	m = tl_models_lookup(set, "g_task_run_in_thread");
	assert_int_equal(m->role, TL_ROLE_CANCEL_SPAWN);
	assert_int_equal(m->token_param, 3);
	assert_false(m->on_object);
	m = tl_models_lookup(set, "g_task_new");
	assert_int_equal(m->token_arg, 1);
	m = tl_models_lookup(set, "std::jthread::request_stop");
	assert_int_equal(m->role, TL_ROLE_CANCEL);
	assert_true(m->on_object);
	assert_int_equal(m->handle_arg, TL_NO_ARG);
	m = tl_models_lookup(set, "std::stop_source::stop_source");
	assert_int_equal(m->role, TL_ROLE_CANCEL_MAKE);
	assert_true(m->on_object);
	m = tl_models_lookup(set, "std::condition_variable_any::wait");
	assert_int_equal(m->token_arg, 1);
	m = tl_models_lookup(set, "std::condition_variable::wait");
	assert_int_equal(m->role, TL_ROLE_CANCEL_WAIT);
	assert_int_equal(m->token_arg, TL_NO_ARG);
	assert_int_equal(tl_models_lookup(set, "msleep")->deadline_arg, 0);
	assert_string_equal(tl_role_name(TL_ROLE_TASK_RETURN), "task_return");
	/* issue 12: POSIX borrowers */
	m = tl_models_lookup(set, "pthread_setname_np");
	assert_int_equal(m->role, TL_ROLE_BORROW);
	assert_int_equal(m->handle_arg, 0);
	assert_string_equal(tl_role_name(TL_ROLE_BORROW), "borrow");
	tl_models_free(set);
}

/* The call classes that replaced the families' lists of names: each built-in
 * row has its class and no argument; a class takes no field. */
static void call_class_roles(void **state)
{
	(void)state;
	static const struct { const char *name; tl_role role; } rows[] = {
		{ "g_mutex_unlock", TL_ROLE_LOCK },
		{ "uv_run", TL_ROLE_LOOP_RUN },
		{ "g_main_loop_run", TL_ROLE_LOOP_RUN },
		{ "uv_walk", TL_ROLE_LOOP_CLOSE },
		{ "event_initialized", TL_ROLE_TIMER_QUERY },
		{ "pthread_cancel", TL_ROLE_TASK_KILL },
		{ "pthread_kill", TL_ROLE_TASK_KILL },
		{ "poll", TL_ROLE_IO_WAIT },
		{ "epoll_wait", TL_ROLE_IO_WAIT },
		{ "fcntl", TL_ROLE_FD_CONTROL },
		{ "ioctl", TL_ROLE_FD_IOCTL },
		{ "sigaction", TL_ROLE_SIGNAL_SETUP },
		{ "signal", TL_ROLE_SIGNAL_SETUP },
		{ "kill", TL_ROLE_PROCESS_KILL },
		{ "_exit", TL_ROLE_PROCESS_EXIT },
		{ "abort", TL_ROLE_PROCESS_EXIT },
		{ "closefrom", TL_ROLE_CLOSE_ALL },
		{ "std::vector::at", TL_ROLE_THROWS },
		{ "std::stoi", TL_ROLE_THROWS },
		{ "std::map::at", TL_ROLE_THROWS },
	};
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_builtin(set, &err), 0);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const tl_fn_model *m = tl_models_lookup(set, rows[i].name);
		assert_non_null(m);
		assert_int_equal(m->role, rows[i].role);
		assert_true(tl_role_is_call_class(m->role));
		assert_int_equal(m->handle_arg, TL_NO_ARG);
		assert_int_equal(m->object_arg, TL_NO_ARG);
	}
	assert_string_equal(tl_role_name(TL_ROLE_IO_WAIT), "io_wait");
	assert_string_equal(tl_role_name(TL_ROLE_CLOSE_ALL), "close_all");
	assert_string_equal(tl_role_name(TL_ROLE_PAUSE), "pause");
	assert_string_equal(tl_role_name(TL_ROLE_THROWS), "throws");
	assert_true(tl_role_is_call_class(TL_ROLE_THROWS));
	tl_models_free(set);
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "{\"name\": \"lk\", \"role\": \"lock\", \"object\": 0}]}",
		     "m.json:2: functions[0].object: field does not apply to role 'lock'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "{\"name\": \"f::at\", \"role\": \"throws\", \"handle\": 0}]}",
		     "m.json:2: functions[0].handle: field does not apply to role 'throws'");
}

/* Issue 11: what the timer messages call a timer and its release, and
 * which waits are a condition variable's, come from the rows. */
static void message_words_and_condition(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_builtin(set, &err), 0);
	const tl_fn_model *m = tl_models_lookup(set, "g_timeout_add");
	assert_string_equal(m->noun, "GLib source");
	assert_string_equal(m->released, "removed");
	m = tl_models_lookup(set, "timer_create");
	assert_string_equal(m->noun, "POSIX timer");
	assert_string_equal(m->released, "deleted");
	assert_null(tl_models_lookup(set, "uv_timer_start")->noun);
	assert_true(tl_models_lookup(set, "pthread_cond_wait")->condition);
	assert_true(tl_models_lookup(set, "g_cond_wait")->condition);
	assert_false(tl_models_lookup(set, "sem_wait")->condition);
	tl_models_free(set);
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "{\"name\": \"w\", \"role\": \"wait\", \"object\": 0, \"noun\": \"w\"}]}",
		     "m.json:2: functions[0].noun: field does not apply to role 'wait'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "{\"name\": \"t\", \"role\": \"timer_create\", \"handle_return\": true, \"noun\": \"\"}]}",
		     "m.json:2: functions[0].noun: expected a word for messages");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "{\"name\": \"w\", \"role\": \"wait\", \"object\": 0, \"condition\": 1}]}",
		     "m.json:2: functions[0].condition: expected true or false");
}

static void cancellation_errors(void **state)
{
	(void)state;
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"c_cancel\", \"role\": \"cancel\"}]}",
		     "m.json:2: functions[0]: role 'cancel' needs field 'handle'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"a::b\", \"role\": \"cancel\", \"handle_by\": \"pointer\"}]}",
		     "m.json:2: functions[0].handle_by: a member acting on its object has no 'handle'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"mk\", \"role\": \"cancel_make\"}]}",
		     "m.json:2: functions[0]: role 'cancel_make' needs exactly one of 'handle_out' and 'handle_return'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"T\", \"role\": \"cancel_type\", \"handle\": 0}]}",
		     "m.json:2: functions[0].handle: field does not apply to role 'cancel_type'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"on\", \"role\": \"cancel_connect\", \"handle\": 0}]}",
		     "m.json:2: functions[0]: role 'cancel_connect' needs field 'entry'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"on\", \"role\": \"cancel_connect\", \"handle\": 1, \"entry\": 1}]}",
		     "m.json:2: functions[0].entry: the handler cannot be the handle");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"w\", \"role\": \"cancel_wait\", \"token\": 1, \"deadline\": 1}]}",
		     "m.json:2: functions[0].deadline: the deadline cannot be the token");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"run\", \"role\": \"cancel_spawn\", \"handle\": 0, \"entry\": 1}]}",
		     "m.json:2: functions[0]: role 'cancel_spawn' needs field 'token_param'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"run\", \"role\": \"cancel_spawn\", \"handle\": 0, \"entry\": 0, \"token_param\": 1}]}",
		     "m.json:2: functions[0].entry: the entry cannot be the handle or the token");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"tn\", \"role\": \"task_new\", \"token\": 1}]}",
		     "m.json:2: functions[0]: role 'task_new' needs \"handle_return\": true");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"tn\", \"role\": \"task_new\", \"handle_return\": true}]}",
		     "m.json:2: functions[0]: role 'task_new' needs field 'token'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"d\", \"role\": \"cancel_disconnect\", \"handle\": 0, \"connection\": \"id\"}]}",
		     "m.json:2: functions[0].connection: expected an argument index from 0 to 15");
}

static void errors_at_the_top(void **state)
{
	(void)state;
	expect_error("[]", "m.json:1: expected a JSON object at the top");
	expect_error("{\"functions\": []}", "m.json:1: missing field 'library'");
	expect_error("{\"library\": \"x\",\n \"functionz\": []}", "m.json:2: functionz: unknown field");
	expect_error("{\"library\": \"x\",\n \"functions\": {}}", "m.json:2: functions: expected an array");
	expect_error("{\"library\": \"x\",\n \"functions\": [\n  {\"name\": \"f\",,}]}",
		     "m.json:3:17: not valid JSON");
	expect_error("", "m.json:1:1: not valid JSON");
	expect_error("{\"library\": \"x\", \"functions\": [", "m.json:1:31: not valid JSON");
}

/* issue 13: a huge number, an empty array, a key with a space and a key
 * given twice were all accepted (the first two undefined behaviour). */
static void hostile_models(void **state)
{
	(void)state;
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"attr_detach\", \"attr\": 0, \"value\": 1,\n"
		     "   \"detached_value\": 1e300}]}",
		     "m.json:3: functions[0].detached_value: out of range of a 64-bit integer");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"attr_detach\", \"attr\": 0, \"value\": 1,\n"
		     "   \"detached_value\": -1e19}]}",
		     "m.json:3: functions[0].detached_value: out of range of a 64-bit integer");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawn\", \"handle_out\": 0, \"entry\": 2,\n"
		     "   \"entry entry_arg\": 3}]}",
		     "m.json:3: functions[0].entry entry_arg: field does not apply to role 'spawn'");
	expect_error("{\"library\": \"x\", \"functions\": [\n"
		     "  {\"name\": \"f\", \"role\": \"spawn\", \"handle_out\": 0, \"entry\": 2,\n"
		     "   \"entry\": 3}]}",
		     "m.json:2: functions[0].entry: duplicate field");
	expect_error("{\"library\": \"x\", \"functions\": [],\n \"library\": \"y\"}",
		     "m.json:1: library: duplicate field");
	/* an empty functions array is a valid, empty model */
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(load(set, "{\"library\": \"x\", \"functions\": []}", &err), 0);
	assert_int_equal(tl_models_count(set), 0);
	tl_models_free(set);
}

static void bad_file_leaves_set_unchanged(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_builtin(set, &err), 0);
	size_t before = tl_models_count(set);
	/* The second row is bad: the first must not be added either. */
	assert_int_equal(load(set, "{\"library\": \"x\", \"functions\": ["
			      "{\"name\": \"ok_fn\", \"role\": \"self\"},"
			      "{\"name\": \"bad_fn\", \"role\": \"nope\"}]}", &err), -1);
	free(err);
	assert_int_equal(tl_models_count(set), before);
	assert_null(tl_models_lookup(set, "ok_fn"));
	/* A user model may not silently override a built-in one. */
	assert_int_equal(load(set, "{\"library\": \"x\", \"functions\": ["
			      "{\"name\": \"pthread_join\", \"role\": \"join\", \"handle\": 0}]}", &err), -1);
	assert_non_null(strstr(err, "function 'pthread_join' is modelled twice"));
	free(err);
	tl_models_free(set);
}

static void file_errors(void **state)
{
	(void)state;
	tl_model_set *set = tl_models_new();
	char *err = NULL;
	assert_int_equal(tl_models_load_file(set, "/nonexistent/m.json", &err), -1);
	assert_string_equal(err, "/nonexistent/m.json: cannot open model file: No such file or directory");
	free(err);
	assert_int_equal(tl_models_load_list(set, TL_SOURCE_DIR "/rules/models/pthread.json:/nonexistent/x.json", &err), -1);
	assert_non_null(strstr(err, "/nonexistent/x.json"));
	free(err);
	tl_models_free(set);
	set = tl_models_new();
	assert_int_equal(tl_models_load_list(set, TL_SOURCE_DIR "/rules/models/pthread.json,"
					     TL_SOURCE_DIR "/rules/models/glib.json", &err), 0);
	assert_non_null(tl_models_lookup(set, "g_thread_join"));
	assert_non_null(tl_models_lookup(set, "pthread_join"));
	tl_models_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_models_load),
		cmocka_unit_test(user_model_adds_rows),
		cmocka_unit_test(errors_name_file_line_and_field),
		cmocka_unit_test(channel_and_timer_roles),
		cmocka_unit_test(deadline_and_coroutine),
		cmocka_unit_test(origin_and_handle_field),
		cmocka_unit_test(annotations_are_rows),
		cmocka_unit_test(cancellation_builtins),
		cmocka_unit_test(call_class_roles),
		cmocka_unit_test(message_words_and_condition),
		cmocka_unit_test(cancellation_errors),
		cmocka_unit_test(errors_at_the_top),
		cmocka_unit_test(bad_file_leaves_set_unchanged),
		cmocka_unit_test(file_errors),
		cmocka_unit_test(hostile_models),
		cmocka_unit_test(project_owners_and_entries),
		cmocka_unit_test(project_entry_stops),
		cmocka_unit_test(borrow_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
