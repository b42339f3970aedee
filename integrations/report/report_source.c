/*
 * report_source.c - a file of a finding's path as a table of lines, with
 * the path's steps drawn as numbered notes under the lines they are on
 * (as scan-view does). Only files under the run's root are read.
 */
#include "report_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* scan-view shows whole files. So does this report, up to these sizes;
 * past them a page shows CONTEXT_LINES around each step, which keeps a
 * report of 100,000 findings to a size a CI artifact can hold. */
#define WHOLE_FILE_LINES 3000
#define WHOLE_FILE_FINDINGS 1000
#define CONTEXT_LINES 12

void tl_html_sources_init(struct tl_html_sources *s, const char *root)
{
	char buf[PATH_MAX];
	memset(s, 0, sizeof(*s));
	s->root = root && *root ? root : ".";
	s->root_real = realpath(s->root, buf) ? xstrdup(buf) : NULL;
	strmap_init(&s->files);
	tl_sources_init(&s->text);
}

static void free_file(const char *key, void *value)
{
	struct tl_html_file *f = value;
	(void)key;
	if (f)
		free(f->real);
	free(f);
}

void tl_html_sources_free(struct tl_html_sources *s)
{
	strmap_each(&s->files, free_file);
	strmap_free(&s->files);
	tl_sources_free(&s->text);
	free(s->root_real);
}

/* 1 when real (a resolved path) is the root or inside it. */
static int under_root(const struct tl_html_sources *s, const char *real)
{
	size_t n = s->root_real ? strlen(s->root_real) : 0;
	if (!n)
		return 0;
	if (n == 1) /* the root is "/" */
		return 1;
	return !strncmp(real, s->root_real, n) && (real[n] == '/' || real[n] == '\0');
}

static int has_line(struct tl_html_sources *s, const char *real, size_t line)
{
	const char *text;
	size_t len;
	return tl_sources_line(&s->text, real, (int)line, &text, &len);
}

/* The number of lines, by search over the line cache (which has no count). */
static size_t line_count(struct tl_html_sources *s, const char *real)
{
	size_t lo = 0, hi = 1; /* has_line(lo) or lo == 0; !has_line(hi) once found */
	while (hi < ((size_t)1 << 30) && has_line(s, real, hi))
		lo = hi, hi *= 2;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		*(has_line(s, real, mid) ? &lo : &hi) = mid;
	}
	return lo;
}

const struct tl_html_file *tl_html_source(struct tl_html_sources *s, const char *file)
{
	void **slot = strmap_put(&s->files, file);
	if (*slot)
		return *slot;
	struct tl_html_file *f = xcalloc(1, sizeof(*f));
	struct strbuf p;
	char real[PATH_MAX];
	*slot = f;
	sb_init(&p);
	if (file[0] == '/')
		sb_adds(&p, file);
	else
		sb_addf(&p, "%s/%s", s->root, file);
	if (!realpath(p.buf, real))
		f->why_not = "it cannot be read under the run's root";
	else if (!under_root(s, real))
		f->why_not = "it is outside the run's root, so it is not embedded";
	else if (!has_line(s, real, 1))
		f->why_not = "it cannot be read under the run's root";
	if (f->why_not) {
		s->not_embedded++;
	} else {
		f->real = xstrdup(real);
		f->n = line_count(s, real);
	}
	sb_release(&p);
	return f;
}

/* The steps of r on file, ordered by line (then by step number). */
struct note { int line, number, depth, last; const char *message; };

static int note_cmp(const void *a, const void *b)
{
	const struct note *x = a, *y = b;
	return x->line != y->line ? x->line - y->line : x->number - y->number;
}

static struct note *notes_on(const struct tl_export_result *r, const char *file, size_t *n)
{
	struct note *v = xcalloc(r->nsteps + 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < r->nsteps; i++)
		if (!strcmp(r->steps[i].file, file))
			v[k++] = (struct note){ r->steps[i].line, (int)i + 1, r->steps[i].depth,
						i + 1 == r->nsteps, r->steps[i].message };
	if (!r->nsteps && !strcmp(r->file, file)) /* no path: the warning alone */
		v[k++] = (struct note){ r->line, 1, 0, 1, r->message };
	qsort(v, k, sizeof(*v), note_cmp);
	*n = k;
	return v;
}

static char *lines_to_show(const struct tl_html_file *f, const struct note *v, size_t nv,
			   size_t findings)
{
	char *show = xcalloc(f->n + 2, 1);
	int whole = f->n <= WHOLE_FILE_LINES && findings <= WHOLE_FILE_FINDINGS;
	for (size_t l = 1; l <= f->n; l++)
		show[l] = (char)whole;
	for (size_t i = 0; i < nv && !whole; i++)
		for (long l = (long)v[i].line - CONTEXT_LINES; l <= v[i].line + CONTEXT_LINES; l++)
			if (l >= 1 && (size_t)l <= f->n)
				show[l] = 1;
	return show;
}

static void note_row(struct strbuf *sb, const struct note *nt)
{
	tl_html_addf(sb, "<tr class=\"nrow\"><td></td><td><span class=\"note%S\" id=\"s%d\" "
		     "style=\"margin-left:%dem\"><span class=\"num\">%d</span>%s</span></td></tr>\n",
		     nt->last ? " last" : "", nt->number, 2 * nt->depth, nt->number, nt->message);
}

static void line_rows(struct tl_html_ctx *c, struct strbuf *sb, const struct tl_html_file *f,
		      const char *show, const struct note *v, size_t nv)
{
	size_t k = 0;
	int gap = 0;
	for (size_t l = 1; l <= f->n; l++) {
		const char *text;
		size_t len;
		if (!show[l] || !tl_sources_line(&c->src.text, f->real, (int)l, &text, &len)) {
			if (!gap)
				sb_adds(sb, "<tr class=\"gap\"><td>&hellip;</td><td></td></tr>\n");
			gap = 1;
			continue;
		}
		gap = 0;
		int hit = k < nv && (size_t)v[k].line == l;
		/* lean rows (the style finds the cells by position): a page of a
		 * large report is mostly these */
		sb_addf(sb, "<tr%s><td>%zu</td><td>", hit ? " class=\"hit\"" : "", l);
		tl_html_esc_n(sb, text, len);
		sb_adds(sb, "</td></tr>\n");
		for (; k < nv && (size_t)v[k].line <= l; k++)
			note_row(sb, &v[k]);
	}
	for (; k < nv; k++) /* steps past the end of the file (it changed) */
		note_row(sb, &v[k]);
}

void tl_html_render_source(struct tl_html_ctx *c, const struct tl_export_result *r,
			   const char *file, struct strbuf *sb)
{
	const struct tl_html_file *f = tl_html_source(&c->src, file);
	size_t nv;
	struct note *v = notes_on(r, file, &nv);
	tl_html_addf(sb, "<h3>%s</h3>\n", file);
	if (f->why_not) {
		tl_html_addf(sb, "<p class=\"warn\">Source not shown: %s.</p>\n<table class=\"src\">\n",
			     f->why_not);
		for (size_t i = 0; i < nv; i++) {
			sb_addf(sb, "<tr><td>%d</td><td></td></tr>\n", v[i].line);
			note_row(sb, &v[i]);
		}
	} else {
		char *show = lines_to_show(f, v, nv, c->n);
		sb_adds(sb, "<table class=\"src\">\n");
		line_rows(c, sb, f, show, v, nv);
		free(show);
	}
	sb_adds(sb, "</table>\n");
	free(v);
}
