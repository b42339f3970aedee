/*
 * libpq_table.h - the libpq functions the PostgreSQL backend calls,
 * reached through one table filled by dlopen (libpq_load.c) when a store
 * is a PostgreSQL URL, instead of linked.
 *
 * Why: linking libpq makes every `taskleak` start load it and what it
 * brings (OpenSSL, GnuTLS, Kerberos, LDAP: 25 shared objects, ~8 ms of
 * CPU), although only a PostgreSQL store uses it; list and diff have
 * 50 ms in all. The backend's sources keep calling PQ*() by name:
 * libpq_calls.h turns each name into a call through this table. A
 * function missing from TL_LIBPQ_FUNCTIONS fails to link (nothing
 * provides it), so the list cannot fall behind the code. The same way as
 * libclang for the inference (infer/libclang_table.h).
 */
#ifndef TL_LIBPQ_TABLE_H
#define TL_LIBPQ_TABLE_H

#include <libpq-fe.h>

#include <stdbool.h>

/* X(name) for each function called (see the file comment). */
#define TL_LIBPQ_FUNCTIONS(X) \
	X(PQclear) \
	X(PQcmdTuples) \
	X(PQconnectdb) \
	X(PQconninfo) \
	X(PQconninfoFree) \
	X(PQenterPipelineMode) \
	X(PQerrorMessage) \
	X(PQexec) \
	X(PQexecParams) \
	X(PQexecPrepared) \
	X(PQexitPipelineMode) \
	X(PQfinish) \
	X(PQfname) \
	X(PQgetResult) \
	X(PQgetisnull) \
	X(PQgetvalue) \
	X(PQnfields) \
	X(PQntuples) \
	X(PQpipelineSync) \
	X(PQprepare) \
	X(PQputCopyData) \
	X(PQputCopyEnd) \
	X(PQresultErrorField) \
	X(PQresultStatus) \
	X(PQsendQueryParams) \
	X(PQsendQueryPrepared) \
	X(PQsetNoticeProcessor) \
	X(PQstatus) \
	X(PQtransactionStatus)

#define TL_LIBPQ_POINTER(name) __typeof__(name) *name;
struct tl_libpq {
	TL_LIBPQ_FUNCTIONS(TL_LIBPQ_POINTER)
	bool loaded; /* every pointer above is set */
};
#undef TL_LIBPQ_POINTER

/* The table; all null until tl_libpq_load() succeeds. */
extern struct tl_libpq tl_libpq;

/* Opens library (TL_LIBPQ_SONAME in the build) and fills the table, the
 * first time only. TL_OK, or TL_E_DB with one line naming the library and
 * what is wrong (not found, or a function missing); the table stays empty
 * then. */
int tl_libpq_load(const char *library, char **err);

#endif
