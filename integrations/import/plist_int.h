/*
 * plist_int.h - what plist.c (the streaming walk over the file) and
 * plist_diag.c (one diagnostic, read from its own small subtree) share.
 */
#ifndef TL_PLIST_INT_H
#define TL_PLIST_INT_H

#include "import.h"

#include <libxml/tree.h>

/* A file index read from a location, resolved once `files` is known:
 * clang writes `files` after `diagnostics`. */
struct plist_pending {
	long file;     /* index into `files` */
	long line;     /* of the location dict, for messages */
	size_t diag;   /* diagnostics[diag] */
};

struct plist_reader {
	struct tl_import_ctx *ctx;
	const char *path;   /* the plist, for messages */
	const char *base;   /* where relative file names start */
	const struct tl_path_entry **files; /* resolved `files` array */
	size_t nfiles;
	struct plist_pending *pend; /* per report: its own, then its steps' */
	size_t npend, apend;
	char **err;
};

/* Reads diagnostics[i] (a subtree) into a report whose file names wait
 * for plist_resolve(). */
int plist_read_diag(struct plist_reader *r, xmlNode *d, size_t i, struct tl_report_set *out);
/* Reads the `files` array (a subtree). */
int plist_read_files(struct plist_reader *r, xmlNode *files);
/* Gives out->v[first..] their file names and finishes them. */
int plist_resolve(struct plist_reader *r, struct tl_report_set *out, size_t first);
/* The text of an element (malloc'ed; "" when empty). */
char *plist_text(xmlNode *n);

#endif
