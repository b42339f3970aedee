/* annotations.c - "taskleak_ROLE k=v ..." to a model row (see
 * annotations.h). */
#include "annotations.h"

#include "annotation.h"
#include "common/strbuf.h"

#include <stdlib.h>
#include <string.h>

size_t tl_annotations_load(const struct tl_unit_facts *units, size_t nunits,
			   tl_model_set *set, void (*bad)(void *arg, const char *msg),
			   void *arg)
{
	size_t added = 0;
	for (size_t u = 0; u < nunits; u++) {
		for (size_t i = 0; i < units[u].nannots; i++) {
			const struct tl_annot_fact *a = &units[u].annots[i];
			char *err = NULL;
			if (tl_models_lookup(set, a->name))
				continue; /* seen in another unit, or modelled already */
			if (tl_models_load_annotation(set, a->name, a->text, a->origin, &err) == 0) {
				added++;
			} else if (bad) {
				struct strbuf msg;
				sb_init(&msg);
				/* the loader's "ORIGIN:1: functions[0].FIELD: what" */
				const char *what = err ? strstr(err, "functions[0]") : NULL;
				sb_addf(&msg, "%s: annotation on %s: %s", a->origin, a->name,
					what ? what + strlen("functions[0]") + (what[12] == '.') : (err ? err : "bad"));
				bad(arg, msg.buf);
				sb_release(&msg);
			}
			free(err);
		}
	}
	return added;
}
