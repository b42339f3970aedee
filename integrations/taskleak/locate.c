/*
 * locate.c - where the installed files are. The same binary runs from its
 * build tree and from a package (/usr/bin/taskleak): files are looked up
 * relative to the executable first, then at the build tree's paths, so an
 * installed taskleak never reaches back into a source or build tree.
 *
 *   catalog  $TASKLEAK_CATALOG, <exe>/../share/taskleak/rules/catalog.json,
 *            the source tree's rules/catalog.json
 *   plugin   $TASKLEAK_PLUGIN, the build tree's plugin when the executable
 *            is the build tree's, <exe>/../lib/taskleak/clang-N/ where N is
 *            the major version of the clang the scan runs
 */
#include "cli.h"
#include "common/fileio.h"
#include "common/strbuf.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PLUGIN_NAME "taskleak-plugin.so"

/* The folder of the running executable, resolved (malloc'ed), or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return tl_dirname(buf);
}

/* <exe>/../<rel> when it exists (malloc'ed), else NULL. */
static char *beside_exe(const char *rel)
{
	char *d = exe_dir(), real[PATH_MAX];
	struct strbuf p;
	if (!d)
		return NULL;
	sb_init(&p);
	sb_addf(&p, "%s/../%s", d, rel);
	free(d);
	char *found = realpath(p.buf, real) ? xstrdup(real) : NULL;
	sb_release(&p);
	return found;
}

char *tl_locate_catalog(void)
{
	const char *env = getenv("TASKLEAK_CATALOG");
	if (env && *env)
		return xstrdup(env);
	char *p = beside_exe("share/taskleak/rules/catalog.json");
	if (p)
		return p;
#ifdef TASKLEAK_CATALOG
	return xstrdup(TASKLEAK_CATALOG);
#else
	return NULL;
#endif
}

/* The major version of clang: from its resolved path (/usr/lib/llvm-16/
 * bin/clang) or else from `clang -dumpversion`. 0 when unknown. */
static int clang_major(const char *clang)
{
	char real[PATH_MAX];
	const char *m;
	if (realpath(clang, real) && (m = strstr(real, "/llvm-")) && atoi(m + 6) > 0)
		return atoi(m + 6);
	struct strbuf cmd;
	sb_init(&cmd);
	sb_adds(&cmd, "'");
	for (const char *c = clang; *c; c++)
		*c == '\'' ? sb_adds(&cmd, "'\\''") : sb_addc(&cmd, *c);
	sb_adds(&cmd, "' -dumpversion 2>/dev/null");
	FILE *f = popen(cmd.buf, "r");
	int v = 0;
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 0;
		pclose(f);
	}
	sb_release(&cmd);
	return v;
}

/* "14, 16" for the clang-N folders of dir (the installed plugins). */
static void installed_list(const char *dir, struct strbuf *sb)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "clang-", 6))
			sb_addf(sb, "%s%s", sb->len ? ", " : "", e->d_name + 6);
	if (d)
		closedir(d);
	if (!sb->len)
		sb_adds(sb, "none");
}

int tl_locate_plugin(const char *clang, char **plugin, char **err)
{
	const char *env = getenv("TASKLEAK_PLUGIN");
	*plugin = NULL;
	if (env && *env) {
		*plugin = xstrdup(env);
		return TL_OK;
	}
	int major = clang_major(clang);
#if defined(TASKLEAK_PLUGIN_PATH) && defined(TASKLEAK_BUILD_BIN_DIR) && defined(TASKLEAK_LLVM_MAJOR)
	char *d = exe_dir(), real[PATH_MAX];
	int in_build = d && realpath(TASKLEAK_BUILD_BIN_DIR, real) && !strcmp(d, real);
	free(d);
	if (in_build && (major == TASKLEAK_LLVM_MAJOR || !major)) {
		*plugin = xstrdup(TASKLEAK_PLUGIN_PATH);
		return TL_OK;
	}
	if (in_build)
		return tl_error(err, TL_E_ANALYSIS, "no taskleak plugin for clang %d (%s): this "
				"build tree's is for clang %d; build one with -DLLVM_VERSION=%d and "
				"give --plugin FILE", major, clang, TASKLEAK_LLVM_MAJOR, major);
#endif
	char *lib = beside_exe("lib/taskleak");
	struct strbuf p, have;
	sb_init(&p);
	sb_init(&have);
	if (lib)
		sb_addf(&p, "%s/clang-%d/" PLUGIN_NAME, lib, major);
	int rc = TL_OK;
	if (lib && major && !access(p.buf, R_OK)) {
		*plugin = sb_detach(&p);
	} else {
		if (lib)
			installed_list(lib, &have);
		rc = tl_error(err, TL_E_ANALYSIS, "no taskleak plugin for clang %d (%s): plugins "
			      "are installed for clang %s%s%s; pick one with --clang "
			      "/usr/lib/llvm-N/bin/clang, or give --plugin FILE",
			      major, clang, lib ? have.buf : "none", lib ? " in " : "",
			      lib ? lib : "");
	}
	free(lib);
	sb_release(&p);
	sb_release(&have);
	return rc;
}
