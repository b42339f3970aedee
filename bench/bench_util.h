/* bench_util.h - clocks, temporary folders and generated inputs shared by
 * the benchmarks. */
#ifndef TL_BENCH_UTIL_H
#define TL_BENCH_UTIL_H

#include <stddef.h>

double now_s(void);
/* CPU seconds (user + system) of this process so far, all threads. */
double cpu_s(void);
/* mkdtemp under $TMPDIR (or /tmp); exits on failure. */
char *bench_tmpdir(const char *tag);
void bench_rmtree(const char *dir);
/* Writes results first..first+count-1 as `files` SARIF files in dir;
 * returns the bytes written. */
size_t bench_gen(const char *dir, long first, long count, int files);
/* Stores every report file in dir as one run (what `taskleak import`
 * does); returns the seconds it took, exits on failure. */
double bench_import(const char *db, const char *dir, const char *run);

/* Row k of the raw ceilings (import_bench, pg_ceiling.c): the finding
 * and occurrence an import of generated result k stores, file every 50. */
struct bench_row {
	char fp[65], file[64], msg[64], fn[32], rule[16];
	int line;
	const char *path_json;
};
void bench_row(long k, struct bench_row *r);

/* The first line of /proc/loadavg ("unknown\n" without it): the machine
 * may be shared, and its load says how far to trust a wall time. */
const char *bench_load(void);

#endif
