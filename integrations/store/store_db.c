/*
 * store_db.c - the statement interface (store_db.h): SQLite here, each
 * call handed to store_pg.c when the store is a PostgreSQL database.
 */
#include "store_db.h"
#include "store_int.h"
#include "store_pg.h"
#include "dialect.h"

#include <sqlite3.h>
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tl_db_fail(struct tl_store *s, const char *what, char **err)
{
	if (s->pg)
		return tl_error(err, TL_E_DB, "%s: %s: %s", s->path, what, tl_pg_error(s));
	int code = sqlite3_errcode(s->db);
	const char *why = sqlite3_errmsg(s->db);
	if (code == SQLITE_NOTADB)
		return tl_error(err, TL_E_DB, "%s: not a SQLite database", s->path);
	if (code == SQLITE_READONLY)
		return tl_error(err, TL_E_DB, "%s: database is read-only (%s)", s->path, what);
	return tl_error(err, TL_E_DB, "%s: %s: %s", s->path, what, why);
}

int tl_db_exec(struct tl_store *s, const char *sql, char **err)
{
	int ok = s->pg ? tl_pg_exec(s, sql, 0) == 0
		       : sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
	return ok ? TL_OK : tl_db_fail(s, "cannot update the database", err);
}

void tl_db_exec_quiet(struct tl_store *s, const char *sql)
{
	if (s->pg)
		tl_pg_exec(s, sql, 0);
	else
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

int tl_db_begin_write(struct tl_store *s, char **err)
{
	if (s->pg && tl_pg_begin_write(s))
		return tl_db_fail(s, "cannot begin a transaction", err);
	return s->pg ? TL_OK : tl_db_exec(s, "BEGIN IMMEDIATE", err);
}

int tl_db_begin_read(struct tl_store *s, char **err)
{
	return tl_db_exec(s, s->pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
			  err);
}

int tl_db_in_tx(struct tl_store *s)
{
	return s->pg ? tl_pg_in_tx(s) : !sqlite3_get_autocommit(s->db);
}

void tl_db_foreign_keys(struct tl_store *s, int on)
{
	if (!s->pg)
		sqlite3_exec(s->db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
			     NULL, NULL, NULL);
}

int64_t tl_db_last_id(struct tl_store *s)
{
	return s->pg ? s->last_id : sqlite3_last_insert_rowid(s->db);
}

int tl_db_changes(struct tl_store *s)
{
	return s->pg ? s->changes : sqlite3_changes(s->db);
}

int tl_db_prepare(struct tl_store *s, const char *sql, struct tl_stmt **out, char **err)
{
	struct tl_stmt *st = xcalloc(1, sizeof(*st));
	st->s = s;
	int ok = s->pg ? tl_pg_prepare(s, sql, st) == 0
		       : sqlite3_prepare_v2(s->db, sql, -1, &st->lite, NULL) == SQLITE_OK;
	*out = NULL;
	if (!ok) {
		int rc = tl_db_fail(s, "cannot read the database", err);
		tl_finalize(st);
		return rc;
	}
	*out = st;
	return TL_OK;
}

static int lite_rc(int rc)
{
	switch (rc) {
	case SQLITE_OK:
	case SQLITE_DONE:
		return TL_STEP_DONE;
	case SQLITE_ROW:
		return TL_STEP_ROW;
	case SQLITE_CONSTRAINT:
		return TL_STEP_CONSTRAINT;
	case SQLITE_TOOBIG:
		return TL_STEP_TOOBIG;
	default:
		return TL_STEP_FAIL;
	}
}

int tl_bind_text(struct tl_stmt *st, int i, const char *v)
{
	if (st->s->pg)
		return tl_pg_bind(st, i, v);
	return lite_rc(v ? sqlite3_bind_text(st->lite, i, v, -1, SQLITE_STATIC)
			 : sqlite3_bind_null(st->lite, i));
}

int tl_bind_int64(struct tl_stmt *st, int i, int64_t v)
{
	if (st->s->pg) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%lld", (long long)v);
		return tl_pg_bind(st, i, buf);
	}
	return lite_rc(sqlite3_bind_int64(st->lite, i, v));
}

int tl_db_bound(struct tl_store *s, struct tl_stmt *st, int bind_rc, char **err)
{
	if (bind_rc == 0)
		return TL_OK;
	int rc = tl_db_fail(s, "cannot bind a query parameter", err);
	tl_finalize(st);
	return rc;
}

int tl_step(struct tl_stmt *st)
{
	return st->s->pg ? tl_pg_step(st) : lite_rc(sqlite3_step(st->lite));
}

void tl_reset(struct tl_stmt *st)
{
	if (st->s->pg)
		tl_pg_reset(st);
	else
		sqlite3_reset(st->lite);
}

void tl_finalize(struct tl_stmt *st)
{
	if (!st)
		return;
	if (st->s->pg)
		tl_pg_finalize(st);
	else
		sqlite3_finalize(st->lite);
	free(st);
}

const char *tl_col_text(struct tl_stmt *st, int i)
{
	return st->s->pg ? tl_pg_col_text(st, i) : (const char *)sqlite3_column_text(st->lite, i);
}

int64_t tl_col_int64(struct tl_stmt *st, int i)
{
	if (!st->s->pg)
		return sqlite3_column_int64(st->lite, i);
	const char *v = tl_pg_col_text(st, i);
	return v ? strtoll(v, NULL, 10) : 0;
}

int tl_col_int(struct tl_stmt *st, int i)
{
	return (int)tl_col_int64(st, i);
}

int tl_col_null(struct tl_stmt *st, int i)
{
	return st->s->pg ? tl_pg_col_text(st, i) == NULL
			 : sqlite3_column_type(st->lite, i) == SQLITE_NULL;
}

int tl_col_count(struct tl_stmt *st)
{
	return st->s->pg ? tl_pg_col_count(st) : sqlite3_column_count(st->lite);
}

const char *tl_col_name(struct tl_stmt *st, int i)
{
	return st->s->pg ? tl_pg_col_name(st, i) : sqlite3_column_name(st->lite, i);
}

int tl_db_schema_version(struct tl_store *s, int *v, char **err)
{
	if (s->pg)
		return tl_pg_schema_version(s, v) ? tl_db_fail(s, "cannot read the schema version", err)
						  : TL_OK;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return tl_db_fail(s, "cannot read the schema version", err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return tl_db_fail(s, "cannot read the schema version", err);
	return TL_OK;
}

int tl_db_set_schema_version(struct tl_store *s, int v, char **err)
{
	if (s->pg)
		return tl_pg_set_schema_version(s, v) ? tl_db_fail(s, "cannot set the schema version",
								   err) : TL_OK;
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
	return tl_db_exec(s, sql, err);
}

int tl_db_migrate_one(struct tl_store *s, int n, char **err)
{
	int ok = s->pg ? tl_pg_exec(s, tl_migrations[n], 1) == 0
		       : sqlite3_exec(s->db, tl_migrations[n], NULL, NULL, NULL) == SQLITE_OK;
	if (ok)
		return TL_OK;
	char what[64];
	snprintf(what, sizeof(what), "migration to schema version %d failed", n + 1);
	return tl_db_fail(s, what, err);
}

char *tl_db_glob(struct tl_store *s, const char *glob)
{
	return s->pg ? tl_glob_to_regex(glob) : xstrdup(glob);
}

int tl_db_ids_copied(struct tl_store *s, char **err)
{
	if (s->pg && tl_pg_ids_copied(s))
		return tl_db_fail(s, "cannot advance the id sequences", err);
	return TL_OK;
}

int tl_db_analyze_grown(struct tl_store *s, char **err)
{
	if (s->pg && tl_pg_analyze_grown(s))
		return tl_db_fail(s, "cannot update the planner's statistics", err);
	return TL_OK;
}
