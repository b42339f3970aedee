/*
 * rt_report.c - the JSON-lines report (format in README.md): a header,
 * one line per leaked task, one profile line per creation site, an end
 * line. Built in memory and written with one O_APPEND write loop, so a
 * parent and its forked child can share one file.
 */
#define _GNU_SOURCE
#include "rt.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct rt_config rt_cfg = { .signal = 1 };

struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		int n = b->p ? vsnprintf(b->p + b->len, room, fmt, ap) : -1;
		va_end(ap);
		if (n >= 0 && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (n >= 0 && cap - b->len <= (size_t)n)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
}

/* ,"key":"value" with JSON escapes */
static void put_str(struct buf *b, const char *key, const char *s)
{
	put(b, ",\"%s\":\"", key);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(b, "\\%c", c);
		else if (c < 0x20)
			put(b, "\\u%04x", c);
		else
			put(b, "%c", c);
	}
	put(b, "\"");
}

static void put_site(struct buf *b, const struct rt_site *s)
{
	put_str(b, "file", s->file);
	put(b, ",\"line\":%d", s->line);
	put_str(b, "function", s->function);
	put_str(b, "object", s->object);
	put(b, ",\"offset\":\"0x%" PRIxPTR "\"", s->offset);
}

static const char *const api_names[] = { "pthread", "c11", "gthread" };

/* 1 when name is in the comma-separated ignore list. */
static int ignored(const char *name)
{
	size_t n = strlen(name);
	const char *p = rt_cfg.ignore;
	while (n && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return 1;
		p += len + (end != NULL);
	}
	return 0;
}

static int by_site(const void *a, const void *b)
{
	const struct rt_snap *x = a, *y = b;
	if (x->site != y->site)
		return (uintptr_t)x->site < (uintptr_t)y->site ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct tally {
	int leaks, ignored;
};

/* The leak lines and the profile line of one creation site. */
static void put_group(struct buf *b, struct rt_resolver *r, const struct rt_snap *g, size_t n,
		      struct tally *t)
{
	struct rt_site site;
	char entry[256];
	size_t running = 0, finished = 0, detached = 0;
	rt_resolve_call(r, g[0].site, &site);
	for (size_t i = 0; i < n; i++) {
		const struct rt_snap *s = &g[i];
		running += s->state == RT_RUNNING;
		finished += s->state == RT_FINISHED;
		detached += s->detached;
		if (s->detached)
			continue;
		rt_resolve_function(r, s->entry, entry, sizeof(entry));
		if (ignored(entry)) {
			t->ignored++;
			continue;
		}
		t->leaks++;
		put(b, "{\"type\":\"leak\",\"pid\":%d", (int)getpid());
		put_str(b, "kind", s->state == RT_RUNNING ? "running" : "finished");
		put(b, ",\"task\":%" PRIu64 ",\"api\":\"%s\"", s->id, api_names[s->api]);
		put_str(b, "entry", entry);
		put(b, ",\"age_ms\":%" PRIu64, s->age_ns / 1000000u);
		put_site(b, &site);
		put(b, "}\n");
	}
	rt_resolve_function(r, g[0].entry, entry, sizeof(entry));
	put(b, "{\"type\":\"profile\",\"pid\":%d,\"count\":%zu,\"running\":%zu,\"finished\":%zu,"
	    "\"detached\":%zu", (int)getpid(), n, running, finished, detached);
	put_str(b, "entry", entry);
	put_site(b, &site);
	put(b, "}\n");
}

static int write_all(const char *p, size_t len)
{
	char path[1100];
	int fd = 2;
	if (rt_cfg.out[0]) {
		/* %p in the name becomes the pid (one file per process) */
		const char *pp = strstr(rt_cfg.out, "%p");
		if (pp)
			snprintf(path, sizeof(path), "%.*s%d%s", (int)(pp - rt_cfg.out), rt_cfg.out,
				 (int)getpid(), pp + 2);
		else
			snprintf(path, sizeof(path), "%s", rt_cfg.out);
		fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (fd < 0)
			return -1;
	}
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		len -= (size_t)w;
	}
	if (fd != 2)
		close(fd);
	return len ? -1 : 0;
}

static void put_header(struct buf *b, const char *trigger, const struct rt_counts *c)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = 0;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	put(b, "{\"type\":\"report\",\"version\":1,\"pid\":%d", (int)getpid());
	put_str(b, "trigger", trigger);
	put_str(b, "program", exe);
	put(b, ",\"time_ms\":%lld,\"spawned\":%" PRIu64 ",\"joined\":%" PRIu64
	    ",\"detached\":%" PRIu64 ",\"finished\":%" PRIu64 ",\"live\":%zu,\"table_bytes\":%zu}\n",
	    (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000, c->spawned, c->joined,
	    c->detached, c->finished, c->live, c->table_bytes);
}

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

int rt_report_write(const char *trigger)
{
	struct rt_snap *s;
	size_t n;
	struct rt_counts c;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 2; /* at exit, a report stuck elsewhere must not hang us */
	if (pthread_mutex_timedlock(&report_lock, &ts) != 0)
		return -1;
	if (rt_table_snapshot(&s, &n, &c, 2000) != 0) {
		pthread_mutex_unlock(&report_lock);
		return -1;
	}
	struct buf b = { 0 };
	struct tally t = { 0, 0 };
	put_header(&b, trigger, &c);
	if (n) {
		struct rt_resolver *r = rt_resolver_open();
		qsort(s, n, sizeof(*s), by_site);
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && s[j].site == s[i].site; j++)
				;
			put_group(&b, r, s + i, j - i, &t);
		}
		rt_resolver_close(r);
	}
	put(&b, "{\"type\":\"end\",\"pid\":%d", (int)getpid());
	put_str(&b, "trigger", trigger);
	put(&b, ",\"leaks\":%d,\"ignored\":%d}\n", t.leaks, t.ignored);
	int rc = b.failed ? -1 : write_all(b.p, b.len);
	free(b.p);
	free(s);
	pthread_mutex_unlock(&report_lock);
	return rc ? -1 : t.leaks;
}

void rt_report_postfork_child(void)
{
	pthread_mutex_init(&report_lock, NULL);
}
