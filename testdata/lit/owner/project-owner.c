// Owners and entries across files (issue 12): the project model says that
// struct client's field `loop` holds the thread client_loop_start starts in
// client_loop.c, and that no function in the project joins it, so a
// destroy function in this file that frees the client is judged here, and
// the report names both places.  An owner whose thread another API
// function stops (server_stop) is left to the caller's order, as within one
// file.  A spawn whose entry is in another file is judged by that entry's
// summary instead of being dropped.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-output=text -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/project_owner.json -verify=project %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify=unit %s

#include <pthread.h>

void xfree(void *);

struct client { pthread_t loop; int quit; };
int client_loop_start(struct client *c);

void client_destroy(struct client *c) { // project-note 2 {{Assuming 'c->loop' holds the running thread started in 'client_loop_start' (client_loop.c:14)}}
  c->quit = 1;
  xfree(c); // project-warning{{Thread running 'client_loop' is never joined or detached before its owner is freed (handle 'c->loop', started in 'client_loop_start' (client_loop.c:14))}}
            // project-note@-1{{Thread running 'client_loop' is never joined or detached before its owner is freed (handle 'c->loop', started in 'client_loop_start' (client_loop.c:14))}}
            // project-warning@-2{{The unjoined thread running 'client_loop' may use its owner after it is freed (handle 'c->loop', started in 'client_loop_start' (client_loop.c:14))}}
            // project-note@-3{{The unjoined thread running 'client_loop' may use its owner after it is freed (handle 'c->loop', started in 'client_loop_start' (client_loop.c:14))}}
}

struct worker { pthread_t tid; };
int worker_start(struct worker *w);

void worker_free(struct worker *w) {
  pthread_join(w->tid, 0);
  xfree(w); // no warning: joined first
}

struct server { pthread_t tid; };
int server_start(struct server *s);
void server_stop(struct server *s);

void server_free(struct server *s) {
  xfree(s); // no warning: server_stop (another file) joins; calling it first is the caller's business
}

typedef struct { pthread_t tid; } elsewhere_t;
void elsewhere_free(elsewhere_t *e) {
  xfree(e); // no warning: the function that fills it is not declared here
}

void *self_detacher(void *);
void *plain_worker(void *);

int startDetacher(void) {
  pthread_t t;
  return pthread_create(&t, 0, self_detacher, 0); // no warning: it detaches itself
}

int startPlain(void) {
  pthread_t t;
  if (pthread_create(&t, 0, plain_worker, 0) != 0) // project-note{{Thread running 'plain_worker' spawned here (handle 't'); its entry is defined in worker.c:9}}
                                                   // project-note@-1{{Assuming the condition is false}}
                                                   // project-note@-2{{Taking false branch}}
    return -1;
  return 0; // project-warning{{Thread running 'plain_worker' is never joined or detached (handle 't')}}
            // project-note@-1{{Thread running 'plain_worker' is never joined or detached (handle 't')}}
}

// unit-no-diagnostics
