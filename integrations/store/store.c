/*
 * store.c - opening the database: folder, file, pragmas (SQLite) or a
 * connection (PostgreSQL, store_pg.c); schema version and migrations.
 */
#include "store_int.h"
#include "store_pg.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"
#include "../common/fileio.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tl_store_is_url(const char *path)
{
	return tl_pg_is_url(path);
}

int tl_store_schema_version(void)
{
	return tl_migration_count;
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
	if ((rc = tl_db_begin_write(s, err)))
		return rc;
	if ((rc = tl_db_schema_version(s, &v, err)))
		goto fail;
	if (v < 0 || v > tl_migration_count) {
		rc = unknown_version(s, v, err);
		goto fail;
	}
	for (; v < target; v++)
		if ((rc = tl_db_migrate_one(s, v, err)) ||
		    (rc = tl_db_set_schema_version(s, v + 1, err)))
			goto fail;
	return tl_db_exec(s, "COMMIT", err);
fail:
	tl_db_exec_quiet(s, "ROLLBACK");
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

int tl_busy_timeout_ms(void)
{
	const char *e = getenv("TASKLEAK_BUSY_TIMEOUT_MS");
	int ms = e ? atoi(e) : 0;
	return ms > 0 ? ms : 60000;
}

/* One attempt at "PRAGMA journal_mode = WAL": SQLite's result code. */
static int try_wal(struct tl_store *s)
{
	sqlite3_stmt *st;
	int e = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
	if (e == SQLITE_OK && (e = sqlite3_step(st)) == SQLITE_ROW)
		e = SQLITE_OK;
	sqlite3_finalize(st);
	return e;
}

/*
 * Switching to WAL needs an exclusive lock, and SQLite does not always
 * wait for it: when several imports open a new database at once, all but
 * one may get SQLITE_BUSY. Retry until the busy timeout; a database that
 * another process switched meanwhile answers "wal" at once.
 */
static int set_wal(struct tl_store *s, char **err)
{
	int waited = 0;
	for (;;) {
		int e = try_wal(s);
		if (e == SQLITE_OK) /* a file system without WAL keeps its mode */
			return TL_OK;
		if ((e != SQLITE_BUSY && e != SQLITE_LOCKED) ||
		    waited >= tl_busy_timeout_ms())
			return tl_db_fail(s, "cannot switch to WAL mode", err);
		sqlite3_sleep(20);
		waited += 20;
	}
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
			sqlite3_busy_timeout(s->db, tl_busy_timeout_ms());
			if (tl_db_schema_version(s, v, NULL) == TL_OK)
				return TL_OK;
		}
	}
	return TL_E_DB;
}

/* The file: made (with its folder) when missing and flags allow. */
static int check_file(struct tl_store *s, int flags, char **err)
{
	struct stat st;
	if (stat(s->path, &st) != 0) {
		if (!(flags & TL_STORE_CREATE))
			return tl_error(err, TL_E_DB, "%s: no findings database here "
					"(run 'taskleak scan' or 'taskleak import' first)", s->path);
		int rc = make_parent(s, err);
		s->created = !rc;
		return rc;
	}
	if (S_ISDIR(st.st_mode))
		return tl_error(err, TL_E_DB, "%s: is a folder, not a database file", s->path);
	return TL_OK;
}

/* Opens the SQLite file; *v gets its schema version. */
static int open_sqlite(struct tl_store *s, int flags, int *v, char **err)
{
	int rc = check_file(s, flags, err);
	if (rc)
		return rc;
	int oflags = SQLITE_OPEN_READWRITE | (s->created ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(s->path, &s->db, oflags, NULL) != SQLITE_OK)
		return s->db ? tl_db_fail(s, "cannot open the database", err)
			     : tl_error(err, TL_E_NOMEM, "%s: out of memory", s->path);
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, tl_busy_timeout_ms());
	rc = tl_db_schema_version(s, v, err); /* also: is it SQLite at all */
	if (rc && !(flags & (TL_STORE_CREATE | TL_STORE_WRITE)) &&
	    sqlite3_errcode(s->db) != SQLITE_NOTADB && reopen_read_only(s, v) == TL_OK) {
		if (err) {
			free(*err);
			*err = NULL;
		}
		rc = TL_OK;
	}
	return rc;
}

/* Pragmas, once the schema version is known to be ours. */
static int tune_sqlite(struct tl_store *s, int flags, char **err)
{
	int rc;
	if ((flags & TL_STORE_WRITE) && sqlite3_db_readonly(s->db, "main"))
		return tl_error(err, TL_E_DB, "%s: database is read-only", s->path);
	/* a run's transaction touches random pages of the fingerprint index:
	 * give it a cache large enough to keep them (pages are allocated only
	 * as used) */
	if (!sqlite3_db_readonly(s->db, "main") &&
	    ((rc = set_wal(s, err)) ||
	     (rc = tl_db_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; "
			      "PRAGMA temp_store = MEMORY", err))))
		return rc;
	return tl_db_exec(s, "PRAGMA foreign_keys = ON", err);
}

int tl_store_open(const char *path, int flags, struct tl_store **out, char **err)
{
	struct tl_store *s = xcalloc(1, sizeof(*s));
	int pg = tl_pg_is_url(path), v = 0;
	s->path = pg ? tl_pg_redact(path) : xstrdup(path);
	*out = NULL;
	int rc = pg ? tl_pg_connect(s, path, err) : open_sqlite(s, flags, &v, err);
	if (!rc && pg)
		rc = tl_db_schema_version(s, &v, err);
	if (!rc && (v < 0 || v > tl_migration_count))
		rc = unknown_version(s, v, err);
	if (!rc && !pg)
		rc = tune_sqlite(s, flags, err);
	if (!rc && v < tl_migration_count)
		rc = tl_store_migrate(s, tl_migration_count, err);
	if (rc) {
		tl_store_close(s); /* never unlinked, even if made here: see store.h */
		return rc;
	}
	*out = s;
	return TL_OK;
}

void tl_store_close(struct tl_store *s)
{
	if (!s)
		return;
	if (s->db)
		sqlite3_close_v2(s->db);
	tl_pg_close(s);
	free(s->path);
	free(s);
}
