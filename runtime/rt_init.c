/*
 * rt_init.c - what the library does on its own: read the environment at
 * load, report at exit (and fail the process in TASKLEAK_RT_FAIL mode),
 * report on SIGUSR2 and every TASKLEAK_RT_INTERVAL seconds, keep the
 * table sane across fork().
 *
 * The reports asked for by signal or interval are written by a reporter
 * thread (a signal handler may not allocate or read DWARF): the handler
 * only posts a semaphore. That thread is started on the first spawn, so a
 * program that never spawns stays single-threaded, and again on the first
 * spawn in a forked child (threads do not survive fork).
 */
#define _GNU_SOURCE
#include "rt.h"

#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


static sem_t wake;
static int reporter_started; /* atomic */
static int spawned_any;      /* atomic: this process spawned a task */
static volatile sig_atomic_t signalled;
static int exit_done; /* atomic */

static void on_sigusr2(int sig)
{
	(void)sig;
	signalled = 1;
	sem_post(&wake); /* async-signal-safe */
}

static void *reporter(void *arg)
{
	(void)arg;
	for (;;) {
		int rc;
		if (rt_cfg.interval_s > 0) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += rt_cfg.interval_s;
			rc = sem_timedwait(&wake, &ts);
		} else {
			rc = sem_wait(&wake);
		}
		if (__atomic_load_n(&exit_done, __ATOMIC_ACQUIRE))
			return NULL;
		if (rc == 0 && signalled) {
			signalled = 0;
			rt_report_write("signal");
		} else if (rc != 0 && rt_cfg.interval_s > 0) {
			rt_report_write("interval");
		}
	}
}

void rt_reporter_ensure(void)
{
	if (!__atomic_load_n(&spawned_any, __ATOMIC_RELAXED))
		__atomic_store_n(&spawned_any, 1, __ATOMIC_RELAXED);
	if (!rt_cfg.signal && rt_cfg.interval_s <= 0)
		return;
	if (__atomic_load_n(&reporter_started, __ATOMIC_ACQUIRE) ||
	    __atomic_exchange_n(&reporter_started, 1, __ATOMIC_ACQ_REL))
		return;
	pthread_t th;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* the new thread inherits it */
	if (rt_real_pthread_create(&th, NULL, reporter, NULL) == 0)
		pthread_detach(th);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The one public function: a report now (a test's checkpoint, like
 * goleak.VerifyNone); returns the leaks it listed, or -1. Find it with
 * dlsym(RTLD_DEFAULT, "taskleak_rt_report") so the test also runs without
 * the library. */
RT_EXPORT int taskleak_rt_report(const char *trigger)
{
	return rt_report_write(trigger && *trigger ? trigger : "request");
}

static void at_exit(void)
{
	if (__atomic_exchange_n(&exit_done, 1, __ATOMIC_ACQ_REL))
		return;
	/* a process that never spawned (a shell, a compiler the test suite
	 * runs under the same LD_PRELOAD) writes nothing */
	if (!__atomic_load_n(&spawned_any, __ATOMIC_RELAXED) && !rt_cfg.always)
		return;
	int leaks = rt_report_write("exit");
	if (rt_cfg.fail && leaks > 0) {
		/* goleak for C: the test run fails; stdio is flushed first
		 * because _exit skips it */
		fflush(NULL);
		_exit(rt_cfg.fail);
	}
}

static void prefork(void)
{
	rt_table_prefork();
}

static void postfork_parent(void)
{
	rt_table_postfork_parent();
}

static void postfork_child(void)
{
	rt_table_postfork_child(rt_wrap_self());
	rt_report_postfork_child();
	__atomic_store_n(&reporter_started, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&spawned_any, 0, __ATOMIC_RELAXED);
	sem_init(&wake, 0, 0);
}

static void read_env(void)
{
	const char *v;
	if ((v = getenv("TASKLEAK_RT_OUT")))
		snprintf(rt_cfg.out, sizeof(rt_cfg.out), "%s", v);
	if ((v = getenv("TASKLEAK_RT_FAIL")) && *v) {
		rt_cfg.fail = atoi(v);
		if (rt_cfg.fail <= 0 || rt_cfg.fail > 255)
			rt_cfg.fail = strcmp(v, "0") ? 1 : 0; /* "yes", "true": 1 */
	}
	if ((v = getenv("TASKLEAK_RT_INTERVAL")))
		rt_cfg.interval_s = atoi(v);
	if ((v = getenv("TASKLEAK_RT_SIGNAL")))
		rt_cfg.signal = strcmp(v, "0") != 0;
	if ((v = getenv("TASKLEAK_RT_ALWAYS")))
		rt_cfg.always = strcmp(v, "0") != 0;
	if ((v = getenv("TASKLEAK_RT_IGNORE")))
		snprintf(rt_cfg.ignore, sizeof(rt_cfg.ignore), "%s", v);
}

__attribute__((constructor)) static void rt_init(void)
{
	read_env();
	rt_wrap_init();
	sem_init(&wake, 0, 0);
	pthread_atfork(prefork, postfork_parent, postfork_child);
	if (rt_cfg.signal) {
		/* only where the program has no SIGUSR2 handler of its own */
		struct sigaction old, sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigusr2;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGUSR2, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
			sigaction(SIGUSR2, &sa, NULL);
	}
	atexit(at_exit);
}
