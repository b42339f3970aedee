/*
 * model.c - loading and looking up API model files (see model.h).
 *
 * Validation is strict on purpose: an unknown role, an unknown field or a
 * wrong type is an error, not a warning, because a typo such as "entryarg"
 * would otherwise drop a spawn from the model and hide every bug behind it.
 */
#include "model.h"
#include "model_set.h"
#include "builtin_models.h"
#include "json_where.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TL_MAX_ARG 15

static const char *const role_names[TL_ROLE_COUNT_] = {
	[TL_ROLE_SPAWN] = "spawn",
	[TL_ROLE_JOIN] = "join",
	[TL_ROLE_DETACH] = "detach",
	[TL_ROLE_ATTR_DETACH] = "attr_detach",
	[TL_ROLE_SELF] = "self",
	[TL_ROLE_EXIT] = "exit",
	[TL_ROLE_FREE] = "free",
	[TL_ROLE_WAIT] = "wait",
	[TL_ROLE_SIGNAL] = "signal",
	[TL_ROLE_CHAN_MAKE] = "chan_make",
	[TL_ROLE_SEND] = "send",
	[TL_ROLE_RECV] = "recv",
	[TL_ROLE_CLOSE] = "close",
	[TL_ROLE_DUP] = "dup",
	[TL_ROLE_FORK] = "fork",
	[TL_ROLE_EXEC] = "exec",
	[TL_ROLE_WAIT_CHILD] = "wait_child",
	[TL_ROLE_TIMER_CREATE] = "timer_create",
	[TL_ROLE_TIMER_ARM] = "timer_arm",
	[TL_ROLE_TIMER_DISARM] = "timer_disarm",
	[TL_ROLE_TIMER_FREE] = "timer_free",
	[TL_ROLE_COROUTINE] = "coroutine",
	/* cancellation (issue 14) */
	[TL_ROLE_CANCEL_TYPE] = "cancel_type",
	[TL_ROLE_CANCEL_MAKE] = "cancel_make",
	[TL_ROLE_CANCEL] = "cancel",
	[TL_ROLE_CANCEL_CHECK] = "cancel_check",
	[TL_ROLE_CANCEL_GET] = "cancel_get",
	[TL_ROLE_CANCEL_RELEASE] = "cancel_release",
	[TL_ROLE_CANCEL_CONNECT] = "cancel_connect",
	[TL_ROLE_CANCEL_DISCONNECT] = "cancel_disconnect",
	[TL_ROLE_CANCEL_WAIT] = "cancel_wait",
	[TL_ROLE_CANCEL_SPAWN] = "cancel_spawn",
	[TL_ROLE_CANCEL_JOIN] = "cancel_join",
	[TL_ROLE_TASK_NEW] = "task_new",
	[TL_ROLE_TASK_RETURN] = "task_return",
	/* issue 12 */
	[TL_ROLE_BORROW] = "borrow",
	/* call classes (issue 11) */
	[TL_ROLE_LOCK] = "lock",
	[TL_ROLE_LOOP_RUN] = "loop_run",
	[TL_ROLE_LOOP_CLOSE] = "loop_close",
	[TL_ROLE_TIMER_QUERY] = "timer_query",
	[TL_ROLE_TASK_KILL] = "task_kill",
	[TL_ROLE_IO_WAIT] = "io_wait",
	[TL_ROLE_FD_CONTROL] = "fd_control",
	[TL_ROLE_FD_IOCTL] = "fd_ioctl",
	[TL_ROLE_SIGNAL_SETUP] = "signal_setup",
	[TL_ROLE_PROCESS_KILL] = "process_kill",
	[TL_ROLE_PROCESS_EXIT] = "process_exit",
	[TL_ROLE_CLOSE_ALL] = "close_all",
	[TL_ROLE_PAUSE] = "pause",
	[TL_ROLE_THROWS] = "throws",
	[TL_ROLE_KEEP] = "keep",
	[TL_ROLE_LIST_FIND] = "list_find",
	[TL_ROLE_LIST_REMOVE] = "list_remove",
	[TL_ROLE_TIMER_SELF] = "timer_self",
};

/* Which optional fields each role takes, beyond "name" and "role". */
static const char *const role_fields[TL_ROLE_COUNT_] = {
	[TL_ROLE_SPAWN] = " handle_out handle_return entry entry_arg attr success ",
	[TL_ROLE_JOIN] = " handle handle_by success ",
	[TL_ROLE_DETACH] = " handle handle_by success ",
	[TL_ROLE_ATTR_DETACH] = " attr value detached_value ",
	[TL_ROLE_SELF] = " ",
	[TL_ROLE_EXIT] = " ",
	[TL_ROLE_FREE] = " object ",
	[TL_ROLE_WAIT] = " object condition ",
	[TL_ROLE_SIGNAL] = " object ",
	[TL_ROLE_CHAN_MAKE] = " handle_out handle_return ends buffer capacity flags success ",
	[TL_ROLE_SEND] = " handle handle_by blocking deadline ",
	[TL_ROLE_RECV] = " handle handle_by blocking deadline ",
	[TL_ROLE_CLOSE] = " handle handle_by ",
	[TL_ROLE_DUP] = " handle target ",
	[TL_ROLE_FORK] = " ",
	[TL_ROLE_EXEC] = " ",
	[TL_ROLE_WAIT_CHILD] = " handle flags ",
	[TL_ROLE_TIMER_CREATE] = " handle_out handle_return object entry entry_arg armed flags repeat_flag repeats success noun released ",
	[TL_ROLE_TIMER_ARM] = " handle handle_by entry entry_arg repeat repeats success ",
	[TL_ROLE_TIMER_DISARM] = " handle handle_by ",
	[TL_ROLE_TIMER_FREE] = " handle handle_by entry success ",
	[TL_ROLE_COROUTINE] = " handle_return success ",
	/* cancellation (issue 14) */
	[TL_ROLE_CANCEL_TYPE] = " ",
	[TL_ROLE_CANCEL_MAKE] = " handle_out handle_return success ",
	[TL_ROLE_CANCEL] = " handle handle_by ",
	[TL_ROLE_CANCEL_CHECK] = " handle handle_by ",
	[TL_ROLE_CANCEL_GET] = " handle handle_by ",
	[TL_ROLE_CANCEL_RELEASE] = " handle handle_by ",
	[TL_ROLE_CANCEL_CONNECT] = " handle entry entry_arg handle_return ",
	[TL_ROLE_CANCEL_DISCONNECT] = " handle connection ",
	[TL_ROLE_CANCEL_WAIT] = " token deadline ",
	[TL_ROLE_CANCEL_SPAWN] = " handle entry token token_param ",
	[TL_ROLE_CANCEL_JOIN] = " handle handle_by ",
	[TL_ROLE_TASK_NEW] = " handle_return token entry entry_arg ",
	[TL_ROLE_TASK_RETURN] = " handle ",
	/* issue 12 */
	[TL_ROLE_BORROW] = " handle handle_by ",
	/* call classes (issue 11): a name and nothing else */
	[TL_ROLE_LOCK] = " ",
	[TL_ROLE_LOOP_RUN] = " ",
	[TL_ROLE_LOOP_CLOSE] = " ",
	[TL_ROLE_TIMER_QUERY] = " ",
	[TL_ROLE_TASK_KILL] = " ",
	[TL_ROLE_IO_WAIT] = " ",
	[TL_ROLE_FD_CONTROL] = " ",
	[TL_ROLE_FD_IOCTL] = " ",
	[TL_ROLE_SIGNAL_SETUP] = " ",
	[TL_ROLE_PROCESS_KILL] = " ",
	[TL_ROLE_PROCESS_EXIT] = " ",
	[TL_ROLE_CLOSE_ALL] = " ",
	[TL_ROLE_PAUSE] = " ",
	[TL_ROLE_THROWS] = " ",
	[TL_ROLE_KEEP] = " ",
	[TL_ROLE_LIST_FIND] = " ",
	[TL_ROLE_LIST_REMOVE] = " ",
	[TL_ROLE_TIMER_SELF] = " ",
};

const char *tl_role_name(tl_role role)
{
	return role < TL_ROLE_COUNT_ ? role_names[role] : "?";
}

bool tl_role_is_call_class(tl_role role)
{
	switch (role) {
	case TL_ROLE_LOCK: case TL_ROLE_LOOP_RUN: case TL_ROLE_LOOP_CLOSE:
	case TL_ROLE_TIMER_QUERY: case TL_ROLE_TASK_KILL: case TL_ROLE_IO_WAIT:
	case TL_ROLE_FD_CONTROL: case TL_ROLE_FD_IOCTL: case TL_ROLE_SIGNAL_SETUP:
	case TL_ROLE_PROCESS_KILL: case TL_ROLE_PROCESS_EXIT: case TL_ROLE_CLOSE_ALL:
	case TL_ROLE_PAUSE: case TL_ROLE_THROWS: case TL_ROLE_KEEP: case TL_ROLE_LIST_FIND:
	case TL_ROLE_LIST_REMOVE: case TL_ROLE_TIMER_SELF:
		return true;
	default:
		return false;
	}
}

tl_model_set *tl_models_new(void)
{
	return calloc(1, sizeof(tl_model_set));
}

static void fn_clear(tl_fn_model *fn)
{
	free(fn->name);
	free(fn->library);
	free(fn->origin);
	free(fn->handle_field);
	free(fn->noun);
	free(fn->released);
}

void tl_models_free(tl_model_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		fn_clear(&set->fns[i]);
	free(set->fns);
	tl_name_index_free(&set->by_name);
	tl_models_free_project(set);
	free(set);
}

size_t tl_models_count(const tl_model_set *set)
{
	return set ? set->n : 0;
}

const tl_fn_model *tl_models_at(const tl_model_set *set, size_t i)
{
	return set && i < set->n ? &set->fns[i] : NULL;
}

static const char *fn_name_at(const void *rows, size_t pos)
{
	return ((const tl_fn_model *)rows)[pos].name;
}

const tl_fn_model *tl_models_lookup(const tl_model_set *set, const char *name)
{
	size_t i = set ? tl_name_index_find(&set->by_name, set->fns, fn_name_at, name)
		       : (size_t)-1;
	return i == (size_t)-1 ? NULL : &set->fns[i];
}

/* Everything one load needs to say where a problem is. */
struct loader {
	const char *origin, *text;
	size_t len;
	char **err;
};

static int fail(struct loader *ld, int index, const char *member,
		const char *fmt, ...)
{
	char msg[1024], where[128] = ""; /* msg: the unknown-role list grows */
	va_list ap;
	int line = tl_json_line_of(ld->text, ld->len, index >= 0 ? "functions" : member,
				   index, index >= 0 ? member : NULL);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (index >= 0)
		snprintf(where, sizeof(where), "functions[%d]%s%s: ", index,
			 member ? "." : "", member ? member : "");
	else if (member)
		snprintf(where, sizeof(where), "%s: ", member);

	size_t need = strlen(ld->origin) + strlen(where) + strlen(msg) + 32;
	*ld->err = malloc(need);
	if (*ld->err)
		snprintf(*ld->err, need, "%s:%d: %s%s", ld->origin, line, where, msg);
	return -1;
}

/* Reads an optional argument index; TL_NO_ARG when absent. */
static int get_arg(struct loader *ld, const cJSON *obj, int index,
		   const char *key, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = TL_NO_ARG;
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || v->valuedouble != (double)v->valueint ||
	    v->valueint < 0 || v->valueint > TL_MAX_ARG)
		return fail(ld, index, key,
			    "expected an argument index from 0 to %d", TL_MAX_ARG);
	*out = v->valueint;
	return 0;
}

static int need_arg(struct loader *ld, const cJSON *obj, int index,
		    const char *key, const char *role, int *out)
{
	if (get_arg(ld, obj, index, key, out))
		return -1;
	if (*out == TL_NO_ARG)
		return fail(ld, index, NULL, "role '%s' needs field '%s'", role, key);
	return 0;
}

static int parse_role(struct loader *ld, const cJSON *obj, int index, tl_role *role)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "role");
	if (!v)
		return fail(ld, index, NULL, "missing field 'role'");
	if (!cJSON_IsString(v))
		return fail(ld, index, "role", "expected a string");
	for (int r = 0; r < TL_ROLE_COUNT_; r++) {
		if (!strcmp(v->valuestring, role_names[r])) {
			*role = (tl_role)r;
			return 0;
		}
	}
	char known[768] = "";
	for (int r = 0; r < TL_ROLE_COUNT_; r++) {
		strncat(known, r ? ", " : "", sizeof(known) - strlen(known) - 1);
		strncat(known, role_names[r], sizeof(known) - strlen(known) - 1);
	}
	return fail(ld, index, "role", "unknown role '%s' (known: %s)",
		    v->valuestring, known);
}

/* The first member of obj whose key an earlier member has too, or NULL.
 * cJSON keeps both and lookups see only the first, so a second "entry"
 * would be silently ignored. */
static const cJSON *duplicate_key(const cJSON *obj)
{
	for (const cJSON *m = obj->child; m; m = m->next)
		for (const cJSON *k = obj->child; k != m; k = k->next)
			if (!strcmp(k->string, m->string))
				return m;
	return NULL;
}

/* 1 when key is one of the space-separated words of list (a whole word:
 * "entry entry_arg" is not a key even though the list contains it). */
static int has_word(const char *list, const char *key)
{
	size_t n = strlen(key);
	if (strchr(key, ' '))
		return 0;
	for (const char *p = list; n && (p = strstr(p, key)); p++)
		if (p > list && p[-1] == ' ' && p[n] == ' ')
			return 1;
	return 0;
}

static int check_fields(struct loader *ld, const cJSON *obj, int index, tl_role role)
{
	const cJSON *dup = duplicate_key(obj);
	if (dup)
		return fail(ld, index, dup->string, "duplicate field");
	for (const cJSON *m = obj->child; m; m = m->next) {
		if (!strcmp(m->string, "name") || !strcmp(m->string, "role") ||
		    !strcmp(m->string, "comment") || !strcmp(m->string, "origin") ||
		    !strcmp(m->string, "handle_field"))
			continue;
		if (!has_word(role_fields[role], m->string))
			return fail(ld, index, m->string,
				    "field does not apply to role '%s'",
				    role_names[role]);
	}
	return 0;
}

/* Reads a whole number that fits a long long. The range is checked on
 * the double first: converting 1e300 to long long is undefined. */
static int get_llong(struct loader *ld, const cJSON *v, int index, const char *key,
		     long long *out)
{
	if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble)
		return fail(ld, index, key, "expected an integer");
	if (!(v->valuedouble >= -9223372036854775808.0 && v->valuedouble < 9223372036854775808.0))
		return fail(ld, index, key, "out of range of a 64-bit integer");
	if (v->valuedouble != (double)(long long)v->valuedouble)
		return fail(ld, index, key, "expected an integer");
	*out = (long long)v->valuedouble;
	return 0;
}

static int parse_success(struct loader *ld, const cJSON *obj, int index,
			 tl_success *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "success");
	*out = TL_SUCCESS_ALWAYS;
	if (!v)
		return 0;
	if (cJSON_IsString(v)) {
		if (!strcmp(v->valuestring, "always"))
			return 0;
		if (!strcmp(v->valuestring, "zero")) {
			*out = TL_SUCCESS_ZERO;
			return 0;
		}
		if (!strcmp(v->valuestring, "nonnull")) {
			*out = TL_SUCCESS_NONNULL;
			return 0;
		}
		if (!strcmp(v->valuestring, "nonnegative")) {
			*out = TL_SUCCESS_NONNEGATIVE;
			return 0;
		}
	}
	return fail(ld, index, "success",
		    "expected \"always\", \"zero\", \"nonnull\" or \"nonnegative\"");
}

/* "handle" (required) and "handle_by": every role that acts on a handle. */
static int parse_handle(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	const cJSON *by = cJSON_GetObjectItemCaseSensitive(obj, "handle_by");

	if (need_arg(ld, obj, i, "handle", tl_role_name(fn->role), &fn->handle_arg))
		return -1;
	if (!by)
		return 0;
	if (cJSON_IsString(by) && !strcmp(by->valuestring, "pointer")) {
		fn->handle_by_pointer = true;
		return 0;
	}
	if (cJSON_IsString(by) && !strcmp(by->valuestring, "value"))
		return 0;
	return fail(ld, i, "handle_by", "expected \"value\" or \"pointer\"");
}

static int parse_release(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	if (parse_handle(ld, obj, i, fn) || parse_success(ld, obj, i, &fn->success))
		return -1;
	if (fn->success == TL_SUCCESS_NONNULL || fn->success == TL_SUCCESS_NONNEGATIVE)
		return fail(ld, i, "success", "a %s cannot succeed by \"%s\"",
			    tl_role_name(fn->role),
			    fn->success == TL_SUCCESS_NONNULL ? "nonnull" : "nonnegative");
	return 0;
}

/* An optional boolean field; `dflt` when absent. */
static int get_bool(struct loader *ld, const cJSON *obj, int i, const char *key,
		    bool dflt, bool *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = dflt;
	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return fail(ld, i, key, "expected true or false");
	*out = cJSON_IsTrue(v);
	return 0;
}

/* An optional string field that must be one of `names` (NULL-terminated);
 * its index goes to *out, `dflt` when absent. */
static int get_enum(struct loader *ld, const cJSON *obj, int i, const char *key,
		    const char *const *names, int dflt, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char expected[160] = "";

	*out = dflt;
	if (!v)
		return 0;
	for (int k = 0; names[k]; k++) {
		if (cJSON_IsString(v) && !strcmp(v->valuestring, names[k])) {
			*out = k;
			return 0;
		}
		snprintf(expected + strlen(expected), sizeof(expected) - strlen(expected),
			 "%s\"%s\"", k ? (names[k + 1] ? ", " : " or ") : "", names[k]);
	}
	return fail(ld, i, key, "expected %s", expected);
}

/* "handle_out" or "handle_return" (or, where `object_ok`, "object"):
 * exactly one says where a created handle goes. */
static int parse_created(struct loader *ld, const cJSON *obj, int i,
			 tl_fn_model *fn, bool object_ok)
{
	const cJSON *ret = cJSON_GetObjectItemCaseSensitive(obj, "handle_return");
	const char *role = tl_role_name(fn->role);

	if (get_arg(ld, obj, i, "handle_out", &fn->handle_out_arg) ||
	    (object_ok && get_arg(ld, obj, i, "object", &fn->object_arg)) ||
	    parse_success(ld, obj, i, &fn->success))
		return -1;
	if (ret && !cJSON_IsBool(ret))
		return fail(ld, i, "handle_return", "expected true or false");
	fn->handle_return = cJSON_IsTrue(ret);
	int places = fn->handle_return + (fn->handle_out_arg != TL_NO_ARG) +
		     (fn->object_arg != TL_NO_ARG);
	if (places != 1)
		return fail(ld, i, NULL, object_ok
			    ? "role '%s' needs exactly one of 'handle_out', 'handle_return' and 'object'"
			    : "role '%s' needs exactly one of 'handle_out' and 'handle_return'",
			    role);
	if ((fn->success == TL_SUCCESS_NONNULL || fn->success == TL_SUCCESS_NONNEGATIVE) &&
	    !fn->handle_return)
		return fail(ld, i, "success", "\"%s\" needs the handle as the return value",
			    fn->success == TL_SUCCESS_NONNULL ? "nonnull" : "nonnegative");
	if (fn->success == TL_SUCCESS_NONNEGATIVE && fn->role == TL_ROLE_SPAWN)
		return fail(ld, i, "success", "a spawn cannot succeed by \"nonnegative\"");
	return 0;
}

static int parse_spawn(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	if (parse_created(ld, obj, i, fn, false) ||
	    need_arg(ld, obj, i, "entry", "spawn", &fn->entry_arg) ||
	    need_arg(ld, obj, i, "entry_arg", "spawn", &fn->entry_param_arg) ||
	    get_arg(ld, obj, i, "attr", &fn->attr_arg))
		return -1;
	return 0;
}

static int parse_chan_make(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	static const char *const ends[] = { "one", "pipe", "pair", NULL };
	static const char *const buffers[] = { "unbuffered", "arg", "bounded",
					       "unbounded", NULL };
	int e, b;

	if (parse_created(ld, obj, i, fn, false) ||
	    get_enum(ld, obj, i, "ends", ends, TL_ENDS_ONE, &e) ||
	    get_arg(ld, obj, i, "capacity", &fn->capacity_arg) ||
	    get_arg(ld, obj, i, "flags", &fn->flags_arg))
		return -1;
	if (!cJSON_GetObjectItemCaseSensitive(obj, "buffer"))
		return fail(ld, i, NULL, "role 'chan_make' needs field 'buffer'");
	if (get_enum(ld, obj, i, "buffer", buffers, 0, &b))
		return -1;
	fn->ends = (tl_ends)e;
	fn->buffer = (tl_buffer)b;
	if (fn->ends != TL_ENDS_ONE && fn->handle_out_arg == TL_NO_ARG)
		return fail(ld, i, "ends", "two ends need 'handle_out' (an int[2])");
	if ((fn->buffer == TL_BUFFER_ARG) != (fn->capacity_arg != TL_NO_ARG))
		return fail(ld, i, NULL,
			    "\"buffer\": \"arg\" and field 'capacity' go together");
	return 0;
}

static int parse_chan_op(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	bool blocking;

	if (parse_handle(ld, obj, i, fn) ||
	    get_bool(ld, obj, i, "blocking", true, &blocking) ||
	    get_arg(ld, obj, i, "deadline", &fn->deadline_arg))
		return -1;
	fn->nonblocking = !blocking;
	if (fn->nonblocking && fn->deadline_arg != TL_NO_ARG)
		return fail(ld, i, "deadline", "a nonblocking operation has no deadline");
	if (fn->deadline_arg == fn->handle_arg)
		return fail(ld, i, "deadline", "the deadline cannot be the handle");
	return 0;
}

static const char *const repeat_names[] = { "unknown", "never", "always",
					    "callback", "flag", "arg", NULL };

static int parse_timer_create(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	const cJSON *flag = cJSON_GetObjectItemCaseSensitive(obj, "repeat_flag");
	int r;

	if (parse_created(ld, obj, i, fn, true) ||
	    get_arg(ld, obj, i, "entry", &fn->entry_arg) ||
	    get_arg(ld, obj, i, "entry_arg", &fn->entry_param_arg) ||
	    get_bool(ld, obj, i, "armed", false, &fn->armed) ||
	    get_arg(ld, obj, i, "flags", &fn->flags_arg) ||
	    get_enum(ld, obj, i, "repeats", repeat_names, TL_REPEAT_UNKNOWN, &r))
		return -1;
	fn->repeats = (tl_repeat)r;
	fn->repeat_flag = 0;
	if (flag && get_llong(ld, flag, i, "repeat_flag", &fn->repeat_flag))
		return -1;
	if ((fn->repeats == TL_REPEAT_FLAG) !=
	    (fn->flags_arg != TL_NO_ARG && flag != NULL))
		return fail(ld, i, "repeats",
			    "\"flag\" goes with fields 'flags' and 'repeat_flag'");
	if (fn->repeats == TL_REPEAT_ARG)
		return fail(ld, i, "repeats", "\"arg\" applies to role 'timer_arm'");
	return 0;
}

static int parse_timer_arm(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	int r;

	if (parse_handle(ld, obj, i, fn) || parse_success(ld, obj, i, &fn->success) ||
	    get_arg(ld, obj, i, "entry", &fn->entry_arg) ||
	    get_arg(ld, obj, i, "entry_arg", &fn->entry_param_arg) ||
	    get_arg(ld, obj, i, "repeat", &fn->repeat_arg) ||
	    get_enum(ld, obj, i, "repeats", repeat_names, TL_REPEAT_UNKNOWN, &r))
		return -1;
	fn->repeats = (tl_repeat)r;
	if ((fn->repeats == TL_REPEAT_ARG) != (fn->repeat_arg != TL_NO_ARG))
		return fail(ld, i, "repeats", "\"arg\" and field 'repeat' go together");
	if (fn->repeats == TL_REPEAT_FLAG)
		return fail(ld, i, "repeats", "\"flag\" applies to role 'timer_create'");
	return 0;
}

/* The coroutine's handle, if the prologue returns one, is optional: the
 * coroutine itself is the call that follows in the go() macro. */
static int parse_coroutine(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	const cJSON *ret = cJSON_GetObjectItemCaseSensitive(obj, "handle_return");

	if (parse_success(ld, obj, i, &fn->success))
		return -1;
	if (ret && !cJSON_IsBool(ret))
		return fail(ld, i, "handle_return", "expected true or false");
	fn->handle_return = cJSON_IsTrue(ret);
	if (fn->success != TL_SUCCESS_ALWAYS && !fn->handle_return)
		return fail(ld, i, "success", "a test of success needs 'handle_return'");
	return 0;
}

static int parse_attr_detach(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "detached_value");

	if (need_arg(ld, obj, i, "attr", "attr_detach", &fn->attr_arg) ||
	    need_arg(ld, obj, i, "value", "attr_detach", &fn->value_arg))
		return -1;
	if (!v)
		return fail(ld, i, NULL, "role 'attr_detach' needs field 'detached_value'");
	return get_llong(ld, v, i, "detached_value", &fn->detached_value);
}

/* "origin": "FILE:LINE", where a project model found the function. */
static int parse_origin(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "origin");
	const char *colon;
	char *end;

	if (!v)
		return 0;
	if (!cJSON_IsString(v) || !(colon = strrchr(v->valuestring, ':')) ||
	    colon == v->valuestring || strtol(colon + 1, &end, 10) <= 0 || *end)
		return fail(ld, i, "origin", "expected \"FILE:LINE\"");
	fn->origin = strdup(v->valuestring);
	return fn->origin ? 0 : fail(ld, i, NULL, "out of memory");
}

/* Optional words a timer_create row gives its messages ("noun",
 * "released"); check_fields has kept them to that role. */
static int parse_words(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	static const char *const keys[] = { "noun", "released" };
	char **slots[] = { &fn->noun, &fn->released };

	for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[k]);
		if (!v)
			continue;
		if (!cJSON_IsString(v) || !*v->valuestring)
			return fail(ld, i, keys[k], "expected a word for messages");
		if (!(*slots[k] = strdup(v->valuestring)))
			return fail(ld, i, NULL, "out of memory");
	}
	return 0;
}

/* "handle_field": the field of the struct the handle argument points to
 * that holds the handle (spawn: with handle_out; join, detach: with
 * "handle_by": "pointer"). */
static int parse_handle_field(struct loader *ld, const cJSON *obj, int i, tl_fn_model *fn)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "handle_field");
	const char *s;

	if (!v)
		return 0;
	if (fn->role != TL_ROLE_SPAWN && fn->role != TL_ROLE_JOIN &&
	    fn->role != TL_ROLE_DETACH && fn->role != TL_ROLE_BORROW)
		return fail(ld, i, "handle_field", "field does not apply to role '%s'",
			    role_names[fn->role]);
	/* "thr.tid": a field of a struct field (nng's nni_thr holds an
	 * nni_plat_thr whose tid is the pthread_t) */
	if (!cJSON_IsString(v) || !*(s = v->valuestring) || *s == '.' || strstr(s, "..") ||
	    s[strlen(s) - 1] == '.' || strspn(s,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") != strlen(s))
		return fail(ld, i, "handle_field", "expected a field name (or a path f.g)");
	if (fn->role == TL_ROLE_SPAWN ? fn->handle_out_arg == TL_NO_ARG : !fn->handle_by_pointer)
		return fail(ld, i, "handle_field", fn->role == TL_ROLE_SPAWN
			    ? "needs 'handle_out' (a pointer to the struct)"
			    : "needs \"handle_by\": \"pointer\" (a pointer to the struct)");
	fn->handle_field = strdup(s);
	return fn->handle_field ? 0 : fail(ld, i, NULL, "out of memory");
}

/* A qualified C++ name ("std::jthread::request_stop") is a member or a
 * constructor: without "handle" its own object is the handle.  A C function
 * has no object, so it must say where the handle is. */
static int parse_cancel_handle(struct loader *ld, const cJSON *obj, int i,
			       const char *name, tl_fn_model *fn)
{
	if (!cJSON_GetObjectItemCaseSensitive(obj, "handle") && strstr(name, "::")) {
		fn->on_object = true;
		return cJSON_GetObjectItemCaseSensitive(obj, "handle_by")
			? fail(ld, i, "handle_by", "a member acting on its object has no 'handle'")
			: 0;
	}
	return parse_handle(ld, obj, i, fn);
}

/* cancel_make: like a spawn's handle, except that a constructor makes its
 * own object the handle (std::stop_source::stop_source). */
static int parse_cancel_make(struct loader *ld, const cJSON *obj, int i,
			     const char *name, tl_fn_model *fn)
{
	if (strstr(name, "::") && !cJSON_GetObjectItemCaseSensitive(obj, "handle_out") &&
	    !cJSON_GetObjectItemCaseSensitive(obj, "handle_return")) {
		fn->on_object = true;
		return parse_success(ld, obj, i, &fn->success);
	}
	return parse_created(ld, obj, i, fn, false);
}

static int parse_cancel_connect(struct loader *ld, const cJSON *obj, int i,
				const char *name, tl_fn_model *fn)
{
	const cJSON *ret = cJSON_GetObjectItemCaseSensitive(obj, "handle_return");

	if (parse_cancel_handle(ld, obj, i, name, fn) ||
	    need_arg(ld, obj, i, "entry", "cancel_connect", &fn->entry_arg) ||
	    get_arg(ld, obj, i, "entry_arg", &fn->entry_param_arg))
		return -1;
	if (ret && !cJSON_IsBool(ret))
		return fail(ld, i, "handle_return", "expected true or false");
	fn->handle_return = cJSON_IsTrue(ret);
	if (fn->entry_arg == fn->handle_arg)
		return fail(ld, i, "entry", "the handler cannot be the handle");
	return 0;
}

static int parse_cancel_wait(struct loader *ld, const cJSON *obj, int i,
			     tl_fn_model *fn)
{
	if (get_arg(ld, obj, i, "token", &fn->token_arg) ||
	    get_arg(ld, obj, i, "deadline", &fn->deadline_arg))
		return -1;
	if (fn->token_arg != TL_NO_ARG && fn->token_arg == fn->deadline_arg)
		return fail(ld, i, "deadline", "the deadline cannot be the token");
	return 0;
}

/* cancel_spawn: the task's handle is optional (a jthread constructor is its
 * own object; g_task_run_in_thread runs the task at "handle"). */
static int parse_cancel_spawn(struct loader *ld, const cJSON *obj, int i,
			      const char *name, tl_fn_model *fn)
{
	if (parse_cancel_handle(ld, obj, i, name, fn) ||
	    need_arg(ld, obj, i, "entry", "cancel_spawn", &fn->entry_arg) ||
	    need_arg(ld, obj, i, "token_param", "cancel_spawn", &fn->token_param) ||
	    get_arg(ld, obj, i, "token", &fn->token_arg))
		return -1;
	if (fn->entry_arg == fn->handle_arg || fn->entry_arg == fn->token_arg)
		return fail(ld, i, "entry", "the entry cannot be the handle or the token");
	return 0;
}

static int parse_task_new(struct loader *ld, const cJSON *obj, int i,
			  tl_fn_model *fn)
{
	const cJSON *ret = cJSON_GetObjectItemCaseSensitive(obj, "handle_return");

	if (!cJSON_IsTrue(ret))
		return fail(ld, i, NULL, "role 'task_new' needs \"handle_return\": true");
	fn->handle_return = true;
	if (need_arg(ld, obj, i, "token", "task_new", &fn->token_arg) ||
	    get_arg(ld, obj, i, "entry", &fn->entry_arg) ||
	    get_arg(ld, obj, i, "entry_arg", &fn->entry_param_arg))
		return -1;
	if (fn->entry_arg == fn->token_arg)
		return fail(ld, i, "entry", "the callback cannot be the token");
	return 0;
}

/* The cancellation roles (issue 14); the roles with no fields (self, exit,
 * fork, exec) come here too and have nothing to read. */
static int parse_cancel_role(struct loader *ld, const cJSON *obj, int i,
			     const char *name, tl_fn_model *fn)
{
	switch (fn->role) {
	case TL_ROLE_CANCEL_TYPE:
		return 0;
	case TL_ROLE_CANCEL_MAKE:
		return parse_cancel_make(ld, obj, i, name, fn);
	case TL_ROLE_CANCEL:
	case TL_ROLE_CANCEL_CHECK:
	case TL_ROLE_CANCEL_GET:
	case TL_ROLE_CANCEL_RELEASE:
	case TL_ROLE_CANCEL_JOIN:
	case TL_ROLE_TASK_RETURN:
		return parse_cancel_handle(ld, obj, i, name, fn);
	case TL_ROLE_CANCEL_CONNECT:
		return parse_cancel_connect(ld, obj, i, name, fn);
	case TL_ROLE_CANCEL_DISCONNECT:
		return parse_cancel_handle(ld, obj, i, name, fn) ||
		       get_arg(ld, obj, i, "connection", &fn->connection_arg) ? -1 : 0;
	case TL_ROLE_CANCEL_WAIT:
		return parse_cancel_wait(ld, obj, i, fn);
	case TL_ROLE_CANCEL_SPAWN:
		return parse_cancel_spawn(ld, obj, i, name, fn);
	case TL_ROLE_TASK_NEW:
		return parse_task_new(ld, obj, i, fn);
	default:
		return 0;
	}
}

static void fn_init(tl_fn_model *fn)
{
	memset(fn, 0, sizeof(*fn));
	fn->handle_arg = fn->handle_out_arg = fn->entry_arg = TL_NO_ARG;
	fn->entry_param_arg = fn->attr_arg = fn->value_arg = TL_NO_ARG;
	fn->object_arg = fn->capacity_arg = fn->target_arg = TL_NO_ARG;
	fn->flags_arg = fn->repeat_arg = fn->deadline_arg = TL_NO_ARG;
	fn->token_arg = fn->token_param = fn->connection_arg = TL_NO_ARG;
}

/* The fields each role takes beyond name and role. */
static int parse_role_fields(struct loader *ld, const cJSON *obj, int i, const char *name,
			     tl_fn_model *fn)
{
	switch (fn->role) {
	case TL_ROLE_SPAWN:
		return parse_spawn(ld, obj, i, fn);
	case TL_ROLE_JOIN:
	case TL_ROLE_DETACH:
		return parse_release(ld, obj, i, fn);
	case TL_ROLE_ATTR_DETACH:
		return parse_attr_detach(ld, obj, i, fn);
	case TL_ROLE_FREE:
	case TL_ROLE_WAIT:
		return need_arg(ld, obj, i, "object", "wait", &fn->object_arg) ||
		       get_bool(ld, obj, i, "condition", false, &fn->condition) ? -1 : 0;
	case TL_ROLE_SIGNAL:
		return need_arg(ld, obj, i, "object", tl_role_name(fn->role), &fn->object_arg);
	case TL_ROLE_CHAN_MAKE:
		return parse_chan_make(ld, obj, i, fn);
	case TL_ROLE_SEND:
	case TL_ROLE_RECV:
		return parse_chan_op(ld, obj, i, fn);
	case TL_ROLE_CLOSE:
	case TL_ROLE_TIMER_DISARM:
	case TL_ROLE_BORROW:
		return parse_handle(ld, obj, i, fn);
	case TL_ROLE_DUP:
		return parse_handle(ld, obj, i, fn) ||
		       need_arg(ld, obj, i, "target", "dup", &fn->target_arg) ? -1 : 0;
	case TL_ROLE_WAIT_CHILD:
		/* No handle: waits for any child (wait). */
		return get_arg(ld, obj, i, "handle", &fn->handle_arg) ||
		       get_arg(ld, obj, i, "flags", &fn->flags_arg) ? -1 : 0;
	case TL_ROLE_TIMER_CREATE:
		return parse_timer_create(ld, obj, i, fn);
	case TL_ROLE_TIMER_ARM:
		return parse_timer_arm(ld, obj, i, fn);
	case TL_ROLE_TIMER_FREE:
		return parse_release(ld, obj, i, fn) ||
		       get_arg(ld, obj, i, "entry", &fn->entry_arg) ? -1 : 0;
	case TL_ROLE_COROUTINE:
		return parse_coroutine(ld, obj, i, fn);
	default:
		return parse_cancel_role(ld, obj, i, name, fn);
	}
}

static int parse_function(struct loader *ld, const cJSON *obj, int i,
			  const char *library, tl_fn_model *fn)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "name");
	int rc = 0;

	fn_init(fn);
	if (!cJSON_IsObject(obj))
		return fail(ld, i, NULL, "expected an object");
	if (!name)
		return fail(ld, i, NULL, "missing field 'name'");
	if (!cJSON_IsString(name) || !*name->valuestring)
		return fail(ld, i, "name", "expected a function name");
	if (parse_role(ld, obj, i, &fn->role) || check_fields(ld, obj, i, fn->role))
		return -1;
	rc = parse_role_fields(ld, obj, i, name->valuestring, fn);
	if (rc || parse_origin(ld, obj, i, fn) || parse_handle_field(ld, obj, i, fn) ||
	    parse_words(ld, obj, i, fn)) {
		fn_clear(fn);
		return -1;
	}
	fn->name = strdup(name->valuestring);
	fn->library = strdup(library);
	if (!fn->name || !fn->library) {
		fn_clear(fn);
		return fail(ld, i, NULL, "out of memory");
	}
	return 0;
}

static int check_root(struct loader *ld, const cJSON *root)
{
	static const char *const allowed[] = { "library", "description", "version",
					       "functions", "comment", "owners", "entries" };
	if (!cJSON_IsObject(root))
		return fail(ld, -1, NULL, "expected a JSON object at the top");
	const cJSON *dup = duplicate_key(root);
	if (dup)
		return fail(ld, -1, dup->string, "duplicate field");
	for (const cJSON *m = root->child; m; m = m->next) {
		size_t k = 0;
		while (k < sizeof(allowed) / sizeof(*allowed) && strcmp(m->string, allowed[k]))
			k++;
		if (k == sizeof(allowed) / sizeof(*allowed))
			return fail(ld, -1, m->string, "unknown field");
	}
	const cJSON *lib = cJSON_GetObjectItemCaseSensitive(root, "library");
	if (!lib)
		return fail(ld, -1, NULL, "missing field 'library'");
	if (!cJSON_IsString(lib) || !*lib->valuestring)
		return fail(ld, -1, "library", "expected a library name");
	const cJSON *fns = cJSON_GetObjectItemCaseSensitive(root, "functions");
	if (!fns)
		return fail(ld, -1, NULL, "missing field 'functions'");
	if (!cJSON_IsArray(fns))
		return fail(ld, -1, "functions", "expected an array");
	return 0;
}

static int append_all(tl_model_set *set, tl_fn_model *fresh, size_t n)
{
	if (!n) /* an empty functions array: set->fns may still be NULL */
		return 0;
	if (set->n + n > set->cap) {
		size_t cap = set->cap ? set->cap : 16;
		while (cap < set->n + n)
			cap *= 2;
		tl_fn_model *grown = realloc(set->fns, cap * sizeof(*grown));
		if (!grown)
			return -1;
		set->fns = grown;
		set->cap = cap;
	}
	/* Room first, so that indexing the copied rows cannot fail half-way. */
	if (tl_name_index_reserve(&set->by_name, set->fns, fn_name_at, set->n + n))
		return -1;
	memcpy(set->fns + set->n, fresh, n * sizeof(*fresh));
	for (size_t k = 0; k < n; k++)
		tl_name_index_add(&set->by_name, set->fns, fn_name_at, set->n + k);
	set->n += n;
	return 0;
}

/* "<origin>:<line>:<col>: not valid JSON", at where cJSON gave up. */
static void json_error(const char *origin, const char *text, size_t len, char **err)
{
	const char *at = cJSON_GetErrorPtr();
	int line, col;
	size_t off = (at && at >= text && at <= text + len) ? (size_t)(at - text) : len;
	tl_json_offset_to_line(text, len, off, &line, &col);
	size_t need = strlen(origin) + 64;
	*err = malloc(need);
	if (*err)
		snprintf(*err, need, "%s:%d:%d: not valid JSON", origin, line, col);
}

/* Parses every entry of 'functions' into fresh; *n counts the parsed ones,
 * which the caller clears on failure. */
static int parse_functions(struct loader *ld, const tl_model_set *set, const cJSON *fns,
			   const char *library, tl_fn_model *fresh, size_t *n)
{
	struct tl_name_index here = { 0 };
	int i = 0, rc = 0;
	for (const cJSON *obj = fns->child; obj && !rc; obj = obj->next, i++) {
		if (parse_function(ld, obj, i, library, &fresh[*n])) {
			rc = -1;
			break;
		}
		const char *name = fresh[(*n)++].name;
		if (tl_name_index_find(&here, fresh, fn_name_at, name) != (size_t)-1 ||
		    tl_models_lookup(set, name))
			rc = fail(ld, i, "name", "function '%s' is modelled twice", name);
		else if (tl_name_index_add(&here, fresh, fn_name_at, *n - 1))
			rc = fail(ld, -1, NULL, "out of memory");
	}
	tl_name_index_free(&here);
	return rc;
}

int tl_models_load_buffer(tl_model_set *set, const char *origin,
			  const char *text, size_t len, char **err)
{
	struct loader ld = { origin, text, len, err };
	const char *end = NULL;
	tl_fn_model *fresh = NULL;
	size_t n = 0;
	int rc = -1;

	*err = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		json_error(origin, text, len, err);
		return -1;
	}
	if (check_root(&ld, root))
		goto out;

	const char *library = cJSON_GetObjectItemCaseSensitive(root, "library")->valuestring;
	const cJSON *fns = cJSON_GetObjectItemCaseSensitive(root, "functions");
	int count = cJSON_GetArraySize(fns);
	fresh = calloc(count ? (size_t)count : 1, sizeof(*fresh));
	if (!fresh) {
		fail(&ld, -1, NULL, "out of memory");
		goto out;
	}
	if (parse_functions(&ld, set, fns, library, fresh, &n))
		goto out;
	if (tl_models_load_project(set, root, origin, text, len, err))
		goto out;
	if (append_all(set, fresh, n)) {
		fail(&ld, -1, NULL, "out of memory");
		goto out;
	}
	n = 0; /* now owned by the set */
	rc = 0;
out:
	for (size_t k = 0; k < n; k++)
		fn_clear(&fresh[k]);
	free(fresh);
	cJSON_Delete(root);
	return rc;
}

int tl_models_load_file(tl_model_set *set, const char *path, char **err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*err = NULL;
	if (!f) {
		size_t need = strlen(path) + 128;
		*err = malloc(need);
		if (*err)
			snprintf(*err, need, "%s: cannot open model file: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			char *grown = realloc(buf, cap);
			if (!grown) {
				free(buf);
				fclose(f);
				*err = strdup("out of memory reading a model file");
				return -1;
			}
			buf = grown;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		size_t need = strlen(path) + 64;
		*err = malloc(need);
		if (*err)
			snprintf(*err, need, "%s: cannot read model file", path);
		return -1;
	}
	rc = tl_models_load_buffer(set, path, buf, len, err);
	free(buf);
	return rc;
}

int tl_models_load_list(tl_model_set *set, const char *list, char **err)
{
	char *copy = strdup(list ? list : ""), *save = NULL;
	int rc = 0;

	*err = NULL;
	if (!copy) {
		*err = strdup("out of memory");
		return -1;
	}
	for (char *p = strtok_r(copy, ":,", &save); p && !rc; p = strtok_r(NULL, ":,", &save))
		if (*p)
			rc = tl_models_load_file(set, p, err);
	free(copy);
	return rc;
}

int tl_models_load_builtin(tl_model_set *set, char **err)
{
	for (size_t i = 0; i < tl_builtin_model_count; i++) {
		const struct tl_builtin_model *m = &tl_builtin_models[i];
		if (tl_models_load_buffer(set, m->origin, m->text, m->len, err))
			return -1;
	}
	return 0;
}
