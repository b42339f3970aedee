/*
 * model.h - the API model: which library functions spawn, join or detach a
 * task, and where their handle, entry function and entry argument are.
 *
 * Model files are JSON (the files in rules/models); the built-in ones are embedded
 * at build time so the plugin needs no flag to find them.  The loader checks
 * every field and reports the first problem as "FILE:LINE: FIELD: what",
 * because a model silently half-loaded means bugs silently missed.
 *
 * Ownership: a tl_model_set owns every string of every tl_fn_model in it;
 * pointers returned by lookups stay valid until tl_models_free().
 */
#ifndef TASKLEAK_MODEL_H
#define TASKLEAK_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	TL_ROLE_SPAWN,       /* starts a task; yields a handle */
	TL_ROLE_JOIN,        /* waits for a task and releases its handle */
	TL_ROLE_DETACH,      /* gives up the handle; the task runs on */
	TL_ROLE_ATTR_DETACH, /* marks a spawn attribute object as "detached" */
	TL_ROLE_SELF,        /* returns the calling task's own handle */
	TL_ROLE_EXIT,        /* ends the calling task */
	TL_ROLE_FREE,        /* frees an object (and the handles stored in it) */
	TL_ROLE_WAIT,        /* blocks until another task signals an object */
	TL_ROLE_SIGNAL,      /* wakes the tasks waiting on an object */
	/* Channels: Go-style channels, queues, pipes, message queues. */
	TL_ROLE_CHAN_MAKE,   /* creates a channel (or a pipe's two ends) */
	TL_ROLE_SEND,        /* sends on a channel (write on a pipe) */
	TL_ROLE_RECV,        /* receives from a channel (read on a pipe) */
	TL_ROLE_CLOSE,       /* closes a channel or one end (close(fd)) */
	TL_ROLE_DUP,         /* copies a descriptor onto another (dup2) */
	/* Child processes: a forked child is a task, waitpid its join. */
	TL_ROLE_FORK,        /* returns 0 in the child, the child's id in the parent */
	TL_ROLE_EXEC,        /* replaces the program; it reads its input to EOF */
	TL_ROLE_WAIT_CHILD,  /* waits for a child process to end (waitpid, wait) */
	/* Timers: GLib sources, libuv / libevent timers, POSIX timers, timerfd. */
	TL_ROLE_TIMER_CREATE,  /* creates a timer (armed or not) */
	TL_ROLE_TIMER_ARM,     /* starts a timer, maybe with its callback */
	TL_ROLE_TIMER_DISARM,  /* stops it; the resource stays */
	TL_ROLE_TIMER_FREE,    /* releases the timer resource */
	/* Coroutines: go(fn(args)) in libmill / libdill expands to a prologue
	 * call and then the call fn(args) itself, which runs as a new task. */
	TL_ROLE_COROUTINE,     /* the prologue: the next call in the same macro
	                        * expansion is the coroutine's body */
	/* Cancellation (issue 14): GCancellable, GTask, std::stop_source /
	 * stop_token / jthread / stop_callback, condition_variable_any.  A
	 * qualified C++ name ("std::jthread::join") is a member function or a
	 * constructor; where it has no "handle" its own object is the handle. */
	TL_ROLE_CANCEL_TYPE,       /* "name" is a type: a parameter or field of it
	                            * is a cancellation handle (GCancellable) */
	TL_ROLE_CANCEL_MAKE,       /* creates a cancellation handle */
	TL_ROLE_CANCEL,            /* requests cancellation (request_stop) */
	TL_ROLE_CANCEL_CHECK,      /* polls it (is_cancelled, stop_requested) */
	TL_ROLE_CANCEL_GET,        /* returns a handle sharing the cancellation
	                            * (get_stop_token, g_object_ref) */
	TL_ROLE_CANCEL_RELEASE,    /* drops a reference (g_object_unref) */
	TL_ROLE_CANCEL_CONNECT,    /* runs entry(entry_arg) on cancellation */
	TL_ROLE_CANCEL_DISCONNECT, /* removes that handler ("connection") */
	TL_ROLE_CANCEL_WAIT,       /* a blocking wait; it sees a handle only when
	                            * one is passed at "token" */
	TL_ROLE_CANCEL_SPAWN,      /* runs "entry" as a task whose parameter
	                            * "token_param" receives the handle */
	TL_ROLE_CANCEL_JOIN,       /* waits for such a task: its stop must be
	                            * requested first (std::jthread::join) */
	TL_ROLE_TASK_NEW,          /* an asynchronous task carrying the handle at
	                            * "token" (g_task_new) */
	TL_ROLE_TASK_RETURN,       /* completes it (g_task_return_*) */
	/* Issue 12: a function that uses a handle without owning it (names
	 * the thread, signals it, runs a thread that nni_thr_init made): the
	 * handle stays its caller's to join, so tracking goes on. */
	TL_ROLE_BORROW,
	/* call classes (issue 11): no handle; a family asks whether a call is
	 * one of these instead of keeping its own list of names */
	TL_ROLE_LOCK,          /* locks or unlocks a mutex: writes no flag */
	TL_ROLE_LOOP_RUN,      /* runs an event loop: a timer may fire in it */
	TL_ROLE_LOOP_CLOSE,    /* may close every handle of a loop (uv_walk) */
	TL_ROLE_TIMER_QUERY,   /* asks whether a timer is set up or pending */
	TL_ROLE_TASK_KILL,     /* cancels or signals a thread (pthread_cancel) */
	TL_ROLE_IO_WAIT,       /* waits on descriptors (poll, select) */
	TL_ROLE_FD_CONTROL,    /* sets a descriptor's flags by a command (fcntl) */
	TL_ROLE_FD_IOCTL,      /* a device control the walk cannot read (ioctl) */
	TL_ROLE_SIGNAL_SETUP,  /* installs a signal handler (sigaction, signal) */
	TL_ROLE_PROCESS_KILL,  /* signals a process by its id (kill) */
	TL_ROLE_PROCESS_EXIT,  /* ends the whole process (_exit, exit, abort) */
	TL_ROLE_CLOSE_ALL,     /* closes descriptors it names by range (closefrom) */
	TL_ROLE_PAUSE,         /* yields or sleeps a while (sched_yield, usleep):
	                        * a spin loop's body, writes no flag */
	TL_ROLE_THROWS,        /* documented to throw (std::vector::at, std::stoi,
	                        * std::optional::value): an exception may unwind the
	                        * caller's frame there (TL103); a qualified C++
	                        * name is a member function or a namespaced one */
	/* Issue 12: a project function that frees, stores, joins and detaches
	 * nothing it is given and names no task handle field through its
	 * arguments (will__clear(mosq) frees mosq->will, not mosq): an owner
	 * handed to it, in another unit, keeps its tasks.  Inferred. */
	TL_ROLE_KEEP,
	/* Issue 12: membership in a container (GLib lists, pointer arrays,
	 * hash tables), the container first, the element second.  A timer
	 * callback that returns unless its data is still found in a global
	 * container does not use data its owner took out of that container
	 * before freeing it (hexchat's is_server (serv), server_free). */
	TL_ROLE_LIST_FIND,     /* g_slist_find, g_hash_table_contains */
	TL_ROLE_LIST_REMOVE,   /* g_slist_remove, g_hash_table_remove */
	/* Issue 12: the timer itself: the one whose callback is running
	 * (event_base_get_running_event), or, as a timer's callback argument,
	 * the timer being created (event_self_cbarg).  A callback that frees
	 * it ends its own timer (libevent's test-ratelim.c). */
	TL_ROLE_TIMER_SELF,
	TL_ROLE_COUNT_
} tl_role;

/* How a spawn's return value tells success. */
typedef enum {
	TL_SUCCESS_ALWAYS,  /* the call aborts rather than fail */
	TL_SUCCESS_ZERO,    /* returns 0 on success (pthread_create, thrd_create) */
	TL_SUCCESS_NONNULL, /* returns the handle, NULL on failure */
	TL_SUCCESS_NONNEGATIVE /* returns the handle, negative on failure (a
	                        * descriptor: timerfd_create); timer_create and
	                        * chan_make only */
} tl_success;

/* How many handles a chan_make yields, and what they are. */
typedef enum {
	TL_ENDS_ONE,   /* one handle for both directions (chan_init) */
	TL_ENDS_PIPE,  /* handle_out is int[2]: [0] reads, [1] writes (pipe) */
	TL_ENDS_PAIR   /* handle_out is int[2], two connected handles (socketpair, libdill chmake) */
} tl_ends;

/* How much a channel buffers before a send blocks. */
typedef enum {
	TL_BUFFER_UNBUFFERED, /* a send waits for a receiver */
	TL_BUFFER_ARG,        /* the "capacity" argument; 0 means unbuffered */
	TL_BUFFER_BOUNDED,    /* some fixed amount (a pipe's 64 KiB) */
	TL_BUFFER_UNBOUNDED   /* sends never block (GAsyncQueue) */
} tl_buffer;

/* Whether a timer fires more than once. */
typedef enum {
	TL_REPEAT_UNKNOWN,  /* not said: assume it may repeat */
	TL_REPEAT_NEVER,    /* one-shot */
	TL_REPEAT_ALWAYS,   /* until disarmed */
	TL_REPEAT_CALLBACK, /* the callback's return value decides (GLib: TRUE repeats) */
	TL_REPEAT_FLAG,     /* the "flags" argument has "repeat_flag" set (EV_PERSIST) */
	TL_REPEAT_ARG       /* the "repeat" argument is nonzero (uv_timer_start) */
} tl_repeat;

#define TL_NO_ARG (-1)

typedef struct tl_fn_model {
	char *name;            /* C function name, e.g. "pthread_create" */
	char *library;         /* the model file's "library" */
	tl_role role;
	int handle_arg;        /* join/detach/send/recv/close/dup/timer_*: the handle;
	                        * wait_child: the child's id (absent: any child) */
	bool handle_by_pointer;/* that argument points to the handle ("handle_by") */
	int handle_out_arg;    /* spawn/chan_make/timer_create: pointer receiving the handle */
	bool handle_return;    /* spawn/chan_make/timer_create: the return value is it */
	int entry_arg;         /* spawn: the entry function */
	int entry_param_arg;   /* spawn: the pointer handed to the entry */
	int attr_arg;          /* spawn / attr_detach: the attribute object */
	int value_arg;         /* attr_detach: the detach-state argument */
	int object_arg;        /* free, wait, signal: the object; timer_create: the
	                        * caller's timer object it initialises (uv_timer_init) */
	long long detached_value; /* attr_detach: value meaning "detached" */
	tl_success success;    /* spawn (and fallible joins): success test */

	/* chan_make */
	tl_ends ends;          /* "ends": one handle, a pipe's two, or a pair */
	tl_buffer buffer;      /* "buffer" */
	int capacity_arg;      /* "capacity": argument giving the buffer size */
	/* send, recv */
	bool nonblocking;      /* "blocking": false (try-send, O_NONBLOCK use) */
	int deadline_arg;      /* "deadline": a timed operation unless this
	                        * argument is -1 (libdill chsend / chrecv) */
	/* chan_make: "flags", the creation flags (pipe2's O_CLOEXEC, O_NONBLOCK);
	 * wait_child: "flags", the options (WNOHANG makes it return at once) */
	/* dup */
	int target_arg;        /* "target": the descriptor overwritten */
	/* timer_create, timer_arm, timer_free: the callback is entry_arg and
	 * its data entry_param_arg ("entry", "entry_arg"); for timer_free the
	 * callback after which the release is complete (uv_close). */
	bool armed;            /* timer_create: "armed": starts at once */
	int flags_arg;         /* timer_create: "flags" argument (event_new's events);
	                        * chan_make, wait_child: see above */
	long long repeat_flag; /* timer_create: "repeat_flag": bit making it repeat (EV_PERSIST) */
	int repeat_arg;        /* timer_arm: "repeat": nonzero argument means repeating */
	tl_repeat repeats;     /* timer_create/arm: "repeats" */

	/* Project models (taskleak models infer) */
	char *origin;          /* "origin": where the function is defined
	                        * ("client.c:14"), to name it in reports; any
	                        * role, NULL when absent */
	char *handle_field;    /* "handle_field": spawn, join, detach: the handle
	                        * argument points to a struct whose field of this
	                        * name holds the task's handle (a thr_t wrapping a
	                        * pthread_t); NULL when absent.  The lifetime
	                        * checker tracks that field (engine/HandleField.h). */
	/* cancellation roles */
	int token_arg;         /* cancel_wait, cancel_spawn, task_new: "token", the
	                        * argument that passes a cancellation handle */
	int token_param;       /* cancel_spawn: "token_param", the entry's parameter
	                        * that receives the handle */
	int connection_arg;    /* cancel_disconnect: "connection", the handler id */
	bool on_object;        /* a C++ member whose object is the handle (no
	                        * "handle" given for a qualified name) */
	/* timer_create (issue 11): how messages name the timer and its release;
	 * NULL when absent ("timer", "released") */
	char *noun;            /* "noun": "GLib source", "libuv timer" */
	char *released;        /* "released": "removed", "closed", "deleted" */
	bool condition;        /* wait (issue 11): "condition": a condition
	                        * variable's wait, woken only by a signal sent
	                        * while it waits (a semaphore keeps a count) */
} tl_fn_model;

typedef struct tl_model_set tl_model_set;

tl_model_set *tl_models_new(void);
void tl_models_free(tl_model_set *set);

/*
 * Load one model file from memory.  `origin` names it in errors (a path).
 * On error returns -1, leaves `set` unchanged and stores a malloc'ed
 * one-line message in *err (caller frees); returns 0 on success.
 * A function modelled twice is an error: the later file must not silently
 * override an earlier one.
 */
int tl_models_load_buffer(tl_model_set *set, const char *origin,
			  const char *text, size_t len, char **err);

/* Same, reading the file at `path`. */
int tl_models_load_file(tl_model_set *set, const char *path, char **err);

/* Load every model built into this binary (rules/models at build time). */
int tl_models_load_builtin(tl_model_set *set, char **err);

/*
 * Load a list of files separated by ':' or ',' (the analyzer option
 * "Models"). Stops at the first error.
 */
int tl_models_load_list(tl_model_set *set, const char *list, char **err);

const tl_fn_model *tl_models_lookup(const tl_model_set *set, const char *name);
size_t tl_models_count(const tl_model_set *set);
const tl_fn_model *tl_models_at(const tl_model_set *set, size_t i);

const char *tl_role_name(tl_role role);

/* A call class (lock, loop_run, ...): the row names a kind of call, not an
 * operation on a handle, so the handle families never see it as theirs. */
bool tl_role_is_call_class(tl_role role);

#ifdef __cplusplus
}
#endif
#endif
