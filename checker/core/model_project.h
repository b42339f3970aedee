/*
 * model_project.h - what a project model knows across translation units
 * beyond function rows (issue 12): owner fields and entry summaries.
 *
 * `taskleak models infer` writes them from every unit of a project; the
 * plugin's per-unit pre-passes (OwnerIndex, TaskSummary) read them for
 * what the unit being analysed does not define: a task handle field
 * filled in another file, an entry function whose body is elsewhere.
 *
 *   "owners": [{"record": "mosquitto", "field": "thread_id",
 *               "spawn": "pthread_create", "acquired_in": "mosquitto_loop_start",
 *               "entry": "mosquitto__thread_main", "entry_gets_owner": true,
 *               "released_in": ["mosquitto__destroy"], "flags": ["threaded"],
 *               "origin": "lib/thread_mosq.c:45"}],
 *   "entries": [{"name": "client_main", "detaches_self": true, "origin": "client.c:9"},
 *               {"name": "q_loop", "stops_on": [{"record": "q_t", "field": "exit"}],
 *                "origin": "q.c:5"}]
 *
 * Ownership: the model set owns every string; pointers stay valid until
 * tl_models_free().
 */
#ifndef TASKLEAK_MODEL_PROJECT_H
#define TASKLEAK_MODEL_PROJECT_H

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A struct field that receives a task handle, and who fills and releases it. */
typedef struct tl_owner_row {
	char *record;          /* the struct's tag or typedef name */
	char *field;           /* the field holding the handle */
	char *spawn;           /* the modelled call that fills it */
	char *acquired_in;     /* the function that calls it */
	char *entry;           /* the task's entry function; NULL if not fixed */
	bool entry_gets_owner; /* the task's argument is the owner itself */
	char **released_in;    /* functions, in any unit, that join or detach it */
	size_t nreleased;
	char *origin;          /* "FILE:LINE" of the function that fills it */
	char **flags;          /* fields of the owner that acquired_in assigns
	                        * (`s->started = 1` around the spawn): only
	                        * these may stand for "not started" on a path
	                        * that skips the release */
	size_t nflags;
	char **ended_in;       /* functions, in any unit, that end the owner
	                        * itself: a C++ class's destructor
	                        * (`Worker::~Worker`), judged where defined */
	size_t nended;
} tl_owner_row;

/* One way out of an entry's loop: it is taken only when the field of the
 * task's argument (a `record`) passes the test (`field != 0` by default,
 * "is set"; `equal`: `field == value`). */
typedef struct tl_stop_test {
	char *record;
	char *field;
	bool equal;
	long long value;
} tl_stop_test;

/* What an entry function does with its own handle. */
typedef struct tl_entry_row {
	char *name;
	bool detaches_self;    /* pthread_detach(pthread_self()) in its body */
	char **writes;         /* fields of its argument's struct it assigns
	                        * (a flag the owner tests is then not the
	                        * owner's alone) */
	size_t nwrites;
	char *origin;          /* "FILE:LINE" of its definition */
	bool has_stops;        /* "stops_on" given: the loop the entry settles
	                        * in is summarised (TL403) */
	tl_stop_test *stops;   /* one test per way out of that loop; none: the
	                        * loop never ends */
	size_t nstops;
} tl_entry_row;

/* Free a row's strings (for writers that build rows, the inference). */
void tl_owner_row_clear(tl_owner_row *o);
void tl_entry_row_clear(tl_entry_row *e);

size_t tl_models_owner_count(const tl_model_set *set);
const tl_owner_row *tl_models_owner_at(const tl_model_set *set, size_t i);
size_t tl_models_entry_count(const tl_model_set *set);
const tl_entry_row *tl_models_entry_at(const tl_model_set *set, size_t i);
const tl_entry_row *tl_models_entry_lookup(const tl_model_set *set, const char *name);

#ifdef __cplusplus
}
#endif
#endif
