/* tl_error.c - formats the error messages that library calls hand back. */
#include "tl_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

int tl_error(char **err, int code, const char *fmt, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, fmt);
	free(*err);
	*err = vformat(fmt, ap);
	va_end(ap);
	return code;
}

int tl_error_errno(char **err, int code, const char *fmt, ...)
{
	int saved = errno;
	if (!err)
		return code;
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	free(*err);
	*err = NULL;
	if (msg) {
		const char *why = strerror(saved);
		size_t n = strlen(msg) + strlen(why) + 3;
		*err = malloc(n);
		if (*err)
			snprintf(*err, n, "%s: %s", msg, why);
		free(msg);
	}
	return code;
}
