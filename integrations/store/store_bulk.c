/*
 * store_bulk.c - rows appended in bulk (store_db.h): a prepared INSERT per
 * row on SQLite, COPY FROM STDIN on PostgreSQL.
 *
 * Why COPY: over a socket every statement whose result is waited for is a
 * round trip, and even pipelined statements each cost the server a bind
 * and an executor run; COPY takes a stream of rows as one statement, the
 * fastest PostgreSQL takes rows at all (bench/pg_ceiling.c measures it).
 */
#include "store_db.h"
#include "store_int.h"
#include "store_pg.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tl_bulk {
	struct tl_store *s;
	struct tl_stmt *ins; /* SQLite */
	int ncols, bind_rc;
	char *copy;          /* PostgreSQL: "COPY table(cols) FROM STDIN" */
	char **vals;         /* this row's values, NULL for NULL */
	struct strbuf rows;  /* COPY text of the rows kept */
};

int tl_bulk_open(struct tl_store *s, const char *cols, int ncols, struct tl_bulk **out, char **err)
{
	struct tl_bulk *b = xcalloc(1, sizeof(*b));
	struct strbuf q;
	b->s = s;
	b->ncols = ncols;
	sb_init(&b->rows);
	sb_init(&q);
	*out = NULL;
	if (s->pg) {
		sb_addf(&q, "COPY %s FROM STDIN", cols);
		b->copy = sb_detach(&q);
		b->vals = xcalloc((size_t)ncols, sizeof(*b->vals));
		*out = b;
		return TL_OK;
	}
	sb_addf(&q, "INSERT INTO %s VALUES (", cols);
	for (int i = 1; i <= ncols; i++)
		sb_addf(&q, i > 1 ? ", ?%d" : "?%d", i);
	sb_addc(&q, ')');
	int rc = tl_db_prepare(s, q.buf, &b->ins, err);
	sb_release(&q);
	if (rc) {
		tl_bulk_free(b);
		return rc;
	}
	*out = b;
	return TL_OK;
}

void tl_bulk_text(struct tl_bulk *b, int i, const char *v)
{
	if (b->ins) {
		int rc = tl_bind_text(b->ins, i, v);
		if (rc && !b->bind_rc)
			b->bind_rc = rc;
		return;
	}
	free(b->vals[i - 1]);
	b->vals[i - 1] = v ? xstrdup(v) : NULL;
}

void tl_bulk_int64(struct tl_bulk *b, int i, int64_t v)
{
	char buf[24];
	if (b->ins) {
		int rc = tl_bind_int64(b->ins, i, v);
		if (rc && !b->bind_rc)
			b->bind_rc = rc;
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	tl_bulk_text(b, i, buf);
}

/* A value in COPY's text format: backslash escapes, \N for NULL. */
static void copy_value(struct strbuf *out, const char *v)
{
	if (!v) {
		sb_adds(out, "\\N");
		return;
	}
	for (; *v; v++) {
		switch (*v) {
		case '\\': sb_adds(out, "\\\\"); break;
		case '\t': sb_adds(out, "\\t"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		default: sb_addc(out, *v);
		}
	}
}

int tl_bulk_row(struct tl_bulk *b)
{
	if (b->ins) {
		int rc = b->bind_rc ? b->bind_rc : tl_step(b->ins);
		b->bind_rc = 0;
		tl_reset(b->ins);
		return rc;
	}
	for (int i = 0; i < b->ncols; i++) {
		if (i)
			sb_addc(&b->rows, '\t');
		copy_value(&b->rows, b->vals[i]);
	}
	sb_addc(&b->rows, '\n');
	return 0;
}

size_t tl_bulk_kept(const struct tl_bulk *b)
{
	return b->rows.len;
}

int tl_bulk_flush(struct tl_bulk *b)
{
	if (b->ins || !b->rows.len)
		return 0;
	int rc = tl_pg_copy(b->s, b->copy, b->rows.buf, b->rows.len);
	sb_reset(&b->rows);
	return rc;
}

void tl_bulk_free(struct tl_bulk *b)
{
	if (!b)
		return;
	tl_finalize(b->ins);
	for (int i = 0; b->vals && i < b->ncols; i++)
		free(b->vals[i]);
	free(b->vals);
	free(b->copy);
	sb_release(&b->rows);
	free(b);
}
