/*
 * stop_loop.c - the loop an entry settles in (see stop_loop.h).
 *
 * Shapes summarised, p the task's argument (or a local copy of it):
 *
 *   while (!p->stop) ...               one way out: stop != 0
 *   while (p->state != 2) ...          one way out: state == 2
 *   for (;;) { ... if (p->exit) break; ... }
 *                                      one way out: exit != 0
 *   for (;;) { poll(); }               no way out
 *
 * libclang 14 names no operator, so `!`, `==`, `!=`, `&&` and `||` are
 * read from the tokens (tl_cx_operator_is).
 */
#include "stop_loop.h"

#include "walk_cursor.h"
#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define MAX_KIDS 8
#define MAX_GUARDS 16

struct loop_ctx {
	CXTranslationUnit tu;
	const CXCursor *roots;
	int nroots;
	struct tl_fn_fact *fact;
	bool failed;
};

/* A test of a field of the task's argument; fields borrow nothing. */
struct test {
	char *record, *field;
	bool equal;
	long long value;
};

struct guards {
	struct test v[MAX_GUARDS];
	int n;
};

struct kids {
	CXCursor v[MAX_KIDS];
	int n;
};

static enum CXChildVisitResult add_kid(CXCursor c, CXCursor parent, CXClientData d)
{
	struct kids *k = d;
	(void)parent;
	if (k->n == MAX_KIDS)
		return CXChildVisit_Break;
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

static struct kids children(CXCursor c)
{
	struct kids k = { .n = 0 };
	clang_visitChildren(c, add_kid, &k);
	return k;
}

static bool is_root(const struct loop_ctx *l, CXCursor ref)
{
	if (ref.kind != CXCursor_DeclRefExpr)
		return false;
	CXCursor d = clang_getCursorReferenced(ref);
	for (int i = 0; i < l->nroots; i++)
		if (clang_equalCursors(d, l->roots[i]))
			return true;
	return false;
}

/* The constant value of e, if it has one. */
static bool constant(CXCursor e, long long *out)
{
	CXEvalResult r = clang_Cursor_Evaluate(e);
	bool ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok)
		*out = clang_EvalResult_getAsLongLong(r);
	if (r)
		clang_EvalResult_dispose(r);
	return ok;
}

/* p->f, an integer field of the task's argument: its struct and name. */
static bool root_field(const struct loop_ctx *l, CXCursor e, struct test *t)
{
	e = tl_cx_strip(e);
	if (e.kind != CXCursor_MemberRefExpr)
		return false;
	enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(e)).kind;
	CXCursor base = tl_cx_child(e);
	if (!(k >= CXType_Bool && k <= CXType_Int128) && k != CXType_Enum)
		return false;
	if (!is_root(l, tl_cx_strip(base)))
		return false;
	t->record = tl_cx_record_of(clang_getCursorType(base));
	if (!t->record)
		return false;
	t->field = tl_cx_take(clang_getCursorSpelling(e));
	return true;
}

static void add_guard(struct guards *g, struct test t)
{
	if (g->n < MAX_GUARDS)
		g->v[g->n++] = t;
	else {
		free(t.record);
		free(t.field);
	}
}

/* `p->f == K` or `p->f != K` (either side): the test that holds when the
 * comparison is `truth`. */
static void compare_tests(const struct loop_ctx *l, CXCursor e, struct kids k, bool truth,
			  struct guards *g)
{
	bool ne = tl_cx_operator_is(l->tu, e, k.v[0], "!=");
	if (!ne && !tl_cx_operator_is(l->tu, e, k.v[0], "=="))
		return;
	struct test t;
	long long v;
	int f = root_field(l, k.v[0], &t) ? 0 : root_field(l, k.v[1], &t) ? 1 : -1;
	if (f < 0)
		return;
	if (!constant(k.v[1 - f], &v)) {
		free(t.record);
		free(t.field);
		return;
	}
	t.equal = truth != ne;
	t.value = v;
	add_guard(g, t);
}

/* The field tests that must hold for `e` to be `truth`: `!`, `&&` when
 * true, `||` when false, a comparison with a constant, a bare field. */
static void necessary(const struct loop_ctx *l, CXCursor e, bool truth, struct guards *g)
{
	struct test t;
	e = tl_cx_strip(e);
	if (root_field(l, e, &t)) {
		t.equal = !truth;
		t.value = 0;
		add_guard(g, t);
		return;
	}
	struct kids k = children(e);
	if (e.kind == CXCursor_UnaryOperator && k.n == 1 &&
	    tl_cx_operator_is(l->tu, e, clang_getNullCursor(), "!")) {
		necessary(l, k.v[0], !truth, g);
	} else if (e.kind == CXCursor_BinaryOperator && k.n == 2) {
		const char *both = truth ? "&&" : "||";
		if (tl_cx_operator_is(l->tu, e, k.v[0], both)) {
			necessary(l, k.v[0], truth, g);
			necessary(l, k.v[1], truth, g);
		} else {
			compare_tests(l, e, k, truth, g);
		}
	}
}

static void clear_guards(struct guards *g, int from)
{
	for (int i = from; i < g->n; i++) {
		free(g->v[i].record);
		free(g->v[i].field);
	}
	g->n = from;
}

/* A way out of the loop: it needs the innermost field test guarding it. */
static void exit_here(struct loop_ctx *l, const struct guards *g)
{
	if (g->n == 0) {
		l->failed = true; /* taken on a value no flag decides */
		return;
	}
	const struct test *t = &g->v[g->n - 1];
	struct tl_stop_fact *s = tl_fn_add_stop(l->fact);
	s->record = xstrdup(t->record);
	s->field = xstrdup(t->field);
	s->equal = t->equal;
	s->value = t->value;
}

static void walk(struct loop_ctx *l, CXCursor s, struct guards *g, int depth);
static enum CXChildVisitResult walk_child(CXCursor c, CXCursor parent, CXClientData d);

struct walk_arg {
	struct loop_ctx *l;
	struct guards *g;
	int depth;
};

static void walk_if(struct loop_ctx *l, struct kids k, struct guards *g, int depth)
{
	int mark = g->n;
	if (k.n < 2 || k.n > 3) {
		l->failed = true; /* an if with an init or a declaration */
		return;
	}
	walk(l, k.v[0], g, depth);
	necessary(l, k.v[0], true, g);
	walk(l, k.v[1], g, depth);
	clear_guards(g, mark);
	if (k.n == 3) {
		necessary(l, k.v[0], false, g);
		walk(l, k.v[2], g, depth);
		clear_guards(g, mark);
	}
}

/* The loop's body: breaks at depth 0 and returns are ways out. */
static void walk(struct loop_ctx *l, CXCursor s, struct guards *g, int depth)
{
	if (l->failed)
		return;
	switch (s.kind) {
	case CXCursor_BreakStmt:
		if (depth == 0)
			exit_here(l, g);
		return;
	case CXCursor_ReturnStmt:
		exit_here(l, g);
		return;
	case CXCursor_GotoStmt:
	case CXCursor_IndirectGotoStmt:
		l->failed = true;
		return;
	case CXCursor_IfStmt:
		walk_if(l, children(s), g, depth);
		return;
	case CXCursor_CallExpr:
		if (clang_getCursorReferenced(s).kind == CXCursor_FunctionDecl) {
			char *callee = tl_cx_take(clang_getCursorSpelling(clang_getCursorReferenced(s)));
			tl_fn_add_loop_call(l->fact, callee);
			free(callee);
		}
		break;
	default:
		break;
	}
	bool inner = s.kind == CXCursor_WhileStmt || s.kind == CXCursor_ForStmt ||
		     s.kind == CXCursor_DoStmt || s.kind == CXCursor_SwitchStmt;
	struct walk_arg a = { l, g, depth + inner };
	clang_visitChildren(s, walk_child, &a);
}

static enum CXChildVisitResult walk_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct walk_arg *a = d;
	(void)parent;
	walk(a->l, c, a->g, a->depth);
	return a->l->failed ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The loop's own condition: `for (;;)` and `while (1)` have no way out
 * there; `for` with an init or a step is a counted loop, not summarised. */
static CXCursor loop_parts(struct loop_ctx *l, CXCursor loop, CXCursor *body)
{
	struct kids k = children(loop);
	CXCursor none = clang_getNullCursor();
	if (loop.kind == CXCursor_ForStmt && k.n == 1) {
		*body = k.v[0];
		return none;
	}
	if (k.n != 2 || loop.kind == CXCursor_ForStmt) {
		l->failed = true;
		return none;
	}
	bool is_do = loop.kind == CXCursor_DoStmt;
	*body = k.v[is_do ? 0 : 1];
	return k.v[is_do ? 1 : 0];
}

static void summarise(struct loop_ctx *l, CXCursor loop)
{
	CXCursor body, cond = loop_parts(l, loop, &body);
	long long v;
	struct guards g = { .n = 0 };
	if (l->failed)
		return;
	if (!clang_Cursor_isNull(cond) && !(constant(cond, &v) && v)) {
		necessary(l, cond, false, &g);
		exit_here(l, &g);
		clear_guards(&g, 0);
	}
	walk(l, body, &g, 0);
	clear_guards(&g, 0);
}

/* The one loop among the body's statements; a null cursor if none or
 * several. */
static enum CXChildVisitResult find_loop(CXCursor c, CXCursor parent, CXClientData d)
{
	CXCursor *found = d;
	(void)parent;
	if (c.kind != CXCursor_WhileStmt && c.kind != CXCursor_ForStmt &&
	    c.kind != CXCursor_DoStmt)
		return CXChildVisit_Continue;
	if (!clang_Cursor_isNull(found[0])) {
		found[1] = c; /* a second loop: which one it settles in is unknown */
		return CXChildVisit_Break;
	}
	found[0] = c;
	return CXChildVisit_Continue;
}

void tl_walk_stop_loop(CXTranslationUnit tu, CXCursor fn, const CXCursor *roots,
		       int nroots, struct tl_fn_fact *fact)
{
	struct loop_ctx l = { tu, roots, nroots, fact, false };
	CXCursor body = tl_cx_child(fn);
	CXCursor found[2] = { clang_getNullCursor(), clang_getNullCursor() };
	if (body.kind != CXCursor_CompoundStmt)
		return;
	clang_visitChildren(body, find_loop, found);
	if (clang_Cursor_isNull(found[0]) || !clang_Cursor_isNull(found[1]))
		return;
	summarise(&l, found[0]);
	fact->has_loop = !l.failed;
	if (l.failed) {
		for (size_t k = 0; k < fact->nstops; k++) {
			free(fact->stops[k].record);
			free(fact->stops[k].field);
		}
		fact->nstops = 0;
	}
}
