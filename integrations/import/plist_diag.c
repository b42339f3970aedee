/*
 * plist_diag.c - one diagnostic of a clang plist, read from its own
 * subtree (plist.c streams the file and expands one diagnostic at a time).
 *
 * Shape (PlistDiagnostics.cpp): each diagnostic is a dict with check_name,
 * description, type, issue_hash_content_of_line_in_context, issue_context,
 * location {line, col, file index} and `path`, whose `event` items are the
 * steps shown to users (`control` edges are left out). File indices are
 * resolved at the end (plist_resolve): clang writes `files` last.
 */
#include "plist_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *next_elem(xmlNode *n)
{
	for (n = n ? n->next : NULL; n && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	return n;
}

static xmlNode *first_elem(xmlNode *n)
{
	for (n = n ? n->children : NULL; n && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	return n;
}

/* The value element following <key>name</key> in a dict, or NULL. */
static xmlNode *dict_get(xmlNode *dict, const char *name)
{
	for (xmlNode *k = first_elem(dict); k; k = next_elem(next_elem(k))) {
		if (!is_elem(k, "key"))
			return NULL;
		xmlChar *t = xmlNodeGetContent(k);
		int hit = t && !strcmp((const char *)t, name);
		xmlFree(t);
		if (hit)
			return next_elem(k);
	}
	return NULL;
}

char *plist_text(xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = xstrdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

static int bad(struct plist_reader *r, xmlNode *at, const char *where, const char *what)
{
	return tl_error(r->err, TL_E_INPUT, "%s:%ld: %s: %s", r->path,
			at ? xmlGetLineNo(at) : 0L, where, what);
}

/* Reads an optional string field; required ones fail when missing. */
static int get_string(struct plist_reader *r, xmlNode *dict, const char *key,
		      int required, const char *where, char **out)
{
	xmlNode *v = dict_get(dict, key);
	if (!v) {
		if (!required)
			return TL_OK;
		char what[128];
		snprintf(what, sizeof(what), "missing '%s'", key);
		return bad(r, dict, where, what);
	}
	if (!is_elem(v, "string")) {
		char what[128];
		snprintf(what, sizeof(what), "'%s' is not a <string>", key);
		return bad(r, v, where, what);
	}
	*out = plist_text(v);
	return TL_OK;
}

static int get_int(struct plist_reader *r, xmlNode *dict, const char *key,
		   const char *where, long *out)
{
	xmlNode *v = dict_get(dict, key);
	char what[128];
	if (!v) {
		snprintf(what, sizeof(what), "missing '%s'", key);
		return bad(r, dict, where, what);
	}
	char *t = plist_text(v), *end;
	long x = strtol(t, &end, 10);
	int ok = is_elem(v, "integer") && *t && !*end;
	free(t);
	if (!ok) {
		snprintf(what, sizeof(what), "'%s' is not an <integer>", key);
		return bad(r, v, where, what);
	}
	*out = x;
	return TL_OK;
}

/* A location dict: line, col, and a file index kept for plist_resolve(). */
static int get_loc(struct plist_reader *r, xmlNode *dict, const char *where, size_t diag,
		   int *line, int *col)
{
	xmlNode *loc = dict_get(dict, "location");
	if (!is_elem(loc, "dict"))
		return bad(r, loc ? loc : dict, where, "missing 'location' dict");
	long l, c, f;
	int rc;
	if ((rc = get_int(r, loc, "line", where, &l)) ||
	    (rc = get_int(r, loc, "col", where, &c)) ||
	    (rc = get_int(r, loc, "file", where, &f)))
		return rc;
	if (r->npend == r->apend) {
		r->apend = r->apend ? 2 * r->apend : 64;
		r->pend = xrealloc(r->pend, r->apend * sizeof(*r->pend));
	}
	r->pend[r->npend++] = (struct plist_pending){ f, xmlGetLineNo(loc), diag };
	*line = tl_clamp(l, 1, TL_MAX_LINE); /* long -> int without overflow */
	*col = tl_clamp(c, 0, TL_MAX_COL);
	return TL_OK;
}

static int read_steps(struct plist_reader *r, xmlNode *path, struct tl_report *rep,
		      const char *where, size_t diag)
{
	if (!path)
		return TL_OK;
	if (!is_elem(path, "array"))
		return bad(r, path, where, "'path' is not an <array>");
	for (xmlNode *it = first_elem(path); it; it = next_elem(it)) {
		if (!is_elem(it, "dict"))
			return bad(r, it, where, "a 'path' item is not a <dict>");
		char *kind = NULL;
		int rc = get_string(r, it, "kind", 1, where, &kind);
		if (rc)
			return rc;
		int event = !strcmp(kind, "event");
		free(kind);
		if (!event)
			continue;
		int line, col;
		long depth = 0;
		char *msg = NULL;
		if ((rc = get_loc(r, it, where, diag, &line, &col)) ||
		    (rc = get_string(r, it, "message", 1, where, &msg)))
			return rc;
		if (dict_get(it, "depth") && (rc = get_int(r, it, "depth", where, &depth))) {
			free(msg);
			return rc;
		}
		struct tl_step *st = tl_report_add_step(rep); /* file: plist_resolve() */
		st->line = line;
		st->col = col;
		st->depth = tl_clamp(depth, 0, TL_MAX_DEPTH);
		st->message = msg;
	}
	return TL_OK;
}

int plist_read_diag(struct plist_reader *r, xmlNode *d, size_t i, struct tl_report_set *out)
{
	char where[48];
	snprintf(where, sizeof(where), "diagnostics[%zu]", i);
	if (!is_elem(d, "dict"))
		return bad(r, d, where, "not a <dict>");
	struct tl_report *rep = tl_report_set_add(out);
	int rc;
	if ((rc = get_string(r, d, "check_name", 1, where, &rep->checker)) ||
	    (rc = get_string(r, d, "description", 1, where, &rep->message)) ||
	    (rc = get_string(r, d, "issue_hash_content_of_line_in_context", 0, where,
			     &rep->issue_hash)) ||
	    (rc = get_string(r, d, "issue_context", 0, where, &rep->function)) ||
	    (rc = get_loc(r, d, where, i, &rep->line, &rep->col)) ||
	    (rc = read_steps(r, dict_get(d, "path"), rep, where, i)))
		return rc;
	if (rep->function && !*rep->function) {
		free(rep->function);
		rep->function = NULL;
	}
	return TL_OK;
}

int plist_read_files(struct plist_reader *r, xmlNode *files)
{
	if (!is_elem(files, "array"))
		return bad(r, files, "plist", "'files' is not an <array>");
	for (xmlNode *f = first_elem(files); f; f = next_elem(f)) {
		if (!is_elem(f, "string"))
			return bad(r, f, "files", "an item is not a <string>");
		char *name = plist_text(f);
		r->files = xrealloc(r->files, (r->nfiles + 1) * sizeof(*r->files));
		r->files[r->nfiles++] = tl_paths_resolve(&r->ctx->paths, r->base, name);
		free(name);
	}
	return TL_OK;
}

/* The file of the next pending location, or an error naming its place. */
static int take_file(struct plist_reader *r, size_t *k, const struct tl_path_entry **file)
{
	const struct plist_pending *p = &r->pend[(*k)++];
	if (p->file < 0 || (size_t)p->file >= r->nfiles)
		return tl_error(r->err, TL_E_INPUT, "%s:%ld: diagnostics[%zu]: "
				"file index out of range of 'files'", r->path, p->line, p->diag);
	*file = r->files[p->file];
	return TL_OK;
}

int plist_resolve(struct plist_reader *r, struct tl_report_set *out, size_t first)
{
	size_t k = 0;
	for (size_t i = first; i < out->n; i++) {
		struct tl_report *rep = &out->v[i];
		const struct tl_path_entry *file = NULL, *sf = NULL;
		int rc = take_file(r, &k, &file);
		for (size_t j = 0; !rc && j < rep->nsteps; j++)
			if (!(rc = take_file(r, &k, &sf)))
				rep->steps[j].file = xstrdup(sf->rel);
		if (rc)
			return rc;
		rep->file = xstrdup(file->rel);
		tl_import_finish(r->ctx, rep, file->abs);
	}
	return TL_OK;
}
