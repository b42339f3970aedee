/*
 * sources.h - source lines for fingerprints and in-source suppressions.
 *
 * Files are read once per import and kept, indexed by line. A file that
 * cannot be read is remembered as missing (the caller falls back).
 */
#ifndef TL_SOURCES_H
#define TL_SOURCES_H

#include <stddef.h>
#include "../common/strmap.h"

struct tl_sources {
	struct strmap files; /* absolute path -> struct tl_source_file, or NULL when missing */
	char *last_path;     /* the file asked for last (reports come in runs of one file) */
	void *last_file;     /* its entry in files */
};

void tl_sources_init(struct tl_sources *s);
void tl_sources_free(struct tl_sources *s);
/* Points *text at line (1-based) of file abs, without its newline, and
 * sets *len. Returns 1 when found, 0 when the file or line is missing. */
int tl_sources_line(struct tl_sources *s, const char *abs, int line,
		    const char **text, size_t *len);

/*
 * Looks for `taskleak-ignore[ID,...]: reason` in one line of text (a // or
 * a block comment). Returns 1 when rule (or "all") is listed and sets
 * *reason to the malloc'ed reason ("" when none was given).
 */
int tl_suppression_match(const char *text, size_t len, const char *rule,
			 const char *checker, char **reason);

#endif
