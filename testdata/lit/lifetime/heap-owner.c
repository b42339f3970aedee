// Handles stored in a heap object die when the object is freed (TL101), and
// a task handed the object may use it after the free (TL102, heap part).
// Run with unix.Malloc, as scan-build does by default, and without it.
// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,taskleak -verify %s

#include <glib.h>
#include <pthread.h>
#include <stdlib.h>

static void *worker(void *arg) { return arg; }
static void *owning_worker(void *arg) {
  free(arg);
  return NULL;
}
void use(int);

struct server {
  pthread_t listener;
  int port;
};

void server_run(struct server *s);

void checkLeakFreedOwner(void) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return;
  if (pthread_create(&s->listener, NULL, worker, NULL) != 0) {
    free(s);
    return;
  }
  free(s); // expected-warning{{Thread running 'worker' is never joined or detached (handle 's->listener')}}
}

void checkNoLeakFreedOwnerJoined(void) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return;
  if (pthread_create(&s->listener, NULL, worker, NULL) != 0) {
    free(s);
    return;
  }
  pthread_join(s->listener, NULL);
  free(s); // no warning
}

static void server_free(struct server *s) {
  free(s); // expected-warning{{Thread running 'worker' is never joined or detached (handle 's->listener')}}
  // expected-warning@-1{{The unjoined thread running 'worker' may use its argument after it is freed}}
}

static void server_stop(struct server *s) {
  pthread_join(s->listener, NULL);
  free(s);
}

void checkLeakFreedOwnerHelper(void) {
  struct server *s = calloc(1, sizeof *s);
  if (!s)
    return;
  if (pthread_create(&s->listener, NULL, worker, s) == 0)
    server_free(s);
  else
    free(s);
}

void checkNoLeakFreedOwnerHelper(void) {
  struct server *s = calloc(1, sizeof *s);
  if (!s)
    return;
  if (pthread_create(&s->listener, NULL, worker, s) == 0)
    server_stop(s); // no warning
  else
    free(s);
}

void checkNoLeakOwnerEscapes(void) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return;
  pthread_create(&s->listener, NULL, worker, s);
  server_run(s); // no warning: unknown code may join and free it
}

//===--- the task's argument freed while the task may run ---===//

void checkFreedArgDetached(void) {
  int *data = malloc(sizeof *data);
  pthread_t t;
  if (!data)
    return;
  if (pthread_create(&t, NULL, worker, data) != 0) {
    free(data);
    return;
  }
  pthread_detach(t);
  use(1);
  free(data); // expected-warning{{The detached thread running 'worker' may use its argument after it is freed}}
}

void checkNoFreedArgJoined(void) {
  int *data = malloc(sizeof *data);
  pthread_t t;
  if (!data)
    return;
  if (pthread_create(&t, NULL, worker, data) != 0) {
    free(data);
    return;
  }
  pthread_join(t, NULL);
  free(data); // no warning
}

void checkNoFreedArgDetachedTaskOwnsIt(void) {
  int *data = malloc(sizeof *data);
  pthread_t t;
  if (!data)
    return;
  if (pthread_create(&t, NULL, owning_worker, data) != 0) {
    free(data); // no warning: no task on this path
    return;
  }
  pthread_detach(t); // the task frees it
}

int checkFreedArgErrorPath(int fail) {
  int *data = malloc(sizeof *data);
  pthread_t t;
  if (!data)
    return -1;
  if (pthread_create(&t, NULL, worker, data) != 0) {
    free(data);
    return -1;
  }
  if (fail) {
    free(data); // expected-warning{{The unjoined thread running 'worker' may use its argument after it is freed}}
    return -2;  // expected-warning@-1{{Thread running 'worker' is never joined or detached (handle 't')}}
  }
  pthread_join(t, NULL);
  free(data);
  return 0;
}

//===--- GLib ---===//

struct app {
  GThread *io;
};

static gpointer g_worker(gpointer data) { return data; }

void checkGLeakFreedOwner(void) {
  struct app *a = g_new0(struct app, 1);
  a->io = g_thread_new("io", g_worker, a);
  g_free(a); // expected-warning{{Thread running 'g_worker' is never joined or detached (handle 'a->io')}}
  // expected-warning@-1{{The unjoined thread running 'g_worker' may use its argument after it is freed}}
}

void checkGNoLeakFreedOwner(void) {
  struct app *a = g_new0(struct app, 1);
  a->io = g_thread_new("io", g_worker, a);
  g_thread_join(a->io);
  g_free(a); // no warning
}
