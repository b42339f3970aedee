/*
 * rt.h - libtaskleak-rt's parts, shared between its files; not an API.
 *
 * The library is preloaded (LD_PRELOAD) into a program. It wraps the
 * spawn, join and detach functions of pthread, C11 threads and GThread
 * (rt_wrap.c), keeps one record per task that was not joined yet
 * (rt_table.c), turns return addresses into file:line through DWARF
 * (rt_site.c) and writes JSON-lines reports at exit, on SIGUSR2 or every
 * TASKLEAK_RT_INTERVAL seconds (rt_report.c, driven by rt_init.c).
 *
 * It never prints on its own account and never aborts the program: the
 * one visible effect besides the report is the exit status in
 * TASKLEAK_RT_FAIL mode.
 */
#ifndef TL_RT_H
#define TL_RT_H

#include <stddef.h>
#include <stdint.h>

/* The library is built with hidden visibility: only the wrappers and
 * taskleak_rt_report are seen by the program. */
#define RT_EXPORT __attribute__((visibility("default")))

enum rt_state { RT_RUNNING, RT_FINISHED };
enum rt_api { RT_API_PTHREAD, RT_API_C11, RT_API_GTHREAD };

/* One task that nobody joined yet. A joined task is removed; a detached
 * one stays until it finishes (it counts as live in the profile). */
struct rt_task {
	struct rt_task *next; /* hash chain */
	uintptr_t handle;     /* pthread_t, thrd_t or GThread * */
	uint64_t id;          /* 1, 2, ... in creation order */
	uint64_t created_ns;  /* CLOCK_MONOTONIC */
	void *site;           /* return address of the spawn call */
	void *entry;          /* the task's entry function */
	void *(*fn)(void *);  /* what the trampoline calls (pthread, GThread) */
	int (*ifn)(void *);   /* or this (C11) */
	void *arg;
	unsigned char state, api, detached, joining, linked;
};

/* A copy of a task taken under the lock, for the report writer. */
struct rt_snap {
	uint64_t id, age_ns;
	void *site, *entry;
	unsigned char state, api, detached;
};

struct rt_counts {
	uint64_t spawned, joined, detached, finished;
	size_t live;        /* records in the table */
	size_t table_bytes; /* records and buckets, as allocated */
};

/* --- rt_table.c: the task table, one mutex ---------------------------- */
struct rt_task *rt_task_new(void *site, void *entry, int api);
void rt_task_free(struct rt_task *t);
/* Makes t findable by its handle (after the spawn returned it). */
void rt_table_insert(struct rt_task *t, uintptr_t handle, int detached);
/* The trampoline's end: finished, or gone when detached. */
void rt_table_finish(struct rt_task *t);
/* Before a join: the newest record for h, marked joining (NULL if none). */
struct rt_task *rt_table_join_begin(uintptr_t h);
/* After the join: removed when it succeeded, unmarked when not. */
void rt_table_join_end(struct rt_task *t, int ok);
/* A detach succeeded: forget h if finished, else mark it detached. */
void rt_table_detach(uintptr_t h);
/* Copies the table (malloc'ed array, *n entries); waits at most
 * timeout_ms for the lock and returns -1 when it could not get it. */
int rt_table_snapshot(struct rt_snap **out, size_t *n, struct rt_counts *c, int timeout_ms);
/* pthread_atfork handlers: hold the lock across fork; the child forgets
 * the parent's tasks (they do not exist there). */
void rt_table_prefork(void);
void rt_table_postfork_parent(void);
void rt_table_postfork_child(struct rt_task *self);
uint64_t rt_now_ns(void);

/* --- rt_site.c: return address -> file:line, function ----------------- */
struct rt_site {
	char file[512];
	int line;
	char function[256]; /* the function containing the address */
	char object[512];   /* the binary or shared object */
	uintptr_t offset;   /* address relative to the object's load base */
};
struct rt_resolver;
struct rt_resolver *rt_resolver_open(void);
void rt_resolver_close(struct rt_resolver *r);
/* A return address: looks up the call instruction (addr - 1). */
void rt_resolve_call(struct rt_resolver *r, void *ret_addr, struct rt_site *out);
/* The name of the function at addr ("" when unknown). */
void rt_resolve_function(struct rt_resolver *r, void *addr, char *name, size_t size);

/* --- rt_report.c: JSON lines ----------------------------------------- */
struct rt_config {
	char out[1024];        /* file (may contain %p for the pid); "" = stderr */
	int fail;              /* TASKLEAK_RT_FAIL */
	int interval_s;        /* TASKLEAK_RT_INTERVAL; 0 = off */
	int signal;            /* SIGUSR2 triggers a report (default on) */
	int always;            /* TASKLEAK_RT_ALWAYS: report at exit even
				  when the process never spawned */
	char ignore[2048];     /* TASKLEAK_RT_IGNORE, commas kept */
};
extern struct rt_config rt_cfg;
/* Writes one report; returns the number of leaks it listed (tasks not
 * detached, not joined, not ignored), or -1 when it could not be taken. */
int rt_report_write(const char *trigger);
void rt_report_postfork_child(void);
/* rt_init.c: starts the reporter thread once per process (first spawn). */
void rt_reporter_ensure(void);

/* --- rt_wrap.c -------------------------------------------------------- */
/* Resolves the real functions; safe to call more than once. */
void rt_wrap_init(void);
/* The real pthread_create, for the library's own reporter thread. */
int rt_real_pthread_create(void *thread, const void *attr, void *(*fn)(void *), void *arg);
/* The task the calling thread runs (NULL on threads not spawned by a
 * wrapper), for the fork handler. */
struct rt_task *rt_wrap_self(void);

#endif
