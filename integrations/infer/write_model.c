/*
 * write_model.c - rows to JSON in the model-file format (see
 * write_model.h).  Only the fields the row's role takes are written, so
 * the file passes `taskleak models check`; tests load it back.
 */
#include "write_model.h"

static void add_str(struct strbuf *sb, const char *key, const char *value)
{
	sb_addf(sb, ", \"%s\": \"", key);
	sb_add_json(sb, value);
	sb_addc(sb, '"');
}

static void add_arg(struct strbuf *sb, const char *key, int arg)
{
	if (arg != TL_NO_ARG)
		sb_addf(sb, ", \"%s\": %d", key, arg);
}

static void add_created(struct strbuf *sb, const tl_fn_model *r)
{
	static const char *const success[] = { "always", "zero", "nonnull", "nonnegative" };
	if (r->handle_return)
		sb_adds(sb, ", \"handle_return\": true");
	add_arg(sb, "handle_out", r->handle_out_arg);
	add_arg(sb, "object", r->object_arg);
	if (r->success != TL_SUCCESS_ALWAYS)
		sb_addf(sb, ", \"success\": \"%s\"", success[r->success]);
}

/* `status`: the role takes "success" (join, detach, timer_free). */
static void add_handle(struct strbuf *sb, const tl_fn_model *r, bool status)
{
	add_arg(sb, "handle", r->handle_arg);
	if (r->handle_by_pointer)
		sb_adds(sb, ", \"handle_by\": \"pointer\"");
	if (status && r->success == TL_SUCCESS_ZERO)
		sb_adds(sb, ", \"success\": \"zero\"");
}

static void add_repeats(struct strbuf *sb, const tl_fn_model *r)
{
	static const char *const repeats[] = { "unknown", "never", "always",
					       "callback", "flag", "arg" };
	if (r->repeats != TL_REPEAT_UNKNOWN)
		sb_addf(sb, ", \"repeats\": \"%s\"", repeats[r->repeats]);
}

static void add_chan_make(struct strbuf *sb, const tl_fn_model *r)
{
	static const char *const ends[] = { "one", "pipe", "pair" };
	static const char *const buffers[] = { "unbuffered", "arg", "bounded", "unbounded" };
	add_created(sb, r);
	sb_addf(sb, ", \"ends\": \"%s\", \"buffer\": \"%s\"", ends[r->ends], buffers[r->buffer]);
	add_arg(sb, "capacity", r->capacity_arg);
	add_arg(sb, "flags", r->flags_arg);
}

static void add_role_fields(struct strbuf *sb, const tl_fn_model *r)
{
	switch (r->role) {
	case TL_ROLE_SPAWN:
		add_created(sb, r);
		add_arg(sb, "entry", r->entry_arg);
		add_arg(sb, "entry_arg", r->entry_param_arg);
		add_arg(sb, "attr", r->attr_arg);
		break;
	case TL_ROLE_FREE:
		add_arg(sb, "object", r->object_arg);
		break;
	case TL_ROLE_CHAN_MAKE:
		add_chan_make(sb, r);
		break;
	case TL_ROLE_SEND: case TL_ROLE_RECV:
		add_handle(sb, r, false);
		if (r->nonblocking)
			sb_adds(sb, ", \"blocking\": false");
		add_arg(sb, "deadline", r->deadline_arg);
		break;
	case TL_ROLE_TIMER_CREATE:
		add_created(sb, r);
		add_arg(sb, "entry", r->entry_arg);
		add_arg(sb, "entry_arg", r->entry_param_arg);
		if (r->armed)
			sb_adds(sb, ", \"armed\": true");
		add_arg(sb, "flags", r->flags_arg);
		if (r->repeats == TL_REPEAT_FLAG)
			sb_addf(sb, ", \"repeat_flag\": %lld", r->repeat_flag);
		add_repeats(sb, r);
		break;
	case TL_ROLE_TIMER_ARM:
		add_handle(sb, r, false);
		add_arg(sb, "entry", r->entry_arg);
		add_arg(sb, "entry_arg", r->entry_param_arg);
		add_arg(sb, "repeat", r->repeat_arg);
		add_repeats(sb, r);
		break;
	case TL_ROLE_TIMER_FREE:
		add_handle(sb, r, true);
		add_arg(sb, "entry", r->entry_arg);
		break;
	case TL_ROLE_KEEP:
		break;
	default: /* join, detach, close, timer_disarm */
		add_handle(sb, r, r->role == TL_ROLE_JOIN || r->role == TL_ROLE_DETACH);
	}
}

void tl_write_row(struct strbuf *sb, const tl_fn_model *r, bool origin)
{
	sb_adds(sb, "{\"name\": \"");
	sb_add_json(sb, r->name);
	sb_addf(sb, "\", \"role\": \"%s\"", tl_role_name(r->role));
	add_role_fields(sb, r);
	if (r->handle_field)
		add_str(sb, "handle_field", r->handle_field);
	if (origin && r->origin)
		add_str(sb, "origin", r->origin);
	sb_addc(sb, '}');
}

void tl_write_model(struct strbuf *sb, const tl_fn_model *const *rows, size_t n,
		    const char *extra)
{
	sb_adds(sb, "{\n  \"library\": \"project\",\n"
		"  \"description\": \"wrappers inferred by taskleak models infer\",\n"
		"  \"functions\": [");
	for (size_t i = 0; i < n; i++) {
		sb_adds(sb, i ? ",\n    " : "\n    ");
		tl_write_row(sb, rows[i], true);
	}
	sb_adds(sb, "\n  ]");
	sb_adds(sb, extra);
	sb_adds(sb, "\n}\n");
}
