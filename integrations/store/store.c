/*
 * store.c - opening the database: folder, file, pragmas, schema version.
 */
#include "store_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"
#include "../common/fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tl_store_schema_version(void)
{
	return tl_migration_count;
}

int tl_db_fail(struct tl_store *s, const char *what, char **err)
{
	int code = sqlite3_errcode(s->db);
	const char *why = sqlite3_errmsg(s->db);
	if (code == SQLITE_NOTADB)
		return tl_error(err, TL_E_DB, "%s: not a SQLite database", s->path);
	if (code == SQLITE_READONLY)
		return tl_error(err, TL_E_DB, "%s: database is read-only (%s)", s->path, what);
	return tl_error(err, TL_E_DB, "%s: %s: %s", s->path, what, why);
}

int tl_db_bound(struct tl_store *s, sqlite3_stmt *st, int bind_rc, char **err)
{
	if (bind_rc == SQLITE_OK)
		return TL_OK;
	int rc = tl_db_fail(s, "cannot bind a query parameter", err);
	sqlite3_finalize(st);
	return rc;
}

int tl_db_exec(struct tl_store *s, const char *sql, char **err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return tl_db_fail(s, "cannot update the database", err);
	return TL_OK;
}

int tl_db_prepare(struct tl_store *s, const char *sql, sqlite3_stmt **st, char **err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return tl_db_fail(s, "cannot read the database", err);
	return TL_OK;
}

const char *tl_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int user_version(struct tl_store *s, int *v, char **err)
{
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

/* A version this build cannot migrate from: newer than the newest, or
 * below 0 (PRAGMA user_version is any 32-bit value; a negative one would
 * index the migrations array backwards). The file is left untouched. */
static int unknown_version(struct tl_store *s, int v, char **err)
{
	if (v < 0)
		return tl_error(err, TL_E_DB,
				"%s: database schema version %d is not a taskleak database "
				"this version knows", s->path, v);
	return tl_error(err, TL_E_DB,
			"%s: database schema version %d is newer than this taskleak supports (%d); "
			"upgrade taskleak", s->path, v, tl_migration_count);
}

int tl_store_migrate(struct tl_store *s, int target, char **err)
{
	int v, rc;
	if (target > tl_migration_count)
		target = tl_migration_count;
	if ((rc = tl_db_exec(s, "BEGIN IMMEDIATE", err)))
		return rc;
	if ((rc = user_version(s, &v, err)))
		goto fail;
	if (v < 0 || v > tl_migration_count) {
		rc = unknown_version(s, v, err);
		goto fail;
	}
	for (; v < target; v++) {
		if (sqlite3_exec(s->db, tl_migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];
			snprintf(what, sizeof(what), "migration to schema version %d failed", v + 1);
			rc = tl_db_fail(s, what, err);
			goto fail;
		}
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = tl_db_exec(s, sql, err)))
			goto fail;
	}
	return tl_db_exec(s, "COMMIT", err);
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int make_parent(struct tl_store *s, char **err)
{
	char *dir = tl_dirname(s->path);
	int rc = TL_OK;
	if (!tl_is_dir(dir)) {
		if (mkdir(dir, 0777) == 0)
			s->created_dir = 1;
		else if (errno != EEXIST)
			rc = tl_error_errno(err, TL_E_DB, "%s: cannot create the database folder '%s'",
					    s->path, dir);
	}
	free(dir);
	return rc;
}

static int busy_timeout_ms(void)
{
	const char *e = getenv("TASKLEAK_BUSY_TIMEOUT_MS");
	int ms = e ? atoi(e) : 0;
	return ms > 0 ? ms : 60000;
}

static int set_wal(struct tl_store *s, char **err)
{
	sqlite3_stmt *st;
	int rc = tl_db_prepare(s, "PRAGMA journal_mode", &st, err);
	if (rc)
		return rc;
	int wal = sqlite3_step(st) == SQLITE_ROW && !strcmp(tl_col_text(st, 0), "wal");
	sqlite3_finalize(st);
	if (wal)
		return TL_OK;
	if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		return tl_db_fail(s, "cannot switch to WAL mode", err);
	return TL_OK;
}

/* "file:" URI for path with query parameters; '%', '?' and '#' escaped. */
static char *file_uri(const char *path, const char *query)
{
	struct strbuf u;
	sb_init(&u);
	sb_adds(&u, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_addf(&u, "%%%02X", (unsigned char)*p);
		else
			sb_addc(&u, *p);
	}
	sb_addf(&u, "?%s", query);
	return u.buf; /* handed to the caller */
}

/*
 * A WAL database cannot be read where its folder is not writable (a CI
 * cache mounted read-only): the reader must create the -shm file. For
 * commands that only read, retry read-only, then, if the folder cannot be
 * written (so no writer can be at work there), as immutable. On success
 * s->db is the new connection and *v the schema version.
 */
static int reopen_read_only(struct tl_store *s, int *v)
{
	char *dir = tl_dirname(s->path);
	int dir_ro = access(dir, W_OK) != 0;
	free(dir);
	static const char *const modes[] = { "mode=ro", "mode=ro&immutable=1" };
	for (int i = 0; i < 2; i++) {
		if (i == 1 && !dir_ro)
			break;
		char *uri = file_uri(s->path, modes[i]);
		sqlite3_close_v2(s->db);
		s->db = NULL;
		int ok = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) ==
			 SQLITE_OK;
		free(uri);
		if (ok) {
			sqlite3_extended_result_codes(s->db, 0);
			sqlite3_busy_timeout(s->db, busy_timeout_ms());
			if (user_version(s, v, NULL) == TL_OK)
				return TL_OK;
		}
	}
	return TL_E_DB;
}

int tl_store_open(const char *path, int flags, struct tl_store **out, char **err)
{
	struct tl_store *s = xcalloc(1, sizeof(*s));
	int rc = TL_OK, v = 0;
	struct stat st;
	s->path = xstrdup(path);
	*out = NULL;
	if (stat(path, &st) != 0) {
		if (!(flags & TL_STORE_CREATE)) {
			rc = tl_error(err, TL_E_DB, "%s: no findings database here "
				      "(run 'taskleak scan' or 'taskleak import' first)", path);
			goto fail;
		}
		if ((rc = make_parent(s, err)))
			goto fail;
		s->created = 1;
	} else if (S_ISDIR(st.st_mode)) {
		rc = tl_error(err, TL_E_DB, "%s: is a folder, not a database file", path);
		goto fail;
	}
	int oflags = SQLITE_OPEN_READWRITE | (s->created ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		rc = s->db ? tl_db_fail(s, "cannot open the database", err)
			   : tl_error(err, TL_E_NOMEM, "%s: out of memory", path);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, busy_timeout_ms());
	rc = user_version(s, &v, err); /* also: is it SQLite at all */
	if (rc && !(flags & (TL_STORE_CREATE | TL_STORE_WRITE)) &&
	    sqlite3_errcode(s->db) != SQLITE_NOTADB && reopen_read_only(s, &v) == TL_OK) {
		if (err) {
			free(*err);
			*err = NULL;
		}
		rc = TL_OK;
	}
	if (rc)
		goto fail;
	if (v < 0 || v > tl_migration_count) {
		rc = unknown_version(s, v, err);
		goto fail;
	}
	if ((flags & TL_STORE_WRITE) && sqlite3_db_readonly(s->db, "main")) {
		rc = tl_error(err, TL_E_DB, "%s: database is read-only", path);
		goto fail;
	}
	if (!sqlite3_db_readonly(s->db, "main")) {
		/* a run's transaction touches random pages of the fingerprint
		 * index: give it a cache large enough to keep them (pages are
		 * allocated only as used) */
		if ((rc = set_wal(s, err)) ||
		    (rc = tl_db_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; "
				     "PRAGMA temp_store = MEMORY", err)))
			goto fail;
	}
	if ((rc = tl_db_exec(s, "PRAGMA foreign_keys = ON", err)))
		goto fail;
	if (v < tl_migration_count && (rc = tl_store_migrate(s, tl_migration_count, err)))
		goto fail;
	*out = s;
	return TL_OK;
fail:
	tl_store_close(s); /* never unlinked, even if made here: see store.h */
	return rc;
}

void tl_store_close(struct tl_store *s)
{
	if (!s)
		return;
	if (s->db)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}
