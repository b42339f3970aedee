/*
 * sha256.h - SHA-256 (FIPS 180-4), used for finding fingerprints.
 * Written for taskleak; checked against the FIPS test vectors in
 * tests/test_fingerprint.c.
 */
#ifndef TL_SHA256_H
#define TL_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];     /* chaining state */
	uint64_t total;    /* bytes hashed so far */
	uint8_t block[64]; /* pending partial block */
	size_t used;       /* bytes in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, uint8_t out[32]);
/* Writes the 64 hex digits and a NUL to hex. */
void sha256_hex(struct sha256 *c, char hex[65]);

#endif
