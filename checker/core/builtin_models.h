/*
 * builtin_models.h - the model files of rules/models, embedded at build time
 * (cmake/embed_models.cmake writes the table) so the plugin finds them with
 * no flag and no install path.
 */
#ifndef TASKLEAK_BUILTIN_MODELS_H
#define TASKLEAK_BUILTIN_MODELS_H

#include <stddef.h>

struct tl_builtin_model {
	const char *origin; /* "rules/models/pthread.json" */
	const char *text;
	size_t len;
};

extern const struct tl_builtin_model tl_builtin_models[];
extern const size_t tl_builtin_model_count;

#endif
