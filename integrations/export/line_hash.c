/*
 * line_hash.c - primaryLocationLineHash (see line_hash.h), a port of the
 * rolling hash in github/codeql-action src/fingerprints.ts. The names of
 * the steps follow that file: processCharacter, updateHash, outputHash.
 */
#include "line_hash.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 100
#define MOD 37u
#define END_OF_FILE 65535u

/* How often each hash value was output: an open-addressing set of
 * (value, count) pairs, grown at half full. */
struct counts {
	uint64_t *keys;
	uint32_t *n;     /* 0 marks an empty slot */
	size_t cap, used;
};

static uint32_t *count_slot(struct counts *c, uint64_t key);

static void counts_grow(struct counts *c)
{
	struct counts old = *c;
	c->cap = old.cap ? old.cap * 2 : 256;
	c->keys = xcalloc(c->cap, sizeof(*c->keys));
	c->n = xcalloc(c->cap, sizeof(*c->n));
	c->used = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.n[i])
			*count_slot(c, old.keys[i]) = old.n[i];
	free(old.keys);
	free(old.n);
}

static uint32_t *count_slot(struct counts *c, uint64_t key)
{
	if ((c->used + 1) * 2 > c->cap)
		counts_grow(c);
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (c->cap - 1);
	while (c->n[i] && c->keys[i] != key)
		i = (i + 1) & (c->cap - 1);
	if (!c->n[i]) {
		c->keys[i] = key;
		c->used++;
	}
	return &c->n[i];
}

struct hasher {
	uint32_t window[BLOCK_SIZE]; /* the last BLOCK_SIZE characters */
	long line_at[BLOCK_SIZE];   /* line starting at that character, or -1 */
	uint64_t hash, first_mod;   /* first_mod = MOD^BLOCK_SIZE */
	size_t index;               /* next slot of the window */
	long line;                  /* lines started so far */
	int line_start, prev_cr;
	struct counts counts;
	struct tl_line_hashes *out;
	size_t alloc;
};

static void output_hash(struct hasher *h)
{
	long line = h->line_at[h->index];
	uint32_t *n = count_slot(&h->counts, h->hash);
	++*n;
	if ((size_t)line > h->alloc) {
		while ((size_t)line > h->alloc)
			h->alloc = h->alloc ? h->alloc * 2 : 64;
		h->out->v = xrealloc(h->out->v, h->alloc * sizeof(*h->out->v));
	}
	while (h->out->n < (size_t)line)
		h->out->v[h->out->n++][0] = '\0';
	snprintf(h->out->v[line - 1], TL_LINE_HASH_MAX, "%" PRIx64 ":%" PRIu32, h->hash, *n);
	h->line_at[h->index] = -1;
}

static void update_hash(struct hasher *h, uint32_t c)
{
	uint32_t begin = h->window[h->index];
	h->window[h->index] = c;
	h->hash = MOD * h->hash + c - h->first_mod * begin; /* wraps like Long */
	h->index = (h->index + 1) % BLOCK_SIZE;
}

static void process_character(struct hasher *h, uint32_t c)
{
	if (c == ' ' || c == '\t' || (h->prev_cr && c == '\n')) {
		h->prev_cr = 0;
		return;
	}
	h->prev_cr = c == '\r';
	if (c == '\r')
		c = '\n';
	if (h->line_at[h->index] != -1)
		output_hash(h);
	if (h->line_start) {
		h->line_start = 0;
		h->line_at[h->index] = ++h->line;
	}
	if (c == '\n')
		h->line_start = 1;
	update_hash(h, c);
}

static void emit_code_point(struct hasher *h, uint32_t cp)
{
	if (cp < 0x10000) {
		process_character(h, cp);
	} else {
		cp -= 0x10000;
		process_character(h, 0xD800 + (cp >> 10));
		process_character(h, 0xDC00 + (cp & 0x3FF));
	}
}

/* The WHATWG UTF-8 decoder (what Node uses): each maximal invalid
 * subsequence becomes one U+FFFD. */
static void decode_utf8(struct hasher *h, const unsigned char *s, size_t len)
{
	uint32_t cp = 0;
	int needed = 0, seen = 0;
	unsigned char lower = 0x80, upper = 0xBF;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = s[i];
		if (!needed) {
			if (b < 0x80) {
				emit_code_point(h, b);
			} else if (b >= 0xC2 && b <= 0xDF) {
				needed = 1;
				cp = b & 0x1F;
			} else if (b >= 0xE0 && b <= 0xEF) {
				if (b == 0xE0)
					lower = 0xA0;
				if (b == 0xED)
					upper = 0x9F;
				needed = 2;
				cp = b & 0xF;
			} else if (b >= 0xF0 && b <= 0xF4) {
				if (b == 0xF0)
					lower = 0x90;
				if (b == 0xF4)
					upper = 0x8F;
				needed = 3;
				cp = b & 0x7;
			} else {
				emit_code_point(h, 0xFFFD);
			}
			continue;
		}
		if (b < lower || b > upper) {
			cp = 0;
			needed = seen = 0;
			lower = 0x80;
			upper = 0xBF;
			emit_code_point(h, 0xFFFD);
			i--; /* the byte starts over */
			continue;
		}
		lower = 0x80;
		upper = 0xBF;
		cp = (cp << 6) | (b & 0x3F);
		if (++seen == needed) {
			emit_code_point(h, cp);
			cp = 0;
			needed = seen = 0;
		}
	}
	if (needed)
		emit_code_point(h, 0xFFFD);
}

void tl_line_hashes_compute(const char *buf, size_t len, struct tl_line_hashes *out)
{
	struct hasher *h = xcalloc(1, sizeof(*h));
	memset(out, 0, sizeof(*out));
	h->out = out;
	h->first_mod = 1;
	for (int i = 0; i < BLOCK_SIZE; i++) {
		h->first_mod *= MOD;
		h->line_at[i] = -1;
	}
	h->line_start = 1;
	decode_utf8(h, (const unsigned char *)buf, len);
	process_character(h, END_OF_FILE);
	/* flush the lines whose window the end of the file cut short */
	for (int i = 0; i < BLOCK_SIZE; i++) {
		if (h->line_at[h->index] != -1)
			output_hash(h);
		update_hash(h, 0);
	}
	free(h->counts.keys);
	free(h->counts.n);
	free(h);
}

int tl_line_hashes_file(const char *path, struct tl_line_hashes *out, char **err)
{
	char *buf;
	size_t len;
	int rc = tl_read_file(path, &buf, &len, err);
	if (rc) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	tl_line_hashes_compute(buf, len, out);
	free(buf);
	return TL_OK;
}

const char *tl_line_hash(const struct tl_line_hashes *h, int line)
{
	if (line < 1 || (size_t)line > h->n || !h->v[line - 1][0])
		return NULL;
	return h->v[line - 1];
}

void tl_line_hashes_free(struct tl_line_hashes *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}
