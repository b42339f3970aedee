/* import.c - input discovery, dispatch to a reader, and the steps every
 * report goes through after reading (rule id, fingerprint, suppression). */
#include "import.h"
#include "fingerprint.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int tl_import_ctx_init(struct tl_import_ctx *ctx, const char *root,
		       const struct tl_catalog *catalog, char **err)
{
	memset(ctx, 0, sizeof(*ctx));
	int rc = tl_paths_init(&ctx->paths, root, err);
	if (rc)
		return rc;
	tl_sources_init(&ctx->sources);
	ctx->catalog = catalog;
	return TL_OK;
}

void tl_import_ctx_free(struct tl_import_ctx *ctx)
{
	tl_paths_free(&ctx->paths);
	tl_sources_free(&ctx->sources);
}

void tl_import_finish(struct tl_import_ctx *ctx, struct tl_report *r, const char *abs)
{
	const char *text;
	size_t len;
	tl_report_clamp(r); /* before the fingerprint: it may use the line */
	free(r->rule);
	r->rule = xstrdup(tl_catalog_rule_id(ctx->catalog, r->checker));
	if (abs && tl_sources_line(&ctx->sources, abs, r->line, &text, &len))
		tl_fingerprint_text(r->rule, r->file, r->function, text, len, r->col,
				    r->fingerprint);
	else if (r->issue_hash && *r->issue_hash)
		tl_fingerprint_hash(r->rule, r->file, r->issue_hash, r->fingerprint);
	else
		tl_fingerprint_line(r->rule, r->file, r->function, r->line, r->col,
				    r->fingerprint);
	if (abs && r->line > 1 &&
	    tl_sources_line(&ctx->sources, abs, r->line - 1, &text, &len) &&
	    tl_suppression_match(text, len, r->rule, r->checker, &r->suppress_reason))
		r->suppressed = 1;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && !strcmp(s + n - k, suf);
}

static int is_report_name(const char *name)
{
	return has_suffix(name, ".plist") || has_suffix(name, ".sarif") ||
	       has_suffix(name, ".sarif.json");
}

static int sniff(const char *path, enum tl_input_kind *kind, char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tl_error_errno(err, TL_E_INPUT, "cannot open '%s'", path);
	int c;
	while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
		;
	if (c == 0xEF) { /* a UTF-8 byte order mark */
		fgetc(f);
		fgetc(f);
		while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			;
	}
	fclose(f);
	if (c == EOF)
		return tl_error(err, TL_E_INPUT, "%s: empty file, expected a plist or SARIF report", path);
	if (c == '<')
		*kind = TL_INPUT_PLIST;
	else if (c == '{')
		*kind = TL_INPUT_SARIF;
	else
		return tl_error(err, TL_E_INPUT, "%s:1: not a plist or SARIF report (neither XML nor JSON)", path);
	return TL_OK;
}

static void push(struct tl_input_list *l, const char *path, const char *base,
		 enum tl_input_kind kind)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n].path = xstrdup(path);
	l->v[l->n].base = xstrdup(base);
	l->v[l->n].kind = kind;
	l->n++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(struct tl_input_list *l, const char *dir, const char *base, char **err)
{
	DIR *d = opendir(dir);
	if (!d)
		return tl_error_errno(err, TL_E_INPUT, "cannot open folder '%s'", dir);
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 32;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str); /* a stable order */
	int rc = TL_OK;
	struct strbuf p;
	sb_init(&p);
	for (size_t i = 0; i < n; i++) {
		sb_reset(&p);
		sb_addf(&p, "%s/%s", dir, names[i]);
		struct stat st;
		if (rc || stat(p.buf, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = walk(l, p.buf, base, err);
		} else if (S_ISREG(st.st_mode) && is_report_name(names[i])) {
			enum tl_input_kind kind;
			rc = sniff(p.buf, &kind, err);
			if (!rc)
				push(l, p.buf, base, kind);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sb_release(&p);
	return rc;
}

int tl_inputs_add(struct tl_input_list *l, const char *path, const char *base, char **err)
{
	struct stat st;
	if (stat(path, &st))
		return tl_error_errno(err, TL_E_INPUT, "cannot read '%s'", path);
	if (S_ISDIR(st.st_mode)) {
		size_t before = l->n;
		int rc = walk(l, path, base, err);
		if (rc)
			return rc;
		if (l->n == before)
			return tl_error(err, TL_E_INPUT,
					"%s: no reports in this folder (*.plist, *.sarif)", path);
		return TL_OK;
	}
	enum tl_input_kind kind;
	int rc = sniff(path, &kind, err);
	if (!rc)
		push(l, path, base, kind);
	return rc;
}

void tl_inputs_free(struct tl_input_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].base);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int tl_input_read(struct tl_import_ctx *ctx, const struct tl_input *in,
		  struct tl_report_set *out, char **err)
{
	if (in->kind == TL_INPUT_PLIST)
		return tl_plist_read(ctx, in->path, in->base, out, err);
	return tl_sarif_read(ctx, in->path, in->base, out, err);
}
