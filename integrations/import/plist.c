/*
 * plist.c - reads clang's plist and plist-multi-file output, streaming
 * (libxml2's xmlTextReader).
 *
 * A plist is a top-level dict with `diagnostics` (an array of dicts),
 * `files` (the paths the diagnostics' file indices name; clang writes it
 * last) and `clang_version`. The file is walked as a stream: each
 * diagnostic is expanded to a small subtree, read (plist_diag.c), and
 * freed before the next, so memory grows with the reports kept, not with
 * the XML tree (which took about 14 times the file's size). File indices
 * are resolved once `files` has been read.
 *
 * Hostile input: clang writes Apple's DOCTYPE and never declares entities.
 * An entity declared in a report file can only be an attack ("billion
 * laughs": nested entities that expand exponentially when the text is
 * read), so a DOCTYPE declaring any, or with another root name, is refused
 * before the first element is read. libxml2's default limits (no
 * XML_PARSE_HUGE) bound text nodes and nesting; nothing is fetched.
 */
#include "plist_int.h"
#include "../common/strbuf.h"
#include "../common/tl_error.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct walk {
	struct plist_reader *r;
	xmlTextReaderPtr xr;
	char msg[256];      /* libxml2's first error */
	int msg_line;
	int failed;         /* a parse error happened */
	xmlDoc *doc;        /* taken from the reader on error: ours to free */
};

static void on_error(void *arg, xmlErrorPtr e)
{
	struct walk *w = arg;
	if (w->failed++ || !e)
		return;
	snprintf(w->msg, sizeof(w->msg), "%s", e->message ? e->message : "unreadable XML");
	size_t n = strlen(w->msg);
	while (n && (w->msg[n - 1] == '\n' || w->msg[n - 1] == ' '))
		w->msg[--n] = '\0';
	w->msg_line = e->line;
}


/* Line of the DOCTYPE, for the refusal (the reader does not keep it). */
static int doctype_line(const char *path)
{
	char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	int line = 1;
	if (f)
		fclose(f);
	buf[n] = '\0';
	char *at = strstr(buf, "<!DOCTYPE");
	for (char *p = buf; at && p < at; p++)
		line += *p == '\n';
	return at ? line : 0;
}

static int check_dtd(struct walk *w, xmlDtd *dtd)
{
	const char *why = NULL;
	if (!dtd || !dtd->name || strcmp((const char *)dtd->name, "plist"))
		why = "a DOCTYPE other than Apple's plist one";
	else if (dtd->entities || dtd->pentities)
		why = "the DOCTYPE declares entities";
	if (!why)
		return TL_OK;
	return tl_error(w->r->err, TL_E_INPUT, "%s:%d: refused: %s (clang never writes one)",
			w->r->path, doctype_line(w->r->path), why);
}

static int check_doctype(struct walk *w)
{
	xmlNode *n = xmlTextReaderCurrentNode(w->xr);
	return check_dtd(w, n && n->type == XML_DTD_NODE ? (xmlDtd *)n : NULL);
}

/* A parse error. The parser reads ahead of the node the walk is at, so an
 * entity declared in the DOCTYPE may fail (libxml2's own loop and
 * amplification checks) before the DOCTYPE node is handed out: then the
 * refusal is the message. */
static int malformed(struct walk *w)
{
	if (!w->doc)
		w->doc = xmlTextReaderCurrentDoc(w->xr);
	if (w->doc && w->doc->intSubset && check_dtd(w, w->doc->intSubset))
		return TL_E_INPUT;
	if (!w->failed)
		snprintf(w->msg, sizeof(w->msg), "unreadable XML");
	return tl_error(w->r->err, TL_E_INPUT, "%s:%d: malformed plist XML: %s", w->r->path,
			w->msg_line, w->msg);
}

/* Moves to the next node; 1 when there is one, 0 at the end, else error. */
static int step(struct walk *w, int *rc)
{
	int got = xmlTextReaderRead(w->xr);
	if (got < 0 || w->failed)
		*rc = malformed(w);
	else if (got && xmlTextReaderNodeType(w->xr) == XML_READER_TYPE_DOCUMENT_TYPE)
		*rc = check_doctype(w);
	return *rc ? -1 : got;
}

/* Moves to the next element at depth, or to the end tag closing depth - 1:
 * 1 on an element, 0 on that end tag (or the end of the file). */
static int next_element(struct walk *w, int depth, int *rc)
{
	for (;;) {
		int t = xmlTextReaderNodeType(w->xr), d = xmlTextReaderDepth(w->xr);
		if (t == XML_READER_TYPE_ELEMENT && d == depth)
			return 1;
		if (t == XML_READER_TYPE_END_ELEMENT && d == depth - 1)
			return 0;
		if (step(w, rc) <= 0)
			return 0;
	}
}

/* Skips the current element's subtree; then reads on. */
static int skip(struct walk *w, int *rc)
{
	int got = xmlTextReaderNext(w->xr);
	if (got < 0 || w->failed)
		*rc = malformed(w);
	return *rc ? -1 : got;
}

/* The current element as a subtree (freed as the walk moves on). */
static xmlNode *expand(struct walk *w, int *rc)
{
	xmlNode *n = xmlTextReaderExpand(w->xr);
	if (!n || w->failed)
		*rc = malformed(w);
	return *rc ? NULL : n;
}

static const char *name_of(struct walk *w)
{
	const xmlChar *n = xmlTextReaderConstLocalName(w->xr);
	return n ? (const char *)n : "";
}

static long line_here(struct walk *w)
{
	xmlNode *n = xmlTextReaderCurrentNode(w->xr);
	return n ? xmlGetLineNo(n) : 0L;
}

static int bad_here(struct walk *w, const char *what)
{
	return tl_error(w->r->err, TL_E_INPUT, "%s:%ld: plist: %s", w->r->path, line_here(w), what);
}

/* The diagnostics array: one subtree per diagnostic. */
static int read_diagnostics(struct walk *w, struct tl_report_set *out)
{
	int rc = TL_OK;
	if (strcmp(name_of(w), "array"))
		return bad_here(w, "missing 'diagnostics' array");
	if (xmlTextReaderIsEmptyElement(w->xr))
		return skip(w, &rc) < 0 ? rc : TL_OK;
	if (step(w, &rc) < 0)
		return rc;
	for (size_t i = 0; next_element(w, 3, &rc); i++) {
		xmlNode *d = expand(w, &rc);
		if (!d || (rc = plist_read_diag(w->r, d, i, out)) || skip(w, &rc) < 0)
			return rc;
	}
	return rc;
}

/* One key of the top-level dict and its value. */
static int read_entry(struct walk *w, struct tl_report_set *out, int *seen_diags)
{
	int rc = TL_OK;
	if (strcmp(name_of(w), "key"))
		return bad_here(w, "expected a <key> in the top-level <dict>");
	xmlNode *k = expand(w, &rc);
	char *key = k ? plist_text(k) : NULL;
	if (!key || skip(w, &rc) < 0 || !next_element(w, 2, &rc)) {
		free(key);
		return rc ? rc : bad_here(w, "a <key> without a value");
	}
	xmlNode *v;
	if (!strcmp(key, "diagnostics")) {
		*seen_diags = 1;
		rc = read_diagnostics(w, out);
	} else if (!strcmp(key, "files")) {
		if ((v = expand(w, &rc)) && !(rc = plist_read_files(w->r, v)))
			skip(w, &rc);
	} else if (!strcmp(key, "clang_version")) {
		if ((v = expand(w, &rc)) && !out->tool)
			out->tool = plist_text(v);
		if (!rc)
			skip(w, &rc);
	} else {
		skip(w, &rc);
	}
	free(key);
	return rc;
}

static int read_doc(struct walk *w, struct tl_report_set *out)
{
	int rc = TL_OK, seen_diags = 0;
	if (step(w, &rc) < 0 || !next_element(w, 0, &rc))
		return rc ? rc : malformed(w);
	if (strcmp(name_of(w), "plist"))
		return tl_error(w->r->err, TL_E_INPUT, "%s:%ld: not a plist (root element is <%s>)",
				w->r->path, line_here(w), name_of(w));
	if (xmlTextReaderIsEmptyElement(w->xr) || step(w, &rc) < 0 || !next_element(w, 1, &rc) ||
	    strcmp(name_of(w), "dict"))
		return rc ? rc : bad_here(w, "expected a top-level <dict>");
	if (!xmlTextReaderIsEmptyElement(w->xr) && step(w, &rc) >= 0)
		while (!rc && next_element(w, 2, &rc))
			rc = read_entry(w, out, &seen_diags);
	if (rc)
		return rc;
	while (step(w, &rc) > 0) /* the rest must be well-formed too */
		;
	if (rc)
		return rc;
	if (!seen_diags)
		return tl_error(w->r->err, TL_E_INPUT, "%s:%ld: plist: missing 'diagnostics' array",
				w->r->path, 0L);
	return TL_OK;
}

int tl_plist_read(struct tl_import_ctx *ctx, const char *path, const char *base,
		  struct tl_report_set *out, char **err)
{
	struct plist_reader r = { ctx, path, base, NULL, 0, NULL, 0, 0, err };
	struct walk w = { &r, NULL, "", 0, 0, NULL };
	w.xr = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
				XML_PARSE_NOWARNING);
	if (!w.xr)
		return tl_error(err, TL_E_INPUT, "%s: cannot open or parse", path);
	xmlTextReaderSetStructuredErrorHandler(w.xr, on_error, &w);
	size_t before = out->n;
	int rc = read_doc(&w, out);
	if (!rc)
		rc = plist_resolve(&r, out, before);
	if (rc) /* drop this file's partial reports */
		tl_report_set_truncate(out, before);
	xmlFreeTextReader(w.xr);
	xmlFreeDoc(w.doc); /* NULL unless taken on an error */
	free(r.files);
	free(r.pend);
	return rc;
}
