/*
 * model.h - the API model: which library functions spawn, join or detach a
 * task, and where their handle, entry function and entry argument are.
 *
 * Model files are JSON (the files in rules/models); the built-in ones are embedded
 * at build time so the plugin needs no flag to find them.  The loader checks
 * every field and reports the first problem as "FILE:LINE: FIELD: what",
 * because a model silently half-loaded means bugs silently missed.
 *
 * Ownership: a tl_model_set owns every string of every tl_fn_model in it;
 * pointers returned by lookups stay valid until tl_models_free().
 */
#ifndef TASKLEAK_MODEL_H
#define TASKLEAK_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	TL_ROLE_SPAWN,       /* starts a task; yields a handle */
	TL_ROLE_JOIN,        /* waits for a task and releases its handle */
	TL_ROLE_DETACH,      /* gives up the handle; the task runs on */
	TL_ROLE_ATTR_DETACH, /* marks a spawn attribute object as "detached" */
	TL_ROLE_SELF,        /* returns the calling task's own handle */
	TL_ROLE_EXIT,        /* ends the calling task */
	TL_ROLE_FREE,        /* frees an object (and the handles stored in it) */
	TL_ROLE_WAIT,        /* blocks until another task signals an object */
	TL_ROLE_COUNT_
} tl_role;

/* How a spawn's return value tells success. */
typedef enum {
	TL_SUCCESS_ALWAYS,  /* the call aborts rather than fail */
	TL_SUCCESS_ZERO,    /* returns 0 on success (pthread_create, thrd_create) */
	TL_SUCCESS_NONNULL  /* returns the handle, NULL on failure */
} tl_success;

#define TL_NO_ARG (-1)

typedef struct tl_fn_model {
	char *name;            /* C function name, e.g. "pthread_create" */
	char *library;         /* the model file's "library" */
	tl_role role;
	int handle_arg;        /* join/detach: argument holding the handle */
	bool handle_by_pointer;/* join/detach: that argument points to the handle */
	int handle_out_arg;    /* spawn: pointer argument receiving the handle */
	bool handle_return;    /* spawn: the return value is the handle */
	int entry_arg;         /* spawn: the entry function */
	int entry_param_arg;   /* spawn: the pointer handed to the entry */
	int attr_arg;          /* spawn / attr_detach: the attribute object */
	int value_arg;         /* attr_detach: the detach-state argument */
	int object_arg;        /* free, wait: the object freed or waited on */
	long long detached_value; /* attr_detach: value meaning "detached" */
	tl_success success;    /* spawn (and fallible joins): success test */
} tl_fn_model;

typedef struct tl_model_set tl_model_set;

tl_model_set *tl_models_new(void);
void tl_models_free(tl_model_set *set);

/*
 * Load one model file from memory.  `origin` names it in errors (a path).
 * On error returns -1, leaves `set` unchanged and stores a malloc'ed
 * one-line message in *err (caller frees); returns 0 on success.
 * A function modelled twice is an error: the later file must not silently
 * override an earlier one.
 */
int tl_models_load_buffer(tl_model_set *set, const char *origin,
			  const char *text, size_t len, char **err);

/* Same, reading the file at `path`. */
int tl_models_load_file(tl_model_set *set, const char *path, char **err);

/* Load every model built into this binary (rules/models at build time). */
int tl_models_load_builtin(tl_model_set *set, char **err);

/*
 * Load a list of files separated by ':' or ',' (the analyzer option
 * "Models"). Stops at the first error.
 */
int tl_models_load_list(tl_model_set *set, const char *list, char **err);

const tl_fn_model *tl_models_lookup(const tl_model_set *set, const char *name);
size_t tl_models_count(const tl_model_set *set);
const tl_fn_model *tl_models_at(const tl_model_set *set, size_t i);

const char *tl_role_name(tl_role role);

#ifdef __cplusplus
}
#endif
#endif
