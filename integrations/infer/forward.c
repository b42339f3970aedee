/*
 * forward.c - a forwarding call to a model row (see forward.h).
 *
 * Argument fields are mapped one by one: the wrapper's row keeps a field
 * only where the call passes one of the wrapper's parameters there.  A
 * required field that is not a parameter (a fixed entry function) means
 * the function is not a wrapper but a user of the API, which the
 * analyzer sees in its own unit.
 */
#include "forward.h"

#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define UNMAPPED (-2)

bool tl_forward_role(tl_role role)
{
	switch (role) {
	case TL_ROLE_SPAWN: case TL_ROLE_JOIN: case TL_ROLE_DETACH: case TL_ROLE_FREE:
	case TL_ROLE_CHAN_MAKE: case TL_ROLE_SEND: case TL_ROLE_RECV: case TL_ROLE_CLOSE:
	case TL_ROLE_TIMER_CREATE: case TL_ROLE_TIMER_ARM: case TL_ROLE_TIMER_DISARM:
	case TL_ROLE_TIMER_FREE: case TL_ROLE_BORROW:
		return true;
	default:
		return false;
	}
}

/* A method's `this` is no parameter a caller passes: never forwarded. */
static const struct tl_arg_fact *arg_at(const struct tl_call_fact *c, int k)
{
	static const struct tl_arg_fact other = { TL_ARG_OTHER, -1, NULL, NULL };
	return k >= 0 && k < c->nargs && k < TL_INFER_MAX_ARGS &&
			       c->args[k].param != TL_PARAM_THIS
		       ? &c->args[k] : &other;
}

/* A plain argument (entry, data, capacity...): the parameter passed as is,
 * TL_NO_ARG when the model has none, UNMAPPED otherwise. */
static int plain(const struct tl_call_fact *c, int k)
{
	if (k == TL_NO_ARG)
		return TL_NO_ARG;
	const struct tl_arg_fact *a = arg_at(c, k);
	return a->kind == TL_ARG_DIRECT ? a->param : UNMAPPED;
}

/* &p->f handed to a row whose handle is field g of what its argument
 * points to: the handle is p's field "f.g" (nng's nni_thr_init(t, ...)
 * calling nni_plat_thr_init(&t->thr, ...), which fills t->thr.tid). */
static int nested_field(const struct tl_arg_fact *a, const tl_fn_model *m, tl_fn_model *row)
{
	if (a->kind != TL_ARG_ADDR_MEMBER)
		return -1;
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s.%s", a->field, m->handle_field);
	row->handle_field = sb_detach(&sb);
	return 0;
}

/* The handle an operation acts on.  `*p` forwards p's pointee by pointer,
 * `&p` a by-value p to a by-pointer model; p->f and &p->f reach a handle
 * held in a struct (handle_field). */
static int map_handle(const struct tl_call_fact *c, const tl_fn_model *m, tl_fn_model *row)
{
	const struct tl_arg_fact *a = arg_at(c, m->handle_arg);
	bool by_ptr = m->handle_by_pointer, field = false;

	if (m->handle_field && a->kind != TL_ARG_DIRECT) {
		if (!by_ptr || nested_field(a, m, row))
			return -1;
		row->handle_arg = a->param;
		row->handle_by_pointer = true;
		return 0;
	}
	switch (a->kind) {
	case TL_ARG_DIRECT: break;
	case TL_ARG_DEREF: if (by_ptr) return -1; by_ptr = true; break;
	case TL_ARG_ADDR: if (!by_ptr) return -1; by_ptr = false; break;
	case TL_ARG_MEMBER: if (by_ptr) return -1; by_ptr = field = true; break;
	case TL_ARG_ADDR_MEMBER: if (!by_ptr) return -1; field = true; break;
	default: return -1;
	}
	if (field && m->role != TL_ROLE_JOIN && m->role != TL_ROLE_DETACH &&
	    m->role != TL_ROLE_BORROW)
		return -1;
	row->handle_arg = a->param;
	row->handle_by_pointer = by_ptr;
	row->handle_field = field ? xstrdup(a->field)
			    : m->handle_field ? xstrdup(m->handle_field) : NULL;
	return 0;
}

/* Where a created handle goes: the same out-parameter, the same struct
 * field, or the wrapper returns the call's result, or the local the call
 * filled (`pthread_create(&t, ...); return t;`). */
static int map_created(const struct tl_fn_fact *fn, const struct tl_call_fact *c,
		       const tl_fn_model *m, tl_fn_model *row)
{
	if (m->handle_return)
		return c->returned ? 0 : -1;
	const struct tl_arg_fact *out = arg_at(c, m->handle_out_arg);
	if (out->kind == TL_ARG_ADDR_LOCAL && m->role == TL_ROLE_SPAWN && !m->handle_field &&
	    fn->returns_local && !strcmp(fn->returns_local, out->field)) {
		row->handle_return = true;
		return 0;
	}
	if (m->object_arg != TL_NO_ARG)
		return (row->object_arg = plain(c, m->object_arg)) >= 0 ? 0 : -1;
	const struct tl_arg_fact *a = arg_at(c, m->handle_out_arg);
	if (a->kind == TL_ARG_DIRECT) {
		row->handle_out_arg = a->param;
		row->handle_field = m->handle_field ? xstrdup(m->handle_field) : NULL;
		return 0;
	}
	if (a->kind == TL_ARG_ADDR_MEMBER && m->role == TL_ROLE_SPAWN) {
		row->handle_out_arg = a->param;
		if (m->handle_field)
			return nested_field(a, m, row);
		row->handle_field = xstrdup(a->field);
		return 0;
	}
	return -1;
}

/* A status test passes on when the wrapper returns the call's result; a
 * void wrapper has no status (it aborts or ignores failure). */
static int map_success(const struct tl_fn_fact *fn, const struct tl_call_fact *c,
		       const tl_fn_model *m, tl_fn_model *row)
{
	bool creates = m->role == TL_ROLE_SPAWN || m->role == TL_ROLE_CHAN_MAKE ||
		       m->role == TL_ROLE_TIMER_CREATE;
	if (m->success == TL_SUCCESS_ALWAYS || c->returned)
		row->success = m->success;
	else if (row->handle_return && !m->handle_return)
		row->success = TL_SUCCESS_ALWAYS; /* it returns the handle, not a status */
	else if (!creates || fn->ret == TL_RET_VOID)
		row->success = TL_SUCCESS_ALWAYS;
	else
		return -1;
	return 0;
}

/* Optional fields: dropped when not a parameter, with what depends on them. */
static int map_optional(const struct tl_call_fact *c, const tl_fn_model *m, tl_fn_model *row)
{
	const struct tl_arg_fact *attr = arg_at(c, m->attr_arg);
	row->attr_arg = plain(c, m->attr_arg);
	if (row->attr_arg == UNMAPPED) {
		if (attr->kind != TL_ARG_NULL)
			return -1; /* an attribute object of its own may detach */
		row->attr_arg = TL_NO_ARG;
	}
	row->capacity_arg = plain(c, m->capacity_arg);
	row->deadline_arg = plain(c, m->deadline_arg);
	if (row->capacity_arg == UNMAPPED || row->deadline_arg == UNMAPPED)
		return -1;
	row->flags_arg = plain(c, m->flags_arg);
	row->repeat_arg = plain(c, m->repeat_arg);
	if (row->flags_arg == UNMAPPED) {
		row->flags_arg = TL_NO_ARG;
		if (row->repeats == TL_REPEAT_FLAG)
			row->repeats = TL_REPEAT_UNKNOWN;
	}
	if (row->repeat_arg == UNMAPPED) {
		row->repeat_arg = TL_NO_ARG;
		if (row->repeats == TL_REPEAT_ARG)
			row->repeats = TL_REPEAT_UNKNOWN;
	}
	return 0;
}

static int map_entry(const struct tl_call_fact *c, const tl_fn_model *m, tl_fn_model *row)
{
	row->entry_arg = plain(c, m->entry_arg);
	row->entry_param_arg = plain(c, m->entry_param_arg);
	if (m->role == TL_ROLE_SPAWN)
		return row->entry_arg >= 0 && row->entry_param_arg >= 0 ? 0 : -1;
	/* A timer's fixed callback is left unsaid rather than guessed. */
	if (row->entry_arg == UNMAPPED)
		row->entry_arg = TL_NO_ARG;
	if (row->entry_param_arg == UNMAPPED)
		row->entry_param_arg = TL_NO_ARG;
	return 0;
}

static int map_args(const struct tl_fn_fact *fn, const struct tl_call_fact *c,
		    const tl_fn_model *m, tl_fn_model *row)
{
	switch (m->role) {
	case TL_ROLE_SPAWN: case TL_ROLE_CHAN_MAKE: case TL_ROLE_TIMER_CREATE:
		if (map_created(fn, c, m, row))
			return -1;
		break;
	case TL_ROLE_FREE:
		return (row->object_arg = plain(c, m->object_arg)) >= 0 ? 0 : -1;
	default:
		if (map_handle(c, m, row))
			return -1;
	}
	if (map_entry(c, m, row) || map_optional(c, m, row))
		return -1;
	if (m->role == TL_ROLE_SPAWN || m->role == TL_ROLE_CHAN_MAKE ||
	    m->role == TL_ROLE_TIMER_CREATE || m->role == TL_ROLE_JOIN ||
	    m->role == TL_ROLE_DETACH || m->role == TL_ROLE_TIMER_FREE)
		return map_success(fn, c, m, row);
	return 0;
}

int tl_forward_row(const struct tl_fn_fact *fn, const struct tl_call_fact *call,
		   const tl_fn_model *m, tl_fn_model *row)
{
	if (!tl_forward_role(m->role) || !strcmp(fn->name, call->callee))
		return -1;
	*row = *m;
	row->name = row->library = row->origin = row->handle_field = NULL;
	row->handle_arg = row->handle_out_arg = row->object_arg = TL_NO_ARG;
	row->handle_by_pointer = false;
	if (map_args(fn, call, m, row)) {
		free(row->handle_field);
		row->handle_field = NULL;
		return -1;
	}
	return 0;
}

bool tl_forward_touches(const struct tl_call_fact *call, const tl_fn_model *m)
{
	int k = m->handle_arg != TL_NO_ARG ? m->handle_arg
		: m->handle_out_arg != TL_NO_ARG ? m->handle_out_arg : m->object_arg;
	if (!tl_forward_role(m->role) || k == TL_NO_ARG)
		return false;
	const struct tl_arg_fact *a = arg_at(call, k);
	/* free(p->name) frees something p owns, not p */
	if (m->role == TL_ROLE_FREE)
		return a->kind == TL_ARG_DIRECT;
	return a->param >= 0;
}
