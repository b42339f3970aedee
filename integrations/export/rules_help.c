/*
 * rules_help.c - rule descriptions for code review (see rules_help.h).
 */
#include "rules_help.h"
#include "export.h"
#include "../common/fileio.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLANG_CHECKERS_URI "https://clang.llvm.org/docs/analyzer/checkers.html"

static char *clip(const char *s)
{
	size_t n = strlen(s);
	if (n <= TL_RULE_TEXT_MAX)
		return xstrdup(s);
	/* cut on a UTF-8 character boundary, leaving room for "..." */
	n = TL_RULE_TEXT_MAX - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, s, n);
	sb_adds(&sb, "...");
	char *r = sb_detach(&sb);
	sb_release(&sb);
	return r;
}

char *tl_markdown_strip(const char *md)
{
	struct strbuf sb;
	sb_init(&sb);
	const char *p = md;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *l = p;
		p += n + (e ? 1 : 0);
		if (n >= 3 && !strncmp(l, "```", 3))
			continue;
		size_t h = 0;
		while (h < n && l[h] == '#')
			h++;
		if (h && h < n && l[h] == ' ') {
			l += h + 1;
			n -= h + 1;
		}
		for (size_t i = 0; i < n; i++) {
			if (l[i] == '`')
				continue;
			if ((l[i] == '*' || l[i] == '_') && i + 1 < n && l[i + 1] == l[i]) {
				i++;
				continue;
			}
			sb_addc(&sb, l[i]);
		}
		sb_addc(&sb, '\n');
	}
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	char *r = sb_detach(&sb);
	sb_release(&sb);
	return r;
}

static void add_tag(struct tl_rule_desc *d, const char *tag)
{
	for (size_t i = 0; i < d->ntags; i++)
		if (!strcmp(d->tags[i], tag))
			return;
	if (d->ntags < TL_RULE_TAGS_MAX)
		d->tags[d->ntags++] = xstrdup(tag);
}

/* "CWE-772, CWE-775" -> external/cwe/cwe-772, external/cwe/cwe-775 */
static void add_cwe_tags(struct tl_rule_desc *d, const char *cwe)
{
	for (const char *p = cwe; p && (p = strstr(p, "CWE-"));) {
		p += 4;
		char tag[64];
		size_t n = 0;
		while (isdigit((unsigned char)p[n]) && n < 20)
			n++;
		if (n) {
			snprintf(tag, sizeof(tag), "external/cwe/cwe-%.*s", (int)n, p);
			add_tag(d, tag);
		}
	}
}

static int from_catalog(const struct tl_catalog *cat, const struct tl_rule *r,
			const char *rule, struct tl_rule_desc *d, char **err)
{
	d->in_catalog = 1;
	d->id = xstrdup(rule);
	d->name = xstrdup(*r->name ? r->name : r->id);
	d->short_text = clip(r->short_desc);
	d->full_text = clip(*r->full_desc ? r->full_desc : r->short_desc);
	d->level = xstrdup(*r->level ? r->level : "warning");
	d->precision = *r->precision ? xstrdup(r->precision) : NULL;
	d->security_severity = *r->security_severity ? xstrdup(r->security_severity) : NULL;
	if (d->security_severity)
		add_tag(d, "security");
	add_tag(d, "concurrency");
	add_tag(d, "taskleak");
	add_cwe_tags(d, r->cwe);
	if (!*r->page) {
		d->help_markdown = xstrdup(d->full_text);
		d->help_text = xstrdup(d->full_text);
		return TL_OK;
	}
	struct strbuf path;
	char *md;
	size_t len;
	sb_init(&path);
	sb_addf(&path, "%s/%s", cat->dir ? cat->dir : ".", r->page);
	int rc = tl_read_file(path.buf, &md, &len, err);
	sb_release(&path);
	if (rc)
		return rc;
	d->help_markdown = md;
	d->help_text = tl_markdown_strip(md);
	return TL_OK;
}

/* core.NullDereference -> NullDereference */
static char *name_of(const char *checker)
{
	const char *dot = strrchr(checker, '.');
	return xstrdup(dot && dot[1] ? dot + 1 : checker);
}

static void synthesized(const char *rule, const char *checker, struct tl_rule_desc *d)
{
	struct strbuf sb;
	const char *c = checker && *checker ? checker : rule;
	d->id = xstrdup(rule);
	d->name = name_of(c);
	if (!strcmp(d->name, d->id)) { /* SARIF wants a name that differs from the id */
		free(d->name);
		d->name = NULL;
	}
	sb_init(&sb);
	sb_addf(&sb, "Clang Static Analyzer checker %s", c);
	d->short_text = clip(sb.buf);
	sb_reset(&sb);
	sb_addf(&sb, "A finding of the Clang Static Analyzer's checker '%s', which taskleak runs "
		"alongside its own checkers. The checker's documentation says what it finds.", c);
	d->full_text = clip(sb.buf);
	sb_reset(&sb);
	sb_addf(&sb, "%s\n\nThis rule is clang's checker '%s', not one of taskleak's rules. "
		"See the Clang Static Analyzer's list of checkers: " CLANG_CHECKERS_URI, d->full_text, c);
	d->help_text = xstrdup(sb.buf);
	sb_reset(&sb);
	sb_addf(&sb, "# %s\n\nA finding of the Clang Static Analyzer's checker `%s`, which taskleak "
		"runs alongside its own checkers.\n\nSee the [list of checkers](" CLANG_CHECKERS_URI
		") for what it finds and how to silence it.\n", c, c);
	d->help_markdown = sb_detach(&sb);
	sb_release(&sb);
	d->help_uri = xstrdup(CLANG_CHECKERS_URI);
	d->level = xstrdup("warning");
	d->precision = xstrdup("medium");
	add_tag(d, "correctness");
	add_tag(d, "clang-analyzer");
}

int tl_rule_desc_make(const struct tl_catalog *cat, const char *rule, const char *checker,
		      struct tl_rule_desc *out, char **err)
{
	memset(out, 0, sizeof(*out));
	const struct tl_rule *r = tl_catalog_by_id(cat, rule);
	if (!r && checker)
		r = tl_catalog_by_checker(cat, checker);
	if (!r) {
		synthesized(rule, checker, out);
		return TL_OK;
	}
	int rc = from_catalog(cat, r, rule, out, err);
	if (rc)
		tl_rule_desc_free(out);
	return rc;
}

void tl_rule_desc_free(struct tl_rule_desc *d)
{
	free(d->id); free(d->name); free(d->short_text); free(d->full_text);
	free(d->help_text); free(d->help_markdown); free(d->help_uri); free(d->level);
	free(d->precision); free(d->security_severity);
	for (size_t i = 0; i < d->ntags; i++)
		free(d->tags[i]);
	memset(d, 0, sizeof(*d));
}

int tl_rule_table_build(const struct tl_catalog *cat, const struct tl_export_set *set,
			struct tl_rule_table *out, char **err)
{
	memset(out, 0, sizeof(*out));
	out->of = xcalloc(set->n ? set->n : 1, sizeof(*out->of));
	out->v = xcalloc(set->n ? set->n : 1, sizeof(*out->v));
	for (size_t i = 0; i < set->n; i++) {
		const struct tl_export_result *r = &set->v[i];
		size_t j = 0;
		while (j < out->n && strcmp(out->v[j].id, r->rule))
			j++;
		if (j == out->n) {
			int rc = tl_rule_desc_make(cat, r->rule, r->checker, &out->v[j], err);
			if (rc) {
				tl_rule_table_free(out);
				return rc;
			}
			out->n++;
		}
		out->of[i] = j;
	}
	return TL_OK;
}

void tl_rule_table_free(struct tl_rule_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		tl_rule_desc_free(&t->v[i]);
	free(t->v);
	free(t->of);
	memset(t, 0, sizeof(*t));
}
