/*
 * typestate.h - the life of a task handle, as a table.
 *
 *                 spawn (success unknown)
 *                        |
 *                  MaybeSpawned --- status shows failure ---> (dropped)
 *                        | status shows success
 *                        v
 *   attr "detached" -> Joinable --join--> Joined
 *          |             |
 *          +-------------+--detach--> Detached
 *
 *   Joined / Detached --join or detach--> bug TL104 (the handle is gone)
 *   Joinable or MaybeSpawned, handle dies ----------> bug TL101
 *   Joinable, MaybeSpawned or Detached, with a pointer into a frame,
 *   that frame ends ---------------------------------> bug TL102
 *
 * The C++ adapter keeps one of these kinds per handle symbol and asks this
 * table what an event does; it never decides a transition itself.
 */
#ifndef TASKLEAK_TYPESTATE_H
#define TASKLEAK_TYPESTATE_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	TL_TASK_MAYBE_SPAWNED, /* spawned unless its status says it failed */
	TL_TASK_JOINABLE,
	TL_TASK_JOINED,
	TL_TASK_DETACHED,
	TL_TASK_KIND_COUNT_
} tl_task_kind;

typedef enum { TL_EV_JOIN, TL_EV_DETACH } tl_task_event;

typedef enum {
	TL_MISUSE_NONE,
	TL_MISUSE_JOIN_JOINED,
	TL_MISUSE_JOIN_DETACHED,
	TL_MISUSE_DETACH_JOINED,
	TL_MISUSE_DETACH_DETACHED
} tl_task_misuse;

/* The kind after `ev`; *misuse says whether the event itself is a bug. */
tl_task_kind tl_task_step(tl_task_kind from, tl_task_event ev,
			  tl_task_misuse *misuse);

/* Does a handle of this kind still owe a join or a detach? (TL101) */
bool tl_task_owes_release(tl_task_kind kind);

/* May a task in this kind still be running when its owner's frame ends? (TL102) */
bool tl_task_may_outlive_owner(tl_task_kind kind);

const char *tl_task_kind_name(tl_task_kind kind);

/* "joined twice", "joined after it was detached", ... */
const char *tl_task_misuse_text(tl_task_misuse misuse);

#ifdef __cplusplus
}
#endif
#endif
