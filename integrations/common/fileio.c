/* fileio.c - reading whole files. */
#include "fileio.h"
#include "strbuf.h"
#include "tl_error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Not a regular file (/dev/null, a FIFO): written in place, since renaming
 * a temporary file over it would replace the device with a plain file
 * (as root, a `-o /dev/null` used to destroy /dev/null). */
static int write_in_place(const char *path, const char *data, size_t len, char **err)
{
	FILE *f = fopen(path, "wb");
	int bad = !f || fwrite(data, 1, len, f) != len;
	bad |= f && fclose(f);
	return bad ? tl_error_errno(err, TL_E_INPUT, "cannot write '%s'", path) : TL_OK;
}

int tl_write_file_atomic(const char *path, const char *data, size_t len, char **err)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_in_place(path, data, len, err);
	struct strbuf tmp;
	sb_init(&tmp);
	sb_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp.buf, "wb");
	int bad = !f || fwrite(data, 1, len, f) != len;
	bad |= f && fclose(f);
	int rc = bad || rename(tmp.buf, path)
		 ? tl_error_errno(err, TL_E_INPUT, "cannot write '%s'", path) : TL_OK;
	if (rc)
		remove(tmp.buf);
	sb_release(&tmp);
	return rc;
}
