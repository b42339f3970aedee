/* ends_process.c - blocks that may end the process (see ends_process.h). */
#include "ends_process.h"

#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* libclang 14 shows neither GNU's noreturn (a function type attribute)
 * nor C11's _Noreturn as anything of its own: the declaration's tokens
 * before its body are read instead. */
static bool spells_noreturn(CXTranslationUnit tu, CXCursor decl)
{
	CXToken *toks = NULL;
	unsigned n = 0;
	bool found = false, body = false;
	clang_tokenize(tu, clang_getCursorExtent(decl), &toks, &n);
	for (unsigned i = 0; i < n && !found && !body; i++) {
		CXString s = clang_getTokenSpelling(tu, toks[i]);
		const char *t = clang_getCString(s);
		body = t && !strcmp(t, "{");
		found = t && (strstr(t, "noreturn") || strstr(t, "Noreturn"));
		clang_disposeString(s);
	}
	clang_disposeTokens(tu, toks, n);
	return found;
}

static enum CXChildVisitResult last_child_of(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	*(CXCursor *)d = c;
	return CXChildVisit_Continue;
}

/* A statement `f(...);`, seen through the casts around it ((void)f()). */
static CXCursor statement_call(CXCursor c)
{
	for (int depth = 0; depth < 4 && c.kind != CXCursor_CallExpr; depth++) {
		if (c.kind != CXCursor_UnexposedExpr && c.kind != CXCursor_ParenExpr &&
		    c.kind != CXCursor_CStyleCastExpr)
			break;
		CXCursor inner = clang_getNullCursor();
		clang_visitChildren(c, last_child_of, &inner);
		c = inner;
	}
	return c;
}

static void add_name(struct tl_dying_block *b, const char *name)
{
	for (size_t i = 0; i < b->nnames; i++)
		if (!strcmp(b->names[i], name))
			return;
	b->names = xrealloc(b->names, (b->nnames + 1) * sizeof(*b->names));
	b->names[b->nnames++] = xstrdup(name);
}

struct block_ctx {
	CXTranslationUnit tu;
	struct tl_dying_block *b;
};

static enum CXChildVisitResult statement_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct block_ctx *x = d;
	CXCursor call = statement_call(c);
	CXCursor fn = clang_getCursorReferenced(call);
	(void)parent;
	if (call.kind != CXCursor_CallExpr || fn.kind != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	/* a definition's tokens run through its body: prototypes only */
	if (!clang_isCursorDefinition(fn) && spells_noreturn(x->tu, fn)) {
		x->b->noreturn = true;
		return CXChildVisit_Continue;
	}
	CXString s = clang_getCursorSpelling(fn);
	const char *name = clang_getCString(s);
	if (name && *name)
		add_name(x->b, name);
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

static unsigned offset_of(CXSourceLocation loc, CXFile *file)
{
	unsigned off = 0;
	clang_getFileLocation(loc, file, NULL, NULL, &off);
	return off;
}

void tl_dying_note(struct tl_dying_blocks *d, CXTranslationUnit tu, CXCursor block)
{
	struct tl_dying_block b = { 0 };
	struct block_ctx x = { tu, &b };
	CXFile end_file = NULL;
	if (block.kind != CXCursor_CompoundStmt)
		return;
	clang_visitChildren(block, statement_visit, &x);
	b.from = offset_of(clang_getCursorLocation(block), &b.file);
	b.to = offset_of(clang_getRangeEnd(clang_getCursorExtent(block)), &end_file);
	if ((!b.noreturn && !b.nnames) || end_file != b.file) {
		for (size_t i = 0; i < b.nnames; i++)
			free(b.names[i]);
		free(b.names);
		return;
	}
	d->v = xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
	d->v[d->n++] = b;
}

void tl_dying_mark(const struct tl_dying_blocks *d, CXCursor call, struct tl_call_fact *c)
{
	CXFile file = NULL;
	unsigned off = offset_of(clang_getCursorLocation(call), &file);
	for (size_t i = 0; i < d->n; i++) {
		const struct tl_dying_block *b = &d->v[i];
		if (file != b->file || off <= b->from || off >= b->to)
			continue;
		c->dies |= b->noreturn;
		for (size_t k = 0; k < b->nnames; k++)
			tl_call_add_ender(c, b->names[k]);
	}
}

void tl_dying_free(struct tl_dying_blocks *d)
{
	for (size_t i = 0; i < d->n; i++) {
		for (size_t k = 0; k < d->v[i].nnames; k++)
			free(d->v[i].names[k]);
		free(d->v[i].names);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
}
