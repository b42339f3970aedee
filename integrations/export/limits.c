/*
 * limits.c - measuring a SARIF file as GitHub does (gzipped) and ranking
 * results by severity (see limits.h).
 */
#include "limits.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

size_t tl_gzip_size(const char *buf, size_t len)
{
	z_stream z;
	unsigned char out[1 << 16];
	size_t total = 0;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return len; /* cannot measure: the uncompressed size bounds it */
	z.next_in = (unsigned char *)buf;
	int flush = Z_NO_FLUSH, rc;
	do {
		size_t chunk = len > (1u << 30) ? (1u << 30) : len;
		z.avail_in = (uInt)chunk;
		len -= chunk;
		flush = len ? Z_NO_FLUSH : Z_FINISH;
		do {
			z.next_out = out;
			z.avail_out = sizeof(out);
			rc = deflate(&z, flush);
			total += sizeof(out) - z.avail_out;
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH && rc != Z_STREAM_ERROR);
	deflateEnd(&z);
	return total;
}

int tl_level_rank(const char *level)
{
	if (level && !strcmp(level, "error"))
		return 2;
	if (level && !strcmp(level, "note"))
		return 0;
	return 1;
}

int tl_security_rank(const char *s)
{
	if (!s || !*s)
		return 0;
	double v = strtod(s, NULL);
	return v > 0 ? (int)(v * 10 + 0.5) : 0;
}
