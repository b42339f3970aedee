/*
 * taskleak.h - tell taskleak what a function does with tasks, where the
 * analysis cannot see it: a wrapper in a closed library, a function
 * reached through a table.  Put one macro on the declaration:
 *
 *   int thr_start(thr_t *t, void *(*fn)(void *), void *arg)
 *       TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero");
 *   int thr_wait(pthread_t t) TL_JOIN("handle=0");
 *   void pool_free(void *p) TL_FREE("object=0");
 *
 * A trampoline start (it stores fn and arg in an object and spawns a fixed
 * entry that calls them) is a spawn of fn(arg): annotate it the same way,
 * with entry and entry_arg naming its own parameters, and a handle inside
 * a struct field of the struct as a path:
 *
 *   int nthr_init(nthr *t, void (*fn)(void *), void *arg)
 *       TL_SPAWN("handle_out=0 entry=1 entry_arg=2 success=zero handle_field=thr.tid");
 *
 * The string is the model row's fields (README, "API models"), as
 * key=value pairs separated by spaces; argument indices count from 0.
 * `taskleak models infer` (and so `taskleak scan`) turns each annotated
 * declaration into a row of the project model, checked by the same loader
 * as a model file, and infers the wrappers of it too.  With a compiler
 * that does not know the attribute, define TASKLEAK_NO_ANNOTATIONS.
 */
#ifndef TASKLEAK_H
#define TASKLEAK_H

#if defined(__clang__) && !defined(TASKLEAK_NO_ANNOTATIONS)
#define TL_MODEL(role, fields) __attribute__((annotate("taskleak_" role " " fields)))
#else
#define TL_MODEL(role, fields)
#endif

#define TL_SPAWN(fields) TL_MODEL("spawn", fields)
#define TL_JOIN(fields) TL_MODEL("join", fields)
#define TL_DETACH(fields) TL_MODEL("detach", fields)
#define TL_FREE(fields) TL_MODEL("free", fields)
#define TL_CHAN_MAKE(fields) TL_MODEL("chan_make", fields)
#define TL_SEND(fields) TL_MODEL("send", fields)
#define TL_RECV(fields) TL_MODEL("recv", fields)
#define TL_CLOSE(fields) TL_MODEL("close", fields)
#define TL_TIMER_CREATE(fields) TL_MODEL("timer_create", fields)
#define TL_TIMER_ARM(fields) TL_MODEL("timer_arm", fields)
#define TL_TIMER_DISARM(fields) TL_MODEL("timer_disarm", fields)
#define TL_TIMER_FREE(fields) TL_MODEL("timer_free", fields)
#define TL_BORROW(fields) TL_MODEL("borrow", fields)

#endif
