/*
 * fileio.h - whole-file reading and small path helpers.
 */
#ifndef TL_FILEIO_H
#define TL_FILEIO_H

#include <stddef.h>

/* Reads path into a malloc'ed, NUL-terminated buffer. TL_E_INPUT when the
 * file cannot be read (message names the file and the reason). */
int tl_read_file(const char *path, char **buf, size_t *len, char **err);
/* 1 if path names a directory. */
int tl_is_dir(const char *path);
/* The directory part of path (malloc'ed; "." when there is none). */
char *tl_dirname(const char *path);
/* Writes data to path through a temporary file renamed over it, so a
 * reader never sees half a file. TL_E_INPUT naming path on failure. */
int tl_write_file_atomic(const char *path, const char *data, size_t len, char **err);

#endif
