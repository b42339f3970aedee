/*
 * shard.c - stable assignment of translation units to shards (shard.h).
 */
#include "shard.h"
#include "../common/sha256.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int tl_shard_parse(const char *text, struct tl_shard *out, char **err)
{
	char *end;
	memset(out, 0, sizeof(*out));
	long i = strtol(text, &end, 10);
	if (end == text || *end != '/')
		goto bad;
	const char *n_text = end + 1;
	long n = strtol(n_text, &end, 10);
	if (end == n_text || *end || i < 1 || n < 1 || i > n || n > TL_SHARD_MAX)
		goto bad;
	out->index = (int)i;
	out->count = (int)n;
	return TL_OK;
bad:
	return tl_error(err, TL_E_USAGE, "--shard takes I/N with 1 <= I <= N <= %d, not '%s'",
			TL_SHARD_MAX, text);
}

int tl_shard_of(const char *rel, int count)
{
	struct sha256 c;
	uint8_t h[32];
	uint64_t v = 0;
	sha256_init(&c);
	sha256_update(&c, rel, strlen(rel));
	sha256_final(&c, h);
	for (int i = 0; i < 8; i++)
		v = v << 8 | h[i];
	return 1 + (int)(v % (uint64_t)count);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_tu(struct tl_tu *tu)
{
	free(tu->directory);
	free(tu->file);
	tl_argv_free(tu->args, tu->nargs);
}

void tl_shard_select(struct tl_compdb *db, struct tl_paths *paths, struct tl_shard *sh)
{
	char **rel = xcalloc(db->n ? db->n : 1, sizeof(*rel));
	size_t kept = 0;
	for (size_t i = 0; i < db->n; i++)
		rel[i] = tl_paths_resolve(paths, db->v[i].directory, db->v[i].file)->rel;
	struct sha256 c;
	char **sorted = xcalloc(db->n ? db->n : 1, sizeof(*sorted));
	memcpy(sorted, rel, db->n * sizeof(*rel));
	qsort(sorted, db->n, sizeof(*sorted), cmp_str);
	sha256_init(&c);
	for (size_t i = 0; i < db->n; i++)
		sha256_update(&c, sorted[i], strlen(sorted[i]) + 1); /* with its NUL */
	sha256_hex(&c, sh->units_hash);
	free(sorted);
	sh->units_total = (long)db->n;
	for (size_t i = 0; i < db->n; i++) {
		if (sh->count && tl_shard_of(rel[i], sh->count) != sh->index)
			free_tu(&db->v[i]);
		else
			db->v[kept++] = db->v[i];
	}
	db->n = kept;
	sh->units = (long)kept;
	free(rel);
}
