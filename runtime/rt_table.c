/*
 * rt_table.c - the task table: records of tasks not joined yet, hashed by
 * handle, under one mutex.
 *
 * The lock is held only for a few pointer moves (never across a real
 * spawn or join), so contention stays low with many spawning threads. The
 * report writer copies the table and releases the lock before it resolves
 * sites, so a slow DWARF lookup never holds up the program. Chains keep
 * the newest record first: when a handle is reused right after a join
 * (pthread_t is the thread's descriptor address) the new task is found
 * first and the joined one is removed by pointer.
 */
#define _GNU_SOURCE
#include "rt.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct rt_task **buckets;
static size_t nbuckets; /* power of two, or 0 before the first insert */
static size_t nlive;
static uint64_t next_id = 1;
static struct rt_counts totals;

uint64_t rt_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static size_t slot(uintptr_t h)
{
	uint64_t x = (uint64_t)h * 0x9E3779B97F4A7C15ull; /* Fibonacci hashing */
	return (size_t)(x >> 32) & (nbuckets - 1);
}

struct rt_task *rt_task_new(void *site, void *entry, int api)
{
	struct rt_task *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL; /* the task runs untracked */
	t->site = site;
	t->entry = entry;
	t->api = (unsigned char)api;
	t->created_ns = rt_now_ns();
	return t;
}

void rt_task_free(struct rt_task *t)
{
	free(t);
}

/* Doubles the buckets when the load passes 1; keeps the old ones when
 * memory is short (chains just get longer). Called with the lock held. */
static void grow(void)
{
	size_t n = nbuckets ? nbuckets * 2 : 64;
	struct rt_task **b = calloc(n, sizeof(*b));
	if (!b)
		return;
	for (size_t i = 0; i < nbuckets; i++) {
		struct rt_task *t = buckets[i], *next;
		for (; t; t = next) {
			next = t->next;
			uint64_t x = (uint64_t)t->handle * 0x9E3779B97F4A7C15ull;
			size_t j = (size_t)(x >> 32) & (n - 1);
			t->next = b[j];
			b[j] = t;
		}
	}
	free(buckets);
	buckets = b;
	nbuckets = n;
}

static void unlink_task(struct rt_task *t)
{
	struct rt_task **p = &buckets[slot(t->handle)];
	while (*p && *p != t)
		p = &(*p)->next;
	if (*p)
		*p = t->next;
	t->linked = 0;
	nlive--;
}

void rt_table_insert(struct rt_task *t, uintptr_t handle, int detached)
{
	pthread_mutex_lock(&lock);
	t->id = next_id++;
	totals.spawned++;
	if (detached)
		totals.detached++;
	t->handle = handle;
	t->detached |= (unsigned char)(detached != 0);
	if (t->detached && t->state == RT_FINISHED) {
		/* finished before the spawn returned and nobody will join it */
		pthread_mutex_unlock(&lock);
		rt_task_free(t);
		return;
	}
	if (nlive + 1 > nbuckets)
		grow();
	if (nbuckets) {
		size_t i = slot(handle);
		t->next = buckets[i];
		buckets[i] = t;
		t->linked = 1;
		nlive++;
	}
	pthread_mutex_unlock(&lock);
	if (!t->linked && t->state == RT_FINISHED)
		rt_task_free(t);
}

void rt_table_finish(struct rt_task *t)
{
	int gone = 0;
	pthread_mutex_lock(&lock);
	t->state = RT_FINISHED;
	totals.finished++;
	if (t->detached && t->linked) {
		unlink_task(t);
		gone = 1;
	}
	pthread_mutex_unlock(&lock);
	if (gone)
		rt_task_free(t);
}

static struct rt_task *find(uintptr_t h)
{
	if (!nbuckets)
		return NULL;
	struct rt_task *t = buckets[slot(h)];
	while (t && (t->handle != h || t->joining))
		t = t->next;
	return t;
}

struct rt_task *rt_table_join_begin(uintptr_t h)
{
	pthread_mutex_lock(&lock);
	struct rt_task *t = find(h);
	if (t)
		t->joining = 1;
	pthread_mutex_unlock(&lock);
	return t;
}

void rt_table_join_end(struct rt_task *t, int ok)
{
	if (!t)
		return;
	pthread_mutex_lock(&lock);
	t->joining = 0;
	if (ok) {
		totals.joined++;
		unlink_task(t);
	}
	pthread_mutex_unlock(&lock);
	if (ok)
		rt_task_free(t);
}

void rt_table_detach(uintptr_t h)
{
	struct rt_task *gone = NULL;
	pthread_mutex_lock(&lock);
	struct rt_task *t = find(h);
	if (t && !t->detached) {
		t->detached = 1;
		totals.detached++;
		if (t->state == RT_FINISHED) {
			unlink_task(t);
			gone = t;
		}
	}
	pthread_mutex_unlock(&lock);
	rt_task_free(gone);
}

static int lock_within(int timeout_ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_mutex_timedlock(&lock, &ts);
}

int rt_table_snapshot(struct rt_snap **out, size_t *n, struct rt_counts *c, int timeout_ms)
{
	*out = NULL;
	*n = 0;
	if (lock_within(timeout_ms) != 0)
		return -1; /* a thread died holding it, or exit raced a fork */
	struct rt_snap *s = nlive ? malloc(nlive * sizeof(*s)) : NULL;
	size_t k = 0, bytes = nbuckets * sizeof(*buckets);
	uint64_t now = rt_now_ns();
	for (size_t i = 0; s && i < nbuckets; i++)
		for (struct rt_task *t = buckets[i]; t; t = t->next, k++) {
			s[k] = (struct rt_snap){ t->id, now - t->created_ns, t->site, t->entry,
						 t->state, t->api, t->detached };
			bytes += malloc_usable_size(t) + sizeof(size_t); /* + chunk header */
		}
	*c = totals;
	c->live = nlive;
	c->table_bytes = bytes;
	pthread_mutex_unlock(&lock);
	*out = s;
	*n = k;
	return 0;
}

void rt_table_prefork(void)
{
	pthread_mutex_lock(&lock);
}

void rt_table_postfork_parent(void)
{
	pthread_mutex_unlock(&lock);
}

void rt_table_postfork_child(struct rt_task *self)
{
	/* Only the forking thread exists here: every record describes a
	 * thread of the parent. Start over with an empty table. The forking
	 * thread's own record is kept, unlinked, because its trampoline will
	 * still mark it finished (one record leaked per fork from a task). */
	for (size_t i = 0; i < nbuckets; i++) {
		struct rt_task *t = buckets[i], *next;
		for (; t; t = next) {
			next = t->next;
			if (t == self)
				t->linked = 0;
			else
				free(t);
		}
	}
	free(buckets);
	buckets = NULL;
	nbuckets = nlive = 0;
	memset(&totals, 0, sizeof(totals));
	pthread_mutex_init(&lock, NULL);
}
