/*
 * owners.h - what a project knows across units beyond wrappers (issue
 * 12): the struct fields that receive a task handle, who fills them and
 * who joins or detaches them, in any unit; and what each entry function
 * does with its own handle.  The plugin reads both from the project model
 * for what the unit it analyses does not define (model_project.h).
 */
#ifndef TL_INFER_OWNERS_H
#define TL_INFER_OWNERS_H

#include "facts.h"
#include "fixpoint.h"
#include "model_project.h"

struct strbuf;

struct tl_infer_project {
	tl_owner_row *owners;   /* sorted by record, then field */
	size_t nowners;
	tl_entry_row *entries;  /* sorted by name */
	size_t nentries;
};

/* Owners and entries over every unit's facts, with the models of `base`
 * and the inferred wrapper rows `rows` (a wrapper of a spawn fills a field
 * as the spawn does).  Never fails (out of memory aborts). */
void tl_infer_owners(const struct tl_unit_facts *units, size_t nunits,
		     const tl_model_set *base, const struct tl_infer_rows *rows,
		     struct tl_infer_project *out);
void tl_infer_project_free(struct tl_infer_project *p);

/* `,\n  "owners": [...]` and `,\n  "entries": [...]`, each only when not
 * empty: the members after "functions" in the model file. */
void tl_write_project(struct strbuf *sb, const struct tl_infer_project *p);

#endif
