/*
 * dl_table.h - a table of functions from a shared library opened at run
 * time (dlopen) instead of linked, for libraries only some commands need:
 * libclang for the inference (infer/libclang_table.h), libpq for a
 * PostgreSQL store (store/libpq_table.h).
 */
#ifndef TL_DL_TABLE_H
#define TL_DL_TABLE_H

#include <stddef.h>

/*
 * Opens library (a soname or path) and resolves names[0..n) into fns[i].
 * lib and user word the errors: "cannot load LIB, which USER needs: ..."
 * when the library cannot be opened, "LIBRARY is not the LIB USER needs:
 * it has no NAME" when a function is missing (the library is closed
 * again). Returns TL_OK, or code with one line in *err (if err is not
 * NULL); fns is written only on success. The library stays open.
 */
int tl_dl_table(const char *library, const char *lib, const char *user, int code, size_t n,
		const char *const names[], void *fns[], char **err);

#endif
