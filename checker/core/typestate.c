/*
 * typestate.c - the task handle typestate table (see typestate.h).
 */
#include "typestate.h"

struct step {
	tl_task_kind to;
	tl_task_misuse misuse;
};

/* [from][event]: a misuse leaves the kind as it was, so one bug is reported once. */
static const struct step table[TL_TASK_KIND_COUNT_][2] = {
	[TL_TASK_MAYBE_SPAWNED] = {
		[TL_EV_JOIN] = { TL_TASK_JOINED, TL_MISUSE_NONE },
		[TL_EV_DETACH] = { TL_TASK_DETACHED, TL_MISUSE_NONE },
	},
	[TL_TASK_JOINABLE] = {
		[TL_EV_JOIN] = { TL_TASK_JOINED, TL_MISUSE_NONE },
		[TL_EV_DETACH] = { TL_TASK_DETACHED, TL_MISUSE_NONE },
	},
	[TL_TASK_JOINED] = {
		[TL_EV_JOIN] = { TL_TASK_JOINED, TL_MISUSE_JOIN_JOINED },
		[TL_EV_DETACH] = { TL_TASK_JOINED, TL_MISUSE_DETACH_JOINED },
	},
	[TL_TASK_DETACHED] = {
		[TL_EV_JOIN] = { TL_TASK_DETACHED, TL_MISUSE_JOIN_DETACHED },
		[TL_EV_DETACH] = { TL_TASK_DETACHED, TL_MISUSE_DETACH_DETACHED },
	},
};

tl_task_kind tl_task_step(tl_task_kind from, tl_task_event ev,
			  tl_task_misuse *misuse)
{
	const struct step *s = &table[from][ev];
	if (misuse)
		*misuse = s->misuse;
	return s->to;
}

bool tl_task_owes_release(tl_task_kind kind)
{
	return kind == TL_TASK_MAYBE_SPAWNED || kind == TL_TASK_JOINABLE;
}

bool tl_task_may_outlive_owner(tl_task_kind kind)
{
	return kind != TL_TASK_JOINED;
}

const char *tl_task_kind_name(tl_task_kind kind)
{
	switch (kind) {
	case TL_TASK_MAYBE_SPAWNED: return "maybe-spawned";
	case TL_TASK_JOINABLE: return "joinable";
	case TL_TASK_JOINED: return "joined";
	case TL_TASK_DETACHED: return "detached";
	default: return "?";
	}
}

const char *tl_task_misuse_text(tl_task_misuse misuse)
{
	switch (misuse) {
	case TL_MISUSE_JOIN_JOINED: return "joined twice";
	case TL_MISUSE_JOIN_DETACHED: return "joined after it was detached";
	case TL_MISUSE_DETACH_JOINED: return "detached after it was joined";
	case TL_MISUSE_DETACH_DETACHED: return "detached twice";
	default: return "";
	}
}
