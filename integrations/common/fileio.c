/* fileio.c - reading whole files. */
#include "fileio.h"
#include "strbuf.h"
#include "tl_error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int tl_read_file(const char *path, char **buf, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tl_error_errno(err, TL_E_INPUT, "cannot open '%s'", path);
	struct strbuf sb;
	struct stat st;
	sb_init(&sb);
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
		sb_grow(&sb, (size_t)st.st_size); /* one allocation, no copies */
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sb_add(&sb, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		sb_release(&sb);
		return tl_error_errno(err, TL_E_INPUT, "cannot read '%s'", path);
	}
	*len = sb.len;
	*buf = sb_detach(&sb);
	sb_release(&sb);
	return TL_OK;
}

int tl_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *tl_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	size_t n = (size_t)(slash - path);
	char *d = xmalloc(n + 1);
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}
