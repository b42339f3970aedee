/*
 * stop_loop.h - the loop an entry settles in, and what ends it, as facts
 * (tl_fn_fact.has_loop, stops, loop_calls): the cross-file half of the
 * plugin's checker/stop/LoopSummary for TL403, written into the entry's
 * row as "stops_on" (owners.c).
 */
#ifndef TL_INFER_STOP_LOOP_H
#define TL_INFER_STOP_LOOP_H

#include "facts.h"
#include "libclang_calls.h"

/*
 * Summarises the one loop at the top of function `fn`'s body when every
 * way out of it (its condition, a break, a return) needs a test of a field
 * of the task's argument: `roots` are the variables that hold it (the
 * first parameter and the locals initialised from it).  Anything else
 * (two loops, a goto, an exit on a computed value, a bounded `for`) leaves
 * fact->has_loop false: not summarised, and TL403 stays silent.
 */
void tl_walk_stop_loop(CXTranslationUnit tu, CXCursor fn, const CXCursor *roots,
		       int nroots, struct tl_fn_fact *fact);

#endif
