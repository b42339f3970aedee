/*
 * tl_error.h - status codes shared by the taskleak libraries.
 *
 * Library functions return one of these and, on failure, fill a
 * caller-owned `char **err` with a malloc'ed message fit to print as is
 * (lower-case start, names the file and place, no final period). The
 * command maps a status to an exit code in one switch (taskleak/status.c);
 * the libraries never print and never exit.
 */
#ifndef TL_ERROR_H
#define TL_ERROR_H

enum tl_status {
	TL_OK = 0,
	TL_E_USAGE,     /* bad option or argument */
	TL_E_INPUT,     /* bad input file (report, compile database, model) */
	TL_E_NOTFOUND,  /* no such finding, run or rule */
	TL_E_DB,        /* the database cannot be opened, read or written */
	TL_E_ANALYSIS,  /* clang failed, or the plugin did not load */
	TL_E_NOMEM      /* out of memory */
};

/* Sets *err (if err is not NULL) to a formatted message and returns code. */
int tl_error(char **err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like tl_error() with ": strerror(errno)" appended. */
int tl_error_errno(char **err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
