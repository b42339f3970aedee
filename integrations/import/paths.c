/* paths.c - absolute, resolved and root-relative report paths. */
#include "paths.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tl_paths_init(struct tl_paths *p, const char *root, char **err)
{
	char buf[PATH_MAX];
	if (!realpath(root, buf))
		return tl_error_errno(err, TL_E_USAGE, "cannot use '%s' as the project root", root);
	size_t n = strlen(buf);
	if (n > 1 && buf[n - 1] == '/')
		buf[n - 1] = '\0';
	p->root = xstrdup(buf);
	strmap_init(&p->cache);
	return TL_OK;
}

static void free_entry(const char *key, void *value)
{
	struct tl_path_entry *e = value;
	(void)key;
	if (e) {
		free(e->abs);
		free(e->rel);
		free(e);
	}
}

void tl_paths_free(struct tl_paths *p)
{
	if (!p->root)
		return;
	strmap_each(&p->cache, free_entry);
	strmap_free(&p->cache);
	free(p->root);
	p->root = NULL;
}

char *tl_path_normalise(const char *abs)
{
	struct strbuf out;
	sb_init(&out);
	const char *s = abs;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0)
			break;
		if (n == 1 && s[0] == '.') {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			char *slash = strrchr(out.buf, '/');
			out.len = slash ? (size_t)(slash - out.buf) : 0;
			out.buf[out.len] = '\0';
		} else {
			sb_addc(&out, '/');
			sb_add(&out, s, n);
		}
		s += n;
	}
	if (!out.len)
		sb_addc(&out, '/');
	char *r = sb_detach(&out);
	sb_release(&out);
	return r;
}

const struct tl_path_entry *tl_paths_resolve(struct tl_paths *p, const char *base,
					     const char *path)
{
	/* key "base\npath": on the stack, as this runs for every location */
	char stack[1024];
	size_t nb = base ? strlen(base) : 0, np = strlen(path);
	char *key = nb + np + 2 <= sizeof(stack) ? stack : xmalloc(nb + np + 2);
	memcpy(key, base ? base : "", nb);
	key[nb] = '\n';
	memcpy(key + nb + 1, path, np + 1);
	void **slot = strmap_put(&p->cache, key);
	if (key != stack)
		free(key);
	if (*slot)
		return *slot;

	struct strbuf abs;
	sb_init(&abs);
	if (path[0] != '/') {
		if (base && base[0] == '/') {
			sb_adds(&abs, base);
		} else {
			char cwd[PATH_MAX];
			if (getcwd(cwd, sizeof(cwd)))
				sb_adds(&abs, cwd);
			if (base && *base) {
				sb_addc(&abs, '/');
				sb_adds(&abs, base);
			}
		}
		sb_addc(&abs, '/');
	}
	sb_adds(&abs, path);

	struct tl_path_entry *e = xcalloc(1, sizeof(*e));
	char real[PATH_MAX];
	e->abs = realpath(abs.buf, real) ? xstrdup(real) : tl_path_normalise(abs.buf);
	sb_release(&abs);
	size_t rn = strlen(p->root);
	if (!strcmp(p->root, "/"))
		e->rel = xstrdup(e->abs + 1);
	else if (!strncmp(e->abs, p->root, rn) && e->abs[rn] == '/')
		e->rel = xstrdup(e->abs + rn + 1);
	else
		e->rel = xstrdup(e->abs);
	*slot = e;
	return e;
}
