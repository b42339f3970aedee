/* pg_ceiling.h - raw PostgreSQL write ceilings for import_bench --pg
 * (pg_ceiling.c): seconds to store n generated rows into the empty
 * database at url. */
#ifndef TL_PG_CEILING_H
#define TL_PG_CEILING_H

double pg_raw_prepared(const char *url, long n);
double pg_raw_copy(const char *url, long n);

#endif
