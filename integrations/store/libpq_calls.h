/*
 * libpq_calls.h - makes the PostgreSQL backend's PQ*() calls go through
 * the table of libpq_table.h. Include it after <libpq-fe.h> in the files
 * that call libpq (never in libpq_load.c, which fills the table by these
 * names).
 */
#ifndef TL_LIBPQ_CALLS_H
#define TL_LIBPQ_CALLS_H

#include "libpq_table.h"

#define PQclear                  tl_libpq.PQclear
#define PQcmdTuples              tl_libpq.PQcmdTuples
#define PQconnectdb              tl_libpq.PQconnectdb
#define PQconninfo               tl_libpq.PQconninfo
#define PQconninfoFree           tl_libpq.PQconninfoFree
#define PQenterPipelineMode      tl_libpq.PQenterPipelineMode
#define PQerrorMessage           tl_libpq.PQerrorMessage
#define PQexec                   tl_libpq.PQexec
#define PQexecParams             tl_libpq.PQexecParams
#define PQexecPrepared           tl_libpq.PQexecPrepared
#define PQexitPipelineMode       tl_libpq.PQexitPipelineMode
#define PQfinish                 tl_libpq.PQfinish
#define PQfname                  tl_libpq.PQfname
#define PQgetResult              tl_libpq.PQgetResult
#define PQgetisnull              tl_libpq.PQgetisnull
#define PQgetvalue               tl_libpq.PQgetvalue
#define PQnfields                tl_libpq.PQnfields
#define PQntuples                tl_libpq.PQntuples
#define PQpipelineSync           tl_libpq.PQpipelineSync
#define PQprepare                tl_libpq.PQprepare
#define PQputCopyData            tl_libpq.PQputCopyData
#define PQputCopyEnd             tl_libpq.PQputCopyEnd
#define PQresultErrorField       tl_libpq.PQresultErrorField
#define PQresultStatus           tl_libpq.PQresultStatus
#define PQsendQueryParams        tl_libpq.PQsendQueryParams
#define PQsendQueryPrepared      tl_libpq.PQsendQueryPrepared
#define PQsetNoticeProcessor     tl_libpq.PQsetNoticeProcessor
#define PQstatus                 tl_libpq.PQstatus
#define PQtransactionStatus      tl_libpq.PQtransactionStatus

#endif
