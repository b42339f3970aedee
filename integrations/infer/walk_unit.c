/*
 * walk_unit.c - one translation unit to facts, with libclang's cursors.
 *
 * libclang 14 has no query for a unary operator's kind, so &p and *p are
 * told apart by their types: &p has type pointer-to-(type of p), *p has
 * the type p points to.
 */
#include "walk_unit.h"
#include "stop_loop.h"
#include "walk_cursor.h"

#include "ends_process.h"

#include "common/strbuf.h"
#include "common/tl_error.h"

#include <stdlib.h>
#include <string.h>

/* The function being walked. */
struct fn_ctx {
	CXCursor params[TL_INFER_MAX_ARGS];
	int nparams;
	CXCursor returned;      /* the call a `return` statement returns */
	bool has_returned;
	/* Per parameter: every mention, and the mentions accounted for (a
	 * call argument p, *p, &p, or the base of p->f); the rest are bare
	 * uses (tl_fn_fact.bare_use). */
	int refs[TL_INFER_MAX_ARGS], accounted[TL_INFER_MAX_ARGS];
	/* Per parameter: mentions as a test (if (p), !p, p == q), which keep
	 * nothing either (tl_fn_fact.loose_use). */
	int tested[TL_INFER_MAX_ARGS];
	/* Locals initialised from the first parameter (`T *q = arg;`): its
	 * aliases, for the fields the body writes through it. */
	CXCursor aliases[8];
	int naliases;
	/* A C++ method's class (its `this` points to it); NULL elsewhere. */
	char *this_record;
	CXCursor fn;
	CXTranslationUnit tu;
	struct tl_fn_fact *fact;
	/* Blocks that may end the process (ends_process.h): the calls
	 * inside get tl_call_fact.dies and .enders. */
	struct tl_dying_blocks dying;
};

struct unit_ctx {
	const char *root;
	struct tl_unit_facts *out;
	CXTranslationUnit tu;
};

static char *take(CXString s)
{
	const char *c = clang_getCString(s);
	char *copy = xstrdup(c ? c : "");
	clang_disposeString(s);
	return copy;
}

static enum CXChildVisitResult last_child(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	*(CXCursor *)d = c;
	return CXChildVisit_Continue;
}

/* Up to three children of a cursor. */
struct kids {
	CXCursor *v;
	int *n;
};

static enum CXChildVisitResult collect_children(CXCursor c, CXCursor parent, CXClientData d)
{
	struct kids *k = d;
	(void)parent;
	k->v[(*k->n)++] = c;
	return *k->n < 3 ? CXChildVisit_Continue : CXChildVisit_Break;
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	*(CXCursor *)d = c;
	return CXChildVisit_Break;
}

/* The operand of a cast, a unary operator, a member access or a return:
 * the last child (a cast to a named type has the type's TypeRef first). */
static CXCursor child_of(CXCursor c)
{
	CXCursor child = clang_getNullCursor();
	clang_visitChildren(c, last_child, &child);
	return child;
}

/* Casts and parentheses are transparent: (void *)p forwards p. */
static CXCursor strip(CXCursor c)
{
	while (c.kind == CXCursor_UnexposedExpr || c.kind == CXCursor_ParenExpr ||
	       c.kind == CXCursor_CStyleCastExpr) {
		CXCursor inner = child_of(c);
		if (clang_Cursor_isNull(inner))
			break;
		c = inner;
	}
	return c;
}

static int param_index(const struct fn_ctx *f, CXCursor ref)
{
	if (ref.kind != CXCursor_DeclRefExpr)
		return -1;
	CXCursor decl = clang_getCursorReferenced(ref);
	for (int i = 0; i < f->nparams; i++)
		if (clang_equalCursors(decl, f->params[i]))
			return i;
	return -1;
}

static bool same_type(CXType a, CXType b)
{
	return clang_equalTypes(clang_getCanonicalType(a), clang_getCanonicalType(b));
}

/* The name of the struct a pointer type points to: its tag, or for an
 * unnamed struct the typedef it is declared with; NULL when neither. */
static char *record_of(CXType ptr)
{
	CXType pointee = clang_getPointeeType(clang_getCanonicalType(ptr));
	CXCursor decl = clang_getTypeDeclaration(pointee);
	char *name = take(clang_getCursorSpelling(decl));
	if (*name && !strchr(name, ' '))
		return name;
	free(name);
	CXType written = clang_getPointeeType(ptr);
	if (written.kind != CXType_Typedef && written.kind != CXType_Elaborated)
		return NULL;
	name = take(clang_getTypedefName(written));
	if (*name)
		return name;
	free(name);
	return NULL;
}

/* `this`, written or implicit (a member access without a base), in a
 * method. */
static bool is_this(const struct fn_ctx *f, CXCursor m, CXCursor base)
{
	if (!f->this_record)
		return false;
	if (clang_Cursor_isNull(base))
		return clang_getCursorReferenced(m).kind == CXCursor_FieldDecl;
	return base.kind == CXCursor_CXXThisExpr;
}

/* p->f with p a parameter (or a method's `this`): the parameter's index
 * (TL_PARAM_THIS), the field in *field. */
static int member_of_param(const struct fn_ctx *f, CXCursor m, char **field)
{
	if (m.kind != CXCursor_MemberRefExpr)
		return -1;
	CXCursor base = strip(child_of(m));
	int i = is_this(f, m, base) ? TL_PARAM_THIS : param_index(f, base);
	if (i == -1 || (i >= 0 && clang_getCanonicalType(clang_getCursorType(base)).kind !=
					  CXType_Pointer))
		return -1;
	*field = take(clang_getCursorSpelling(m));
	return i;
}

/* The struct parameter i (or `this`) points to. */
static char *record_for(const struct fn_ctx *f, int i)
{
	return i == TL_PARAM_THIS ? xstrdup(f->this_record)
				  : record_of(clang_getCursorType(f->params[i]));
}

/* A function's name as the models spell it: a C++ method's qualified by
 * its class (`Worker::start`, `Worker::~Worker`). */
static char *function_name(CXCursor fn)
{
	char *name = take(clang_getCursorSpelling(fn));
	if (fn.kind != CXCursor_CXXMethod && fn.kind != CXCursor_Constructor &&
	    fn.kind != CXCursor_Destructor)
		return name;
	char *cls = take(clang_getCursorSpelling(clang_getCursorSemanticParent(fn)));
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s::%s", cls, name);
	free(cls);
	free(name);
	return sb_detach(&sb);
}

/* A local variable of the function walked (not a parameter): its name. */
static char *local_name(const struct fn_ctx *f, CXCursor ref)
{
	if (ref.kind != CXCursor_DeclRefExpr)
		return NULL;
	CXCursor d = clang_getCursorReferenced(ref);
	if (d.kind != CXCursor_VarDecl ||
	    !clang_equalCursors(clang_getCursorSemanticParent(d), f->fn))
		return NULL;
	return take(clang_getCursorSpelling(d));
}

/* A global (or static) struct variable: its name. */
static char *global_struct(CXCursor ref)
{
	CXCursor d = clang_getCursorReferenced(ref);
	if (ref.kind != CXCursor_DeclRefExpr || d.kind != CXCursor_VarDecl ||
	    clang_Cursor_getStorageClass(d) == CX_SC_Register ||
	    clang_getCursorSemanticParent(d).kind != CXCursor_TranslationUnit)
		return NULL;
	CXType t = clang_getCanonicalType(clang_getCursorType(d));
	if (t.kind != CXType_Record && t.kind != CXType_Elaborated)
		return NULL;
	return take(clang_getCursorSpelling(d));
}

/* A function or a static method named as is (an entry). */
static bool names_function(CXCursor ref)
{
	CXCursor d = clang_getCursorReferenced(ref);
	return ref.kind == CXCursor_DeclRefExpr &&
	       (d.kind == CXCursor_FunctionDecl ||
		(d.kind == CXCursor_CXXMethod && clang_CXXMethod_isStatic(d)));
}

static bool is_null_constant(CXCursor c)
{
	if (c.kind == CXCursor_GNUNullExpr)
		return true;
	if (c.kind != CXCursor_IntegerLiteral)
		return false;
	CXEvalResult r = clang_Cursor_Evaluate(c);
	bool zero = r && clang_EvalResult_getKind(r) == CXEval_Int &&
		    clang_EvalResult_getAsLongLong(r) == 0;
	if (r)
		clang_EvalResult_dispose(r);
	return zero;
}

static struct tl_arg_fact classify_unary(const struct fn_ctx *f, CXCursor op)
{
	struct tl_arg_fact a = { TL_ARG_OTHER, -1, NULL, NULL };
	CXCursor sub = strip(child_of(op));
	CXType t = clang_getCanonicalType(clang_getCursorType(op));
	CXType st = clang_getCanonicalType(clang_getCursorType(sub));
	bool addr = t.kind == CXType_Pointer && same_type(clang_getPointeeType(t), st);
	bool deref = st.kind == CXType_Pointer && same_type(clang_getPointeeType(st), t);
	int i;

	if ((i = param_index(f, sub)) >= 0 && (addr || deref)) {
		a.kind = addr ? TL_ARG_ADDR : TL_ARG_DEREF;
		a.param = i;
	} else if (addr && (i = member_of_param(f, sub, &a.field)) != -1) {
		a.kind = TL_ARG_ADDR_MEMBER;
		a.param = i;
		a.record = record_for(f, i);
	} else if (addr && (a.field = local_name(f, sub))) {
		a.kind = TL_ARG_ADDR_LOCAL; /* pthread_create(&t, ...) */
	} else if (addr && (a.field = global_struct(sub))) {
		a.kind = TL_ARG_ADDR_GLOBAL; /* pthread_create(&t->id, &attr, ...) */
	} else if (addr && names_function(sub)) {
		a.kind = TL_ARG_FUNC; /* &worker */
		a.field = function_name(clang_getCursorReferenced(sub));
	}
	return a;
}

static struct tl_arg_fact classify(const struct fn_ctx *f, CXCursor arg);

/* `p != NULL ? &p->thr : NULL` (nng's nni_thr_set_name): a choice between
 * what a parameter gives and a null pointer passes on what the parameter
 * gives; any other choice is OTHER. */
static struct tl_arg_fact classify_choice(const struct fn_ctx *f, CXCursor c)
{
	struct tl_arg_fact a = { TL_ARG_OTHER, -1, NULL, NULL }, b[2];
	CXCursor kids[3];
	int n = 0;
	clang_visitChildren(c, collect_children, &(struct kids){ kids, &n });
	if (n != 3)
		return a;
	b[0] = classify(f, kids[1]);
	b[1] = classify(f, kids[2]);
	for (int k = 0; k < 2; k++)
		if (b[k].param != -1 && b[1 - k].kind == TL_ARG_NULL) {
			a = b[k];
			b[k] = b[1 - k];
		}
	for (int k = 0; k < 2; k++) {
		free(b[k].field);
		free(b[k].record);
	}
	return a;
}

/* p->f[i], *p->f, p->f.g, (*p).f, p[i]: a path of field accesses,
 * subscripts and dereferences that starts at a parameter (or `this`). */
static bool rooted_at_param(const struct fn_ctx *f, CXCursor c)
{
	int steps = 0;
	for (; steps < 8; steps++) {
		c = strip(c);
		if (c.kind == CXCursor_ArraySubscriptExpr)
			clang_visitChildren(c, first_child, &c);
		else if (c.kind == CXCursor_MemberRefExpr || c.kind == CXCursor_UnaryOperator)
			c = child_of(c);
		else
			break;
	}
	return steps > 0 && (param_index(f, c) >= 0 ||
			     (c.kind == CXCursor_CXXThisExpr && f->this_record));
}

static struct tl_arg_fact classify(const struct fn_ctx *f, CXCursor arg)
{
	struct tl_arg_fact a = { TL_ARG_OTHER, -1, NULL, NULL };
	CXCursor c = strip(arg);
	int i;

	if (is_null_constant(c))
		a.kind = TL_ARG_NULL;
	else if ((i = param_index(f, c)) >= 0)
		a.kind = TL_ARG_DIRECT, a.param = i;
	else if (c.kind == CXCursor_CXXThisExpr && f->this_record)
		a.kind = TL_ARG_DIRECT, a.param = TL_PARAM_THIS;
	else if (c.kind == CXCursor_UnaryOperator)
		a = classify_unary(f, c);
	else if (c.kind == CXCursor_ConditionalOperator)
		a = classify_choice(f, c);
	else if ((i = member_of_param(f, c, &a.field)) != -1) {
		a.kind = TL_ARG_MEMBER, a.param = i;
		a.record = record_for(f, i);
	} else if (names_function(c)) {
		a.kind = TL_ARG_FUNC;
		a.field = function_name(clang_getCursorReferenced(c));
	} else if (c.kind == CXCursor_CallExpr && clang_Cursor_getNumArguments(c) == 0 &&
		   clang_getCursorReferenced(c).kind == CXCursor_FunctionDecl) {
		a.kind = TL_ARG_CALL;
		a.field = take(clang_getCursorSpelling(clang_getCursorReferenced(c)));
	}
	return a;
}

/* A block of the body (not the body itself) that may end the process. */
static void note_dying_block(struct fn_ctx *f, CXCursor c, CXCursor parent)
{
	if (c.kind == CXCursor_CompoundStmt && !clang_equalCursors(parent, f->fn))
		tl_dying_note(&f->dying, f->tu, c);
}

/* Records a call to a named function if an argument is tied to a parameter. */
static void record_call(struct fn_ctx *f, CXCursor call)
{
	CXCursor callee = clang_getCursorReferenced(call);
	struct tl_call_fact c = { 0 };
	bool tied = false;

	if (callee.kind != CXCursor_FunctionDecl)
		return;
	c.nargs = clang_Cursor_getNumArguments(call);
	for (int i = 0; i < c.nargs && i < TL_INFER_MAX_ARGS; i++) {
		c.args[i] = classify(f, clang_Cursor_getArgument(call, (unsigned)i));
		/* an entry function or a self() call matters too (owners.c) */
		tied |= c.args[i].param != -1 || c.args[i].kind == TL_ARG_FUNC ||
			c.args[i].kind == TL_ARG_CALL || c.args[i].kind == TL_ARG_ADDR_LOCAL ||
			c.args[i].kind == TL_ARG_ADDR_GLOBAL;
		if (c.args[i].kind == TL_ARG_OTHER &&
		    rooted_at_param(f, clang_Cursor_getArgument(call, (unsigned)i))) {
			c.rooted |= 1u << i;
			tied = true;
		}
		/* p->f and &p->f are counted as field accesses (count_mention) */
		if (c.args[i].param >= 0 && c.args[i].kind != TL_ARG_MEMBER &&
		    c.args[i].kind != TL_ARG_ADDR_MEMBER)
			f->accounted[c.args[i].param]++;
	}
	if (!tied) {
		for (int i = 0; i < c.nargs && i < TL_INFER_MAX_ARGS; i++) {
			free(c.args[i].field);
			free(c.args[i].record);
		}
		return;
	}
	c.callee = take(clang_getCursorSpelling(callee));
	tl_dying_mark(&f->dying, call, &c);
	/* Cursors reached by two walks differ; their extents do not. */
	c.returned = f->has_returned && clang_equalRanges(clang_getCursorExtent(call),
							   clang_getCursorExtent(f->returned));
	*tl_fn_add_call(f->fact) = c;
}

/* Counts a mention of a parameter, and a field access p->f as an
 * accounted one: reading or writing a field keeps nothing. */
static void count_mention(struct fn_ctx *f, CXCursor c)
{
	int i;
	char *field = NULL;
	if ((i = param_index(f, c)) >= 0)
		f->refs[i]++;
	else if ((i = member_of_param(f, c, &field)) != -1) {
		if (i >= 0)
			f->accounted[i]++;
		tl_fn_add_named(f->fact, field);
	}
	free(field);
}

static bool int_typed(CXCursor c)
{
	enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(c)).kind;
	return k >= CXType_Bool && k <= CXType_Int128;
}

/* A parameter tested: the condition of an if or a loop, the first operand
 * of ?:, an operand of an operator whose result is an integer (!p, p == q,
 * p && ...).  `p + 1` and `q = p` have pointer type: not tests. */
static void count_test(struct fn_ctx *f, CXCursor c)
{
	bool cond = c.kind == CXCursor_IfStmt || c.kind == CXCursor_WhileStmt ||
		    c.kind == CXCursor_DoStmt || c.kind == CXCursor_ForStmt;
	bool first = c.kind == CXCursor_ConditionalOperator;
	bool op = (c.kind == CXCursor_UnaryOperator || c.kind == CXCursor_BinaryOperator) &&
		  int_typed(c);
	if (!cond && !first && !op)
		return;
	CXCursor kids[3];
	int n = 0;
	clang_visitChildren(c, collect_children, &(struct kids){ kids, &n });
	for (int k = 0; k < (first ? 1 : n); k++) {
		int i = param_index(f, strip(kids[k]));
		if (i >= 0)
			f->tested[i]++;
	}
}

/* The first parameter, or a local initialised from it. */
static bool is_first_param(const struct fn_ctx *f, CXCursor ref)
{
	if (ref.kind != CXCursor_DeclRefExpr || f->nparams < 1)
		return false;
	CXCursor decl = clang_getCursorReferenced(ref);
	if (clang_equalCursors(decl, f->params[0]))
		return true;
	for (int i = 0; i < f->naliases; i++)
		if (clang_equalCursors(decl, f->aliases[i]))
			return true;
	return false;
}

/* Whether the operator `op` is spelled `text`: libclang 14 has no query
 * for it, so its token is read, the first punctuation after the left
 * operand `lhs` (a null cursor for a unary operator: its first one). */
bool tl_cx_operator_is(CXTranslationUnit tu, CXCursor op, CXCursor lhs, const char *text)
{
	CXToken *toks = NULL;
	unsigned n = 0, lhs_end = 0, off;
	bool eq = false;
	if (!clang_Cursor_isNull(lhs))
		clang_getFileLocation(clang_getRangeEnd(clang_getCursorExtent(lhs)), NULL, NULL,
				      NULL, &lhs_end);
	clang_tokenize(tu, clang_getCursorExtent(op), &toks, &n);
	for (unsigned i = 0; i < n; i++) {
		clang_getFileLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL, &off);
		if (off < lhs_end || clang_getTokenKind(toks[i]) != CXToken_Punctuation)
			continue;
		CXString s = clang_getTokenSpelling(tu, toks[i]);
		eq = !strcmp(clang_getCString(s), text);
		clang_disposeString(s);
		break;
	}
	clang_disposeTokens(tu, toks, n);
	return eq;
}

/* Whether the binary operator `op` with left operand `lhs` is `=`. */
static bool is_assignment(const struct fn_ctx *f, CXCursor op, CXCursor lhs)
{
	return tl_cx_operator_is(f->tu, op, lhs, "=");
}

/* `p->f = t` (t a local) and `p->f = callee(...)`: a handle reaching an
 * owner's field (owners.c). */
static void note_store(struct fn_ctx *f, CXCursor m, CXCursor rhs)
{
	char *field = NULL, *from = local_name(f, rhs);
	bool call = !from && rhs.kind == CXCursor_CallExpr &&
		    clang_getCursorReferenced(rhs).kind == CXCursor_FunctionDecl;
	if (call)
		from = take(clang_getCursorSpelling(clang_getCursorReferenced(rhs)));
	int i = from ? member_of_param(f, m, &field) : -1;
	if (i == -1) {
		free(from);
		free(field);
		return;
	}
	struct tl_store_fact *st = tl_fn_add_store(f->fact);
	st->param = i;
	st->field = field;
	st->record = record_for(f, i);
	st->from = from;
	st->from_call = call;
}

/* A field read, seen through casts, `*`, and a local initialised from it
 * (`fn = x->f; fn(...)`): the MemberRefExpr, or a null cursor. */
static CXCursor field_read(CXCursor e)
{
	for (int depth = 0; depth < 4; depth++) {
		e = strip(e);
		if (e.kind == CXCursor_UnaryOperator) {
			e = child_of(e);
		} else if (e.kind == CXCursor_DeclRefExpr &&
			   clang_getCursorReferenced(e).kind == CXCursor_VarDecl) {
			e = child_of(clang_getCursorReferenced(e));
		} else {
			break;
		}
	}
	return e.kind == CXCursor_MemberRefExpr ? e : clang_getNullCursor();
}

/* The struct a field access x->f reads from (x a pointer); NULL else. */
static char *base_record(CXCursor m)
{
	CXType t = clang_getCursorType(strip(child_of(m)));
	return clang_getCanonicalType(t).kind == CXType_Pointer ? record_of(t) : NULL;
}

/* `x->f(x->g)`: the call a trampoline entry makes to the entry it was
 * given (trampoline.c). */
static void note_field_call(struct fn_ctx *f, CXCursor call)
{
	CXCursor callee = clang_getNullCursor();
	clang_visitChildren(call, first_child, &callee);
	CXCursor m = field_read(callee);
	if (clang_Cursor_isNull(m) || clang_Cursor_getNumArguments(call) < 1)
		return;
	CXCursor a = field_read(clang_Cursor_getArgument(call, 0));
	char *record = base_record(m), *arg_record = NULL;
	if (record && !clang_Cursor_isNull(a) && (arg_record = base_record(a)) &&
	    !strcmp(record, arg_record)) {
		struct tl_link_fact *l = tl_fn_add_link(f->fact);
		l->record = record;
		l->field = take(clang_getCursorSpelling(m));
		l->arg_field = take(clang_getCursorSpelling(a));
		l->param = -1;
		record = NULL;
	}
	free(record);
	free(arg_record);
}

/* `x->f = p`, p a parameter: a start function keeping its entry or the
 * entry's argument for a trampoline (trampoline.c). */
static void note_link_store(struct fn_ctx *f, CXCursor op, CXCursor lhs, CXCursor m)
{
	int p = param_index(f, strip(child_of(op)));
	char *record = p >= 0 ? base_record(m) : NULL;
	if (!record || !is_assignment(f, op, lhs)) {
		free(record);
		return;
	}
	struct tl_link_fact *l = tl_fn_add_link(f->fact);
	l->record = record;
	l->field = take(clang_getCursorSpelling(m));
	l->arg_field = NULL;
	l->param = p;
}

/* `q = arg` aliases, and `p->f = ...` (or `p->f += ...`) writes. */
static void note_write(struct fn_ctx *f, CXCursor c)
{
	if (c.kind == CXCursor_VarDecl) {
		CXCursor init = strip(child_of(c));
		if (f->naliases < 8 && is_first_param(f, init))
			f->aliases[f->naliases++] = c;
		return;
	}
	if (c.kind != CXCursor_BinaryOperator && c.kind != CXCursor_CompoundAssignOperator)
		return;
	CXCursor lhs = clang_getNullCursor();
	clang_visitChildren(c, first_child, &lhs);
	CXCursor m = strip(lhs);
	if (m.kind != CXCursor_MemberRefExpr)
		return;
	if (c.kind == CXCursor_BinaryOperator)
		note_link_store(f, c, lhs, m);
	CXCursor base = strip(child_of(m));
	bool writes = f->this_record ? is_this(f, m, base) : is_first_param(f, base);
	bool of_param = is_this(f, m, base) || param_index(f, base) >= 0;
	bool plain = c.kind != CXCursor_CompoundAssignOperator;
	/* the operator's token is read only for a field of a parameter */
	if ((!writes && !of_param) || (plain && !is_assignment(f, c, lhs)))
		return;
	if (plain && of_param)
		note_store(f, m, strip(child_of(c)));
	if (!writes)
		return;
	char *field = take(clang_getCursorSpelling(m));
	tl_fn_add_write(f->fact, field);
	free(field);
}

static enum CXChildVisitResult body_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct fn_ctx *f = d;
	note_dying_block(f, c, parent);
	count_mention(f, c);
	count_test(f, c);
	note_write(f, c);
	if (c.kind == CXCursor_ReturnStmt) {
		CXCursor e = strip(child_of(c));
		f->has_returned = e.kind == CXCursor_CallExpr;
		f->returned = e;
		char *local = local_name(f, e);
		if (local && !f->fact->returns_local)
			f->fact->returns_local = local;
		else
			free(local);
	} else if (c.kind == CXCursor_CallExpr) {
		record_call(f, c);
		if (clang_getCursorReferenced(c).kind != CXCursor_FunctionDecl)
			note_field_call(f, c);
	}
	return CXChildVisit_Recurse;
}

static enum tl_ret_kind ret_kind(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind == CXType_Void)
		return TL_RET_VOID;
	if ((t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum)
		return TL_RET_INT;
	return t.kind == CXType_Pointer ? TL_RET_POINTER : TL_RET_OTHER;
}

static char *origin_of(CXCursor c, const char *root)
{
	CXFile file;
	unsigned line;
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, NULL, NULL);
	char *name = take(clang_getFileName(file));
	const char *rel = name;
	size_t n = root ? strlen(root) : 0;
	if (n && !strncmp(name, root, n) && name[n] == '/')
		rel = name + n + 1;
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s:%u", rel, line);
	free(name);
	return sb_detach(&sb);
}

/* The helpers stop_loop.c shares (walk_cursor.h). */
char *tl_cx_take(CXString s) { return take(s); }
CXCursor tl_cx_child(CXCursor c) { return child_of(c); }
CXCursor tl_cx_strip(CXCursor c) { return strip(c); }
char *tl_cx_record_of(CXType ptr) { return record_of(ptr); }

static void walk_function(struct unit_ctx *u, CXCursor c)
{
	struct fn_ctx f = { .has_returned = false, .tu = u->tu };
	struct tl_fn_fact *fact = tl_unit_add_fn(u->out);
	int n = clang_Cursor_getNumArguments(c);

	fact->name = function_name(c);
	if (c.kind != CXCursor_FunctionDecl && !clang_CXXMethod_isStatic(c))
		f.this_record = take(clang_getCursorSpelling(clang_getCursorSemanticParent(c)));
	fact->origin = origin_of(c, u->root);
	fact->nparams = n < 0 ? 0 : n;
	fact->ret = ret_kind(clang_getResultType(clang_getCursorType(c)));
	f.nparams = fact->nparams < TL_INFER_MAX_ARGS ? fact->nparams : TL_INFER_MAX_ARGS;
	for (int i = 0; i < f.nparams; i++)
		f.params[i] = clang_Cursor_getArgument(c, (unsigned)i);
	f.fact = fact;
	f.fn = c;
	clang_visitChildren(c, body_visit, &f);
	for (int i = 0; i < f.nparams; i++)
		if (f.refs[i] > f.accounted[i])
			fact->bare_use |= 1u << i;
	for (int i = 0; i < f.nparams; i++)
		if (f.refs[i] > f.accounted[i] + f.tested[i])
			fact->loose_use |= 1u << i;
	if (!f.this_record && f.nparams > 0) {
		CXCursor roots[9];
		roots[0] = f.params[0];
		memcpy(roots + 1, f.aliases, (size_t)f.naliases * sizeof(CXCursor));
		tl_walk_stop_loop(u->tu, c, roots, f.naliases + 1, fact);
	}
	free(f.this_record);
	tl_dying_free(&f.dying);
}

/* Annotations naming a taskleak role, on any declaration of a function. */
static enum CXChildVisitResult annot_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct unit_ctx *u = d;
	if (c.kind != CXCursor_AnnotateAttr)
		return CXChildVisit_Continue;
	char *text = take(clang_getCursorSpelling(c));
	if (strncmp(text, "taskleak_", 9)) {
		free(text);
		return CXChildVisit_Continue;
	}
	struct tl_annot_fact *a = tl_unit_add_annot(u->out);
	a->name = take(clang_getCursorSpelling(parent));
	a->text = text;
	a->origin = origin_of(parent, u->root);
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (c.kind == CXCursor_Namespace || c.kind == CXCursor_LinkageSpec ||
	    c.kind == CXCursor_ClassDecl || c.kind == CXCursor_StructDecl)
		return CXChildVisit_Recurse;
	bool fn = c.kind == CXCursor_FunctionDecl || c.kind == CXCursor_CXXMethod ||
		  c.kind == CXCursor_Constructor || c.kind == CXCursor_Destructor;
	if (c.kind == CXCursor_FunctionDecl && clang_Cursor_hasAttrs(c))
		clang_visitChildren(c, annot_visit, d);
	if (fn && clang_isCursorDefinition(c))
		walk_function(d, c);
	return CXChildVisit_Continue;
}

static void add_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth,
			  CXClientData d)
{
	struct tl_unit_facts *u = d;
	(void)stack; (void)depth;
	if ((u->nfiles & (u->nfiles - 1)) == 0)
		u->files = xrealloc(u->files, (u->nfiles ? u->nfiles * 2 : 1) * sizeof(*u->files));
	u->files[u->nfiles++] = take(clang_getFileName(file));
}

/* The first error clang reported, as "file:line:col: error: ...". */
static int first_error(CXTranslationUnit tu, const struct tl_tu *unit, char **err)
{
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error) {
			char *text = take(clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
								 CXDiagnostic_DisplayColumn));
			clang_disposeDiagnostic(d);
			/* "unit: error", without naming the unit twice */
			size_t n = strlen(unit->file);
			bool named = !strncmp(text, unit->file, n) && text[n] == ':';
			int rc = named ? tl_error(err, TL_E_INPUT, "%s", text)
				       : tl_error(err, TL_E_INPUT, "%s: %s", unit->file, text);
			free(text);
			return rc;
		}
		clang_disposeDiagnostic(d);
	}
	return TL_OK;
}

int tl_walk_unit(CXIndex index, const struct tl_tu *tu, const char *root,
		 struct tl_unit_facts *out, char **err)
{
	const char **argv = xcalloc(tu->nargs + 2, sizeof(*argv));
	CXTranslationUnit unit = NULL;
	struct unit_ctx u = { root, out, NULL };
	int rc;

	memset(out, 0, sizeof(*out));
	/* Relative -I paths are relative to where the compiler ran; threads
	 * share one working directory, so clang is told instead. */
	argv[0] = "-working-directory";
	argv[1] = tu->directory;
	for (size_t i = 0; i < tu->nargs; i++)
		argv[i + 2] = tu->args[i];
	enum CXErrorCode ec = clang_parseTranslationUnit2(
		index, tu->file, argv, (int)tu->nargs + 2, NULL, 0,
		CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &unit);
	free(argv);
	if (ec != CXError_Success || !unit)
		return tl_error(err, TL_E_INPUT, "%s: libclang could not parse it (error %d)",
				tu->file, (int)ec);
	rc = first_error(unit, tu, err);
	if (!rc) {
		u.tu = unit;
		clang_visitChildren(clang_getTranslationUnitCursor(unit), top_visit, &u);
		clang_getInclusions(unit, add_inclusion, out);
	}
	clang_disposeTranslationUnit(unit);
	if (rc)
		tl_unit_facts_free(out);
	return rc;
}
