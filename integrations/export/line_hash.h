/*
 * line_hash.h - GitHub's primaryLocationLineHash, computed as the upload
 * action does (github/codeql-action src/fingerprints.ts), so that a SARIF
 * file uploaded through the API and one uploaded by the action agree.
 *
 * The file is decoded as UTF-8 into UTF-16 code units (as JavaScript sees
 * it: invalid bytes become U+FFFD, characters past U+FFFF two surrogates).
 * Spaces and tabs are skipped, CR, LF and CRLF all count as one LF. Each
 * line's hash is a rolling hash (x37, modulo 2^64) over the 100 characters
 * that follow the line's start, the end of the file being one character
 * 65535 then zeros; it is written "<hex>:<n>", n counting earlier lines of
 * the file with the same hash. A file of N lines has N hashes, one more
 * when it ends with a newline (the empty line after it).
 */
#ifndef TL_LINE_HASH_H
#define TL_LINE_HASH_H

#include <stddef.h>

#define TL_LINE_HASH_MAX 32 /* "ffffffffffffffff:4294967295" and the NUL */

struct tl_line_hashes {
	char (*v)[TL_LINE_HASH_MAX]; /* v[i] is line i + 1 */
	size_t n;                    /* lines */
};

/* Hashes every line of a buffer. Never fails (allocation failure aborts). */
void tl_line_hashes_compute(const char *buf, size_t len, struct tl_line_hashes *out);
/* Reads and hashes a file: TL_E_INPUT naming the file when it cannot be read. */
int tl_line_hashes_file(const char *path, struct tl_line_hashes *out, char **err);
/* The hash of line (1-based), or NULL past the end. */
const char *tl_line_hash(const struct tl_line_hashes *h, int line);
void tl_line_hashes_free(struct tl_line_hashes *h);

#endif
