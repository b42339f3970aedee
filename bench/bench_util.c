/* bench_util.c - see bench_util.h. */
#include "bench_util.h"
#include "gen_sarif.h"
#include "common/strbuf.h"
#include "store/ingest.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <time.h>

double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

char *bench_tmpdir(const char *tag)
{
	const char *t = getenv("TMPDIR");
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s/tl-%s-XXXXXX", t && *t ? t : "/tmp", tag);
	if (!mkdtemp(sb.buf)) {
		perror("mkdtemp");
		exit(1);
	}
	return sb.buf;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

void bench_rmtree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

size_t bench_gen(const char *dir, long first, long count, int files)
{
	size_t bytes = 0;
	long per = (count + files - 1) / files;
	for (int i = 0; i < files && i * per < count; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/part-%04d.sarif", dir, i);
		FILE *f = fopen(path, "w");
		long n = count - i * per < per ? count - i * per : per;
		if (!f || tl_gen_sarif(f, first + i * per, n)) {
			fprintf(stderr, "bench: cannot write %s\n", path);
			exit(1);
		}
		bytes += (size_t)ftell(f);
		fclose(f);
	}
	return bytes;
}

double bench_import(const char *db, const char *dir, const char *run)
{
	char *err = NULL;
	struct tl_import_ctx ctx;
	struct tl_input_list in = { 0 };
	struct tl_store *s;
	struct tl_run_summary sum;
	double t0 = now_s();
	if (tl_import_ctx_init(&ctx, dir, NULL, &err) || tl_inputs_add(&in, dir, NULL, &err) ||
	    tl_store_open(db, TL_STORE_CREATE | TL_STORE_WRITE, &s, &err)) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	struct tl_run_info info = { run, ctx.paths.root, NULL, "import", NULL, NULL };
	if (tl_ingest(s, &ctx, &in, &info, &sum, &err)) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	double t = now_s() - t0;
	tl_run_summary_free(&sum);
	tl_store_close(s);
	tl_inputs_free(&in);
	tl_import_ctx_free(&ctx);
	return t;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void bench_row(long k, struct bench_row *r)
{
	uint64_t h[4] = { mix((uint64_t)k), mix((uint64_t)k + 1000000007ULL),
			  mix((uint64_t)k * 3), mix((uint64_t)k * 7) };
	snprintf(r->fp, sizeof(r->fp), "%016llx%016llx%016llx%016llx", (unsigned long long)h[0],
		 (unsigned long long)h[1], (unsigned long long)h[2], (unsigned long long)h[3]);
	snprintf(r->file, sizeof(r->file), "src/f%ld.c", k / 50);
	snprintf(r->rule, sizeof(r->rule), "GEN%ld", k % 20);
	snprintf(r->fn, sizeof(r->fn), "fn_%ld", k);
	snprintf(r->msg, sizeof(r->msg), "task %ld is never joined", k);
	r->line = (int)(10 + k % 50 * 7);
	/* a path of the size an import stores for these results */
	r->path_json = "[{\"file\":\"src/f12345.c\",\"line\":120,\"col\":3,\"depth\":0,"
		       "\"message\":\"spawned here\"},{\"file\":\"src/f12345.c\",\"line\":122,"
		       "\"col\":5,\"depth\":0,\"message\":\"handle dies here\"}]";
}

const char *bench_load(void)
{
	static char buf[128] = "unknown\n";
	FILE *f = fopen("/proc/loadavg", "r");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			snprintf(buf, sizeof(buf), "unknown\n");
		fclose(f);
	}
	return buf;
}
