/* status.c - library status -> exit code, and how errors are printed. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>

int tl_exit_code(int status)
{
	switch (status) {
	case TL_OK:
		return EXIT_OK;
	case TL_E_USAGE:
	case TL_E_INPUT:
	case TL_E_NOTFOUND:
		return EXIT_USAGE;
	case TL_E_DB:
	case TL_E_ANALYSIS:
	case TL_E_NOMEM:
	default:
		return EXIT_FAILED;
	}
}

int tl_fail(int status, char *err)
{
	fflush(stdout);
	/* messages quote report content (field names, values): made visible */
	fprintf(stderr, "taskleak: %s\n", err ? tl_shown(err) : "unknown error");
	free(err);
	return tl_exit_code(status);
}

int tl_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "taskleak %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'taskleak %s --help')\n", cmd);
	return EXIT_USAGE;
}
