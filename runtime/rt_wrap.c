/*
 * rt_wrap.c - the interposers: pthread, C11 threads and GThread spawn,
 * join and detach, found with dlsym(RTLD_NEXT).
 *
 * A fixed table of libraries for now (README.md says so): the model files'
 * roles say which argument is the handle, but not how to wrap the entry
 * function, whose type differs per library (void *(*)(void *) for pthread
 * and GThread, int (*)(void *) for C11).
 *
 * A spawn is recorded before the real call so the task's trampoline has
 * its record from its first instruction; the record becomes findable by
 * handle once the real call returned it. GThread spawns call pthread_create
 * themselves: a thread-local flag makes that inner call pass through, so
 * the task is counted once, with the user's call site.
 */
#define _GNU_SOURCE
#include "rt.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <threads.h>

typedef struct _GThread GThread;
typedef struct _GError GError;
typedef void *(*gthread_fn)(void *);

static int (*real_create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
static int (*real_join)(pthread_t, void **);
static int (*real_tryjoin)(pthread_t, void **);
static int (*real_timedjoin)(pthread_t, void **, const struct timespec *);
static int (*real_detach)(pthread_t);
static void (*real_exit)(void *) __attribute__((noreturn));
static int (*real_thrd_create)(thrd_t *, thrd_start_t, void *);
static int (*real_thrd_join)(thrd_t, int *);
static int (*real_thrd_detach)(thrd_t);
static GThread *(*real_g_new)(const char *, gthread_fn, void *);
static GThread *(*real_g_try_new)(const char *, gthread_fn, void *, GError **);
static void *(*real_g_join)(GThread *);
static void (*real_g_unref)(GThread *);

static __thread struct rt_task *self; /* the task this thread runs */
static __thread int nested;           /* inside a GThread spawn */

#define RESOLVE(var, name)                                                   \
	do {                                                                 \
		if (!__atomic_load_n(&var, __ATOMIC_ACQUIRE))                \
			__atomic_store_n(&var, (__typeof__(var))dlsym(RTLD_NEXT, name), \
					 __ATOMIC_RELEASE);                  \
	} while (0)

void rt_wrap_init(void)
{
	RESOLVE(real_create, "pthread_create");
	RESOLVE(real_join, "pthread_join");
	RESOLVE(real_tryjoin, "pthread_tryjoin_np");
	RESOLVE(real_timedjoin, "pthread_timedjoin_np");
	RESOLVE(real_detach, "pthread_detach");
	RESOLVE(real_exit, "pthread_exit");
	RESOLVE(real_thrd_create, "thrd_create");
	RESOLVE(real_thrd_join, "thrd_join");
	RESOLVE(real_thrd_detach, "thrd_detach");
}

struct rt_task *rt_wrap_self(void)
{
	return self;
}

int rt_real_pthread_create(void *thread, const void *attr, void *(*fn)(void *), void *arg)
{
	rt_wrap_init();
	return real_create(thread, attr, fn, arg);
}

/* --- trampolines: run the entry, then mark the task finished --------- */

static void on_task_end(void *p)
{
	self = NULL;
	rt_table_finish(p);
}

static void *trampoline(void *p)
{
	struct rt_task *t = p;
	void *ret;
	self = t;
	/* the cleanup handler also runs on pthread_exit and cancellation */
	pthread_cleanup_push(on_task_end, t);
	ret = t->fn(t->arg);
	pthread_cleanup_pop(1);
	return ret;
}

static int c11_trampoline(void *p)
{
	struct rt_task *t = p;
	int ret;
	self = t;
	pthread_cleanup_push(on_task_end, t);
	ret = t->ifn(t->arg);
	pthread_cleanup_pop(1);
	return ret;
}

/* --- pthread ----------------------------------------------------------- */

RT_EXPORT int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	void *site = __builtin_return_address(0);
	rt_wrap_init();
	rt_reporter_ensure();
	struct rt_task *t = nested ? NULL : rt_task_new(site, (void *)fn, RT_API_PTHREAD);
	if (!t)
		return real_create(thread, attr, fn, arg);
	int ds = PTHREAD_CREATE_JOINABLE;
	if (attr)
		pthread_attr_getdetachstate(attr, &ds);
	t->detached = ds == PTHREAD_CREATE_DETACHED;
	t->fn = fn;
	t->arg = arg;
	int rc = real_create(thread, attr, trampoline, t);
	if (rc != 0) {
		rt_task_free(t);
		return rc;
	}
	rt_table_insert(t, (uintptr_t)*thread, t->detached);
	return rc;
}

RT_EXPORT int pthread_join(pthread_t th, void **ret)
{
	rt_wrap_init();
	struct rt_task *t = rt_table_join_begin((uintptr_t)th);
	int rc = real_join(th, ret);
	rt_table_join_end(t, rc == 0);
	return rc;
}

RT_EXPORT int pthread_tryjoin_np(pthread_t th, void **ret)
{
	rt_wrap_init();
	struct rt_task *t = rt_table_join_begin((uintptr_t)th);
	int rc = real_tryjoin(th, ret);
	rt_table_join_end(t, rc == 0);
	return rc;
}

RT_EXPORT int pthread_timedjoin_np(pthread_t th, void **ret, const struct timespec *abstime)
{
	rt_wrap_init();
	struct rt_task *t = rt_table_join_begin((uintptr_t)th);
	int rc = real_timedjoin(th, ret, abstime);
	rt_table_join_end(t, rc == 0);
	return rc;
}

RT_EXPORT int pthread_detach(pthread_t th)
{
	rt_wrap_init();
	int rc = real_detach(th);
	if (rc == 0)
		rt_table_detach((uintptr_t)th);
	return rc;
}

RT_EXPORT void pthread_exit(void *ret)
{
	rt_wrap_init();
	/* nothing to do here: the trampoline's cleanup handler marks the task
	 * finished as the thread unwinds; the wrapper exists so that a
	 * pthread_exit outside any tracked task is seen to pass through */
	real_exit(ret);
}

/* --- C11 threads (glibc's thrd_* call the pthread internals directly,
 * not through the wrappers above) -------------------------------------- */

RT_EXPORT int thrd_create(thrd_t *thr, thrd_start_t fn, void *arg)
{
	void *site = __builtin_return_address(0);
	rt_wrap_init();
	rt_reporter_ensure();
	struct rt_task *t = rt_task_new(site, (void *)fn, RT_API_C11);
	if (!t)
		return real_thrd_create(thr, fn, arg);
	t->ifn = fn;
	t->arg = arg;
	int rc = real_thrd_create(thr, c11_trampoline, t);
	if (rc != thrd_success) {
		rt_task_free(t);
		return rc;
	}
	rt_table_insert(t, (uintptr_t)*thr, 0);
	return rc;
}

RT_EXPORT int thrd_join(thrd_t thr, int *res)
{
	rt_wrap_init();
	struct rt_task *t = rt_table_join_begin((uintptr_t)thr);
	int rc = real_thrd_join(thr, res);
	rt_table_join_end(t, rc == thrd_success);
	return rc;
}

RT_EXPORT int thrd_detach(thrd_t thr)
{
	rt_wrap_init();
	int rc = real_thrd_detach(thr);
	if (rc == thrd_success)
		rt_table_detach((uintptr_t)thr);
	return rc;
}

/* --- GThread (resolved on first use: GLib may be loaded late) ---------- */

static GThread *g_spawn(void *site, const char *name, gthread_fn fn, void *data, GError **error,
			int try_new)
{
	rt_reporter_ensure();
	struct rt_task *t = rt_task_new(site, (void *)fn, RT_API_GTHREAD);
	GThread *g;
	nested++;
	if (t) {
		t->fn = fn;
		t->arg = data;
	}
	if (try_new)
		g = real_g_try_new(name, t ? trampoline : fn, t ? (void *)t : data, error);
	else
		g = real_g_new(name, t ? trampoline : fn, t ? (void *)t : data);
	nested--;
	if (t && g)
		rt_table_insert(t, (uintptr_t)g, 0);
	else if (t)
		rt_task_free(t);
	return g;
}

RT_EXPORT GThread *g_thread_new(const char *name, gthread_fn fn, void *data)
{
	RESOLVE(real_g_new, "g_thread_new");
	return g_spawn(__builtin_return_address(0), name, fn, data, NULL, 0);
}

RT_EXPORT GThread *g_thread_try_new(const char *name, gthread_fn fn, void *data, GError **error)
{
	RESOLVE(real_g_try_new, "g_thread_try_new");
	return g_spawn(__builtin_return_address(0), name, fn, data, error, 1);
}

RT_EXPORT void *g_thread_join(GThread *g)
{
	RESOLVE(real_g_join, "g_thread_join");
	struct rt_task *t = rt_table_join_begin((uintptr_t)g);
	void *ret = real_g_join(g); /* always succeeds (or aborts) */
	rt_table_join_end(t, 1);
	return ret;
}

RT_EXPORT void g_thread_unref(GThread *g)
{
	RESOLVE(real_g_unref, "g_thread_unref");
	/* GLib detaches a thread whose last reference goes before a join; the
	 * count is private, so any unref of an unjoined thread counts as the
	 * owner letting it go (a detach) */
	rt_table_detach((uintptr_t)g);
	real_g_unref(g);
}
