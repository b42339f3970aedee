/* runtime.c - libtaskleak-rt reports into leak sites (see runtime.h). */
#include "runtime.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/strmap.h"
#include "../common/tl_error.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A leak line as read, before the last report of its process is known. */
struct raw_leak {
	const cJSON *j;
	int gen;      /* the report of its process it belongs to */
	long pid;
};

void tl_rt_set_init(struct tl_rt_set *s)
{
	memset(s, 0, sizeof(*s));
}

void tl_rt_set_free(struct tl_rt_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct tl_rt_site *x = &s->v[i];
		free(x->file), free(x->function), free(x->entry), free(x->api), free(x->program);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static const char *str(const cJSON *j, const char *key)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, key));
	return s ? s : "";
}

static long num(const cJSON *j, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
	return cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
}

/* Adds one leak to the site of its file:line. */
static void add_leak(struct tl_rt_set *s, const cJSON *j, const char *program)
{
	const char *file = str(j, "file");
	long line = num(j, "line");
	if (!*file || line <= 0) {
		s->unplaced++;
		return;
	}
	struct tl_rt_site *x = NULL;
	for (size_t i = 0; i < s->n && !x; i++)
		if (s->v[i].line == line && !strcmp(s->v[i].file, file))
			x = &s->v[i];
	if (!x) {
		if (s->n == s->alloc) {
			s->alloc = s->alloc ? s->alloc * 2 : 16;
			s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
		}
		x = &s->v[s->n++];
		memset(x, 0, sizeof(*x));
		x->file = xstrdup(file);
		x->line = (int)line;
		x->function = xstrdup(str(j, "function"));
		x->entry = xstrdup(str(j, "entry"));
		x->api = xstrdup(str(j, "api"));
		x->program = xstrdup(program);
	}
	if (!strcmp(str(j, "kind"), "running"))
		x->running++;
	else
		x->finished++;
}

/* Checks one parsed line; returns its type or NULL when it is not ours. */
static const char *line_type(const cJSON *j, const char **why)
{
	static const char *const types[] = { "report", "leak", "profile", "end" };
	const char *t = cJSON_IsObject(j) ? str(j, "type") : "";
	*why = "not a taskleak-rt report line";
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(t, types[i])) {
			if (i == 0 && num(j, "version") != 1) {
				*why = "report of an unknown version (this taskleak reads version 1)";
				return NULL;
			}
			if (num(j, "pid") < 0) {
				*why = "line without a pid";
				return NULL;
			}
			return t;
		}
	return NULL;
}

struct reader {
	cJSON **lines;           /* parsed lines, freed at the end */
	size_t nlines;
	struct raw_leak *leaks;
	size_t nleaks;
	struct strmap gen;       /* pid -> (intptr_t) its last report's number */
	struct strmap program;   /* pid -> its program (borrowed from lines) */
	int reports;
};

static void reader_free(struct reader *r)
{
	for (size_t i = 0; i < r->nlines; i++)
		cJSON_Delete(r->lines[i]);
	free(r->lines);
	free(r->leaks);
	strmap_free(&r->gen);
	strmap_free(&r->program);
}

/* Parses one line into r; a bad line is an error naming path:lineno. */
static int read_line(struct reader *r, const char *path, size_t lineno, const char *text,
		     char **err)
{
	const char *why;
	cJSON *j = cJSON_Parse(text);
	const char *t = j ? line_type(j, &why) : (why = "not JSON", NULL);
	if (!t) {
		cJSON_Delete(j);
		return tl_error(err, TL_E_INPUT, "%s:%zu: %s", path, lineno, why);
	}
	r->lines[r->nlines++] = j;
	char pid[32];
	snprintf(pid, sizeof(pid), "%ld", num(j, "pid"));
	if (!strcmp(t, "report")) {
		*strmap_put(&r->gen, pid) = (void *)(intptr_t)++r->reports;
		*strmap_put(&r->program, pid) = (void *)str(j, "program");
	} else if (!strcmp(t, "leak")) {
		void **g = strmap_find(&r->gen, pid);
		if (!g)
			return tl_error(err, TL_E_INPUT, "%s:%zu: leak line before its report line",
					path, lineno);
		r->leaks[r->nleaks++] = (struct raw_leak){ j, (int)(intptr_t)*g, num(j, "pid") };
	}
	return TL_OK;
}

int tl_rt_read(const char *path, struct tl_rt_set *out, char **err)
{
	char *buf;
	size_t len;
	int rc = tl_read_file(path, &buf, &len, err);
	if (rc)
		return rc;
	size_t nl = 1;
	for (size_t i = 0; i < len; i++)
		nl += buf[i] == '\n';
	struct reader r = { xcalloc(nl, sizeof(cJSON *)), 0, xcalloc(nl, sizeof(struct raw_leak)),
			    0, { 0 }, { 0 }, 0 };
	strmap_init(&r.gen);
	strmap_init(&r.program);
	char *p = buf, *end = buf + len;
	for (size_t lineno = 1; p < end && !rc; lineno++) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		*e = '\0';
		if (strspn(p, " \t\r") != (size_t)(e - p))
			rc = read_line(&r, path, lineno, p, err);
		p = e + 1;
	}
	if (!rc && r.reports == 0)
		rc = tl_error(err, TL_E_INPUT, "%s: no taskleak-rt report in it", path);
	for (size_t i = 0; !rc && i < r.nleaks; i++) {
		char pid[32];
		snprintf(pid, sizeof(pid), "%ld", r.leaks[i].pid);
		if ((int)(intptr_t)*strmap_find(&r.gen, pid) == r.leaks[i].gen)
			add_leak(out, r.leaks[i].j, (const char *)*strmap_find(&r.program, pid));
	}
	if (!rc)
		out->reports += (int)r.gen.count;
	reader_free(&r);
	free(buf);
	return rc;
}

/* 1 when a and b name the same file: equal, or one is the other's tail
 * made of whole components ("src/a.c" and "/build/p/src/a.c"). */
int tl_rt_same_file(const char *a, const char *b)
{
	while (!strncmp(a, "./", 2))
		a += 2;
	while (!strncmp(b, "./", 2))
		b += 2;
	size_t na = strlen(a), nb = strlen(b);
	if (na < nb) {
		const char *t = a;
		a = b, b = t;
		size_t n = na;
		na = nb, nb = n;
	}
	if (!nb || strcmp(a + na - nb, b))
		return 0;
	return na == nb || a[na - nb - 1] == '/';
}
