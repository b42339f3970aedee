/*
 * runtime.h - reading libtaskleak-rt's JSON-lines reports (format in
 * runtime/README.md) for `taskleak import --runtime`.
 *
 * A process may write several reports (on SIGUSR2, by interval, at exit);
 * only its last one counts, since each lists every task still unjoined.
 * Leaks are gathered by creation site (file and line of the spawn call):
 * one entry per site, with the tasks still running and those finished.
 * Leaks without file:line (a binary without debug info) are counted in
 * `unplaced` only: they cannot be matched or shown at a line.
 */
#ifndef TL_RUNTIME_H
#define TL_RUNTIME_H

#include <stddef.h>

struct tl_rt_site {
	char *file;      /* as the program's DWARF spelled it */
	int line;
	char *function;  /* the function making the spawn call; may be "" */
	char *entry;     /* entry function of the first task seen there */
	char *api;       /* pthread, c11 or gthread */
	char *program;
	int running, finished; /* leaked tasks by state */
};

struct tl_rt_set {
	struct tl_rt_site *v;
	size_t n, alloc;
	int unplaced;   /* leaks without file:line */
	int reports;    /* process reports read (last per process) */
};

void tl_rt_set_init(struct tl_rt_set *s);
void tl_rt_set_free(struct tl_rt_set *s);
/* Adds the leaks of one report file. A line that is not a JSON object
 * with a known "type", or a report of another version, is TL_E_INPUT
 * naming the file and line; nothing is added then. */
int tl_rt_read(const char *path, struct tl_rt_set *out, char **err);

/* 1 when a and b name the same file: equal, or one is the other's tail
 * made of whole components ("src/a.c" and "/build/p/src/a.c"). */
int tl_rt_same_file(const char *a, const char *b);

#endif
