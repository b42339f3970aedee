/* test_util.h - temporary folders for the store's unit tests. */
#ifndef TL_TEST_UTIL_H
#define TL_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Makes a fresh folder and returns "<folder>/<name>" (malloc'ed). */
static inline char *tmp_path(const char *name)
{
	char tmpl[] = "/tmp/tl-unit-XXXXXX";
	if (!mkdtemp(tmpl))
		abort();
	size_t n = strlen(tmpl) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", tmpl, name);
	return p;
}

static inline void rm_tree(const char *path)
{
	char cmd[4200];
	char *dir = strdup(path);
	char *slash = strrchr(dir, '/');
	*slash = '\0';
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
	free(dir);
}

#endif
