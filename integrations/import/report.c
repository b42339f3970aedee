/* report.c - ownership of report sets. */
#include "report.h"
#include "../common/strbuf.h"

#include <stdlib.h>
#include <string.h>

void tl_report_set_init(struct tl_report_set *s)
{
	memset(s, 0, sizeof(*s));
}

static void report_free(struct tl_report *r)
{
	free(r->rule);
	free(r->checker);
	free(r->message);
	free(r->file);
	free(r->function);
	free(r->issue_hash);
	free(r->suppress_reason);
	free(r->path_json);
	for (size_t i = 0; i < r->nsteps; i++) {
		free(r->steps[i].file);
		free(r->steps[i].message);
	}
	free(r->steps);
}

void tl_report_set_clear(struct tl_report_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		report_free(&s->v[i]);
	free(s->v);
	free(s->tool);
	memset(s, 0, sizeof(*s));
}

void tl_report_set_truncate(struct tl_report_set *s, size_t n)
{
	while (s->n > n)
		report_free(&s->v[--s->n]);
}

struct tl_report *tl_report_set_add(struct tl_report_set *s)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 16;
		s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
	}
	struct tl_report *r = &s->v[s->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

struct tl_step *tl_report_add_step(struct tl_report *r)
{
	if ((r->nsteps & (r->nsteps - 1)) == 0) /* 0, 1, 2, 4, 8...: grow */
		r->steps = xrealloc(r->steps, (r->nsteps ? r->nsteps * 2 : 1) * sizeof(*r->steps));
	struct tl_step *st = &r->steps[r->nsteps++];
	memset(st, 0, sizeof(*st));
	return st;
}

void tl_report_clamp(struct tl_report *r)
{
	r->line = tl_clamp(r->line, 1, TL_MAX_LINE);
	r->col = tl_clamp(r->col, 0, TL_MAX_COL);
	for (size_t i = 0; i < r->nsteps; i++) {
		struct tl_step *st = &r->steps[i];
		st->line = tl_clamp(st->line, 1, TL_MAX_LINE);
		st->col = tl_clamp(st->col, 0, TL_MAX_COL);
		st->depth = tl_clamp(st->depth, 0, TL_MAX_DEPTH);
	}
}
