/*
 * compdb.h - reads compile_commands.json into translation units ready for
 * the analyzer: the compiler, output and dependency-file options are
 * dropped, the flags that matter for parsing (-I, -D, -std, ...) kept.
 */
#ifndef TL_COMPDB_H
#define TL_COMPDB_H

#include <stddef.h>

struct tl_tu {
	char *directory; /* where the compiler ran */
	char *file;      /* the source file, absolute */
	char **args;     /* flags for clang, without compiler, -c, -o, file */
	size_t nargs;
};

struct tl_compdb {
	struct tl_tu *v;
	size_t n;
};

/* TL_E_INPUT naming the file and the entry on a malformed database. */
int tl_compdb_load(const char *path, struct tl_compdb *out, char **err);
void tl_compdb_free(struct tl_compdb *db);
/* Splits a shell command line (quotes and backslashes, no expansion). */
int tl_split_command(const char *cmd, char ***argv, size_t *argc);
void tl_argv_free(char **argv, size_t argc);

#endif
