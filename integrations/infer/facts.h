/*
 * facts.h - what one translation unit says about its functions, as far as
 * wrapper inference needs it: each function definition, its parameters,
 * and each call in its body that receives one of those parameters.
 *
 * Facts are plain data, computed per unit (walk_unit.c), cached per unit
 * (cache.c) and only then combined across units (fixpoint.c), so a
 * re-scan re-parses only the units whose files changed.
 *
 * Ownership: a tl_unit_facts owns every string and array in it.
 */
#ifndef TL_INFER_FACTS_H
#define TL_INFER_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#define TL_INFER_MAX_ARGS 16

/* How a call's argument relates to a parameter of the calling function. */
enum tl_arg_kind {
	TL_ARG_OTHER = 0,   /* anything else */
	TL_ARG_NULL,        /* a null constant (0, NULL) */
	TL_ARG_DIRECT,      /* the parameter itself: p */
	TL_ARG_DEREF,       /* what it points to: *p */
	TL_ARG_ADDR,        /* its address: &p */
	TL_ARG_MEMBER,      /* a field of what it points to: p->f */
	TL_ARG_ADDR_MEMBER, /* that field's address: &p->f */
	TL_ARG_FUNC,        /* a function named as is (an entry): `field` is its name */
	TL_ARG_CALL,        /* the result of a call without arguments
	                     * (pthread_self()): `field` is the callee's name */
	TL_ARG_ADDR_LOCAL,  /* a local variable's address: &t, `field` is its
	                     * name (a handle the function stores or returns) */
	TL_ARG_ADDR_GLOBAL  /* a global struct's address: &attr, `field` is its
	                     * name (a spawn attribute set up once, trampoline.c) */
};

/* A C++ method's `this` (implicit or written), as a parameter index: its
 * fields are an owner's fields, it is never forwarded as a wrapper's. */
#define TL_PARAM_THIS (-3)

struct tl_arg_fact {
	enum tl_arg_kind kind;
	int param;          /* the parameter's index, or TL_PARAM_THIS; -1 for
	                     * OTHER and NULL */
	char *field;        /* MEMBER, ADDR_MEMBER: the field's name */
	char *record;       /* MEMBER, ADDR_MEMBER: the struct p points to
	                     * (its tag, or its typedef name); may be NULL */
};

struct tl_call_fact {
	char *callee;       /* the called function's name */
	bool returned;      /* `return callee(...)`: the result is passed through */
	unsigned rooted;    /* bit i: argument i is a longer access path
	                     * rooted at a parameter (p->f[i], *p->f, p->f.g,
	                     * (*p).f), kind OTHER: what the parameter holds,
	                     * for keep.c */
	bool dies;          /* in a block that calls a prototype spelling
	                     * noreturn: the block ends the process, this
	                     * is not what the function does on its way back */
	char **enders;      /* the calls among the own statements of the
	                     * blocks around this one (each once): if one is
	                     * a process_exit row, the call dies too; the
	                     * fixpoint decides with the models (call_dies.h) */
	size_t nenders;
	int nargs;          /* at most TL_INFER_MAX_ARGS are described */
	struct tl_arg_fact args[TL_INFER_MAX_ARGS];
};

/* `p->f = t` (t a local) or `p->f = callee(...)`: how a handle created
 * into a local, or returned by a call, reaches an owner's field. */
struct tl_store_fact {
	int param;          /* p's index, or TL_PARAM_THIS */
	char *field;
	char *record;       /* the struct p points to; may be NULL */
	char *from;         /* the local's name, or the callee's */
	bool from_call;
};

/* Trampoline facts (trampoline.c): a start function that stores the
 * entry and its argument in an object for a fixed entry to call.
 * A store `x->field = p` (x any pointer to `record`, p parameter `param`),
 * or, with param == -1, an indirect call `x->field(x->arg_field)` (also
 * through a local `fn = x->field; fn(x->arg_field)`). */
struct tl_link_fact {
	char *record;
	char *field;
	char *arg_field;    /* calls only */
	int param;
};

/* One way out of the loop an entry settles in (stop_loop.c): taken only
 * when field `field` of the struct `record` the first parameter points to
 * passes `field == value` (equal) or `field != value`. */
struct tl_stop_fact {
	char *record;
	char *field;
	bool equal;
	long long value;
};

/* What the function's return type is; decides how a status passes through. */
enum tl_ret_kind { TL_RET_VOID = 0, TL_RET_INT, TL_RET_POINTER, TL_RET_OTHER };

struct tl_fn_fact {
	char *name;
	char *origin;           /* "file.c:14", the definition */
	int nparams;
	enum tl_ret_kind ret;
	unsigned bare_use;      /* bit i: parameter i is used other than as a
	                         * call argument or the base of a field access
	                         * (stored, returned, compared): a function
	                         * may keep it, so it borrows nothing */
	struct tl_call_fact *calls; /* calls with at least one argument tied
	                             * to a parameter */
	size_t ncalls;
	char **writes;          /* fields of what the first parameter points
	                         * to that the body assigns (p->f = ..., also
	                         * through a local `T *q = p`; in a C++ method,
	                         * the fields of `this`): an entry's
	                         * writes to its owner, whose flags the owner
	                         * may then not trust */
	size_t nwrites;
	unsigned loose_use;     /* bit i: parameter i is used other than as
	                         * a call argument, the base of a field
	                         * access or a test (if (p), !p, p == q):
	                         * stored, returned or aliased, so the
	                         * function may keep it (role keep, keep.c) */
	char **named;           /* fields named through any parameter (p->f,
	                         * p->f->g names f): a task handle field
	                         * named here may be read and joined */
	size_t nnamed;
	struct tl_store_fact *stores;
	size_t nstores;
	char *returns_local;    /* `return t;`, t a local: its name */
	struct tl_link_fact *links;
	size_t nlinks;
	bool has_loop;          /* the loop its body settles in is summarised
	                         * (stop_loop.c): stops and loop_calls hold */
	struct tl_stop_fact *stops; /* one test per way out; none: no exit */
	size_t nstops;
	char **loop_calls;      /* functions the loop calls (an exit model
	                         * among them ends the task: no summary) */
	size_t nloop_calls;
};

/* A declaration annotated __attribute__((annotate("taskleak_ROLE k=v ..."))),
 * what inference cannot see (a closed library, a function table). */
struct tl_annot_fact {
	char *name;
	char *text;             /* the annotation, "taskleak_spawn entry=1 ..." */
	char *origin;           /* "file.h:14" */
};

struct tl_unit_facts {
	struct tl_fn_fact *fns;
	size_t nfns;
	struct tl_annot_fact *annots;
	size_t nannots;
	char **files;           /* every file the unit read (for the cache) */
	size_t nfiles;
};

void tl_unit_facts_free(struct tl_unit_facts *u);

/* Appends to arrays that grow by doubling; abort on out of memory like
 * the rest of the command's xmalloc. */
struct tl_fn_fact *tl_unit_add_fn(struct tl_unit_facts *u);
struct tl_call_fact *tl_fn_add_call(struct tl_fn_fact *fn);
/* Adds `name` to c's enders unless it is there already. */
void tl_call_add_ender(struct tl_call_fact *c, const char *name);
struct tl_annot_fact *tl_unit_add_annot(struct tl_unit_facts *u);
/* Adds `field` to fn's writes unless it is there already. */
void tl_fn_add_write(struct tl_fn_fact *fn, const char *field);
struct tl_store_fact *tl_fn_add_store(struct tl_fn_fact *fn);
struct tl_link_fact *tl_fn_add_link(struct tl_fn_fact *fn);
struct tl_stop_fact *tl_fn_add_stop(struct tl_fn_fact *fn);
/* Adds `callee` to fn's loop_calls unless it is there already. */
void tl_fn_add_loop_call(struct tl_fn_fact *fn, const char *callee);
/* Adds `field` to fn's named fields unless it is there already. */
void tl_fn_add_named(struct tl_fn_fact *fn, const char *field);

#endif
