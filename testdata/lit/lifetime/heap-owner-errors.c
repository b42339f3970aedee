// Issue 15 item 11: heap owners on error paths.  An object allocated in the
// function, with a task started into its field, that an error path neither
// publishes nor frees: the task is never joined.  Written by the spawn
// (`pthread_create(&s->tid, ...)`) or by assignment (`s->io =
// g_thread_new(...)`, which used to count as stored away).
// RUN: %clang_analyze_cc1 -analyzer-checker=core,unix.Malloc,taskleak -verify %s

#include <glib.h>
#include <pthread.h>
#include <stdlib.h>

void log_error(const char *msg);
int setup(int fd);
static void *worker(void *arg) { return arg; }
static gpointer gworker(gpointer arg) { return arg; }

struct srv {
  pthread_t tid;
  GThread *io;
  int fd;
};

// Bug, plain: the error path drops the object with its running task.
struct srv *srvNew(int fd) {
  struct srv *s = malloc(sizeof *s);
  if (!s)
    return NULL;
  s->fd = fd;
  if (pthread_create(&s->tid, NULL, worker, s) != 0) {
    free(s);
    return NULL;
  }
  if (setup(fd) < 0) {
    log_error("setup"); // expected-warning{{Thread running 'worker' is never joined or detached (handle 's->tid')}}
    // expected-warning@-1{{Potential leak of memory pointed to by 's'}}
    return NULL;
  }
  return s;
}

// Bug, handle assigned into the heap object (used to be "stored away").
struct srv *srvBind(int fd) {
  struct srv *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->io = g_thread_new("io", gworker, s);
  if (setup(fd) < 0) {
    log_error("setup"); // expected-warning{{Thread running 'gworker' is never joined or detached (handle 's->io')}}
    // expected-warning@-1{{Potential leak of memory pointed to by 's'}}
    return NULL;
  }
  return s;
}

// Bug, helper function allocates; the error path frees without a join.
static struct srv *srvAlloc(void) { return calloc(1, sizeof(struct srv)); }

struct srv *srvHelper(int fd) {
  struct srv *s = srvAlloc();
  if (!s)
    return NULL;
  if (pthread_create(&s->tid, NULL, worker, NULL) != 0) {
    free(s);
    return NULL;
  }
  if (setup(fd) < 0) {
    free(s); // expected-warning{{Thread running 'worker' is never joined or detached (handle 's->tid')}}
    return NULL;
  }
  return s;
}

// Bug, struct field of a field.
struct outer {
  struct srv inner;
  int id;
};

struct outer *outerNew(int fd) {
  struct outer *o = malloc(sizeof *o);
  if (!o)
    return NULL;
  o->inner.io = g_thread_new("io", gworker, NULL);
  if (setup(fd) < 0)
    return NULL; // expected-warning{{Thread running 'gworker' is never joined or detached (handle 'o->inner.io')}}
    // expected-warning@-1{{Potential leak of memory pointed to by 'o'}}
  return o;
}

// Fixed: published by return, by an out-parameter, or joined then freed.
struct srv *srvFixed(int fd) {
  struct srv *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->io = g_thread_new("io", gworker, s);
  if (setup(fd) < 0) {
    g_thread_join(s->io);
    free(s);
    return NULL;
  }
  return s;
}

int srvOut(int fd, struct srv **out) {
  struct srv *s = calloc(1, sizeof *s);
  if (!s)
    return -1;
  if (pthread_create(&s->tid, NULL, worker, s) != 0) {
    free(s);
    return -1;
  }
  *out = s;
  if (setup(fd) < 0)
    return -1;
  return 0;
}

static struct srv *registry;

void srvGlobal(int fd) {
  struct srv *s = calloc(1, sizeof *s);
  if (!s)
    return;
  s->io = g_thread_new("io", gworker, s);
  registry = s;
  if (setup(fd) < 0)
    log_error("setup");
}

// Published before the spawn: the store into the caller's memory was made
// when no task was tracked yet, and still makes the block the caller's.
int srvOutFirst(int fd, struct srv **out) {
  struct srv *s = calloc(1, sizeof *s);
  if (!s)
    return -1;
  *out = s;
  if (pthread_create(&s->tid, NULL, worker, s) != 0)
    return -1;
  if (setup(fd) < 0)
    return -1;
  return 0;
}
