/*
 * owners.c - owner fields and entry summaries across units (see owners.h).
 *
 * An owner field is `&p->f` passed as a spawn's handle_out (or a local
 * handle, or a returned one, stored into `p->f`), p a parameter of a
 * struct type or a method's `this`: the unit that fills it knows the entry, the unit that
 * frees the struct may not even see the spawn.  Its releases are the
 * joins and detaches of `p->f` in any unit.  An entry is a function named
 * as a spawn's entry anywhere; it detaches itself when its body calls a
 * detach on a self() call (pthread_detach(pthread_self())).
 */
#include "owners.h"

#include "common/strbuf.h"
#include "common/strmap.h"
#include "write_model.h"

#include <stdlib.h>
#include <string.h>

struct ctx {
	const tl_model_set *base;
	const struct tl_infer_rows *rows;
	struct strmap owners;   /* "record.field" -> tl_owner_row * */
	struct strmap entries;  /* entry name -> (void *)1 */
	struct strmap defs;     /* function name -> its fact (NULL: twice) */
};

static int row_cmp(const void *key, const void *row)
{
	return strcmp(key, ((const tl_fn_model *)row)->name);
}

static const tl_fn_model *model_of(const struct ctx *c, const char *name)
{
	const tl_fn_model *m = tl_models_lookup(c->base, name);
	if (!m && c->rows->n)
		m = bsearch(name, c->rows->v, c->rows->n, sizeof(*c->rows->v), row_cmp);
	return m;
}

static const struct tl_arg_fact *arg(const struct tl_call_fact *call, int k)
{
	return k >= 0 && k < call->nargs && k < TL_INFER_MAX_ARGS ? &call->args[k] : NULL;
}

static tl_owner_row *owner_slot(struct ctx *c, const struct tl_arg_fact *a)
{
	struct strbuf key;
	sb_init(&key);
	sb_addf(&key, "%s.%s", a->record, a->field);
	void **slot = strmap_put(&c->owners, key.buf);
	sb_release(&key);
	return *slot ? *slot : (*slot = xcalloc(1, sizeof(tl_owner_row)));
}

/* The fields of the owner the filling function assigns besides the handle
 * (`s->started = 1`, `mosq->threaded = mosq_ts_self`): the flags that may
 * say "not started".  The facts carry the writes through the first
 * parameter (a method's: through `this`) only, so an owner passed
 * elsewhere gets none. */
static void add_flags(tl_owner_row *o, const struct tl_fn_fact *fn,
		      const struct tl_arg_fact *to)
{
	if (to->param != 0 && to->param != TL_PARAM_THIS)
		return;
	o->flags = xcalloc(fn->nwrites + 1, sizeof(char *));
	for (size_t k = 0; k < fn->nwrites; k++)
		if (strcmp(fn->writes[k], to->field))
			o->flags[o->nflags++] = xstrdup(fn->writes[k]);
}

/* Where a spawn's handle lands in an owner's field: `&p->f` given to it;
 * a local `&t` given to it, then stored (`p->f = t`); or its result
 * stored (`p->f = g_thread_new(...)`).  *to borrows fn's strings. */
static bool owner_target(const struct tl_fn_fact *fn, const struct tl_call_fact *call,
			 const tl_fn_model *m, struct tl_arg_fact *to)
{
	const struct tl_arg_fact *out = arg(call, m->handle_out_arg);
	if (m->handle_field)
		return false;
	if (out && out->kind == TL_ARG_ADDR_MEMBER && out->record) {
		*to = *out;
		return true;
	}
	const char *from = m->handle_return ? call->callee
			   : out && out->kind == TL_ARG_ADDR_LOCAL ? out->field : NULL;
	for (size_t k = 0; from && k < fn->nstores; k++) {
		const struct tl_store_fact *st = &fn->stores[k];
		if (st->record && st->from_call == m->handle_return && !strcmp(st->from, from)) {
			*to = (struct tl_arg_fact){ TL_ARG_ADDR_MEMBER, st->param, st->field,
						    st->record };
			return true;
		}
	}
	return false;
}

/* A spawn into an owner's field: the first one found names the task. */
static void add_owner(struct ctx *c, const struct tl_fn_fact *fn,
		      const struct tl_call_fact *call, const tl_fn_model *m)
{
	struct tl_arg_fact to;
	if (!owner_target(fn, call, m, &to))
		return;
	tl_owner_row *o = owner_slot(c, &to);
	if (o->record)
		return;
	const struct tl_arg_fact *entry = arg(call, m->entry_arg);
	const struct tl_arg_fact *data = arg(call, m->entry_param_arg);
	o->record = xstrdup(to.record);
	o->field = xstrdup(to.field);
	o->spawn = xstrdup(call->callee);
	o->acquired_in = xstrdup(fn->name);
	o->entry = entry && entry->kind == TL_ARG_FUNC ? xstrdup(entry->field) : NULL;
	o->entry_gets_owner = data && data->kind == TL_ARG_DIRECT && data->param == to.param;
	o->origin = xstrdup(fn->origin);
	add_flags(o, fn, &to);
}

/* A join or detach of `p->f` (or `&p->f` by pointer). */
static void add_release(struct ctx *c, const struct tl_fn_fact *fn,
			const struct tl_call_fact *call, const tl_fn_model *m)
{
	const struct tl_arg_fact *h = arg(call, m->handle_arg);
	if (m->handle_field || !h || !h->record ||
	    h->kind != (m->handle_by_pointer ? TL_ARG_ADDR_MEMBER : TL_ARG_MEMBER))
		return;
	tl_owner_row *o = owner_slot(c, h);
	for (size_t k = 0; k < o->nreleased; k++)
		if (!strcmp(o->released_in[k], fn->name))
			return;
	o->released_in = xrealloc(o->released_in, (o->nreleased + 1) * sizeof(char *));
	o->released_in[o->nreleased++] = xstrdup(fn->name);
}

static void scan_call(struct ctx *c, const struct tl_fn_fact *fn,
		      const struct tl_call_fact *call)
{
	const tl_fn_model *m = model_of(c, call->callee);
	if (!m)
		return;
	if (m->role == TL_ROLE_SPAWN) {
		const struct tl_arg_fact *entry = arg(call, m->entry_arg);
		if (entry && entry->kind == TL_ARG_FUNC)
			strmap_put(&c->entries, entry->field);
		add_owner(c, fn, call, m);
	} else if (m->role == TL_ROLE_JOIN || m->role == TL_ROLE_DETACH) {
		add_release(c, fn, call, m);
	}
}

/* pthread_detach(pthread_self()) in fn's own body. */
static bool detaches_self(const struct ctx *c, const struct tl_fn_fact *fn)
{
	for (size_t k = 0; k < fn->ncalls; k++) {
		const tl_fn_model *m = model_of(c, fn->calls[k].callee);
		const struct tl_arg_fact *h = m && m->role == TL_ROLE_DETACH
						      ? arg(&fn->calls[k], m->handle_arg) : NULL;
		const tl_fn_model *self = h && h->kind == TL_ARG_CALL ? model_of(c, h->field) : NULL;
		if (self && self->role == TL_ROLE_SELF)
			return true;
	}
	return false;
}


/* A name defined twice (two static functions) has no one summary. */
static const struct tl_fn_fact twice_mark;

static void index_unit(struct ctx *c, const struct tl_unit_facts *u)
{
	for (size_t i = 0; i < u->nfns; i++) {
		const struct tl_fn_fact *fn = &u->fns[i];
		void **def = strmap_put(&c->defs, fn->name);
		const struct tl_fn_fact *seen = *def;
		if (!seen)
			*def = (void *)fn;
		else if (seen != &twice_mark && strcmp(seen->origin, fn->origin))
			*def = (void *)&twice_mark;
		for (size_t k = 0; k < fn->ncalls; k++)
			scan_call(c, fn, &fn->calls[k]);
	}
}

static int owner_cmp(const void *a, const void *b)
{
	const tl_owner_row *x = a, *y = b;
	int r = strcmp(x->record, y->record);
	return r ? r : strcmp(x->field, y->field);
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const tl_entry_row *)a)->name, ((const tl_entry_row *)b)->name);
}

/* A C++ owner's destructor defined in some unit ends it there, whether or
 * not it joins: `Worker::~Worker` for record `Worker`. */
static void add_destructor(struct ctx *c, tl_owner_row *o)
{
	struct strbuf name;
	sb_init(&name);
	sb_addf(&name, "%s::~%s", o->record, o->record);
	void **def = strmap_find(&c->defs, name.buf);
	if (def && *def && *def != &twice_mark) {
		o->ended_in = xcalloc(2, sizeof(char *));
		o->ended_in[o->nended++] = sb_detach(&name);
	} else {
		sb_release(&name);
	}
}

/* Owner fields that some unit fills; a field only released (its spawn
 * not seen, or through a wrapper of a struct handle) is no owner. */
static tl_owner_row *collect_owners(struct ctx *c, size_t *n)
{
	tl_owner_row *v = xcalloc(c->owners.count + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < c->owners.capacity; i++) {
		tl_owner_row *o = c->owners.slots[i].value;
		if (!c->owners.slots[i].key)
			continue;
		if (o->record) {
			add_destructor(c, o);
			v[(*n)++] = *o;
		} else
			tl_owner_row_clear(o);
		free(o);
	}
	qsort(v, *n, sizeof(*v), owner_cmp);
	return v;
}

/* The loop fn settles in, as the entry row's "stops_on": not when it
 * calls an exit model there (pthread_exit: another way out) or writes a
 * flag it tests (the task may stop itself).  A project function that
 * exits on the loop's behalf is not seen (its calls are not facts). */
static void add_stops(const struct ctx *c, const struct tl_fn_fact *fn, tl_entry_row *e)
{
	if (!fn->has_loop)
		return;
	for (size_t k = 0; k < fn->nloop_calls; k++) {
		const tl_fn_model *m = model_of(c, fn->loop_calls[k]);
		if (m && (m->role == TL_ROLE_EXIT || m->role == TL_ROLE_PROCESS_EXIT))
			return;
	}
	for (size_t k = 0; k < fn->nstops; k++)
		for (size_t w = 0; w < fn->nwrites; w++)
			if (!strcmp(fn->stops[k].field, fn->writes[w]))
				return;
	e->has_stops = true;
	e->stops = xcalloc(fn->nstops + 1, sizeof(*e->stops));
	for (size_t k = 0; k < fn->nstops; k++) {
		const struct tl_stop_fact *s = &fn->stops[k];
		e->stops[e->nstops++] = (tl_stop_test){ xstrdup(s->record), xstrdup(s->field),
							s->equal, s->value };
	}
}

static tl_entry_row *collect_entries(struct ctx *c, size_t *n)
{
	tl_entry_row *v = xcalloc(c->entries.count + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < c->entries.capacity; i++) {
		const char *name = c->entries.slots[i].key;
		void **def = name ? strmap_find(&c->defs, name) : NULL;
		const struct tl_fn_fact *fn = def ? *def : NULL;
		if (!fn || fn == &twice_mark)
			continue;
		v[*n].name = xstrdup(name);
		v[*n].detaches_self = detaches_self(c, fn);
		v[*n].origin = xstrdup(fn->origin);
		v[*n].writes = xcalloc(fn->nwrites + 1, sizeof(char *));
		for (size_t k = 0; k < fn->nwrites; k++)
			v[*n].writes[v[*n].nwrites++] = xstrdup(fn->writes[k]);
		add_stops(c, fn, &v[*n]);
		(*n)++;
	}
	qsort(v, *n, sizeof(*v), entry_cmp);
	return v;
}

void tl_infer_owners(const struct tl_unit_facts *units, size_t nunits,
		     const tl_model_set *base, const struct tl_infer_rows *rows,
		     struct tl_infer_project *out)
{
	struct ctx c = { base, rows, { 0 }, { 0 }, { 0 } };
	strmap_init(&c.owners);
	strmap_init(&c.entries);
	strmap_init(&c.defs);
	for (size_t u = 0; u < nunits; u++)
		index_unit(&c, &units[u]);
	out->owners = collect_owners(&c, &out->nowners);
	out->entries = collect_entries(&c, &out->nentries);
	strmap_free(&c.owners);
	strmap_free(&c.entries);
	strmap_free(&c.defs);
}

void tl_infer_project_free(struct tl_infer_project *p)
{
	for (size_t i = 0; i < p->nowners; i++)
		tl_owner_row_clear(&p->owners[i]);
	for (size_t i = 0; i < p->nentries; i++)
		tl_entry_row_clear(&p->entries[i]);
	free(p->owners);
	free(p->entries);
	memset(p, 0, sizeof(*p));
}

static void add_json_str(struct strbuf *sb, const char *key, const char *value)
{
	sb_addf(sb, "%s\"%s\": \"", strcmp(key, "record") && strcmp(key, "name") ? ", " : "", key);
	sb_add_json(sb, value);
	sb_addc(sb, '"');
}

static void add_names(struct strbuf *sb, const char *key, char *const *v, size_t n)
{
	sb_addf(sb, ", \"%s\": [", key);
	for (size_t k = 0; k < n; k++) {
		sb_adds(sb, k ? ", \"" : "\"");
		sb_add_json(sb, v[k]);
		sb_addc(sb, '"');
	}
	sb_addc(sb, ']');
}

/* "stops_on": [{"record": "q_t", "field": "exit"}], the test spelled out
 * only when it is not "is set". */
static void add_stops_json(struct strbuf *sb, const tl_entry_row *e)
{
	sb_adds(sb, ", \"stops_on\": [");
	for (size_t k = 0; k < e->nstops; k++) {
		const tl_stop_test *t = &e->stops[k];
		sb_adds(sb, k ? ", {" : "{");
		add_json_str(sb, "record", t->record);
		add_json_str(sb, "field", t->field);
		if (t->equal || t->value)
			sb_addf(sb, ", \"equal\": %s, \"value\": %lld", t->equal ? "true" : "false",
				t->value);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

static void write_owner(struct strbuf *sb, const tl_owner_row *o)
{
	sb_addc(sb, '{');
	add_json_str(sb, "record", o->record);
	add_json_str(sb, "field", o->field);
	add_json_str(sb, "spawn", o->spawn);
	add_json_str(sb, "acquired_in", o->acquired_in);
	if (o->entry)
		add_json_str(sb, "entry", o->entry);
	if (o->entry_gets_owner)
		sb_adds(sb, ", \"entry_gets_owner\": true");
	add_names(sb, "released_in", o->released_in, o->nreleased);
	if (o->nflags)
		add_names(sb, "flags", o->flags, o->nflags);
	if (o->nended)
		add_names(sb, "ended_in", o->ended_in, o->nended);
	add_json_str(sb, "origin", o->origin);
	sb_addc(sb, '}');
}

void tl_write_project(struct strbuf *sb, const struct tl_infer_project *p)
{
	if (p->nowners)
		sb_adds(sb, ",\n  \"owners\": [");
	for (size_t i = 0; i < p->nowners; i++) {
		sb_adds(sb, i ? ",\n    " : "\n    ");
		write_owner(sb, &p->owners[i]);
	}
	if (p->nowners)
		sb_adds(sb, "\n  ]");
	if (p->nentries)
		sb_adds(sb, ",\n  \"entries\": [");
	for (size_t i = 0; i < p->nentries; i++) {
		const tl_entry_row *e = &p->entries[i];
		sb_adds(sb, i ? ",\n    {" : "\n    {");
		add_json_str(sb, "name", e->name);
		sb_addf(sb, ", \"detaches_self\": %s", e->detaches_self ? "true" : "false");
		if (e->nwrites)
			add_names(sb, "writes", e->writes, e->nwrites);
		if (e->has_stops)
			add_stops_json(sb, e);
		add_json_str(sb, "origin", e->origin);
		sb_addc(sb, '}');
	}
	if (p->nentries)
		sb_adds(sb, "\n  ]");
}
