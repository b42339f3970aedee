/*
 * plist.c - reads clang's plist and plist-multi-file output (libxml2).
 *
 * Shape (PlistDiagnostics.cpp): a top-level dict with `files` (array of
 * paths as clang saw them) and `diagnostics`, each a dict with check_name,
 * description, type, issue_hash_content_of_line_in_context, issue_context,
 * location {line, col, file index} and `path`, whose `event` items are the
 * steps shown to users (`control` edges are left out).
 */
#include "import.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

struct plist_reader {
	struct tl_import_ctx *ctx;
	const char *path;   /* the plist, for messages */
	const char *base;   /* where relative file names start */
	const struct tl_path_entry **files; /* resolved `files` array */
	size_t nfiles;
	char **err;
};

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

static char *text_of(xmlNode *n)
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
	*out = text_of(v);
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
	char *t = text_of(v), *end;
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

/* A location dict: line, col, file index. */
static int get_loc(struct plist_reader *r, xmlNode *dict, const char *where,
		   const struct tl_path_entry **file, int *line, int *col)
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
	if (f < 0 || (size_t)f >= r->nfiles)
		return bad(r, loc, where, "file index out of range of 'files'");
	*file = r->files[f];
	*line = tl_clamp(l, 1, TL_MAX_LINE); /* long -> int without overflow */
	*col = tl_clamp(c, 0, TL_MAX_COL);
	return TL_OK;
}

static int read_steps(struct plist_reader *r, xmlNode *path, struct tl_report *rep,
		      const char *where)
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
		const struct tl_path_entry *file;
		int line, col;
		long depth = 0;
		char *msg = NULL;
		if ((rc = get_loc(r, it, where, &file, &line, &col)) ||
		    (rc = get_string(r, it, "message", 1, where, &msg)))
			return rc;
		if (dict_get(it, "depth") && (rc = get_int(r, it, "depth", where, &depth))) {
			free(msg);
			return rc;
		}
		struct tl_step *st = tl_report_add_step(rep);
		st->file = xstrdup(file->rel);
		st->line = line;
		st->col = col;
		st->depth = tl_clamp(depth, 0, TL_MAX_DEPTH);
		st->message = msg;
	}
	return TL_OK;
}

static int read_diag(struct plist_reader *r, xmlNode *d, size_t i, struct tl_report_set *out)
{
	char where[48];
	snprintf(where, sizeof(where), "diagnostics[%zu]", i);
	if (!is_elem(d, "dict"))
		return bad(r, d, where, "not a <dict>");
	struct tl_report *rep = tl_report_set_add(out);
	const struct tl_path_entry *file;
	int rc;
	if ((rc = get_string(r, d, "check_name", 1, where, &rep->checker)) ||
	    (rc = get_string(r, d, "description", 1, where, &rep->message)) ||
	    (rc = get_string(r, d, "issue_hash_content_of_line_in_context", 0, where,
			     &rep->issue_hash)) ||
	    (rc = get_string(r, d, "issue_context", 0, where, &rep->function)) ||
	    (rc = get_loc(r, d, where, &file, &rep->line, &rep->col)) ||
	    (rc = read_steps(r, dict_get(d, "path"), rep, where)))
		return rc;
	if (rep->function && !*rep->function) {
		free(rep->function);
		rep->function = NULL;
	}
	rep->file = xstrdup(file->rel);
	tl_import_finish(r->ctx, rep, file->abs);
	return TL_OK;
}

static int read_doc(struct plist_reader *r, xmlNode *root, struct tl_report_set *out)
{
	if (!is_elem(root, "plist"))
		return tl_error(r->err, TL_E_INPUT, "%s:%ld: not a plist (root element is <%s>)",
				r->path, root ? xmlGetLineNo(root) : 0L,
				root ? (const char *)root->name : "none");
	xmlNode *top = first_elem(root);
	if (!is_elem(top, "dict"))
		return bad(r, top ? top : root, "plist", "expected a top-level <dict>");
	xmlNode *files = dict_get(top, "files");
	xmlNode *diags = dict_get(top, "diagnostics");
	if (!is_elem(diags, "array"))
		return bad(r, diags ? diags : top, "plist", "missing 'diagnostics' array");
	if (files && !is_elem(files, "array"))
		return bad(r, files, "plist", "'files' is not an <array>");
	for (xmlNode *f = first_elem(files); f; f = next_elem(f)) {
		if (!is_elem(f, "string"))
			return bad(r, f, "files", "an item is not a <string>");
		char *name = text_of(f);
		r->files = xrealloc(r->files, (r->nfiles + 1) * sizeof(*r->files));
		r->files[r->nfiles++] = tl_paths_resolve(&r->ctx->paths, r->base, name);
		free(name);
	}
	xmlNode *tool = dict_get(top, "clang_version");
	if (tool && !out->tool)
		out->tool = text_of(tool);
	size_t i = 0;
	for (xmlNode *d = first_elem(diags); d; d = next_elem(d), i++) {
		int rc = read_diag(r, d, i, out);
		if (rc)
			return rc;
	}
	return TL_OK;
}

/*
 * Hostile input: clang writes Apple's DOCTYPE and never declares entities.
 * An entity declared in a report file can only be an attack ("billion
 * laughs": nested entities that expand exponentially when the text is
 * read), so the parse stops at the first declaration. libxml2's default
 * limits (no XML_PARSE_HUGE) bound text nodes and nesting.
 */
struct doctype_guard {
	int line;          /* where the DOCTYPE is */
	const char *why;   /* NULL, or why the file is refused */
};

static void guard_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr pc = ctx;
	struct doctype_guard *g = pc->_private;
	g->line = pc->input ? pc->input->line : 0;
	if (strcmp((const char *)name, "plist")) {
		g->why = "a DOCTYPE other than Apple's plist one";
		xmlStopParser(pc);
		return;
	}
	xmlSAX2InternalSubset(ctx, name, ext, sys);
}

static void guard_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
			 const xmlChar *sys, xmlChar *content)
{
	xmlParserCtxtPtr pc = ctx;
	struct doctype_guard *g = pc->_private;
	(void)name, (void)type, (void)pub, (void)sys, (void)content;
	g->why = "the DOCTYPE declares entities";
	xmlStopParser(pc);
}

static void guard_unparsed(void *ctx, const xmlChar *name, const xmlChar *pub,
			   const xmlChar *sys, const xmlChar *notation)
{
	guard_entity(ctx, name, 0, pub, sys, (xmlChar *)notation);
}

static xmlDocPtr parse_guarded(xmlParserCtxtPtr pc, const char *path, struct doctype_guard *g)
{
	pc->_private = g;
	pc->sax->internalSubset = guard_subset;
	pc->sax->entityDecl = guard_entity;
	pc->sax->unparsedEntityDecl = guard_unparsed;
	xmlDocPtr doc = xmlCtxtReadFile(pc, path, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc && g->why) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

int tl_plist_read(struct tl_import_ctx *ctx, const char *path, const char *base,
		  struct tl_report_set *out, char **err)
{
	struct plist_reader r = { ctx, path, base, NULL, 0, err };
	struct doctype_guard guard = { 0, NULL };
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		return tl_error(err, TL_E_NOMEM, "%s: out of memory", path);
	xmlDocPtr doc = parse_guarded(pc, path, &guard);
	int rc;
	if (guard.why) {
		rc = tl_error(err, TL_E_INPUT, "%s:%d: refused: %s (clang never writes one)", path,
			      guard.line, guard.why);
	} else if (!doc) {
		xmlErrorPtr e = xmlCtxtGetLastError(pc);
		char msg[256] = "unreadable XML";
		if (e && e->message) {
			snprintf(msg, sizeof(msg), "%s", e->message);
			size_t n = strlen(msg);
			while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
		}
		rc = tl_error(err, TL_E_INPUT, "%s:%d: malformed plist XML: %s", path,
			      e ? e->line : 0, msg);
	} else {
		size_t before = out->n;
		rc = read_doc(&r, xmlDocGetRootElement(doc), out);
		if (rc) /* drop this file's partial reports */
			tl_report_set_truncate(out, before);
		xmlFreeDoc(doc);
	}
	free(r.files);
	xmlFreeParserCtxt(pc);
	return rc;
}
