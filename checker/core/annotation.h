/*
 * annotation.h - a model row a declaration carries itself, as
 * __attribute__((annotate("taskleak_ROLE key=value ..."))) (the macros of
 * rules/include/taskleak.h): read by the plugin's model index and by
 * `taskleak models infer` alike, through the model loader, so an
 * annotation is checked exactly as a model file is.
 */
#ifndef TASKLEAK_ANNOTATION_H
#define TASKLEAK_ANNOTATION_H

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TL_ANNOTATION_PREFIX "taskleak_"
#define TL_ANNOTATION_LIBRARY "annotation"

/*
 * Adds the row `text` ("taskleak_spawn handle_out=0 entry=1 entry_arg=2")
 * declares for function `name` to `set`, of library "annotation", with
 * `origin` ("lib.h:12") as its origin and as the file named in errors.
 * Values that are integers or true/false are JSON ones, others strings.
 * Returns 0, or -1 with the loader's message in *err (caller frees).
 */
int tl_models_load_annotation(tl_model_set *set, const char *name, const char *text,
			      const char *origin, char **err);

#ifdef __cplusplus
}
#endif
#endif
