/* opts.c - small helpers for option parsing and shared configuration. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>

int tl_help(const char *text)
{
	fputs(text, stdout);
	return tl_finish_stdout(EXIT_OK);
}

int tl_parse_int(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || !*s || *end || v < 0)
		return 0;
	*out = v;
	return 1;
}

int tl_load_catalog(struct tl_catalog *c, char **err)
{
	char *path = tl_locate_catalog();
	if (!path)
		return tl_error(err, TL_E_INPUT, "no rule catalog: set TASKLEAK_CATALOG");
	int rc = tl_catalog_load(path, c, err);
	free(path);
	return rc;
}
