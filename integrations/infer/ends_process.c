/* ends_process.c - calls and blocks that end the process (see ends_process.h). */
#include "ends_process.h"

#include <string.h>

static const char *const enders[] = { "exit", "_exit", "_Exit", "quick_exit", "abort" };

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

bool tl_call_ends_process(CXTranslationUnit tu, CXCursor call)
{
	CXCursor fn = clang_getCursorReferenced(call);
	if (call.kind != CXCursor_CallExpr || fn.kind != CXCursor_FunctionDecl)
		return false;
	CXString s = clang_getCursorSpelling(fn);
	const char *name = clang_getCString(s);
	bool ends = false;
	for (size_t i = 0; name && i < sizeof(enders) / sizeof(*enders) && !ends; i++)
		ends = !strcmp(name, enders[i]);
	clang_disposeString(s);
	/* a definition's tokens run through its body: prototypes only */
	return ends || (!clang_isCursorDefinition(fn) && spells_noreturn(tu, fn));
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

struct block_ctx {
	CXTranslationUnit tu;
	bool ends;
};

static enum CXChildVisitResult statement_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct block_ctx *b = d;
	(void)parent;
	if (tl_call_ends_process(b->tu, statement_call(c))) {
		b->ends = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

bool tl_block_ends_process(CXTranslationUnit tu, CXCursor block)
{
	struct block_ctx b = { tu, false };
	if (block.kind == CXCursor_CompoundStmt)
		clang_visitChildren(block, statement_visit, &b);
	return b.ends;
}
