/* sources.c - a cache of source files split into lines, and the
 * taskleak-ignore comment syntax. */
#include "sources.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct tl_source_file {
	char *buf;      /* the whole file */
	size_t *starts; /* offset of each line; starts[nlines] = end */
	size_t nlines;
};

void tl_sources_init(struct tl_sources *s)
{
	strmap_init(&s->files);
	s->last_path = NULL;
	s->last_file = NULL;
}

static void free_file(const char *key, void *value)
{
	struct tl_source_file *f = value;
	(void)key;
	if (f) {
		free(f->buf);
		free(f->starts);
		free(f);
	}
}

void tl_sources_free(struct tl_sources *s)
{
	strmap_each(&s->files, free_file);
	strmap_free(&s->files);
	free(s->last_path);
	s->last_path = NULL;
}

/* Source files larger than this are not read (no fingerprint text, no
 * lines in `show`): generated code of that size is not worth the memory. */
#define TL_MAX_SOURCE_BYTES (256L << 20)

static struct tl_source_file *load(const char *abs)
{
	char *buf;
	size_t len;
	struct stat st;
	/* a report may name any path: /dev/zero would be read forever and a
	 * FIFO would block the open; only regular files are sources, and not
	 * empty ones: /proc files say size 0 and some (/proc/kmsg) block */
	if (stat(abs, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > TL_MAX_SOURCE_BYTES)
		return NULL;
	if (tl_read_file(abs, &buf, &len, NULL))
		return NULL;
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	struct tl_source_file *f = xcalloc(1, sizeof(*f));
	f->buf = buf;
	f->starts = xmalloc((lines + 1) * sizeof(size_t));
	f->starts[0] = 0;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n')
			f->starts[++f->nlines] = i + 1;
	if (f->starts[f->nlines] < len) /* a last line without newline */
		f->starts[++f->nlines] = len + 1;
	return f;
}

int tl_sources_line(struct tl_sources *s, const char *abs, int line,
		    const char **text, size_t *len)
{
	struct tl_source_file *f;
	if (s->last_path && !strcmp(s->last_path, abs)) {
		f = s->last_file;
	} else {
		void **slot = strmap_find(&s->files, abs);
		if (!slot) { /* first time: load, or remember that it is missing (NULL) */
			struct tl_source_file *loaded = load(abs);
			slot = strmap_put(&s->files, abs);
			*slot = loaded;
		}
		f = *slot;
		free(s->last_path);
		s->last_path = xstrdup(abs);
		s->last_file = f;
	}
	if (!f || line < 1 || (size_t)line > f->nlines)
		return 0;
	size_t b = f->starts[line - 1], e = f->starts[line] - 1; /* e: the '\n' */
	if (e > b && f->buf[e - 1] == '\r')
		e--;
	*text = f->buf + b;
	*len = e - b;
	return 1;
}

static const char *find_mem(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(hay + i, needle, k))
			return hay + i;
	return NULL;
}

static int listed(const char *list, size_t n, const char *name)
{
	size_t k = name ? strlen(name) : 0;
	const char *p = list, *end = list + n;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		const char *q = p;
		while (q < end && *q != ',' && *q != ' ')
			q++;
		if (k && (size_t)(q - p) == k && !memcmp(p, name, k))
			return 1;
		if (q - p == 3 && !memcmp(p, "all", 3))
			return 1;
		p = q;
	}
	return 0;
}

int tl_suppression_match(const char *text, size_t len, const char *rule,
			 const char *checker, char **reason)
{
	static const char tag[] = "taskleak-ignore[";
	const char *p = find_mem(text, len, tag);
	if (!p)
		return 0;
	/* the tag must be inside a comment that starts before it */
	const char *c1 = find_mem(text, (size_t)(p - text), "//");
	const char *c2 = find_mem(text, (size_t)(p - text), "/*");
	if (!c1 && !c2)
		return 0;
	const char *end = text + len;
	const char *list = p + sizeof(tag) - 1;
	const char *close = memchr(list, ']', (size_t)(end - list));
	if (!close)
		return 0;
	if (!listed(list, (size_t)(close - list), rule) &&
	    !listed(list, (size_t)(close - list), checker))
		return 0;
	const char *r = close + 1;
	if (r < end && *r == ':')
		r++;
	const char *stop = find_mem(r, (size_t)(end - r), "*/");
	if (!stop)
		stop = end;
	while (r < stop && (*r == ' ' || *r == '\t'))
		r++;
	while (stop > r && (stop[-1] == ' ' || stop[-1] == '\t'))
		stop--;
	if (reason) {
		*reason = xmalloc((size_t)(stop - r) + 1);
		memcpy(*reason, r, (size_t)(stop - r));
		(*reason)[stop - r] = '\0';
	}
	return 1;
}
