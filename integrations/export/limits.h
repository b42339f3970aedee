/*
 * limits.h - GitHub's limits on one SARIF upload, and which results to
 * keep beyond them: the most severe.
 */
#ifndef TL_EXPORT_LIMITS_H
#define TL_EXPORT_LIMITS_H

#include <stddef.h>

#define TL_GITHUB_MAX_RESULTS 25000          /* results per run */
#define TL_GITHUB_MAX_GZIP (10u << 20)       /* bytes, gzip-compressed file */
#define TL_GITHUB_MAX_FLOW_STEPS 10000       /* thread-flow locations per result */

/* Size of buf once gzip-compressed (zlib, default level). */
size_t tl_gzip_size(const char *buf, size_t len);

/* 0 note, 1 warning, 2 error (unknown: warning). */
int tl_level_rank(const char *level);
/* "7.5" -> 75; unknown or missing: 0. */
int tl_security_rank(const char *security_severity);

#endif
