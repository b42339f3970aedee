/*
 * store_copy.c - copying every table of one store into another
 * (store_copy.h). Both are at the current schema version (opening a store
 * migrates it), so their tables have the same columns; the statements are
 * built from the source's column names.
 */
#include "store_copy.h"
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdlib.h>
#include <string.h>

/* Parents before children, so every reference finds its row. */
static const struct {
	const char *table, *order;
} tables[] = {
	{ "runs", "id" },
	{ "files", "id" },
	{ "findings", "id" },
	{ "occurrences", "run_id, finding_id" },
	{ "triage_events", "id" },
	{ "runtime_leaks", "run_id, finding_id, file, line" },
};

/* INSERT INTO table(the row's columns) VALUES (?1, ...). */
static int prepare_insert(struct tl_store *dst, const char *table, struct tl_stmt *row,
			  struct tl_stmt **ins, char **err)
{
	struct strbuf q;
	int n = tl_col_count(row);
	sb_init(&q);
	sb_addf(&q, "INSERT INTO %s(", table);
	for (int i = 0; i < n; i++)
		sb_addf(&q, "%s%s", i ? ", " : "", tl_col_name(row, i));
	sb_adds(&q, ") VALUES (");
	for (int i = 0; i < n; i++)
		sb_addf(&q, "%s?%d", i ? ", " : "", i + 1);
	sb_addc(&q, ')');
	int rc = tl_db_prepare(dst, q.buf, ins, err);
	sb_release(&q);
	return rc;
}

/* One row: every column as the source spells it (text or NULL). */
static int copy_row(struct tl_store *dst, struct tl_stmt *row, struct tl_stmt *ins, char **err)
{
	int b = 0;
	for (int i = 0; i < tl_col_count(row); i++)
		b |= tl_bind_text(ins, i + 1, tl_col_text(row, i));
	if (b)
		return tl_db_fail(dst, "cannot bind a copied value", err);
	int step = tl_step(ins);
	tl_reset(ins);
	return step == TL_STEP_DONE ? TL_OK : tl_db_fail(dst, "cannot copy a row", err);
}

static int copy_table(struct tl_store *src, struct tl_store *dst, int t, long *count, char **err)
{
	struct tl_stmt *row, *ins = NULL;
	struct strbuf q;
	sb_init(&q);
	sb_addf(&q, "SELECT * FROM %s ORDER BY %s", tables[t].table, tables[t].order);
	int rc = tl_db_prepare(src, q.buf, &row, err), step;
	sb_release(&q);
	if (rc)
		return rc;
	while ((step = tl_step(row)) == TL_STEP_ROW) {
		if (!ins && (rc = prepare_insert(dst, tables[t].table, row, &ins, err)))
			break;
		if ((rc = copy_row(dst, row, ins, err)))
			break;
		(*count)++;
	}
	if (!rc && step != TL_STEP_DONE)
		rc = tl_db_fail(src, "cannot read the store to copy", err);
	tl_finalize(ins);
	tl_finalize(row);
	return rc;
}

static int target_empty(struct tl_store *dst, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(dst, "SELECT (SELECT count(*) FROM runs) + "
			       "(SELECT count(*) FROM findings)", &st, err);
	if (rc)
		return rc;
	int step = tl_step(st);
	long n = step == TL_STEP_ROW ? (long)tl_col_int64(st, 0) : 0;
	tl_finalize(st);
	if (step != TL_STEP_ROW)
		return tl_db_fail(dst, "cannot read runs", err);
	if (n)
		return tl_error(err, TL_E_USAGE, "%s: not empty: a whole store is copied only into "
				"a new database", dst->path);
	return TL_OK;
}

int tl_store_copy(struct tl_store *src, struct tl_store *dst, struct tl_copy_counts *n,
		  char **err)
{
	long *counts[] = { &n->runs, &n->files, &n->findings, &n->occurrences,
			   &n->triage_events, &n->runtime_leaks };
	int rc;
	memset(n, 0, sizeof(*n));
	tl_db_foreign_keys(dst, 0); /* SQLite: rows arrive parents first anyway */
	if ((rc = tl_db_begin_read(src, err)))
		return rc;
	if ((rc = tl_db_begin_write(dst, err))) {
		tl_db_exec_quiet(src, "ROLLBACK");
		return rc;
	}
	rc = target_empty(dst, err);
	for (int t = 0; t < (int)(sizeof(tables) / sizeof(tables[0])) && !rc; t++)
		rc = copy_table(src, dst, t, counts[t], err);
	if (!rc)
		rc = tl_db_ids_copied(dst, err);
	tl_db_exec_quiet(src, "ROLLBACK");
	if (!rc)
		rc = tl_db_exec(dst, "COMMIT", err);
	else
		tl_db_exec_quiet(dst, "ROLLBACK");
	tl_db_foreign_keys(dst, 1);
	return rc;
}
