/*
 * ends_process.h - blocks that may end the process.  What a function does
 * to its parameters only on such a branch is not what it does on its way
 * back to the caller (chan's assert_true frees the channel just before
 * exit(1)): the inference leaves those calls out of the function's rows.
 *
 * Which calls end the process is the models' business (rows of role
 * process_exit: exit, abort, a project's own fatal()), and the per-unit
 * facts are cached without the models.  So the walk records, per call,
 * the names of the calls that would end its enclosing blocks
 * (tl_call_fact.enders), and the fixpoint decides with the models
 * (call_dies.h).  Only a prototype that spells noreturn decides here: it
 * is in the source, not in the models (tl_call_fact.dies).
 */
#ifndef TL_INFER_ENDS_PROCESS_H
#define TL_INFER_ENDS_PROCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"
#include "libclang_calls.h" /* clang-c/Index.h, called through a table */

/* A compound statement of a body, and the calls among its own statements. */
struct tl_dying_block {
	CXFile file;
	unsigned from, to;  /* file offsets */
	bool noreturn;      /* one calls a prototype that spells noreturn */
	char **names;       /* the other calls' callees, each once */
	size_t nnames;
};

/* The blocks of one function body that may end the process. */
struct tl_dying_blocks {
	struct tl_dying_block *v;
	size_t n;
};

/* Notes `block` (a compound statement, not the body itself) if a call
 * among its own statements may end the process. */
void tl_dying_note(struct tl_dying_blocks *d, CXTranslationUnit tu, CXCursor block);

/* Sets c->dies and c->enders from the blocks around `call`. */
void tl_dying_mark(const struct tl_dying_blocks *d, CXCursor call, struct tl_call_fact *c);

void tl_dying_free(struct tl_dying_blocks *d);

#endif
