// mosquitto's loop thread as mosquitto.c has it (issue 12, upstream #2377 /
// #2905 / #3207).  Two things hid it:
//  - the ender is called on the constructor's error path, and the analyzer
//    only analyses a function at the top if no other analysis inlined it:
//    client_destroy was only seen inside client_new, on an object with no
//    thread.  A call to an owner ender whose owner holds no tracked handle
//    is now evaluated as an unknown call, so the ender gets its own
//    analysis (checker/lifetime/TopLevelEnders.h);
//  - the ender hands the owner to helpers in other files, which ended the
//    tracking; the project model says they keep it (role keep).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/ender_keep.json -verify=keep %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/ender_nokeep.json -verify=nokeep %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/ender_keep.json -DFIXED -verify=fixed %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -analyzer-config taskleak.lifetime.UnjoinedTask:Models=%inputs/models/ender_keep.json -analyzer-output=text -verify=keep,notes %s
// nokeep-no-diagnostics
// fixed-no-diagnostics

#include <pthread.h>

typedef __SIZE_TYPE__ size_t;

enum client_ts { CLIENT_TS_NONE, CLIENT_TS_SELF };
struct client {
  pthread_t thread;
  int threaded;     // set by client_loop_start, cleared by the thread too
  int loop_started; // set by client_loop_start only
  int sock;
  char *will;
  char *id;
};
int client_loop_start(struct client *c); // in thread.c
void client_free(void *p);
void *client_calloc(size_t n, size_t size);
char *client_strdup(const char *s);
void client_sock_close(struct client *c);
void client_will_clear(struct client *c);

static void client__destroy(struct client *c) {
#ifdef FIXED
  if (c->loop_started) {
#else
  if (c->threaded == CLIENT_TS_SELF) {
#endif
    pthread_join(c->thread, NULL);
    c->threaded = CLIENT_TS_NONE;
  }
  if (c->sock != -1)
    client_sock_close(c);
  client_will_clear(c);
  client_free(c->id);
}

void client_destroy(struct client *c) { // notes-note 2 {{Assuming 'c->thread' holds the running thread started in 'client_loop_start' (src/thread.c:17)}}
  if (!c) // notes-note 2 {{Assuming 'c' is non-null}}
          // notes-note@-1 2 {{Taking false branch}}
    return;
  client__destroy(c);
  client_free(c); // keep-warning{{Thread running 'client_main' is never joined or detached before its owner is freed (handle 'c->thread', started in 'client_loop_start' (src/thread.c:17))}}
                  // keep-warning@-1{{The unjoined thread running 'client_main' may use its owner after it is freed (handle 'c->thread', started in 'client_loop_start' (src/thread.c:17))}}
                  // notes-note@-2{{Thread running 'client_main' is never joined or detached before its owner is freed (handle 'c->thread', started in 'client_loop_start' (src/thread.c:17))}}
                  // notes-note@-3{{The unjoined thread running 'client_main' may use its owner after it is freed (handle 'c->thread', started in 'client_loop_start' (src/thread.c:17))}}
}

struct client *client_new(const char *id) {
  struct client *c = client_calloc(1, sizeof(*c));
  if (!c)
    return NULL;
  c->sock = -1;
  c->id = client_strdup(id);
  if (!c->id) {
    client_destroy(c);
    return NULL;
  }
  return c;
}
